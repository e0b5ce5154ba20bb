"""Expression and Expressions: new columns computed from expressions over the input columns
(exported from ferry.preprocessing). The expressions are parsed, type-checked and evaluated by
ferry's C++ core; Python only passes their text. The language is described in
core/expr/README.md of the ferry sources."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._base import FerryTransformer
from ._compat import HAS_SKLEARN, TransformerMixin
from ._errors import ParameterError
from ._feature_names import names_out

__all__ = ["Expression", "Expressions"]


class Expressions(TransformerMixin, FerryTransformer):
    """One output column per named expression over the input columns, computed row by row by
    ferry's core, the same in Python, Java and C++ (the artifact stores each expression's
    checked tree beside its text; no Python code is stored or run).

    The language: numbers, strings ('a' or "a"), true, false, null; column names (a name with
    spaces or symbols between backticks: `blood pressure`); + - * / % ** and unary minus;
    == != < <= > >=; and, or, not; x in (literals), x not in (...); if(cond, a, b);
    case when cond then a ... else b end; isnull, coalesce; abs, log, log1p, exp, sqrt, pow, min,
    max, clip, floor, ceil, round, sign; lower, upper, length, startswith, endswith, contains.
    Each expression's type (float64, bool or string) is inferred and checked at fit against the
    input columns; an error names the position ("column 'agee' not found (did you mean 'age'?)
    at 1:1"). Null propagates as in SQL; 1/0 and log(-1) give inf and nan, never an error.

    Outputs: float64 columns as numbers, bool columns as 1.0/0.0 (nan for null), string columns
    as strings, which a later step must encode (a OneHotEncoder, say): a pipeline's output is
    numbers.

    Parameters
    ----------
    expressions : dict of str to str, or list of (name, expression) pairs
        The output column names and their expressions, in output order.

    Attributes
    ----------
    dtypes_ : dict of str to str
        Each output column's type: "float64", "bool" or "string".
    trees_ : dict of str to str
        Each checked expression as an S-expression, e.g. "(>= age 30)".
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "Expressions"

    def __init__(self, expressions: Any) -> None:
        self.expressions = expressions

    def _pairs(self) -> list[tuple[str, str]]:
        who = type(self).__name__
        given = self.expressions
        items = list(given.items()) if isinstance(given, dict) else given
        ok = isinstance(items, (list, tuple)) and all(
            isinstance(p, (list, tuple)) and len(p) == 2 and isinstance(p[0], str)
            and isinstance(p[1], str) for p in items)
        if not ok:
            raise ParameterError(f"{who}: expressions expected a dict of name -> expression or a "
                                 f"list of (name, expression) strings, found {given!r}")
        return [(str(n), str(e)) for n, e in items]

    def _native_params(self) -> dict[str, Any]:
        return {"expressions": self._pairs()}

    @classmethod
    def _params_from_native(cls, params: dict[str, Any]) -> dict[str, Any]:
        return {"expressions": {str(n): str(e) for n, e in params["expressions"]}}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        names = [n for n, _ in self._pairs()]
        self.dtypes_ = dict(zip(names, (str(t) for t in fitted["dtypes_"])))
        self.trees_ = dict(zip(names, (str(t) for t in fitted["trees_"])))

    def fit(self, X: Any, y: Any = None) -> "Expressions":
        """Checks every expression against the columns of X (names and types) in the core. y is
        ignored. Returns self."""
        return self._fit_native(X, None, None)

    def transform(self, X: Any) -> Any:
        """The expressions' values for X (computed by the core)."""
        return super().transform(X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The expressions' names, whatever the input names."""
        return names_out(self, input_features, lambda names: [n for n, _ in self._pairs()])

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        return tags


class Expression(Expressions):
    """One new column from one expression: Expression("age >= 30", name="older") is
    Expressions({"older": "age >= 30"}) (and a loaded artifact shows it as such).

    Parameters
    ----------
    expression : str
        The expression (see Expressions for the language).
    name : str or None, default=None
        The output column's name; None names it by the expression's text.

    Attributes
    ----------
    dtypes_ : dict of str to str
    trees_ : dict of str to str
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    def __init__(self, expression: str, name: str | None = None) -> None:
        self.expression = expression
        self.name = name

    def _pairs(self) -> list[tuple[str, str]]:
        who = type(self).__name__
        if not isinstance(self.expression, str):
            raise ParameterError(f"{who}: expression expected a string, found {self.expression!r}")
        if self.name is not None and not isinstance(self.name, str):
            raise ParameterError(f"{who}: name expected a string or None, found {self.name!r}")
        return [(self.expression if self.name is None else self.name, self.expression)]


if not HAS_SKLEARN:  # pragma: no cover - the fallback base has no tags
    del Expressions.__sklearn_tags__
