"""Reference values for tests/MultiTask.Tests/FeatureSelection (the model-based selectors).

Run with Debian's python3-sklearn (1.2.1; numpy 1.24):
    /usr/bin/python3 tests/reference/feature_selection_models_reference.py > /tmp/reference.cs
It prints C# field declarations; they are pinned in
tests/MultiTask.Tests/FeatureSelection/SklearnModelReference.cs. Rerun this script to check them.

The data are read from tests/data exactly as tests/MultiTask.Tests/TestUtilities/ToyDatasets.cs reads them.
"Standardised" means (x - mean) / std with the population standard deviation (StandardScaler's definition).
"""
import gzip
import os
import warnings

import numpy as np
import sklearn
from sklearn.feature_selection import RFE, RFECV, SelectFromModel, SequentialFeatureSelector
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, MultiTaskLasso
from sklearn.model_selection import KFold, StratifiedKFold

warnings.simplefilter("ignore")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")


def load_gz(folder, name):
    with gzip.open(os.path.join(DATA, folder, name), "rt") as f:
        return np.loadtxt(f)


def meta_header_csv(folder, name):
    rows = np.loadtxt(os.path.join(DATA, folder, name), delimiter=",", skiprows=1)
    return rows[:, :-1], rows[:, -1].astype(int)


def standardise(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


diabetes_x = load_gz("diabetes", "diabetes_data_raw.csv.gz")
diabetes_y = load_gz("diabetes", "diabetes_target.csv.gz")
cancer_x, cancer_y = meta_header_csv("breast-cancer-wisconsin", "breast_cancer.csv")
cancer_xs = standardise(cancer_x)
wine_x, wine_y = meta_header_csv("wine-recognition", "wine_data.csv")
wine_xs = standardise(wine_x)
linnerud_x = np.loadtxt(os.path.join(DATA, "linnerud", "linnerud_exercise.csv"), skiprows=1)
linnerud_y = np.loadtxt(os.path.join(DATA, "linnerud", "linnerud_physiological.csv"), skiprows=1)
energy = np.loadtxt(os.path.join(DATA, "energy-efficiency", "ENB2012_data.csv"), delimiter=",", skiprows=1)
energy_x, energy_y = energy[:, :8], energy[:, 8:]

# The converged logistic regression (L2, C = 1, lbfgs's objective). scikit-learn's default lbfgs stops on scipy's
# objective-change test (ftol 2.2e-9) about 3e-4 short of the optimum in the coefficients, whatever `tol` is; the C#
# solver (Newton) converges, so the reference is scikit-learn's own Newton solvers run to a tight tolerance:
# newton-cholesky for binary targets, newton-cg (multinomial) for multiclass ones.
def tight_logistic(binary):
    if binary:
        return LogisticRegression(solver="newton-cholesky", tol=1e-12, max_iter=1000)
    return LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=1000)


def max_relative(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))) / np.max(np.abs(np.asarray(b))))


def name(s):
    return s


def doubles(field, values):
    values = np.ravel(np.asarray(values, dtype=float))
    print(f"    public static readonly double[] {field} = [{', '.join(repr(float(v)) for v in values)}];")


def ints(field, values):
    values = np.ravel(np.asarray(values))
    print(f"    public static readonly int[] {field} = [{', '.join(str(int(v)) for v in values)}];")


def scalar(field, value):
    if isinstance(value, (int, np.integer)):
        print(f"    public const int {field} = {int(value)};")
    else:
        print(f"    public const double {field} = {repr(float(value))};")


print(f"    // scikit-learn {sklearn.__version__}, numpy {np.__version__}")

# --- Lasso and ElasticNet on the raw diabetes data -----------------------------------------------------------
for alpha, tag in [(0.01, "A001"), (0.1, "A01"), (1.0, "A1"), (10.0, "A10")]:
    m = Lasso(alpha=alpha).fit(diabetes_x, diabetes_y)
    doubles(f"LassoDiabetes{tag}Coef", m.coef_)
    scalar(f"LassoDiabetes{tag}Intercept", m.intercept_)
    scalar(f"LassoDiabetes{tag}Iterations", m.n_iter_)
    scalar(f"LassoDiabetes{tag}DualGap", m.dual_gap_)

