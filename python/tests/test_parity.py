"""Parity with scikit-learn 1.9.1: fitted attributes to 1e-12 for the scaler and the imputer, to
1e-6 for models against scikit-learn run to its optimum (newton-cholesky, tol=1e-12), and equal
predictions."""
from __future__ import annotations

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn import impute as sk_impute  # noqa: E402
from sklearn import linear_model as sk_lm  # noqa: E402
from sklearn import pipeline as sk_pipeline  # noqa: E402
from sklearn import preprocessing as sk_pre  # noqa: E402

import ferry  # noqa: E402
from ferry.linear_model import LinearRegression, LogisticRegression, Ridge  # noqa: E402
from ferry.preprocessing import SimpleImputer, StandardScaler  # noqa: E402

TIGHT = 1e-12   # transformers: relative to the attribute's scale
MODEL = 1e-6    # models: relative to the coefficients' scale


def sk_logreg(**kw):
    """scikit-learn's LogisticRegression run to its optimum."""
    return sk_lm.LogisticRegression(solver="newton-cholesky", tol=1e-12, max_iter=1000, **kw)


def close(a, b, rel):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.shape == b.shape
    scale = max(1.0, float(np.max(np.abs(b)))) if b.size else 1.0
    np.testing.assert_allclose(a, b, rtol=0, atol=rel * scale)


@pytest.mark.parametrize("with_mean,with_std", [(True, True), (False, True), (True, False),
                                                (False, False)])
def test_standard_scaler_parity(breast_cancer, with_mean, with_std):
    X, _ = breast_cancer
    ours = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    ref = sk_pre.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for attr in ("mean_", "var_", "scale_"):
        got, want = getattr(ours, attr), getattr(ref, attr)
        if want is None:
            assert got is None, attr
        else:
            for j in range(X.shape[1]):  # per column: each relative to its own magnitude
                close(got[j], want[j], TIGHT)
    assert ours.n_samples_seen_ == ref.n_samples_seen_
    assert ours.n_features_in_ == ref.n_features_in_
    t_ours, t_ref = ours.transform(X), ref.transform(X)
    np.testing.assert_allclose(t_ours, t_ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("strategy", ["mean", "median", "most_frequent", "constant"])
def test_simple_imputer_parity_pima(pima, strategy):
    Xtr, _, Xte, _ = pima
    kw = {"fill_value": -1.0} if strategy == "constant" else {}
    ours = SimpleImputer(missing_values=0, strategy=strategy, **kw).fit(Xtr)
    ref = sk_impute.SimpleImputer(missing_values=0, strategy=strategy, **kw).fit(Xtr)
    for j in range(Xtr.shape[1]):
        close(ours.statistics_[j], ref.statistics_[j], TIGHT)
    np.testing.assert_array_equal(ours.feature_names_in_, ref.feature_names_in_)
    np.testing.assert_allclose(ours.transform(Xte), ref.transform(Xte), rtol=1e-12, atol=0)


@pytest.mark.filterwarnings("ignore:Skipping features without any observed values")
def test_simple_imputer_nan_and_empty_column():
    X = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, 5.0], [7.0, np.nan, np.nan]])
    ours = SimpleImputer().fit(X)
    ref = sk_impute.SimpleImputer().fit(X)
    np.testing.assert_array_equal(ours.statistics_, ref.statistics_)
    np.testing.assert_array_equal(ours.transform(X), ref.transform(X))
    np.testing.assert_array_equal(ours.get_feature_names_out(), ref.get_feature_names_out())
    keep = SimpleImputer(keep_empty_features=True).fit(X)
    keep_ref = sk_impute.SimpleImputer(keep_empty_features=True).fit(X)
    np.testing.assert_array_equal(keep.transform(X), keep_ref.transform(X))


def _pima_pipelines(C=1.0):
    ours = ferry.Pipeline([("impute", SimpleImputer(missing_values=0)),
                           ("scale", StandardScaler()),
                           ("model", LogisticRegression(C=C))])
    ref = sk_pipeline.Pipeline([("impute", sk_impute.SimpleImputer(missing_values=0)),
                                ("scale", sk_pre.StandardScaler()),
                                ("model", sk_logreg(C=C))])
    return ours, ref


