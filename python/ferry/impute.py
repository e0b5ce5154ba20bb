"""Imputation with scikit-learn's names, parameters and fitted attributes (as sklearn.impute);
fitted and applied by ferry's C++ core."""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_PANDAS, HAS_SKLEARN, TransformerMixin, pd
from ._errors import ParameterError

__all__ = ["SimpleImputer", "MissingIndicator"]


class SimpleImputer(TransformerMixin, FerryTransformer):
    """Replaces missing values column by column, as sklearn.impute.SimpleImputer: numeric columns
    with every strategy, string columns with "most_frequent" and "constant".

    Parameters
    ----------
    missing_values : float, default=np.nan
        The marker of a missing value besides NaN (NaN always counts as missing), e.g. 0.
    strategy : {"mean", "median", "most_frequent", "constant"}, default="mean"
        How the replacement is computed.
    fill_value : float, str or None, default=None
        Replacement with strategy="constant": a number for numeric columns, a string for string
        columns; None means 0 and "missing_value".
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.
    add_indicator : bool, default=False
        Append one 0/1 column per column that had missing values at fit (a MissingIndicator's
        output, named "missingindicator_<column>").
    keep_empty_features : bool, default=False
        Keep columns that were all missing at fit (filled with 0) instead of dropping them.

    Attributes
    ----------
    statistics_ : ndarray of shape (n_features,)
        Replacement per input column (NaN for a numeric column all missing at fit); an object
        array when a column is a string column.
    indicator_ : MissingIndicator or None
        The fitted indicator with add_indicator=True.
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
                                      who, "keep_empty_features", self.keep_empty_features),
                                  "add_indicator": check_bool(who, "add_indicator",
                                                              self.add_indicator)}
        if self.fill_value is not None:
            fv = self.fill_value
            if isinstance(fv, str):
                params["fill_text"] = fv
            elif isinstance(fv, (bool, np.bool_)) or not isinstance(fv, numbers.Real):
                raise ParameterError(f"{who}: fill_value expected a number, a string or None, "
                                     f"found {fv!r}")
            else:
                params["fill_value"] = float(fv)
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        mv = float(params["missing_values"])
        fill = float(params["fill_value"])
        text = str(params.get("fill_text", "missing_value"))
        fill_value: Any = None if (params["strategy"] != "constant" and fill == 0.0) else fill
        if text != "missing_value":
            fill_value = text
        return {"missing_values": np.nan if math.isnan(mv) else mv,
                "strategy": str(params["strategy"]), "fill_value": fill_value,
                "keep_empty_features": bool(params["keep_empty_features"]),
                "add_indicator": bool(params.get("add_indicator", False))}

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return bool(params.get("keep_empty_features", False)) and not params.get("add_indicator")

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        stats = np.asarray(fitted["statistics_"], dtype=np.float64)
        types = list(fitted.get("feature_types_in_", []))
        if "string" in types:
            texts = fitted["text_statistics_"]
            self.statistics_ = np.asarray(
                [texts[j] if t == "string" else stats[j] for j, t in enumerate(types)],
                dtype=object)
        else:
            self.statistics_ = stats
        self.indicator_ = None
        if self.add_indicator:
            indicator = MissingIndicator(missing_values=self.missing_values, error_on_new=False)
            indicator.features_ = np.asarray(fitted["indicator_features_"], dtype=np.int64)
            indicator.n_features_in_ = self.n_features_in_
            indicator._in_pipeline = True
            self.indicator_ = indicator

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


class MissingIndicator(TransformerMixin, FerryTransformer):
    """One 0/1 column per input column marking its missing values, as
    sklearn.impute.MissingIndicator (ferry outputs float64 1.0/0.0 where scikit-learn gives bool).

    Parameters
    ----------
    missing_values : float, default=np.nan
        The marker of a missing value besides NaN (NaN and a missing string always count).
    features : {"missing-only", "all"}, default="missing-only"
        Report the columns that had missing values at fit, or every column.
    sparse : "auto" or False, default="auto"
        ferry's output is dense; True is refused.
    error_on_new : bool, default=True
        With "missing-only": refuse a missing value in a column that had none at fit.

    Attributes
    ----------
    features_ : ndarray of int
        The reported input columns.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "MissingIndicator"

    def __init__(self, *, missing_values: Any = np.nan, features: str = "missing-only",
                 sparse: Any = "auto", error_on_new: bool = True) -> None:
        self.missing_values = missing_values
        self.features = features
        self.sparse = sparse
        self.error_on_new = error_on_new

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if self.sparse is True:
            raise ParameterError(f"{who}: sparse=True is not supported: ferry's output is dense")
        if self.features not in ("missing-only", "all"):
            raise ParameterError(f"{who}: features expected 'missing-only' or 'all', found "
                                 f"{self.features!r}")
        mv = self.missing_values
        if mv is None or (isinstance(mv, float) and math.isnan(mv)):
            missing = float("nan")
        elif isinstance(mv, numbers.Real) and not isinstance(mv, (bool, np.bool_)):
            missing = float(mv)
        else:
            raise ParameterError(f"{who}: missing_values expected NaN or a number, found {mv!r}")
        return {"features": self.features, "missing_values": missing,
                "error_on_new": check_bool(who, "error_on_new", self.error_on_new)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        mv = float(params["missing_values"])
        return {"missing_values": np.nan if math.isnan(mv) else mv,
                "features": str(params["features"]),
                "error_on_new": bool(params["error_on_new"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.features_ = np.asarray(fitted["features_"], dtype=np.int64)

    def fit(self, X: Any, y: Any = None) -> "MissingIndicator":
        """Finds the columns with missing values in the core. y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """1.0 where a reported column's value is missing, 0.0 elsewhere (computed by the core)."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        return tags


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del SimpleImputer.__sklearn_tags__
    del MissingIndicator.__sklearn_tags__
