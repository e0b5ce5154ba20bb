"""`ferry inspect FILE`: the artifact described, expressions by their source."""
from __future__ import annotations

import subprocess
import sys

import pytest

import ferry
from ferry.compose import ColumnTransformer
from ferry.linear_model import LogisticRegression
from ferry.preprocessing import Expression, StandardScaler


@pytest.fixture(scope="module")
def saved(pima, tmp_path_factory):
    X, y, X_test, _ = pima
    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([("num", StandardScaler(), list(X.columns)),
                                        ("older", Expression("age >= 30", name="older"),
                                         ["age"])])),
        ("model", LogisticRegression()),
    ]).fit(X, y)
    path = tmp_path_factory.mktemp("cli") / "pima.ferry"
    pipe.save(path, tags={"owner": "risk"}, metrics={"auc": 0.83}, verify_rows=X_test[:3])
    return pipe, path


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferry", *args], capture_output=True, text=True,
                          timeout=120)


def test_inspect_describes_the_artifact(saved):
    pipe, path = saved
    run = _run("inspect", str(path))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert f"model id {pipe.model_id}" in out
    assert "format 3" in out
    assert "age >= 30" in out  # the expression's source
    assert "classes ['tested_negative', 'tested_positive']" in out
    assert "metrics: auc 0.83" in out
    assert "verify rows: 3 (recomputed: same outputs)" in out
    assert "plas: 576 values, 0 missing; min 0" in out


def test_inspect_reports_a_bad_file(tmp_path):
    bad = tmp_path / "bad.ferry"
    bad.write_bytes(b"not an artifact")
    run = _run("inspect", str(bad))
    assert run.returncode == 1
    assert run.stderr.startswith("ferry inspect: ArtifactError:")
    missing = _run("inspect", str(tmp_path / "absent.ferry"))
    assert missing.returncode == 1 and "ferry inspect:" in missing.stderr
