"""ferry vs scikit-learn on the Pima pipeline (SimpleImputer -> StandardScaler ->
LogisticRegression), measured in the same run so that the ratios are comparable.

Not a test: it prints a table. Run with the venv that has the ferry wheel installed:
    python benchmarks/python/bench_pipeline.py [--data DIR] [--quick]
Data: diabetes.arff from Debian's weka package ($FERRY_DATA_DIR or --data; scripts/ fetch it).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.impute import SimpleImputer as SkImputer
from sklearn.linear_model import LogisticRegression as SkLogistic
from sklearn.pipeline import Pipeline as SkPipeline
from sklearn.preprocessing import StandardScaler as SkScaler

import ferry
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import SimpleImputer, StandardScaler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "support"))
from arff_reader import read_arff  # noqa: E402  (the one ARFF reader of tests and benchmarks)

COLUMNS = ["preg", "plas", "pres", "skin", "insu", "mass", "pedi", "age"]


def read_pima(folder: str) -> tuple[pd.DataFrame, np.ndarray]:
    names, rows = read_arff(os.path.join(folder, "diabetes.arff"))
    X = pd.DataFrame([[float(v) for v in r[:-1]] for r in rows], columns=names[:-1])
    assert list(X.columns) == COLUMNS, X.columns
    return X, np.array([r[-1] for r in rows], dtype=object)


def per_call(fn, repeat: int, number: int) -> float:
    """Median seconds per call over `repeat` timings of `number` calls each."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def best(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def logistic_grad_inf(X: np.ndarray, y01: np.ndarray, coef: np.ndarray, intercept: float,
                      C: float) -> float:
    """max|gradient| of C*sum(logloss) + |coef|^2/2: how far a fit is from the optimum."""
    z = X @ coef + intercept
    p = 1.0 / (1.0 + np.exp(-z))
    r = C * (p - y01)
    g = X.T @ r + coef
    return float(max(np.abs(g).max(), abs(r.sum())))


