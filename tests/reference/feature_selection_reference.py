"""Reference values for tests/MultiTask.Tests/FeatureSelection (filters: score functions, selectors, aggregation).

Run with Debian's python3-sklearn (1.2.1), from the repository root:
    /usr/bin/python3 tests/reference/feature_selection_reference.py \
        > tests/MultiTask.Tests/FeatureSelection/SklearnFeatureSelectionReference.cs
The output is the C# file of pinned values; rerun this script to check or regenerate it. It reads the same files as
tests/MultiTask.Tests/TestUtilities/ToyDatasets.cs.
"""
import gzip
import os
import sys
from collections import Counter

import numpy as np
import scipy
import sklearn
from scipy.stats import rankdata
from sklearn.feature_selection import (SelectKBest, SelectPercentile, VarianceThreshold, chi2, f_classif,
                                       f_regression, mutual_info_classif, mutual_info_regression, r_regression)

assert sklearn.__version__ == "1.2.1", sklearn.__version__
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")


def meta_csv(folder, name):
    a = np.loadtxt(os.path.join(DATA, folder, name), delimiter=",", skiprows=1)
    return a[:, :-1], a[:, -1].astype(int)


def gz(folder, name):
    with gzip.open(os.path.join(DATA, folder, name), "rt") as f:
        return np.loadtxt(f)


bc_x, bc_y = meta_csv("breast-cancer-wisconsin", "breast_cancer.csv")
wine_x, wine_y = meta_csv("wine-recognition", "wine_data.csv")
diab_x, diab_y = gz("diabetes", "diabetes_data_raw.csv.gz"), gz("diabetes", "diabetes_target.csv.gz")
lin_x = np.loadtxt(os.path.join(DATA, "linnerud", "linnerud_exercise.csv"), skiprows=1)
lin_y = np.loadtxt(os.path.join(DATA, "linnerud", "linnerud_physiological.csv"), skiprows=1)
enb = np.loadtxt(os.path.join(DATA, "energy-efficiency", "ENB2012_data.csv"), delimiter=",", skiprows=1)
enb_x, enb_y1, enb_y2 = enb[:, :8], enb[:, 8], enb[:, 9]

out = []


def num(v):
    v = float(v)
    if np.isnan(v):
        return "double.NaN"
    if np.isinf(v):
        return "double.PositiveInfinity" if v > 0 else "double.NegativeInfinity"
    return repr(v)


def doubles(name, values):
    out.append(f"    public static readonly double[] {name} = [{', '.join(num(v) for v in np.ravel(values))}];")


def ints(name, values):
    out.append(f"    public static readonly int[] {name} = [{', '.join(str(int(v)) for v in values)}];")


def support(name, selector):
    ints(name, np.flatnonzero(selector.get_support()))


def scalar(name, value):
    out.append(f"    public const double {name} = {num(value)};")


# --- score functions ---------------------------------------------------------------------------------------------
for label, (x, y) in {"BreastCancer": (bc_x, bc_y), "Wine": (wine_x, wine_y)}.items():
    f, p = f_classif(x, y)
    doubles(f"{label}FClassifScores", f)
    doubles(f"{label}FClassifPValues", p)
    c, p = chi2(x, y)
    doubles(f"{label}Chi2Scores", c)
    doubles(f"{label}Chi2PValues", p)

regression = {
    "Diabetes": (diab_x, diab_y),
    "LinnerudWeight": (lin_x, lin_y[:, 0]),
    "LinnerudWaist": (lin_x, lin_y[:, 1]),
    "LinnerudPulse": (lin_x, lin_y[:, 2]),
    "EnergyHeating": (enb_x, enb_y1),
    "EnergyCooling": (enb_x, enb_y2),
}
for label, (x, y) in regression.items():
    f, p = f_regression(x, y)
    doubles(f"{label}FRegressionScores", f)
    doubles(f"{label}FRegressionPValues", p)
    doubles(f"{label}RRegression", r_regression(x, y))
f, p = f_regression(diab_x, diab_y, center=False)
doubles("DiabetesFRegressionUncenteredScores", f)
doubles("DiabetesFRegressionUncenteredPValues", p)

# --- VarianceThreshold ---------------------------------------------------------------------------------------------
for label, x in {"BreastCancer": bc_x, "Wine": wine_x, "Diabetes": diab_x, "Energy": enb_x}.items():
    vt = VarianceThreshold().fit(x)
    doubles(f"{label}Variances", vt.variances_)
    threshold = float(np.median(vt.variances_))
    scalar(f"{label}MedianVariance", threshold)
    support(f"{label}VarianceSupportAtMedian", VarianceThreshold(threshold).fit(x))
# a constant and a partly missing column: threshold 0 drops the constant; NaN is ignored by the variance
x = np.column_stack([wine_x[:, :3], np.full(len(wine_x), 3.7), wine_x[:, 3]])
x[5, 4] = np.nan
vt = VarianceThreshold().fit(x)
doubles("WineWithConstantAndMissingVariances", vt.variances_)
support("WineWithConstantAndMissingSupport", vt)

