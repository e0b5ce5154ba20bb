"""The worked examples run as a user would run them, against the installed package."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"
PIMA = Path(__file__).resolve().parents[2] / "examples" / "pima"


def _run_example(script: Path, out: Path, timeout: int) -> subprocess.CompletedProcess:
    """Runs an example as a user would: the installed package, the data folder, OUT.ferry."""
    pytest.importorskip("sklearn")
    pytest.importorskip("pandas")
    env = dict(os.environ)
    env["FERRY_DATA_DIR"] = str(Path(os.environ.get("FERRY_DATA_DIR", "build/data")).resolve())
    run = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True,
                         cwd=out.parent, env=env, timeout=timeout)
    assert run.returncode == 0, run.stderr
    return run


def test_credit_g_example_runs_and_agrees_with_scikit_learn(tmp_path):
    out = tmp_path / "credit-g.ferry"
    run = _run_example(EXAMPLES / "credit_g.py", out, timeout=300)
    assert "scikit-learn's pipeline (run to its optimum) agrees" in run.stdout
    assert "same bits on all rows: yes" in run.stdout
    assert out.stat().st_size > 0


def test_pima_worked_example_trains_saves_verifies_and_explains(tmp_path):
    out = tmp_path / "pima.ferry"
    run = _run_example(PIMA / "train.py", out, timeout=600)
    assert "GridSearchCV(n_jobs=2) chose C" in run.stdout
    assert "reloaded with 5 verify rows checked" in run.stdout
    assert "same bits on the 192 test rows: yes" in run.stdout
    assert "column 'agee' not found (did you mean 'age'?) at 1:1" in run.stdout
    import ferry

    served = ferry.load(out)
    assert set(served.metadata["metrics"]) == {"accuracy", "roc_auc", "cv_accuracy"}
    assert served.metadata["verify_rows"] == 5
