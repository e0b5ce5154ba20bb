"""Linear models with scikit-learn's names, parameters and fitted attributes; fitted and applied
by ferry's C++ core."""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from ._base import FerryModel, check_bool
from ._compat import HAS_SKLEARN, ClassifierMixin
from ._coordinate_descent import ElasticNet, Lasso
from ._errors import ParameterError, SchemaError
from ._glm import PoissonRegressor
from ._linear_base import SKLEARN_DEFAULT_TOL
from ._linear_base import LinearRegressor as _LinearRegressor
from ._linear_base import real as _real

__all__ = ["LogisticRegression", "LinearRegression", "Ridge", "Lasso", "ElasticNet",
           "PoissonRegressor"]

_SOLVERS = ("lbfgs", "liblinear", "newton-cg", "newton-cholesky", "sag", "saga")


class LinearRegression(_LinearRegressor):
    """Ordinary least squares, as sklearn.linear_model.LinearRegression (rank-deficient problems get
    the minimum-norm solution, as scipy's lstsq gives).

    Parameters
    ----------
    fit_intercept : bool, default=True
        Fit an intercept.
    copy_X : bool, default=True
        Accepted for compatibility: ferry never modifies its input.
    tol : float, default=1e-6
        Accepted for compatibility (scikit-learn uses it for sparse input only).
    n_jobs : int or None, default=None
        Accepted for compatibility; the core uses one thread.
    positive : bool, default=False
        Must be False (ParameterError otherwise): no constrained solver in the core.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    rank_ : int
        Numerical rank of the (centered) design.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "LinearRegression"

    def __init__(self, *, fit_intercept: bool = True, copy_X: bool = True, tol: float = 1e-6,
                 n_jobs: int | None = None, positive: bool = False) -> None:
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.tol = tol
        self.n_jobs = n_jobs
        self.positive = positive

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy_X", self.copy_X)
        if check_bool(who, "positive", self.positive):
            raise ParameterError(f"{who}: positive=True is not supported by ferry's core; "
                                 "expected positive=False")
        return {"fit_intercept": check_bool(who, "fit_intercept", self.fit_intercept)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"fit_intercept": bool(params["fit_intercept"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        super()._apply_fitted(fitted, native, info, first, weighted)
        self.rank_ = int(fitted["rank_"])

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "LinearRegression":
        """Solves the least-squares problem in the core. Returns self."""
        return super().fit(X, y, sample_weight)


class Ridge(_LinearRegressor):
    """Least squares with an L2 penalty alpha * ||coef||^2, as sklearn.linear_model.Ridge, solved
    exactly by the core (every scikit-learn solver aims at this same solution).

    Parameters
    ----------
    alpha : float, default=1.0
        Penalty strength (>= 0; a scalar: one target only).
    fit_intercept : bool, default=True
    copy_X : bool, default=True
        Accepted for compatibility.
    max_iter, tol, solver, random_state :
        Accepted for compatibility: the core solves exactly whatever their values.
    positive : bool, default=False
        Must be False (ParameterError otherwise).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "Ridge"

    def __init__(self, alpha: float = 1.0, *, fit_intercept: bool = True, copy_X: bool = True,
                 max_iter: int | None = None, tol: float = 1e-4, solver: str = "auto",
                 positive: bool = False, random_state: Any = None) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.positive = positive
        self.random_state = random_state

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy_X", self.copy_X)
        if check_bool(who, "positive", self.positive):
            raise ParameterError(f"{who}: positive=True is not supported by ferry's core; "
                                 "expected positive=False")
        if np.ndim(self.alpha) != 0:
            raise ParameterError(f"{who}: alpha expected one number (ferry fits one target), "
                                 f"found {self.alpha!r}")
        return {"alpha": _real(who, "alpha", self.alpha),
                "fit_intercept": check_bool(who, "fit_intercept", self.fit_intercept)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"alpha": float(params["alpha"]), "fit_intercept": bool(params["fit_intercept"])}

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "Ridge":
        """Solves the penalized least-squares problem in the core. Returns self."""
        return super().fit(X, y, sample_weight)


