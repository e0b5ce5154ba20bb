"""Input forms give the same bits; set_output; save/load; refused steps; the version check."""
from __future__ import annotations

import numpy as np
import pytest

import ferry
from ferry.linear_model import LogisticRegression, Ridge
from ferry.preprocessing import SimpleImputer, StandardScaler

pd = pytest.importorskip("pandas")


def _bits(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).view(np.uint64)


def _pipe():
    return ferry.Pipeline([("impute", SimpleImputer(missing_values=0)),
                           ("scale", StandardScaler()),
                           ("model", LogisticRegression())])


@pytest.fixture(scope="module")
def fitted(pima):
    Xtr, ytr, Xte, _ = pima
    return _pipe().fit(Xtr, ytr), Xte


def test_input_forms_same_bits(fitted):
    pipe, Xte = fitted
    want = pipe.predict_proba(Xte)
    arr = Xte.to_numpy()
    np.testing.assert_array_equal(_bits(pipe.predict_proba(np.ascontiguousarray(arr))), _bits(want))
    np.testing.assert_array_equal(_bits(pipe.predict_proba(np.asfortranarray(arr))), _bits(want))
    np.testing.assert_array_equal(_bits(pipe.predict_proba(arr.astype(np.float32).astype(np.float64))),
                                  _bits(pipe.predict_proba(arr.astype(np.float32))))
    rows = Xte.to_dict(orient="records")
    np.testing.assert_array_equal(_bits(pipe.predict_proba(rows)), _bits(want))
    for i in (0, 17, len(rows) - 1):
        np.testing.assert_array_equal(_bits(pipe.predict_proba(rows[i])), _bits(want[i]))
        assert pipe.predict(rows[i]) == pipe.predict(Xte)[i]
    # Columns in another order and extra columns: matched by name.
    shuffled = Xte[list(reversed(Xte.columns))].assign(extra="ignored")
    np.testing.assert_array_equal(_bits(pipe.predict_proba(shuffled)), _bits(want))
    # Integer columns are accepted where float64 was trained.
    as_int = Xte.assign(age=Xte["age"].astype(np.int64))
    np.testing.assert_array_equal(_bits(pipe.predict_proba(as_int)), _bits(want))


def test_numpy_after_dataframe_is_schema_order_without_warning(fitted):
    """The numeric fast path: an array in the schema's column order, no per-call warning."""
    import warnings

    pipe, Xte = fitted
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(pipe.predict(Xte.to_numpy()), pipe.predict(Xte))


def test_numpy_without_names_and_with_names(pima):
    Xtr, ytr, Xte, _ = pima
    a = _pipe().fit(Xtr.to_numpy(), ytr)
    b = _pipe().fit(Xtr, ytr)
    assert not hasattr(a, "feature_names_in_")
    assert list(b.feature_names_in_) == list(Xtr.columns)
    assert [n for n, _, _ in a.input_schema] == [f"x{i}" for i in range(Xtr.shape[1])]
    np.testing.assert_array_equal(_bits(a.predict_proba(Xte.to_numpy())),
                                  _bits(b.predict_proba(Xte)))
    np.testing.assert_array_equal(a.named_steps["model"].coef_, b.named_steps["model"].coef_)
    assert a.n_features_in_ == b.n_features_in_ == 7


