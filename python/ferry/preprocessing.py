"""Transformers with scikit-learn's names, parameters and fitted attributes; fitted and applied by
ferry's C++ core."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_SKLEARN, TransformerMixin
from ._encoders import OneHotEncoder, OrdinalEncoder
from ._expressions import Expression, Expressions
from ._scalers import MaxAbsScaler, MinMaxScaler, RobustScaler
from ._stateless import Binarizer, Normalizer
from ._polynomial import PolynomialFeatures
from ._discretization import KBinsDiscretizer
from .impute import SimpleImputer

__all__ = ["StandardScaler", "SimpleImputer", "MinMaxScaler", "MaxAbsScaler", "RobustScaler",
           "Normalizer", "Binarizer", "OneHotEncoder", "OrdinalEncoder", "PolynomialFeatures",
           "KBinsDiscretizer", "Expression", "Expressions"]


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


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del StandardScaler.__sklearn_tags__
