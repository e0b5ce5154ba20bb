"""Expression and Expressions: the Python API (alone, inside ColumnTransformer and Pipeline, with
strings into a OneHotEncoder), errors with their positions, save/load and pickling, and a
property test comparing the core's evaluator with a plain Python evaluation of the same random
expressions on random rows holding NaN, None, -0.0, zeros (so infinities) and empty strings."""
from __future__ import annotations

import ctypes
import ctypes.util
import math
import pickle
import random
import struct

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import ferry  # noqa: E402
from ferry.compose import ColumnTransformer  # noqa: E402
from ferry.linear_model import LogisticRegression  # noqa: E402
from ferry.preprocessing import (Expression, Expressions, OneHotEncoder,  # noqa: E402
                                 StandardScaler)


def bits(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).view(np.uint64)


def people():
    return pd.DataFrame({
        "age": [25.0, 30.0, 61.5, 44.0],
        "mass": [22.0, 0.0, 35.5, 28.0],
        "plas": [95.0, np.nan, 151.0, 120.0],
        "region": ["North", "south", "", None],
    })


# ---- the API ------------------------------------------------------------------------------------

def test_expression_alone():
    e = Expression("age >= 30", name="older").fit(people())
    assert repr(e) == "Expression(expression='age >= 30', name='older')"
    assert list(e.get_feature_names_out()) == ["older"]
    assert e.dtypes_ == {"older": "bool"}
    assert e.trees_ == {"older": "(>= age 30)"}
    assert e.n_features_in_ == 4
    np.testing.assert_array_equal(e.transform(people()), [[0.0], [1.0], [1.0], [1.0]])
    # One row as a dict gives a 1-D result; the name defaults to the text.
    assert Expression("mass * 2").fit(people()).get_feature_names_out()[0] == "mass * 2"
    assert list(e.transform({"age": 12.0, "mass": 1.0, "plas": None, "region": "x"})) == [0.0]


def test_expressions_several_columns():
    ex = Expressions({"older": "age >= 30", "bmi_x_age": "mass * age",
                      "plas_or_100": "coalesce(plas, 100)", "ratio": "age / mass"})
    out = ex.fit_transform(people())
    X = people()
    expected = np.column_stack([(X.age >= 30).astype(float), X.mass * X.age,
                                X.plas.fillna(100.0), X.age / X.mass.replace(0.0, np.nan)])
    expected[1, 3] = np.inf  # 30 / 0
    np.testing.assert_array_equal(bits(out), bits(expected))
    assert ex.dtypes_ == {"older": "bool", "bmi_x_age": "float64", "plas_or_100": "float64",
                          "ratio": "float64"}
    assert list(ex.get_feature_names_out()) == ["older", "bmi_x_age", "plas_or_100", "ratio"]
    assert list(ex.get_feature_names_out(["age", "mass", "plas", "region"])) == list(
        ex.get_feature_names_out())
    # The same as a list of pairs; get_params / set_params / clone as scikit-learn's.
    pairs = Expressions([("older", "age >= 30"), ("bmi_x_age", "mass * age")])
    assert list(pairs.fit(people()).get_feature_names_out()) == ["older", "bmi_x_age"]
    from sklearn.base import clone
    c = clone(ex)
    assert c.get_params() == {"expressions": ex.expressions}
    assert not hasattr(c, "dtypes_")


def test_inside_column_transformer_and_pipeline(pima):
    X, y, X_test, _ = pima
    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("numeric", StandardScaler(), ["plas", "mass", "age"]),
            ("older", Expression("age >= 30"), ["age"]),
            ("derived", Expressions({"bmi_x_age": "mass * age / 100",
                                     "plas_log": "log1p(plas)",
                                     "band": "if(mass == 0, 0, if(mass < 30, 1, 2))"}),
             ["mass", "age", "plas"]),
        ])),
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=1.0)),
    ])
    pipe.fit(X, y)
    assert list(pipe.get_feature_names_out()) == [
        "numeric__plas", "numeric__mass", "numeric__age", "older__age >= 30",
        "derived__bmi_x_age", "derived__plas_log", "derived__band"]
    ct = pipe.named_steps["features"]
    assert ct.named_transformers_["derived"].dtypes_["plas_log"] == "float64"
    proba = pipe.predict_proba(X_test)
    served = ferry.loads(pipe.to_bytes())
    np.testing.assert_array_equal(bits(served.predict_proba(X_test)), bits(proba))
    row = X_test.iloc[0].to_dict()
    np.testing.assert_array_equal(bits(served.predict_proba(row)), bits(proba[0]))
    # The loaded pipeline shows the expressions' text (an Expression comes back as Expressions).
    shown = [repr(t) for _, t, _ in served.named_steps["features"].transformers]
    assert shown[1] == "Expressions(expressions={'age >= 30': 'age >= 30'})"
    assert "'plas_log': 'log1p(plas)'" in shown[2]
    again = pickle.loads(pickle.dumps(pipe))
    np.testing.assert_array_equal(bits(again.predict_proba(X_test)), bits(proba))


