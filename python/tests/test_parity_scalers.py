"""Parity of MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer and Binarizer with scikit-learn
1.9.1 on real data (Pima, breast_cancer, wine): fitted attributes and transforms agree to 1e-12
(relative to each value's magnitude), NaN where scikit-learn has NaN. Where ferry follows
scikit-learn's arithmetic operation for operation they agree to the bit, and that is asserted
too; the exceptions are Normalizer(norm="l2") (numpy's einsum sums in an order that depends on the
CPU's vector width) and RobustScaler(unit_variance=True) (ferry's normal quantile is within a few
ulps of scipy's). Pima is used with its zeros as NaN too (real missing values), plus a constant
and an all-missing column."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn import preprocessing as sk_pre  # noqa: E402

from ferry.preprocessing import (  # noqa: E402
    Binarizer, MaxAbsScaler, MinMaxScaler, Normalizer, RobustScaler)

TIGHT = 1e-12
# Pima columns where 0 means "not measured" (see README): NaN in the missing-value variant.
PIMA_ZERO_IS_MISSING = ["plas", "pres", "skin", "insu", "mass"]


def close(got, want, what, exact=False):
    """Equal NaN positions; elsewhere |got - want| <= 1e-12 * max(1, |want|), or the same bits."""
    got = np.ascontiguousarray(got, dtype=np.float64)
    want = np.ascontiguousarray(want, dtype=np.float64)
    assert got.shape == want.shape, what
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want), err_msg=what)
    ok = ~np.isnan(want)
    np.testing.assert_allclose(got[ok], want[ok], rtol=TIGHT, atol=TIGHT, err_msg=what)
    if exact:
        np.testing.assert_array_equal(got.view(np.uint64)[ok], want.view(np.uint64)[ok],
                                      err_msg=f"{what}: not the same bits")


def sk_fit(est, X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy's "All-NaN slice encountered"
        return est.fit(X)


def datasets(pima, breast_cancer, wine):
    """(name, train, test) with DataFrames for Pima (named columns) and arrays for the others."""
    Xtr, _, Xte, _ = pima
    miss_tr, miss_te = Xtr.copy(), Xte.copy()
    for X in (miss_tr, miss_te):
        X[PIMA_ZERO_IS_MISSING] = X[PIMA_ZERO_IS_MISSING].replace(0.0, np.nan)
        X["constant"] = 7.5
        X["nothing"] = np.nan
    bc, _ = breast_cancer
    wi, _ = wine
    return [("pima", Xtr, Xte), ("pima_missing", miss_tr, miss_te),
            ("pima_all_rows", np.vstack([Xtr.to_numpy(), Xte.to_numpy()]), Xte.to_numpy()),
            ("breast_cancer", bc[:400], bc[400:]), ("wine", wi[:120], wi[120:])]


@pytest.fixture(scope="module")
def data(pima, breast_cancer, wine):
    return datasets(pima, breast_cancer, wine)


def like(train, values):
    """values (2-D) as the same kind of input as train: a DataFrame with its columns, or numpy."""
    values = np.asarray(values, dtype=np.float64)
    if hasattr(train, "columns"):
        return type(train)(values, columns=train.columns)
    return values


def check_transformer(ours, ref, attrs, train, test, name, exact=True):
    for attr in attrs:
        want = getattr(ref, attr)
        if want is None:
            assert getattr(ours, attr) is None, f"{name}: {attr}"
        else:
            close(getattr(ours, attr), want, f"{name}: {attr}", exact)
    assert ours.n_features_in_ == ref.n_features_in_
    if hasattr(ref, "feature_names_in_"):
        np.testing.assert_array_equal(ours.feature_names_in_, ref.feature_names_in_)
    np.testing.assert_array_equal(ours.get_feature_names_out(), ref.get_feature_names_out())
    # held-out values beyond the training range too (clip engages, scale goes past the range)
    far = like(train, -4.0 * np.asarray(test, dtype=np.float64))
    for X in (train, test, far):
        close(ours.transform(X), ref.transform(X), f"{name}: transform", exact)


@pytest.mark.parametrize("kw", [{}, {"feature_range": (-1.0, 2.5)}, {"clip": True},
                                {"feature_range": (-3, -1), "clip": True}])
def test_min_max_scaler_parity(data, kw):
    for name, train, test in data:
        ours = MinMaxScaler(**kw).fit(train)
        ref = sk_fit(sk_pre.MinMaxScaler(**kw), train)
        check_transformer(ours, ref, ["min_", "scale_", "data_min_", "data_max_", "data_range_"],
                          train, test, name)
        assert ours.n_samples_seen_ == ref.n_samples_seen_
        assert isinstance(ours.n_samples_seen_, int)


@pytest.mark.parametrize("kw", [{}, {"clip": True}])
def test_max_abs_scaler_parity(data, kw):
    for name, train, test in data:
        ours = MaxAbsScaler(**kw).fit(train)
        ref = sk_fit(sk_pre.MaxAbsScaler(**kw), train)
        check_transformer(ours, ref, ["max_abs_", "scale_"], train, test, name)
        assert ours.n_samples_seen_ == ref.n_samples_seen_


@pytest.mark.parametrize("kw", [{}, {"with_centering": False}, {"with_scaling": False},
                                {"with_centering": False, "with_scaling": False},
                                {"quantile_range": (10.0, 90.0)}, {"quantile_range": (0.0, 100.0)},
                                {"quantile_range": (33.3, 33.3)}, {"quantile_range": (1, 99)},
                                {"unit_variance": True},
                                {"unit_variance": True, "quantile_range": (5.0, 95.0)},
                                {"unit_variance": True, "quantile_range": (0.1, 62.5)}])
def test_robust_scaler_parity(data, kw):
    for name, train, test in data:
        ours = RobustScaler(**kw).fit(train)
        ref = sk_fit(sk_pre.RobustScaler(**kw), train)
        check_transformer(ours, ref, ["center_", "scale_"], train, test, name,
                          exact=not kw.get("unit_variance", False))


@pytest.mark.parametrize("norm", ["l1", "l2", "max"])
def test_normalizer_parity(data, norm):
    for name, train, test in data:
        if name == "pima_missing":
            continue  # scikit-learn's Normalizer refuses NaN, as ferry's does (test_scalers.py)
        ours = Normalizer(norm=norm).fit(train)
        ref = sk_pre.Normalizer(norm=norm).fit(train)
        check_transformer(ours, ref, [], train, test, name, exact=norm != "l2")
        # rows of zeros and of values below 10 machine epsilons are left as they are
        edge = np.zeros((3, np.shape(train)[1]))
        edge[1, 0] = 1e-16
        edge[2, -1] = -2.5
        edge = like(train, edge)
        close(ours.transform(edge), ref.transform(edge), f"{name}: zero rows", norm != "l2")


@pytest.mark.parametrize("threshold", [0.0, 0.5, 30.0, -1.0, 1e300])
def test_binarizer_parity(data, threshold):
    for name, train, test in data:
        if name == "pima_missing":
            continue  # scikit-learn's Binarizer refuses NaN, as ferry's does (test_scalers.py)
        ours = Binarizer(threshold=threshold).fit(train)
        ref = sk_pre.Binarizer(threshold=threshold).fit(train)
        for X in (train, test):
            np.testing.assert_array_equal(ours.transform(X), ref.transform(X))
        np.testing.assert_array_equal(ours.get_feature_names_out(), ref.get_feature_names_out())
