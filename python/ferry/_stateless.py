"""Normalizer and Binarizer: scikit-learn's stateless row and element transforms over ferry's C++
core (exported from ferry.preprocessing). Fitting records the input schema, which serving
checks; like scikit-learn, they refuse missing values."""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError

__all__ = ["Normalizer", "Binarizer"]


class _Stateless(TransformerMixin, FerryTransformer):
    """Shared by the stateless transforms: one-to-one columns, fitted n_features_in_ only."""

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return True

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)

    def fit(self, X: Any, y: Any = None) -> Any:
        """Checks the parameters and records the input columns (ferry serves by column name);
        y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any, copy: Any = None) -> Any:
        """Transforms X (computed by the core); copy is accepted for compatibility."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


class Normalizer(_Stateless):
    """Scales each sample (row) to unit norm, as sklearn.preprocessing.Normalizer; a row whose
    norm is 0 is left as it is. Missing values are refused.

    Parameters
    ----------
    norm : {"l1", "l2", "max"}, default="l2"
        The norm each non-zero row is divided by.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.

    Attributes
    ----------
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "Normalizer"

    def __init__(self, norm: str = "l2", *, copy: bool = True) -> None:
        self.norm = norm
        self.copy = copy

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        if not isinstance(self.norm, str) or self.norm not in ("l1", "l2", "max"):
            raise ParameterError(f"{who}: The 'norm' parameter of {who} must be a str among "
                                 f"{{'l1', 'l2', 'max'}}. Got {self.norm!r} instead.")
        return {"norm": self.norm}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"norm": str(params["norm"])}


class Binarizer(_Stateless):
    """Sets feature values to 0 or 1 by a threshold, as sklearn.preprocessing.Binarizer: values
    above the threshold map to 1, the others to 0. Missing values are refused.

    Parameters
    ----------
    threshold : float, default=0.0
        Values less than or equal to it map to 0, values above it to 1.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.

    Attributes
    ----------
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "Binarizer"

    def __init__(self, *, threshold: float = 0.0, copy: bool = True) -> None:
        self.threshold = threshold
        self.copy = copy

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        t = self.threshold
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, numbers.Real):
            raise ParameterError(f"{who}: The 'threshold' parameter of {who} must be an instance "
                                 f"of 'numbers.Real'. Got {t!r} instead.")
        return {"threshold": float(t)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"threshold": float(params["threshold"])}


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del _Stateless.__sklearn_tags__
