"""Conversion of user inputs into what ferry._ferry takes. No arithmetic on the data: values are
only re-typed and re-laid-out (principle 1); the core validates them against the schema.

Accepted inputs: numpy 2-D arrays (columns x0..x{n-1} unless names are known), pandas DataFrames
(matched by column name), a dict (one row), a list of dicts (rows).
"""
from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from . import _ferry
from ._compat import HAS_PANDAS, pd
from ._errors import ParameterError, SchemaError

__all__ = ["InputInfo", "fit_frame", "fit_n_rows", "predict_input", "convert_y", "convert_sample_weight",
           "n_rows"]


@dataclass
class InputInfo:
    """What fit recorded about its input."""

    names: list[str]                     # column names as given to the core
    has_string_names: bool               # True for DataFrames / dicts with str names
    kind: str = "array"                  # "array", "frame", "rows"
    dtypes: list[str] = field(default_factory=list)  # schema dtypes, filled after fit

    @property
    def n_features(self) -> int:
        """Number of input columns."""
        return len(self.names)


def default_names(n: int) -> list[str]:
    """x0..x{n-1}: the column names of an array fitted without names."""
    return [f"x{i}" for i in range(n)]


def is_dataframe(X: Any) -> bool:
    return HAS_PANDAS and isinstance(X, pd.DataFrame)


def _is_rows(X: Any) -> bool:
    return isinstance(X, (list, tuple)) and len(X) > 0 and all(isinstance(r, Mapping) for r in X)


def _is_sparse(X: Any) -> bool:
    return hasattr(X, "tocsr") and hasattr(X, "nnz")


def n_rows(X: Any) -> int:
    """Number of rows of any accepted input (a dict counts as one)."""
    if isinstance(X, Mapping):
        return 1
    if is_dataframe(X):
        return len(X.index)
    if isinstance(X, (list, tuple)):
        return len(X)
    return int(np.shape(X)[0]) if np.ndim(X) > 0 else 1


# ---- numpy ---------------------------------------------------------------------------------------

def as_matrix(X: Any, who: str) -> np.ndarray:
    """X as a 2-D numeric numpy array (float64 C-contiguous kept as is, other dtypes converted
    once to float64); raises SchemaError with scikit-learn's wording otherwise."""
    if _is_sparse(X):
        raise SchemaError(f"{who}: sparse input is not supported (ferry reads dense rows); "
                          "pass X.toarray()")
    arr = X if isinstance(X, np.ndarray) else np.asarray(X)
    if arr.ndim != 2:
        if arr.ndim == 1:
            raise SchemaError(
                f"{who}: Expected 2D array, got 1D array instead: array={arr!r}.\n"
                "Reshape your data either using array.reshape(-1, 1) if your data has a single "
                "feature or array.reshape(1, -1) if it contains a single sample.")
        raise SchemaError(f"{who}: Expected 2D array, got {arr.ndim}D array instead")
    kind = arr.dtype.kind
    if kind == "c":
        raise SchemaError(f"{who}: Complex data not supported\n{arr!r}")
    if kind in "fiub":
        if arr.dtype != np.float64 or not arr.flags.c_contiguous:
            arr = np.ascontiguousarray(arr, dtype=np.float64)
        return arr
    if kind in "OUS":
        try:
            return np.ascontiguousarray(arr, dtype=np.float64)
        except TypeError as e:
            raise TypeError(
                f"{who}: expected numbers in a numeric array, found dtype {arr.dtype} with a value "
                f"that is not a number ({e})") from None
        except ValueError as e:
            raise SchemaError(
                f"{who}: expected numbers in a numeric array, found dtype {arr.dtype} with a value "
                f"that is not a number ({e}); pass string columns in a DataFrame") from None
    raise SchemaError(f"{who}: expected a numeric array, found dtype {arr.dtype}")


def _check_not_empty(n: int, d: int, who: str) -> None:
    if n == 0:
        raise SchemaError(f"{who}: Found array with 0 sample(s) (shape=({n}, {d})) while a "
                          "minimum of 1 is required (an empty batch).")
    if d == 0:
        raise SchemaError(f"{who}: Found array with 0 feature(s) (shape=({n}, {d})) while a "
                          "minimum of 1 is required.")


# ---- columns -------------------------------------------------------------------------------------

