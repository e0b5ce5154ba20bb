"""Lasso and ElasticNet: scikit-learn's classes over the core's coordinate descent."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._base import check_bool
from ._errors import ParameterError
from ._linear_base import LinearRegressor, core_tol, positive_int, real

__all__ = ["Lasso", "ElasticNet"]

_DEFAULT_MAX_ITER = 1000


class _CoordinateDescentRegressor(LinearRegressor):
    """Parameters and fitted attributes shared by Lasso and ElasticNet."""

    def _enet_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy_X", self.copy_X)
        check_bool(who, "warm_start", self.warm_start)
        if not isinstance(self.precompute, (bool, np.bool_)):
            raise ParameterError(
                f"{who}: precompute expected True or False, found {type(self.precompute).__name__}"
                " (a precomputed Gram matrix cannot be carried: the pipeline computes the model's "
                "features itself)")
        if self.selection == "random":
            raise ParameterError(
                f"{who}: selection='random' is not supported: ferry's coordinate descent visits "
                "the features in a fixed order so that a fit is reproducible bit for bit, and it "
                "solves to the optimum, where the order makes no difference; expected 'cyclic'")
        if self.selection != "cyclic":
            raise ParameterError(f"{who}: The 'selection' parameter of {who} must be a str among "
                                 f"{{'cyclic', 'random'}}. Got {self.selection!r} instead.")
        if np.ndim(self.alpha) != 0:
            raise ParameterError(f"{who}: alpha expected one number (ferry fits one target), "
                                 f"found {self.alpha!r}")
        max_iter = (_DEFAULT_MAX_ITER if self.max_iter is None
                    else positive_int(who, "max_iter", self.max_iter))
        params: dict[str, Any] = {
            "alpha": real(who, "alpha", self.alpha),
            "fit_intercept": check_bool(who, "fit_intercept", self.fit_intercept),
            "max_iter": max_iter,
            "positive": check_bool(who, "positive", self.positive),
        }
        core_tol(who, self.tol, params)
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        out = {"alpha": float(params["alpha"]), "fit_intercept": bool(params["fit_intercept"]),
               "max_iter": int(params["max_iter"]), "tol": float(params["tol"]),
               "positive": bool(params["positive"])}
        if "l1_ratio" in params:
            out["l1_ratio"] = float(params["l1_ratio"])
        return out

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        super()._apply_fitted(fitted, native, info, first, weighted)
        self.n_iter_ = int(fitted["n_iter_"])
        self.dual_gap_ = float(fitted["dual_gap_"])

    @property
    def sparse_coef_(self) -> Any:
        """coef_ as a scipy.sparse CSR matrix of shape (1, n_features) (needs scipy)."""
        from scipy import sparse

        return sparse.csr_matrix(np.atleast_2d(self.coef_))


class ElasticNet(_CoordinateDescentRegressor):
    """Least squares with L1 and L2 penalties, as sklearn.linear_model.ElasticNet: minimizes

        1 / (2 * sum(s)) * sum_i s_i * (y_i - x_i @ coef - intercept)^2
        + alpha * l1_ratio * ||coef||_1 + 0.5 * alpha * (1 - l1_ratio) * ||coef||_2^2

    (s the sample weights, all 1 by default; intercept not penalized) by cyclic coordinate descent
    in the core, finished by an exact solve on the non-zero coefficients whose optimality
    conditions are then verified: the result is the optimum (up to rounding), as scikit-learn's
    coordinate descent reaches only when run with a tiny tol.

    Parameters
    ----------
    alpha : float, default=1.0
        Penalty strength (>= 0).
    l1_ratio : float, default=0.5
        Share of the L1 penalty, in [0, 1].
    fit_intercept : bool, default=True
    precompute : bool, default=False
        Accepted for compatibility (the core chooses how to compute); a precomputed Gram matrix
        (an array) is refused with a ParameterError.
    max_iter : int or None, default=1000
        Coordinate descent epochs allowed (None: 1000).
    copy_X : bool, default=True
        Accepted for compatibility: ferry never modifies its input.
    tol : float, default=1e-4
        Mapping decision, as for LogisticRegression: at scikit-learn's default 1e-4 ferry keeps its
        core default (1e-12) and stops at the verified optimum. Any other value is passed to the
        core with scikit-learn's meaning: stop once the duality gap is <= tol times the weighted
        variance of y (checked after an epoch whose largest update is <= tol * max |coef|), or
        at the verified optimum if that comes first.
    warm_start : bool, default=False
        Accepted for compatibility; every fit starts from zero (the optimum does not depend on
        the starting point).
    positive : bool, default=False
        Constrain the coefficients to be >= 0.
    random_state : int, RandomState instance or None, default=None
        Accepted for compatibility: it only serves selection='random'.
    selection : {"cyclic"}, default="cyclic"
        "random" is refused with a ParameterError: ferry's coordinate descent visits the features
        in a fixed order, so that a fit is reproducible bit for bit.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    sparse_coef_ : scipy.sparse matrix of shape (1, n_features)
    intercept_ : float
    n_iter_ : int
        Coordinate descent epochs used.
    dual_gap_ : float
        Duality gap at coef_ (scikit-learn's definition; about 0 at the optimum).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "ElasticNet"

    def __init__(self, alpha: float = 1.0, *, l1_ratio: float = 0.5, fit_intercept: bool = True,
                 precompute: Any = False, max_iter: int | None = 1000, copy_X: bool = True,
                 tol: float = 1e-4, warm_start: bool = False, positive: bool = False,
                 random_state: Any = None, selection: str = "cyclic") -> None:
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.copy_X = copy_X
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection

    def _native_params(self) -> dict[str, Any]:
        params = self._enet_params()
        params["l1_ratio"] = real(type(self).__name__, "l1_ratio", self.l1_ratio)
        return params

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "ElasticNet":
        """Fits the model in the core to the optimum. Returns self."""
        return super().fit(X, y, sample_weight)


class Lasso(_CoordinateDescentRegressor):
    """Least squares with an L1 penalty, as sklearn.linear_model.Lasso: minimizes

        1 / (2 * sum(s)) * sum_i s_i * (y_i - x_i @ coef - intercept)^2 + alpha * ||coef||_1

    solved in the core as ElasticNet is (l1_ratio = 1): to the verified optimum.

    Parameters
    ----------
    alpha : float, default=1.0
        Penalty strength (>= 0).
    fit_intercept : bool, default=True
    precompute : bool, default=False
        Accepted for compatibility; a precomputed Gram matrix is refused.
    copy_X : bool, default=True
        Accepted for compatibility.
    max_iter : int or None, default=1000
        Coordinate descent epochs allowed (None: 1000).
    tol : float, default=1e-4
        As for ElasticNet: scikit-learn's default keeps the core's (the optimum); other values
        stop on scikit-learn's duality-gap test.
    warm_start : bool, default=False
        Accepted for compatibility; every fit starts from zero.
    positive : bool, default=False
        Constrain the coefficients to be >= 0.
    random_state : default=None
        Accepted for compatibility.
    selection : {"cyclic"}, default="cyclic"
        "random" is refused (ParameterError), as for ElasticNet.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    sparse_coef_ : scipy.sparse matrix of shape (1, n_features)
    intercept_ : float
    n_iter_ : int
    dual_gap_ : float
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "Lasso"

    def __init__(self, alpha: float = 1.0, *, fit_intercept: bool = True, precompute: Any = False,
                 copy_X: bool = True, max_iter: int | None = 1000, tol: float = 1e-4,
                 warm_start: bool = False, positive: bool = False, random_state: Any = None,
                 selection: str = "cyclic") -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection

    def _native_params(self) -> dict[str, Any]:
        return self._enet_params()

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "Lasso":
        """Fits the model in the core to the optimum. Returns self."""
        return super().fit(X, y, sample_weight)
