"""The `ferry` command: `ferry inspect FILE` describes an artifact without running Python code
from it (an artifact holds data only)."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from ._errors import FerryError


def _describe(est: Any, indent: str) -> list[str]:
    """One line per step, branches and expressions indented under their owner."""
    from ._expressions import Expressions
    from .compose import ColumnTransformer
    from .pipeline import Pipeline

    if isinstance(est, Pipeline):
        out = []
        for name, step in est.steps:
            if isinstance(step, (Pipeline, ColumnTransformer, Expressions)):
                out.append(f"{indent}{name}: {type(step).__name__}")
                out.extend(_describe(step, indent + "  "))
            else:
                out.append(f"{indent}{name}: {step!r}")
        return out
    if isinstance(est, ColumnTransformer):
        out = []
        for name, trans, cols in est.transformers:
            head = f"{indent}{name} on {list(cols)}: "
            if isinstance(trans, (Pipeline, ColumnTransformer, Expressions)):
                out.append(head + type(trans).__name__)
                out.extend(_describe(trans, indent + "  "))
            else:
                out.append(head + (trans if isinstance(trans, str) else repr(trans)))
        out.append(f"{indent}remainder: {est.remainder!r}")
        return out
    if isinstance(est, Expressions):
        exprs = est.expressions if isinstance(est.expressions, dict) else dict(est.expressions)
        return [f"{indent}{name} = {source}" for name, source in exprs.items()]
    return [f"{indent}{est!r}"]


def _inspect(path: str, verify: bool) -> str:
    from .pipeline import load

    pipe = load(path, verify=verify)
    native = pipe._ready()
    meta = pipe.metadata
    lines = [f"{path}: ferry artifact, format {native.format_version}, written by ferry "
             f"{meta['ferry_version']} on {meta['created_utc']}",
             f"model id {meta['model_id']}"]
    cols = ", ".join(f"{n} {t}{'' if nullable else ' (not null)'}"
                     for n, t, nullable in native.input_schema)
    lines.append(f"input columns ({len(native.input_schema)}): {cols}")
    lines.append("steps:")
    lines.extend(_describe(pipe, "  "))
    if native.task == "classification":
        lines.append(f"output: classification, classes {list(native.classes)}")
    else:
        lines.append(f"output: {native.task}")
    training = meta["training"]
    lines.append(f"training: {training['rows']} rows x {training['columns']} columns")
    for s in training.get("column_summaries", []):
        if s["categories"] or s["count"] == 0:
            shown = ", ".join(f"{k}: {v}" for k, v in list(s["categories"].items())[:5])
            more = "" if len(s["categories"]) <= 5 else ", ..."
            lines.append(f"  {s['name']}: {s['count']} values, {s['missing']} missing; "
                         f"{{{shown}{more}}}")
        else:
            lines.append(f"  {s['name']}: {s['count']} values, {s['missing']} missing; "
                         f"min {s['min']:.6g}, max {s['max']:.6g}, mean {s['mean']:.6g}")
    if meta["metrics"]:
        lines.append("metrics: " + ", ".join(f"{k} {v:.6g}" for k, v in meta["metrics"].items()))
    if meta["tags"]:
        lines.append("tags: " + json.dumps(meta["tags"], sort_keys=True))
    checked = "recomputed: same outputs" if verify else "not recomputed (--no-verify)"
    lines.append(f"verify rows: {meta['verify_rows']}"
                 + (f" ({checked})" if meta["verify_rows"] else ""))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ferry` console script (and `python -m ferry`)."""
    parser = argparse.ArgumentParser(prog="ferry", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    inspect = sub.add_parser("inspect", help="describe an artifact: schema, steps, metadata")
    inspect.add_argument("file")
    inspect.add_argument("--no-verify", action="store_true",
                         help="do not recompute the stored verify rows")
    args = parser.parse_args(argv)
    try:
        print(_inspect(args.file, verify=not args.no_verify))
    except (FerryError, OSError) as e:
        print(f"ferry inspect: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0