def test_pima_pipeline_parity(pima):
    Xtr, ytr, Xte, yte = pima
    ours, ref = _pima_pipelines()
    ours.fit(Xtr, ytr)
    ref.fit(Xtr, ytr)
    for name in ("impute", "scale"):
        a, b = ours.named_steps[name], ref.named_steps[name]
        for attr in ("statistics_", "mean_", "var_", "scale_"):
            if hasattr(b, attr):
                for j in range(len(getattr(b, attr))):
                    close(getattr(a, attr)[j], getattr(b, attr)[j], TIGHT)
    m, r = ours.named_steps["model"], ref.named_steps["model"]
    close(m.coef_, r.coef_, MODEL)
    close(m.intercept_, r.intercept_, MODEL)
    np.testing.assert_array_equal(m.classes_, r.classes_)
    np.testing.assert_array_equal(ours.classes_, ref.classes_)
    np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), rtol=0, atol=MODEL)
    pred = ours.predict(Xte)
    np.testing.assert_array_equal(pred, ref.predict(Xte))
    assert pred.dtype == object and isinstance(pred[0], str)
    assert ours.score(Xte, yte) == ref.score(Xte, yte)
    np.testing.assert_array_equal(ours.feature_names_in_, ref.feature_names_in_)
    np.testing.assert_array_equal(ours[:-1].fit(Xtr).get_feature_names_out(),
                                  ref[:-1].get_feature_names_out())


@pytest.mark.parametrize("C", [0.01, 1.0, 100.0])
def test_breast_cancer_logistic_parity(breast_cancer, C):
    X, y = breast_cancer
    ours = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(C=C))]).fit(X, y)
    ref = sk_pipeline.make_pipeline(sk_pre.StandardScaler(), sk_logreg(C=C)).fit(X, y)
    m, r = ours.named_steps["model"], ref[-1]
    assert m.coef_.shape == r.coef_.shape == (1, X.shape[1])
    close(m.coef_, r.coef_, MODEL)
    close(m.intercept_, r.intercept_, MODEL)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=0, atol=MODEL)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X), rtol=0,
                               atol=MODEL * max(1.0, np.abs(ref.decision_function(X)).max()))
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    assert ours.predict(X).dtype == np.int64
    assert m.n_iter_.shape == (1,) and m.n_iter_[0] >= 1


def test_wine_multinomial_parity(wine):
    X, y = wine
    ours = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(X, y)
    ref = sk_pipeline.make_pipeline(sk_pre.StandardScaler(), sk_logreg()).fit(X, y)
    m, r = ours.named_steps["model"], ref[-1]
    assert m.coef_.shape == r.coef_.shape == (3, X.shape[1])
    assert m.intercept_.shape == r.intercept_.shape == (3,)
    close(m.coef_, r.coef_, MODEL)
    close(m.intercept_, r.intercept_, MODEL)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=0, atol=MODEL)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_logistic_no_penalty_and_class_weight(breast_cancer):
    X, y = breast_cancer
    Xs = sk_pre.StandardScaler().fit_transform(X)[:, :5]
    for kw in ({"C": np.inf}, {"class_weight": "balanced"}, {"class_weight": {0: 2.0, 1: 0.5}},
               {"fit_intercept": False}):
        ours = LogisticRegression(**kw).fit(Xs, y)
        ref = sk_logreg(**kw).fit(Xs, y)
        close(ours.coef_, ref.coef_, MODEL)
        close(ours.intercept_, ref.intercept_, MODEL)
        np.testing.assert_array_equal(ours.predict(Xs), ref.predict(Xs))


