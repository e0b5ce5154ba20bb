"""Transformers with scikit-learn's names, parameters and fitted attributes; fitted and applied by
ferry's C++ core."""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_PANDAS, HAS_SKLEARN, TransformerMixin, pd
from ._errors import ParameterError
from ._scalers import MaxAbsScaler, MinMaxScaler, RobustScaler
from ._encoders import OneHotEncoder, OrdinalEncoder
from ._stateless import Binarizer, Normalizer
from ._polynomial import PolynomialFeatures
from ._discretization import KBinsDiscretizer

__all__ = ["StandardScaler", "SimpleImputer", "MinMaxScaler", "MaxAbsScaler", "RobustScaler",
           "Normalizer", "Binarizer", "OneHotEncoder", "OrdinalEncoder", "PolynomialFeatures",
           "KBinsDiscretizer"]


class StandardScaler(TransformerMixin, FerryTransformer):
    """Standardizes features by removing the mean and scaling to unit variance, as
    sklearn.preprocessing.StandardScaler; NaN values are ignored at fit and kept at transform.

    Parameters
    ----------
    with_mean : bool, default=True
        Center the data before scaling.
    with_std : bool, default=True
        Scale the data to unit variance.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.

    Attributes
    ----------
    scale_ : ndarray of shape (n_features,) or None
        Per-feature divisor (1 for constant features); None when with_std=False.
    mean_ : ndarray of shape (n_features,) or None
        Per-feature mean; None when with_mean=False and with_std=False.
    var_ : ndarray of shape (n_features,) or None
        Per-feature (biased) variance; None when with_std=False.
    n_samples_seen_ : int or ndarray of shape (n_features,)
        Samples (or weight) seen per feature; a scalar when every feature saw the same.
    n_features_in_ : int
        Number of input columns.
    feature_names_in_ : ndarray of str
        Input column names, when fitted on input with string column names.
    """

    _kind = "StandardScaler"

    def __init__(self, *, with_mean: bool = True, with_std: bool = True, copy: bool = True) -> None:
        self.with_mean = with_mean
        self.with_std = with_std
        self.copy = copy

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        return {"with_mean": check_bool(who, "with_mean", self.with_mean),
                "with_std": check_bool(who, "with_std", self.with_std)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"with_mean": bool(params["with_mean"]), "with_std": bool(params["with_std"])}

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return True

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        with_mean, with_std = bool(self.with_mean), bool(self.with_std)
        self.mean_ = np.asarray(fitted["mean_"], dtype=np.float64) if (with_mean or with_std) else None
        self.var_ = np.asarray(fitted["var_"], dtype=np.float64) if with_std else None
        self.scale_ = np.asarray(fitted["scale_"], dtype=np.float64) if with_std else None
        seen = np.asarray(fitted["n_samples_seen_"], dtype=np.float64)
        if not weighted:
            seen = seen.astype(np.int64)
        # scikit-learn reduces n_samples_seen_ to a scalar when every feature saw the same count.
        self.n_samples_seen_ = seen[0] if seen.size and (seen == seen[0]).all() else seen

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> "StandardScaler":
        """Computes the mean and standard deviation in the core. y is ignored. Returns self."""
        return super().fit(X, y, sample_weight)

    def transform(self, X: Any, copy: Any = None) -> Any:
        """Standardizes X: (x - mean_) / scale_, computed by the core."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


class SimpleImputer(TransformerMixin, FerryTransformer):
    """Replaces missing values column by column, as sklearn.impute.SimpleImputer (numeric data).

    Parameters
    ----------
    missing_values : float, default=np.nan
        The marker of a missing value besides NaN (NaN always counts as missing), e.g. 0.
    strategy : {"mean", "median", "most_frequent", "constant"}, default="mean"
        How the replacement is computed.
    fill_value : float or None, default=None
        Replacement with strategy="constant"; None means 0.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.
    add_indicator : bool, default=False
        Must be False: ferry's core has no missing-indicator step yet (ParameterError otherwise).
    keep_empty_features : bool, default=False
        Keep columns that were all missing at fit (filled with 0) instead of dropping them.

    Attributes
    ----------
    statistics_ : ndarray of shape (n_features,)
        Replacement per input column (NaN for a column all missing at fit).
    indicator_ : None
        Always None (add_indicator is not supported).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "SimpleImputer"
    _imputes = True

    def __init__(self, *, missing_values: Any = np.nan, strategy: str = "mean",
                 fill_value: Any = None, copy: bool = True, add_indicator: bool = False,
                 keep_empty_features: bool = False) -> None:
        self.missing_values = missing_values
        self.strategy = strategy
        self.fill_value = fill_value
        self.copy = copy
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        if check_bool(who, "add_indicator", self.add_indicator):
            raise ParameterError(f"{who}: add_indicator=True is not supported by ferry's core yet "
                                 "(no MissingIndicator step kind); expected add_indicator=False")
        if self.strategy not in ("mean", "median", "most_frequent", "constant"):
            raise ParameterError(
                f"{who}: The 'strategy' parameter of {who} must be a str among "
                f"{{'mean', 'median', 'most_frequent', 'constant'}} or a callable "
                f"(callables are not supported by ferry). Got {self.strategy!r} instead.")
        mv = self.missing_values
        if mv is None or (isinstance(mv, float) and math.isnan(mv)) or (
                HAS_PANDAS and mv is pd.NA):
            missing = float("nan")
        elif isinstance(mv, numbers.Real) and not isinstance(mv, (bool, np.bool_)):
            missing = float(mv)
        else:
            raise ParameterError(f"{who}: missing_values expected NaN or a number (ferry imputes "
                                 f"numeric columns), found {mv!r}")
        params: dict[str, Any] = {"strategy": self.strategy, "missing_values": missing,
                                  "keep_empty_features": check_bool(
                                      who, "keep_empty_features", self.keep_empty_features)}
        if self.fill_value is not None:
            fv = self.fill_value
            if isinstance(fv, (bool, np.bool_)) or not isinstance(fv, numbers.Real):
                raise ParameterError(f"{who}: fill_value expected a number or None, found {fv!r}")
            params["fill_value"] = float(fv)
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        mv = float(params["missing_values"])
        fill = float(params["fill_value"])
        return {"missing_values": np.nan if math.isnan(mv) else mv,
                "strategy": str(params["strategy"]),
                "fill_value": None if (params["strategy"] != "constant" and fill == 0.0) else fill,
                "keep_empty_features": bool(params["keep_empty_features"])}

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return bool(params.get("keep_empty_features", False))

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.statistics_ = np.asarray(fitted["statistics_"], dtype=np.float64)
        self.indicator_ = None

    def fit(self, X: Any, y: Any = None) -> "SimpleImputer":
        """Computes the replacement per column in the core. y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """Replaces missing values in X (computed by the core)."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del StandardScaler.__sklearn_tags__
    del SimpleImputer.__sklearn_tags__
