#!/usr/bin/env python3
"""Writes the cases of ferry's cross-language identity suite (see README.md in this folder).

Usage: make_cases.py OUTPUT_DIR

Fits one pipeline per case with the installed ferry package, saves its artifact, the input rows
and Python's outputs as exact 64-bit patterns into OUTPUT_DIR (a build folder, never the source
tree), plus index.json. Pima is read from $FERRY_DATA_DIR/diabetes.arff; breast_cancer, wine and
diabetes come from scikit-learn's bundled copies. Everything is deterministic given the pinned
versions of ferry, numpy, pandas and scikit-learn (fixed seeds, fixed row choices).

Before writing, the script checks inside Python that single-row calls (a dict) give the same bits
as the batch calls, and that the freshly fitted pipeline agrees with the reloaded artifact.
"""
from __future__ import annotations

import json
import math
import os
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine

import ferry
from ferry.compose import ColumnTransformer
from ferry.impute import MissingIndicator
from ferry.linear_model import (ElasticNet, Lasso, LinearRegression, LogisticRegression,
                                PoissonRegressor, Ridge)
from ferry.decomposition import PCA
from ferry.multiclass import OneVsRestClassifier
from ferry.preprocessing import (Binarizer, Expression, Expressions, KBinsDiscretizer,
                                 MaxAbsScaler, MinMaxScaler, Normalizer, OneHotEncoder,
                                 OrdinalEncoder, PolynomialFeatures, RobustScaler, SimpleImputer,
                                 StandardScaler)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from arff_reader import read_arff  # noqa: E402  (the one ARFF reader of tests and benchmarks)

FORMAT = 1  # version of the rows/expected JSON layout described in README.md
PIMA_FEATURES = ["preg", "plas", "pres", "skin", "insu", "mass", "pedi", "age"]
ROWS_PER_CASE = 96  # rows taken from the data set, before the hand-made edge rows


# ---- encoding ------------------------------------------------------------------------------------

def f64_hex(x: float) -> str:
    """The IEEE-754 bits of a double as 16 lowercase hex digits (most significant first)."""
    return format(struct.unpack("<Q", struct.pack("<d", float(x)))[0], "016x")


def hex_f64(h: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(h, 16)))[0]


