"""PolynomialFeatures: scikit-learn's names, parameters and fitted attributes over ferry's C++
core (exported from ferry.preprocessing)."""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError
from ._feature_names import names_out

__all__ = ["PolynomialFeatures"]


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


class PolynomialFeatures(TransformerMixin, FerryTransformer):
    """Generates polynomial and interaction features, as sklearn.preprocessing.PolynomialFeatures:
    the bias column, then every product of the columns of degree 1 up to degree, in scikit-learn's
    order (and with its order of multiplications, so the values agree to the bit). Missing values
    are refused, as scikit-learn refuses them.

    Parameters
    ----------
    degree : int or tuple (min_degree, max_degree), default=2
        The highest degree, or the lowest and highest degree kept (the bias comes with
        include_bias whatever min_degree).
    interaction_only : bool, default=False
        Only products of distinct columns (x0 * x1, not x0^2).
    include_bias : bool, default=True
        Start with a column of ones.
    order : {"C"}, default="C"
        Accepted for compatibility; ferry's output is C-ordered ("F" is refused).

    Attributes
    ----------
    powers_ : ndarray of shape (n_output_features_, n_features_in_)
        The exponent of each input column in each output column.
    n_output_features_ : int
        The number of output columns. ferry refuses an expansion of more than about a million
        terms (lower degrees included).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "PolynomialFeatures"

    def __init__(self, degree: Any = 2, *, interaction_only: bool = False,
                 include_bias: bool = True, order: str = "C") -> None:
        self.degree = degree
        self.interaction_only = interaction_only
        self.include_bias = include_bias
        self.order = order

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        if self.order not in ("C", "F"):
            raise ParameterError(f"{who}: The 'order' parameter of {who} must be a str among "
                                 f"{{'C', 'F'}}. Got {self.order!r} instead.")
        if self.order == "F":
            raise ParameterError(f"{who}: order='F' is not supported: ferry's output is C-ordered "
                                 "(np.asfortranarray converts it); expected order='C'")
        degree = self.degree
        if _is_int(degree):
            if degree < 0:
                raise ParameterError(f"{who}: The 'degree' parameter of {who} must be an int in "
                                     f"the range [0, inf) or an array-like. Got {degree!r} "
                                     "instead.")
            native_degree: Any = int(degree)
        elif isinstance(degree, (tuple, list, np.ndarray)) and len(degree) == 2 and all(
                _is_int(d) and d >= 0 for d in degree) and degree[0] <= degree[1]:
            native_degree = (int(degree[0]), int(degree[1]))
        else:
            raise ParameterError(f"{who}: degree=(min_degree, max_degree) must be non-negative "
                                 f"integers that fulfil min_degree <= max_degree, got {degree!r}.")
        return {"degree": native_degree,
                "interaction_only": check_bool(who, "interaction_only", self.interaction_only),
                "include_bias": check_bool(who, "include_bias", self.include_bias)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        degree = params["degree"]
        return {"degree": tuple(int(d) for d in degree) if isinstance(degree, tuple) else int(degree),
                "interaction_only": bool(params["interaction_only"]),
                "include_bias": bool(params["include_bias"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.n_output_features_ = int(fitted["n_output_features_"])
        self.powers_ = np.asarray(fitted["powers_"], dtype=np.int64)

    def fit(self, X: Any, y: Any = None) -> "PolynomialFeatures":
        """Records the input width and the output terms in the core; y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """The polynomial features of X (dense float64), computed by the core."""
        return super().transform(X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """scikit-learn's names: "1" for the bias, else the factors as "x0 x1^2"."""
        def rule(names: np.ndarray) -> list[str]:
            out = []
            for row in self.powers_:
                inds = np.where(row)[0]
                out.append(" ".join(f"{names[i]}^{row[i]}" if row[i] != 1 else str(names[i])
                                    for i in inds) if len(inds) else "1")
            return out
        return names_out(self, input_features, rule)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del PolynomialFeatures.__sklearn_tags__