class LogisticRegression(ClassifierMixin, FerryModel):
    """Logistic regression, as sklearn.linear_model.LogisticRegression with an L2 (or no) penalty:
    binary problems fit one coefficient row, more classes a multinomial (softmax) model.

    ferry minimizes scikit-learn's objective C * sum_i w_i * logloss_i + ||coef||^2 / 2 by Newton's
    method **to the optimum**, whatever the solver named: results match scikit-learn run to its
    optimum (e.g. solver="newton-cholesky", tol=1e-12), not its default lbfgs, which stops early.

    Parameters
    ----------
    penalty : {"l2", None, "deprecated"}, default="l2"
        "l2" (or scikit-learn 1.8+'s "deprecated" default, meaning l2) or None for no penalty.
        "l1" and "elasticnet" are refused (ParameterError).
    C : float, default=1.0
        Inverse regularization strength (> 0); C=np.inf means no penalty.
    l1_ratio : float, default=0.0
        Must be 0 (or None): only the L2 penalty exists in the core.
    dual : bool, default=False
        Must be False.
    tol : float, default=1e-4
        Mapping decision: at scikit-learn's default 1e-4 ferry keeps its core default (1e-12: stop
        when max |gradient| <= 1e-12 * max(1, max |gradient at zero coefficients|), i.e. at the
        optimum up to rounding), so default-constructed models reach the optimum. Any other value
        is passed to the core as that relative gradient tolerance.
    fit_intercept : bool, default=True
    intercept_scaling : float, default=1
        Accepted for compatibility (liblinear only in scikit-learn; no effect here).
    class_weight : dict, "balanced" or None, default=None
        Weights by class label.
    random_state, solver, verbose, warm_start, n_jobs :
        Accepted for compatibility; no effect (the core's Newton solve is deterministic).
    max_iter : int, default=100
        Iterations on the full data allowed (see n_iter_).

    Attributes
    ----------
    classes_ : ndarray
        Class labels, typed as trained.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : ndarray of shape (1,)
        Iterations on the full data, one step each (Newton, or a step with a reused Hessian). On
        large data a warm start solved on subsamples comes first and is not counted.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "LogisticRegression"
    _is_classifier = True

    def __init__(self, penalty: str | None = "l2", *, C: float = 1.0, l1_ratio: float | None = 0.0,
                 dual: bool = False, tol: float = SKLEARN_DEFAULT_TOL, fit_intercept: bool = True,
                 intercept_scaling: float = 1, class_weight: Any = None, random_state: Any = None,
                 solver: str = "lbfgs", max_iter: int = 100, verbose: int = 0,
                 warm_start: bool = False, n_jobs: int | None = None) -> None:
        self.penalty = penalty
        self.C = C
        self.l1_ratio = l1_ratio
        self.dual = dual
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.class_weight = class_weight
        self.random_state = random_state
        self.solver = solver
        self.max_iter = max_iter
        self.verbose = verbose
        self.warm_start = warm_start
        self.n_jobs = n_jobs

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if self.penalty not in ("l2", None, "deprecated"):
            raise ParameterError(f"{who}: penalty expected 'l2' or None (ferry's core has the L2 "
                                 f"penalty only), found {self.penalty!r}")
        if self.l1_ratio not in (0, 0.0, None):
            raise ParameterError(f"{who}: l1_ratio expected 0 (ferry's core has the L2 penalty "
                                 f"only), found {self.l1_ratio!r}")
        if check_bool(who, "dual", self.dual):
            raise ParameterError(f"{who}: dual=True is not supported; expected dual=False")
        if self.solver not in _SOLVERS:
            raise ParameterError(f"{who}: The 'solver' parameter of {who} must be a str among "
                                 f"{set(_SOLVERS)}. Got {self.solver!r} instead.")
        C = _real(who, "C", self.C)
        if not C > 0:
            raise ParameterError(f"{who}: The 'C' parameter of {who} must be a float in the range "
                                 f"(0.0, inf]. Got {self.C!r} instead.")
        tol = _real(who, "tol", self.tol)
        if isinstance(self.max_iter, (bool, np.bool_)) or not isinstance(self.max_iter, numbers.Integral):
            raise ParameterError(f"{who}: The 'max_iter' parameter of {who} must be an int in the "
                                 f"range [0, inf). Got {self.max_iter!r} instead.")
        params: dict[str, Any] = {
            "penalty": "none" if (self.penalty is None or math.isinf(C)) else "l2",
            "C": 1.0 if math.isinf(C) else C,
            "fit_intercept": check_bool(who, "fit_intercept", self.fit_intercept),
            "max_iter": int(self.max_iter),
            "class_weight": self.class_weight,
        }
        if tol != SKLEARN_DEFAULT_TOL:
            params["tol"] = tol
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"penalty": "l2" if params["penalty"] == "l2" else None, "C": float(params["C"]),
                "fit_intercept": bool(params["fit_intercept"]), "max_iter": int(params["max_iter"]),
                "tol": float(params["tol"]), "class_weight": params["class_weight"]}

    def _check_target(self, y: np.ndarray) -> None:
        if HAS_SKLEARN:
            from sklearn.utils.multiclass import check_classification_targets

            check_classification_targets(y)
        elif y.dtype.kind == "f" and not np.array_equal(y, np.trunc(y)):
            raise SchemaError("Unknown label type: continuous. Maybe you are trying to fit a "
                              "classifier, which expects discrete classes on a regression target "
                              "with continuous values.")

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        coef = np.asarray(fitted["coef_"], dtype=np.float64)
        self.coef_ = coef.reshape(1, -1) if coef.ndim == 1 else coef
        self.intercept_ = np.asarray(fitted["intercept_"], dtype=np.float64).reshape(-1)
        self.n_iter_ = np.asarray([int(fitted["n_iter_"])], dtype=np.int32)
        self.classes_ = np.asarray(native.classes)

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "LogisticRegression":
        """Fits the model in the core to the optimum (one call, GIL released). Returns self."""
        return super().fit(X, y, sample_weight)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities in classes_ order (1-D for a dict), computed by the core."""
        native, data = self._input(X, "predict_proba")
        return native.predict_proba(data)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Log of predict_proba (numpy's log of the core's probabilities: output conversion)."""
        return np.log(self.predict_proba(X))

    def decision_function(self, X: Any) -> np.ndarray:
        """Decision values: shape (n,) for binary problems as scikit-learn, (n, n_classes) for
        multinomial ones; computed by the core."""
        native, data = self._input(X, "decision_function")
        out = native.decision_function(data)
        if out.ndim == 2 and out.shape[1] == 1:
            return out.reshape(-1)
        return out

    def predict(self, X: Any) -> Any:
        """Predicted class labels, typed as trained (a scalar for a dict)."""
        return super().predict(X)
