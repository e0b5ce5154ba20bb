"""Lasso, ElasticNet and PoissonRegressor beyond parity: scikit-learn's parameter surface and
defaults, the parameters ferry refuses and why, targets PoissonRegressor refuses, and what a saved
artifact gives back."""
from __future__ import annotations

import inspect

import numpy as np
import pytest

import ferry
from ferry.linear_model import ElasticNet, Lasso, PoissonRegressor
from ferry.preprocessing import StandardScaler

RNG = np.random.RandomState(0)
X = RNG.randn(60, 4)
Y = X @ np.array([1.5, -2.0, 0.0, 0.5]) + 0.1 * RNG.randn(60) + 3.0
COUNTS = np.floor(np.exp(0.3 * X[:, 0] - 0.2 * X[:, 1] + 1.0) * RNG.uniform(0.5, 1.5, 60))


@pytest.mark.parametrize("name", ["Lasso", "ElasticNet", "PoissonRegressor"])
def test_same_parameters_and_defaults_as_sklearn(name):
    sk_lm = pytest.importorskip("sklearn.linear_model")
    ours = inspect.signature(getattr(ferry.linear_model, name).__init__).parameters
    theirs = inspect.signature(getattr(sk_lm, name).__init__).parameters
    assert list(ours) == list(theirs)
    for key, param in theirs.items():
        assert ours[key].default == param.default, key
        assert ours[key].kind == param.kind, key


def test_fitted_attributes_are_sklearn_types():
    m = Lasso(alpha=0.05).fit(X, Y)
    assert m.coef_.shape == (4,) and m.coef_.dtype == np.float64
    assert isinstance(m.intercept_, float)
    assert isinstance(m.n_iter_, int) and isinstance(m.dual_gap_, float)
    assert m.n_features_in_ == 4 and not hasattr(m, "feature_names_in_")
    assert m.sparse_coef_.shape == (1, 4)
    p = PoissonRegressor(alpha=0.1).fit(X, COUNTS)
    assert isinstance(p.n_iter_, int) and isinstance(p.intercept_, float)
    np.testing.assert_allclose(p.predict(X), np.exp(X @ p.coef_ + p.intercept_), rtol=1e-14)


def test_refused_parameters_say_why():
    with pytest.raises(ferry.ParameterError, match="selection='random' is not supported.*fixed "
                                                   "order.*expected 'cyclic'"):
        Lasso(selection="random").fit(X, Y)
    with pytest.raises(ferry.ParameterError, match="'selection' parameter"):
        ElasticNet(selection="shuffle").fit(X, Y)
    with pytest.raises(ferry.ParameterError, match="precomputed Gram matrix"):
        Lasso(precompute=X.T @ X).fit(X, Y)
    with pytest.raises(ferry.ParameterError, match="Lasso: alpha expected a finite number >= 0, "
                                                   "found -1"):
        Lasso(alpha=-1.0).fit(X, Y)
    with pytest.raises(ferry.ParameterError, match=r"ElasticNet: l1_ratio expected a number in "
                                                   r"\[0, 1\], found 1.5"):
        ElasticNet(l1_ratio=1.5).fit(X, Y)
    with pytest.raises(ferry.ParameterError, match="'max_iter' parameter of Lasso must be an int"):
        Lasso(max_iter=0).fit(X, Y)
    with pytest.raises(ferry.ParameterError, match="'alpha' parameter of ElasticNet must be a float"):
        ElasticNet(alpha="big").fit(X, Y)
    with pytest.raises(ferry.ParameterError, match="'solver' parameter of PoissonRegressor"):
        PoissonRegressor(solver="saga").fit(X, COUNTS)
    with pytest.raises(ferry.ParameterError, match="PoissonRegressor: tol expected a finite number "
                                                   "> 0, found 0"):
        PoissonRegressor(tol=0.0).fit(X, COUNTS)
    # Accepted, as scikit-learn accepts them.
    Lasso(precompute=True, warm_start=True, copy_X=False, random_state=3, max_iter=None).fit(X, Y)
    PoissonRegressor(solver="newton-cholesky", warm_start=True, verbose=1).fit(X, COUNTS)


def test_poisson_targets_must_be_non_negative():
    with pytest.raises(ferry.SchemaError, match="PoissonRegressor: expected targets y >= 0.*found "
                                                "-1 at row 2"):
        PoissonRegressor().fit(X[:3], [1.0, 2.0, -1.0])
    with pytest.raises(ferry.SchemaError, match="positive weighted mean of y"):
        PoissonRegressor().fit(X[:3], [0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="valid range"):
        PoissonRegressor().fit(X, COUNTS).score(X, -COUNTS)


def test_tol_mapping():
    """scikit-learn's default tol leaves the core's (the optimum); another is passed on."""
    exact = Lasso(alpha=0.01).fit(X, Y)
    assert exact.tol == 1e-4
    pipe = ferry.Pipeline([("model", Lasso(alpha=0.01))]).fit(X, Y)
    assert ferry.loads(pipe.to_bytes()).named_steps["model"].tol == 1e-12
    loose = Lasso(alpha=0.01, tol=0.5).fit(X, Y)
    assert loose.n_iter_ <= exact.n_iter_ and loose.dual_gap_ >= exact.dual_gap_


@pytest.mark.parametrize("model,y", [(Lasso(alpha=0.02, positive=True), Y),
                                     (ElasticNet(alpha=0.05, l1_ratio=0.3, fit_intercept=False), Y),
                                     (PoissonRegressor(alpha=0.2, max_iter=50), COUNTS)])
def test_save_load_keeps_parameters_attributes_and_bits(tmp_path, model, y):
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", model)]).fit(X, y)
    path = tmp_path / "m.ferry"
    pipe.save(path)
    back = ferry.load(path)
    a, b = pipe.named_steps["model"], back.named_steps["model"]
    assert type(a) is type(b)
    for key in ("alpha", "fit_intercept", "max_iter"):
        assert getattr(a, key) == getattr(b, key)
    for key in ("l1_ratio", "positive"):
        if hasattr(a, key):
            assert getattr(a, key) == getattr(b, key)
    for key in ("coef_", "intercept_", "n_iter_", "dual_gap_"):
        if hasattr(a, key):
            np.testing.assert_array_equal(getattr(a, key), getattr(b, key))
    assert back.predict(X).tobytes() == pipe.predict(X).tobytes()
    assert back.score(X, y) == pipe.score(X, y)


def test_d2_without_sklearn_matches_sklearn(monkeypatch):
    """PoissonRegressor.score's numpy fallback (no scikit-learn) gives scikit-learn's D^2."""
    pytest.importorskip("sklearn")
    import ferry._glm as glm

    m = PoissonRegressor(alpha=0.1).fit(X, COUNTS)
    w = RNG.uniform(0.1, 2.0, len(COUNTS))
    with_sklearn = (m.score(X, COUNTS), m.score(X, COUNTS, sample_weight=w))
    monkeypatch.setattr(glm, "HAS_SKLEARN", False)
    without = (m.score(X, COUNTS), m.score(X, COUNTS, sample_weight=w))
    np.testing.assert_allclose(without, with_sklearn, rtol=1e-12)