def _object_column(values: np.ndarray, name: str) -> Any:
    """An object column: strings (None/NaN = missing) -> object array of str/None; numbers ->
    float64; bools -> bool."""
    kind = pd.api.types.infer_dtype(values, skipna=True) if HAS_PANDAS else "mixed"
    if kind in ("string", "empty"):
        # Vectorized: None, NaN and pd.NA all become None; the core reads str and None.
        missing = pd.isna(values) if HAS_PANDAS else np.asarray([v is None for v in values])
        if missing.any():
            values = values.copy()
            values[missing] = None
        return values
    if kind in ("floating", "integer", "mixed-integer-float", "decimal"):
        try:
            return np.asarray([np.nan if v is None or v is getattr(pd, "NA", None) else v
                               for v in values], dtype=np.float64)
        except (TypeError, ValueError):
            pass
    if kind == "boolean":
        return _masked_bool(values)
    raise SchemaError(f"column '{name}': expected float64, int64, bool or string values, "
                      f"found a column of {kind} values")


def _masked_bool(values: Any) -> Any:
    valid = np.asarray([v is not None and v is not getattr(pd, "NA", None)
                        and not (isinstance(v, float) and v != v) for v in values], dtype=bool)
    data = np.asarray([bool(v) if ok else False for v, ok in zip(values, valid)], dtype=bool)
    return data if valid.all() else (data, valid)


def _series_column(s: Any, name: str) -> Any:
    """A pandas Series as a column for Frame.from_columns."""
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _object_column(s.astype(object).to_numpy(), name)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and not isinstance(dtype, np.dtype):
        kind = getattr(dtype, "kind", "O")
        mask = s.isna().to_numpy()
        if kind in "iu":
            data = s.to_numpy(dtype=np.int64, na_value=0)
            return data if not mask.any() else (data, ~mask)
        if kind == "b":
            data = s.to_numpy(dtype=bool, na_value=False)
            return data if not mask.any() else (data, ~mask)
        if kind == "f":
            return s.to_numpy(dtype=np.float64, na_value=np.nan)
        return _object_column(s.to_numpy(dtype=object), name)
    kind = dtype.kind
    if kind == "f":
        return np.ascontiguousarray(s.to_numpy(), dtype=np.float64)
    if kind in "iu":
        return np.ascontiguousarray(s.to_numpy(), dtype=np.int64)
    if kind == "b":
        return np.ascontiguousarray(s.to_numpy(), dtype=bool)
    if kind in "OUS":
        return _object_column(s.to_numpy(), name)
    raise SchemaError(f"column '{name}': dtype {dtype} is not supported "
                      "(expected float, int, bool, string/object or category)")


def _as_schema_type(col: Any, dtype: str, name: str) -> Any:
    """At predict time, re-types a float column the schema wants as int64/bool when its values
    allow it (a pandas int column with missing values arrives as float)."""
    if dtype in ("int64", "bool") and isinstance(col, np.ndarray) and col.dtype == np.float64:
        valid = ~np.isnan(col)
        vals = np.where(valid, col, 0.0)
        target = np.int64 if dtype == "int64" else bool
        conv = vals.astype(target)
        if np.array_equal(conv.astype(np.float64), vals):
            return conv if valid.all() else (conv, valid)
    return col


def _frame_from_dataframe(df: Any, names: list[str] | None, schema: Sequence[Any] | None) -> Any:
    cols, out_names = [], []
    if names is None:
        names = [str(c) for c in df.columns]
    types = {n: t for n, t, _ in schema} if schema else {}
    for (_label, series), name in zip(df.items(), names):
        if schema is not None and name not in types:
            continue
        if types.get(name) == "string" and series.dtype == object:
            # Known to be a string column: the core reads the object array as it is (str; None,
            # NaN and pd.NA as missing) and names any other value.
            cols.append(series.to_numpy())
            out_names.append(name)
            continue
        col = _series_column(series, name)
        if name in types:
            col = _as_schema_type(col, types[name], name)
        cols.append(col)
        out_names.append(name)
    return _ferry.Frame.from_columns(out_names, cols)


def _rows_column(values: list[Any], name: str, dtype: str | None) -> Any:
    """One column gathered from a list of dicts, typed by the schema when known."""
    present = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    if dtype is None:  # fit: infer
        if present and all(isinstance(v, (bool, np.bool_)) for v in present):
            dtype = "bool"
        elif present and all(isinstance(v, str) for v in present):
            dtype = "string"
        elif present and all(isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))
                             for v in present) and len(present) == len(values):
            dtype = "int64"
        else:
            dtype = "float64"
    if dtype == "string":
        out = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):
            if v is not None and not isinstance(v, str) and not (isinstance(v, float) and v != v):
                raise SchemaError(f"column '{name}': expected string, found "
                                  f"{type(v).__name__} {v!r} at row {i}")
            out[i] = v if isinstance(v, str) else None
        return out
    if dtype == "bool":
        for i, v in enumerate(values):
            if v is not None and not isinstance(v, (bool, np.bool_)) and not (
                    isinstance(v, float) and v != v):
                raise SchemaError(f"column '{name}': expected bool, found "
                                  f"{type(v).__name__} {v!r} at row {i}")
        return _masked_bool(values)
    if dtype == "int64":
        valid = np.ones(len(values), dtype=bool)
        data = np.zeros(len(values), dtype=np.int64)
        for i, v in enumerate(values):
            if v is None or (isinstance(v, float) and v != v):
                valid[i] = False
            elif isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)):
                data[i] = int(v)
            elif isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and float(v).is_integer():
                data[i] = int(v)
            else:
                raise SchemaError(f"column '{name}': expected int64, found "
                                  f"{type(v).__name__} {v!r} at row {i}")
        return data if valid.all() else (data, valid)
    data = np.empty(len(values), dtype=np.float64)
    for i, v in enumerate(values):
        if v is None:
            data[i] = np.nan
        elif isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)):
            data[i] = float(v)
        else:
            raise SchemaError(f"column '{name}': expected float64, found "
                              f"{type(v).__name__} {v!r} at row {i}")
    return data