for alpha, l1, tag in [(0.1, 0.5, "A01R05"), (1.0, 0.7, "A1R07"), (0.01, 0.2, "A001R02")]:
    m = ElasticNet(alpha=alpha, l1_ratio=l1).fit(diabetes_x, diabetes_y)
    doubles(f"ElasticNetDiabetes{tag}Coef", m.coef_)
    scalar(f"ElasticNetDiabetes{tag}Intercept", m.intercept_)
    scalar(f"ElasticNetDiabetes{tag}Iterations", m.n_iter_)

# --- MultiTaskLasso --------------------------------------------------------------------------------------------
for x, y, data, alphas in [(linnerud_x, linnerud_y, "Linnerud", [(1.0, "A1"), (10.0, "A10")]),
                           (energy_x, energy_y, "Energy", [(0.1, "A01"), (1.0, "A1")])]:
    for alpha, tag in alphas:
        m = MultiTaskLasso(alpha=alpha).fit(x, y)
        doubles(f"MultiTaskLasso{data}{tag}Coef", m.coef_)  # row-major (tasks, features)
        doubles(f"MultiTaskLasso{data}{tag}Intercept", m.intercept_)
        scalar(f"MultiTaskLasso{data}{tag}Iterations", m.n_iter_)

# --- LinearRegression
m = LinearRegression().fit(diabetes_x, diabetes_y)
doubles("LinearRegressionDiabetesCoef", m.coef_)
scalar("LinearRegressionDiabetesIntercept", m.intercept_)

# --- LogisticRegression (converged) -------------------------------------------------------------------------
m = tight_logistic(True).fit(cancer_xs, cancer_y)
doubles("LogisticCancerCoef", m.coef_)
scalar("LogisticCancerIntercept", m.intercept_[0])
d = LogisticRegression().fit(cancer_xs, cancer_y)
doubles("LogisticCancerDefaultLbfgsCoef", d.coef_)
print(f"    // default lbfgs vs converged, max |difference| / max |coef|: {max_relative(d.coef_, m.coef_):.3g}")
m = tight_logistic(False).fit(wine_xs, wine_y)
doubles("LogisticWineCoef", m.coef_)  # row-major (classes, features)
doubles("LogisticWineIntercept", m.intercept_)
d = LogisticRegression().fit(wine_xs, wine_y)
doubles("LogisticWineDefaultLbfgsCoef", d.coef_)
print(f"    // default lbfgs vs converged, max |difference| / max |coef|: {max_relative(d.coef_, m.coef_):.3g}")

# --- RFE ----------------------------------------------------------------------------------------------------
ints("RfeLinearDiabetes3Ranking", RFE(LinearRegression(), n_features_to_select=3).fit(diabetes_x, diabetes_y).ranking_)
ints("RfeLinearDiabetes2Step3Ranking", RFE(LinearRegression(), n_features_to_select=2, step=3).fit(diabetes_x, diabetes_y).ranking_)
ints("RfeLinearDiabetesHalfStep025Ranking", RFE(LinearRegression(), step=0.25).fit(diabetes_x, diabetes_y).ranking_)
# Lasso with a large alpha leaves many coefficients at exactly zero: ties that np.argsort (introsort) breaks.
ints("RfeLassoDiabetes1Ranking", RFE(Lasso(alpha=10.0), n_features_to_select=1).fit(diabetes_x, diabetes_y).ranking_)
cancer_rfe = RFE(tight_logistic(True), n_features_to_select=5).fit(cancer_xs, cancer_y).ranking_
ints("RfeLogisticCancer5Ranking", cancer_rfe)
print(f"    // RFE with scikit-learn's default LogisticRegression (tol=1e-4) ranks the same: "
      f"{bool(np.array_equal(cancer_rfe, RFE(LogisticRegression(), n_features_to_select=5).fit(cancer_xs, cancer_y).ranking_))}")
ints("RfeLogisticWine4Ranking", RFE(tight_logistic(False), n_features_to_select=4, step=2).fit(wine_xs, wine_y).ranking_)

