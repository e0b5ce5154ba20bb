"""Optional dependencies: scikit-learn and pandas are used when importable, never required.

With scikit-learn, ferry's estimators subclass sklearn.base.BaseEstimator and the matching
mixins, so clone, GridSearchCV, set_output and the estimator checks treat them as their own.
Without it, a small fallback base gives get_params/set_params/__repr__ with the same rules, and
set_output(transform="pandas") is handled by ferry itself.
"""
from __future__ import annotations

import inspect
from typing import Any

import numpy as np

try:
    import sklearn  # noqa: F401
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin

    HAS_SKLEARN = True
except ImportError:  # pragma: no cover - exercised only without scikit-learn
    HAS_SKLEARN = False

try:
    import pandas as pd

    HAS_PANDAS = True
except ImportError:  # pragma: no cover - exercised only without pandas
    pd = None  # type: ignore[assignment]
    HAS_PANDAS = False

__all__ = [
    "HAS_SKLEARN", "HAS_PANDAS", "pd", "BaseEstimator", "ClassifierMixin", "RegressorMixin",
    "TransformerMixin", "output_config", "wrap_output", "accuracy", "r2",
]


if not HAS_SKLEARN:  # pragma: no cover - exercised only without scikit-learn

    class BaseEstimator:  # type: ignore[no-redef]
        """Fallback for sklearn.base.BaseEstimator: parameters are the constructor arguments."""

        @classmethod
        def _get_param_names(cls) -> list[str]:
            init = cls.__init__
            if init is object.__init__:
                return []
            params = inspect.signature(init).parameters.values()
            return sorted(p.name for p in params if p.name != "self" and p.kind != p.VAR_KEYWORD)

        def get_params(self, deep: bool = True) -> dict[str, Any]:
            """The constructor parameters; with deep=True also those of nested estimators."""
            out: dict[str, Any] = {}
            for key in self._get_param_names():
                value = getattr(self, key)
                if deep and hasattr(value, "get_params") and not isinstance(value, type):
                    for k, v in value.get_params().items():
                        out[f"{key}__{k}"] = v
                out[key] = value
            return out

        def set_params(self, **params: Any) -> "BaseEstimator":
            """Sets parameters, nested ones as component__parameter; returns self."""
            if not params:
                return self
            valid = self.get_params(deep=True)
            nested: dict[str, dict[str, Any]] = {}
            for key, value in params.items():
                key, delim, sub = key.partition("__")
                if key not in valid:
                    raise ValueError(
                        f"Invalid parameter {key!r} for estimator {self}. Valid parameters are: "
                        f"{sorted(self._get_param_names())!r}.")
                if delim:
                    nested.setdefault(key, {})[sub] = value
                else:
                    setattr(self, key, value)
                    valid[key] = value
            for key, sub_params in nested.items():
                valid[key].set_params(**sub_params)
            return self

        def __repr__(self) -> str:
            defaults = {}
            init = type(self).__init__
            if init is not object.__init__:
                defaults = {p.name: p.default for p in inspect.signature(init).parameters.values()}
            shown = []
            for k in self._get_param_names():
                v = getattr(self, k)
                d = defaults.get(k, inspect.Parameter.empty)
                same = v is d or (isinstance(v, float) and isinstance(d, float)
                                  and (v == d or (v != v and d != d)))
                try:
                    same = same or (type(v) is type(d) and v == d)
                except Exception:  # noqa: BLE001 - arrays and the like: show them
                    same = False
                if not same:
                    shown.append(f"{k}={v!r}")
            return f"{type(self).__name__}({', '.join(shown)})"

        def __getstate__(self) -> dict[str, Any]:
            return dict(self.__dict__)

        def __setstate__(self, state: dict[str, Any]) -> None:
            self.__dict__.update(state)

    class TransformerMixin:  # type: ignore[no-redef]
        """Fallback for sklearn's TransformerMixin: fit_transform and set_output."""

        def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> Any:
            """Fits, then transforms X."""
            return self.fit(X, y, **fit_params).transform(X)  # type: ignore[attr-defined]

        def set_output(self, *, transform: str | None = None) -> Any:
            """transform="pandas" makes transform return DataFrames; "default" numpy arrays."""
            if transform is None:
                return self
            if not hasattr(self, "_sklearn_output_config"):
                self._sklearn_output_config = {}
            self._sklearn_output_config["transform"] = transform
            return self

    class ClassifierMixin:  # type: ignore[no-redef]
        """Fallback for sklearn's ClassifierMixin: score is the accuracy."""

        _estimator_type = "classifier"

        def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
            """Mean accuracy of predict(X) against y."""
            return accuracy(y, self.predict(X), sample_weight)  # type: ignore[attr-defined]

    class RegressorMixin:  # type: ignore[no-redef]
        """Fallback for sklearn's RegressorMixin: score is R^2."""

        _estimator_type = "regressor"

        def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
            """Coefficient of determination R^2 of predict(X) against y."""
            return r2(y, self.predict(X), sample_weight)  # type: ignore[attr-defined]


def accuracy(y_true: Any, y_pred: Any, sample_weight: Any = None) -> float:
    """Accuracy of predictions (scikit-learn's accuracy_score when installed)."""
    if HAS_SKLEARN:
        from sklearn.metrics import accuracy_score

        return float(accuracy_score(y_true, y_pred, sample_weight=sample_weight))
    hits = (np.asarray(y_true).ravel() == np.asarray(y_pred).ravel()).astype(np.float64)
    return float(np.average(hits, weights=sample_weight))


def r2(y_true: Any, y_pred: Any, sample_weight: Any = None) -> float:
    """R^2 of predictions (scikit-learn's r2_score when installed)."""
    if HAS_SKLEARN:
        from sklearn.metrics import r2_score

        return float(r2_score(y_true, y_pred, sample_weight=sample_weight))
    yt = np.asarray(y_true, dtype=np.float64).ravel()
    yp = np.asarray(y_pred, dtype=np.float64).ravel()
    w = np.ones_like(yt) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    ss_res = np.sum(w * (yt - yp) ** 2)
    ss_tot = np.sum(w * (yt - np.average(yt, weights=w)) ** 2)
    return float(1.0 - ss_res / ss_tot) if ss_tot != 0 else (1.0 if ss_res == 0 else 0.0)


def output_config(estimator: Any) -> str:
    """The transform output container configured for an estimator: "default" or "pandas"."""
    config = getattr(estimator, "_sklearn_output_config", {})
    if "transform" in config:
        return str(config["transform"])
    if HAS_SKLEARN:
        from sklearn import get_config

        return str(get_config().get("transform_output", "default"))
    return "default"


def wrap_output(out: np.ndarray, X: Any, names: Any, estimator: Any, *, sklearn_wraps: bool) -> Any:
    """Wraps a transform result in a DataFrame when set_output(transform="pandas") asks for it.

    sklearn_wraps: True when scikit-learn's own set_output machinery already wraps the method
    (its TransformerMixin subclasses), so ferry must not wrap twice.
    """
    if sklearn_wraps and HAS_SKLEARN:
        return out
    config = output_config(estimator)
    if config in ("default", None):
        return out
    if config != "pandas":
        raise ValueError(f"output config must be 'default' or 'pandas', got {config!r}")
    if not HAS_PANDAS:
        raise ImportError("set_output(transform='pandas') needs pandas: pip install ferry[pandas]")
    index = X.index if isinstance(X, pd.DataFrame) and len(X.index) == out.shape[0] else None
    return pd.DataFrame(out, columns=list(names), index=index, copy=False)
