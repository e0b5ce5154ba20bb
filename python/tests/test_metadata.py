"""Models that describe themselves: column summaries, metrics, parameters, the model id, and
verify rows recomputed on load."""
from __future__ import annotations

import numpy as np
import pytest

import ferry
from ferry.compose import ColumnTransformer
from ferry.impute import SimpleImputer
from ferry.linear_model import LogisticRegression, Ridge
from ferry.preprocessing import OneHotEncoder, StandardScaler


@pytest.fixture(scope="module")
def pima_pipe(pima):
    X, y, X_test, _ = pima
    pipe = ferry.Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(C=0.5))])
    return pipe.fit(X, y), X, X_test


def test_column_summaries_match_the_training_data(pima_pipe):
    pipe, X, _ = pima_pipe
    summaries = pipe.metadata["training"]["column_summaries"]
    assert [s["name"] for s in summaries] == list(X.columns)
    for s in summaries:
        col = X[s["name"]].to_numpy()
        assert s["count"] == len(col) and s["missing"] == 0
        assert s["min"] == col.min() and s["max"] == col.max()
        assert s["mean"] == pytest.approx(col.mean(), rel=1e-14)
        assert s["categories"] == {} and s["other"] == 0


def test_string_columns_count_their_categories(credit_g):
    X, y, cats, nums = credit_g
    pipe = ferry.Pipeline([
        ("prep", ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), cats),
                                    ("num", StandardScaler(), nums)])),
        ("model", LogisticRegression()),
    ]).fit(X, y)
    by_name = {s["name"]: s for s in pipe.metadata["training"]["column_summaries"]}
    for c in cats:
        counts = X[c].value_counts()
        assert by_name[c]["categories"] == {str(k): int(v) for k, v in counts.items()}
        assert np.isnan(by_name[c]["mean"])


def test_metrics_params_and_verify_rows_round_trip(pima_pipe, tmp_path):
    pipe, X, X_test = pima_pipe
    path = tmp_path / "pima.ferry"
    pipe.save(path, tags={"owner": "me"}, metrics={"accuracy": 0.78, "n": 3},
              verify_rows=X_test[:5])
    loaded = ferry.load(path)
    meta = loaded.metadata
    assert meta["metrics"] == {"accuracy": 0.78, "n": 3.0}
    assert meta["tags"]["owner"] == "me"
    assert meta["params"]["model"]["C"] == 0.5
    assert meta["params"]["scale"] == StandardScaler().get_params()
    assert meta["verify_rows"] == 5
    assert meta["model_id"] == loaded.model_id == pipe.model_id
    assert len(pipe.model_id) == 32
    loaded.verify()
    np.testing.assert_array_equal(loaded.predict_proba(X_test), pipe.predict_proba(X_test))


@pytest.mark.parametrize("kind", ["numpy", "dict", "records", "frame"])
def test_verify_rows_take_every_input_form(pima_pipe, kind):
    pipe, X, X_test = pima_pipe
    rows = {"numpy": X_test.to_numpy()[:3], "dict": X_test.iloc[0].to_dict(),
            "records": X_test[:2].to_dict("records"), "frame": X_test[:4]}[kind]
    loaded = ferry.loads(pipe.to_bytes(verify_rows=rows))
    assert loaded.metadata["verify_rows"] == {"numpy": 3, "dict": 1, "records": 2, "frame": 4}[kind]


def test_a_file_whose_numbers_differ_is_refused(diabetes):
    X, y = diabetes[0], diabetes[1]
    pipe = ferry.Pipeline([("model", Ridge(alpha=1.0))]).fit(X, y)
    data = bytearray(pipe.to_bytes(verify_rows=X[:3]))
    coef = np.float64(pipe.named_steps["model"].coef_[0]).tobytes()
    at = data.rindex(coef)  # the step's copy comes after the metadata
    data[at:at + 8] = np.float64(pipe.named_steps["model"].coef_[0] * 1.01).tobytes()
    # Re-seal the envelope's CRC-32 so the damage reaches the verify check, as a faulty writer's
    # file would.
    import zlib
    data[24:28] = zlib.crc32(bytes(data[28:])).to_bytes(4, "little")
    with pytest.raises(ferry.ArtifactError, match=r"verify: stored row 0, output 0: the file says"):
        ferry.loads(bytes(data))
    unchecked = ferry.loads(bytes(data), verify=False)
    with pytest.raises(ferry.ArtifactError, match="this library computes"):
        unchecked.verify()


def test_bad_save_arguments_are_refused(pima_pipe):
    pipe, X, X_test = pima_pipe
    with pytest.raises(ferry.ParameterError, match="metrics: expected a finite value"):
        pipe.to_bytes(metrics={"auc": float("nan")})
    with pytest.raises(ferry.ParameterError, match="metrics: expected str keys and numbers"):
        pipe.to_bytes(metrics={"auc": "high"})
    with pytest.raises(ferry.ParameterError, match="verify_rows: expected at most 1000 rows"):
        pipe.to_bytes(verify_rows=np.tile(X_test.to_numpy(), (6, 1)))
    with pytest.raises(ferry.SchemaError):
        pipe.to_bytes(verify_rows=X_test[["plas", "pres"]])


def test_verify_rows_survive_pickling(pima_pipe):
    import pickle
    pipe, _, X_test = pima_pipe
    loaded = ferry.loads(pipe.to_bytes(verify_rows=X_test[:2]))
    again = pickle.loads(pickle.dumps(loaded))
    assert again.metadata["verify_rows"] == 2
    assert again.model_id == pipe.model_id


def test_transform_only_pipelines_store_verify_rows(pima_pipe):
    _, X, X_test = pima_pipe
    pipe = ferry.Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]).fit(X)
    loaded = ferry.loads(pipe.to_bytes(verify_rows=X_test[:3]))
    assert loaded.metadata["verify_rows"] == 3