def credit_g_rows(data_dir: str, n_batch: int, quick: bool, add: Any, rows: list[Any]) -> None:
    """The credit-g pipeline (one-hot on 13 string columns, imputer + scaler on 7 numbers, then
    logistic regression): one row from a dict, and a batch DataFrame of n_batch rows."""
    from sklearn.compose import ColumnTransformer as SkColumns
    from sklearn.preprocessing import OneHotEncoder as SkOneHot

    from ferry.compose import ColumnTransformer
    from ferry.preprocessing import OneHotEncoder

    names, data = read_arff(os.path.join(data_dir, "credit-g.arff"))
    X = pd.DataFrame(data, columns=names).astype(object)
    y = X.pop("class").to_numpy(dtype=object)
    numeric = ["duration", "credit_amount", "installment_commitment", "residence_since", "age",
               "existing_credits", "num_dependents"]
    for c in numeric:
        X[c] = X[c].astype(np.float64)
    cat = [c for c in X.columns if c not in numeric]
    ours = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("cat", OneHotEncoder(handle_unknown="ignore"), cat),
            ("num", ferry.Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]),
             numeric)])),
        ("model", LogisticRegression())]).fit(X, y)
    theirs = SkPipeline([
        ("features", SkColumns([
            ("cat", SkOneHot(handle_unknown="ignore", sparse_output=False), cat),
            ("num", SkPipeline([("impute", SkImputer()), ("scale", SkScaler())]), numeric)])),
        ("model", SkLogistic())]).fit(X, y)
    row = X.iloc[0].to_dict()
    n_calls = 2000 if quick else 20000
    add("credit-g single row, dict (sklearn: 1-row DataFrame)",
        per_call(lambda: ours.predict_proba(row), 5, n_calls),
        per_call(lambda: theirs.predict_proba(pd.DataFrame([row])), 5, 100))
    big = pd.concat([X] * (n_batch // len(X) + 1), ignore_index=True).iloc[:n_batch]
    t_ours = best(lambda: ours.predict_proba(big), 3)
    t_theirs = best(lambda: theirs.predict_proba(big), 1)
    rows.append((f"credit-g batch DataFrame, {n_batch:.0e} rows (Mrows/s)", n_batch / t_ours / 1e6,
                 n_batch / t_theirs / 1e6, t_theirs / t_ours, "Mrows/s"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("FERRY_DATA_DIR", "build/data"))
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = ap.parse_args()
    n_batch = 100_000 if args.quick else 1_000_000
    n_fit = 100_000 if args.quick else 1_000_000

    X, y = read_pima(args.data)
    Xn = X.to_numpy()
    ferry_pipe = ferry.Pipeline([("impute", SimpleImputer(missing_values=0.0)),
                                 ("scale", StandardScaler()), ("model", LogisticRegression())])
    sk_pipe = SkPipeline([("impute", SkImputer(missing_values=0.0)), ("scale", SkScaler()),
                          ("model", SkLogistic())])
    ferry_pipe.fit(X, y)
    sk_pipe.fit(X, y)
    # scikit-learn warns (slowly) when a pipeline fitted on a DataFrame is given numpy rows:
    # a second one fitted on numpy serves the numpy measurements.
    sk_np = clone(sk_pipe).fit(Xn, y)

    rows = []

    def add(what: str, ferry_s: float, sk_s: float, unit: str = "us") -> None:
        scale = 1e6 if unit == "us" else 1.0
        rows.append((what, ferry_s * scale, sk_s * scale, sk_s / ferry_s, unit))

    row_np = Xn[:1].copy()
    row_df = X.iloc[:1]
    row_dict = {c: float(v) for c, v in zip(COLUMNS, Xn[0])}
    n_calls = 2000 if args.quick else 20000
    add("single row, 1x8 numpy", per_call(lambda: ferry_pipe.predict_proba(row_np), 5, n_calls),
        per_call(lambda: sk_np.predict_proba(row_np), 5, 200))
    add("single row, dict (sklearn: 1-row DataFrame)",
        per_call(lambda: ferry_pipe.predict_proba(row_dict), 5, n_calls),
        per_call(lambda: sk_pipe.predict_proba(pd.DataFrame([row_dict])), 5, 200))
    add("single row, 1-row DataFrame", per_call(lambda: ferry_pipe.predict_proba(row_df), 5, 2000),
        per_call(lambda: sk_pipe.predict_proba(row_df), 5, 200))

    big = np.ascontiguousarray(np.tile(Xn, (n_batch // len(Xn) + 1, 1))[:n_batch])
    t_ferry = best(lambda: ferry_pipe.predict_proba(big), 10)
    t_sk = best(lambda: sk_np.predict_proba(big), 3)
    rows.append((f"batch predict_proba, {n_batch:.0e} rows (Mrows/s)", n_batch / t_ferry / 1e6,
                 n_batch / t_sk / 1e6, t_sk / t_ferry, "Mrows/s"))
    assert np.array_equal(ferry_pipe.predict_proba(big[:5]), ferry_pipe.predict_proba(big)[:5])

    credit_g_rows(args.data, n_batch, args.quick, add, rows)

    add("fit Pima (sklearn lbfgs default)", best(lambda: ferry_pipe.fit(X, y), 5),
        best(lambda: sk_pipe.fit(X, y), 5), unit="s")

    rng = np.random.default_rng(0)
    Xf = rng.standard_normal((n_fit, 50))
    w_true = rng.standard_normal(50) / 5
    yf = (Xf @ w_true + rng.logistic(size=n_fit) > 0).astype(np.int64)
    ferry_lr = LogisticRegression()
    sk_lr = SkLogistic()
    t_ferry = best(lambda: ferry_lr.fit(Xf, yf), 1 if not args.quick else 2)
    t_sk = best(lambda: sk_lr.fit(Xf, yf), 1 if not args.quick else 2)
    add(f"fit LogisticRegression {n_fit:.0e}x50 (sklearn lbfgs default)", t_ferry, t_sk, unit="s")
    g0 = logistic_grad_inf(Xf, yf, np.zeros(50), 0.0, 1.0)
    g_ferry = logistic_grad_inf(Xf, yf, ferry_lr.coef_[0], float(ferry_lr.intercept_[0]), 1.0)
    g_sk = logistic_grad_inf(Xf, yf, sk_lr.coef_[0], float(sk_lr.intercept_[0]), 1.0)

    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i['internal_api']} {i.get('version')} ({i['num_threads']} threads)"
                         for i in threadpool_info() if i.get("user_api") == "blas")
    except ImportError:  # pragma: no cover
        blas = "unknown"
    print(f"ferry {ferry.__version__}, scikit-learn {__import__('sklearn').__version__}, "
          f"numpy {np.__version__} (BLAS: {blas}); {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores")
    print(f"{'measure':58} {'ferry':>12} {'sklearn':>12} {'speed-up':>9}")
    for what, f, s, ratio, unit in rows:
        print(f"{what:58} {f:10.3f} {unit:<3} {s:8.3f} {unit:<3} {ratio:8.1f}x")
    print(f"optimality of the 1e6x50 fit, max|gradient| / start: ferry {g_ferry / g0:.1e}, "
          f"sklearn lbfgs {g_sk / g0:.1e}")


if __name__ == "__main__":
    main()
