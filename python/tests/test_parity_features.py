"""Parity of PolynomialFeatures, PCA and KBinsDiscretizer with scikit-learn 1.9.1 on real data
(Pima, breast_cancer, wine; train on the first part, transform the rest).

PolynomialFeatures: the same bits (ferry multiplies in scikit-learn's order), powers_ and names.

KBinsDiscretizer: bin_edges_ to the bit and identical outputs, for every strategy and all nine
numpy quantile methods. "kmeans" is compared with scikit-learn run single-threaded
(threadpoolctl): its Lloyd iterations sum per thread, so its last bits depend on the thread
count, and ferry's sums are the single-threaded ones. The k-means cases are the bin counts whose
runs never relocate an empty cluster to one of several equally far points (bc with 6 bins
relocates 8 times, without ties): among tied points scikit-learn picks with numpy's
argpartition, whose order among ties depends on the CPU's instruction set (AVX-512 or not), so
no library can match it everywhere; ferry takes the first of them.

PCA: fitted attributes and transforms agree to 1e-12 (relative to the largest value) where the
spectrum determines them well: mean_, explained_variance_, explained_variance_ratio_,
singular_values_, noise_variance_, and the components of the "full" solver (SVD) to 1e-10. The
"covariance_eigh" solver (scikit-learn's "auto" choice for tall data) squares the condition
number: on raw (unscaled) breast_cancer and wine, whose variances span 10 orders of magnitude,
the components of the smallest eigenvalues are determined only to about 1e-8 by any eigensolver
(scikit-learn's own "full" and "covariance_eigh" differ by 5e-9 there), so those are held to
1e-7 and the others to 1e-9; on standardized data everything agrees to 1e-10.
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn import decomposition as sk_dec  # noqa: E402
from sklearn import preprocessing as sk_pre  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

import ferry  # noqa: E402
from ferry.decomposition import PCA  # noqa: E402
from ferry.preprocessing import KBinsDiscretizer, PolynomialFeatures, StandardScaler  # noqa: E402

QUANTILE_METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
                    "interpolated_inverted_cdf", "hazen", "weibull", "linear",
                    "median_unbiased", "normal_unbiased"]


@pytest.fixture(scope="module")
def data(pima, breast_cancer, wine):
    """(name, train, test): Pima as DataFrames (named columns), the others as arrays."""
    Xtr, _, Xte, _ = pima
    bc, _ = breast_cancer
    wi, _ = wine
    return [("pima", Xtr, Xte), ("breast_cancer", bc[:400], bc[400:]),
            ("wine", wi[:120], wi[120:])]


def same_bits(got, want, what):
    got = np.ascontiguousarray(got, dtype=np.float64)
    want = np.ascontiguousarray(want, dtype=np.float64)
    assert got.shape == want.shape, what
    np.testing.assert_array_equal(got.view(np.uint64), want.view(np.uint64), err_msg=what)


# --- PolynomialFeatures ----------------------------------------------------------------------

POLY_PARAMS = [dict(), dict(degree=3), dict(degree=2, interaction_only=True),
               dict(degree=(2, 3), include_bias=False), dict(degree=(0, 1)),
               dict(degree=3, interaction_only=True, include_bias=False)]


@pytest.mark.parametrize("params", POLY_PARAMS, ids=str)
def test_polynomial_features_same_bits(data, params):
    for name, train, test in data:
        ours = PolynomialFeatures(**params).fit(train)
        ref = sk_pre.PolynomialFeatures(**params).fit(train)
        what = f"{name} {params}"
        assert ours.n_output_features_ == ref.n_output_features_, what
        np.testing.assert_array_equal(ours.powers_, ref.powers_, err_msg=what)
        assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out()), what
        same_bits(ours.transform(test), ref.transform(test), what)
        same_bits(ours.transform(train), ref.transform(train), what)
        names = [f"f{i}" for i in range(ours.n_features_in_)]
        if not hasattr(ours, "feature_names_in_"):
            assert list(ours.get_feature_names_out(names)) == list(
                ref.get_feature_names_out(names)), what


def test_polynomial_features_in_a_pipeline_and_saved(data, tmp_path):
    name, train, test = data[0]
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("poly", PolynomialFeatures(degree=2))])
    pipe.fit(train)
    ref = sk_pre.PolynomialFeatures(degree=2).fit_transform(
        sk_pre.StandardScaler().fit(train).transform(test))
    np.testing.assert_allclose(pipe.transform(test), ref, rtol=1e-12, atol=1e-12)
    path = tmp_path / "poly.ferry"
    pipe.save(str(path))
    same_bits(ferry.load(str(path)).transform(test), pipe.transform(test), "reloaded")
    assert list(pipe.get_feature_names_out()) == list(
        sk_pre.PolynomialFeatures(degree=2).fit(train).get_feature_names_out())


# --- KBinsDiscretizer ------------------------------------------------------------------------

def check_bins(ours, ref, train, test, what):
    assert len(ours.bin_edges_) == len(ref.bin_edges_), what
    for j, (a, b) in enumerate(zip(ours.bin_edges_, ref.bin_edges_)):
        same_bits(a, b, f"{what}: bin_edges_[{j}]")
    np.testing.assert_array_equal(ours.n_bins_, ref.n_bins_, err_msg=what)
    assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out()), what
    for X in (train, test):
        same_bits(ours.transform(X), ref.transform(X), what)


def sk_bins(**params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Bins whose width are too small ..."
        return sk_pre.KBinsDiscretizer(subsample=None, **params)


@pytest.mark.parametrize("encode", ["ordinal", "onehot-dense"])
@pytest.mark.parametrize("n_bins", [2, 5, 10, 20])
def test_kbins_uniform_and_quantile_same_bits(data, encode, n_bins):
    for name, train, test in data:
        for strategy, method in [("uniform", "averaged_inverted_cdf")] + [
                ("quantile", m) for m in QUANTILE_METHODS]:
            params = dict(n_bins=n_bins, encode=encode, strategy=strategy, quantile_method=method)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                ref = sk_bins(**params).fit(train)
            ours = KBinsDiscretizer(subsample=None, **params).fit(train)
            check_bins(ours, ref, train, test, f"{name} {params}")


KMEANS_CASES = [("pima", 2), ("pima", 3), ("pima", 5), ("pima", 6), ("breast_cancer", 2),
                ("breast_cancer", 3), ("breast_cancer", 6), ("wine", 2), ("wine", 3),
                ("wine", 5), ("wine", 6)]


@pytest.mark.parametrize("encode", ["ordinal", "onehot-dense"])
def test_kbins_kmeans_same_bits_as_single_threaded_sklearn(data, encode):
    sets = {name: (train, test) for name, train, test in data}
    for name, n_bins in KMEANS_CASES:
        train, test = sets[name]
        params = dict(n_bins=n_bins, encode=encode, strategy="kmeans")
        with threadpool_limits(limits=1), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = sk_bins(**params).fit(train)
        ours = KBinsDiscretizer(subsample=None, **params).fit(train)
        check_bins(ours, ref, train, test, f"{name} {params}")


def test_kbins_per_feature_bins_and_pipeline(data):
    name, train, test = data[2]
    n_bins = [2 + (j % 5) for j in range(train.shape[1])]
    ref = sk_bins(n_bins=n_bins, encode="onehot-dense").fit(train)
    ours = KBinsDiscretizer(n_bins=n_bins, encode="onehot-dense", subsample=None).fit(train)
    check_bins(ours, ref, train, test, "wine per-feature bins")
    pipe = ferry.Pipeline([("bins", KBinsDiscretizer(n_bins=n_bins, encode="onehot-dense",
                                                     subsample=None))]).fit(train)
    same_bits(pipe.transform(test), ref.transform(test), "in a pipeline")
    same_bits(ferry.loads(pipe.to_bytes()).transform(test), ref.transform(test), "reloaded")


# --- PCA -----------------------------------------------------------------------------------

def pca_inputs(data):
    """(label, train, test, standardized) for every data set, raw and standardized."""
    for name, train, test in data:
        train = np.asarray(train, dtype=np.float64)
        test = np.asarray(test, dtype=np.float64)
        scaler = sk_pre.StandardScaler().fit(train)
        yield f"{name} raw", train, test, False
        yield f"{name} standardized", scaler.transform(train), scaler.transform(test), True


@pytest.mark.parametrize("whiten", [False, True])
@pytest.mark.parametrize("solver", ["full", "covariance_eigh", "auto"])
@pytest.mark.parametrize("n_components", [None, 3, 0.95])
def test_pca_matches_sklearn(data, solver, whiten, n_components):
    for label, train, test, standardized in pca_inputs(data):
        what = f"{label} solver={solver} whiten={whiten} n_components={n_components}"
        ref = sk_dec.PCA(n_components=n_components, svd_solver=solver, whiten=whiten).fit(train)
        ours = PCA(n_components=n_components, svd_solver=solver, whiten=whiten).fit(train)
        assert ours.n_components_ == ref.n_components_, what
        assert ours.n_samples_ == ref.n_samples_, what
        ev = ref.explained_variance_
        np.testing.assert_allclose(ours.mean_, ref.mean_, rtol=0,
                                   atol=1e-12 * np.abs(train).max(), err_msg=what)
        np.testing.assert_allclose(ours.explained_variance_, ev, rtol=0, atol=1e-12 * ev[0],
                                   err_msg=what)
        np.testing.assert_allclose(ours.explained_variance_ratio_, ref.explained_variance_ratio_,
                                   rtol=0, atol=1e-12, err_msg=what)
        np.testing.assert_allclose(ours.singular_values_, ref.singular_values_, rtol=0,
                                   atol=1e-12 * ref.singular_values_[0], err_msg=what)
        assert abs(ours.noise_variance_ - ref.noise_variance_) <= 1e-12 * ev[0], what
        covariance = solver == "covariance_eigh" or (
            solver == "auto" and train.shape[0] >= 10 * train.shape[1])
        well = ev >= 1e-6 * ev[0]
        loose = covariance and not standardized
        comp_err = np.abs(ours.components_ - ref.components_).max(axis=1)
        assert comp_err[well].max() <= (1e-9 if loose else 1e-10), what
        assert comp_err.max() <= (1e-7 if loose else 1e-10), what
        # Transforms, column by column relative to the column's magnitude.
        got, want = ours.transform(test), ref.transform(test)
        err = np.abs(got - want).max(axis=0) / np.maximum(1.0, np.abs(want).max(axis=0))
        assert err[well].max() <= (1e-9 if loose else 1e-10), what
        assert err.max() <= (1e-7 if loose else 1e-10), what
        assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out()), what


def test_pca_signs_follow_svd_flip(data):
    """Each component's largest-magnitude loading is positive, as scikit-learn's v-based
    svd_flip makes it."""
    for label, train, _, _ in pca_inputs(data):
        for solver in ("full", "covariance_eigh"):
            comp = PCA(svd_solver=solver).fit(train).components_
            top = comp[np.arange(len(comp)), np.abs(comp).argmax(axis=1)]
            assert (top > 0).all(), f"{label} {solver}"


def test_pca_after_scaler_in_a_pipeline_saved_and_loaded(data, tmp_path):
    name, train, test = data[1]
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=0.9,
                                                                    whiten=True))]).fit(train)
    ref = sk_dec.PCA(n_components=0.9, whiten=True).fit(sk_pre.StandardScaler().fit_transform(train))
    want = ref.transform(sk_pre.StandardScaler().fit(train).transform(test))
    np.testing.assert_allclose(pipe.transform(test), want, rtol=0, atol=1e-10)
    path = tmp_path / "pca.ferry"
    pipe.save(str(path))
    same_bits(ferry.load(str(path)).transform(test), pipe.transform(test), "reloaded")
    assert list(pipe.get_feature_names_out()) == [f"pca{i}" for i in range(ref.n_components_)]
