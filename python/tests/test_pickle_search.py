"""Pickle, copy, deepcopy, clone through the artifact bytes; GridSearchCV(n_jobs=2) and
cross_val_score(n_jobs=2) over a ferry Pipeline."""
from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

import ferry
from ferry.linear_model import (ElasticNet, Lasso, LinearRegression, LogisticRegression,
                                PoissonRegressor, Ridge)
from ferry.preprocessing import SimpleImputer, StandardScaler


def _bits(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).view(np.uint64)


def _pima_pipe(C=1.0):
    return ferry.Pipeline([("impute", SimpleImputer(missing_values=0)),
                           ("scale", StandardScaler()),
                           ("model", LogisticRegression(C=C))])


def test_pickle_round_trip_identical_bits(pima):
    Xtr, ytr, Xte, _ = pima
    pipe = _pima_pipe().fit(Xtr, ytr)
    for clone_of in (lambda p: pickle.loads(pickle.dumps(p)), copy.copy, copy.deepcopy):
        other = clone_of(pipe)
        np.testing.assert_array_equal(_bits(other.predict_proba(Xte)), _bits(pipe.predict_proba(Xte)))
        np.testing.assert_array_equal(other.predict(Xte), pipe.predict(Xte))
        np.testing.assert_array_equal(_bits(other.named_steps["scale"].mean_),
                                      _bits(pipe.named_steps["scale"].mean_))
        np.testing.assert_array_equal(other.feature_names_in_, pipe.feature_names_in_)
        assert other.get_params(deep=False).keys() == pipe.get_params(deep=False).keys()
        assert other.to_bytes() == pipe.to_bytes()


def test_pickle_holds_artifact_bytes_not_native_objects(pima):
    Xtr, ytr, _, _ = pima
    pipe = _pima_pipe().fit(Xtr, ytr)
    state = pipe.__getstate__()
    assert "_native" not in state
    # The pipeline's artifact (without the parameters JSON that save() adds to the metadata).
    assert ferry.loads(state["_ferry_artifact"]).model_id == pipe.model_id
    assert not any(type(v).__module__.startswith("ferry._ferry") for v in state.values())


@pytest.mark.parametrize("est", [StandardScaler(), SimpleImputer(), LogisticRegression(),
                                 LinearRegression(), Ridge(), Lasso(alpha=0.01),
                                 ElasticNet(alpha=0.01), PoissonRegressor()])
def test_pickle_single_estimators(breast_cancer, est):
    X, y = breast_cancer
    est.fit(X, y)
    other = pickle.loads(pickle.dumps(est))
    method = "transform" if hasattr(est, "transform") else "predict"
    np.testing.assert_array_equal(_bits(getattr(other, method)(X)), _bits(getattr(est, method)(X)))
    if hasattr(est, "predict_proba"):
        np.testing.assert_array_equal(_bits(other.predict_proba(X)), _bits(est.predict_proba(X)))


def test_pickle_unfitted_keeps_params():
    pipe = _pima_pipe(C=0.5)
    other = pickle.loads(pickle.dumps(pipe))
    assert other.get_params()["model__C"] == 0.5
    assert not hasattr(other, "_native")


def test_clone_and_nested_params():
    sklearn = pytest.importorskip("sklearn")
    from sklearn.base import clone

    pipe = _pima_pipe()
    pipe.set_params(model__C=3.0, scale__with_mean=False)
    c = clone(pipe)
    assert c.get_params()["model__C"] == 3.0
    assert c.get_params()["scale__with_mean"] is False
    assert c.named_steps["model"] is not pipe.named_steps["model"]
    assert len(c) == 3 and c[0] is c.named_steps["impute"] and c["model"] is c[-1]
    assert isinstance(c[:2], ferry.Pipeline) and len(c[:2]) == 2
    assert sklearn.base.is_classifier(c)


def test_grid_search_same_best_params_as_sklearn(pima):
    pytest.importorskip("sklearn")
    from sklearn.impute import SimpleImputer as SkImputer
    from sklearn.linear_model import LogisticRegression as SkLogReg
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import Pipeline as SkPipeline
    from sklearn.preprocessing import StandardScaler as SkScaler

    Xtr, ytr, _, _ = pima
    # No two candidates tie exactly (with_mean would: the intercept absorbs centering).
    grid = {"model__C": [0.001, 0.01, 0.1, 1.0, 10.0], "scale__with_std": [True, False]}
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    ours = GridSearchCV(_pima_pipe(), grid, cv=cv, n_jobs=2, scoring="neg_log_loss").fit(Xtr, ytr)
    ref_pipe = SkPipeline([("impute", SkImputer(missing_values=0)), ("scale", SkScaler()),
                           ("model", SkLogReg(solver="newton-cholesky", tol=1e-12, max_iter=1000))])
    ref = GridSearchCV(ref_pipe, grid, cv=cv, n_jobs=2, scoring="neg_log_loss").fit(Xtr, ytr)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               ref.cv_results_["mean_test_score"], rtol=1e-6)
    assert isinstance(ours.best_estimator_, ferry.Pipeline)
    assert ours.best_estimator_.named_steps["model"].C == ref.best_params_["model__C"]


def test_cross_val_score_n_jobs(pima):
    pytest.importorskip("sklearn")
    from sklearn.model_selection import cross_val_score

    Xtr, ytr, _, _ = pima
    scores = cross_val_score(_pima_pipe(), Xtr, ytr, cv=5, n_jobs=2)
    serial = cross_val_score(_pima_pipe(), Xtr, ytr, cv=5, n_jobs=1)
    assert scores.shape == (5,)
    np.testing.assert_array_equal(scores, serial)
    assert 0.6 < scores.mean() < 0.9