def test_strings_into_one_hot_encoder(credit_g):
    X, y, categorical, numeric = credit_g
    words = Expressions({"purpose_uc": "upper(purpose)",
                         "long": "case when duration > 24 then 'long' when duration > 12 then "
                                 "'mid' else 'short' end",
                         "own": "if(startswith(housing, 'own'), 'owner', 'other')"})
    pipe = ferry.Pipeline([
        ("features", ColumnTransformer([
            ("words", ferry.Pipeline([("expr", words),
                                      ("onehot", OneHotEncoder(handle_unknown="ignore"))]),
             ["purpose", "duration", "housing"]),
            ("numbers", StandardScaler(), numeric),
        ])),
        ("model", LogisticRegression()),
    ]).fit(X, y)
    onehot = pipe.named_steps["features"].named_transformers_["words"].named_steps["onehot"]
    assert list(onehot.categories_[0]) == sorted({p.upper() for p in X["purpose"]})
    assert list(onehot.categories_[1]) == ["long", "mid", "short"]
    assert list(onehot.categories_[2]) == ["other", "owner"]
    served = ferry.loads(pipe.to_bytes())
    np.testing.assert_array_equal(bits(served.predict_proba(X)), bits(pipe.predict_proba(X)))


# ---- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("est, error, message", [
    (Expression("age >="), ferry.ParameterError,
     "Expressions: expression 'age >=' (\"age >=\"): expected an expression, found the end of the "
     "text at 1:7"),
    (Expression("agee >= 30", name="older"), ferry.SchemaError,
     "Expressions: expression 'older' (\"agee >= 30\"): column 'agee' not found (did you mean "
     "'age'?) at 1:1"),
    (Expression("region + 1"), ferry.SchemaError,
     "'+' expected a number, found string column 'region' at 1:1"),
    (Expression("if(age > 1, 1, 'x')"), ferry.ParameterError,
     "if() expected values of one type, found the number 1 and the string 'x' at 1:16"),
    (Expression("age = 1"), ferry.ParameterError, "unexpected '=' (equality is '==') at 1:5"),
    (Expressions({"a": "1", "b": "log(1, 2)"}), ferry.ParameterError,
     "expression 'b' (\"log(1, 2)\"): log() expected 1 argument, found 2 at 1:1"),
    (Expressions({}), ferry.ParameterError, "expected at least one expression, found none"),
    (Expression(""), ferry.ParameterError, "expected an expression, found the end of the text at "
                                           "1:1"),
    (Expressions("age > 1"), ferry.ParameterError,
     "expressions expected a dict of name -> expression or a list of (name, expression) strings"),
    (Expression(3), ferry.ParameterError, "expression expected a string, found 3"),
    (Expressions([("a", "1"), ("a", "2")]), ferry.ParameterError,
     "expected unique names, found 'a' twice"),
])
def test_errors(est, error, message):
    with pytest.raises(error) as info:
        est.fit(people())
    assert message in str(info.value)


def test_string_output_is_refused_at_the_end_of_a_pipeline():
    with pytest.raises(ferry.SchemaError, match=r"the transform output has a string column \('r'\)"):
        Expressions({"r": "lower(region)"}).fit(people())


