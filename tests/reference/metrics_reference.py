"""Reference values for tests/MultiTask.Tests/Evaluation/MetricsTests.cs.

Run with Debian's python3-sklearn (1.2.1):  /usr/bin/python3 tests/reference/metrics_reference.py
The printed numbers are pinned in the C# tests; rerun this script to check them.
"""
import numpy as np
import sklearn
from sklearn import metrics

print("sklearn", sklearn.__version__)
y = np.array([3.0, -0.5, 2.0, 7.0, 4.2, 1.1])
p = np.array([2.5, 0.0, 2.1, 7.8, 3.9, 0.4])
print("mse", repr(metrics.mean_squared_error(y, p)))
print("rmse", repr(metrics.mean_squared_error(y, p, squared=False)))
print("mae", repr(metrics.mean_absolute_error(y, p)))
print("r2", repr(metrics.r2_score(y, p)))
print("r2_constant_true_imperfect", repr(metrics.r2_score([2.0, 2.0, 2.0], [2.0, 2.5, 2.0])))

yb = np.array([0, 1, 1, 0, 1, 0, 1, 1, 0, 0])
s = np.array([0.1, 0.8, 0.35, 0.35, 0.9, 0.2, 0.6, 0.35, 0.7, 0.05])
print("auc_ties", repr(metrics.roc_auc_score(yb, s)))
print("logloss", repr(metrics.log_loss(yb, s)))
print("logloss_extreme", repr(metrics.log_loss([1, 0, 1], [1.0, 0.0, 0.0])))
print("accuracy_binary", repr(metrics.accuracy_score(yb, (s > 0.5).astype(int))))

ym = np.array([0, 1, 2, 2, 1, 0, 3, 3, 2, 1])
pm = np.array([0, 2, 2, 2, 1, 0, 1, 3, 0, 1])
print("accuracy_multi", repr(metrics.accuracy_score(ym, pm)))
print("macro_f1", repr(metrics.f1_score(ym, pm, average="macro")))
# a label that occurs only in the predictions counts (F1 = 0), one that occurs nowhere does not
print("macro_f1_pred_only_label", repr(metrics.f1_score([0, 0, 1, 1], [0, 2, 1, 1], average="macro")))
