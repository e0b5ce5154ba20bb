"""ColumnTransformer with scikit-learn's name, parameters and fitted attributes: routes columns by
name to branches of ferry transformers; fitted and applied by ferry's C++ core."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._base import FerryEstimator, FerryTransformer, check_bool, make_step_estimator
from ._compat import TransformerMixin
from ._errors import ParameterError

__all__ = ["ColumnTransformer", "make_column_transformer"]


class ColumnTransformer(TransformerMixin, FerryTransformer):
    """Applies ferry transformers (or ferry Pipelines of them) to columns chosen by name and
    concatenates their outputs, as sklearn.compose.ColumnTransformer with dense output. Column
    types flow through: a string column must reach a step that reads strings (OneHotEncoder), a
    mistake is refused at fit naming the column and the step.

    Parameters
    ----------
    transformers : list of (name, transformer, columns)
        transformer: a ferry transformer, a ferry.Pipeline of them, "passthrough" or "drop";
        columns: a column name or a list of names (numpy input is named x0, x1, ...).
    remainder : {"drop", "passthrough"}, default="drop"
        What happens to the columns no branch names (they follow the branches' outputs).
    sparse_threshold : float, default=0.3
        Accepted for compatibility: ferry's output is always dense.
    n_jobs : None
        Accepted for compatibility: the core decides its threads.
    transformer_weights : None
        Must be None.
    verbose : bool, default=False
        Accepted for compatibility.
    verbose_feature_names_out : bool, default=True
        Prefix output names with "<branch>__" (and "remainder__").

    Attributes
    ----------
    transformers_ : list of (name, fitted transformer or str, columns)
        The fitted branches, then ("remainder", "passthrough" or "drop", columns) when columns
        remain.
    named_transformers_ : dict
        Fitted branches by name.
    output_indices_ : dict of slice
        The output columns of each branch (and of "remainder").
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "ColumnTransformer"

    def __init__(self, transformers: Any, *, remainder: Any = "drop",
                 sparse_threshold: float = 0.3, n_jobs: Any = None,
                 transformer_weights: Any = None, verbose: bool = False,
                 verbose_feature_names_out: bool = True) -> None:
        self.transformers = transformers
        self.remainder = remainder
        self.sparse_threshold = sparse_threshold
        self.n_jobs = n_jobs
        self.transformer_weights = transformer_weights
        self.verbose = verbose
        self.verbose_feature_names_out = verbose_feature_names_out

    # ---- parameters (scikit-learn's _BaseComposition rules) ----------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The parameters, and with deep=True every branch by name and its parameters as
        name__param."""
        out = super().get_params(deep=False)
        if not deep:
            return out
        for name, est, _ in self._branches_as_given():
            if hasattr(est, "get_params"):
                out[name] = est
                for k, v in est.get_params(deep=True).items():
                    out[f"{name}__{k}"] = v
        return out

    def set_params(self, **params: Any) -> "ColumnTransformer":
        """Sets parameters, replaces a branch's transformer by name, or sets a nested parameter
        (num__scale__with_mean). Returns self."""
        names = [b[0] for b in self._branches_as_given()]
        own = {k: params.pop(k) for k in list(params) if "__" not in k and k not in names}
        if own:
            super().set_params(**own)
        for key in [k for k in params if "__" not in k]:
            self.transformers = [(n, params[key] if n == key else t, c)
                                 for n, t, c in self._branches_as_given()]
            del params[key]
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            head, _, sub = key.partition("__")
            if head not in names:
                raise ParameterError(f"Invalid parameter {key!r} for estimator ColumnTransformer. "
                                     f"Valid parameters are its own and branch names {names} "
                                     "with their parameters as name__parameter.")
            nested.setdefault(head, {})[sub] = value
        for head, sub_params in nested.items():
            dict((n, t) for n, t, _ in self._branches_as_given())[head].set_params(**sub_params)
        return self

    def _branches_as_given(self) -> list[tuple[str, Any, Any]]:
        """The well-formed (name, transformer, columns) entries, unvalidated: get_params and
        set_params never raise (scikit-learn's rule); fit checks them."""
        items = self.transformers if isinstance(self.transformers, (list, tuple)) else []
        return [tuple(i) for i in items  # type: ignore[misc]
                if isinstance(i, (list, tuple)) and len(i) == 3 and isinstance(i[0], str)]

    def _branches(self) -> list[tuple[str, Any, list[str]]]:
        out = []
        if not isinstance(self.transformers, (list, tuple)):
            raise ParameterError("ColumnTransformer: transformers expected a list of (name, "
                                 f"transformer, columns), found {type(self.transformers).__name__}")
        for item in self.transformers:
            if not isinstance(item, (list, tuple)) or len(item) != 3 or not isinstance(item[0], str):
                raise ParameterError("ColumnTransformer: expected each transformer as (name, "
                                     f"transformer, columns), found {item!r}")
            name, est, cols = item
            out.append((name, est, _column_names(name, cols)))
        return out

    # ---- the core's spec ----------------------------------------------------------------------
    def _native_params(self) -> dict[str, Any]:
        from .pipeline import Pipeline  # a branch may be a ferry.Pipeline (which imports us)

        who = "ColumnTransformer"
        if self.transformer_weights is not None:
            raise ParameterError(f"{who}: transformer_weights expected None (ferry does not "
                                 f"weight branches), found {self.transformer_weights!r}")
        check_bool(who, "verbose", self.verbose)
        if self.remainder not in ("drop", "passthrough"):
            raise ParameterError(f"{who}: remainder expected 'drop' or 'passthrough' (an "
                                 f"estimator as remainder is not supported), found "
                                 f"{self.remainder!r}")
        branches = []
        for name, est, cols in self._branches():
            if isinstance(est, str) and est in ("drop", "passthrough"):
                steps: Any = est
            elif isinstance(est, Pipeline):
                steps = est._specs()
            elif isinstance(est, FerryEstimator) and not est._is_model:
                steps = [est._step_spec(est._kind.lower())]
            else:
                raise ParameterError(
                    f"{who}: branch '{name}' is {est!r}, which ferry cannot carry: expected a "
                    "ferry transformer, a ferry.Pipeline of them, 'passthrough' or 'drop'")
            branches.append((name, steps, cols))
        return {"transformers": branches, "remainder": self.remainder,
                "verbose_feature_names_out": check_bool(who, "verbose_feature_names_out",
                                                        self.verbose_feature_names_out)}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        from .pipeline import Pipeline

        branches = []
        for name, steps, cols in params["transformers"]:
            if isinstance(steps, str):
                est: Any = steps
            elif len(steps) == 1:
                est = make_step_estimator(steps[0][1], steps[0][2])
            else:
                est = Pipeline([(n, make_step_estimator(k, p)) for n, k, p, _ in steps])
            branches.append((name, est, list(cols)))
        return {"transformers": branches, "remainder": params["remainder"],
                "verbose_feature_names_out": bool(params["verbose_feature_names_out"])}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        from .pipeline import Pipeline

        self._set_common_fitted(fitted, info, first)
        names_in = list(fitted["feature_names_in_"])
        fitted_branches = []
        offset = 0
        self.output_indices_ = {}
        for (name, est, cols), (_, steps, _idx, width) in zip(self._branches(),
                                                               fitted["transformers_"]):
            if isinstance(est, str):
                fitted_est: Any = est
            else:
                parts = []
                for step_name, kind, params, step_fitted in steps:
                    part = make_step_estimator(kind, params)
                    part._in_pipeline = True
                    part._apply_fitted(step_fitted, None, None, False, weighted)
                    parts.append((step_name, part))
                fitted_est = parts[0][1] if not isinstance(est, Pipeline) else Pipeline(parts)
            fitted_branches.append((name, fitted_est, cols))
            # scikit-learn gives a branch without output the empty slice at 0.
            self.output_indices_[name] = slice(offset, offset + width) if width else slice(0, 0)
            offset += width
        rem = [names_in[j] for j in fitted["remainder_indices_"]]
        if rem:
            fitted_branches.append(("remainder", self.remainder, rem))
        width = len(rem) if self.remainder == "passthrough" else 0
        self.output_indices_["remainder"] = slice(offset, offset + width) if width else slice(0, 0)
        self.transformers_ = fitted_branches
        self.named_transformers_ = {n: t for n, t, _ in fitted_branches}

    def fit(self, X: Any, y: Any = None) -> "ColumnTransformer":
        """Fits every branch in the core (one call). y is ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """The branches' outputs side by side (dense float64), computed by the core."""
        return super().transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        return tags


def _column_names(branch: str, cols: Any) -> list[str]:
    if isinstance(cols, str):
        return [cols]
    cols = list(np.asarray(cols, dtype=object).ravel()) if not isinstance(cols, list) else cols
    for c in cols:
        if not isinstance(c, str):
            raise ParameterError(
                f"ColumnTransformer: branch '{branch}' names its columns by position ({c!r}); "
                "ferry routes columns by name: give names (numpy input is named x0, x1, ...)")
    return list(cols)


def make_column_transformer(*transformers: tuple[Any, Any], **kwargs: Any) -> ColumnTransformer:
    """A ColumnTransformer from (transformer, columns) pairs, named as scikit-learn names them."""
    names: dict[str, int] = {}
    out = []
    for est, cols in transformers:
        base = est if isinstance(est, str) else type(est).__name__.lower()
        names[base] = names.get(base, 0) + 1
        out.append([base, est, cols])
    seen: dict[str, int] = {}
    for item in out:
        if names[item[0]] > 1:
            seen[item[0]] = seen.get(item[0], 0) + 1
            item[0] = f"{item[0]}-{seen[item[0]]}"
    return ColumnTransformer([tuple(i) for i in out], **kwargs)  # type: ignore[misc]
