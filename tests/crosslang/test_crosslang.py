"""The cross-language identity suite, Python side: every case written by make_cases.py must give
the very same bits when its artifact is loaded back, from a dict (one row), a list of dicts, a
pandas DataFrame and, for all-numeric schemas, a float64 numpy matrix; from ferry.load and from
ferry._ferry.Pipeline.load. The folder comes from $FERRY_CROSSLANG_DIR (ctest sets it); without it
the tests fail. Formats: tests/crosslang/README.md."""
from __future__ import annotations

import json
import math
import os
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import ferry
from ferry import _ferry


def _dir() -> Path:
    d = os.environ.get("FERRY_CROSSLANG_DIR")
    if not d:
        pytest.fail("FERRY_CROSSLANG_DIR is not set: it must name the folder make_cases.py "
                    "wrote (ctest's crosslang.generate fixture writes <build>/tests/crosslang)")
    return Path(d)


def _index() -> dict[str, Any]:
    d = os.environ.get("FERRY_CROSSLANG_DIR")
    if not d or not (Path(d) / "index.json").is_file():
        return {"cases": []}
    return json.loads((Path(d) / "index.json").read_text())


CASES = [c["name"] for c in _index()["cases"]]


def hex_bits(x: float) -> str:
    return format(struct.unpack("<Q", struct.pack("<d", float(x)))[0], "016x")


def from_hex(h: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(h, 16)))[0]


def decode(cell: Any) -> Any:
    if cell is None:
        return None
    t, v = cell["t"], cell["v"]
    if t == "f":
        return from_hex(v)
    if t == "i":
        return int(v)
    if t == "b":
        return bool(v)
    if t == "s":
        return str(v)
    raise AssertionError(f"unknown cell type {t!r}")


def typed(v: Any) -> tuple[str, Any]:
    """A label as (type, value) with doubles as bits, for exact comparison."""
    if isinstance(v, np.ndarray) and v.ndim == 0:
        v = v.item()
    if isinstance(v, (bool, np.bool_)):
        return ("b", bool(v))
    if isinstance(v, (int, np.integer)):
        return ("i", int(v))
    if isinstance(v, (float, np.floating)):
        return ("f", hex_bits(v))
    if isinstance(v, str):
        return ("s", v)
    raise AssertionError(f"unexpected label {v!r} ({type(v).__name__})")


def assert_bits(where: str, got: Any, want_hex: list[list[str]]) -> None:
    got = np.asarray(got, dtype=np.float64).reshape(len(want_hex), -1)
    assert got.shape[1] == len(want_hex[0]), f"{where}: width {got.shape[1]} != {len(want_hex[0])}"
    for i, (g_row, w_row) in enumerate(zip(got, want_hex)):
        g = [hex_bits(x) for x in g_row]
        if g != w_row:
            j = next(k for k in range(len(g)) if g[k] != w_row[k])
            raise AssertionError(
                f"{where}: row {i} column {j}: Python gave {g[j]} ({g_row[j]!r}), "
                f"expected {w_row[j]} ({from_hex(w_row[j])!r})")


class Loaded:
    def __init__(self, name: str) -> None:
        d = _dir()
        entry = next(c for c in json.loads((d / "index.json").read_text())["cases"]
                     if c["name"] == name)
        self.entry = entry
        self.path = d / entry["artifact"]
        rows_doc = json.loads((d / entry["rows"]).read_text())
        self.expected = json.loads((d / entry["expected"]).read_text())
        self.columns = rows_doc["columns"]
        self.rows = [{c["name"]: decode(r[c["name"]]) for c in self.columns}
                     for r in rows_doc["rows"]]
        assert len(self.rows) == self.expected["n_rows"]

    def dataframe(self) -> Any:
        pd = pytest.importorskip("pandas")
        cols = {}
        for c in self.columns:
            vals = [r[c["name"]] for r in self.rows]
            dtype = {"float64": "float64", "int64": "Int64", "bool": "boolean"}.get(c["type"],
                                                                                      "object")
            if c["type"] == "float64":
                vals = [np.nan if v is None else v for v in vals]
            cols[c["name"]] = pd.array(vals, dtype=dtype)
        return pd.DataFrame(cols)

    def matrix(self) -> np.ndarray | None:
        if not all(c["type"] in ("float64", "int64", "bool") for c in self.columns):
            return None
        m = np.empty((len(self.rows), len(self.columns)), dtype=np.float64)
        for i, r in enumerate(self.rows):
            for j, c in enumerate(self.columns):
                v = r[c["name"]]
                m[i, j] = math.nan if v is None else float(v)
        return m


