"""PolynomialFeatures, PCA and KBinsDiscretizer beyond parity: clear errors for bad parameters,
refused missing values and refused scikit-learn features ferry does not have, save/load and
pickling to the bit, get_params round trips, names for given input features, and their place in
a ferry Pipeline."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

import ferry
from ferry.decomposition import PCA
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import KBinsDiscretizer, PolynomialFeatures, SimpleImputer

ALL = [PolynomialFeatures(degree=(1, 3), interaction_only=True),
       PCA(n_components=2, whiten=True, svd_solver="full"),
       PCA(n_components=0.8, svd_solver="covariance_eigh"),
       KBinsDiscretizer(n_bins=3, encode="onehot-dense", strategy="kmeans", subsample=None),
       KBinsDiscretizer(n_bins=[2, 3, 4], encode="ordinal", quantile_method="hazen")]


def bits(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).view(np.uint64)


def sample(n=40):
    rng = np.random.default_rng(3)
    return rng.normal(size=(n, 3)) * [1.0, 5.0, 0.5] + [0.0, 10.0, -2.0]


@pytest.mark.parametrize("est, message", [
    (PolynomialFeatures(degree=-1), "The 'degree' parameter of PolynomialFeatures must be an int"),
    (PolynomialFeatures(degree=(3, 2)), r"degree=\(min_degree, max_degree\) must be non-negative "
                                        r"integers that fulfil min_degree <= max_degree"),
    (PolynomialFeatures(degree=2.5), "degree=.* must be non-negative integers"),
    (PolynomialFeatures(degree=0, include_bias=False), "would give an empty output"),
    (PolynomialFeatures(order="F"), "order='F' is not supported"),
    (PolynomialFeatures(interaction_only=1), "The 'interaction_only' parameter"),
    (PCA(n_components="mle"), "n_components='mle' is not supported by ferry"),
    (PCA(n_components=0), "The 'n_components' parameter of PCA must be None, an int"),
    (PCA(n_components=1.5), "The 'n_components' parameter of PCA"),
    (PCA(svd_solver="randomized"), "svd_solver='randomized' is not supported: ferry's PCA solves "
                                   "exactly"),
    (PCA(svd_solver="arpack"), "svd_solver='arpack' is not supported"),
    (PCA(svd_solver="lapack"), "The 'svd_solver' parameter of PCA"),
    (PCA(whiten="no"), "The 'whiten' parameter of PCA"),
    (KBinsDiscretizer(), "encode='onehot' asks for a sparse matrix, which ferry does not produce: "
                         "use encode='onehot-dense'"),
    (KBinsDiscretizer(n_bins=1, encode="ordinal"), "The 'n_bins' parameter of KBinsDiscretizer"),
    (KBinsDiscretizer(n_bins=[2, 1, 3], encode="ordinal"), "invalid number of bins at indices 1"),
    (KBinsDiscretizer(encode="sparse"), "The 'encode' parameter of KBinsDiscretizer"),
    (KBinsDiscretizer(encode="ordinal", strategy="best"), "The 'strategy' parameter"),
    (KBinsDiscretizer(encode="ordinal", quantile_method="lower"), "The 'quantile_method' parameter"),
    (KBinsDiscretizer(encode="ordinal", dtype=np.float32), "dtype expected None or np.float64"),
    (KBinsDiscretizer(encode="ordinal", subsample=0), "The 'subsample' parameter"),
])
def test_bad_parameters(est, message):
    with pytest.raises(ferry.ParameterError, match=message):
        est.fit(sample())


@pytest.mark.parametrize("est, message", [
    (PCA(n_components=4), r"PCA: n_components=4 must be between 0 and "
                          r"min\(n_samples, n_features\)=3 with svd_solver='covariance_eigh'"),
    (PCA(n_components=4, svd_solver="full"), r"min\(n_samples, n_features\)=3 with "
                                             r"svd_solver='full'"),
    (KBinsDiscretizer(encode="ordinal", subsample=10),
     "40 rows exceed subsample=10; scikit-learn would bin a random subsample of them, ferry bins "
     "every row: set subsample=None"),
    (KBinsDiscretizer(n_bins=[2, 3], encode="ordinal"),
     r"n_bins must be a scalar or array of shape \(n_features,\)"),
])
def test_bad_parameters_for_the_data(est, message):
    with pytest.raises(ferry.SchemaError, match=message):
        est.fit(sample())


@pytest.mark.parametrize("est", [PolynomialFeatures(), PCA(), KBinsDiscretizer(encode="ordinal")])
def test_missing_values_refused(est):
    X = sample()
    X[5, 1] = np.nan
    with pytest.raises(ferry.SchemaError, match=r"column 'x1' has a missing value \(NaN\) at row "
                                                r"5, but step .* cannot take missing values"):
        est.fit(X)


def test_kbins_sample_weights_refused():
    X = sample()
    with pytest.raises(ferry.SchemaError, match="KBinsDiscretizer: sample weights are not "
                                                "supported, found weight 2 at row 0"):
        KBinsDiscretizer(encode="ordinal").fit(X, sample_weight=np.r_[2.0, np.ones(39)])
    KBinsDiscretizer(encode="ordinal").fit(X, sample_weight=np.ones(40))


@pytest.mark.parametrize("est", ALL, ids=lambda e: type(e).__name__)
def test_save_load_pickle_and_params(est, tmp_path):
    X = sample()
    est.fit(X)
    out = est.transform(X)
    again = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(bits(again.transform(X)), bits(out))
    pipe = ferry.Pipeline([("step", est)]).fit(X)
    path = tmp_path / "step.ferry"
    pipe.save(str(path))
    loaded = ferry.load(str(path))
    np.testing.assert_array_equal(bits(loaded.transform(X)), bits(out))
    step = loaded.named_steps["step"]
    for name, value in est.get_params().items():
        if name in ("n_bins",):
            np.testing.assert_array_equal(np.asarray(step.get_params()[name]), np.asarray(value))
        elif name not in ("random_state", "dtype"):
            assert step.get_params()[name] == value, name
    assert list(loaded.get_feature_names_out()) == list(est.get_feature_names_out())


def test_feature_names_for_given_input_features():
    X = sample()
    poly = PolynomialFeatures(degree=2).fit(X)
    assert list(poly.get_feature_names_out(["a", "b", "c"]))[:6] == [
        "1", "a", "b", "c", "a^2", "a b"]
    bins = KBinsDiscretizer(n_bins=2, encode="onehot-dense").fit(X)
    assert list(bins.get_feature_names_out(["a", "b", "c"])) == [
        "a_0.0", "a_1.0", "b_0.0", "b_1.0", "c_0.0", "c_1.0"]
    assert list(PCA(2).fit(X).get_feature_names_out(["a", "b", "c"])) == ["pca0", "pca1"]
    with pytest.raises(ValueError, match="input_features should have length equal"):
        poly.get_feature_names_out(["a"])


def test_the_three_kinds_before_a_model_in_a_pipeline():
    X = sample(120)
    X[::7, 0] = np.nan
    y = np.where(np.nan_to_num(X[:, 0]) * X[:, 2] > -1.0, "yes", "no")
    pipe = ferry.Pipeline([("impute", SimpleImputer()), ("poly", PolynomialFeatures()),
                           ("pca", PCA(n_components=4)),
                           ("bins", KBinsDiscretizer(n_bins=3, encode="onehot-dense")),
                           ("model", LogisticRegression())]).fit(X, y)
    assert pipe.named_steps["poly"].n_output_features_ == 10
    assert pipe.named_steps["pca"].components_.shape == (4, 10)
    assert pipe.named_steps["bins"].n_bins_.tolist() == [3, 3, 3, 3]
    proba = pipe.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(bits(ferry.loads(pipe.to_bytes()).predict_proba(X)),
                                  bits(proba))