# --- SelectKBest / SelectPercentile ----------------------------------------------------------------------------------
cases = [
    ("BreastCancerFClassif", f_classif, bc_x, bc_y),
    ("WineFClassif", f_classif, wine_x, wine_y),
    ("BreastCancerChi2", chi2, bc_x, bc_y),
    ("WineChi2", chi2, wine_x, wine_y),
    ("DiabetesFRegression", f_regression, diab_x, diab_y),
    ("EnergyHeatingFRegression", f_regression, enb_x, enb_y1),
    ("LinnerudPulseFRegression", f_regression, lin_x, lin_y[:, 2]),
]
for label, fn, x, y in cases:
    for k in (1, 3, 5, 10):
        if k <= x.shape[1]:
            support(f"{label}K{k}", SelectKBest(fn, k=k).fit(x, y))
    for q in (10, 25, 33, 50, 90):
        support(f"{label}Percentile{q}", SelectPercentile(fn, percentile=q).fit(x, y))

# ties: duplicated wine columns give equal scores; every k and several percentiles
dup_columns = [0, 6, 6, 12, 0, 9, 9, 3]
ints("TieColumns", dup_columns)
dup = wine_x[:, dup_columns]
doubles("TieFClassifScores", f_classif(dup, wine_y)[0])
for k in range(0, len(dup_columns) + 1):
    support(f"TieK{k}", SelectKBest(f_classif, k=k).fit(dup, wine_y))
for q in (10, 20, 25, 30, 40, 50, 60, 75, 80, 90):
    support(f"TiePercentile{q}", SelectPercentile(f_classif, percentile=q).fit(dup, wine_y))

# --- mutual information: top-k sets over seeds (scikit-learn's own result depends on its jitter where data tie) ----
SEEDS = 30
mi_cases = [
    ("BreastCancer", mutual_info_classif, bc_x, bc_y),
    ("Wine", mutual_info_classif, wine_x, wine_y),
    ("Diabetes", mutual_info_regression, diab_x, diab_y),
    ("EnergyHeating", mutual_info_regression, enb_x, enb_y1),
    ("EnergyCooling", mutual_info_regression, enb_x, enb_y2),
]
for label, fn, x, y in mi_cases:
    mis = np.array([fn(x, y, random_state=s) for s in range(SEEDS)])
    doubles(f"{label}MutualInfoSeed0", mis[0])
    doubles(f"{label}MutualInfoMean", mis.mean(axis=0))
    doubles(f"{label}MutualInfoStd", mis.std(axis=0))
    for k in (3, 5, 10):
        if k >= x.shape[1]:
            continue
        sets = Counter(tuple(np.flatnonzero(SelectKBest(lambda a, b, m=m: m, k=k).fit(x, y).get_support())) for m in mis)
        body = ", ".join(f"[{', '.join(map(str, s))}]" for s, _ in sets.most_common())
        out.append(f"    public static readonly int[][] {label}MutualInfoTop{k}Sets = [{body}];")
        ints(f"{label}MutualInfoTop{k}SetCounts", [c for _, c in sets.most_common()])

# --- multi-task aggregation (the library's definition; not part of scikit-learn) -----------------------------------
def combine(task_scores, how):
    s = np.array(task_scores)
    if how == "Mean":
        return s.mean(axis=0)
    if how == "Max":
        return s.max(axis=0)
    return -np.mean([rankdata(-t, method="average") for t in s], axis=0)


for label, x, ys in [("Energy", enb_x, [enb_y1, enb_y2]), ("Linnerud", lin_x, [lin_y[:, 0], lin_y[:, 1], lin_y[:, 2]])]:
    per_task = [f_regression(x, y)[0] for y in ys]
    for how in ("Mean", "Max", "Rank"):
        combined = combine(per_task, how)
        doubles(f"{label}{how}Scores", combined)
        for k in (1, 2, 3):
            mask = np.zeros(len(combined), dtype=bool)
            mask[np.argsort(combined, kind="mergesort")[-k:]] = True
            ints(f"{label}{how}K{k}", np.flatnonzero(mask))

# --- correlation filter (the library's greedy rule on numpy.corrcoef; no scikit-learn equivalent) --------------------
def greedy_keep(x, threshold):
    r = np.corrcoef(x, rowvar=False)
    kept = []
    for j in range(x.shape[1]):
        if not any(abs(r[i, j]) > threshold for i in kept):
            kept.append(j)
    return kept


doubles("WineCorrelations", np.corrcoef(wine_x, rowvar=False))
for label, x in {"Wine": wine_x, "BreastCancer": bc_x, "Energy": enb_x}.items():
    for t in (0.5, 0.7, 0.9):
        ints(f"{label}CorrelationKept{int(t * 100)}", greedy_keep(x, t))

print("// <auto-generated>")
print("// Generated by tests/reference/feature_selection_reference.py with scikit-learn "
      f"{sklearn.__version__}, NumPy {np.__version__}, SciPy {scipy.__version__} (Python {sys.version.split()[0]}).")
print("// Do not edit: rerun the script to regenerate.")
print("// </auto-generated>")
print("namespace MultiTask.Tests.FeatureSelection;")
print()
print("/// <summary>scikit-learn 1.2.1's feature-selection outputs on the test datasets (feature indices are 0-based).</summary>")
print("internal static class SklearnFeatureSelectionReference")
print("{")
print("\n".join(out))
print("}")