def test_every_step_kind_has_a_case() -> None:
    index = json.loads((_dir() / "index.json").read_text())
    assert index["cases"], "index.json lists no case"
    seen = {s for c in index["cases"] for s in c["steps"]}
    missing = sorted(set(_ferry.STEP_KINDS) - seen)
    assert not missing, f"step kinds without a crosslang case: {missing}"


@pytest.mark.parametrize("name", CASES)
def test_case_bits(name: str) -> None:
    case = Loaded(name)
    pipe = ferry.load(case.path)
    native = _ferry.Pipeline.load(str(case.path))
    schema = [list(c) for c in native.input_schema]
    assert schema == [[c["name"], c["type"], c["nullable"]] for c in case.columns]
    assert [typed(v) for v in native.classes] == [
        typed(decode(c)) for c in case.expected["classes"]]
    # the model id and the verify rows (recomputed by load) are the writer's
    assert pipe.model_id == case.expected["model_id"]
    assert pipe.metadata["verify_rows"] == case.expected["verify_rows"]
    for i, r in enumerate(case.rows if "explain" in case.expected else []):
        by_class = pipe.predict_explain(r)
        maps = list(by_class.values()) if all(isinstance(v, dict) for v in by_class.values()) \
            else [by_class]
        flat = [v for m in maps for v in [m[c["name"]] for c in case.columns] + [m["intercept"]]]
        assert_bits(f"{name} predict_explain(row {i})", [flat], [case.expected["explain"][i]])
    outputs = case.expected["outputs"]
    assert sorted(outputs) == case.entry["outputs"]
    all_float = all(c["type"] == "float64" for c in case.columns)
    forms: dict[str, Any] = {"list of dicts": case.rows, "DataFrame": case.dataframe()}
    m = case.matrix()
    if m is not None:
        forms["numpy"] = m
    n = len(case.rows)
    for method, want in outputs.items():
        if method == "predict":
            want_t = [typed(decode(c)) for c in want]
            for form, X in forms.items():
                got = [typed(v) for v in pipe.predict(X)]
                assert got == want_t, f"{name}: predict({form}) differs"
            got = [typed(v) for v in native.predict(_ferry_frame(pipe, case.rows))]
            assert got == want_t, f"{name}: _ferry predict(Frame) differs"
            for i, r in enumerate(case.rows):
                assert typed(pipe.predict(r)) == want_t[i], f"{name}: predict(row {i}) differs"
                assert typed(native.predict(r)) == want_t[i], f"{name}: _ferry predict(row {i})"
            continue
        for form, X in forms.items():
            if form == "numpy" and method == "transform" and not all_float:
                continue  # the wheel refuses a float matrix for int64/bool columns in transform
            assert_bits(f"{name} {method}({form})", getattr(pipe, method)(X), want)
        if m is not None and (method != "transform" or all_float):
            assert_bits(f"{name} _ferry {method}(numpy)", getattr(native, method)(m), want)
        assert_bits(f"{name} _ferry {method}(Frame)",
                    getattr(native, method)(_ferry_frame(pipe, case.rows)), want)
        for i, r in enumerate(case.rows):
            assert_bits(f"{name} {method}(row {i})", getattr(pipe, method)(r), [want[i]])
            assert_bits(f"{name} _ferry {method}(row {i})", getattr(native, method)(r), [want[i]])
        assert n == len(want)


def _ferry_frame(pipe: Any, rows: list[dict[str, Any]]) -> Any:
    """A native Frame built by the package's own conversion of a list of dicts."""
    from ferry._input import predict_input

    return predict_input(rows, pipe._input_info, pipe._native.input_schema, "crosslang")
