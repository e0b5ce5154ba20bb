"""PoissonRegressor: scikit-learn's class over the core's Newton solve."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._base import check_bool
from ._compat import HAS_SKLEARN
from ._errors import ParameterError, SchemaError
from ._linear_base import LinearRegressor, core_tol, positive_int, real

__all__ = ["PoissonRegressor", "d2_poisson"]

_SOLVERS = ("lbfgs", "newton-cholesky")


def d2_poisson(y_true: Any, y_pred: Any, sample_weight: Any = None) -> float:
    """Fraction of Poisson deviance explained, D^2 (what scikit-learn's PoissonRegressor.score
    returns): scikit-learn's d2_tweedie_score(power=1) when installed."""
    yt = np.asarray(y_true, dtype=np.float64).ravel()
    yp = np.asarray(y_pred, dtype=np.float64).ravel()
    if np.any(yt < 0):
        raise SchemaError("Some value(s) of y are out of the valid range of the loss "
                          "'HalfPoissonLoss' (expected y >= 0).")
    if HAS_SKLEARN:
        from sklearn.metrics import d2_tweedie_score

        return float(d2_tweedie_score(yt, yp, sample_weight=sample_weight, power=1))
    w = np.ones_like(yt) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)

    def deviance(mu: np.ndarray) -> float:
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(yt > 0, yt * np.log(yt / mu), 0.0)
        return float(np.sum(w * 2.0 * (term - yt + mu)))

    return 1.0 - deviance(yp) / deviance(np.full_like(yt, np.average(yt, weights=w)))


class PoissonRegressor(LinearRegressor):
    """Poisson regression with a log link, as sklearn.linear_model.PoissonRegressor: minimizes

        1 / (2 * sum(s)) * sum_i s_i * deviance(y_i, exp(x_i @ coef + intercept))
        + 0.5 * alpha * ||coef||_2^2

    (s the sample weights; intercept not penalized) by Newton's method in the core **to the
    optimum**, whatever the solver named: results match scikit-learn run to its optimum (e.g.
    solver="newton-cholesky", tol=1e-12), not its default lbfgs, which stops early. predict gives
    the mean exp(X @ coef_ + intercept_); targets must be >= 0.

    Parameters
    ----------
    alpha : float, default=1.0
        L2 penalty strength (>= 0).
    fit_intercept : bool, default=True
    solver : {"lbfgs", "newton-cholesky"}, default="lbfgs"
        Accepted for compatibility; the core always uses Newton's method.
    max_iter : int, default=100
        Newton iterations allowed.
    tol : float, default=1e-4
        Mapping decision, as for LogisticRegression: at scikit-learn's default 1e-4 ferry keeps its
        core default (stop when max |gradient| <= 1e-12 * max(1, |initial gradient|)); any other
        value is passed to the core as that relative gradient tolerance.
    warm_start : bool, default=False
        Accepted for compatibility; every fit starts where scikit-learn's cold start does.
    verbose : int, default=0
        Accepted for compatibility.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
        Newton iterations used.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "PoissonRegressor"

    def __init__(self, *, alpha: float = 1.0, fit_intercept: bool = True, solver: str = "lbfgs",
                 max_iter: int = 100, tol: float = 1e-4, warm_start: bool = False,
                 verbose: int = 0) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.warm_start = warm_start
        self.verbose = verbose

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "warm_start", self.warm_start)
        if self.solver not in _SOLVERS:
            raise ParameterError(f"{who}: The 'solver' parameter of {who} must be a str among "
                                 f"{set(_SOLVERS)}. Got {self.solver!r} instead.")
        params: dict[str, Any] = {
            "alpha": real(who, "alpha", self.alpha),
            "fit_intercept": check_bool(who, "fit_intercept", self.fit_intercept),
            "max_iter": positive_int(who, "max_iter", self.max_iter),
        }
        core_tol(who, self.tol, params)
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"alpha": float(params["alpha"]), "fit_intercept": bool(params["fit_intercept"]),
                "max_iter": int(params["max_iter"]), "tol": float(params["tol"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        super()._apply_fitted(fitted, native, info, first, weighted)
        self.n_iter_ = int(fitted["n_iter_"])

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "PoissonRegressor":
        """Fits the model in the core to the optimum (one call, GIL released). Returns self."""
        return super().fit(X, y, sample_weight)

    def predict(self, X: Any) -> Any:
        """Predicted means exp(X @ coef_ + intercept_), computed by the core; a float for a dict."""
        return super().predict(X)

    @staticmethod
    def _prediction_score(y: Any, pred: Any, sample_weight: Any = None) -> float:
        return d2_poisson(y, pred, sample_weight)

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """D^2, the fraction of Poisson deviance explained (scikit-learn's PoissonRegressor.score,
        not R^2)."""
        return d2_poisson(y, self.predict(X), sample_weight)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.positive_only = True
        return tags