def test_ieee_results_never_raise():
    X = pd.DataFrame({"x": [1.0, 0.0, -1.0, -0.0, 4.0]})
    out = Expressions({"inv": "1 / x", "log": "log(x)", "root": "sqrt(x)", "mod": "7 % x"}).fit(
        X).transform(X)
    expected = np.array([[1.0, 0.0, 1.0, 0.0], [np.inf, -np.inf, 0.0, np.nan],
                         [-1.0, np.nan, np.nan, -0.0], [-np.inf, -np.inf, -0.0, np.nan],
                         [0.25, math.log(4.0), 2.0, 3.0]])
    np.testing.assert_array_equal(bits(out), bits(expected))
    # numpy's fast path (numbers read in place) gives the same bits.
    fitted = Expressions({"inv": "1 / x"}).fit(X)
    np.testing.assert_array_equal(bits(fitted.transform(X.to_numpy())), bits(expected[:, :1]))


# ---- property test: the core against a plain Python evaluator ----------------------------------

_libm = ctypes.CDLL(ctypes.util.find_library("m"))
for _name in ("log", "log1p", "exp", "pow", "fmod"):
    getattr(_libm, _name).restype = ctypes.c_double
    getattr(_libm, _name).argtypes = [ctypes.c_double] * (2 if _name in ("pow", "fmod") else 1)

NUMBERS = [0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 0.5, 1e-3, 1e3, 7.0, 100.0, 1e300, -1e-300, np.nan]
STRINGS = ["Hello", "", "ABC", "abc", "na\u00efve", "x y", "\u00c9COLE", "a", "b", "aB", None]
NUM_COLS = ["a", "b", "`blood pressure`"]
STR_COLS = ["s", "t"]


def random_rows(rnd, n):
    def num():
        return rnd.choice(NUMBERS)
    return pd.DataFrame({
        "a": [num() for _ in range(n)],
        "b": [num() for _ in range(n)],
        "blood pressure": [num() for _ in range(n)],
        "k": pd.array([rnd.choice([None, -2, 0, 3, 7]) for _ in range(n)], dtype="Int64"),
        "f": pd.array([rnd.choice([None, True, False]) for _ in range(n)], dtype="boolean"),
        "s": pd.Series([rnd.choice(STRINGS) for _ in range(n)], dtype=object),
        "t": pd.Series([rnd.choice(STRINGS) for _ in range(n)], dtype=object),
    })


def cell(row, name):
    """A row's value as the evaluator sees it: None for null (NaN included)."""
    v = row[name.strip("`")]
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return float(v)
    return v


def num(x):
    """A computed number: NaN is null."""
    return None if x is None or math.isnan(x) else x


def nulls(f):
    """f over non-null arguments; null if any argument is null."""
    return lambda *a: None if any(v is None for v in a) else f(*a)


def py_mod(x, y):  # CPython's float_rem, IEEE where Python raises
    m = _libm.fmod(x, y)
    if m:
        if (y < 0) != (m < 0):
            m += y
    else:
        m = math.copysign(0.0, y)
    return m


def py_round(x):
    if not math.isfinite(x):
        return x
    r = float(round(x))  # ties to even
    return math.copysign(0.0, x) if r == 0 else r


def first_extreme(values, smaller):
    m = values[0]
    for v in values[1:]:
        if (v < m) if smaller else (v > m):
            m = v
    return m


def py_clip(x, lo, hi):
    t = lo if x < lo else x
    return hi if t > hi else t


def ascii_case(s, upper):
    return "".join(chr(ord(c) - 32) if upper and "a" <= c <= "z"
                   else chr(ord(c) + 32) if not upper and "A" <= c <= "Z" else c for c in s)


ARITH = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
         "/": lambda x, y: float(np.float64(x) / np.float64(y)), "%": py_mod,
         "**": lambda x, y: _libm.pow(x, y)}
COMPARE = {"==": lambda x, y: x == y, "!=": lambda x, y: x != y, "<": lambda x, y: x < y,
           "<=": lambda x, y: x <= y, ">": lambda x, y: x > y, ">=": lambda x, y: x >= y}
UNARY = {"abs": abs, "log": _libm.log, "log1p": _libm.log1p, "exp": _libm.exp,
         "sqrt": lambda x: math.sqrt(x) if x >= 0 or x != x else math.nan,
         "floor": lambda x: x if not math.isfinite(x) else math.copysign(float(math.floor(x)), x),
         "ceil": lambda x: x if not math.isfinite(x) else math.copysign(float(math.ceil(x)), x),
         "round": py_round, "sign": lambda x: 1.0 if x > 0 else -1.0 if x < 0 else 0.0}