def test_mixed_dtypes_dataframe():
    rng = np.random.RandomState(0)
    n = 200
    df = pd.DataFrame({"f": rng.randn(n), "i": rng.randint(0, 50, n).astype(np.int64),
                       "b": rng.rand(n) > 0.5})
    y = (df["f"] + 0.05 * df["i"] - df["b"] > 1).to_numpy()
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(df, y)
    assert pipe.input_schema == [("f", "float64", False), ("i", "int64", False),
                                 ("b", "bool", False)]
    pred = pipe.predict(df)
    assert pred.dtype == bool
    want = pipe.predict_proba(df)
    rows = df.to_dict(orient="records")
    np.testing.assert_array_equal(_bits(pipe.predict_proba(rows)), _bits(want))
    np.testing.assert_array_equal(_bits(pipe.predict_proba(
        {"f": float(df.f[3]), "i": int(df.i[3]), "b": bool(df.b[3])})), _bits(want[3]))
    np.testing.assert_array_equal(_bits(pipe.predict_proba(df.to_numpy(dtype=np.float64))),
                                  _bits(want))
    # Nullable pandas dtypes with masks, imputed.
    dfn = df.astype({"i": "Int64", "b": "boolean"})
    dfn.loc[5, "i"] = pd.NA
    imp = ferry.Pipeline([("impute", SimpleImputer()), ("model", LogisticRegression())]).fit(dfn, y)
    assert imp.input_schema[1][:2] == ("i", "int64") and imp.input_schema[2][:2] == ("b", "bool")
    assert imp.predict_proba(dfn).shape == (n, 2)


def test_string_labels_and_string_column_refused(pima):
    Xtr, ytr, _, _ = pima
    pipe = _pipe().fit(Xtr, ytr)
    assert list(pipe.classes_) == ["tested_negative", "tested_positive"]
    bad = Xtr.assign(sex="F")
    # The imputer reads strings, but not with the mean: the message names the column.
    with pytest.raises(ferry.ParameterError, match="cannot impute the string column 'sex'"):
        _pipe().fit(bad, ytr)


def test_set_output_pandas(pima):
    Xtr, ytr, Xte, _ = pima
    pipe = _pipe().fit(Xtr, ytr).set_output(transform="pandas")
    out = pipe.transform(Xte)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == list(Xtr.columns)
    assert out.index.equals(Xte.index)
    np.testing.assert_array_equal(_bits(out.to_numpy()),
                                  _bits(_pipe().fit(Xtr, ytr).transform(Xte)))
    scaler = StandardScaler().set_output(transform="pandas").fit(Xtr)
    s_out = scaler.transform(Xte)
    assert isinstance(s_out, pd.DataFrame) and list(s_out.columns) == list(Xtr.columns)
    np.testing.assert_array_equal(scaler.get_feature_names_out(), np.asarray(Xtr.columns))


def test_steps_carry_fitted_attributes(pima):
    Xtr, ytr, _, _ = pima
    pipe = _pipe().fit(Xtr, ytr)
    assert pipe.named_steps["scale"].mean_.shape == (7,)
    assert pipe.named_steps["impute"].statistics_.shape == (7,)
    assert pipe.named_steps["model"].coef_.shape == (1, 7)
    assert list(pipe.named_steps["impute"].feature_names_in_) == list(Xtr.columns)
    with pytest.raises(ferry.FerryError, match="pipeline"):
        pipe.named_steps["scale"].transform(Xtr)


def test_save_load_round_trip(tmp_path, pima):
    Xtr, ytr, Xte, _ = pima
    pipe = _pipe().fit(Xtr, ytr)
    path = tmp_path / "pima.ferry"
    pipe.save(path, tags={"owner": "risk-team"})
    served = ferry.load(path)
    assert isinstance(served, ferry.Pipeline)
    assert served.metadata["tags"] == {"owner": "risk-team"}
    assert served.metadata["ferry_version"] == ferry.__version__
    np.testing.assert_array_equal(_bits(served.predict_proba(Xte)), _bits(pipe.predict_proba(Xte)))
    np.testing.assert_array_equal(served.predict(Xte), pipe.predict(Xte))
    assert [type(e).__name__ for _, e in served.steps] == ["SimpleImputer", "StandardScaler",
                                                            "LogisticRegression"]
    assert served.named_steps["impute"].missing_values == 0.0
    np.testing.assert_array_equal(served.named_steps["scale"].scale_, pipe.named_steps["scale"].scale_)
    np.testing.assert_array_equal(served.named_steps["model"].coef_, pipe.named_steps["model"].coef_)
    np.testing.assert_array_equal(served.feature_names_in_, pipe.feature_names_in_)
    again = ferry.loads(pipe.to_bytes())
    np.testing.assert_array_equal(_bits(again.predict_proba(Xte)), _bits(pipe.predict_proba(Xte)))
    # A loaded pipeline can be refitted with the same parameters.
    refit = again.fit(Xtr, ytr)
    np.testing.assert_array_equal(_bits(refit.predict_proba(Xte)), _bits(pipe.predict_proba(Xte)))


