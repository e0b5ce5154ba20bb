"""ferry.Pipeline: scikit-learn's Pipeline conventions over one native ferry pipeline.

A fit is one call into the core for all steps; afterwards every step estimator carries its fitted
attributes (pipe.named_steps["scale"].mean_). Pickling, copy and deepcopy go through the artifact
bytes, so joblib, GridSearchCV(n_jobs=2) and cross_val_score(n_jobs=2) work.
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from . import _ferry
from ._base import ArtifactPickling, FerryEstimator, make_step_estimator, step_feature_names
from ._compat import HAS_SKLEARN, BaseEstimator, accuracy, r2, wrap_output
from ._errors import FerryError, NotFittedError, ParameterError, SchemaError
from ._input import (InputInfo, as_matrix, convert_sample_weight, convert_y, default_names,
                     fit_frame, fit_n_rows, frame_from_rows, is_dataframe, predict_input)

if HAS_SKLEARN:
    from sklearn.utils import TransformerTags as _TransformerTags

__all__ = ["Pipeline", "load", "loads"]


class _Bunch(dict):
    """A dict whose keys are also attributes (named_steps.scale)."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self) -> list[str]:
        return list(self.keys())


class Pipeline(ArtifactPickling, BaseEstimator):
    """A chain of ferry steps fitted and served by the core as one pipeline.

    Parameters
    ----------
    steps : list of (str, estimator)
        Named ferry estimators (ferry.preprocessing, ferry.linear_model); only the last may be a
        model. Anything else (a scikit-learn transformer, a callable, "passthrough") is refused
        with a ParameterError listing the step kinds ferry carries.

    Attributes
    ----------
    named_steps : dict-like
        Step estimators by name.
    classes_ : ndarray
        Class labels of a classifier pipeline, typed as trained.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Input column names, when fitted on input with string column names.
    """

    def __init__(self, steps: Sequence[tuple[str, Any]]) -> None:
        self.steps = steps

    # ---- parameters (scikit-learn's _BaseComposition rules) ----------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """steps, and with deep=True every step by name and its parameters as name__param."""
        out: dict[str, Any] = {"steps": self.steps}
        if not deep:
            return out
        for name, est in self._steps_list():
            out[name] = est
            if hasattr(est, "get_params") and not isinstance(est, type):
                for k, v in est.get_params(deep=True).items():
                    out[f"{name}__{k}"] = v
        return out

    def set_params(self, **params: Any) -> "Pipeline":
        """Sets steps, replaces a step by name, or sets a nested parameter (model__C). Returns
        self. Values are not validated here (scikit-learn's rule): fit validates them."""
        if "steps" in params:
            self.steps = params.pop("steps")
        if not params:
            return self
        names = [s[0] for s in (self.steps if isinstance(self.steps, (list, tuple)) else [])
                 if isinstance(s, (list, tuple)) and len(s) == 2]
        for key in [k for k in params if "__" not in k and k in names]:
            self._replace_step(key, params.pop(key))
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            head, delim, sub = key.partition("__")
            if not delim or head not in names:
                raise ParameterError(
                    f"Invalid parameter {key!r} for estimator {type(self).__name__}. Valid "
                    f"parameters are: ['steps'] and step names {names} with their parameters "
                    "as name__parameter.")
            nested.setdefault(head, {})[sub] = value
        for head, sub_params in nested.items():
            dict(self._steps_list())[head].set_params(**sub_params)
        return self

    def _replace_step(self, name: str, est: Any) -> None:
        steps = list(self.steps)
        for i, (n, _) in enumerate(steps):
            if n == name:
                steps[i] = (n, est)
        self.steps = steps

    def _steps_list(self) -> list[tuple[str, Any]]:
        steps = self.steps
        if not isinstance(steps, (list, tuple)):
            raise ParameterError(f"Pipeline: steps expected a list of (name, estimator) tuples, "
                                 f"found {type(steps).__name__}")
        out = []
        for s in steps:
            if not isinstance(s, (list, tuple)) or len(s) != 2 or not isinstance(s[0], str):
                raise ParameterError(f"Pipeline: expected each step as a (name, estimator) tuple, "
                                     f"found {s!r}")
            out.append((s[0], s[1]))
        return out

    # ---- sequence protocol --------------------------------------------------------------------
    def __len__(self) -> int:
        """Number of steps."""
        return len(self.steps)

    def __getitem__(self, ind: int | str | slice) -> Any:
        """A step estimator by position or name, or a sub-Pipeline for a slice (unfitted view)."""
        if isinstance(ind, slice):
            if ind.step not in (None, 1):
                raise ValueError("Pipeline slicing only supports a step of 1")
            return type(self)(list(self.steps[ind]))
        if isinstance(ind, str):
            return self.named_steps[ind]
        return self.steps[ind][1]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.steps)

    @property
    def named_steps(self) -> _Bunch:
        """The step estimators by name (also as attributes)."""
        return _Bunch(self._steps_list())

    @property
    def _final_estimator(self) -> Any:
        return self.steps[-1][1]

    # ---- fit ----------------------------------------------------------------------------------
    def _specs(self) -> list[tuple[str, str, dict[str, Any]]]:
        specs = []
        for name, est in self._steps_list():
            if not isinstance(est, FerryEstimator):
                raise ParameterError(
                    f"Pipeline: step '{name}' is {est!r} ({type(est).__module__}."
                    f"{type(est).__qualname__}), which ferry cannot carry: a ferry pipeline holds "
                    f"data, never code. Steps must be ferry estimators of the kinds "
                    f"{', '.join(_ferry.STEP_KINDS)} (ferry.preprocessing, ferry.linear_model).")
            specs.append(est._step_spec(name))
        return specs

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None, **params: Any) -> "Pipeline":
        """Fits every step in one call into the core. sample_weight (also accepted as
        <last step>__sample_weight) weights every step that takes weights. Returns self."""
        if params:
            last = self._steps_list()[-1][0] if self.steps else ""
            key = f"{last}__sample_weight"
            if set(params) == {key} and sample_weight is None:
                sample_weight = params[key]
            else:
                raise ParameterError(f"Pipeline.fit: unexpected fit parameters {sorted(params)}; "
                                     "ferry takes sample_weight only")
        specs = self._specs()
        native = _ferry.Pipeline(specs)
        data, info = fit_frame(X, "Pipeline")
        n = fit_n_rows(data)
        last = self._steps_list()[-1][1]
        y_arr = None
        if last._is_model:
            y_arr = convert_y(y, n, "Pipeline",
                              regression=not getattr(last, "_is_classifier", False))
            last._check_target(y_arr)
        w = convert_sample_weight(sample_weight, n, "Pipeline")
        native.fit(data, y_arr, w, info.names)
        self._attach(native, info, weighted=w is not None)
        return self

    def _attach(self, native: Any, info: InputInfo, weighted: bool) -> None:
        info.dtypes = [t for _, t, _ in native.input_schema]
        self._native = native
        self._input_info = info
        self._fast_width = -1 if "string" in info.dtypes else len(info.dtypes)
        self.n_features_in_ = len(info.names)
        if info.has_string_names:
            self.feature_names_in_ = np.asarray(info.names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        names = step_feature_names(native)
        for i, ((_, est), (_, _, _, fitted)) in enumerate(zip(self._steps_list(), native.steps)):
            est.__dict__.pop("_native", None)
            est._in_pipeline = True
            est._apply_fitted(fitted, native, info, i == 0, weighted)
            if not est._is_model:
                est._step_input_names, est._step_names_out = names[i]

    def fit_transform(self, X: Any, y: Any = None, sample_weight: Any = None,
                      **params: Any) -> Any:
        """Fits, then transforms X through the transformers."""
        return self.fit(X, y, sample_weight, **params).transform(X)

    def fit_predict(self, X: Any, y: Any = None, sample_weight: Any = None) -> Any:
        """Fits, then predicts X."""
        return self.fit(X, y, sample_weight).predict(X)

    # ---- serving ------------------------------------------------------------------------------
    def _ready(self) -> Any:
        native = getattr(self, "_native", None)
        if native is None:
            raise NotFittedError("This Pipeline instance is not fitted yet. Call 'fit' with "
                                 "appropriate arguments before using this estimator.")
        return native

    def _in(self, X: Any) -> tuple[Any, Any]:
        native = self.__dict__.get("_native")
        if (native is not None and type(X) is np.ndarray and X.ndim == 2
                and X.shape[1] == self._fast_width and X.shape[0] and X.dtype.kind in "fiub"):
            return native, X  # the numeric fast path: the core reads it in place
        if native is not None and type(X) is dict:
            return native, X  # one row, matched by name in the core
        native = self._ready()
        return native, predict_input(X, self._input_info, native.input_schema, "Pipeline")

    def predict(self, X: Any) -> Any:
        """Labels (typed as trained) or regression values; a scalar for a dict."""
        native, data = self._in(X)
        return native.predict(data)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities in classes_ order; 1-D for a dict."""
        native, data = self._in(X)
        return native.predict_proba(data)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Log of predict_proba (output conversion only)."""
        return np.log(self.predict_proba(X))

    def decision_function(self, X: Any) -> np.ndarray:
        """Decision values: (n,) for binary classifiers, (n, n_classes) for multinomial ones."""
        native, data = self._in(X)
        out = native.decision_function(data)
        if out.ndim == 2 and out.shape[1] == 1:
            return out.reshape(-1)
        return out

    def transform(self, X: Any) -> Any:
        """X through every transformer (a final model is skipped); a DataFrame after
        set_output(transform="pandas")."""
        native, data = self._in(X)
        out = native.transform(data)
        if out.ndim != 2:
            return out
        return wrap_output(out, X, native.feature_names_out, self, sklearn_wraps=False)

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """The last step's score of predict(X) against y, as scikit-learn's Pipeline: accuracy
        (classifiers), R^2 (regressors), D^2 (PoissonRegressor)."""
        native = self._ready()
        pred = self.predict(X)
        if native.task == "classification":
            return accuracy(y, pred, sample_weight)
        if native.task == "regression":
            scorer = getattr(self._steps_list()[-1][1], "_prediction_score", r2)
            return float(scorer(y, pred, sample_weight))
        raise FerryError("score: this pipeline has no model (its last step is a transformer)")

    def set_output(self, *, transform: str | None = None) -> "Pipeline":
        """transform="pandas": transform returns DataFrames (the steps are set too)."""
        if transform is None:
            return self
        self._sklearn_output_config = {"transform": transform}
        for _, est in self._steps_list():
            if hasattr(est, "set_output"):
                est.set_output(transform=transform)
        return self

    # ---- fitted properties --------------------------------------------------------------------
    @property
    def classes_(self) -> np.ndarray:
        """Class labels in predict_proba column order, typed as trained."""
        native = self._ready()
        if native.task != "classification":
            raise AttributeError("classes_: this pipeline is not a classifier")
        return np.asarray(native.classes)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the features the transformers produce (read from the core)."""
        native = self._ready()
        out = list(native.feature_names_out)
        if input_features is not None:
            input_features = np.asarray(input_features, dtype=object)
            schema_names = [n for n, _, _ in native.input_schema]
            if len(input_features) != len(schema_names):
                raise ValueError(f"input_features should have length equal to number of features "
                                 f"({len(schema_names)}), got {len(input_features)}")
            if hasattr(self, "feature_names_in_") and not np.array_equal(
                    input_features, self.feature_names_in_):
                raise ValueError("input_features is not equal to feature_names_in_")
            names = step_feature_names(native)
            n_tr = sum(1 for _, e in self._steps_list() if not e._is_model)
            if n_tr and names[n_tr - 1][1] is not None and all(
                    type(e)._names_pass_through(p) for (_, e), (_, _, p, _) in
                    zip(self._steps_list()[:n_tr], native.steps[:n_tr])):
                pos = {n: i for i, n in enumerate(schema_names)}
                out = [input_features[pos[n]] for n in out]
            elif n_tr and not all(n in schema_names for n in out):
                raise FerryError("get_feature_names_out: cannot rename these features")
            else:
                pos = {n: i for i, n in enumerate(schema_names)}
                out = [input_features[pos[n]] for n in out]
        return np.asarray(out, dtype=object)

    @property
    def input_schema(self) -> list[tuple[str, str, bool]]:
        """[(name, dtype, nullable)] the fitted pipeline validates every request against."""
        return list(self._ready().input_schema)

    @property
    def metadata(self) -> dict[str, Any]:
        """What the artifact says about the model: ferry_version, created_utc, tags, training
        (rows, columns, class_counts and column_summaries: per input column its count, missing,
        min, max, mean and categories seen with their counts), metrics and params given to save
        (params as dicts), verify_rows (how many are stored) and model_id."""
        meta = dict(self._ready().metadata)
        meta["params"] = {name: _parse_json(text) for name, text in meta["params"].items()}
        return meta

    def predict_explain(self, X: Any) -> Any:
        """Each input column's additive part of decision_function, for a pipeline ending in a
        linear model.

        For one row (a dict) returns {column: part, ..., "intercept": rest}: the parts and the
        intercept add up to decision_function(row) (to 1e-12; for PoissonRegressor to the log of
        its prediction). A multinomial (or one-vs-rest) classifier gets one such dict per class,
        keyed by class label. A model feature computed from one-hot encoding, scaling, imputation
        or an expression is attributed to the input columns it was computed from, in equal
        shares when it reads several (PCA, PolynomialFeatures, Normalizer); a constant feature
        (a bias term) joins the intercept. 2-D input gives a list, one entry per row.
        """
        native = self._ready()
        if isinstance(X, Mapping):
            return self._explain_row(native, dict(X))
        if is_dataframe(X):
            rows = X.to_dict("records")
        elif isinstance(X, list) and all(isinstance(r, Mapping) for r in X):
            rows = [dict(r) for r in X]
        else:
            arr = as_matrix(X, "predict_explain")
            names = [n for n, _, _ in native.input_schema]
            if arr.shape[1] != len(names):
                raise SchemaError(f"X has {arr.shape[1]} features, but Pipeline is expecting "
                                  f"{len(names)} features as input.")
            rows = [dict(zip(names, r)) for r in arr.tolist()]
        return [self._explain_row(native, r) for r in rows]

    @staticmethod
    def _explain_row(native: Any, row: dict[str, Any]) -> Any:
        columns, parts, intercept, _ = native.explain(row)
        if "intercept" in columns:
            raise ParameterError("predict_explain: an input column is named 'intercept', the key "
                                 "of the model's own part; rename the column")
        maps = []
        for r in range(parts.shape[0]):
            one = {c: float(v) for c, v in zip(columns, parts[r])}
            one["intercept"] = float(intercept[r])
            maps.append(one)
        if len(maps) == 1:
            return maps[0]
        return {label: m for label, m in zip(native.classes.tolist(), maps)}

    @property
    def model_id(self) -> str:
        """A stable id of the fitted model: a hash of its stored steps, schema and output (not of
        the metadata), 32 hex digits; the same in Python, Java and C++."""
        return str(self._ready().model_id)

    def verify(self) -> None:
        """Recomputes the verify rows stored with the artifact; raises ArtifactError naming the
        first output that differs from the stored one (by more than 1e-9 relative)."""
        self._ready().verify()

    # ---- artifact -----------------------------------------------------------------------------
    def to_bytes(self, tags: Mapping[str, str] | None = None, *,
                 metrics: Mapping[str, float] | None = None, verify_rows: Any = None) -> bytes:
        """The artifact bytes of the fitted pipeline; see save() for the arguments."""
        return self._ready().to_bytes(dict(tags or {}), dict(metrics or {}), self._params_json(),
                                      self._verify_frame(verify_rows))

    def save(self, path: str | os.PathLike[str], tags: Mapping[str, str] | None = None, *,
             metrics: Mapping[str, float] | None = None, verify_rows: Any = None) -> None:
        """Writes the artifact to path atomically.

        tags: str -> str stored as they are. metrics: training metrics (str -> finite number).
        verify_rows: up to 1000 rows (any input fit or predict takes) whose outputs are stored
        and recomputed whenever the file is loaded with verify=True (the default), in every
        language. Each step's parameters (get_params) are stored too, as JSON.
        """
        self._ready().save(os.fspath(path), dict(tags or {}), dict(metrics or {}),
                           self._params_json(), self._verify_frame(verify_rows))

    def _params_json(self) -> dict[str, str]:
        """Each step's scikit-learn parameters as JSON text (non-JSON values as their repr)."""
        return {name: json.dumps(est.get_params(deep=False), sort_keys=True, default=repr)
                for name, est in self._steps_list()}

    def _verify_frame(self, X: Any) -> Any:
        """verify_rows as a native Frame in the input schema's names, or None."""
        if X is None:
            return None
        native, data = self._in(X)
        if isinstance(data, _ferry.Frame):
            return data
        if isinstance(data, Mapping):
            return frame_from_rows([data], native.input_schema)
        names = [n for n, _, _ in native.input_schema]
        return _ferry.Frame.from_matrix(names, np.ascontiguousarray(data, dtype=np.float64))

    @classmethod
    def _from_native(cls, native: Any) -> "Pipeline":
        steps = [(name, make_step_estimator(kind, params))
                 for name, kind, params, _fitted in native.steps]
        pipe = cls(steps)
        names = [n for n, _, _ in native.input_schema]
        has_names = names != default_names(len(names))
        pipe._attach(native, InputInfo(names, has_names, "frame" if has_names else "array"),
                     weighted=False)
        return pipe

    # ---- pickling: artifact bytes for fitted pipelines (ArtifactPickling), parameters otherwise
    def _restore_native(self, native: Any) -> None:
        self._attach(native, self._input_info, weighted=False)

    # ---- scikit-learn integration -------------------------------------------------------------
    def __sklearn_is_fitted__(self) -> bool:
        """True once fitted or loaded."""
        return getattr(self, "_native", None) is not None

    if HAS_SKLEARN:

        def __sklearn_tags__(self) -> Any:
            tags = super().__sklearn_tags__()
            if not self.steps:
                return tags
            try:
                last = self._steps_list()[-1][1]
                first = self._steps_list()[0][1]
                last_tags = last.__sklearn_tags__()
                tags.estimator_type = last_tags.estimator_type
                tags.target_tags = last_tags.target_tags
                tags.classifier_tags = last_tags.classifier_tags
                tags.regressor_tags = last_tags.regressor_tags
                # Every ferry pipeline can transform (through its transformers).
                tags.transformer_tags = last_tags.transformer_tags or _TransformerTags(
                    preserves_dtype=["float64"])
                # NaN is accepted unless it can reach a model: with an imputer first, or
                # without a model (transformers pass NaN through).
                tags.input_tags.allow_nan = bool(getattr(first, "_imputes", False)) or not any(
                    getattr(e, "_is_model", False) for _, e in self._steps_list())
            except (AttributeError, ParameterError, TypeError):
                pass
            return tags


def load(path: str | os.PathLike[str], *, verify: bool = True) -> Pipeline:
    """Reads a fitted Pipeline from an artifact file; raises ArtifactError on anything else, and
    (verify=True) when the verify rows stored in it give different outputs here."""
    return Pipeline._from_native(_ferry.Pipeline.load(os.fspath(path), bool(verify)))


def loads(data: bytes, *, verify: bool = True) -> Pipeline:
    """Reads a fitted Pipeline from artifact bytes; see load()."""
    return Pipeline._from_native(_ferry.Pipeline.from_bytes(bytes(data), bool(verify)))


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
