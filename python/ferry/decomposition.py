"""PCA with scikit-learn's name, parameters and fitted attributes; fitted and applied by ferry's
C++ core."""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._base import FerryTransformer, check_bool
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError
from ._feature_names import names_out

__all__ = ["PCA"]


class PCA(TransformerMixin, FerryTransformer):
    """Principal component analysis, as sklearn.decomposition.PCA: projects the centered data on
    its principal axes, ``(X - mean_) @ components_.T`` (divided by
    ``sqrt(explained_variance_)`` when whiten). Component signs follow scikit-learn's (each
    component's largest loading is positive). Missing values are refused; in a ferry Pipeline
    fitted with sample_weight, PCA is fitted unweighted (scikit-learn's PCA takes no weights).

    Parameters
    ----------
    n_components : int, float or None, default=None
        Number of components (int >= 1), the fraction of variance to explain (float in (0, 1):
        the fewest components explaining more), or None for min(n_samples, n_features). "mle" is
        not supported.
    copy : bool, default=True
        Accepted for compatibility: ferry never modifies its input in place.
    whiten : bool, default=False
        Scale each component to unit variance.
    svd_solver : {"auto", "full", "covariance_eigh"}, default="auto"
        "full": the SVD of the centered data; "covariance_eigh": the eigendecomposition of the
        covariance matrix (faster for many rows, less accurate for tiny components); "auto":
        "covariance_eigh" when n_features <= 1000 and n_samples >= 10 * n_features, else "full"
        (where scikit-learn's "auto" would choose its approximate "randomized" solver, ferry
        solves exactly). "arpack" and "randomized" are refused (ParameterError).
    tol, iterated_power, n_oversamples, power_iteration_normalizer, random_state
        Accepted for compatibility; they only tune the solvers ferry does not have.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features_in_)
        The principal axes, by decreasing explained variance.
    explained_variance_ : ndarray of shape (n_components_,)
        The variance each component explains (ddof=1).
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        Each component's share of the total variance.
    singular_values_ : ndarray of shape (n_components_,)
        The singular values of the centered data for the components.
    mean_ : ndarray of shape (n_features_in_,)
        Per-feature mean of the training data.
    n_components_ : int
        The number of components kept.
    n_samples_ : int
        Rows seen at fit.
    noise_variance_ : float
        The mean variance of the discarded components (probabilistic PCA), 0 when none is.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "PCA"

    def __init__(self, n_components: Any = None, *, copy: bool = True, whiten: bool = False,
                 svd_solver: str = "auto", tol: float = 0.0, iterated_power: Any = "auto",
                 n_oversamples: int = 10, power_iteration_normalizer: str = "auto",
                 random_state: Any = None) -> None:
        self.n_components = n_components
        self.copy = copy
        self.whiten = whiten
        self.svd_solver = svd_solver
        self.tol = tol
        self.iterated_power = iterated_power
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        check_bool(who, "copy", self.copy)
        nc = self.n_components
        if isinstance(nc, str):
            raise ParameterError(f"{who}: n_components={nc!r} is not supported by ferry; expected "
                                 "None, an int >= 1 or a float in (0, 1)")
        if nc is not None:
            ok = (isinstance(nc, numbers.Integral) and not isinstance(nc, (bool, np.bool_))
                  and nc >= 1) or (isinstance(nc, numbers.Real) and not isinstance(
                      nc, (numbers.Integral, np.bool_)) and 0 < nc < 1)
            if not ok:
                raise ParameterError(f"{who}: The 'n_components' parameter of {who} must be None, "
                                     "an int in the range [1, inf) or a float in the range "
                                     f"(0.0, 1.0). Got {nc!r} instead.")
        if self.svd_solver in ("arpack", "randomized"):
            raise ParameterError(f"{who}: svd_solver={self.svd_solver!r} is not supported: "
                                 "ferry's PCA solves exactly; expected 'auto', 'full' or "
                                 "'covariance_eigh'")
        if self.svd_solver not in ("auto", "full", "covariance_eigh"):
            raise ParameterError(f"{who}: The 'svd_solver' parameter of {who} must be a str among "
                                 "{'auto', 'full', 'covariance_eigh', 'arpack', 'randomized'}. "
                                 f"Got {self.svd_solver!r} instead.")
        if (isinstance(self.tol, (bool, np.bool_)) or not isinstance(self.tol, numbers.Real)
                or self.tol < 0):
            raise ParameterError(f"{who}: The 'tol' parameter of {who} must be a float in the "
                                 f"range [0.0, inf). Got {self.tol!r} instead.")
        if self.power_iteration_normalizer not in ("auto", "QR", "LU", "none"):
            raise ParameterError(f"{who}: The 'power_iteration_normalizer' parameter of {who} "
                                 "must be a str among {'auto', 'QR', 'LU', 'none'}. Got "
                                 f"{self.power_iteration_normalizer!r} instead.")
        params: dict[str, Any] = {"whiten": check_bool(who, "whiten", self.whiten),
                                  "svd_solver": self.svd_solver}
        if nc is not None:
            params["n_components"] = int(nc) if isinstance(nc, numbers.Integral) else float(nc)
        return params

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"n_components": params["n_components"], "whiten": bool(params["whiten"]),
                "svd_solver": str(params["svd_solver"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        for attr in ("components_", "explained_variance_", "explained_variance_ratio_",
                     "singular_values_", "mean_"):
            setattr(self, attr, np.asarray(fitted[attr], dtype=np.float64))
        self.n_components_ = int(fitted["n_components_"])
        self.n_samples_ = int(fitted["n_samples_"])
        self.noise_variance_ = float(fitted["noise_variance_"])

    def fit(self, X: Any, y: Any = None) -> "PCA":
        """Finds the principal axes in the core; y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """Projects X on the components (computed by the core)."""
        return super().transform(X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """scikit-learn's names: "pca0", "pca1", ..."""
        return names_out(self, input_features,
                         lambda _names: [f"pca{i}" for i in range(self.n_components_)])

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64"]
        return tags


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del PCA.__sklearn_tags__