def frame_from_rows(rows: Sequence[Mapping[str, Any]], schema: Sequence[Any] | None) -> Any:
    if schema is None:
        names: list[str] = []
        seen: set[str] = set()
        for r in rows:
            for k in r:
                if k not in seen:
                    seen.add(k)
                    names.append(k)
        types: dict[str, str | None] = {n: None for n in names}
    else:
        present = set()
        for r in rows:
            present.update(r.keys())
        names = [n for n, _, _ in schema if n in present]
        types = {n: t for n, t, _ in schema}
    for n in names:
        if not isinstance(n, str):
            raise SchemaError(f"expected string column names in the rows, found {n!r}")
    cols = [_rows_column([r.get(n) for r in rows], n, types[n]) for n in names]
    return _ferry.Frame.from_columns(names, cols)


# ---- fit -----------------------------------------------------------------------------------------

def fit_frame(X: Any, who: str) -> tuple[Any, InputInfo]:
    """Converts fit's X into what the core's fit takes and records its names: a _ferry.Frame, or
    for numeric arrays a float64 C-contiguous array, which the core reads in place (a copy of a
    large X would cost about as much as the fit)."""
    if X is None:
        raise SchemaError(f"{who}: expected X (an array, DataFrame, dict or list of dicts), "
                          "found None")
    if _is_sparse(X):
        as_matrix(X, who)  # raises the sparse error
    if is_dataframe(X):
        labels = list(X.columns)
        str_names = [isinstance(c, str) for c in labels]
        if any(str_names) and not all(str_names):
            raise SchemaError(
                f"{who}: Feature names are only supported if all input features have string "
                f"names, but your input has {sorted({type(c).__name__ for c in labels})} as "
                "feature name / column name types. Convert them all to strings.")
        has_names = bool(labels) and all(str_names)
        names = [str(c) for c in labels] if has_names else default_names(len(labels))
        _check_not_empty(len(X.index), len(labels), who)
        if len(set(names)) != len(names):
            raise SchemaError(f"{who}: expected unique column names, found duplicates in {names}")
        return _frame_from_dataframe(X, names, None), InputInfo(names, has_names, "frame")
    if isinstance(X, Mapping):
        X = [X]
    if _is_rows(X):
        frame = frame_from_rows(X, None)
        names = [n for n, _, _ in frame.schema]
        _check_not_empty(frame.n_rows, frame.n_cols, who)
        return frame, InputInfo(names, True, "rows")
    arr = as_matrix(X, who)
    _check_not_empty(arr.shape[0], arr.shape[1], who)
    names = default_names(arr.shape[1])
    return arr, InputInfo(names, False, "array")


def fit_n_rows(data: Any) -> int:
    """Rows of what fit_frame returned."""
    return int(data.shape[0]) if isinstance(data, np.ndarray) else int(data.n_rows)


# ---- predict -------------------------------------------------------------------------------------

