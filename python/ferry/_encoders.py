"""The categorical encoders (OneHotEncoder, OrdinalEncoder) with scikit-learn's names,
parameters and fitted attributes; categories are learned and applied by ferry's C++ core."""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError

__all__ = ["OneHotEncoder", "OrdinalEncoder"]


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
        params.update(_frequency_params(who, self.min_frequency, self.max_categories))
        params.update(_categories_param(who, self.categories))
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
        self.categories_, rare = _fitted_categories(fitted)
        drop = fitted["drop_idx_"]
        self.drop_idx_ = None if all(d < 0 for d in drop) else np.asarray(
            [None if d < 0 else int(d) for d in drop], dtype=object)
        if self.min_frequency is not None or self.max_categories is not None:
            self.infrequent_categories_ = rare

    def fit(self, X: Any, y: Any = None) -> "OneHotEncoder":
        """Learns the categories per column in the core. y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """One 0/1 column per category (dense float64), computed by the core."""
        return super().transform(X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """"<column>_<category>" per output column (the core's names)."""
        return _encoder_names_out(self, input_features)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        return tags


def _encoder_names_out(est: Any, input_features: Any) -> np.ndarray:
    """get_feature_names_out of an encoder: the core's names, for other input names too."""
    if input_features is None:
        return FerryTransformer.get_feature_names_out(est)
    names = [str(n) for n in np.asarray(input_features, dtype=object)]
    if hasattr(est, "feature_names_in_") and names != list(est.feature_names_in_):
        raise ValueError("input_features is not equal to feature_names_in_")
    if len(names) != getattr(est, "n_features_in_", -1):
        raise ValueError(f"input_features should have length equal to number of features "
                         f"({getattr(est, 'n_features_in_', '?')}), got {len(names)}")
    native = est.__dict__.get("_native")
    if native is None:  # a step of a ferry.Pipeline: its names come from the pipeline
        return FerryTransformer.get_feature_names_out(est, input_features)
    return np.asarray(native.step_names_out(0, names), dtype=object)


def _fitted_categories(fitted: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """categories_ and infrequent_categories_ from the core's fitted dict of an encoder."""
    types = fitted["feature_types_in_"]
    cats = [_category_array(c, t) for c, t in zip(fitted["categories_"], types)]
    rare = [_category_array(c, t) if len(c) else None
            for c, t in zip(fitted["infrequent_categories_"], types)]
    return cats, rare


def _categories_param(who: str, categories: Any) -> dict[str, Any]:
    """The core's categories parameter: none for 'auto' (learned), else the given lists."""
    if isinstance(categories, str):
        if categories != "auto":
            raise ParameterError(f"{who}: categories expected 'auto' or a list of array-like, "
                                 f"found {categories!r}")
        return {}
    return {"categories": [[_category_scalar(v) for v in col] for col in categories]}


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


class OrdinalEncoder(TransformerMixin, FerryTransformer):
    """Encodes each categorical column (string, int, bool or float) as one number per category
    (its position among the sorted categories), as sklearn.preprocessing.OrdinalEncoder.

    Parameters
    ----------
    categories : "auto" or list of array-like, default="auto"
        Categories per column: learned (sorted) or given (numeric ones in ascending order).
    dtype : numpy float64 type, default=np.float64
        Only float64 output.
    handle_unknown : {"error", "use_encoded_value"}, default="error"
        An unknown category at transform: an error, or unknown_value.
    unknown_value : int or np.nan, default=None
        The code of unknown categories with handle_unknown="use_encoded_value" (required then).
    encoded_missing_value : int or np.nan, default=np.nan
        The code of a missing value seen at fit. None and NaN are both the missing value (for a
        None in an object column scikit-learn makes a category of its own instead).
    min_frequency : int or float, default=None
        Rare categories (fewer rows, or a smaller fraction of rows) share one code, the last.
    max_categories : int, default=None
        At most this many codes per column, the infrequent one included.

    Attributes
    ----------
    categories_ : list of ndarray
    infrequent_categories_ : list of ndarray or None
        Only with min_frequency or max_categories.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "OrdinalEncoder"

    def __init__(self, *, categories: Any = "auto", dtype: Any = np.float64,
                 handle_unknown: str = "error", unknown_value: Any = None,
                 encoded_missing_value: Any = np.nan, min_frequency: Any = None,
                 max_categories: Any = None) -> None:
        self.categories = categories
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.unknown_value = unknown_value
        self.encoded_missing_value = encoded_missing_value
        self.min_frequency = min_frequency
        self.max_categories = max_categories

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if np.dtype(self.dtype) != np.float64:
            raise ParameterError(f"{who}: dtype expected np.float64 (ferry computes in float64), "
                                 f"found {self.dtype!r}")
        if self.handle_unknown not in ("error", "use_encoded_value"):
            raise ParameterError(f"{who}: handle_unknown expected 'error' or 'use_encoded_value', "
                                 f"found {self.handle_unknown!r}")
        params = _frequency_params(who, self.min_frequency, self.max_categories)
        params["handle_unknown"] = self.handle_unknown
        uv = self.unknown_value
        if self.handle_unknown == "use_encoded_value":
            if uv is None or isinstance(uv, (bool, np.bool_)) or not (
                    isinstance(uv, numbers.Integral) or (isinstance(uv, float) and math.isnan(uv))):
                raise ParameterError(f"{who}: unknown_value expected an int or np.nan with "
                                     f"handle_unknown='use_encoded_value', found {uv!r}")
            params["unknown_value"] = float(uv)
        elif uv is not None:
            raise ParameterError(f"{who}: unknown_value expected None unless handle_unknown="
                                 f"'use_encoded_value', found {uv!r}")
        emv = self.encoded_missing_value
        if isinstance(emv, (bool, np.bool_)) or not isinstance(emv, numbers.Real) or (
                not isinstance(emv, numbers.Integral) and not math.isnan(emv)):
            raise ParameterError(f"{who}: encoded_missing_value expected an int or np.nan, found "
                                 f"{emv!r}")
        params["encoded_missing_value"] = float(emv)
        params.update(_categories_param(who, self.categories))
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        cats = params["categories"]
        uv = float(params["unknown_value"])
        emv = float(params["encoded_missing_value"])
        use = params["handle_unknown"] == "use_encoded_value"
        return {"categories": cats if isinstance(cats, str) else [np.asarray(c) for c in cats],
                "handle_unknown": params["handle_unknown"],
                "unknown_value": (np.nan if math.isnan(uv) else int(uv)) if use else None,
                "encoded_missing_value": np.nan if math.isnan(emv) else int(emv),
                "min_frequency": params["min_frequency"],
                "max_categories": params["max_categories"]}

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return True

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.categories_, rare = _fitted_categories(fitted)
        if self.min_frequency is not None or self.max_categories is not None:
            self.infrequent_categories_ = rare

    def fit(self, X: Any, y: Any = None) -> "OrdinalEncoder":
        """Learns the categories per column in the core. y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """One code per value (float64), computed by the core."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        return tags


def _frequency_params(who: str, mf: Any, mc: Any) -> dict[str, Any]:
    """min_frequency and max_categories as the core takes them (scikit-learn's ranges)."""
    params: dict[str, Any] = {}
    if mf is not None:
        if isinstance(mf, (bool, np.bool_)) or not isinstance(mf, numbers.Real) or (
                isinstance(mf, numbers.Integral) and mf < 1) or (
                not isinstance(mf, numbers.Integral) and not 0 < mf < 1):
            raise ParameterError(f"{who}: min_frequency expected None, an int >= 1 or a float in "
                                 f"(0, 1), found {mf!r}")
        params["min_frequency"] = float(mf)
    if mc is not None:
        if isinstance(mc, (bool, np.bool_)) or not isinstance(mc, numbers.Integral) or mc < 1:
            raise ParameterError(f"{who}: max_categories expected None or an int >= 1, found "
                                 f"{mc!r}")
        params["max_categories"] = int(mc)
    return params


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del OneHotEncoder.__sklearn_tags__
    del OrdinalEncoder.__sklearn_tags__
