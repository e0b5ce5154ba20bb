"""Fits the Pima pipeline (SimpleImputer(0) -> StandardScaler -> LogisticRegression) with ferry and
writes what the Java benchmark reads: pima.ferry, and pima.params.txt with the fitted numbers for
the plain-Java baseline (one line per array: name, then the values as Java-readable doubles).

    python benchmarks/java/make_pima_artifact.py DATA_DIR OUT_DIR
"""
import os
import sys

import numpy as np

import ferry
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import SimpleImputer, StandardScaler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "support"))
from arff_reader import read_arff  # noqa: E402  (the one ARFF reader of tests and benchmarks)

COLUMNS = ["preg", "plas", "pres", "skin", "insu", "mass", "pedi", "age"]


def read_pima(folder):
    names, rows = read_arff(os.path.join(folder, "diabetes.arff"))
    assert names[:-1] == COLUMNS, names
    return (np.array([[float(v) for v in r[:-1]] for r in rows]),
            np.array([r[-1] for r in rows], dtype=object))


def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    X, y = read_pima(data_dir)
    import pandas as pd
    pipe = ferry.Pipeline([("impute", SimpleImputer(missing_values=0.0)),
                           ("scale", StandardScaler()), ("model", LogisticRegression())])
    pipe.fit(pd.DataFrame(X, columns=COLUMNS), y)
    pipe.save(os.path.join(out_dir, "pima.ferry"))
    steps = pipe.named_steps
    with open(os.path.join(out_dir, "pima.params.txt"), "w", encoding="utf-8") as f:
        for name, values in [("columns", None),
                             ("statistics", steps["impute"].statistics_),
                             ("mean", steps["scale"].mean_), ("scale", steps["scale"].scale_),
                             ("coef", steps["model"].coef_[0]),
                             ("intercept", steps["model"].intercept_)]:
            if values is None:
                f.write("columns " + " ".join(COLUMNS) + "\n")
            else:
                f.write(name + " " + " ".join(float(v).hex() for v in values) + "\n")
        f.write("row " + " ".join(float(v).hex() for v in X[0]) + "\n")


if __name__ == "__main__":
    main()