def predict_input(X: Any, info: InputInfo, schema: Sequence[Any], who: str) -> Any:
    """Converts a prediction input into a numpy array in schema order, a dict or a Frame.

    A numeric array is read by position in the schema's column order, without scikit-learn's
    "X does not have valid feature names" warning even after a DataFrame fit: it is ferry's
    documented serving fast path (one warning per request would cost more than the prediction).
    """
    if type(X) is np.ndarray and X.ndim == 2 and X.dtype.kind in "fiub":  # fast path
        n, d = X.shape
    elif type(X) is dict:  # one row: the core matches it by name
        return X
    elif _is_sparse(X):
        as_matrix(X, who)  # raises the sparse error
    elif isinstance(X, Mapping):
        if not info.has_string_names and not all(isinstance(k, str) for k in X):
            raise SchemaError(f"{who}: expected a dict of column name -> value")
        return X
    elif is_dataframe(X):
        d = len(X.columns)
        labels = X.columns.tolist()
        if len(X.index) == 0:
            _check_not_empty(0, d, who)
        if info.has_string_names and labels == info.names and len(X.index) and not any(
                t == "string" for _, t, _ in schema):
            # Columns exactly in schema order, all numeric: the numeric fast path (the core
            # checks int64/bool values there); a mixed-type frame comes out as object: Frame.
            arr = X.to_numpy()
            if arr.dtype.kind in "fiub":
                return np.ascontiguousarray(arr, dtype=np.float64)
        if info.has_string_names and all(isinstance(c, str) for c in labels):
            return _frame_from_dataframe(X, None, schema)
        if info.has_string_names:
            warnings.warn(f"X does not have valid feature names, but {who} was fitted with "
                          "feature names", UserWarning, stacklevel=3)
        elif labels and all(isinstance(c, str) for c in labels):
            warnings.warn(f"X has feature names, but {who} was fitted without feature names",
                          UserWarning, stacklevel=3)
        X = as_matrix(X.to_numpy(), who)
        n, d = X.shape
    elif _is_rows(X):
        return frame_from_rows(X, schema)
    else:
        X = as_matrix(X, who)
        n, d = X.shape
    if n == 0 or d == 0:
        _check_not_empty(n, d, who)
    if d != info.n_features:
        raise SchemaError(f"X has {d} features, but {who} is expecting {info.n_features} "
                          "features as input.")
    if any(t == "string" for _, t, _ in schema):
        return _ferry.Frame.from_matrix(info.names, as_matrix(X, who))
    return X


# ---- targets and weights -------------------------------------------------------------------------

def convert_y(y: Any, n: int, who: str, *, regression: bool) -> np.ndarray:
    """y as a 1-D float64/int64/bool array or an object array of str."""
    if y is None:
        raise ParameterError(f"{who} requires y to be passed, but the target y is None")
    if HAS_PANDAS and isinstance(y, (pd.Series, pd.DataFrame)):
        y = y.to_numpy()
    arr = np.asarray(y)
    if arr.ndim == 2 and arr.shape[1] == 1:
        from ._compat import HAS_SKLEARN

        category: type[Warning] = UserWarning
        if HAS_SKLEARN:
            from sklearn.exceptions import DataConversionWarning as category
        warnings.warn("A column-vector y was passed when a 1d array was expected. Please change "
                      "the shape of y to (n_samples, ), for example using ravel().",
                      category, stacklevel=3)
        arr = arr.ravel()
    if arr.ndim != 1:
        raise SchemaError(f"{who}: expected y as a 1-D array of {n} labels, found shape {arr.shape}")
    if arr.shape[0] != n:
        raise SchemaError(f"{who}: Found input variables with inconsistent numbers of samples: "
                          f"[{n}, {arr.shape[0]}] (X has {n} rows, y has {arr.shape[0]})")
    kind = arr.dtype.kind
    if kind == "f":
        arr = np.ascontiguousarray(arr, dtype=np.float64)
        if not np.isfinite(arr).all():
            raise SchemaError(f"{who}: Input y contains NaN or infinity.")
        return arr
    if kind in "iu":
        return np.ascontiguousarray(arr, dtype=np.int64)
    if kind == "b":
        return np.ascontiguousarray(arr, dtype=bool)
    if kind in "US":
        return np.asarray([str(v) for v in arr], dtype=object)
    if kind == "O":
        vals = list(arr)
        if all(isinstance(v, str) for v in vals):
            return np.asarray(vals, dtype=object)
        if all(isinstance(v, (bool, np.bool_)) for v in vals):
            return np.asarray(vals, dtype=bool)
        if all(isinstance(v, numbers.Integral) for v in vals):
            return np.asarray(vals, dtype=np.int64)
        if all(isinstance(v, numbers.Real) for v in vals):
            return convert_y(np.asarray(vals, dtype=np.float64), n, who, regression=regression)
        raise SchemaError(f"{who}: expected labels of one type (numbers, bools or strings), "
                          f"found {sorted({type(v).__name__ for v in vals})}")
    raise SchemaError(f"{who}: expected numeric, bool or string labels, found dtype {arr.dtype}")


def convert_sample_weight(sample_weight: Any, n: int, who: str) -> np.ndarray | None:
    """sample_weight as a 1-D float64 array of n weights (or None); the core checks the values."""
    if sample_weight is None:
        return None
    if isinstance(sample_weight, numbers.Real):
        return np.full(n, float(sample_weight))
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.ndim != 1:
        raise SchemaError(f"{who}: Sample weights must be 1D array or scalar, found shape {w.shape}")
    if w.shape[0] != n:
        raise SchemaError(f"{who}: sample_weight.shape == ({w.shape[0]},), expected ({n},)!")
    return np.ascontiguousarray(w)
