"""Reference values for tests/MultiTask.Tests/Preprocessing (scalers, imputers, encoders, column transformer).

Run with Debian's python3-sklearn (1.2.1):
    /usr/bin/python3 tests/reference/preprocessing_reference.py > tests/MultiTask.Tests/Preprocessing/SklearnReference.cs
The output is a C# file of pinned numbers; rerun the script and diff to check them.

Conventions shared with the C# tests (PreprocessingData.cs):
- split: training rows are those with index % 3 != 2, test rows those with index % 3 == 2 (original row order);
- "masked": cell (i, j) of the whole matrix is set missing when (7 * i + 13 * j) % 10 == 0, before the split;
- a transformed table is pinned by its per-column nansum and nansum of squares and by the full rows at test
  positions 0, 1, n // 2 and n - 1 (see summary()).
"""
import csv
import gzip
import os
import sys

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import KNNImputer, SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import (MaxAbsScaler, MinMaxScaler, OneHotEncoder, OrdinalEncoder, RobustScaler,
                                   StandardScaler)

assert sklearn.__version__ == "1.2.1", sklearn.__version__
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
NUMBERS = []
NAMES = []


# ---------------------------------------------------------------- data (mirrors ToyDatasets.cs / PreprocessingData.cs)

def diabetes():
    with gzip.open(os.path.join(DATA, "diabetes", "diabetes_data_raw.csv.gz"), "rt") as f:
        return np.loadtxt(f)


def meta_header_csv(folder, name):
    x = np.loadtxt(os.path.join(DATA, folder, name), delimiter=",", skiprows=1)
    return x[:, :-1]


def breast_cancer():
    return meta_header_csv("breast-cancer-wisconsin", "breast_cancer.csv")


def wine():
    return meta_header_csv("wine-recognition", "wine_data.csv")


def energy():
    return np.loadtxt(os.path.join(DATA, "energy-efficiency", "ENB2012_data.csv"), delimiter=",", skiprows=1)[:, :8]


def masked(x):
    x = x.copy()
    i, j = np.indices(x.shape)
    x[(7 * i + 13 * j) % 10 == 0] = np.nan
    return x


def split(x):
    rows = np.arange(x.shape[0])
    return x[rows % 3 != 2], x[rows % 3 == 2]


ADULT_NUMERIC = [0, 2, 4, 10, 11, 12]
ADULT_CATEGORICAL = [1, 3, 5, 6, 7, 8, 9, 13]


def adult(name, skip):
    rows = []
    with gzip.open(os.path.join(DATA, "adult", name), "rt") as f:
        for k, row in enumerate(csv.reader(f, skipinitialspace=True)):
            if k < skip or not row:
                continue
            rows.append([np.nan if v.strip() in ("", "?", "NA") else v.strip() for v in row])
    x = np.array(rows, dtype=object)
    for j in ADULT_NUMERIC:
        x[:, j] = x[:, j].astype(float)
    return x


def adult_numeric_masked(x):
    """Adult with missing numeric values too: age missing when row % 13 == 0, hours-per-week when row % 17 == 5."""
    x = x.copy()
    rows = np.arange(x.shape[0])
    x[rows % 13 == 0, 0] = np.nan
    x[rows % 17 == 5, 12] = np.nan
    return x


# ---------------------------------------------------------------- output

def num(v):
    v = float(v)
    if np.isnan(v):
        return "double.NaN"
    return repr(v)


def put(key, values):
    values = np.asarray(values, dtype=float).ravel()
    NUMBERS.append(f'        ["{key}"] = [{", ".join(num(v) for v in values)}],')


def put_names(key, names):
    NAMES.append(f'        ["{key}"] = [{", ".join(cs(n) for n in names)}],')


