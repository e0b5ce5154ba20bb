"""Output names for the steps whose names are not their input names (PolynomialFeatures, PCA,
KBinsDiscretizer): the core's own names when the caller asks for the names the step was fitted
with, else scikit-learn's rule applied to the caller's input names with the fitted structure the
core reports (powers_, n_components_, n_bins_)."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ._errors import NotFittedError

__all__ = ["names_out"]


def _check_input_features(est: Any, input_features: Any) -> np.ndarray:
    """scikit-learn's _check_feature_names_in."""
    names_in = getattr(est, "feature_names_in_", None)
    if input_features is None:
        if names_in is not None:
            return np.asarray(names_in, dtype=object)
        return np.asarray([f"x{i}" for i in range(est.n_features_in_)], dtype=object)
    input_features = np.asarray(input_features, dtype=object)
    if names_in is not None and not np.array_equal(names_in, input_features):
        raise ValueError("input_features is not equal to feature_names_in_")
    if len(input_features) != est.n_features_in_:
        raise ValueError(f"input_features should have length equal to number of features "
                         f"({est.n_features_in_}), got {len(input_features)}")
    return input_features


def names_out(est: Any, input_features: Any,
              rule: Callable[[np.ndarray], list[str]]) -> np.ndarray:
    """The step's output names for input_features (None: the names it was fitted with)."""
    if not hasattr(est, "n_features_in_"):
        raise NotFittedError(f"This {type(est).__name__} instance is not fitted yet. Call 'fit' "
                             "with appropriate arguments before using this estimator.")
    core_in = getattr(est, "_step_input_names", None)
    core_out = getattr(est, "_step_names_out", None)
    if core_out is not None and core_in is not None:
        if input_features is None or np.array_equal(
                np.asarray(input_features, dtype=object), np.asarray(core_in, dtype=object)):
            if input_features is not None:
                _check_input_features(est, input_features)
            return np.asarray(core_out, dtype=object)
    names = _check_input_features(est, input_features)
    native = est.__dict__.get("_native")
    if native is not None:  # fitted alone: the core names the outputs for any input names
        return np.asarray(native.step_names_out(0, [str(n) for n in names]), dtype=object)
    return np.asarray(rule(names), dtype=object)
