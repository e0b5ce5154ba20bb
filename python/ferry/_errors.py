"""ferry's error family, shared by the Python package and the native module.

The native module ferry._ferry looks these classes up by name in this module when the C++ core
throws, so the names are part of the interface: FerryError, ArtifactError, SchemaError,
ParameterError, NotFittedError. The core's message is kept whole.
"""
from __future__ import annotations

__all__ = ["FerryError", "ArtifactError", "SchemaError", "ParameterError", "NotFittedError"]

try:  # scikit-learn is optional: use its NotFittedError when it is importable.
    from sklearn.exceptions import NotFittedError as _SklearnNotFittedError
except ImportError:  # pragma: no cover - exercised only without scikit-learn

    class _SklearnNotFittedError(ValueError, AttributeError):  # type: ignore[no-redef]
        """Stand-in for sklearn.exceptions.NotFittedError (a ValueError and an AttributeError)."""


class FerryError(Exception):
    """Base of every error ferry raises."""


class ArtifactError(FerryError, ValueError):
    """An artifact could not be read: not a ferry file, corrupt, truncated or from a newer format."""


class SchemaError(FerryError, ValueError):
    """Input does not match the pipeline's schema: missing column, wrong type or width, a missing
    value where none is allowed, an empty batch."""


class ParameterError(FerryError, ValueError):
    """A hyperparameter or argument is out of its valid range, or a step ferry cannot carry."""


class NotFittedError(FerryError, _SklearnNotFittedError):
    """A method that needs a fitted estimator was called before fit() or load().

    A subclass of sklearn.exceptions.NotFittedError when scikit-learn is installed (so
    sklearn.utils.validation.check_is_fitted users catch it), else of ValueError and AttributeError.
    """
