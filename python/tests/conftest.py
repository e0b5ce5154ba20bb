"""Shared data for ferry's Python tests: Pima (from $FERRY_DATA_DIR/diabetes.arff), breast_cancer
and wine (scikit-learn's bundled copies)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

# The one ARFF reader of the tests and benchmarks (tests/support/arff_reader.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "support"))
from arff_reader import read_arff  # noqa: E402

PIMA_FEATURES = ["plas", "pres", "skin", "insu", "mass", "pedi", "age"]


@pytest.fixture(scope="session")
def pima():
    """Pima as a DataFrame split: first 576 rows train, last 192 test; y strings."""
    pd = pytest.importorskip("pandas")
    data_dir = os.environ.get("FERRY_DATA_DIR")
    if not data_dir:
        pytest.fail("FERRY_DATA_DIR is not set: it must name the folder holding diabetes.arff "
                    "(scripts/test and ctest set it)")
    path = Path(data_dir) / "diabetes.arff"
    if not path.exists():
        pytest.fail(f"{path} not found: run scripts/test (it fetches the data sets)")
    names, rows = read_arff(path)
    df = pd.DataFrame(rows, columns=names)
    X = df[PIMA_FEATURES].astype(np.float64)
    y = df["class"].to_numpy(dtype=object)
    assert len(X) == 768
    return X.iloc[:576].reset_index(drop=True), y[:576], X.iloc[576:].reset_index(drop=True), y[576:]


@pytest.fixture(scope="session")
def breast_cancer():
    """breast_cancer as float64 arrays (binary, int labels)."""
    from sklearn.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    return np.ascontiguousarray(X), y


@pytest.fixture(scope="session")
def wine():
    """wine as float64 arrays (3 classes, int labels)."""
    from sklearn.datasets import load_wine

    X, y = load_wine(return_X_y=True)
    return np.ascontiguousarray(X), y


CREDIT_G_NUMERIC = ["duration", "credit_amount", "installment_commitment", "residence_since",
                    "age", "existing_credits", "num_dependents"]


@pytest.fixture(scope="session")
def credit_g():
    """The German credit data (credit-g.arff): 13 string category columns and 7 numeric ones as
    a DataFrame (object and float64 dtypes), labels 'good'/'bad'."""
    pd = pytest.importorskip("pandas")
    data_dir = os.environ.get("FERRY_DATA_DIR")
    if not data_dir:
        pytest.fail("FERRY_DATA_DIR is not set: it must name the folder holding credit-g.arff")
    path = Path(data_dir) / "credit-g.arff"
    if not path.exists():
        pytest.fail(f"{path} not found: run scripts/test (it fetches the data sets)")
    names, rows = read_arff(path)
    df = pd.DataFrame(rows, columns=names).astype(object)
    y = df.pop("class").to_numpy(dtype=object)
    for c in CREDIT_G_NUMERIC:
        df[c] = df[c].astype(np.float64)
    categorical = [c for c in df.columns if c not in CREDIT_G_NUMERIC]
    assert len(df) == 1000 and len(categorical) == 13
    return df, y, categorical, list(CREDIT_G_NUMERIC)


@pytest.fixture(scope="session")
def diabetes():
    """scikit-learn's diabetes regression data (442 rows, 10 features; positive target) as a
    DataFrame and a float64 target."""
    from sklearn.datasets import load_diabetes

    d = load_diabetes(as_frame=True)
    return d.data.astype(np.float64), d.target.to_numpy(dtype=np.float64)
