"""What ferry's linear models share: parameter checks with scikit-learn's wording, the mapping of
scikit-learn's default tol, and the fitted attributes of a single-output regressor."""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._base import FerryModel
from ._compat import RegressorMixin
from ._errors import ParameterError, SchemaError

#: scikit-learn's default tol for LogisticRegression, Lasso, ElasticNet and PoissonRegressor. At
#: this value ferry keeps its core's default, which solves to the optimum (see each class).
SKLEARN_DEFAULT_TOL = 1e-4


def real(who: str, name: str, value: Any) -> float:
    """A float parameter, refused with scikit-learn's wording when it is not a real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ParameterError(f"{who}: The '{name}' parameter of {who} must be a float. "
                             f"Got {value!r} instead.")
    return float(value)


def positive_int(who: str, name: str, value: Any) -> int:
    """An int parameter >= 1, refused with scikit-learn's wording otherwise."""
    if (isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral)
            or value < 1):
        raise ParameterError(f"{who}: The '{name}' parameter of {who} must be an int in the "
                             f"range [1, inf). Got {value!r} instead.")
    return int(value)


def core_tol(who: str, value: Any, params: dict[str, Any]) -> None:
    """Passes tol to the core unless it is scikit-learn's default (then the core's own default,
    the optimum, applies)."""
    tol = real(who, "tol", value)
    if tol != SKLEARN_DEFAULT_TOL:
        params["tol"] = tol


class LinearRegressor(RegressorMixin, FerryModel):
    """Shared fitted attributes of ferry's single-output linear regressors."""

    def _check_target(self, y: np.ndarray) -> None:
        if y.dtype.kind not in "fiu":
            raise SchemaError(f"{type(self).__name__}: expected numeric targets, found "
                              f"{y.dtype} labels")

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.coef_ = np.asarray(fitted["coef_"], dtype=np.float64).reshape(-1)
        self.intercept_ = float(fitted["intercept_"])

    def predict(self, X: Any) -> Any:
        """Predicted values (float64, computed by the core); a float for a dict."""
        return super().predict(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = False
        tags.target_tags.single_output = True
        return tags
