"""Bad input gets the right exception and a useful message, never a crash."""
from __future__ import annotations

import numpy as np
import pytest

import ferry
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import SimpleImputer, StandardScaler

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def fitted(pima):
    Xtr, ytr, Xte, _ = pima
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())])
    return pipe.fit(Xtr, ytr), Xte


def test_missing_column(fitted):
    pipe, Xte = fitted
    with pytest.raises(ferry.SchemaError, match="missing column 'age'"):
        pipe.predict(Xte.drop(columns="age"))
    row = Xte.iloc[0].to_dict()
    del row["plas"]
    with pytest.raises(ferry.SchemaError, match="missing column 'plas'"):
        pipe.predict_proba(row)
    with pytest.raises(ferry.SchemaError, match="missing column 'plas'"):
        pipe.predict_proba([row, row])


def test_string_in_numeric_column(fitted):
    pipe, Xte = fitted
    bad = Xte.astype(object)
    bad.loc[3, "mass"] = "heavy"
    with pytest.raises(ferry.SchemaError, match="mass"):
        pipe.predict(bad)
    row = Xte.iloc[0].to_dict()
    row["mass"] = "heavy"
    with pytest.raises(ferry.SchemaError, match="mass.*string"):
        pipe.predict(row)
    with pytest.raises(ferry.SchemaError, match="mass"):
        pipe.predict([row])


def test_wrong_width(fitted):
    pipe, Xte = fitted
    with pytest.raises(ferry.SchemaError, match="X has 6 features, but Pipeline is expecting 7"):
        pipe.predict(Xte.to_numpy()[:, :6])
    with pytest.raises(ferry.SchemaError, match="2D"):
        pipe.predict(Xte.to_numpy()[0])


def test_nan_where_not_allowed(fitted):
    pipe, Xte = fitted
    X = Xte.to_numpy().copy()
    X[2, 4] = np.nan
    with pytest.raises(ferry.SchemaError, match="mass.*missing"):
        pipe.predict_proba(X)
    with pytest.raises(ferry.SchemaError, match="mass.*missing"):
        pipe.predict_proba(pd.DataFrame(X, columns=Xte.columns))
    row = Xte.iloc[0].to_dict()
    row["mass"] = None
    with pytest.raises(ferry.SchemaError, match="mass"):
        pipe.predict_proba(row)
    # At fit time too, with the hint to impute.
    with pytest.raises(ferry.SchemaError, match="SimpleImputer"):
        ferry.Pipeline([("model", LogisticRegression())]).fit(X, np.arange(len(X)) % 2)
    # With an imputer first, missing values are fine.
    ok = ferry.Pipeline([("impute", SimpleImputer()), ("model", LogisticRegression())])
    ok.fit(X, np.arange(len(X)) % 2)
    assert ok.predict_proba(X).shape == (len(X), 2)


def test_empty_batch(fitted):
    pipe, Xte = fitted
    with pytest.raises(ferry.SchemaError, match="0 sample"):
        pipe.predict(Xte.to_numpy()[:0])
    with pytest.raises(ferry.SchemaError, match="0 sample"):
        pipe.predict(Xte.iloc[:0])
    with pytest.raises(ferry.SchemaError, match="0 sample"):
        StandardScaler().fit(np.empty((0, 3)))


def test_corrupt_truncated_and_foreign_artifacts(fitted, tmp_path):
    pipe, _ = fitted
    data = pipe.to_bytes()
    with pytest.raises(ferry.ArtifactError):
        ferry.loads(data[: len(data) // 2])
    with pytest.raises(ferry.ArtifactError):
        ferry.loads(data[:10])
    with pytest.raises(ferry.ArtifactError):
        ferry.loads(b"")
    flipped = bytearray(data)
    flipped[len(flipped) - 5] ^= 0x40
    with pytest.raises(ferry.ArtifactError):
        ferry.loads(bytes(flipped))
    foreign = tmp_path / "model.pkl"
    foreign.write_bytes(b"\x80\x04\x95" + b"not a ferry file" * 10)
    with pytest.raises(ferry.ArtifactError, match="model.pkl"):
        ferry.load(foreign)
    with pytest.raises(ferry.ArtifactError):
        ferry.load(tmp_path / "does-not-exist.ferry")
    assert isinstance(ferry.ArtifactError("x"), ValueError)


def test_bad_parameters_and_labels():
    X = np.random.RandomState(0).randn(20, 3)
    with pytest.raises(ferry.ParameterError, match="C"):
        LogisticRegression(C=-1.0).fit(X, np.arange(20) % 2)
    with pytest.raises(ferry.ParameterError, match="strategy"):
        SimpleImputer(strategy="mode").fit(X)
    with pytest.raises(ValueError, match="continuous"):
        LogisticRegression().fit(X, np.linspace(0, 1, 20))
    with pytest.raises(ferry.SchemaError, match="inconsistent"):
        LogisticRegression().fit(X, np.arange(19) % 2)