class Gen:
    """Random well-typed expressions, each as (source text, evaluator of a row)."""

    def __init__(self, rnd):
        self.r = rnd

    def leaf(self, k, columns, literals):
        """A column (k == 0) or a literal."""
        if k == 0:
            c = self.r.choice(columns)
            return c, lambda row: cell(row, c)
        v = self.r.choice(literals)
        return repr(v), lambda row: v

    def number(self, depth):
        r = self.r
        k = r.randrange(12 if depth > 0 else 3)
        if k < 2:
            return self.leaf(k, NUM_COLS, [0.0, 1.0, 2.5, 3.0, 0.5, 10.0, 1e-3])
        if k == 2:
            return "k", lambda row: cell(row, "k")
        if k == 3:
            op = r.choice(list(ARITH))
            (sa, fa), (sb, fb) = self.number(depth - 1), self.number(depth - 1)
            f = nulls(ARITH[op])
            return f"({sa}) {op} ({sb})", lambda row: num(f(fa(row), fb(row)))
        if k == 4:
            sa, fa = self.number(depth - 1)
            return f"-({sa})", lambda row: None if fa(row) is None else -fa(row)
        if k == 5:
            name = r.choice(list(UNARY))
            sa, fa = self.number(depth - 1)
            f = nulls(UNARY[name])
            return f"{name}({sa})", lambda row: num(f(fa(row)))
        if k == 6:
            name = r.choice(["min", "max"])
            args = [self.number(depth - 1) for _ in range(r.randint(2, 3))]
            src = f"{name}({', '.join(s for s, _ in args)})"
            return src, lambda row: nulls(lambda *v: first_extreme(v, name == "min"))(
                *[f(row) for _, f in args])
        if k == 7:
            args = [self.number(depth - 1) for _ in range(3)]
            return (f"clip({', '.join(s for s, _ in args)})",
                    lambda row: nulls(py_clip)(*[f(row) for _, f in args]))
        if k == 8:
            (sc, fc), (sa, fa), (sb, fb) = (self.boolean(depth - 1), self.number(depth - 1),
                                            self.number(depth - 1))
            return f"if({sc}, {sa}, {sb})", lambda row: fa(row) if fc(row) is True else fb(row)
        if k == 9:
            args = [self.number(depth - 1) for _ in range(r.randint(1, 3))] + [("null", lambda row: None)]
            r.shuffle(args)

            def coalesce(row):
                for _, f in args:
                    v = f(row)
                    if v is not None:
                        return v
                return None
            return f"coalesce({', '.join(s for s, _ in args)})", coalesce
        if k == 10:
            ss, fs = self.string(depth - 1)
            return f"length({ss})", lambda row: None if fs(row) is None else float(len(fs(row)))
        (c1, g1), (v1, h1), (c2, g2), (v2, h2), (e, he) = (
            self.boolean(depth - 1), self.number(depth - 1), self.boolean(depth - 1),
            self.number(depth - 1), self.number(depth - 1))
        return (f"case when {c1} then {v1} when {c2} then {v2} else {e} end",
                lambda row: h1(row) if g1(row) is True else h2(row) if g2(row) is True else he(row))

    def boolean(self, depth):
        r = self.r
        k = r.randrange(9 if depth > 0 else 2)
        if k == 0:
            return "f", lambda row: cell(row, "f")
        if k == 1:
            v = r.choice([True, False])
            return ("true" if v else "false"), lambda row: v
        if k == 2:
            op = r.choice(list(COMPARE))
            a, b = ((self.number(depth - 1), self.number(depth - 1)) if r.random() < 0.7
                    else (self.string(depth - 1), self.string(depth - 1)))
            f = nulls(COMPARE[op])
            return f"({a[0]}) {op} ({b[0]})", lambda row: f(a[1](row), b[1](row))
        if k == 3:
            (sa, fa), (sb, fb) = self.boolean(depth - 1), self.boolean(depth - 1)
            if r.random() < 0.5:
                def and3(row):
                    x, y = fa(row), fb(row)
                    return False if x is False or y is False else None if None in (x, y) else True
                return f"({sa}) and ({sb})", and3

            def or3(row):
                x, y = fa(row), fb(row)
                return True if x is True or y is True else None if None in (x, y) else False
            return f"({sa}) or ({sb})", or3
        if k == 4:
            sa, fa = self.boolean(depth - 1)
            return f"not ({sa})", lambda row: None if fa(row) is None else not fa(row)
        if k == 5:
            sa, fa = (self.number if r.random() < 0.5 else self.string)(depth - 1)
            return f"isnull({sa})", lambda row: fa(row) is None
        if k == 6:
            negate = r.random() < 0.4
            if r.random() < 0.5:
                sx, fx = self.number(depth - 1)
                items = r.sample([0.0, -0.0, 1.0, 2.5, -3.0, 7.0, None], r.randint(1, 4))
                lit = ["null" if v is None else repr(v) for v in items]
            else:
                sx, fx = self.string(depth - 1)
                items = r.sample(["", "a", "Hello", "ABC", "x y", None], r.randint(1, 4))
                lit = ["null" if v is None else repr(v) for v in items]

            def member(row):
                x = fx(row)
                if x is None:
                    return None
                found = any(v is not None and v == x for v in items)
                v = True if found else None if None in items else False
                return v if not negate or v is None else not v
            return f"({sx}) {'not in' if negate else 'in'} ({', '.join(lit)})", member
        if k == 7:
            name = r.choice(["startswith", "endswith", "contains"])
            (sa, fa), (sb, fb) = self.string(depth - 1), self.string(depth - 1)
            test = {"startswith": str.startswith, "endswith": str.endswith,
                    "contains": lambda x, y: y in x}[name]
            return f"{name}({sa}, {sb})", lambda row: nulls(test)(fa(row), fb(row))
        (sc, fc), (sa, fa), (sb, fb) = (self.boolean(depth - 1), self.boolean(depth - 1),
                                        self.boolean(depth - 1))
        return f"if({sc}, {sa}, {sb})", lambda row: fa(row) if fc(row) is True else fb(row)

    def string(self, depth):
        r = self.r
        k = r.randrange(6 if depth > 0 else 2)
        if k < 2:
            return self.leaf(k, STR_COLS, ["", "a", "Hello", "x y", "it's"])
        if k == 2:
            upper = r.random() < 0.5
            sa, fa = self.string(depth - 1)
            return (f"{'upper' if upper else 'lower'}({sa})",
                    lambda row: None if fa(row) is None else ascii_case(fa(row), upper))
        if k == 3:
            (sc, fc), (sa, fa), (sb, fb) = (self.boolean(depth - 1), self.string(depth - 1),
                                            self.string(depth - 1))
            return f"if({sc}, {sa}, {sb})", lambda row: fa(row) if fc(row) is True else fb(row)
        if k == 4:
            (sa, fa), (sb, fb) = self.string(depth - 1), self.string(depth - 1)
            return (f"coalesce({sa}, {sb}, 'none')",
                    lambda row: fa(row) if fa(row) is not None else fb(row) if fb(row) is not None
                    else "none")
        (sc, fc), (sa, fa) = self.boolean(depth - 1), self.string(depth - 1)
        return f"case when {sc} then {sa} end", lambda row: fa(row) if fc(row) is True else None


