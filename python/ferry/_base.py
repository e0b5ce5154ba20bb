"""The common base of ferry's estimators: each is a one-step native pipeline when used alone, or
one step of a ferry.Pipeline, whose single native fit fills its fitted attributes."""
from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from . import _ferry
from ._compat import BaseEstimator, wrap_output
from ._errors import FerryError, NotFittedError, ParameterError
from ._input import (InputInfo, convert_sample_weight, convert_y, fit_frame, fit_n_rows,
                     predict_input)

__all__ = ["FerryEstimator", "FerryTransformer", "FerryModel", "KIND_TO_CLASS"]

#: Step kind (as the core names it) -> the Python class carrying it.
KIND_TO_CLASS: dict[str, type["FerryEstimator"]] = {}


def check_bool(who: str, name: str, value: Any) -> bool:
    """A bool parameter, refused with scikit-learn's wording when it is anything else."""
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"{who}: The '{name}' parameter of {who} must be an instance of "
                             f"'bool' or an instance of 'numpy.bool'. Got {value!r} instead.")
    return bool(value)


class ArtifactPickling:
    """Pickle, copy and deepcopy through the artifact bytes: no native object is pickled, and
    what is restored is what ferry.loads would read. Classes give _restore_native."""

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__() if hasattr(super(), "__getstate__") else dict(self.__dict__)
        state = dict(state)
        native = state.pop("_native", None)
        if native is not None:
            state["_ferry_artifact"] = native.to_bytes({})
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        artifact = state.pop("_ferry_artifact", None)
        if hasattr(super(), "__setstate__"):
            super().__setstate__(state)
        else:  # pragma: no cover
            self.__dict__.update(state)
        if artifact is not None:
            self._restore_native(_ferry.Pipeline.from_bytes(artifact))

    def _restore_native(self, native: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class FerryEstimator(ArtifactPickling, BaseEstimator):
    """Base of ferry's estimators. Subclasses set _kind and map parameters in _native_params /
    _params_from_native and fitted attributes in _apply_fitted."""

    _kind: ClassVar[str] = ""
    _is_model: ClassVar[bool] = False
    #: False for a class that fits another class's step kind in a mode of its own (a loaded step
    #: of that kind is made by the owner's _from_native_params).
    _owns_kind: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass that inherits its kind (Expression) is a spelling of it, and one that fits
        # another class's kind in a mode of its own (OneVsRestClassifier) does not own it: the
        # kind maps to the class naming it.
        if cls.__dict__.get("_kind") and cls.__dict__.get("_owns_kind", True):
            KIND_TO_CLASS[cls._kind] = cls

    # ---- parameter mapping (overridden) ------------------------------------------------------
    def _native_params(self) -> dict[str, Any]:
        """The step's parameters as the core takes them (scikit-learn names)."""
        raise NotImplementedError

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Constructor arguments from the core's parameters of a loaded step."""
        return dict(params)

    @classmethod
    def _from_native_params(cls, params: dict[str, Any]) -> "FerryEstimator":
        """The estimator of a loaded step of this kind (usually this class)."""
        return cls(**cls._params_from_native(params))

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: InputInfo | None,
                      first: bool, weighted: bool) -> None:
        """Sets scikit-learn's fitted attributes from the core's fitted dict."""
        raise NotImplementedError

    # ---- fitting ------------------------------------------------------------------------------
    @classmethod
    def _names_pass_through(cls, params: dict[str, Any]) -> bool:
        """True when the step's output names always equal its input names."""
        return False

    def _step_spec(self, name: str) -> tuple[str, str, dict[str, Any]]:
        return (name, self._kind, self._native_params())

    def _fit_native(self, X: Any, y: Any, sample_weight: Any) -> "FerryEstimator":
        who = type(self).__name__
        data, info = fit_frame(X, who)
        n = fit_n_rows(data)
        native = _ferry.Pipeline([self._step_spec(self._kind.lower())])
        y_arr = None
        if self._is_model:
            y_arr = convert_y(y, n, who, regression=not getattr(self, "_is_classifier", False))
            self._check_target(y_arr)
        w = convert_sample_weight(sample_weight, n, who)
        native.fit(data, y_arr, w, info.names)
        self._set_from_native(native, info, weighted=w is not None)
        return self

    def _check_target(self, y: np.ndarray) -> None:
        """Hook: validation of y before the native fit."""

    def _set_from_native(self, native: Any, info: InputInfo, weighted: bool) -> None:
        info.dtypes = [t for _, t, _ in native.input_schema]
        self._native = native
        self._input_info = info
        self._fast_width = -1 if "string" in info.dtypes else len(info.dtypes)
        _name, _kind, _params, fitted = native.steps[0]
        self._apply_fitted(fitted, native, info, True, weighted)
        if not self._is_model:
            self._step_input_names, self._step_names_out = step_feature_names(native)[0]

    def _set_common_fitted(self, fitted: dict[str, Any], info: InputInfo | None,
                           first: bool) -> None:
        self.n_features_in_ = int(fitted["n_features_in_"])
        if first and info is not None and info.has_string_names:
            self.feature_names_in_ = np.asarray(info.names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    # ---- serving ------------------------------------------------------------------------------
    def _ready(self, method: str) -> Any:
        native = getattr(self, "_native", None)
        if native is None:
            owner = getattr(self, "_member_of", None)
            if owner is not None:
                raise FerryError(
                    f"this {type(self).__name__} is one of a fitted {owner}'s estimators_ and "
                    f"carries its fitted attributes, but {method}() runs on the {owner}: call its "
                    f"{method}()")
            if getattr(self, "_in_pipeline", False):
                raise FerryError(
                    f"this {type(self).__name__} was fitted as a step of a ferry.Pipeline and "
                    f"carries its fitted attributes, but {method}() runs on the whole pipeline: "
                    f"call the pipeline's {method}() (or fit this estimator alone)")
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with "
                "appropriate arguments before using this estimator.")
        return native

    def _input(self, X: Any, method: str) -> tuple[Any, Any]:
        native = self.__dict__.get("_native")
        if (native is not None and type(X) is np.ndarray and X.ndim == 2
                and X.shape[1] == self._fast_width and X.shape[0] and X.dtype.kind in "fiub"):
            return native, X  # the numeric fast path: the core reads it in place
        if native is not None and type(X) is dict:
            return native, X  # one row, matched by name in the core
        native = self._ready(method)
        return native, predict_input(X, self._input_info, native.input_schema,
                                     type(self).__name__)

    def _restore_native(self, native: Any) -> None:
        """Pickling hook: takes back the native pipeline read from the pickled artifact bytes."""
        self._native = native

    def __sklearn_is_fitted__(self) -> bool:
        """True once fitted alone, loaded, or fitted as a step of a ferry.Pipeline."""
        return hasattr(self, "n_features_in_")


