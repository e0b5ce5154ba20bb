"""The German credit data, end to end: 13 string category columns and 7 numbers, one-hot encoded
and scaled in a ColumnTransformer, then LogisticRegression; fitted with ferry, compared with the
same scikit-learn pipeline, saved, and served again from the artifact.

    FERRY_DATA_DIR=build/data python examples/python/credit_g.py [OUT.ferry]

credit-g.arff comes from Debian's weka package (scripts/test and scripts/demo fetch it).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import ferry
from ferry.compose import ColumnTransformer
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import OneHotEncoder, SimpleImputer, StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "support"))
from arff_reader import read_arff  # noqa: E402

NUMERIC = ["duration", "credit_amount", "installment_commitment", "residence_since", "age",
           "existing_credits", "num_dependents"]


def main() -> None:
    data_dir = Path(os.environ.get("FERRY_DATA_DIR", "build/data"))
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("credit-g.ferry")
    names, rows = read_arff(data_dir / "credit-g.arff")
    X = pd.DataFrame(rows, columns=names).astype(object)
    y = X.pop("class").to_numpy(dtype=object)
    for c in NUMERIC:
        X[c] = X[c].astype(np.float64)
    categorical = [c for c in X.columns if c not in NUMERIC]
    train, test = slice(0, 800), slice(800, 1000)

    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
            ("num", ferry.Pipeline([("impute", SimpleImputer(strategy="median")),
                                    ("scale", StandardScaler())]), NUMERIC)])),
        ("model", LogisticRegression(C=1.0)),
    ])
    pipe.fit(X.iloc[train], y[train])
    n_out = len(pipe.named_steps["features"].get_feature_names_out())
    print(f"credit-g: {len(categorical)} string columns + {len(NUMERIC)} numeric -> {n_out} "
          f"features; accuracy on the last 200 rows {pipe.score(X.iloc[test], y[test]):.3f}")

    try:
        from sklearn import compose, impute, linear_model, pipeline, preprocessing
    except ImportError:
        print("scikit-learn is not installed: skipping the comparison")
    else:
        sk = pipeline.Pipeline([
            ("features", compose.ColumnTransformer([
                ("cat", preprocessing.OneHotEncoder(handle_unknown="ignore",
                                                    sparse_output=False), categorical),
                ("num", pipeline.Pipeline([("impute", impute.SimpleImputer(strategy="median")),
                                           ("scale", preprocessing.StandardScaler())]),
                 NUMERIC)])),
            ("model", linear_model.LogisticRegression(C=1.0, solver="newton-cholesky",
                                                      tol=1e-12, max_iter=1000)),
        ]).fit(X.iloc[train], y[train])
        diff = np.abs(pipe.predict_proba(X) - sk.predict_proba(X)).max()
        print(f"scikit-learn's pipeline (run to its optimum) agrees: max |P difference| "
              f"{diff:.1e} over all 1000 rows")
        if diff > 1e-6:
            sys.exit("credit_g.py: ferry and scikit-learn disagree beyond 1e-6")

    pipe.save(out, tags={"data": "credit-g"})
    served = ferry.load(out)
    row = X.iloc[800].to_dict()
    same = served.predict_proba(X).tobytes() == pipe.predict_proba(X).tobytes()
    print(f"saved {out} ({out.stat().st_size} bytes); reloaded pipeline gives the same bits on "
          f"all rows: {'yes' if same else 'NO'}")
    print(f"one request as a dict: {row['purpose']!r}, {row['credit_amount']:.0f} DM -> "
          f"P(good) = {served.predict_proba(row)[list(served.classes_).index('good')]:.4f}")
    if not same:
        sys.exit("credit_g.py: the reloaded pipeline differs")


if __name__ == "__main__":
    main()
