"""MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer and Binarizer beyond parity: clear errors
for bad parameters and refused missing values, save/load and pickling to the bit, and their
place in a ferry Pipeline."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

import ferry
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import (
    Binarizer, MaxAbsScaler, MinMaxScaler, Normalizer, RobustScaler, SimpleImputer)

ALL = [MinMaxScaler(feature_range=(-1, 2), clip=True), MaxAbsScaler(clip=True),
       RobustScaler(quantile_range=(10.0, 90.0), unit_variance=True), Normalizer(norm="l1"),
       Binarizer(threshold=12.5)]


def bits(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).view(np.uint64)


@pytest.mark.parametrize("est, message", [
    (MinMaxScaler(feature_range=[0, 1]), "The 'feature_range' parameter of MinMaxScaler must be "
                                         "an instance of 'tuple'"),
    (MinMaxScaler(feature_range=(1, 0)), r"MinMaxScaler: feature_range expected \(min, max\) of "
                                         r"finite numbers with min < max, found \(1, 0\)"),
    (MinMaxScaler(feature_range=(0, np.inf)), "feature_range expected"),
    (MinMaxScaler(feature_range=(0, 1, 2)), "feature_range expected a tuple of two numbers"),
    (MinMaxScaler(clip="yes"), "The 'clip' parameter of MinMaxScaler must be an instance of 'bool'"),
    (MaxAbsScaler(clip=1), "The 'clip' parameter of MaxAbsScaler"),
    (RobustScaler(quantile_range=(80.0, 20.0)), r"quantile_range expected \(q_min, q_max\) with "
                                                r"0 <= q_min <= q_max <= 100, found \(80, 20\)"),
    (RobustScaler(quantile_range=(-1.0, 50.0)), "quantile_range expected"),
    (RobustScaler(quantile_range=("a", "b")), "quantile_range expected a tuple of two numbers"),
    (RobustScaler(unit_variance=True, quantile_range=(0.0, 75.0)),
     "unit_variance=True expected quantile_range with 0 < q_min < q_max < 100"),
    (RobustScaler(unit_variance=True, quantile_range=(50.0, 50.0)), "unit_variance=True"),
    (Normalizer(norm="l3"), r"The 'norm' parameter of Normalizer must be a str among "
                            r"\{'l1', 'l2', 'max'\}. Got 'l3' instead."),
    (Binarizer(threshold="1"), "The 'threshold' parameter of Binarizer must be an instance of "
                               "'numbers.Real'"),
    (Binarizer(threshold=np.nan), "Binarizer: threshold expected a finite number, found nan"),
    (Binarizer(threshold=np.inf), "Binarizer: threshold expected a finite number, found inf"),
])
def test_bad_parameters(est, message):
    with pytest.raises(ferry.ParameterError, match=message):
        est.fit(np.eye(3))
    assert issubclass(ferry.ParameterError, ValueError)


@pytest.mark.parametrize("cls", [Normalizer, Binarizer])
def test_missing_values_refused(cls):
    X = np.array([[1.0, 2.0], [np.nan, 3.0], [4.0, 5.0]])
    with pytest.raises(ferry.SchemaError, match=r"column 'x0' has a missing value \(NaN\) at row 1, "
                                                r"but step .* cannot take missing values .* add a "
                                                r"SimpleImputer"):
        cls().fit(X)
    fitted = cls().fit(np.nan_to_num(X))
    with pytest.raises(ferry.SchemaError, match="x0.*missing"):
        fitted.transform(X)
    # An imputer first makes the column nullable again: the imputer takes the missing values.
    pipe = ferry.Pipeline([("impute", SimpleImputer()), ("step", cls())]).fit(X)
    assert np.isfinite(pipe.transform(X)).all()


@pytest.mark.parametrize("cls", [MinMaxScaler, MaxAbsScaler, RobustScaler])
def test_nan_kept_and_all_missing_columns(cls):
    X = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, 5.0], [7.0, np.nan, 5.0]])
    est = cls().fit(X)
    out = est.transform(X)
    assert np.isnan(out[1, 0]) and np.isnan(out[:, 1]).all() and np.isfinite(out[:, 2]).all()
    # An all-missing column's NaN reaching a model is refused at fit, naming the model.
    X[1, 0] = 2.0
    with pytest.raises(ferry.SchemaError, match=r"column 'x1' has a missing value \(NaN\) at row "
                                                r"0, but step 'model' \(LogisticRegression\)"):
        ferry.Pipeline([("scale", cls()), ("model", LogisticRegression())]).fit(X, [0, 1, 1])


@pytest.mark.parametrize("est", ALL, ids=lambda e: type(e).__name__)
def test_save_load_and_pickle_to_the_bit(tmp_path, breast_cancer, est):
    X, _ = breast_cancer
    est.fit(X)
    path = tmp_path / "step.ferry"
    ferry.Pipeline([("step", type(est)(**est.get_params()))]).fit(X).save(str(path))
    loaded = ferry.load(str(path))
    np.testing.assert_array_equal(bits(loaded.transform(X)), bits(est.transform(X)))
    step = loaded.named_steps["step"]
    assert type(step) is type(est)
    assert step.get_params() == est.get_params()
    for attr in ("min_", "scale_", "data_min_", "data_max_", "data_range_", "max_abs_", "center_",
                 "n_samples_seen_", "n_features_in_"):
        if hasattr(est, attr):
            np.testing.assert_array_equal(getattr(step, attr), getattr(est, attr))
    other = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(bits(other.transform(X[:7])), bits(est.transform(X[:7])))
    one = other.transform({f"x{j}": float(X[3, j]) for j in range(X.shape[1])})
    np.testing.assert_array_equal(bits(one), bits(est.transform(X[3:4])[0]))


def test_fitted_attributes_of_switched_off_parts():
    X = np.arange(12.0).reshape(4, 3)
    assert RobustScaler(with_centering=False).fit(X).center_ is None
    assert RobustScaler(with_scaling=False).fit(X).scale_ is None
    assert MinMaxScaler().fit(X).n_samples_seen_ == 4


def test_pipeline_of_scalers_names_and_steps(pima):
    Xtr, ytr, Xte, _ = pima
    pipe = ferry.Pipeline([("minmax", MinMaxScaler(clip=True)), ("robust", RobustScaler()),
                           ("maxabs", MaxAbsScaler()), ("norm", Normalizer()),
                           ("model", LogisticRegression())]).fit(Xtr, ytr)
    np.testing.assert_array_equal(pipe[:-1].fit(Xtr).get_feature_names_out(), list(Xtr.columns))
    np.testing.assert_array_equal(pipe.named_steps["robust"].get_feature_names_out(),
                                  list(Xtr.columns))
    assert pipe.named_steps["minmax"].data_max_.shape == (7,)
    assert pipe.score(Xte, pima[3]) > 0.6
    # the Normalizer refuses missing values, so the whole schema is non-nullable
    assert not any(nullable for _, _, nullable in pipe._native.input_schema)
