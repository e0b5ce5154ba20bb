"""predict_explain: each input column's additive part of the decision function."""
from __future__ import annotations

import numpy as np
import pytest

import ferry
from ferry.compose import ColumnTransformer
from ferry.decomposition import PCA
from ferry.impute import SimpleImputer
from ferry.linear_model import LogisticRegression, PoissonRegressor, Ridge
from ferry.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler


def _total(parts: dict) -> float:
    return sum(parts.values())


def test_binary_pima_parts_add_up(pima):
    X, y, X_test, _ = pima
    pipe = ferry.Pipeline([("impute", SimpleImputer(missing_values=0.0)),
                           ("scale", StandardScaler()), ("model", LogisticRegression())]).fit(X, y)
    for row in X_test[:20].to_dict("records"):
        parts = pipe.predict_explain(row)
        assert set(parts) == set(X.columns) | {"intercept"}
        assert _total(parts) == pytest.approx(pipe.decision_function(row), abs=1e-12)
    # Scaled features: each column's part is its coefficient times its imputed, scaled value.
    row = X_test.iloc[0].to_dict()
    stats = pipe.named_steps["impute"].statistics_
    scaler = pipe.named_steps["scale"]
    model = pipe.named_steps["model"]
    parts = pipe.predict_explain(row)
    for j, c in enumerate(X.columns):
        x = stats[j] if row[c] == 0.0 else row[c]
        z = (x - scaler.mean_[j]) / scaler.scale_[j]
        assert parts[c] == pytest.approx(model.coef_[0, j] * z, rel=1e-15, abs=1e-15)


def test_multinomial_wine_gives_one_mapping_per_class(wine):
    X, y = wine[0], wine[1]
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(X, y)
    out = pipe.predict_explain(X[:5])
    assert len(out) == 5
    for i, by_class in enumerate(out):
        assert list(by_class) == list(pipe.classes_)
        dec = pipe.decision_function(X[i:i + 1])[0]
        for k, label in enumerate(pipe.classes_):
            assert _total(by_class[label]) == pytest.approx(dec[k], abs=1e-12)


def test_credit_g_parts_go_back_to_the_string_columns(credit_g):
    X, y, cats, nums = credit_g
    def prep():
        return ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), cats),
                                  ("num", ferry.Pipeline([("impute", SimpleImputer()),
                                                          ("scale", StandardScaler())]), nums)])

    pipe = ferry.Pipeline([("prep", prep()), ("model", LogisticRegression())]).fit(X, y)
    alone = prep().fit(X)  # the same fit, usable on its own
    rows = X[:10]
    explained = pipe.predict_explain(rows)
    dec = pipe.decision_function(rows)
    names = alone.get_feature_names_out()
    feats = alone.transform(rows)
    coef = pipe.named_steps["model"].coef_[0]
    for i, parts in enumerate(explained):
        assert set(parts) == set(X.columns) | {"intercept"}
        assert _total(parts) == pytest.approx(dec[i], abs=1e-12)
        # A category column's part: its one-hot features' coefficient times value, summed.
        for c in cats:
            mine = [j for j, n in enumerate(names) if n.startswith(f"cat__{c}_")]
            assert parts[c] == pytest.approx(float(coef[mine] @ feats[i, mine]), abs=1e-12)


def test_regression_and_derived_features(diabetes):
    X, y = diabetes[0], diabetes[1]
    for pipe in (ferry.Pipeline([("model", Ridge())]),
                 ferry.Pipeline([("poly", PolynomialFeatures(degree=2)), ("model", Ridge())]),
                 ferry.Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=4)),
                                 ("model", Ridge())])):
        pipe.fit(X, y)
        for parts, d in zip(pipe.predict_explain(X[:8]), pipe.predict(X[:8])):
            assert _total(parts) == pytest.approx(d, abs=1e-9 * max(1.0, abs(d)))
    poisson = ferry.Pipeline([("scale", StandardScaler()), ("model", PoissonRegressor())]).fit(X, y)
    for parts, d in zip(poisson.predict_explain(X.to_numpy()[:5]), poisson.predict(X[:5])):
        assert _total(parts) == pytest.approx(np.log(d), abs=1e-12)


def test_predict_explain_refuses_transform_only_pipelines(pima):
    X, _, X_test, _ = pima
    pipe = ferry.Pipeline([("scale", StandardScaler())]).fit(X)
    with pytest.raises(ferry.ParameterError, match="expected a pipeline ending in a linear model"):
        pipe.predict_explain(X_test.iloc[0].to_dict())
