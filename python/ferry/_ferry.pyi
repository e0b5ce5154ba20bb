"""Type stub for ferry._ferry, the pybind11 module over the C++ core (conversion only).

Every number comes from the core; this module converts arguments and maps errors. C++ errors
arrive as the classes in ferry._errors (SchemaError, ArtifactError, NotFittedError,
ParameterError, FerryError), message kept whole.
"""
from typing import Any, Mapping, Sequence

import numpy as np
import numpy.typing as npt

__version__: str
"""The native library's version; ferry/__init__.py checks it equals the package's."""
FORMAT_VERSION: int
"""The artifact format version this library writes."""
STEP_KINDS: list[str]
"""Step kinds the core carries: SimpleImputer, StandardScaler, LogisticRegression, ..."""

class Frame:
    """A columnar batch with a schema (ferry::Frame)."""

    @staticmethod
    def from_columns(names: Sequence[str], columns: Sequence[npt.NDArray[Any]],
                     nullable: Sequence[bool] | None = None) -> Frame:
        """Builds a frame from 1-D arrays: float64 (NaN = missing), int64, bool, or object arrays
        of str/None (string columns, None = missing). Arrays may also come with a mask via
        (values, valid) tuples for int64/bool columns with missing values."""
    @staticmethod
    def from_matrix(names: Sequence[str], X: npt.NDArray[np.float64]) -> Frame:
        """A float64 frame from a 2-D array."""
    @property
    def n_rows(self) -> int: ...
    @property
    def n_cols(self) -> int: ...
    @property
    def schema(self) -> list[tuple[str, str, bool]]:
        """[(name, dtype, nullable)], dtype one of 'float64', 'int64', 'string', 'bool'."""

class Pipeline:
    """ferry::Pipeline: ordered named steps; fitted or loaded state is immutable and thread-safe."""

    def __init__(self, steps: Sequence[tuple[str, str, Mapping[str, Any]]]) -> None:
        """steps: (name, kind, params) with scikit-learn parameter names, e.g.
        ("scale", "StandardScaler", {"with_mean": True, "with_std": True}).
        LogisticRegression's class_weight is None, "balanced" or a dict {label: weight};
        MinMaxScaler's feature_range and RobustScaler's quantile_range are (low, high) tuples;
        Normalizer's norm is "l1", "l2" or "max"; PolynomialFeatures' degree is an int or a
        (min_degree, max_degree) tuple; PCA's n_components is None, an int or a float in (0, 1)
        and its svd_solver "auto", "full" or "covariance_eigh"; KBinsDiscretizer's n_bins is an
        int or one int per feature, encode "onehot-dense" or "ordinal", subsample None or an int;
        Expressions' expressions is a list of (name, expression text) pairs, parsed and checked
        by the core here (the columns at fit).
        Raises ParameterError on an unknown kind, unknown parameter or bad value."""
    def fit(self, X: Frame, y: npt.NDArray[Any] | Sequence[Any] | None = None,
            sample_weight: npt.NDArray[np.float64] | None = None) -> None:
        """Fits in one call into the core (GIL released). y: float64/int64/bool/str labels."""
    @property
    def is_fitted(self) -> bool: ...

    # Inputs for every prediction method: a 2-D float64 array in schema order (the numeric fast
    # path: C-contiguous float64 is read in place, other dtypes/orders are converted once), a
    # dict (one row, returns a 1-D result), or a Frame (matched by column name).
    def predict_proba(self, X: npt.NDArray[Any] | Mapping[str, Any] | Frame) -> npt.NDArray[np.float64]: ...
    def decision_function(self, X: npt.NDArray[Any] | Mapping[str, Any] | Frame) -> npt.NDArray[np.float64]:
        """(n, n_outputs) or (n_outputs,) for a dict."""
    def predict(self, X: npt.NDArray[Any] | Mapping[str, Any] | Frame) -> npt.NDArray[Any]:
        """Labels in the type trained with (float64/int64/bool arrays, object array of str), or
        float64 values for regression; a scalar for a dict."""
    def transform(self, X: npt.NDArray[Any] | Mapping[str, Any] | Frame) -> npt.NDArray[np.float64]: ...

    @property
    def steps(self) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
        """(name, kind, params, fitted) per step; fitted holds the fitted attributes with
        scikit-learn's names (mean_, var_, scale_, statistics_, coef_, intercept_, n_iter_,
        min_, data_min_, max_abs_, center_, powers_, components_, bin_edges_ (a list of
        arrays), n_bins_, n_features_in_, ...) as numpy arrays or scalars
        (RobustScaler's center_ and scale_ are None when switched off); empty before fit."""
    @property
    def input_schema(self) -> list[tuple[str, str, bool]]: ...
    @property
    def task(self) -> str:
        """'classification', 'regression' or 'transform'."""
    @property
    def classes(self) -> npt.NDArray[Any]:
        """Class labels in predict_proba column order, typed as trained."""
    @property
    def metadata(self) -> dict[str, Any]:
        """{'ferry_version', 'created_utc', 'tags': dict, 'training': {'rows', 'columns',
        'class_counts', 'column_summaries'}, 'metrics': dict, 'params': dict of JSON text,
        'verify_rows': int, 'model_id': str}."""
    @property
    def format_version(self) -> int:
        """The artifact format the pipeline was read from (this library's for a fresh fit)."""
    @property
    def model_id(self) -> str: ...
    def explain(self, row: Mapping[str, Any]) -> tuple[list[str], np.ndarray, list[float],
                                                        list[float]]:
        """(columns, contributions [outputs x columns], intercept, decision) for one row."""
    def verify(self) -> None:
        """Recomputes the stored verify rows; raises ArtifactError when they differ."""
    @property
    def feature_names_out(self) -> list[str]: ...
    def step_names_out(self, index: int, names: list[str]) -> list[str]:
        """Step `index`'s output names for the given input names (computed by the core)."""
    @property
    def n_outputs(self) -> int: ...

    def to_bytes(self, tags: Mapping[str, str] | None = None,
                 metrics: Mapping[str, float] | None = None,
                 params: Mapping[str, str] | None = None,
                 verify_rows: Frame | None = None) -> bytes: ...
    def save(self, path: str, tags: Mapping[str, str] | None = None,
             metrics: Mapping[str, float] | None = None,
             params: Mapping[str, str] | None = None,
             verify_rows: Frame | None = None) -> None: ...
    @staticmethod
    def from_bytes(data: bytes, verify: bool = True) -> Pipeline: ...
    @staticmethod
    def load(path: str, verify: bool = True) -> Pipeline: ...
