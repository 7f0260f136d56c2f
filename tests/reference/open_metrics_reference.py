"""Reference values for tests/MultiTask.Tests/Evaluation/{ClassificationMetricsTests,RankingMetricsTests,
RegressionMetricsTests,CurveTests}.cs (issue 10: open metrics, curves, calibration).

Run with Debian's python3-sklearn (1.2.1):  /usr/bin/python3 tests/reference/open_metrics_reference.py
The printed numbers are pinned in the C# tests (17 significant digits); rerun this script to check them.
Inputs are small fixed vectors with tied scores, a single class present, all-equal scores and zero divisions.
"""
import warnings

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.calibration import calibration_curve

warnings.simplefilter("ignore")


def show(name, value):
    if isinstance(value, (list, tuple, np.ndarray)):
        arr = np.asarray(value, dtype=float).ravel()
        print(name, "[" + ", ".join(repr(float(v)) for v in arr) + "]")
    else:
        print(name, repr(float(value)))


print("sklearn", sklearn.__version__)

# --- binary: tied scores (three rows at 0.35), labels from the 0.5 threshold ---
yb = np.array([0, 1, 1, 0, 1, 0, 1, 1, 0, 0])
s = np.array([0.1, 0.8, 0.35, 0.35, 0.9, 0.2, 0.6, 0.35, 0.7, 0.05])
pb = (s > 0.5).astype(int)
show("bin_precision", metrics.precision_score(yb, pb))
show("bin_recall", metrics.recall_score(yb, pb))
show("bin_f1", metrics.f1_score(yb, pb))
show("bin_balanced_accuracy", metrics.balanced_accuracy_score(yb, pb))
show("bin_mcc", metrics.matthews_corrcoef(yb, pb))
show("bin_ap", metrics.average_precision_score(yb, s))
show("bin_brier", metrics.brier_score_loss(yb, s))
show("bin_logloss", metrics.log_loss(yb, s, labels=[0, 1]))

# --- multiclass (4 classes) ---
ym = np.array([0, 1, 2, 2, 1, 0, 3, 3, 2, 1])
pm = np.array([0, 2, 2, 2, 1, 0, 1, 3, 0, 1])
for avg in ["macro", "micro", "weighted"]:
    show(f"mc_precision_{avg}", metrics.precision_score(ym, pm, average=avg))
    show(f"mc_recall_{avg}", metrics.recall_score(ym, pm, average=avg))
    show(f"mc_f1_{avg}", metrics.f1_score(ym, pm, average=avg))
show("mc_precision_per_class", metrics.precision_score(ym, pm, average=None))
show("mc_recall_per_class", metrics.recall_score(ym, pm, average=None))
show("mc_f1_per_class", metrics.f1_score(ym, pm, average=None))
show("mc_balanced_accuracy", metrics.balanced_accuracy_score(ym, pm))
show("mc_mcc", metrics.matthews_corrcoef(ym, pm))
P = np.array([
    [0.7, 0.1, 0.1, 0.1],
    [0.2, 0.3, 0.4, 0.1],
    [0.1, 0.2, 0.6, 0.1],
    [0.25, 0.25, 0.25, 0.25],
    [0.1, 0.6, 0.2, 0.1],
    [0.4, 0.2, 0.2, 0.2],
    [0.1, 0.4, 0.1, 0.4],
    [0.1, 0.1, 0.1, 0.7],
    [0.4, 0.1, 0.3, 0.2],
    [0.2, 0.5, 0.2, 0.1],
])
show("mc_auc_ovr_macro", metrics.roc_auc_score(ym, P, multi_class="ovr", average="macro"))
show("mc_auc_ovr_weighted", metrics.roc_auc_score(ym, P, multi_class="ovr", average="weighted"))
show("mc_logloss", metrics.log_loss(ym, P, labels=[0, 1, 2, 3]))

# --- degenerate classification cases ---
# a label only in the predictions (class 2): precision 0 for it, balanced accuracy ignores it
show("pred_only_balanced_accuracy", metrics.balanced_accuracy_score([0, 0, 1, 1], [0, 2, 1, 1]))
show("pred_only_precision_macro", metrics.precision_score([0, 0, 1, 1], [0, 2, 1, 1], average="macro"))
show("pred_only_recall_macro", metrics.recall_score([0, 0, 1, 1], [0, 2, 1, 1], average="macro"))
# single class present, positive label absent everywhere: zero_division decides
for zd in [0, 1]:
    show(f"all_negative_precision_zd{zd}", metrics.precision_score([0, 0, 0], [0, 0, 0], zero_division=zd))
    show(f"all_negative_recall_zd{zd}", metrics.recall_score([0, 0, 0], [0, 0, 0], zero_division=zd))
    show(f"all_negative_f1_zd{zd}", metrics.f1_score([0, 0, 0], [0, 0, 0], zero_division=zd))
    # no positive predicted, positives exist
    show(f"no_pred_pos_precision_zd{zd}", metrics.precision_score([1, 0, 1], [0, 0, 0], zero_division=zd))
    show(f"no_pred_pos_f1_zd{zd}", metrics.f1_score([1, 0, 1], [0, 0, 0], zero_division=zd))
    show(f"no_pred_pos_f1_macro_zd{zd}", metrics.f1_score([1, 0, 1], [0, 0, 0], average="macro", zero_division=zd))
    show(f"no_pred_pos_precision_weighted_zd{zd}", metrics.precision_score([1, 0, 1], [0, 0, 0], average="weighted", zero_division=zd))
