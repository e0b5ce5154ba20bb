"""OneHotEncoder and ColumnTransformer against scikit-learn on the German credit data (string
categories + numbers), their options, and the errors a caller gets."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

pytest.importorskip("sklearn")
pd = pytest.importorskip("pandas")
from sklearn import compose as skc  # noqa: E402
from sklearn import impute as ski  # noqa: E402
from sklearn import linear_model as sklm  # noqa: E402
from sklearn import pipeline as skp  # noqa: E402
from sklearn import preprocessing as skpre  # noqa: E402

import ferry  # noqa: E402
from ferry.compose import ColumnTransformer  # noqa: E402
from ferry.linear_model import LogisticRegression  # noqa: E402
from ferry.preprocessing import (OneHotEncoder, OrdinalEncoder, SimpleImputer,  # noqa: E402
                                 StandardScaler)


def credit_pipelines(categorical, numeric, **onehot):
    ours = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("cat", OneHotEncoder(**onehot), categorical),
            ("num", ferry.Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]),
             numeric)])),
        ("model", LogisticRegression())])
    theirs = skp.Pipeline([
        ("features", skc.ColumnTransformer([
            ("cat", skpre.OneHotEncoder(sparse_output=False, **onehot), categorical),
            ("num", skp.Pipeline([("impute", ski.SimpleImputer()),
                                  ("scale", skpre.StandardScaler())]), numeric)])),
        ("model", sklm.LogisticRegression(solver="newton-cholesky", tol=1e-12, max_iter=1000))])
    return ours, theirs


@pytest.mark.parametrize("onehot", [{}, {"handle_unknown": "ignore"}, {"drop": "first"},
                                    {"min_frequency": 30, "handle_unknown": "infrequent_if_exist"},
                                    {"max_categories": 4}])
def test_credit_g_pipeline_matches_scikit_learn(credit_g, onehot):
    X, y, categorical, numeric = credit_g
    ours, theirs = credit_pipelines(categorical, numeric, **onehot)
    ours.fit(X, y)
    theirs.fit(X, y)
    assert list(ours.named_steps["features"].get_feature_names_out()) == \
        list(theirs.named_steps["features"].get_feature_names_out())
    from sklearn.base import clone
    alone = clone(ours.named_steps["features"]).fit(X)  # a step in a pipeline serves through it
    np.testing.assert_allclose(alone.transform(X), theirs.named_steps["features"].transform(X),
                               rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.named_steps["model"].coef_, theirs.named_steps["model"].coef_,
                               rtol=0, atol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-6)
    assert (ours.predict(X) == theirs.predict(X)).all()


def test_onehot_fitted_attributes_match_scikit_learn(credit_g):
    X, _, categorical, _ = credit_g
    for params in [{}, {"drop": "if_binary"}, {"min_frequency": 0.05},
                   {"max_categories": 3, "drop": "first"}]:
        ours = OneHotEncoder(**params).fit(X[categorical])
        theirs = skpre.OneHotEncoder(sparse_output=False, **params).fit(X[categorical])
        for a, b in zip(ours.categories_, theirs.categories_):
            assert list(a) == list(b)
        if theirs.drop_idx_ is None:
            assert ours.drop_idx_ is None
        else:
            assert list(ours.drop_idx_) == list(theirs.drop_idx_)
        if hasattr(theirs, "infrequent_categories_"):
            for a, b in zip(ours.infrequent_categories_, theirs.infrequent_categories_):
                assert (a is None and b is None) or list(a) == list(b)
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
        assert (ours.transform(X[categorical]) == theirs.transform(X[categorical])).all()


def test_onehot_int_bool_float_and_missing_columns_match_scikit_learn():
    X = pd.DataFrame({"n": np.array([3, 1, 2, 1, 3], dtype=np.int64),
                      "b": np.array([True, False, True, True, False]),
                      "f": [0.5, np.nan, 2.0, 0.5, np.nan],
                      "s": pd.Series(["x", None, "y", "x", "y"], dtype=object)})
    ours = OneHotEncoder(handle_unknown="ignore").fit(X)
    theirs = skpre.OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(X)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert (ours.transform(X) == theirs.transform(X)).all()
    new = pd.DataFrame({"n": np.array([7], dtype=np.int64), "b": [True], "f": [9.0],
                        "s": pd.Series(["zz"], dtype=object)})
    assert (ours.transform(new) == theirs.transform(new)).all()


def test_errors_name_the_problem(credit_g):
    X, y, categorical, numeric = credit_g
    enc = OneHotEncoder().fit(X[["purpose"]])
    with pytest.raises(ferry.SchemaError, match="column 'purpose' has the value 'spaceship', which "
                                                "is not among the 10 categories seen at fit"):
        enc.transform(pd.DataFrame({"purpose": ["spaceship"]}, dtype=object))
    wrong = ferry.Pipeline([("features", ColumnTransformer([("num", StandardScaler(),
                                                               ["age", "purpose"])])),
                            ("model", LogisticRegression())])
    with pytest.raises(ferry.SchemaError, match="column 'purpose' is a string column, but step "
                                                "'standardscaler' \\(StandardScaler\\) reads "
                                                "numbers only"):
        wrong.fit(X, y)
    with pytest.raises(ferry.SchemaError, match="column 'agee' is not among the input columns"):
        ColumnTransformer([("num", StandardScaler(), ["agee"])]).fit(X)
    with pytest.raises(ferry.ParameterError, match="sparse_output=True is not supported"):
        OneHotEncoder(sparse_output=True).fit(X[["purpose"]])
    with pytest.raises(ferry.ParameterError, match="routes columns by name"):
        ColumnTransformer([("num", StandardScaler(), [0, 1])]).fit(X)


def test_credit_g_pickles_and_serves_rows_and_dicts(credit_g):
    X, y, categorical, numeric = credit_g
    ours, _ = credit_pipelines(categorical, numeric, handle_unknown="ignore")
    ours.fit(X, y)
    batch = ours.predict_proba(X)
    again = pickle.loads(pickle.dumps(ours))
    assert again.predict_proba(X).tobytes() == batch.tobytes()
    loaded = ferry.loads(ours.to_bytes())
    assert loaded.predict_proba(X).tobytes() == batch.tobytes()
    for i in (0, 17, 999):
        row = X.iloc[i].to_dict()
        assert ours.predict_proba(row).tobytes() == batch[i].tobytes()
    records = X.iloc[:50].to_dict("records")
    assert ours.predict_proba(records).tobytes() == batch[:50].tobytes()


def test_column_transformer_parameters_nest_for_grid_search(credit_g):
    X, y, categorical, numeric = credit_g
    ours, _ = credit_pipelines(categorical, numeric)
    params = ours.get_params()
    assert params["features__cat__handle_unknown"] == "error"
    assert params["features__num__scale__with_mean"] is True
    ours.set_params(features__cat__handle_unknown="ignore", features__num__scale__with_mean=False)
    branches = dict((n, t) for n, t, _ in ours.named_steps["features"].transformers)
    assert branches["cat"].handle_unknown == "ignore"
    assert branches["num"].named_steps["scale"].with_mean is False
    from sklearn.base import clone
    twin = clone(ours)
    twin.fit(X, y)
    assert twin.predict_proba(X).shape == (1000, 2)


def test_remainder_passthrough_and_drop_branches(credit_g):
    X, _, categorical, numeric = credit_g
    ours = ColumnTransformer([("cat", OneHotEncoder(), categorical[:2]),
                              ("gone", "drop", categorical[2:]),
                              ("keep", "passthrough", numeric[:1])],
                             remainder="passthrough").fit(X)
    theirs = skc.ColumnTransformer([("cat", skpre.OneHotEncoder(sparse_output=False),
                                     categorical[:2]),
                                    ("gone", "drop", categorical[2:]),
                                    ("keep", "passthrough", numeric[:1])],
                                   remainder="passthrough").fit(X)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    np.testing.assert_array_equal(ours.transform(X), theirs.transform(X).astype(np.float64))
    assert ours.output_indices_ == theirs.output_indices_


@pytest.mark.parametrize("params", [{}, {"min_frequency": 40}, {"max_categories": 3},
                                    {"handle_unknown": "use_encoded_value", "unknown_value": -1},
                                    {"handle_unknown": "use_encoded_value",
                                     "unknown_value": np.nan}])
def test_ordinal_encoder_matches_scikit_learn(credit_g, params):
    X, _, categorical, _ = credit_g
    ours = OrdinalEncoder(**params).fit(X[categorical])
    theirs = skpre.OrdinalEncoder(**params).fit(X[categorical])
    for a, b in zip(ours.categories_, theirs.categories_):
        assert list(a) == list(b)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    np.testing.assert_array_equal(ours.transform(X[categorical]), theirs.transform(X[categorical]))
    if params.get("handle_unknown") == "use_encoded_value":
        new = X[categorical].iloc[:3].copy()
        new.iloc[0, 0] = "never seen"
        np.testing.assert_array_equal(ours.transform(new), theirs.transform(new))


def test_ordinal_encoder_missing_values_match_scikit_learn():
    # Missing as pandas writes it in object columns (NaN). scikit-learn codes None as a category
    # of its own; ferry has one missing value, coded encoded_missing_value, None or NaN.
    X = pd.DataFrame({"s": pd.Series(["b", np.nan, "a", "b", np.nan], dtype=object),
                      "f": [2.5, np.nan, 1.0, 2.5, 1.0]})
    for emv in (np.nan, -2):
        ours = OrdinalEncoder(encoded_missing_value=emv).fit(X)
        theirs = skpre.OrdinalEncoder(encoded_missing_value=emv).fit(X)
        np.testing.assert_array_equal(ours.transform(X), theirs.transform(X))
    with pytest.raises(ferry.ParameterError, match="encoded_missing_value 1 is one of the codes"):
        OrdinalEncoder(encoded_missing_value=1).fit(X)
    with pytest.raises(ferry.ParameterError, match="unknown_value expected an int or np.nan"):
        OrdinalEncoder(handle_unknown="use_encoded_value").fit(X)
    enc = OrdinalEncoder().fit(X)
    with pytest.raises(ferry.SchemaError, match="column 's' has the value 'zz', which is not among"):
        enc.transform(pd.DataFrame({"s": pd.Series(["zz"], dtype=object), "f": [1.0]}))


def test_onehot_names_for_given_input_features():
    X = np.array([[1.0], [2.5], [1.0]])  # numpy: fitted without names, so any may be given
    ours = OneHotEncoder().fit(X)
    theirs = skpre.OneHotEncoder(sparse_output=False).fit(X)
    assert list(ours.get_feature_names_out(["colour"])) == \
        list(theirs.get_feature_names_out(["colour"]))
    with pytest.raises(ValueError, match="length equal to number of features"):
        ours.get_feature_names_out(["a", "b"])