def as_double(v):
    if v is None:
        return math.nan
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    return float(v)


@pytest.mark.parametrize("seed", range(8))
def test_property_core_agrees_with_python(seed):
    rnd = random.Random(seed)
    gen = Gen(rnd)
    X = random_rows(rnd, 120)
    exprs = []
    for i in range(40):
        src, f = gen.number(4) if i % 2 else gen.boolean(4)
        exprs.append((f"e{i}", src, f))
    est = Expressions([(name, src) for name, src, _ in exprs]).fit(X)
    out = est.transform(X)
    rows = X.to_dict("records")
    for j, (name, src, f) in enumerate(exprs):
        with np.errstate(all="ignore"):
            want = np.array([as_double(f(row)) for row in rows])
        got = out[:, j]
        both_nan = np.isnan(want) & np.isnan(got)
        same = (bits(want) == bits(got)) | both_nan
        if not same.all():
            i = int(np.argmin(same))
            pytest.fail(f"{name} = {src}\nrow {i}: {rows[i]}\ncore {got[i]!r} "
                        f"({struct.pack('>d', got[i]).hex()}), python {want[i]!r}")
    # One row at a time through the dict path gives the same bits as the batch.
    for i in range(0, len(rows), 17):
        one = est.transform({k: (None if v is pd.NA else v) for k, v in rows[i].items()})
        np.testing.assert_array_equal(bits(one), bits(out[i]))
