"""What ferry's expressions cost: five Pima features computed by an Expressions step (the core's
compiled programs) beside the same features computed with numpy, on a batch; and one row through
expressions -> scaler -> logistic regression beside scaler -> logistic regression alone.

Not a test: it prints a table. Run with the venv that has the ferry wheel installed:
    python benchmarks/python/bench_expressions.py [--data DIR] [--rows N]
Data: diabetes.arff ($FERRY_DATA_DIR or --data; scripts/ fetch it).
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import pandas as pd

import ferry
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import Expressions, StandardScaler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests",
                                "support"))
from arff_reader import read_arff  # noqa: E402
from bench_pipeline import best, per_call  # noqa: E402  (the same timers as the Pima benchmark)

EXPRESSIONS = {
    "older": "age >= 30",
    "bmi_x_age": "mass * age / 100",
    "plas_log": "log1p(plas)",
    "band": "case when mass < 25 then 0 when mass < 30 then 1 else 2 end",
    "unmeasured": "if(plas == 0 or mass == 0, 1, 0)",
}


def with_numpy(X: np.ndarray, cols: list[str]) -> np.ndarray:
    age, mass, plas = (X[:, cols.index(c)] for c in ("age", "mass", "plas"))
    return np.column_stack([(age >= 30).astype(np.float64), mass * age / 100, np.log1p(plas),
                            np.where(mass < 25, 0.0, np.where(mass < 30, 1.0, 2.0)),
                            np.where((plas == 0) | (mass == 0), 1.0, 0.0)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=os.environ.get("FERRY_DATA_DIR", "build/data"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    names, rows = read_arff(os.path.join(args.data, "diabetes.arff"))
    df = pd.DataFrame([[float(v) for v in r[:-1]] for r in rows], columns=names[:-1])
    y = np.array([r[-1] for r in rows], dtype=object)
    cols = list(df.columns)

    big = np.ascontiguousarray(np.tile(df.to_numpy(), (args.rows // len(df) + 1, 1))[:args.rows])
    est = Expressions(EXPRESSIONS).fit(df)
    # The same values, but for the last bit of some log1p: numpy has its own log1p, the core
    # calls the C library's (as Python's math does), one implementation for every language.
    np.testing.assert_allclose(est.transform(big[:1000]), with_numpy(big[:1000], cols),
                               rtol=1e-15, atol=0)
    t_ferry = best(lambda: est.transform(big), 7)
    t_numpy = best(lambda: with_numpy(big, cols), 7)

    plain = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(df, y)
    derived = ferry.Pipeline([("expr", Expressions(EXPRESSIONS)), ("scale", StandardScaler()),
                              ("model", LogisticRegression())]).fit(df, y)
    row = df.iloc[0].to_dict()
    t_plain = per_call(lambda: plain.predict_proba(row), 5, 20000)
    t_derived = per_call(lambda: derived.predict_proba(row), 5, 20000)

    print(f"ferry {ferry.__version__}, numpy {np.__version__}; {len(EXPRESSIONS)} expressions")
    print(f"batch of {args.rows} rows: Expressions.transform {t_ferry * 1e3:8.1f} ms "
          f"({args.rows / t_ferry / 1e6:.1f} Mrows/s); numpy {t_numpy * 1e3:8.1f} ms")
    print(f"one row (dict) predict_proba: scaler -> logistic {t_plain * 1e6:6.2f} us; "
          f"expressions -> scaler -> logistic {t_derived * 1e6:6.2f} us")


if __name__ == "__main__":
    main()