def cs(s):
    if s is None or (isinstance(s, float) and np.isnan(s)):
        return "null"
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def summary(key, out):
    """Pins a transformed matrix: column nansums, column nansums of squares, rows 0, 1, n//2, n-1."""
    out = np.asarray(out, dtype=float)
    n = out.shape[0]
    put(key + ".sum", np.nansum(out, axis=0))
    put(key + ".sumsq", np.nansum(out * out, axis=0))
    put(key + ".rows", out[[0, 1, n // 2, n - 1], :])


# ---------------------------------------------------------------- scalers

def scalers():
    dia_train, dia_test = split(diabetes())
    bc_train, bc_test = split(breast_cancer())
    wine_train, wine_test = split(wine())
    en_train, en_test = split(energy())
    dm_train, dm_test = split(masked(diabetes()))

    def standard(key, train, test, **kw):
        s = StandardScaler(**kw).fit(train)
        put(key + ".n", np.broadcast_to(s.n_samples_seen_, (train.shape[1],)))
        if s.mean_ is not None:
            put(key + ".mean", s.mean_)
        if s.var_ is not None:
            put(key + ".var", s.var_)
            put(key + ".scale", s.scale_)
        summary(key + ".test", s.transform(test))

    standard("standard.diabetes", dia_train, dia_test)
    standard("standard.wine.nomean", wine_train, wine_test, with_mean=False)
    standard("standard.breast.nostd", bc_train, bc_test, with_std=False)
    standard("standard.diabetes_masked", dm_train, dm_test)
    const_train = np.column_stack([wine_train, np.full(wine_train.shape[0], 3.5)])
    const_test = np.column_stack([wine_test, np.linspace(3, 4, wine_test.shape[0])])
    standard("standard.wine_constant", const_train, const_test)

    def minmax(key, train, test, **kw):
        s = MinMaxScaler(**kw).fit(train)
        for attr in ("data_min_", "data_max_", "data_range_", "scale_", "min_"):
            put(f"{key}.{attr.rstrip('_')}", getattr(s, attr))
        summary(key + ".test", s.transform(test))

    minmax("minmax.breast", bc_train, bc_test)
    minmax("minmax.wine.range_clip", wine_train, wine_test, feature_range=(-1, 1), clip=True)
    minmax("minmax.diabetes_masked", dm_train, dm_test)
    minmax("minmax.wine_constant", const_train, const_test)

    def robust(key, train, test, **kw):
        s = RobustScaler(**kw).fit(train)
        if s.center_ is not None:
            put(key + ".center", s.center_)
        if s.scale_ is not None:
            put(key + ".scale", s.scale_)
        summary(key + ".test", s.transform(test))

    robust("robust.energy", en_train, en_test)
    robust("robust.diabetes.q10_90_unit", dia_train, dia_test, quantile_range=(10, 90), unit_variance=True)
    robust("robust.breast.nocenter", bc_train, bc_test, with_centering=False)
    robust("robust.diabetes_masked", dm_train, dm_test)
    robust("robust.wine_constant", const_train, const_test)

    def maxabs(key, train, test):
        s = MaxAbsScaler().fit(train)
        put(key + ".max_abs", s.max_abs_)
        put(key + ".scale", s.scale_)
        summary(key + ".test", s.transform(test))

    maxabs("maxabs.wine", wine_train, wine_test)
    maxabs("maxabs.energy", en_train, en_test)
    maxabs("maxabs.diabetes_masked", dm_train, dm_test)


# ---------------------------------------------------------------- imputers

DIABETES_NAMES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
ENERGY_NAMES = [f"X{j}" for j in range(1, 9)]


def diabetes_empty():
    """diabetes_masked with column 'bp' (3) entirely missing in the training rows."""
    train, test = split(masked(diabetes()))
    train[:, 3] = np.nan
    return train, test


def check_no_knn_ties(key, train, test, k):
    """The k-th and (k+1)-th nearest donors must be separated, so the choice of neighbours cannot depend on rounding."""
    from sklearn.metrics.pairwise import nan_euclidean_distances
    d = nan_euclidean_distances(test, train)
    ties = 0
    for i, j in zip(*np.nonzero(np.isnan(test))):
        donors = np.sort(d[i, ~np.isnan(train[:, j])])
        donors = donors[~np.isnan(donors)]
        if len(donors) > k and donors[k] - donors[k - 1] <= 1e-9 * max(donors[k], 1.0):
            ties += 1
    assert ties == 0, f"{key}: {ties} near-ties at the k-th neighbour"


def imputers():
    dm_train, dm_test = split(masked(diabetes()))
    em_train, em_test = split(masked(energy()))

    def simple(key, train, test, names, **kw):
        s = SimpleImputer(**kw).fit(train)
        put(key + ".statistics", s.statistics_)
        put_names(key + ".names", s.get_feature_names_out(names))
        summary(key + ".test", s.transform(test))

    simple("simple.diabetes_masked.mean", dm_train, dm_test, DIABETES_NAMES, add_indicator=True)
    simple("simple.diabetes_masked.median", dm_train, dm_test, DIABETES_NAMES, strategy="median")
    simple("simple.energy_masked.most_frequent", em_train, em_test, ENERGY_NAMES, strategy="most_frequent", add_indicator=True)
    simple("simple.diabetes_masked.constant", dm_train, dm_test, DIABETES_NAMES, strategy="constant", fill_value=-1.0)
    de_train, de_test = diabetes_empty()
    simple("simple.diabetes_empty.mean", de_train, de_test, DIABETES_NAMES, add_indicator=True)
    simple("simple.diabetes_empty.median_keep", de_train, de_test, DIABETES_NAMES, strategy="median", keep_empty_features=True)
    simple("simple.diabetes_empty.constant", de_train, de_test, DIABETES_NAMES, strategy="constant")

    # categorical: adult's three columns with '?' values
    a_train, a_test = adult("adult.data.gz", 0), adult("adult.test.gz", 1)
    cols = [1, 6, 13]
    for strategy in ("most_frequent", "constant"):
        s = SimpleImputer(strategy=strategy, missing_values=np.nan).fit(a_train[:, cols])
        key = f"simple.adult.{strategy}"
        put_names(key + ".statistics", s.statistics_)
        out = s.transform(a_test[:, cols])
        put(key + ".test.filled", [np.sum(out[:, c] == s.statistics_[c]) for c in range(len(cols))])

    def knn(key, train, test, names, **kw):
        check_no_knn_ties(key, train, test, kw.get("n_neighbors", 5))
        s = KNNImputer(**kw).fit(train)
        put_names(key + ".names", s.get_feature_names_out(names))
        out = s.transform(test)
        summary(key + ".test", out)
        put(key + ".imputed", out[:, : test.shape[1]][np.isnan(test)] if out.shape[1] >= test.shape[1] else [])

    bm_train, bm_test = split(masked(breast_cancer()))
    wm_train, wm_test = split(masked(wine()))
    knn("knn.breast_masked", bm_train, bm_test, [f"x{j}" for j in range(30)], add_indicator=True)
    knn("knn.diabetes_masked.distance", dm_train, dm_test, DIABETES_NAMES, weights="distance")
    knn("knn.wine_masked.k3", wm_train, wm_test, [f"x{j}" for j in range(13)], n_neighbors=3)
    knn("knn.diabetes_empty.keep", de_train, de_test, DIABETES_NAMES, keep_empty_features=True)


# ---------------------------------------------------------------- encoders and column transformer

ADULT_NAMES = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
               "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"]


def encoders():
    a_train, a_test = adult("adult.data.gz", 0), adult("adult.test.gz", 1)
    cat_names = [ADULT_NAMES[j] for j in ADULT_CATEGORICAL]
    c_train, c_test = a_train[:, ADULT_CATEGORICAL], a_test[:, ADULT_CATEGORICAL]

    def onehot(key, train, test, **kw):
        e = OneHotEncoder(sparse_output=False, **kw).fit(train)
        for name, cats in zip(cat_names, e.categories_):
            put_names(f"{key}.categories.{name}", cats)
        if e._infrequent_enabled:
            for name, cats in zip(cat_names, e.infrequent_categories_):
                put_names(f"{key}.infrequent.{name}", [] if cats is None else cats)
        put_names(key + ".names", e.get_feature_names_out(cat_names))
        summary(key + ".test", e.transform(test))

    onehot("onehot.adult", c_train, c_test)
    onehot("onehot.adult.fraction_infrequent", c_train, c_test, min_frequency=0.01, handle_unknown="infrequent_if_exist")
    onehot("onehot.adult.max5_min100", c_train, c_test, max_categories=5, min_frequency=100)
    # fitted on adult.test, applied to adult.data, which has a country that adult.test lacks
    unseen = sorted(set(c_train[:, 7]) - set(c_test[:, 7]), key=str)
    put_names("onehot.adult_reverse.unseen", unseen)
    onehot("onehot.adult_reverse.ignore", c_test, c_train, handle_unknown="ignore")
    onehot("onehot.adult_reverse.infrequent", c_test, c_train, handle_unknown="infrequent_if_exist", min_frequency=50)

    def ordinal(key, train, test, **kw):
        e = OrdinalEncoder(**kw).fit(train)
        for name, cats in zip(cat_names, e.categories_):
            put_names(f"{key}.categories.{name}", cats)
        summary(key + ".test", e.transform(test))

    ordinal("ordinal.adult", c_train, c_test)
    ordinal("ordinal.adult_reverse.unknown", c_test, c_train, handle_unknown="use_encoded_value", unknown_value=-1,
            encoded_missing_value=-2)

    # column transformer: numeric (median imputer + standard scaler) and categorical (most frequent + one-hot)
    f_train, f_test = adult_numeric_masked(a_train[:, :14]), adult_numeric_masked(a_test[:, :14])
    ct = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), ADULT_NUMERIC),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(sparse_output=False, handle_unknown="ignore", min_frequency=50)), ADULT_CATEGORICAL),
    ], verbose_feature_names_out=False).fit(f_train)
    put("ct.adult.num.median", ct.named_transformers_["num"][0].statistics_)
    put("ct.adult.num.mean", ct.named_transformers_["num"][1].mean_)
    put("ct.adult.num.scale", ct.named_transformers_["num"][1].scale_)
    put_names("ct.adult.names", ct.get_feature_names_out(ADULT_NAMES[:14]))
    summary("ct.adult.test", np.asarray(ct.transform(f_test), dtype=float))

    cols = [0, 2, 4, 10, 1, 3]  # age, fnlwgt, education-num, capital-gain, workclass, education
    names = [ADULT_NAMES[j] for j in cols]
    ct = ColumnTransformer([
        ("num", RobustScaler(), [0, 1]),
        ("cat", OrdinalEncoder(), [4, 5]),
    ], remainder="passthrough").fit(f_train[:, cols])
    put_names("ct.adult_passthrough.names", ct.get_feature_names_out(names))
    summary("ct.adult_passthrough.test", np.asarray(ct.transform(f_test[:, cols]), dtype=float))


# ---------------------------------------------------------------- main

def main():
    scalers()
    imputers()
    encoders()
    print("// <auto-generated>")
    print(f"// By tests/reference/preprocessing_reference.py with scikit-learn {sklearn.__version__}, numpy {np.__version__}.")
    print("// Do not edit: rerun the script (see its docstring).")
    print("// </auto-generated>")
    print("#nullable enable")
    print("namespace MultiTask.Tests.Preprocessing;")
    print()
    print("internal static class SklearnReference")
    print("{")
    print("    public static readonly Dictionary<string, double[]> Numbers = new()")
    print("    {")
    for line in NUMBERS:
        print(line)
    print("    };")
    print()
    print("    public static readonly Dictionary<string, string?[]> Names = new()")
    print("    {")
    for line in NAMES:
        print(line)
    print("    };")
    print("}")


if __name__ == "__main__":
    main()
