"""KBinsDiscretizer: scikit-learn's names, parameters and fitted attributes over ferry's C++ core
(exported from ferry.preprocessing)."""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError
from ._feature_names import names_out

__all__ = ["KBinsDiscretizer"]

_QUANTILE_METHODS = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation",
                     "interpolated_inverted_cdf", "hazen", "weibull", "linear",
                     "median_unbiased", "normal_unbiased")


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


class KBinsDiscretizer(TransformerMixin, FerryTransformer):
    """Bins continuous data into intervals, as sklearn.preprocessing.KBinsDiscretizer, with its
    edges to the bit: "uniform" (equal widths), "quantile" (numpy's percentiles with
    quantile_method) or "kmeans" (1-D k-means from the centers of the uniform bins; scikit-learn's
    own result depends on its thread count in the last bits, ferry's equals its single-threaded
    one). Missing values are refused.

    Differences from scikit-learn: the sparse "onehot" encoding is refused (ParameterError; use
    "onehot-dense", the same values as a dense array); more rows than subsample are refused
    (SchemaError; scikit-learn would bin a random subsample: set subsample=None); sample weights
    other than 1 are refused.

    Parameters
    ----------
    n_bins : int or array-like of shape (n_features,), default=5
        The number of bins (>= 2), for all columns or per column.
    encode : {"onehot", "onehot-dense", "ordinal"}, default="onehot"
        One 0/1 column per bin ("onehot-dense"), or the bin index ("ordinal"). "onehot" (sparse)
        is refused.
    strategy : {"uniform", "quantile", "kmeans"}, default="quantile"
        How the edges are placed.
    quantile_method : str, default="averaged_inverted_cdf"
        numpy's percentile method for strategy="quantile".
    dtype : {np.float64, None}, default=None
        Output dtype: float64 only.
    subsample : int or None, default=200_000
        The most rows ferry bins (None: no limit).
    random_state : int, RandomState instance or None, default=None
        Accepted for compatibility (ferry never subsamples).

    Attributes
    ----------
    bin_edges_ : ndarray of ndarray of shape (n_features,)
        The ascending edges of each column's bins ([-inf, inf] for a constant column).
    n_bins_ : ndarray of shape (n_features,), dtype=int64
        The bins per column (narrow ones dropped, 1 for a constant column).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "KBinsDiscretizer"

    def __init__(self, n_bins: Any = 5, *, encode: str = "onehot", strategy: str = "quantile",
                 quantile_method: str = "averaged_inverted_cdf", dtype: Any = None,
                 subsample: Any = 200_000, random_state: Any = None) -> None:
        self.n_bins = n_bins
        self.encode = encode
        self.strategy = strategy
        self.quantile_method = quantile_method
        self.dtype = dtype
        self.subsample = subsample
        self.random_state = random_state

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if self.encode == "onehot":
            raise ParameterError(f"{who}: encode='onehot' asks for a sparse matrix, which ferry "
                                 "does not produce: use encode='onehot-dense' (the same values, "
                                 "dense) or encode='ordinal'")
        if self.encode not in ("onehot-dense", "ordinal"):
            raise ParameterError(f"{who}: The 'encode' parameter of {who} must be a str among "
                                 "{'onehot', 'onehot-dense', 'ordinal'}. Got "
                                 f"{self.encode!r} instead.")
        if self.strategy not in ("uniform", "quantile", "kmeans"):
            raise ParameterError(f"{who}: The 'strategy' parameter of {who} must be a str among "
                                 "{'uniform', 'quantile', 'kmeans'}. Got "
                                 f"{self.strategy!r} instead.")
        if self.quantile_method not in _QUANTILE_METHODS:
            raise ParameterError(f"{who}: The 'quantile_method' parameter of {who} must be a str "
                                 f"among {set(_QUANTILE_METHODS)}. Got "
                                 f"{self.quantile_method!r} instead.")
        if self.dtype is not None and np.dtype(self.dtype) != np.float64:
            raise ParameterError(f"{who}: dtype expected None or np.float64 (ferry computes in "
                                 f"float64), found {self.dtype!r}")
        sub = self.subsample
        if sub is not None and not (_is_int(sub) and sub >= 1):
            raise ParameterError(f"{who}: The 'subsample' parameter of {who} must be an int in "
                                 f"the range [1, inf) or None. Got {sub!r} instead.")
        nb = self.n_bins
        if _is_int(nb):
            if nb < 2:
                raise ParameterError(f"{who}: The 'n_bins' parameter of {who} must be an int in "
                                     f"the range [2, inf) or an array-like. Got {nb!r} instead.")
            n_bins: Any = int(nb)
        else:
            arr = np.asarray(nb)
            if arr.ndim != 1 or arr.size == 0 or not all(_is_int(b) or (
                    isinstance(b, numbers.Real) and float(b).is_integer()) for b in arr.tolist()):
                raise ParameterError(f"{who}: n_bins must be a scalar or array of shape "
                                     f"(n_features,) of integers, got {nb!r}")
            bad = [i for i, b in enumerate(arr.tolist()) if b < 2]
            if bad:
                raise ParameterError(f"{who}: {who} received an invalid number of bins at indices "
                                     f"{', '.join(map(str, bad))}. Number of bins must be at "
                                     "least 2, and must be an int.")
            n_bins = [int(b) for b in arr.tolist()]
        params: dict[str, Any] = {"n_bins": n_bins, "encode": self.encode,
                                  "strategy": self.strategy,
                                  "quantile_method": self.quantile_method}
        if sub is not None:
            params["subsample"] = int(sub)
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        nb = params["n_bins"]
        return {"n_bins": int(nb) if isinstance(nb, int) else np.asarray(nb, dtype=np.int64),
                "encode": str(params["encode"]), "strategy": str(params["strategy"]),
                "quantile_method": str(params["quantile_method"]),
                "subsample": params["subsample"]}

    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        return params.get("encode") == "ordinal"

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        edges = [np.asarray(e, dtype=np.float64) for e in fitted["bin_edges_"]]
        self.bin_edges_ = np.empty(len(edges), dtype=object)
        for j, e in enumerate(edges):
            self.bin_edges_[j] = e
        self.n_bins_ = np.asarray(fitted["n_bins_"], dtype=np.int64)

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> "KBinsDiscretizer":
        """Places the bin edges in the core; y is ignored; sample_weight must be None or all 1.
        Returns self."""
        return self._fit_native(X, None, sample_weight)

    def transform(self, X: Any) -> Any:
        """The bin of each value, one-hot (dense) or as its index, computed by the core."""
        return super().transform(X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """scikit-learn's names: the input names (ordinal) or "<name>_<bin>.0" (one-hot)."""
        def rule(names: np.ndarray) -> list[str]:
            if self.encode == "ordinal":
                return [str(n) for n in names]
            return [f"{n}_{float(b)}" for n, k in zip(names, self.n_bins_) for b in range(int(k))]
        return names_out(self, input_features, rule)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del KBinsDiscretizer.__sklearn_tags__