def test_regression_pipeline_predicts_float(pima):
    Xtr, _, Xte, _ = pima
    y = Xtr["mass"].to_numpy()
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", Ridge())]).fit(
        Xtr.drop(columns="mass"), y)
    pred = pipe.predict(Xte.drop(columns="mass"))
    assert pred.dtype == np.float64 and pred.shape == (len(Xte),)
    assert isinstance(pipe.predict(Xte.drop(columns="mass").iloc[0].to_dict()), float)


def test_non_ferry_steps_refused():
    sk = pytest.importorskip("sklearn.preprocessing")
    for bad in (sk.StandardScaler(), lambda X: X, "passthrough", None):
        pipe = ferry.Pipeline([("bad", bad), ("model", LogisticRegression())])
        with pytest.raises(ferry.ParameterError) as info:
            pipe.fit(np.eye(4), [0, 1, 0, 1])
        msg = str(info.value)
        for kind in ferry._ferry.STEP_KINDS:
            assert kind in msg


def test_unsupported_parameters_refused():
    X, y = np.eye(4), [0, 1, 0, 1]
    with pytest.raises(ferry.ParameterError, match="penalty"):
        LogisticRegression(penalty="l3").fit(X, y)
    with pytest.raises(ferry.ParameterError, match="model"):
        ferry.Pipeline([("model", LogisticRegression()), ("scale", StandardScaler())]).fit(X, y)


def test_version_and_errors():
    assert ferry.__version__ == ferry._ferry.__version__ == "0.1.0"
    assert issubclass(ferry.SchemaError, ValueError)
    assert issubclass(ferry.ArtifactError, ValueError)
    assert issubclass(ferry.ParameterError, ValueError)
    assert issubclass(ferry.SchemaError, ferry.FerryError)
    sk = pytest.importorskip("sklearn.exceptions")
    assert issubclass(ferry.NotFittedError, sk.NotFittedError)
    with pytest.raises(ferry.NotFittedError):
        _pipe().predict(np.eye(7))
    with pytest.raises(sk.NotFittedError):
        StandardScaler().transform(np.eye(3))


def test_version_mismatch_raises(monkeypatch):
    import importlib
    import sys

    import ferry._ferry as native

    monkeypatch.setattr(native, "__version__", "9.9.9")
    saved = {k: v for k, v in sys.modules.items() if k == "ferry" or k.startswith("ferry.")}
    try:
        for k in saved:
            if k not in ("ferry._ferry", "ferry._errors"):
                del sys.modules[k]
        with pytest.raises(ImportError, match=r"9\.9\.9.*0\.1\.0"):
            importlib.import_module("ferry")
    finally:
        sys.modules.update(saved)


def test_get_feature_names_out():
    X = np.array([[1.0, np.nan, 3.0], [2.0, np.nan, 5.0], [4.0, np.nan, 6.0]])
    imp = SimpleImputer().fit(X)
    np.testing.assert_array_equal(imp.get_feature_names_out(), ["x0", "x2"])
    np.testing.assert_array_equal(imp.get_feature_names_out(["a", "b", "c"]), ["a", "c"])
    with pytest.raises(ValueError, match="length"):
        imp.get_feature_names_out(["a"])
    pipe = ferry.Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]).fit(
        pd.DataFrame(X, columns=["a", "b", "c"]))
    np.testing.assert_array_equal(pipe.get_feature_names_out(), ["a", "c"])
    np.testing.assert_array_equal(pipe.named_steps["scale"].get_feature_names_out(), ["a", "c"])
    np.testing.assert_array_equal(pipe.named_steps["impute"].get_feature_names_out(), ["a", "c"])
    assert pipe.transform(pd.DataFrame(X, columns=["a", "b", "c"])).shape == (3, 2)
