"""Multiclass strategies placed as scikit-learn places them: OneVsRestClassifier, over a ferry
LogisticRegression, fitted and applied by ferry's C++ core as one model (its one-vs-rest mode)."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._compat import HAS_SKLEARN
from ._errors import ParameterError
from .linear_model import LogisticRegression, _LinearClassifier

__all__ = ["OneVsRestClassifier"]


class OneVsRestClassifier(_LinearClassifier):
    """One-vs-rest, as sklearn.multiclass.OneVsRestClassifier over a LogisticRegression: one binary
    logistic regression per class (that class against the others), all fitted by the core and
    stored as one step of kind LogisticRegression in its one-vs-rest mode.

    decision_function gives each class's binary decision value (a single column, 1-D, for two
    classes), predict_proba each class's probability against the rest normalized to sum to 1 (two
    classes: the binary model's), predict the class of the largest decision value, as
    scikit-learn's OneVsRestClassifier does.

    Parameters
    ----------
    estimator : ferry.linear_model.LogisticRegression
        The binary model fitted for every class, with its penalty, C, l1_ratio, tol, max_iter,
        fit_intercept and class_weight (None or "balanced": balanced per binary problem, as
        scikit-learn's does). Any other estimator is refused (ParameterError): the core carries
        one-vs-rest for logistic regression only.
    n_jobs, verbose :
        Accepted for compatibility; no effect (the core fits the classes one after the other).

    Attributes
    ----------
    estimators_ : list of LogisticRegression
        One binary model per class (one for two classes), carrying coef_ of shape (1, n_features),
        intercept_ of shape (1,), classes_ [0, 1] and n_features_in_ (and feature_names_in_);
        they predict through this classifier, not alone.
    classes_ : ndarray
        Class labels, typed as trained.
    n_classes_ : int
    label_binarizer_ : sklearn.preprocessing.LabelBinarizer
        Fitted on classes_ (only when scikit-learn is installed).
    multilabel_ : bool
        Always False: ferry fits one label per row.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    _kind = "LogisticRegression"
    _owns_kind = False

    def __init__(self, estimator: Any, *, n_jobs: int | None = None, verbose: int = 0) -> None:
        self.estimator = estimator
        self.n_jobs = n_jobs
        self.verbose = verbose

    def _native_params(self) -> dict[str, Any]:
        who = type(self).__name__
        est = self.estimator
        if not isinstance(est, LogisticRegression):
            raise ParameterError(
                f"{who}: estimator expected a ferry.linear_model.LogisticRegression (ferry's core "
                f"carries one-vs-rest for logistic regression only), found {est!r} "
                f"({type(est).__module__}.{type(est).__qualname__})")
        if isinstance(est.class_weight, dict):
            raise ParameterError(
                f"{who}: the estimator's class_weight expected None or 'balanced', found a dict: "
                "scikit-learn's OneVsRestClassifier hands each binary model its 0/1 labels, so a "
                "dict of class weights means something else there; weight the rows with "
                "sample_weight instead")
        return {**est._native_params(), "multi_class": "ovr"}

    def _apply_fitted(self, fitted: dict[str, Any], native: Any, info: Any, first: bool,
                      weighted: bool) -> None:
        self._set_common_fitted(fitted, info, first)
        self.classes_ = np.asarray(native.classes)
        coef = np.asarray(fitted["coef_"], dtype=np.float64)
        coef = coef.reshape(1, -1) if coef.ndim == 1 else coef
        intercept = np.asarray(fitted["intercept_"], dtype=np.float64).reshape(-1)
        # New estimators, never the estimator parameter: fit does not change parameters.
        params = self.estimator.get_params(deep=False)
        self.estimators_ = []
        for k in range(coef.shape[0]):
            est = LogisticRegression(**params)
            est.coef_ = coef[k:k + 1].copy()
            est.intercept_ = intercept[k:k + 1].copy()
            est.classes_ = np.asarray([0, 1])
            est.n_features_in_ = self.n_features_in_
            if hasattr(self, "feature_names_in_"):
                est.feature_names_in_ = self.feature_names_in_
            est._member_of = type(self).__name__
            self.estimators_.append(est)
        if HAS_SKLEARN:
            from sklearn.preprocessing import LabelBinarizer

            self.label_binarizer_ = LabelBinarizer().fit(self.classes_)

    @property
    def n_classes_(self) -> int:
        """Number of classes."""
        return len(self.classes_)

    @property
    def multilabel_(self) -> bool:
        """Whether this is a multilabel classifier: never (one label per row)."""
        return False

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> "OneVsRestClassifier":
        """Fits one binary model per class in the core, to the optimum. Returns self."""
        return super().fit(X, y, sample_weight)
