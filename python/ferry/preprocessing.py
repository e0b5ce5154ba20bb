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

__all__ = ["StandardScaler", "SimpleImputer", "OneHotEncoder"]


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


class OneHotEncoder(TransformerMixin, FerryTransformer):
    """Encodes categorical columns (string, int, bool or float) as one 0/1 column per category, as
    sklearn.preprocessing.OneHotEncoder with dense output. A missing value (None or NaN) seen at
    fit is a category of its own, sorted last. Each value costs one hash lookup in the core.

    Parameters
    ----------
    categories : "auto" or list of array-like, default="auto"
        Categories per column: learned (sorted) or given (numeric ones in ascending order).
    drop : {None, "first", "if_binary"}, default=None
        Leave out the first category of every column, or of the columns with two.
    sparse_output : bool, default=False
        Must be False: ferry's output is dense (ParameterError otherwise).
    dtype : numpy float64 type, default=np.float64
        Only float64 output.
    handle_unknown : {"error", "ignore", "infrequent_if_exist"}, default="error"
        An unknown category at transform: an error, all zeros, or the infrequent column.
    min_frequency : int or float, default=None
        Categories seen fewer times (int) or in a smaller fraction of rows (float in (0, 1)) are
        grouped into one "infrequent_sklearn" column.
    max_categories : int, default=None
        At most this many output columns per input column, the infrequent one included.
    feature_name_combiner : "concat", default="concat"
        Output names are "<column>_<category>".

    Attributes
    ----------
    categories_ : list of ndarray
        Categories per column (object arrays for strings, int64, bool or float64 otherwise).
    drop_idx_ : ndarray or None
        Dropped category per column (index into categories_; None where nothing is dropped).
    infrequent_categories_ : list of ndarray or None
        The infrequent categories per column (None where there are none).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "OneHotEncoder"

    def __init__(self, *, categories: Any = "auto", drop: Any = None, sparse_output: bool = False,
                 dtype: Any = np.float64, handle_unknown: str = "error",
                 min_frequency: Any = None, max_categories: Any = None,
                 feature_name_combiner: Any = "concat") -> None:
        self.categories = categories
        self.drop = drop
        self.sparse_output = sparse_output
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.min_frequency = min_frequency
        self.max_categories = max_categories
        self.feature_name_combiner = feature_name_combiner

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if check_bool(who, "sparse_output", self.sparse_output):
            raise ParameterError(f"{who}: sparse_output=True is not supported: ferry's output is "
                                 "dense; expected sparse_output=False")
        if self.dtype not in (np.float64, float, "float64") and np.dtype(self.dtype) != np.float64:
            raise ParameterError(f"{who}: dtype expected np.float64 (ferry computes in float64), "
                                 f"found {self.dtype!r}")
        if self.feature_name_combiner != "concat":
            raise ParameterError(f"{who}: feature_name_combiner expected 'concat' (callables are "
                                 f"not carried in artifacts), found {self.feature_name_combiner!r}")
        if self.drop not in (None, "first", "if_binary"):
            raise ParameterError(f"{who}: drop expected None, 'first' or 'if_binary', found "
                                 f"{self.drop!r}")
        if self.handle_unknown not in ("error", "ignore", "infrequent_if_exist"):
            raise ParameterError(f"{who}: handle_unknown expected 'error', 'ignore' or "
                                 f"'infrequent_if_exist', found {self.handle_unknown!r}")
        params: dict[str, Any] = {"drop": "none" if self.drop is None else self.drop,
                                  "handle_unknown": self.handle_unknown}
        mf = self.min_frequency
        if mf is not None:
            if isinstance(mf, (bool, np.bool_)) or not isinstance(mf, numbers.Real) or (
                    isinstance(mf, numbers.Integral) and mf < 1) or (
                    not isinstance(mf, numbers.Integral) and not 0 < mf < 1):
                raise ParameterError(f"{who}: min_frequency expected None, an int >= 1 or a float "
                                     f"in (0, 1), found {mf!r}")
            params["min_frequency"] = float(mf)
        mc = self.max_categories
        if mc is not None:
            if isinstance(mc, (bool, np.bool_)) or not isinstance(mc, numbers.Integral) or mc < 1:
                raise ParameterError(f"{who}: max_categories expected None or an int >= 1, found "
                                     f"{mc!r}")
            params["max_categories"] = int(mc)
        if isinstance(self.categories, str):
            if self.categories != "auto":
                raise ParameterError(f"{who}: categories expected 'auto' or a list of array-like, "
                                     f"found {self.categories!r}")
        else:
            params["categories"] = [[_category_scalar(v) for v in col] for col in self.categories]
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        cats = params["categories"]
        return {"categories": cats if isinstance(cats, str) else [np.asarray(c) for c in cats],
                "drop": params["drop"], "handle_unknown": params["handle_unknown"],
                "min_frequency": params["min_frequency"],
                "max_categories": params["max_categories"]}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        types = fitted["feature_types_in_"]
        self.categories_ = [_category_array(c, t) for c, t in zip(fitted["categories_"], types)]
        drop = fitted["drop_idx_"]
        self.drop_idx_ = None if all(d < 0 for d in drop) else np.asarray(
            [None if d < 0 else int(d) for d in drop], dtype=object)
        rare = [_category_array(c, t) if len(c) else None
                for c, t in zip(fitted["infrequent_categories_"], types)]
        if self.min_frequency is not None or self.max_categories is not None:
            self.infrequent_categories_ = rare

    def fit(self, X: Any, y: Any = None) -> "OneHotEncoder":
        """Learns the categories per column in the core. y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """One 0/1 column per category (dense float64), computed by the core."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        return tags


def _category_scalar(v: Any) -> Any:
    """A category as the core takes it: None for missing, Python scalars otherwise."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


def _category_array(values: list[Any], dtype: str) -> np.ndarray:
    """scikit-learn's categories_ layout: object arrays for strings, typed arrays otherwise (a
    missing category is None in an object array, NaN in a float one)."""
    if dtype == "string":
        return np.asarray(values, dtype=object)
    if any(v is None for v in values):
        if dtype == "float64":
            return np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)
        return np.asarray(values, dtype=object)
    return np.asarray(values, dtype={"int64": np.int64, "bool": np.bool_}.get(dtype, np.float64))


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del StandardScaler.__sklearn_tags__
    del SimpleImputer.__sklearn_tags__
    del OneHotEncoder.__sklearn_tags__
