"""ferry needs numpy only: without scikit-learn and pandas it still fits, predicts, pickles,
saves and loads (run in a subprocess where importing them fails)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

BLOCK = textwrap.dedent("""
    import sys
    class _Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {BLOCKED}:
                raise ImportError(f"{name} blocked for this test")
            return None
    sys.meta_path.insert(0, _Block())
""")

SCRIPT = textwrap.dedent("""
    import pickle
    import numpy as np
    import ferry
    from ferry.preprocessing import SimpleImputer, StandardScaler
    from ferry.linear_model import LogisticRegression, Ridge
    assert not any(m in sys.modules for m in {BLOCKED})
    rng = np.random.RandomState(0)
    X = rng.randn(100, 4); y = (X[:, 0] + X[:, 1] > 0).astype(np.int64)
    pipe = ferry.Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler()),
                           ("model", LogisticRegression(C=0.5))]).fit(X, y)
    assert pipe.get_params()["model__C"] == 0.5
    pipe.set_params(model__C=2.0)
    assert pipe.named_steps["model"].C == 2.0
    pipe.fit(X, y)
    p = pipe.predict_proba(X)
    assert p.shape == (100, 2)
    assert repr(LogisticRegression(C=2.0)) == "LogisticRegression(C=2.0)", repr(LogisticRegression(C=2.0))
    other = pickle.loads(pickle.dumps(pipe))
    assert (other.predict_proba(X).view(np.uint64) == p.view(np.uint64)).all()
    assert (ferry.loads(pipe.to_bytes()).predict_proba(X).view(np.uint64) == p.view(np.uint64)).all()
    assert 0.0 <= pipe.score(X, y) <= 1.0
    r = Ridge().fit(X, X[:, 2])
    assert r.score(X, X[:, 2]) > 0.99
    from ferry.linear_model import Lasso, PoissonRegressor
    assert Lasso(alpha=0.01).fit(X, X[:, 2]).score(X, X[:, 2]) > 0.99
    counts = np.floor(np.exp(0.5 * X[:, 0]) * 3)
    assert 0.0 < PoissonRegressor(alpha=0.01).fit(X, counts).score(X, counts) < 1.0
    assert issubclass(ferry.NotFittedError, ValueError) and issubclass(ferry.NotFittedError, AttributeError)
    try:
        StandardScaler().transform(X)
    except ferry.NotFittedError:
        pass
    else:
        raise AssertionError("NotFittedError expected")
    row = {f"x{i}": float(v) for i, v in enumerate(X[0])}
    assert pipe.predict_proba(row).view(np.uint64).tolist() == p[0].view(np.uint64).tolist()
    if "pandas" not in {BLOCKED}:
        import pandas as pd
        df = pd.DataFrame(X, columns=list("abcd"))
        out = StandardScaler().set_output(transform="pandas").fit(df).transform(df)
        assert isinstance(out, pd.DataFrame) and list(out.columns) == list("abcd")
        out = pipe[:2].fit(df).set_output(transform="pandas").transform(df)
        assert isinstance(out, pd.DataFrame) and list(out.columns) == list("abcd")
    print("ok")
""")


def _run(blocked):
    code = (BLOCK + SCRIPT).replace("{BLOCKED}", repr(set(blocked)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=120)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr


def test_without_sklearn_and_pandas():
    _run({"sklearn", "pandas"})


def test_without_sklearn():
    _run({"sklearn"})