def encode_cell(v: Any) -> Any:
    """One input cell or label as typed JSON: null, {"t":"f"|"i"|"b"|"s","v":...}."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, (bool, np.bool_)):
        return {"t": "b", "v": bool(v)}
    if isinstance(v, (int, np.integer)):
        return {"t": "i", "v": int(v)}
    if isinstance(v, (float, np.floating)):
        return {"t": "f", "v": f64_hex(float(v))}
    if isinstance(v, str):
        return {"t": "s", "v": v}
    raise TypeError(f"cannot encode {v!r} ({type(v).__name__})")


def decode_cell(c: Any) -> Any:
    if c is None:
        return None
    t, v = c["t"], c["v"]
    return {"f": lambda: hex_f64(v), "i": lambda: int(v), "b": lambda: bool(v),
            "s": lambda: str(v)}[t]()


def bits_matrix(a: np.ndarray) -> list[list[str]]:
    a = np.asarray(a, dtype=np.float64)
    return [[f64_hex(x) for x in row] for row in a]


def same_bits(a: Any, b: Any) -> bool:
    a = np.ascontiguousarray(np.asarray(a, dtype=np.float64))
    b = np.ascontiguousarray(np.asarray(b, dtype=np.float64))
    return a.shape == b.shape and a.tobytes() == b.tobytes()


# ---- data ----------------------------------------------------------------------------------------

def read_pima() -> tuple[pd.DataFrame, np.ndarray]:
    data_dir = os.environ.get("FERRY_DATA_DIR")
    if not data_dir:
        sys.exit("make_cases.py: FERRY_DATA_DIR is not set; it must name the folder holding "
                 "diabetes.arff (ctest sets it; scripts/test fetches the data)")
    path = Path(data_dir) / "diabetes.arff"
    if not path.is_file():
        sys.exit(f"make_cases.py: {path} not found (scripts/test fetches the data sets)")
    names, rows = read_arff(path)
    df = pd.DataFrame(rows, columns=names)
    if len(df) != 768 or names[:8] != PIMA_FEATURES:
        sys.exit(f"make_cases.py: {path} is not the 768-row Pima file")
    return df[PIMA_FEATURES].astype(np.float64), df["class"].to_numpy(dtype=object)


def sample_rows(n: int, seed: int) -> np.ndarray:
    """ROWS_PER_CASE row indices, sorted, drawn without replacement (deterministic)."""
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=min(n, ROWS_PER_CASE), replace=False))


def float_rows(X: np.ndarray, names: list[str], idx: np.ndarray,
               extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [{n: float(X[i, j]) for j, n in enumerate(names)} for i in idx]
    return rows + extra


def edge_rows(X: np.ndarray, names: list[str]) -> list[dict[str, Any]]:
    """Hand-made rows over float64 columns: missing as null and as NaN, -0.0, a subnormal,
    large values that push probabilities to the edge, and negative values."""
    mean = X.mean(axis=0)
    base = {n: float(mean[j]) for j, n in enumerate(names)}
    out = []
    r = dict(base); r[names[0]] = None; out.append(r)
    r = dict(base); r[names[-1]] = float("nan"); out.append(r)
    r = dict(base); r[names[0]] = -0.0; r[names[1 % len(names)]] = 5e-324; out.append(r)
    out.append({n: float(v) * 40.0 for n, v in base.items()})
    out.append({n: -float(v) * 40.0 for n, v in base.items()})
    out.append({n: None for n in names})
    out.append({n: float(X[:, j].max()) * 1e3 + 0.1 for j, n in enumerate(names)})
    return out


# ---- cases ---------------------------------------------------------------------------------------

Case = dict[str, Any]


def pima_cases() -> list[Case]:
    X, y = read_pima()
    idx = sample_rows(len(X), 1)
    extra = edge_rows(X.to_numpy(), PIMA_FEATURES)
    rows = float_rows(X.to_numpy(), PIMA_FEATURES, idx, extra)
    cases = []
    for strategy, kw in (("mean", {}), ("median", {}), ("most_frequent", {}),
                         ("constant", {"fill_value": 33.5})):
        pipe = ferry.Pipeline([
            ("impute", SimpleImputer(missing_values=0, strategy=strategy, **kw)),
            ("scale", StandardScaler()),
            ("model", LogisticRegression(C=0.5)),
        ])
        cases.append({"name": f"pima_impute_{strategy}_logistic", "pipe": pipe, "X": X, "y": y,
                      "rows": rows,
                      "about": f"Pima, SimpleImputer(missing_values=0, strategy={strategy!r}), "
                               "StandardScaler, binary LogisticRegression, string labels"})
    # transformers only: the task is "transform"
    pipe = ferry.Pipeline([("impute", SimpleImputer(missing_values=0, strategy="median")),
                           ("scale", StandardScaler(with_mean=True, with_std=True))])
    cases.append({"name": "pima_transform_only", "pipe": pipe, "X": X, "y": None, "rows": rows,
                  "about": "Pima, SimpleImputer(median, 0 marker) + StandardScaler, no model"})
    # a bare model without preprocessing, no intercept scaling help: larger decision values
    pipe = ferry.Pipeline([("model", LogisticRegression(C=1.0, fit_intercept=True))])
    Xs = X.copy()
    cases.append({"name": "pima_logistic_raw", "pipe": pipe, "X": Xs, "y": y, "rows": rows,
                  "about": "Pima, LogisticRegression alone on raw features, string labels"})
    return cases


def sklearn_cases() -> list[Case]:
    cases = []
    bc = load_breast_cancer()
    names = [f"f{j:02d}" for j in range(bc.data.shape[1])]
    Xb = pd.DataFrame(np.ascontiguousarray(bc.data), columns=names)
    rows = float_rows(bc.data, names, sample_rows(len(Xb), 2), edge_rows(bc.data, names))
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(C=1.0))])
    cases.append({"name": "breast_cancer_logistic", "pipe": pipe, "X": Xb,
                  "y": bc.target.astype(np.int64), "rows": rows,
                  "about": "breast_cancer, StandardScaler + binary LogisticRegression, int labels"})

    wi = load_wine()
    names = [f"w{j:02d}" for j in range(wi.data.shape[1])]
    Xw = pd.DataFrame(np.ascontiguousarray(wi.data), columns=names)
    rows = float_rows(wi.data, names, sample_rows(len(Xw), 3), edge_rows(wi.data, names))
    pipe = ferry.Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", StandardScaler()),
                           ("model", LogisticRegression(C=0.8))])
    cases.append({"name": "wine_multinomial", "pipe": pipe, "X": Xw,
                  "y": wi.target.astype(np.int64), "rows": rows,
                  "about": "wine, SimpleImputer(mean) + StandardScaler + multinomial "
                           "LogisticRegression (3 classes), int labels"})

    # The L1 and elastic-net penalties (proximal Newton) and one-vs-rest.
    pipe = ferry.Pipeline([("scale", StandardScaler()),
                           ("model", LogisticRegression(C=0.3, l1_ratio=1.0))])
    cases.append({"name": "breast_cancer_logistic_l1", "pipe": pipe, "X": Xb,
                  "y": bc.target.astype(np.int64),
                  "rows": float_rows(bc.data, list(Xb.columns), sample_rows(len(Xb), 5),
                                     edge_rows(bc.data, list(Xb.columns))),
                  "about": "breast_cancer, StandardScaler + binary LogisticRegression with an L1 "
                           "penalty (C=0.3, l1_ratio=1), int labels"})
    pipe = ferry.Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler()),
                           ("model", LogisticRegression(C=0.5, l1_ratio=0.5))])
    cases.append({"name": "wine_elasticnet_multinomial", "pipe": pipe, "X": Xw,
                  "y": wi.target.astype(np.int64), "rows": rows,
                  "about": "wine, SimpleImputer(median) + StandardScaler + multinomial "
                           "LogisticRegression with an elastic-net penalty (C=0.5, l1_ratio=0.5)"})
    labels = np.array(["sparkling", "dry", "rose"], dtype=object)[wi.target]
    pipe = ferry.Pipeline([("scale", StandardScaler()),
                           ("ovr", OneVsRestClassifier(LogisticRegression(C=1.0, l1_ratio=0.3)))])
    cases.append({"name": "wine_ovr_strings", "pipe": pipe, "X": Xw, "y": labels, "rows": rows,
                  "about": "wine, StandardScaler + OneVsRestClassifier(LogisticRegression, "
                           "elastic net C=1, l1_ratio=0.3): per-class sigmoids normalized, "
                           "string labels"})

    di = load_diabetes()
    names = list(di.feature_names)
    Xd = pd.DataFrame(np.ascontiguousarray(di.data), columns=names)
    rows = float_rows(di.data, names, sample_rows(len(Xd), 4), edge_rows(di.data, names))
    cases.append({"name": "diabetes_linear", "X": Xd, "y": di.target.astype(np.float64),
                  "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="median")),
                                          ("scale", StandardScaler()),
                                          ("model", LinearRegression())]),
                  "about": "diabetes regression, SimpleImputer(median) + StandardScaler + "
                           "LinearRegression"})
    cases.append({"name": "diabetes_ridge", "X": Xd, "y": di.target.astype(np.float64),
                  "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="mean")),
                                          ("model", Ridge(alpha=0.3))]),
                  "about": "diabetes regression, SimpleImputer(mean) + Ridge(alpha=0.3)"})
    y = di.target.astype(np.float64)
    cases.append({"name": "diabetes_lasso", "X": Xd, "y": y, "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="median")),
                                          ("scale", StandardScaler()),
                                          ("model", Lasso(alpha=0.5))]),
                  "about": "diabetes regression, SimpleImputer(median) + StandardScaler + "
                           "Lasso(alpha=0.5)"})
    cases.append({"name": "diabetes_elastic_net", "X": Xd, "y": y, "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="mean")),
                                          ("model", ElasticNet(alpha=0.002, l1_ratio=0.6,
                                                               positive=True))]),
                  "about": "diabetes regression, SimpleImputer(mean) + ElasticNet(alpha=0.002, "
                           "l1_ratio=0.6, positive=True)"})
    # The far-out edge rows overflow exp: their predictions are +inf in every language.
    cases.append({"name": "diabetes_poisson", "X": Xd, "y": y, "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="mean")),
                                          ("scale", StandardScaler()),
                                          ("model", PoissonRegressor(alpha=0.05))]),
                  "about": "diabetes regression, SimpleImputer(mean) + StandardScaler + "
                           "PoissonRegressor(alpha=0.05): predictions exp(eta)"})
    return cases


def scaler_cases() -> list[Case]:
    """MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer (each norm) and Binarizer, in the
    positions they take in practice: before an imputer (NaN passes through them), before models,
    and transform-only."""
    cases = []
    X, y = read_pima()
    rows = float_rows(X.to_numpy(), PIMA_FEATURES, sample_rows(len(X), 5),
                      edge_rows(X.to_numpy(), PIMA_FEATURES))
    cases.append({"name": "pima_minmax_clip_logistic", "X": X, "y": y, "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("minmax", MinMaxScaler(feature_range=(-1, 1), clip=True)),
                      ("impute", SimpleImputer(strategy="median")),
                      ("model", LogisticRegression(C=0.5))]),
                  "about": "Pima, MinMaxScaler((-1, 1), clip) before SimpleImputer(median), "
                           "binary LogisticRegression, string labels"})
    cases.append({"name": "pima_normalizer_max_binarizer", "X": X, "y": None, "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("impute", SimpleImputer(missing_values=0, strategy="mean")),
                      ("norm", Normalizer(norm="max")),
                      ("binarize", Binarizer(threshold=0.25))]),
                  "about": "Pima, SimpleImputer(mean, 0 marker) + Normalizer(max) + "
                           "Binarizer(0.25), no model"})

    bc = load_breast_cancer()
    names = [f"f{j:02d}" for j in range(bc.data.shape[1])]
    Xb = pd.DataFrame(np.ascontiguousarray(bc.data), columns=names)
    rows = float_rows(bc.data, names, sample_rows(len(Xb), 6), edge_rows(bc.data, names))
    cases.append({"name": "breast_cancer_maxabs_robust_logistic", "X": Xb,
                  "y": bc.target.astype(np.int64), "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("maxabs", MaxAbsScaler()),
                      ("robust", RobustScaler(quantile_range=(10.0, 90.0), unit_variance=True)),
                      ("impute", SimpleImputer(strategy="median")),
                      ("model", LogisticRegression(C=1.0))]),
                  "about": "breast_cancer, MaxAbsScaler + RobustScaler((10, 90), unit_variance) "
                           "+ SimpleImputer(median) + binary LogisticRegression, int labels"})

    wi = load_wine()
    names = [f"w{j:02d}" for j in range(wi.data.shape[1])]
    Xw = pd.DataFrame(np.ascontiguousarray(wi.data), columns=names)
    rows = float_rows(wi.data, names, sample_rows(len(Xw), 7), edge_rows(wi.data, names))
    cases.append({"name": "wine_normalizer_l1_multinomial", "X": Xw,
                  "y": wi.target.astype(np.int64), "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="mean")),
                                          ("norm", Normalizer(norm="l1")),
                                          ("scale", StandardScaler()),
                                          ("model", LogisticRegression(C=0.8))]),
                  "about": "wine, SimpleImputer(mean) + Normalizer(l1) + StandardScaler + "
                           "multinomial LogisticRegression, int labels"})

    di = load_diabetes()
    names = list(di.feature_names)
    Xd = pd.DataFrame(np.ascontiguousarray(di.data), columns=names)
    rows = float_rows(di.data, names, sample_rows(len(Xd), 8), edge_rows(di.data, names))
    cases.append({"name": "diabetes_robust_normalizer_l2_ridge", "X": Xd,
                  "y": di.target.astype(np.float64), "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="median")),
                                          ("robust", RobustScaler()),
                                          ("norm", Normalizer(norm="l2")),
                                          ("model", Ridge(alpha=0.1))]),
                  "about": "diabetes regression, SimpleImputer(median) + RobustScaler + "
                           "Normalizer(l2) + Ridge(alpha=0.1)"})
    cases.append({"name": "diabetes_binarizer_ridge", "X": Xd,
                  "y": di.target.astype(np.float64), "rows": rows,
                  "pipe": ferry.Pipeline([("impute", SimpleImputer(strategy="mean")),
                                          ("binarize", Binarizer(threshold=0.0)),
                                          ("model", Ridge(alpha=1.0))]),
                  "about": "diabetes regression, SimpleImputer(mean) + Binarizer(0) + "
                           "Ridge(alpha=1)"})
    return cases


def feature_cases() -> list[Case]:
    """PolynomialFeatures, PCA and KBinsDiscretizer (one-hot and ordinal; quantile and k-means
    edges), behind an imputer since they take no missing values, before models and
    transform-only."""
    cases = []
    X, y = read_pima()
    rows = float_rows(X.to_numpy(), PIMA_FEATURES, sample_rows(len(X), 9),
                      edge_rows(X.to_numpy(), PIMA_FEATURES))
    cases.append({"name": "pima_poly_kbins_logistic", "X": X, "y": y, "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("impute", SimpleImputer(missing_values=0, strategy="median")),
                      ("poly", PolynomialFeatures(degree=2, interaction_only=True)),
                      ("bins", KBinsDiscretizer(n_bins=4, encode="onehot-dense",
                                                subsample=None)),
                      ("model", LogisticRegression(C=0.5))]),
                  "about": "Pima, SimpleImputer(median, 0 marker) + PolynomialFeatures(2, "
                           "interaction_only) + KBinsDiscretizer(4, onehot-dense, quantile) + "
                           "binary LogisticRegression, string labels"})

    bc = load_breast_cancer()
    names = [f"f{j:02d}" for j in range(bc.data.shape[1])]
    Xb = pd.DataFrame(np.ascontiguousarray(bc.data), columns=names)
    rows = float_rows(bc.data, names, sample_rows(len(Xb), 10), edge_rows(bc.data, names))
    cases.append({"name": "breast_cancer_pca_whiten_logistic", "X": Xb,
                  "y": bc.target.astype(np.int64), "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("impute", SimpleImputer(strategy="mean")),
                      ("scale", StandardScaler()),
                      ("pca", PCA(n_components=0.95, whiten=True)),
                      ("model", LogisticRegression(C=1.0))]),
                  "about": "breast_cancer, SimpleImputer(mean) + StandardScaler + PCA(0.95, "
                           "whiten) + binary LogisticRegression, int labels"})

    wi = load_wine()
    names = [f"w{j:02d}" for j in range(wi.data.shape[1])]
    Xw = pd.DataFrame(np.ascontiguousarray(wi.data), columns=names)
    rows = float_rows(wi.data, names, sample_rows(len(Xw), 11), edge_rows(wi.data, names))
    cases.append({"name": "wine_kmeans_poly_pca_transform", "X": Xw, "y": None, "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("impute", SimpleImputer(strategy="mean")),
                      ("bins", KBinsDiscretizer(n_bins=3, encode="ordinal", strategy="kmeans",
                                                subsample=None)),
                      ("poly", PolynomialFeatures(degree=(1, 2), include_bias=False)),
                      ("pca", PCA(n_components=4, svd_solver="full"))]),
                  "about": "wine, SimpleImputer(mean) + KBinsDiscretizer(3, ordinal, kmeans) + "
                           "PolynomialFeatures((1, 2), no bias) + PCA(4, full), no model"})
    return cases


def mixed_case() -> Case:
    """float64, nullable int64 and nullable bool columns (pandas Float64/Int64/boolean), bool
    labels."""
    rng = np.random.default_rng(7)
    n = 300
    f = rng.normal(2.0, 3.0, size=n)
    i = rng.integers(-20, 80, size=n)
    b = rng.random(n) < 0.35
    score = 0.4 * f - 0.03 * i + 1.2 * b + rng.normal(size=n)
    df = pd.DataFrame({"amount": f, "count": pd.array(i, dtype="Int64"),
                       "flag": pd.array(b, dtype="boolean")})
    for r in range(0, n, 17):
        df.loc[r, "count"] = pd.NA
    for r in range(3, n, 23):
        df.loc[r, "flag"] = pd.NA
    for r in range(5, n, 29):
        df.loc[r, "amount"] = np.nan
    y = score > np.median(score)
    rows: list[dict[str, Any]] = []
    for r in range(0, 80):
        rows.append({
            "amount": None if pd.isna(df.loc[r, "amount"]) else float(df.loc[r, "amount"]),
            "count": None if pd.isna(df.loc[r, "count"]) else int(df.loc[r, "count"]),
            "flag": None if pd.isna(df.loc[r, "flag"]) else bool(df.loc[r, "flag"]),
        })
    rows += [
        {"amount": float("nan"), "count": None, "flag": None},
        {"amount": -0.0, "count": 0, "flag": False},
        {"amount": 1e6, "count": 2**40, "flag": True},
        {"amount": -1e6, "count": -(2**40), "flag": False},
        {"amount": 5e-324, "count": 1, "flag": True},
    ]
    pipe = ferry.Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                           ("scale", StandardScaler()),
                           ("model", LogisticRegression(C=2.0))])
    return {"name": "mixed_nullable_types", "pipe": pipe, "X": df, "y": y, "rows": rows,
            "about": "float64 + nullable int64 + nullable bool columns (pandas Int64/boolean), "
                     "SimpleImputer(most_frequent) + StandardScaler + LogisticRegression, bool "
                     "labels"}


CREDIT_G_NUMERIC = ["duration", "credit_amount", "installment_commitment", "residence_since",
                    "age", "existing_credits", "num_dependents"]


def credit_g_cases() -> list[Case]:
    """The German credit data: string categories one-hot encoded beside imputed, scaled numbers
    in a ColumnTransformer, then LogisticRegression; edge rows with unknown, empty, non-ASCII and
    missing categories."""
    path = Path(os.environ["FERRY_DATA_DIR"]) / "credit-g.arff"
    if not path.is_file():
        sys.exit(f"make_cases.py: {path} not found (scripts/test fetches the data sets)")
    names, data = read_arff(path)
    df = pd.DataFrame(data, columns=names).astype(object)
    y = df.pop("class").to_numpy(dtype=object)
    for c in CREDIT_G_NUMERIC:
        df[c] = df[c].astype(np.float64)
    categorical = [c for c in df.columns if c not in CREDIT_G_NUMERIC]
    rows = [{c: (float(df.loc[i, c]) if c in CREDIT_G_NUMERIC else str(df.loc[i, c]))
             for c in df.columns} for i in sample_rows(len(df), 5)]
    base = dict(rows[0])
    for change in ({"purpose": "spaceship"}, {"purpose": ""}, {"purpose": "Überweisung ✓"},
                   {"purpose": None, "age": None}, {"credit_amount": float("nan")},
                   {c: None for c in categorical}, {"duration": -0.0, "age": 1e6}):
        r = dict(base)
        r.update(change)
        rows.append(r)
    cases = []
    for label, onehot in (("ignore", {"handle_unknown": "ignore"}),
                          ("infrequent", {"handle_unknown": "infrequent_if_exist",
                                          "min_frequency": 25, "drop": "first"})):
        pipe = ferry.Pipeline([
            ("features", ColumnTransformer([
                ("cat", OneHotEncoder(**onehot), categorical),
                ("num", ferry.Pipeline([("impute", SimpleImputer(strategy="median")),
                                        ("scale", StandardScaler())]), CREDIT_G_NUMERIC)])),
            ("model", LogisticRegression(C=0.5))])
        cases.append({"name": f"credit_g_onehot_{label}", "pipe": pipe, "X": df, "y": y,
                      "rows": rows,
                      "about": f"credit-g, ColumnTransformer(OneHotEncoder({onehot}) on 13 string "
                               "columns, SimpleImputer(median) + StandardScaler on 7 numbers) + "
                               "LogisticRegression, string labels"})
    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1,
                                   min_frequency=10), categorical)],
            remainder="passthrough")),
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=0.5))])
    cases.append({"name": "credit_g_ordinal", "pipe": pipe, "X": df, "y": y, "rows": rows,
                  "about": "credit-g, ColumnTransformer(OrdinalEncoder on 13 string columns, "
                           "numbers passed through) + SimpleImputer + StandardScaler + "
                           "LogisticRegression"})
    holes = df.copy()
    for k, c in enumerate(categorical):
        holes.loc[holes.index[k::9], c] = np.nan
    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("cat", ferry.Pipeline([("impute", SimpleImputer(strategy="most_frequent",
                                                             add_indicator=True)),
                                    ("onehot", OneHotEncoder(handle_unknown="ignore"))]),
             categorical),
            ("flags", MissingIndicator(features="all"), ["age", "credit_amount"]),
            ("num", ferry.Pipeline([("impute", SimpleImputer(strategy="constant",
                                                             fill_value=1.5)),
                                    ("scale", StandardScaler())]), CREDIT_G_NUMERIC)])),
        ("model", LogisticRegression(C=0.5))])
    cases.append({"name": "credit_g_impute_strings", "pipe": pipe, "X": holes, "y": y,
                  "rows": rows,
                  "about": "credit-g with holes: SimpleImputer(most_frequent, add_indicator) on "
                           "13 string columns + OneHotEncoder, MissingIndicator(all), "
                           "SimpleImputer(constant) + StandardScaler, LogisticRegression"})
    return cases


def expression_cases() -> list[Case]:
    """Expressions: numbers and bools over Pima before a model (nulls handled in the expressions,
    so the edge rows' missing values stay allowed), the same language's IEEE edges (inf, NaN,
    -0.0) straight out of a transform-only pipeline, and strings made from credit-g's categories
    (upper, case, startswith, in with null) one-hot encoded before a model."""
    cases = []
    X, y = read_pima()
    rows = float_rows(X.to_numpy(), PIMA_FEATURES, sample_rows(len(X), 12),
                      edge_rows(X.to_numpy(), PIMA_FEATURES))
    derived = Expressions({
        "bmi_x_age": "coalesce(mass, 32) * coalesce(age, 33) / 100",
        "plas_log": "log1p(abs(coalesce(plas, 120)))",
        "unmeasured": "if(plas == 0 or mass == 0 or pres == 0, 1, 0)",
        "preg_band": "case when preg > 6 then 2 when preg > 2 then 1 else 0 end",
        "pres_ratio": "coalesce(pres, 70) / max(coalesce(skin, 1), 1)",
        "insu_sqrt": "sqrt(max(coalesce(insu, 0), 0))",
        "pedi_mod": "round(coalesce(pedi, 0.5) * 10) % 3",
        "young_lean": "coalesce(age, 99) < 30 and coalesce(mass, 99) < 25",
    })
    cases.append({"name": "pima_expressions_logistic", "X": X, "y": y, "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("features", ColumnTransformer([
                          ("older", Expression("coalesce(age, 0) >= 30", name="older"), ["age"]),
                          ("derived", derived, PIMA_FEATURES)])),
                      ("scale", StandardScaler()),
                      ("model", LogisticRegression(C=0.5))]),
                  "about": "Pima, ColumnTransformer(Expression('coalesce(age, 0) >= 30'), "
                           "Expressions of 8 numbers and bools with coalesce, case, if, log1p, "
                           "sqrt, round, %) + StandardScaler + binary LogisticRegression"})
    edges = Expressions({
        "inv_plas": "1 / plas", "log_mass": "log(mass)", "preg_mod": "preg % -3",
        "neg_pres": "-pres", "skin_pow": "skin ** 0.5", "pedi_sign": "sign(pedi - 0.5)",
        "high": "age > 40 and plas > 140", "either": "age > 40 or isnull(plas)",
        "listed": "preg in (0, 1, 2, null)", "exp_age": "exp(age)",
        "clip_insu": "clip(insu, 0, 200)", "min_max": "min(plas, pres) - max(skin, insu)",
        "floor_ceil": "floor(pedi * 3) + ceil(-pedi)", "zero_div": "(plas - plas) / (mass - mass)",
        "neg_inf": "log(plas * 0)",
    })
    cases.append({"name": "pima_expressions_ieee_transform", "X": X, "y": None, "rows": rows,
                  "pipe": ferry.Pipeline([("expr", edges)]),
                  "about": "Pima, Expressions of 15 numbers and bools whose values include inf, "
                           "-inf, NaN (null) and -0.0 (1 / plas, log(mass), preg % -3, exp(age), "
                           "0 / 0, ...), no model"})

    path = Path(os.environ["FERRY_DATA_DIR"]) / "credit-g.arff"
    names, data = read_arff(path)
    df = pd.DataFrame(data, columns=names).astype(object)
    labels = df.pop("class").to_numpy(dtype=object)
    for c in CREDIT_G_NUMERIC:
        df[c] = df[c].astype(np.float64)
    used = ["purpose", "duration", "housing", "savings_status"]
    rows = [{c: (float(df.loc[i, c]) if c in CREDIT_G_NUMERIC else str(df.loc[i, c]))
             for c in df.columns} for i in sample_rows(len(df), 13)]
    base = dict(rows[0])
    for change in ({"purpose": "spaceship"}, {"purpose": ""}, {"purpose": "Überweisung ✓"},
                   {"purpose": "Radio/TV", "housing": "OWN"}, {"purpose": None, "housing": None},
                   {"savings_status": None, "duration": None}, {c: None for c in used},
                   {"duration": -0.0}, {"duration": 1e300}):
        r = dict(base)
        r.update(change)
        rows.append(r)
    words = Expressions({
        "purpose_uc": "upper(coalesce(purpose, 'missing'))",
        "purpose_len": "coalesce(length(purpose), -1)",
        "term": "case when duration > 24 then 'long' when duration > 12 then 'mid' "
                "else 'short' end",
        "own": "if(startswith(lower(coalesce(housing, '')), 'own'), 'owner', 'other')",
        "low_savings": "savings_status in ('<100', 'no known savings', null)",
        "no_purpose": "purpose == ''",
    })
    cases.append({"name": "credit_g_expressions_strings", "X": df, "y": labels, "rows": rows,
                  "pipe": ferry.Pipeline([
                      ("features", ColumnTransformer([
                          ("words", ferry.Pipeline([
                              ("expr", words), ("onehot", OneHotEncoder(handle_unknown="ignore"))]),
                           used),
                          ("num", ferry.Pipeline([("impute", SimpleImputer(strategy="median")),
                                                  ("scale", StandardScaler())]),
                           CREDIT_G_NUMERIC)])),
                      ("model", LogisticRegression(C=0.5))]),
                  "about": "credit-g, Expressions making strings (upper, lower, case, if with "
                           "startswith), a length and bools with null (in with null, == '') "
                           "before a OneHotEncoder, beside SimpleImputer + StandardScaler, "
                           "LogisticRegression; unknown, empty, non-ASCII and missing categories"})
    return cases


def step_kinds_in(steps: list[Any]) -> list[str]:
    """Every step kind of a fitted native pipeline, nested ColumnTransformer branches included."""
    kinds = []
    for _name, kind, params, _fitted in steps:
        kinds.append(kind)
        if kind == "ColumnTransformer":
            for _branch, sub, _cols in params["transformers"]:
                if not isinstance(sub, str):
                    kinds += step_kinds_in(sub)
    return kinds


# At most this many of a case's rows are stored in its artifact as verify rows.
VERIFY_ROWS = 20


# ---- outputs -------------------------------------------------------------------------------------

def methods_for(native: Any) -> list[str]:
    task = native.task
    if task == "classification":
        return ["predict_proba", "decision_function", "predict", "transform"]
    if task == "regression":
        return ["decision_function", "predict", "transform"]
    return ["transform"]


def as_2d(out: Any, n_rows: int) -> np.ndarray:
    a = np.asarray(out, dtype=np.float64)
    return a.reshape(n_rows, -1)


def batch_inputs(rows: list[dict[str, Any]], schema: list[tuple[str, str, bool]]
                 ) -> dict[str, Any]:
    """The batch forms Python is checked with: list of dicts, DataFrame, and for all-numeric
    schemas a float64 matrix in schema order (missing = NaN, bool = 0/1)."""
    forms: dict[str, Any] = {"rows": rows}
    cols = {}
    for name, dtype, _ in schema:
        vals = [r.get(name) for r in rows]
        if dtype == "float64":
            cols[name] = pd.array([np.nan if v is None else v for v in vals], dtype="float64")
        elif dtype == "int64":
            cols[name] = pd.array(vals, dtype="Int64")
        elif dtype == "bool":
            cols[name] = pd.array(vals, dtype="boolean")
        else:
            cols[name] = pd.array(vals, dtype="object")
    forms["dataframe"] = pd.DataFrame(cols)
    if all(t in ("float64", "int64", "bool") for _, t, _ in schema):
        m = np.empty((len(rows), len(schema)), dtype=np.float64)
        for i, r in enumerate(rows):
            for j, (name, _, _) in enumerate(schema):
                v = r.get(name)
                m[i, j] = np.nan if v is None else float(v)
        forms["matrix"] = m
    return forms


def compute(pipe: Any, method: str, X: Any, n_rows: int) -> np.ndarray:
    return as_2d(getattr(pipe, method)(X), n_rows)


def check_and_collect(name: str, fitted: Any, loaded: Any, rows: list[dict[str, Any]]
                      ) -> dict[str, Any]:
    native = loaded._native
    schema = [tuple(c) for c in native.input_schema]
    forms = batch_inputs(rows, schema)
    all_float = all(t == "float64" for _, t, _ in schema)
    n = len(rows)
    outputs: dict[str, Any] = {}
    for method in methods_for(native):
        if method == "predict":
            labels = list(loaded.predict(forms["rows"]))
            for form, X in forms.items():
                got = list(loaded.predict(X))
                if [encode_cell(v) for v in got] != [encode_cell(v) for v in labels]:
                    raise AssertionError(f"{name}: predict({form}) differs from predict(rows)")
            ref_fit = list(fitted.predict(forms["rows"]))
            if [encode_cell(v) for v in ref_fit] != [encode_cell(v) for v in labels]:
                raise AssertionError(f"{name}: predict of the fitted and loaded pipelines differ")
            for i, r in enumerate(rows):
                one = loaded.predict(r)
                if encode_cell(one if not isinstance(one, np.ndarray) else one.item()) != \
                        encode_cell(labels[i]):
                    raise AssertionError(f"{name}: predict(row {i}) = {one!r} but batch gave "
                                         f"{labels[i]!r}")
            outputs["predict"] = [encode_cell(v) for v in labels]
            continue
        ref = compute(loaded, method, forms["rows"], n)
        for form, X in forms.items():
            if form == "matrix" and method == "transform" and not all_float:
                continue  # the installed package refuses a float matrix for int64/bool columns
            if not same_bits(compute(loaded, method, X, n), ref):
                raise AssertionError(f"{name}: {method}({form}) differs in bits from {method}(rows)")
        if not same_bits(compute(fitted, method, forms["rows"], n), ref):
            raise AssertionError(f"{name}: {method} of the fitted and the loaded pipeline differ")
        for i, r in enumerate(rows):
            one = np.asarray(getattr(loaded, method)(r), dtype=np.float64).reshape(-1)
            if not same_bits(one, ref[i]):
                raise AssertionError(f"{name}: {method}(row {i}) differs in bits from the batch "
                                     f"call: {one!r} vs {ref[i]!r}")
        outputs[method] = bits_matrix(ref)
    return outputs


def explanations(loaded: Any, rows: list[dict[str, Any]]) -> list[list[str]] | None:
    """Per row, the explanation flattened as per decision value its parts (schema order) then
    the intercept; None when the pipeline does not end in a model."""
    native = loaded._native
    if native.task == "transform":
        return None
    out = []
    for r in rows:
        _, parts, intercept, _ = native.explain(r)
        out.append(np.concatenate([np.append(parts[k], intercept[k]) for k in range(parts.shape[0])]))
    return bits_matrix(np.asarray(out))


def write_case(out_dir: Path, case: Case) -> dict[str, Any]:
    name, pipe = case["name"], case["pipe"]
    if case["y"] is None:
        pipe.fit(case["X"])
    else:
        pipe.fit(case["X"], case["y"])
    artifact = out_dir / f"{name}.ferry"
    schema = [tuple(c) for c in pipe._native.input_schema]
    rows = case["rows"]
    names = [c[0] for c in schema]
    # keep every row in schema order and complete (a missing cell is an explicit null); rows
    # with a missing value in a column the schema declares not nullable are left out (refusing
    # them is tested elsewhere: this suite compares numbers)
    nullable = {c[0]: bool(c[2]) for c in schema}

    def is_missing(v: Any) -> bool:
        return v is None or (isinstance(v, float) and math.isnan(v))

    rows = [{n: r.get(n) for n in names} for r in rows
            if not any(is_missing(r.get(n)) and not nullable[n] for n in names)]
    # The rows also travel as verify rows: every language recomputes them when it loads the case.
    verify_rows = rows[:VERIFY_ROWS]
    pipe.save(str(artifact), tags={"suite": "crosslang", "case": name},
              verify_rows=verify_rows or None)
    loaded = ferry.load(str(artifact))
    native = loaded._native
    outputs = check_and_collect(name, pipe, loaded, rows)
    task = native.task
    classes = [encode_cell(v) for v in (list(native.classes) if task == "classification" else [])]
    all_numeric = all(t in ("float64", "int64", "bool") for _, t, _ in schema)
    rows_doc = {
        "format": FORMAT, "case": name,
        "columns": [{"name": n, "type": t, "nullable": bool(nl)} for n, t, nl in schema],
        "rows": [{k: encode_cell(v) for k, v in r.items()} for r in rows],
    }
    # the encoding must round-trip to the very same Python values
    for r, enc in zip(rows, rows_doc["rows"]):
        back = {k: decode_cell(c) for k, c in enc.items()}
        if [encode_cell(v) for v in back.values()] != [encode_cell(v) for v in r.values()]:
            raise AssertionError(f"{name}: row encoding does not round-trip: {r!r}")
    expected_doc = {
        "format": FORMAT, "case": name, "task": task, "n_rows": len(rows),
        "n_outputs": int(native.n_outputs) if task != "transform" else 0,
        "classes": classes,
        "feature_names_out": list(native.feature_names_out),
        "outputs": outputs,
        "model_id": loaded.model_id,
        "verify_rows": len(verify_rows),
    }
    explained = explanations(loaded, rows)
    if explained is not None:
        expected_doc["explain"] = explained
    dump(out_dir / f"{name}.rows.json", rows_doc)
    dump(out_dir / f"{name}.expected.json", expected_doc)
    return {"name": name, "about": case["about"], "task": task,
            "artifact": artifact.name, "rows": f"{name}.rows.json",
            "expected": f"{name}.expected.json", "n_rows": len(rows),
            "outputs": sorted(outputs), "all_numeric": all_numeric,
            "steps": step_kinds_in(native.steps)}


def dump(path: Path, doc: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(doc, indent=1, allow_nan=False) + "\n")
    os.replace(tmp, path)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[1]).resolve()
    src = Path(__file__).resolve().parents[2]
    if out_dir == src or src in out_dir.parents:
        # a build folder inside the checkout (e.g. ./build) is fine; the source folders are not
        rel = out_dir.relative_to(src).parts
        if not rel or rel[0] in ("tests", "include", "core", "python", "java", "bindings"):
            print(f"make_cases.py: refusing to write into the source tree ({out_dir})",
                  file=sys.stderr)
            return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    np.seterr(all="ignore")
    cases = (pima_cases() + sklearn_cases() + [mixed_case()] + scaler_cases() +
             credit_g_cases() + feature_cases() + expression_cases())
    index = {"format": FORMAT, "ferry_version": ferry.__version__,
             "artifact_format_version": int(ferry._ferry.FORMAT_VERSION),
             "step_kinds": list(ferry._ferry.STEP_KINDS), "cases": []}
    covered: set[str] = set()
    for case in cases:
        entry = write_case(out_dir, case)
        covered.update(entry["steps"])
        index["cases"].append(entry)
        print(f"{entry['name']}: {entry['n_rows']} rows, {', '.join(entry['outputs'])}")
    missing = sorted(set(index["step_kinds"]) - covered)
    if missing:
        print(f"make_cases.py: step kinds without a case: {', '.join(missing)} (every step kind "
              "must be in the identity suite)", file=sys.stderr)
        return 1
    dump(out_dir / "index.json", index)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