show("single_class_mcc", metrics.matthews_corrcoef([1, 1, 1], [1, 0, 1]))
show("single_class_balanced_accuracy", metrics.balanced_accuracy_score([1, 1, 1], [1, 0, 1]))
show("single_class_recall", metrics.recall_score([1, 1, 1], [1, 0, 1]))
show("single_class_ap", metrics.average_precision_score([1, 1, 1], [0.2, 0.5, 0.9]))
show("no_positive_ap", metrics.average_precision_score([0, 0, 0], [0.2, 0.5, 0.9]))
show("single_class_brier", metrics.brier_score_loss([1, 1, 1], [0.2, 0.5, 0.9]))
# all-equal scores
ye = np.array([0, 1, 1, 0, 1])
se = np.full(5, 0.5)
show("equal_auc", metrics.roc_auc_score(ye, se))
show("equal_ap", metrics.average_precision_score(ye, se))
fpr, tpr, thr = metrics.roc_curve(ye, se)
show("equal_roc_fpr", fpr); show("equal_roc_tpr", tpr); show("equal_roc_thresholds", thr)
pr, rc, thr = metrics.precision_recall_curve(ye, se)
show("equal_pr_precision", pr); show("equal_pr_recall", rc); show("equal_pr_thresholds", thr)

# --- curves on the tied binary example ---
fpr, tpr, thr = metrics.roc_curve(yb, s)
show("roc_fpr", fpr); show("roc_tpr", tpr); show("roc_thresholds", thr)
fpr, tpr, thr = metrics.roc_curve(yb, s, drop_intermediate=False)
show("roc_all_fpr", fpr); show("roc_all_tpr", tpr); show("roc_all_thresholds", thr)
pr, rc, thr = metrics.precision_recall_curve(yb, s)
show("pr_precision", pr); show("pr_recall", rc); show("pr_thresholds", thr)
# a curve with collinear points that drop_intermediate removes
yc = np.array([1, 1, 1, 0, 0, 1, 0, 0])
sc = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
fpr, tpr, thr = metrics.roc_curve(yc, sc)
show("roc_drop_fpr", fpr); show("roc_drop_tpr", tpr); show("roc_drop_thresholds", thr)

# --- calibration curve (a probability exactly on the 0.4 edge goes to the lower bin) ---
yk = np.array([0, 0, 1, 0, 1, 1, 0, 1, 1, 1])
pk = np.array([0.05, 0.15, 0.4, 0.35, 0.55, 0.62, 0.65, 0.81, 0.9, 0.95])
pt, pp = calibration_curve(yk, pk, n_bins=5, strategy="uniform")
show("cal_uniform_true", pt); show("cal_uniform_pred", pp)
pt, pp = calibration_curve(yk, pk, n_bins=3, strategy="quantile")
show("cal_quantile_true", pt); show("cal_quantile_pred", pp)

# --- confusion matrix: class 3 never true (normalize='true' row of zeros) ---
yt = np.array([0, 1, 2, 2, 1, 0, 0, 2])
yp = np.array([0, 2, 2, 3, 1, 0, 1, 2])
labels = [0, 1, 2, 3]
show("cm_counts", metrics.confusion_matrix(yt, yp, labels=labels))
for norm in ["true", "pred", "all"]:
    show(f"cm_{norm}", metrics.confusion_matrix(yt, yp, labels=labels, normalize=norm))

# --- regression: a zero truth (MAPE uses max(|y|, eps)) and an even count (median of the middle two) ---
y = np.array([3.0, -0.5, 2.0, 7.0, 4.2, 1.1])
p = np.array([2.5, 0.0, 2.1, 7.8, 3.9, 0.4])
show("mape", metrics.mean_absolute_percentage_error(y, p))
show("median_ae", metrics.median_absolute_error(y, p))
show("mape_zero_truth", metrics.mean_absolute_percentage_error([0.0, 1.0, 2.0], [0.5, 1.0, 1.0]))
show("median_ae_odd", metrics.median_absolute_error([1.0, 2.0, 3.0], [1.5, 2.0, 5.0]))