# --- RFECV --------------------------------------------------------------------------------------------------
r = RFECV(LinearRegression(), cv=5).fit(diabetes_x, diabetes_y)
scalar("RfecvLinearDiabetesFeatures", r.n_features_)
ints("RfecvLinearDiabetesRanking", r.ranking_)
doubles("RfecvLinearDiabetesMeanScores", r.cv_results_["mean_test_score"])
doubles("RfecvLinearDiabetesStdScores", r.cv_results_["std_test_score"])
r = RFECV(LinearRegression(), step=3, cv=3, min_features_to_select=2).fit(diabetes_x, diabetes_y)
scalar("RfecvLinearDiabetesStep3Features", r.n_features_)
ints("RfecvLinearDiabetesStep3Ranking", r.ranking_)
doubles("RfecvLinearDiabetesStep3MeanScores", r.cv_results_["mean_test_score"])
r = RFECV(tight_logistic(True), cv=5).fit(cancer_xs, cancer_y)
scalar("RfecvLogisticCancerFeatures", r.n_features_)
ints("RfecvLogisticCancerRanking", r.ranking_)
doubles("RfecvLogisticCancerMeanScores", r.cv_results_["mean_test_score"])
r = RFECV(tight_logistic(False), cv=4).fit(wine_xs, wine_y)
scalar("RfecvLogisticWineFeatures", r.n_features_)
ints("RfecvLogisticWineRanking", r.ranking_)
doubles("RfecvLogisticWineMeanScores", r.cv_results_["mean_test_score"])

# --- SequentialFeatureSelector --------------------------------------------------------------------------------
for direction, n, cv, tag in [("forward", 3, 5, "Forward3"), ("backward", 3, 5, "Backward3"), ("forward", 6, 4, "Forward6Cv4"),
                              ("backward", 8, 5, "Backward8")]:
    s = SequentialFeatureSelector(LinearRegression(), n_features_to_select=n, direction=direction, cv=cv).fit(diabetes_x, diabetes_y)
    ints(f"SfsLinearDiabetes{tag}Support", np.flatnonzero(s.support_))
s = SequentialFeatureSelector(tight_logistic(False), n_features_to_select=3, cv=5).fit(wine_xs, wine_y)
ints("SfsLogisticWineForward3Support", np.flatnonzero(s.support_))

# --- SelectFromModel ----------------------------------------------------------------------------------------
ints("SelectFromLassoDiabetesA1Support", np.flatnonzero(SelectFromModel(Lasso(alpha=1.0)).fit(diabetes_x, diabetes_y).get_support()))
ints("SelectFromLassoDiabetesA10Support", np.flatnonzero(SelectFromModel(Lasso(alpha=10.0)).fit(diabetes_x, diabetes_y).get_support()))
ints("SelectFromElasticNetDiabetesA1R07Support",
     np.flatnonzero(SelectFromModel(ElasticNet(alpha=1.0, l1_ratio=0.7)).fit(diabetes_x, diabetes_y).get_support()))
ints("SelectFromMultiTaskLassoEnergyA1Support",
     np.flatnonzero(SelectFromModel(MultiTaskLasso(alpha=1.0)).fit(energy_x, energy_y).get_support()))
ints("SelectFromLassoDiabetesA01Max4Support",
     np.flatnonzero(SelectFromModel(Lasso(alpha=0.1), max_features=4).fit(diabetes_x, diabetes_y).get_support()))

# --- The splitters and np.argsort's tie order --------------------------------------------------------------
ints("StratifiedKFold5WineTestFolds",
     np.concatenate([np.full(len(te), k)[np.argsort(te)] for k, (_, te) in enumerate(StratifiedKFold(5).split(wine_x, wine_y))])[
         np.argsort(np.concatenate([te for _, te in StratifiedKFold(5).split(wine_x, wine_y)]))])
ints("KFold4Of10TestSizes", [len(te) for _, te in KFold(4).split(np.zeros((10, 1)))])
rng = np.random.RandomState(0)
ties = rng.randint(0, 4, size=40).astype(float)
doubles("ArgsortTiesValues", ties)
ints("ArgsortTiesOrder", np.argsort(ties))
ties2 = np.round(rng.rand(100), 1)
doubles("ArgsortTies2Values", ties2)
ints("ArgsortTies2Order", np.argsort(ties2))
