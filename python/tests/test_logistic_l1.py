"""LogisticRegression's penalty and l1_ratio mapping, ferry.multiclass.OneVsRestClassifier's
conventions (parameters, fitted attributes, refusals, pickling, loading) and clear errors for
bad parameter combinations."""
from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest

import ferry
from ferry.linear_model import LogisticRegression, Ridge
from ferry.multiclass import OneVsRestClassifier
from ferry.preprocessing import StandardScaler


@pytest.fixture(scope="module")
def wine_std(wine):
    X, y = wine
    return (X - X.mean(axis=0)) / X.std(axis=0), y


@pytest.mark.parametrize("kw,match", [
    ({"l1_ratio": 1.5}, r"'l1_ratio' parameter of LogisticRegression must be a float in the "
                        r"range \[0.0, 1.0\] or None. Got 1.5"),
    ({"l1_ratio": -0.1}, "'l1_ratio' parameter"),
    ({"l1_ratio": float("nan")}, "'l1_ratio' parameter"),
    ({"l1_ratio": "l1"}, "'l1_ratio' parameter"),
    ({"l1_ratio": True}, "'l1_ratio' parameter"),
    ({"penalty": "elasticnet", "l1_ratio": None}, "l1_ratio must be specified when penalty is "
                                                  "elasticnet"),
    ({"penalty": "l3"}, r"'penalty' parameter of LogisticRegression must be a str among"),
    ({"penalty": "elasticnet", "l1_ratio": 2.0}, "'l1_ratio' parameter"),
    ({"l1_ratio": 0.5, "C": 0.0}, "'C' parameter"),
])
def test_bad_penalty_parameters(wine_std, kw, match):
    X, y = wine_std
    with pytest.raises(ferry.ParameterError, match=match):
        LogisticRegression(**kw).fit(X, y)
    with pytest.raises(ferry.ParameterError, match=match):
        OneVsRestClassifier(LogisticRegression(**kw)).fit(X, y)


def test_penalty_warnings_as_scikit_learn(wine_std):
    X, y = wine_std
    with pytest.warns(UserWarning) as record:
        m = LogisticRegression(penalty="l2", l1_ratio=0.5).fit(X, y)
    messages = [str(w.message) for w in record]
    assert any("l1_ratio parameter is only used when penalty is 'elasticnet'" in t for t in messages)
    assert any("Inconsistent values: penalty=l2 with l1_ratio=0.5" in t for t in messages)
    # scikit-learn fits the named penalty: l2 here, l1_ratio ignored.
    np.testing.assert_array_equal(m.coef_, LogisticRegression().fit(X, y).coef_)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        LogisticRegression(l1_ratio=None).fit(X, y)  # None: l2 (no warning from ferry)


def test_core_parameters_round_trip(wine_std):
    """The spelling a loaded model comes back with: scikit-learn 1.9's where it says the same."""
    X, y = wine_std
    cases = [
        ({"l1_ratio": 1.0, "C": 0.5}, {"penalty": "deprecated", "l1_ratio": 1.0, "C": 0.5}),
        ({"l1_ratio": 0.3}, {"penalty": "deprecated", "l1_ratio": 0.3}),
        ({}, {"penalty": "deprecated", "l1_ratio": 0.0}),
        ({"C": np.inf}, {"penalty": None}),
    ]
    for kw, expected in cases:
        m = LogisticRegression(**kw).fit(X, y)
        back = ferry.loads(ferry.Pipeline([("m", LogisticRegression(**kw))]).fit(X, y).to_bytes())
        params = back[-1].get_params()
        for key, value in expected.items():
            assert params[key] == value, (kw, key)
        np.testing.assert_array_equal(back.predict_proba(X), m.predict_proba(X))
    with pytest.warns(UserWarning, match="Inconsistent"):
        pipe = ferry.Pipeline([("m", LogisticRegression(penalty="l1"))]).fit(X, y)
    params = ferry.loads(pipe.to_bytes())[-1].get_params()
    assert params["penalty"] == "l1" and params["l1_ratio"] == 0.0


def test_ovr_refuses_other_estimators(wine_std):
    X, y = wine_std
    for est in (Ridge(), StandardScaler(), None, "lr"):
        with pytest.raises(ferry.ParameterError, match="estimator expected a "
                                                       "ferry.linear_model.LogisticRegression"):
            OneVsRestClassifier(est).fit(X, y)
    sk_lm = pytest.importorskip("sklearn.linear_model")
    with pytest.raises(ferry.ParameterError, match="found LogisticRegression"):
        OneVsRestClassifier(sk_lm.LogisticRegression()).fit(X, y)
    with pytest.raises(ferry.ParameterError, match="class_weight expected None or 'balanced'"):
        OneVsRestClassifier(LogisticRegression(class_weight={0: 2.0})).fit(X, y)
    # A model is the last step of a pipeline only.
    with pytest.raises(ferry.ParameterError, match="model"):
        ferry.Pipeline([("ovr", OneVsRestClassifier(LogisticRegression())),
                        ("scale", StandardScaler())]).fit(X, y)


def test_ovr_fitted_attributes_and_conventions(wine_std):
    X, y = wine_std
    est = LogisticRegression(C=0.5, l1_ratio=0.5)
    ovr = OneVsRestClassifier(est)
    assert ovr.get_params()["estimator__C"] == 0.5
    ovr.set_params(estimator__C=0.7)
    assert est.C == 0.7
    ovr.fit(X, y)
    assert not hasattr(est, "coef_")  # fit leaves the estimator parameter alone
    assert ovr.n_classes_ == 3 and ovr.n_features_in_ == X.shape[1]
    assert [e.coef_.shape for e in ovr.estimators_] == [(1, X.shape[1])] * 3
    for e in ovr.estimators_:
        assert e.get_params() == est.get_params()
        np.testing.assert_array_equal(e.classes_, [0, 1])
        with pytest.raises(ferry.FerryError, match="estimators_.*call its predict"):
            e.predict(X)
    dec = ovr.decision_function(X)
    proba = ovr.predict_proba(X)
    sig = 1.0 / (1.0 + np.exp(-dec))
    np.testing.assert_allclose(proba, sig / sig.sum(axis=1, keepdims=True), rtol=1e-15, atol=0)
    np.testing.assert_array_equal(ovr.predict(X), ovr.classes_[dec.argmax(axis=1)])
    # One row as a dict of named features (x0, x1, ...), the same bits as the batch.
    row = {f"x{j}": X[5, j] for j in range(X.shape[1])}
    np.testing.assert_array_equal(ovr.predict_proba(row), proba[5])
    # Pickling goes through the artifact: same bits after the round trip.
    again = pickle.loads(pickle.dumps(ovr))
    np.testing.assert_array_equal(again.predict_proba(X), proba)
    assert len(again.estimators_) == 3


def test_ovr_clone_and_grid_search(wine_std):
    base = pytest.importorskip("sklearn.base")
    ms = pytest.importorskip("sklearn.model_selection")
    X, y = wine_std
    ovr = OneVsRestClassifier(LogisticRegression(l1_ratio=1.0))
    copy = base.clone(ovr)
    assert copy.estimator is not ovr.estimator and copy.get_params()["estimator__l1_ratio"] == 1.0
    search = ms.GridSearchCV(ovr, {"estimator__C": [0.05, 1.0]}, cv=3).fit(X, y)
    assert search.best_params_ in ({"estimator__C": 0.05}, {"estimator__C": 1.0})
    assert isinstance(search.best_estimator_, OneVsRestClassifier)
