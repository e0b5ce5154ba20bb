"""MinMaxScaler, MaxAbsScaler and RobustScaler: scikit-learn's names, parameters and fitted
attributes over ferry's C++ core (exported from ferry.preprocessing)."""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError

__all__ = ["MinMaxScaler", "MaxAbsScaler", "RobustScaler"]


def check_pair(who: str, name: str, value: Any) -> tuple[float, float]:
    """A (low, high) tuple parameter of two real numbers, refused with scikit-learn's wording."""
    if not isinstance(value, tuple):
        raise ParameterError(f"{who}: The '{name}' parameter of {who} must be an instance of "
                             f"'tuple'. Got {value!r} instead.")
    if len(value) != 2 or not all(
            isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in value):
        raise ParameterError(f"{who}: {name} expected a tuple of two numbers, found {value!r}")
    return float(value[0]), float(value[1])


def _native_tuple(pair: Any) -> tuple[Any, Any]:
    """A loaded (low, high) pair, whole numbers as ints as scikit-learn's defaults spell them."""
    low, high = (int(v) if float(v).is_integer() else float(v) for v in pair)
    return low, high


class _NanScaler(TransformerMixin, FerryTransformer):
    """Shared by the scalers: one-to-one columns, NaN ignored at fit and kept at transform. They
    take no sample weights (nor do scikit-learn's): in a ferry.Pipeline fitted with
    sample_weight they are fitted unweighted."""

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return True

    def fit(self, X: Any, y: Any = None) -> Any:
        """Fits the scaler in the core; y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """Scales X (computed by the core); NaN stays NaN."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


class MinMaxScaler(_NanScaler):
    """Scales each feature to a given range, as sklearn.preprocessing.MinMaxScaler:
    X * scale_ + min_. NaN values are ignored at fit and kept at transform.

    Parameters
    ----------
    feature_range : tuple (min, max), default=(0, 1)
        Desired range of transformed data; min < max.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.
    clip : bool, default=False
        Clip transformed values of held-out data to feature_range.

    Attributes
    ----------
    min_ : ndarray of shape (n_features,)
        Per feature adjustment for minimum: ``min - data_min_ * scale_``.
    scale_ : ndarray of shape (n_features,)
        Per feature relative scaling: ``(max - min) / data_range_`` (a zero range counts as 1).
    data_min_ : ndarray of shape (n_features,)
        Per feature minimum seen at fit (NaN for a feature all missing).
    data_max_ : ndarray of shape (n_features,)
        Per feature maximum seen at fit (NaN for a feature all missing).
    data_range_ : ndarray of shape (n_features,)
        Per feature range ``data_max_ - data_min_``.
    n_samples_seen_ : int
        Number of rows seen at fit.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "MinMaxScaler"

    def __init__(self, feature_range: tuple = (0, 1), *, copy: bool = True,
                 clip: bool = False) -> None:
        self.feature_range = feature_range
        self.copy = copy
        self.clip = clip

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        return {"feature_range": check_pair(who, "feature_range", self.feature_range),
                "clip": check_bool(who, "clip", self.clip)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"feature_range": _native_tuple(params["feature_range"]),
                "clip": bool(params["clip"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        for attr in ("min_", "scale_", "data_min_", "data_max_", "data_range_"):
            setattr(self, attr, np.asarray(fitted[attr], dtype=np.float64))
        self.n_samples_seen_ = int(fitted["n_samples_seen_"])


class MaxAbsScaler(_NanScaler):
    """Scales each feature by its maximum absolute value, as sklearn.preprocessing.MaxAbsScaler.
    NaN values are ignored at fit and kept at transform.

    Parameters
    ----------
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.
    clip : bool, default=False
        Clip transformed values of held-out data to [-1, 1].

    Attributes
    ----------
    scale_ : ndarray of shape (n_features,)
        Per feature divisor: max_abs_, or 1 where it is 0.
    max_abs_ : ndarray of shape (n_features,)
        Per feature maximum absolute value seen at fit (NaN for a feature all missing).
    n_samples_seen_ : int
        Number of rows seen at fit.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "MaxAbsScaler"

    def __init__(self, *, copy: bool = True, clip: bool = False) -> None:
        self.copy = copy
        self.clip = clip

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        return {"clip": check_bool(who, "clip", self.clip)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"clip": bool(params["clip"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.max_abs_ = np.asarray(fitted["max_abs_"], dtype=np.float64)
        self.scale_ = np.asarray(fitted["scale_"], dtype=np.float64)
        self.n_samples_seen_ = int(fitted["n_samples_seen_"])


class RobustScaler(_NanScaler):
    """Scales features with statistics robust to outliers, as sklearn.preprocessing.RobustScaler:
    (X - center_) / scale_, the median and an interquantile range (numpy's linear percentiles).
    NaN values are ignored at fit and kept at transform.

    Parameters
    ----------
    with_centering : bool, default=True
        Center the data on the median before scaling.
    with_scaling : bool, default=True
        Scale the data to the interquantile range.
    quantile_range : tuple (q_min, q_max), 0.0 <= q_min <= q_max <= 100.0, default=(25.0, 75.0)
        Quantile range used to calculate scale_.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.
    unit_variance : bool, default=False
        Scale so that normally distributed features have a variance of 1 (needs
        0 < q_min < q_max < 100).

    Attributes
    ----------
    center_ : ndarray of shape (n_features,) or None
        Per feature median; None when with_centering=False.
    scale_ : ndarray of shape (n_features,) or None
        Per feature (scaled) interquantile range, 1 where it is 0; None when with_scaling=False.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "RobustScaler"

    def __init__(self, *, with_centering: bool = True, with_scaling: bool = True,
                 quantile_range: tuple = (25.0, 75.0), copy: bool = True,
                 unit_variance: bool = False) -> None:
        self.with_centering = with_centering
        self.with_scaling = with_scaling
        self.quantile_range = quantile_range
        self.copy = copy
        self.unit_variance = unit_variance

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        return {"with_centering": check_bool(who, "with_centering", self.with_centering),
                "with_scaling": check_bool(who, "with_scaling", self.with_scaling),
                "quantile_range": check_pair(who, "quantile_range", self.quantile_range),
                "unit_variance": check_bool(who, "unit_variance", self.unit_variance)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        q = params["quantile_range"]
        return {"with_centering": bool(params["with_centering"]),
                "with_scaling": bool(params["with_scaling"]),
                "quantile_range": (float(q[0]), float(q[1])),
                "unit_variance": bool(params["unit_variance"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        for attr in ("center_", "scale_"):
            value = fitted[attr]
            setattr(self, attr, None if value is None else np.asarray(value, dtype=np.float64))


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del _NanScaler.__sklearn_tags__
