"""The Pima worked example: train in Python, ship one file.

Zeros stand for missing values in five columns; an Expression carries the seed story's is_adult
flag (age >= 30: the youngest patient here is 21) as data rather than code; the numbers are
imputed and scaled; a LogisticRegression's C is chosen by GridSearchCV(n_jobs=2). The pipeline is
saved with its test metrics and five verify rows, loaded back (which recomputes them), and one
patient's prediction is explained column by column.

    FERRY_DATA_DIR=build/data python examples/pima/train.py [OUT.ferry]

diabetes.arff comes from Debian's weka package (scripts/test and scripts/demo fetch it).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import GridSearchCV

import ferry
from ferry.compose import ColumnTransformer
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import Expression, SimpleImputer, StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "support"))
from arff_reader import read_arff  # noqa: E402

ZERO_IS_MISSING = ["plas", "pres", "skin", "insu", "mass"]
OTHER = ["preg", "pedi", "age"]


def main() -> None:
    data_dir = Path(os.environ.get("FERRY_DATA_DIR", "build/data"))
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("pima.ferry")
    names, rows = read_arff(data_dir / "diabetes.arff")
    data = pd.DataFrame(rows, columns=names)
    X = data[OTHER[:1] + ZERO_IS_MISSING + OTHER[1:]].astype(np.float64)
    y = data["class"].to_numpy(dtype=object)
    X_train, X_test, y_train, y_test = X.iloc[:576], X.iloc[576:], y[:576], y[576:]

    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("zeros", ferry.Pipeline([("impute", SimpleImputer(missing_values=0.0)),
                                      ("scale", StandardScaler())]), ZERO_IS_MISSING),
            ("other", StandardScaler(), OTHER),
            ("is_adult", Expression("age >= 30", name="is_adult"), ["age"]),
        ])),
        ("model", LogisticRegression()),
    ])
    search = GridSearchCV(pipe, {"model__C": [0.01, 0.1, 1.0, 10.0]}, cv=5, n_jobs=2)
    search.fit(X_train, y_train)
    best = search.best_estimator_
    proba = best.predict_proba(X_test)[:, list(best.classes_).index("tested_positive")]
    metrics = {"accuracy": accuracy_score(y_test, best.predict(X_test)),
               "roc_auc": roc_auc_score(y_test == "tested_positive", proba),
               "cv_accuracy": search.best_score_}
    print(f"Pima: {len(X_train)} training rows; GridSearchCV(n_jobs=2) chose C = "
          f"{search.best_params_['model__C']} (cv accuracy {search.best_score_:.3f})")
    print(f"test: accuracy {metrics['accuracy']:.3f}, ROC AUC {metrics['roc_auc']:.3f}")

    best.save(out, tags={"example": "pima"}, metrics=metrics, verify_rows=X_test[:5])
    served = ferry.load(out)  # recomputes the five verify rows
    meta = served.metadata
    print(f"saved {out} ({out.stat().st_size} bytes), model id {served.model_id}; reloaded with "
          f"{meta['verify_rows']} verify rows checked")
    plas = next(s for s in meta["training"]["column_summaries"] if s["name"] == "plas")
    print(f"training summary of plas: {plas['count']} values, min {plas['min']:g}, "
          f"max {plas['max']:g}, mean {plas['mean']:.2f}")
    same = np.array_equal(served.predict_proba(X_test), best.predict_proba(X_test))
    print(f"served pipeline gives the same bits on the {len(X_test)} test rows: "
          f"{'yes' if same else 'NO'}")

    patient = X_test.iloc[0].to_dict()
    parts = served.predict_explain(patient)
    p = served.predict_proba(patient)[list(served.classes_).index("tested_positive")]
    decision = float(np.ravel(served.decision_function(patient))[0])
    print(f"patient {patient}: P(tested_positive) = {p:.3f}; decision {decision:.4f} = "
          f"intercept {parts['intercept']:.4f} + the parts:")
    for name, part in sorted(parts.items(), key=lambda kv: -abs(kv[1])):
        if name != "intercept":
            print(f"  {name:5s} {part:+.4f}")

    for text in ["agee >= 30", "age >= ", "mass / (age - 21"]:
        try:
            Expression(text, name="x").fit(X_train)
        except ferry.FerryError as e:
            print(f"Expression({text!r}): {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
