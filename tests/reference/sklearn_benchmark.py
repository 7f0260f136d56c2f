"""Times scikit-learn on the data written by tests/MultiTask.Benchmarks (--sklearn), for the ratio table.

Usage (run by the benchmark itself):  /usr/bin/python3 sklearn_benchmark.py <folder> <repeats>
The folder holds X.f64 (rows x cols, row-major little-endian float64), Xnan.f64 (same with missing values),
yreg.f64 and ycls.i32, plus shape.txt ("rows cols"). Prints one JSON object: operation -> median seconds.
"""
import json
import sys
import time

import numpy as np
from sklearn.feature_selection import RFE, SelectKBest, f_classif, f_regression, mutual_info_regression
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Lasso, LinearRegression
from sklearn.preprocessing import StandardScaler

folder, repeats = sys.argv[1], int(sys.argv[2])
rows, cols = (int(v) for v in open(f"{folder}/shape.txt").read().split())
X = np.fromfile(f"{folder}/X.f64", dtype="<f8").reshape(rows, cols)
Xnan = np.fromfile(f"{folder}/Xnan.f64", dtype="<f8").reshape(rows, cols)
yreg = np.fromfile(f"{folder}/yreg.f64", dtype="<f8")
ycls = np.fromfile(f"{folder}/ycls.i32", dtype="<i4")

operations = {
    "StandardScaler": lambda: StandardScaler().fit(X).transform(X),
    "SimpleImputer(mean)": lambda: SimpleImputer(strategy="mean").fit(Xnan).transform(Xnan),
    "SelectKBest(f_classif, 10)": lambda: SelectKBest(f_classif, k=10).fit(X, ycls).transform(X),
    "SelectKBest(f_regression, 10)": lambda: SelectKBest(f_regression, k=10).fit(X, yreg).transform(X),
    "mutual_info_regression": lambda: mutual_info_regression(X, yreg, random_state=0),
    "RFE(LinearRegression, 10)": lambda: RFE(LinearRegression(), n_features_to_select=10, step=10).fit(X, yreg),
    "Lasso(alpha=0.01)": lambda: Lasso(alpha=0.01).fit(X, yreg),
}
only = sys.argv[3].split(",") if len(sys.argv) > 3 else None
result = {}
for name, run in operations.items():
    if only and name not in only:
        continue
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    result[name] = float(np.median(times))
print(json.dumps(result))
