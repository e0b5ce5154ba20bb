"""Linear models with scikit-learn's names, parameters and fitted attributes; fitted and applied
by ferry's C++ core."""
from __future__ import annotations

import math
import numbers
import warnings
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


class _LinearClassifier(ClassifierMixin, FerryModel):
    """What LogisticRegression and OneVsRestClassifier share: the target check and the core's
    outputs (probabilities, decision values, labels)."""

    _is_classifier = True

    def _check_target(self, y: np.ndarray) -> None:
        if HAS_SKLEARN:
            from sklearn.utils.multiclass import check_classification_targets

            check_classification_targets(y)
        elif y.dtype.kind == "f" and not np.array_equal(y, np.trunc(y)):
            raise SchemaError("Unknown label type: continuous. Maybe you are trying to fit a "
                              "classifier, which expects discrete classes on a regression target "
                              "with continuous values.")

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities in classes_ order (1-D for a dict), computed by the core."""
        native, data = self._input(X, "predict_proba")
        return native.predict_proba(data)

    def decision_function(self, X: Any) -> np.ndarray:
        """Decision values: shape (n,) for binary problems as scikit-learn, (n, n_classes) for
        more classes; computed by the core."""
        native, data = self._input(X, "decision_function")
        out = native.decision_function(data)
        if out.ndim == 2 and out.shape[1] == 1:
            return out.reshape(-1)
        return out

    def predict(self, X: Any) -> Any:
        """Predicted class labels, typed as trained (a scalar for a dict)."""
        return super().predict(X)


class LogisticRegression(_LinearClassifier):
    """Logistic regression, as sklearn.linear_model.LogisticRegression: binary problems fit one
    coefficient row, more classes a multinomial (softmax) model (one-vs-rest:
    ferry.multiclass.OneVsRestClassifier around this class).

    ferry minimizes scikit-learn's objective

        C * sum_i w_i * logloss_i + l1_ratio * ||coef||_1 + (1 - l1_ratio) / 2 * ||coef||_2^2

    (w_i the sample weight times the class weight; intercept not penalized) **to the optimum**,
    whatever the solver named: by Newton's method for the L2 penalty (or none), by proximal Newton
    (exact Hessian, coordinate descent on the penalized quadratic model, a line search on the
    objective) with an L1 part, stopping on the optimality condition itself. Results match
    scikit-learn run to its optimum (e.g. solver="newton-cholesky" or, with an L1 part,
    solver="saga", with tol=1e-12), not its defaults, which stop early.

    Parameters
    ----------
    penalty : {"deprecated", "l2", "l1", "elasticnet", None}, default="deprecated"
        scikit-learn 1.9's spelling: "deprecated" (the default) takes the penalty from l1_ratio and
        C (l1_ratio=0: L2, 1: L1, in between: elastic net; C=np.inf: none). The older values name
        it directly, as scikit-learn 1.9 still accepts them (without its FutureWarning): "l2" and
        "l1" (l1_ratio ignored, with scikit-learn's warning when it disagrees), "elasticnet"
        (l1_ratio required), None (no penalty; C ignored).
    C : float, default=1.0
        Inverse regularization strength (> 0); C=np.inf means no penalty.
    l1_ratio : float in [0, 1], default=0.0
        The L1 share of the penalty (see penalty). None means 0 (deprecated in scikit-learn 1.8),
        except with penalty="elasticnet", which needs a number.
    dual : bool, default=False
        Must be False.
    tol : float, default=1e-4
        Mapping decision: at scikit-learn's default 1e-4 ferry keeps its core default (1e-12: stop
        when max |gradient| <= 1e-12 * max(1, max |gradient at zero coefficients|), i.e. at the
        optimum up to rounding; with an L1 part the gradient is the minimum-norm subgradient), so
        default-constructed models reach the optimum. Any other value is passed to the core as
        that relative tolerance.
    fit_intercept : bool, default=True
    intercept_scaling : float, default=1
        Accepted for compatibility (liblinear only in scikit-learn; no effect here).
    class_weight : dict, "balanced" or None, default=None
        Weights by class label.
    random_state, solver, verbose, warm_start, n_jobs :
        Accepted for compatibility; no effect (the core's solve is deterministic and reaches the
        optimum of every penalty whatever solver is named).
    max_iter : int, default=100
        Iterations on the full data allowed (see n_iter_).

    Attributes
    ----------
    classes_ : ndarray
        Class labels, typed as trained.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : ndarray of shape (1,)
        Iterations on the full data, one step each (Newton, or a step with a reused Hessian; with
        an L1 part, proximal Newton steps). On large data a warm start solved on subsamples comes
        first (L2 or none only) and is not counted.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "LogisticRegression"

    def __init__(self, penalty: str | None = "deprecated", *, C: float = 1.0,
                 l1_ratio: float | None = 0.0, dual: bool = False,
                 tol: float = SKLEARN_DEFAULT_TOL, fit_intercept: bool = True,
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

    def _penalty(self, C: float) -> tuple[str, float]:
        """The core's penalty and l1_ratio, as scikit-learn 1.9's fit resolves penalty, l1_ratio
        and C."""
        who = type(self).__name__
        r = self.l1_ratio
        if r is not None:
            if (isinstance(r, (bool, np.bool_)) or not isinstance(r, numbers.Real)
                    or not 0 <= r <= 1):
                raise ParameterError(f"{who}: The 'l1_ratio' parameter of {who} must be a float "
                                     f"in the range [0.0, 1.0] or None. Got {r!r} instead.")
            r = float(r)
        if self.penalty == "deprecated":
            penalty = "l2" if not r else "l1" if r == 1 else "elasticnet"
            if math.isinf(C):
                penalty = "none"
        elif self.penalty in ("l1", "l2", "elasticnet") or self.penalty is None:
            penalty = "none" if self.penalty is None else self.penalty
            if penalty == "elasticnet" and r is None:
                raise ParameterError(f"{who}: l1_ratio must be specified when penalty is "
                                     "elasticnet (a number in [0, 1])")
            if penalty in ("l1", "l2") and r is not None and 0 < r < 1:
                warnings.warn(f"l1_ratio parameter is only used when penalty is 'elasticnet'. "
                              f"Got (penalty={penalty})", UserWarning, stacklevel=2)
            if (penalty == "l2" and r != 0) or (penalty == "l1" and r != 1):
                warnings.warn(f"Inconsistent values: penalty={self.penalty} with "
                              f"l1_ratio={self.l1_ratio}. penalty is deprecated. Please use "
                              "l1_ratio only.", UserWarning, stacklevel=2)
        else:
            raise ParameterError(f"{who}: The 'penalty' parameter of {who} must be a str among "
                                 "{'l1', 'l2', 'elasticnet', 'deprecated'} or None. Got "
                                 f"{self.penalty!r} instead.")
        return penalty, r or 0.0

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if check_bool(who, "dual", self.dual):
            raise ParameterError(f"{who}: dual=True is not supported; expected dual=False")
        if self.solver not in _SOLVERS:
            raise ParameterError(f"{who}: The 'solver' parameter of {who} must be a str among "
                                 f"{set(_SOLVERS)}. Got {self.solver!r} instead.")
        C = _real(who, "C", self.C)
        if not C > 0:
            raise ParameterError(f"{who}: The 'C' parameter of {who} must be a float in the range "
                                 f"(0.0, inf]. Got {self.C!r} instead.")
        penalty, l1_ratio = self._penalty(C)
        tol = _real(who, "tol", self.tol)
        if isinstance(self.max_iter, (bool, np.bool_)) or not isinstance(self.max_iter, numbers.Integral):
            raise ParameterError(f"{who}: The 'max_iter' parameter of {who} must be an int in the "
                                 f"range [0, inf). Got {self.max_iter!r} instead.")
        params: dict[str, Any] = {
            "penalty": penalty,
            "C": 1.0 if math.isinf(C) else C,
            "l1_ratio": l1_ratio,
            "fit_intercept": check_bool(who, "fit_intercept", self.fit_intercept),
            "max_iter": int(self.max_iter),
            "class_weight": self.class_weight,
        }
        if tol != SKLEARN_DEFAULT_TOL:
            params["tol"] = tol
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        penalty, r = params["penalty"], float(params.get("l1_ratio", 0.0))
        # scikit-learn 1.9's spelling where it says the same; the older one where the stored
        # l1_ratio disagrees with the penalty (penalty="l1" with the default l1_ratio=0).
        if penalty == "none":
            spelled: dict[str, Any] = {"penalty": None}
        elif (penalty, r == 0, r == 1) in (("l2", True, False), ("l1", False, True),
                                           ("elasticnet", False, False)):
            spelled = {"penalty": "deprecated", "l1_ratio": r}
        else:
            spelled = {"penalty": penalty, "l1_ratio": r}
        return {**spelled, "C": float(params["C"]), "fit_intercept": bool(params["fit_intercept"]),
                "max_iter": int(params["max_iter"]), "tol": float(params["tol"]),
                "class_weight": params["class_weight"]}

    @classmethod
    def _from_native_params(cls, params: dict[str, Any]) -> FerryModel:
        est = cls(**cls._params_from_native(params))
        if params.get("multi_class") == "ovr":
            from .multiclass import OneVsRestClassifier

            return OneVsRestClassifier(est)
        return est

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

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Log of predict_proba (numpy's log of the core's probabilities: output conversion)."""
        return np.log(self.predict_proba(X))
