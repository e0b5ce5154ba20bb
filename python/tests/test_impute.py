"""SimpleImputer on string columns and with add_indicator, and MissingIndicator, against
scikit-learn on real data (German credit categories, Pima's zeros as missing)."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")
pd = pytest.importorskip("pandas")
from sklearn import impute as ski  # noqa: E402

import ferry  # noqa: E402
from ferry.compose import ColumnTransformer  # noqa: E402
from ferry.impute import MissingIndicator, SimpleImputer  # noqa: E402
from ferry.linear_model import LogisticRegression  # noqa: E402
from ferry.preprocessing import OneHotEncoder  # noqa: E402


def holes(X, categorical):
    """credit-g's categories with every 7th value of each column missing (NaN, as pandas)."""
    X = X[categorical].copy()
    for k, c in enumerate(categorical):
        X.loc[X.index[k::7], c] = np.nan
    return X


@pytest.mark.parametrize("params", [{"strategy": "most_frequent"},
                                    {"strategy": "constant"},
                                    {"strategy": "constant", "fill_value": "unknown"},
                                    {"strategy": "most_frequent", "add_indicator": True}])
def test_string_columns_match_scikit_learn(credit_g, params):
    # Imputed strings are encoded before they leave a ferry pipeline (its output is numbers), so
    # the comparison is SimpleImputer -> OneHotEncoder on both sides.
    from sklearn.pipeline import Pipeline as SkPipeline
    from sklearn.preprocessing import OneHotEncoder as SkOneHot

    X, _, categorical, _ = credit_g
    Xh = holes(X, categorical)
    ours = ferry.Pipeline([("impute", SimpleImputer(**params)),
                           ("onehot", OneHotEncoder(handle_unknown="ignore"))]).fit(Xh)
    theirs = SkPipeline([("impute", ski.SimpleImputer(**params)),
                         ("onehot", SkOneHot(handle_unknown="ignore",
                                             sparse_output=False))]).fit(Xh)
    imp, ref_imp = ours.named_steps["impute"], theirs.named_steps["impute"]
    assert list(imp.statistics_) == list(ref_imp.statistics_)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    np.testing.assert_array_equal(ours.transform(Xh), theirs.transform(Xh))
    if params.get("add_indicator"):
        assert list(imp.indicator_.features_) == list(ref_imp.indicator_.features_)
    with pytest.raises(ferry.SchemaError, match="the transform output has a string column"):
        SimpleImputer(**params).fit(Xh)


def test_numeric_add_indicator_matches_scikit_learn(pima):
    X, _, X_test, _ = pima
    for strategy in ("mean", "median"):
        ours = SimpleImputer(missing_values=0.0, strategy=strategy, add_indicator=True).fit(X)
        theirs = ski.SimpleImputer(missing_values=0.0, strategy=strategy, add_indicator=True).fit(X)
        np.testing.assert_allclose(ours.transform(X_test), theirs.transform(X_test), rtol=0,
                                   atol=1e-12)
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_missing_indicator_matches_scikit_learn(pima, credit_g):
    X, _, X_test, _ = pima
    for features in ("missing-only", "all"):
        ours = MissingIndicator(missing_values=0.0, features=features).fit(X)
        theirs = ski.MissingIndicator(missing_values=0.0, features=features).fit(X)
        assert list(ours.features_) == list(theirs.features_)
        np.testing.assert_array_equal(ours.transform(X_test),
                                      theirs.transform(X_test).astype(np.float64))
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    Xc, _, categorical, _ = credit_g
    Xh = holes(Xc, categorical[:3])
    ours = MissingIndicator().fit(Xh)
    theirs = ski.MissingIndicator().fit(Xh)
    np.testing.assert_array_equal(ours.transform(Xh), theirs.transform(Xh).astype(np.float64))
    clean = MissingIndicator(missing_values=0.0).fit(X[["pedi", "age", "plas"]])
    with pytest.raises(ferry.SchemaError, match="has a missing value, but it had none at fit"):
        clean.transform(X_test[["pedi", "age", "plas"]].assign(pedi=0.0))


def test_impute_then_encode_strings_in_a_pipeline(credit_g):
    X, y, categorical, numeric = credit_g
    Xh = X.copy()
    Xh[categorical] = holes(X, categorical)
    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("cat", ferry.Pipeline([("impute", SimpleImputer(strategy="most_frequent",
                                                             add_indicator=True)),
                                    ("onehot", OneHotEncoder(handle_unknown="ignore"))]),
             categorical)], remainder="passthrough")),
        ("model", LogisticRegression())]).fit(Xh, y)
    batch = pipe.predict_proba(Xh)
    assert ferry.loads(pipe.to_bytes()).predict_proba(Xh).tobytes() == batch.tobytes()
    row = Xh.iloc[7].to_dict()  # has missing categories
    assert pipe.predict_proba(row).tobytes() == batch[7].tobytes()
    with pytest.raises(ferry.ParameterError, match="cannot impute the string column"):
        SimpleImputer(strategy="median").fit(Xh[categorical])