class FerryTransformer(FerryEstimator):
    """A ferry transformer: fit, transform, fit_transform, get_feature_names_out."""

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> "FerryTransformer":
        """Fits the transformer in the core; y is ignored. Returns self."""
        return self._fit_native(X, None, sample_weight)

    def transform(self, X: Any) -> Any:
        """Transforms X (array, DataFrame, list of dicts: 2-D result; dict: 1-D result)."""
        native, data = self._input(X, "transform")
        out = native.transform(data)
        return wrap_output(out, X, native.feature_names_out, self, sklearn_wraps=True) \
            if out.ndim == 2 else out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the output columns (the kept input names), as an object array."""
        if not hasattr(self, "n_features_in_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with "
                "appropriate arguments before using this estimator.")
        in_names = getattr(self, "_step_input_names", None)
        out = getattr(self, "_step_names_out", None)
        if out is None or in_names is None:
            raise FerryError(
                f"the feature names of this {type(self).__name__} step are not known on their "
                "own (a later step changes the columns): use the pipeline's "
                "get_feature_names_out()")
        if input_features is None:
            return np.asarray(out, dtype=object)
        input_features = np.asarray(input_features, dtype=object)
        if hasattr(self, "feature_names_in_"):
            if not np.array_equal(input_features, self.feature_names_in_):
                raise ValueError("input_features is not equal to feature_names_in_")
        elif len(input_features) != self.n_features_in_:
            raise ValueError(f"input_features should have length equal to number of features "
                             f"({self.n_features_in_}), got {len(input_features)}")
        # One-to-one steps: map each kept name to the caller's name at the same position.
        pos = {n: i for i, n in enumerate(in_names or [])}
        return np.asarray([input_features[pos[n]] for n in out], dtype=object)


class FerryModel(FerryEstimator):
    """A ferry model: fit(X, y), predict, decision_function."""

    _is_model = True

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "FerryModel":
        """Fits the model in the core (one call, GIL released). Returns self."""
        return self._fit_native(X, y, sample_weight)

    def predict(self, X: Any) -> Any:
        """Predicted labels (typed as trained) or values; a scalar for a dict."""
        native, data = self._input(X, "predict")
        return native.predict(data)


def step_feature_names(native: Any) -> list[tuple[list[str] | None, list[str] | None]]:
    """(input names, output names) per step of a fitted native pipeline, from the core's names:
    the schema names go into the first step and native.feature_names_out come out of the last
    transformer; a step's output names are known when every later transformer is one-to-one
    (names pass through unchanged). Unknown names are None. No name is computed in Python."""
    steps = native.steps
    kinds = [k for _, k, _, _ in steps]
    n_tr = sum(1 for k in kinds if not getattr(KIND_TO_CLASS.get(k), "_is_model", False))
    final = list(native.feature_names_out)
    outs: list[list[str] | None] = [None] * len(steps)
    known = True
    for i in range(n_tr - 1, -1, -1):
        outs[i] = final if known else None
        cls = KIND_TO_CLASS.get(kinds[i])
        params = steps[i][2]
        known = known and cls is not None and cls._names_pass_through(params)
    ins: list[list[str] | None] = [[n for n, _, _ in native.input_schema]]
    for i in range(1, len(steps)):
        ins.append(outs[i - 1])
    return list(zip(ins, outs))


def make_step_estimator(kind: str, params: dict[str, Any]) -> FerryEstimator:
    """A ferry estimator of a step kind with constructor arguments from the core's parameters."""
    cls = KIND_TO_CLASS.get(kind)
    if cls is None:
        raise FerryError(f"step kind '{kind}' has no Python class (known: {sorted(KIND_TO_CLASS)})")
    return cls._from_native_params(params)

