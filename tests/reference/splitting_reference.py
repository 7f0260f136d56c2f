"""Reference values for tests/MultiTask.Tabular.Tests/Splitting (K-fold indices of TabularData.KFold).

Run with Debian's python3-sklearn (1.2.1; numpy 1.24):
    /usr/bin/python3 tests/reference/splitting_reference.py
It prints C# field declarations; they are pinned in tests/MultiTask.Tabular.Tests/Splitting/SklearnSplitReference.cs.
Each array gives, for every row, the fold in which that row is a test row.

Data: the first rows of tests/data/adult/adult.data.gz, read as TabularCsv reads them (fields trimmed).
"""
import csv
import gzip
import os
import warnings

import numpy as np
import sklearn
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

warnings.simplefilter("ignore")
assert sklearn.__version__ == "1.2.1", sklearn.__version__
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
NAMES = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
         "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"]

with gzip.open(os.path.join(DATA, "adult", "adult.data.gz"), "rt") as f:
    rows = [[v.strip() for v in row] for row in csv.reader(f) if row]
adult = {name: [r[j] for r in rows] for j, name in enumerate(NAMES)}


def test_folds(splitter, n, y=None, groups=None):
    fold_of = np.full(n, -1)
    for f, (train, test) in enumerate(splitter.split(np.zeros((n, 1)), y, groups)):
        assert np.all(np.diff(train) > 0) and np.all(np.diff(test) > 0)
        fold_of[test] = f
    return fold_of


def emit(name, values):
    print(f"    public static readonly int[] {name} = [{', '.join(str(int(v)) for v in values)}];")


print(f"    // scikit-learn {sklearn.__version__}, numpy {np.__version__}")
emit("KFold5Of23", test_folds(KFold(5), 23))
emit("KFold4Of10", test_folds(KFold(4), 10))
emit("StratifiedKFold5IncomeFirst60", test_folds(StratifiedKFold(5), 60, y=np.array(adult["income"][:60])))
emit("StratifiedKFold4RelationshipFirst60", test_folds(StratifiedKFold(4), 60, y=np.array(adult["relationship"][:60])))
emit("StratifiedKFold3EducationNumFirst40", test_folds(StratifiedKFold(3), 40, y=np.array([float(v) for v in adult["education-num"][:40]])))
emit("GroupKFold4EducationFirst60", test_folds(GroupKFold(4), 60, groups=np.array(adult["education"][:60])))
emit("GroupKFold3AgeFirst40", test_folds(GroupKFold(3), 40, groups=np.array([float(v) for v in adult["age"][:40]])))
emit("GroupKFold5MaritalStatusFirst200", test_folds(GroupKFold(5), 200, groups=np.array(adult["marital-status"][:200])))
assert "?" not in adult["education"][:60] + adult["marital-status"][:200]