@pytest.mark.parametrize("classes,kw,weighted", [
    (2, {}, True),
    (2, {"C": np.inf, "fit_intercept": False}, False),
    (3, {"class_weight": {2: 2.5}}, True),
    (3, {"C": np.inf}, False),
    (3, {"C": 0.1, "fit_intercept": False}, False),
])
def test_large_logistic_parity(classes, kw, weighted):
    """Enough rows (30000 x 4) for the core's subsample warm start: still the same optimum."""
    rng = np.random.RandomState(3)
    n = 30000
    X = rng.normal(size=(n, 4)) * [1.0, 2.0, 0.5, 3.0] + [0.0, 1.0, -2.0, 4.0]
    scores = X @ rng.normal(size=(4, classes)) + rng.gumbel(size=(n, classes))
    y = scores.argmax(axis=1) if classes > 2 else (scores[:, 0] > scores[:, 1]).astype(int)
    w = rng.uniform(0.0, 3.0, size=n) if weighted else None
    ours = LogisticRegression(**kw).fit(X, y, sample_weight=w)
    ref = sk_logreg(**kw).fit(X, y, sample_weight=w)
    close(ours.coef_, ref.coef_, MODEL)
    close(ours.intercept_ - ours.intercept_.mean() if classes > 2 else ours.intercept_,
          ref.intercept_ - ref.intercept_.mean() if classes > 2 else ref.intercept_, MODEL)
    np.testing.assert_allclose(ours.predict_proba(X[:500]), ref.predict_proba(X[:500]),
                               rtol=0, atol=MODEL)


@pytest.mark.parametrize("kw", [{}, {"class_weight": "balanced"}])
def test_imbalanced_logistic_parity(kw):
    """0.85% positives: Newton's early steps cut the gradient slowly there, which must not pass
    for the rounding floor (the solver once stopped there, coefficients 20-50% off)."""
    rng = np.random.RandomState(2)
    X = rng.normal(size=(10000, 8))
    y = (X[:, 0] > 2.5).astype(int)
    ours = LogisticRegression(**kw).fit(X, y)
    ref = sk_logreg(**kw).fit(X, y)
    close(ours.coef_, ref.coef_, MODEL)
    close(ours.intercept_, ref.intercept_, MODEL)


def test_sample_weight_parity(breast_cancer):
    X, y = breast_cancer
    w = np.random.RandomState(0).uniform(0.1, 3.0, size=len(y))
    Xs = sk_pre.StandardScaler().fit_transform(X)
    ours = LogisticRegression().fit(Xs, y, sample_weight=w)
    ref = sk_logreg().fit(Xs, y, sample_weight=w)
    close(ours.coef_, ref.coef_, MODEL)


@pytest.mark.parametrize("make", [lambda: (LinearRegression(), sk_lm.LinearRegression()),
                                  lambda: (Ridge(alpha=3.0), sk_lm.Ridge(alpha=3.0)),
                                  lambda: (LinearRegression(fit_intercept=False),
                                           sk_lm.LinearRegression(fit_intercept=False))])
def test_regressors_parity(pima, make):
    Xtr, _, Xte, _ = pima
    ytr = Xtr["mass"].to_numpy()
    Xtr2, Xte2 = Xtr.drop(columns="mass"), Xte.drop(columns="mass")
    ours, ref = make()
    ours.fit(Xtr2, ytr)
    ref.fit(Xtr2, ytr)
    assert ours.coef_.shape == ref.coef_.shape
    close(ours.coef_, ref.coef_, MODEL)
    close(ours.intercept_, ref.intercept_, MODEL)
    np.testing.assert_allclose(ours.predict(Xte2), ref.predict(Xte2), rtol=1e-6)
    assert isinstance(ours.intercept_, float)
    np.testing.assert_array_equal(ours.feature_names_in_, ref.feature_names_in_)


def test_standard_scaler_weighted_parity(breast_cancer):
    X, _ = breast_cancer
    w = np.random.RandomState(1).uniform(0.0, 2.0, size=len(X))
    ours = StandardScaler().fit(X, sample_weight=w)
    ref = sk_pre.StandardScaler().fit(X, sample_weight=w)
    for attr in ("mean_", "var_", "scale_"):
        for j in range(X.shape[1]):
            close(getattr(ours, attr)[j], getattr(ref, attr)[j], TIGHT)
    np.testing.assert_allclose(ours.n_samples_seen_, ref.n_samples_seen_, rtol=1e-12)
