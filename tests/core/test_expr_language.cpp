// The expression language on its own (core/expr): a table of expressions with their expected
// results over one row holding nulls, NaN, -0.0, infinities' sources and empty strings; a table
// of parse and type errors with their messages and positions; the parser's structure, the
// printer's round trip, and the limits. Built into its own executable against the static core,
// since it reaches the internals; the step as users see it is tested in test_expressions.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "expr/check.hpp"
#include "expr/error.hpp"
#include "expr/eval.hpp"
#include "expr/nulls.hpp"
#include "expr/parser.hpp"
#include "expr/print.hpp"
#include "expr/program.hpp"
#include "ferry/value.hpp"

using namespace ferry;
using namespace ferry::detail;
using namespace ferry::detail::expr;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// The one row every case reads.
const std::vector<std::string> kNames = {"a", "z", "nan", "i", "b", "nb", "f",
                                         "s", "e", "ns", "u", "blood pressure"};
const std::vector<DType> kTypes = {DType::float64, DType::float64, DType::float64, DType::int64,
                                   DType::boolean, DType::boolean, DType::boolean, DType::string,
                                   DType::string,  DType::string,  DType::string,  DType::float64};
// a = 2.5, z = -0.0, nan = null, i = 7, b = true, nb = null, f = false, s = "Hello", e = "",
// ns = null, u = "héllo wörld", `blood pressure` = 80.
const std::vector<double> kNum = {2.5, -0.0, kNaN, 7.0, 1.0, kNaN, 0.0, kNaN, kNaN, kNaN, kNaN, 80.0};
const std::vector<std::string_view> kStr = {{}, {}, {}, {}, {}, {}, {}, "Hello", "", {},
                                            "h\xC3\xA9llo w\xC3\xB6rld", {}};

Tree checked(const std::string& source) {
  Tree t = parse(source);
  const Columns cols{kNames, kTypes};
  check_types(t, &cols);
  return t;
}

// Evaluates source on the row, 3 copies of it as a block of 3 (each must agree), as a Value:
// null, a double, a bool or a string.
Value eval(const std::string& source) {
  const Tree t = checked(source);
  const Program p = compile(t);
  const std::size_t n = 3, d = kNames.size();
  std::vector<double> num(d * n);
  std::vector<std::string_view> str(d * n);
  for (std::size_t j = 0; j < d; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      num[j * n + i] = kNum[j];
      str[j * n + i] = kStr[j];
    }
  std::vector<double> regs(p.registers * n);
  std::vector<std::string_view> sregs(p.registers * n);
  TextHeap heap;
  Arena arena(nullptr, 0, nullptr, 0, &heap);
  run(p, Cols{num.data(), str.data()}, n, regs.data(), sregs.data(), arena);
  for (std::size_t i = 1; i < n; ++i) {
    if (p.type == Type::string) {
      REQUIRE(sregs[i] == sregs[0]);
      REQUIRE((sregs[i].data() == nullptr) == (sregs[0].data() == nullptr));
    } else {
      REQUIRE(std::memcmp(&regs[i], &regs[0], sizeof(double)) == 0);
    }
  }
  switch (p.type) {
    case Type::string:
      return sregs[0].data() ? Value(std::string(sregs[0])) : Value();
    case Type::boolean:
      if (std::isnan(regs[0])) return Value();
      REQUIRE((regs[0] == 0.0 || regs[0] == 1.0));
      return Value(regs[0] == 1.0);
    default:
      return std::isnan(regs[0]) ? Value() : Value(regs[0]);
  }
}

// Same value, and for doubles the same bits (so -0.0 is not 0.0).
bool same(const Value& a, const Value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.as_double(), y = b.as_double();
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  return a == b;
}

std::string error_of(const std::string& source) {
  try {
    checked(source);
  } catch (const ExprError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("expressions: a table of results, nulls, NaN, infinities, -0.0 and empty strings",
          "[expr]") {
  struct Case {
    const char* source;
    Value expected;
  };
  const Value null;
  const std::vector<Case> cases = {
      // arithmetic: IEEE doubles, never an exception
      {"1 + 2", 3.0}, {"7 / 2", 3.5}, {"1 + 2 * 3 - 4 / 2", 5.0}, {"1 / 0", kInf},
      {"-1 / 0", -kInf}, {"0 / 0", null}, {"1 / z", -kInf}, {"z", -0.0}, {"-z", 0.0},
      {"z + 0", 0.0}, {"z * 1", -0.0}, {"1e308 * 10", kInf}, {".5 + 1.", 1.5}, {"i + 1", 8.0},
      {"`blood pressure` / 2", 40.0}, {"a - -a", 5.0}, {"+a", 2.5}, {"nan + 1", null},
      // % takes the divisor's sign, as Python's
      {"-7 % 3", 2.0}, {"7 % -3", -2.0}, {"7.5 % 2", 1.5}, {"-6 % 3", 0.0}, {"6 % -3", -0.0},
      {"5 % 0", null}, {"-1 % (1 / 0)", kInf},
      // ** and pow: right to left, binds tighter than unary minus on its left
      {"2 ** 10", 1024.0}, {"-2 ** 2", -4.0}, {"(-2) ** 2", 4.0}, {"2 ** -1", 0.5},
      {"2 ** 3 ** 2", 512.0}, {"(-8) ** (1 / 3)", null}, {"0 ** -1", kInf},
      {"nan ** 0", null}, {"1 ** nan", null}, {"pow(2, 0.5)", std::pow(2.0, 0.5)},
      {"-a ** 2", -6.25},
      // functions
      {"abs(-3)", 3.0}, {"abs(z)", 0.0}, {"log(0)", -kInf}, {"log(-1)", null}, {"log(1)", 0.0},
      {"log1p(-1)", -kInf}, {"exp(1000)", kInf}, {"exp(-1000)", 0.0}, {"sqrt(-1)", null},
      {"sqrt(z)", -0.0}, {"floor(-2.5)", -3.0}, {"ceil(-0.5)", -0.0}, {"round(2.5)", 2.0},
      {"round(3.5)", 4.0}, {"round(-0.5)", -0.0}, {"round(-2.5)", -2.0},
      {"round(0.49999999999999994)", 0.0}, {"round(1 / 0)", kInf}, {"sign(-3)", -1.0},
      {"sign(z)", 0.0}, {"sign(nan)", null}, {"min(3, 1, 2)", 1.0}, {"max(3, nan)", null},
      {"min(0, z)", 0.0}, {"min(z, 0)", -0.0}, {"max(1, 5, 5)", 5.0}, {"clip(5, 0, 3)", 3.0},
      {"clip(-1, 0, 3)", 0.0}, {"clip(nan, 0, 3)", null}, {"clip(1, 3, 0)", 0.0},
      // comparisons: null in, null out; -0.0 == 0.0; strings bytewise
      {"1 < 2", true}, {"a == 2.5", true}, {"nan == nan", null}, {"nan != 1", null},
      {"z == 0", true}, {"s == 'Hello'", true}, {"s < \"World\"", true}, {"'a' < 'B'", false},
      {"e == ''", true}, {"ns == ''", null}, {"b == true", true}, {"nb != false", null},
      {"s >= ns", null},
      // three-valued logic
      {"true and null", null}, {"false and null", false}, {"true or null", true},
      {"false or null", null}, {"not null", null}, {"not nb", null}, {"b and not f", true},
      {"not a > 3 and b", true}, {"a > 1 or nan > 1", true}, {"nan > 1 or f", null},
      // isnull, coalesce
      {"isnull(nan)", true}, {"isnull(0 / 0)", true}, {"isnull(ns)", true}, {"isnull(e)", false},
      {"isnull(null)", true}, {"isnull(nb)", true}, {"isnull(z)", false},
      {"coalesce(nan, 3)", 3.0}, {"coalesce(ns, e, 'x')", ""}, {"coalesce(ns, null)", null},
      {"coalesce(null, null)", null}, {"coalesce(nb, true)", true},
      // membership, SQL's rules with null
      {"s in ('Hello', 'x')", true}, {"s in ('x')", false}, {"s in ('x', null)", null},
      {"ns in ('x')", null}, {"s not in ('x')", true}, {"s not in ('Hello', null)", false},
      {"s not in ('x', null)", null}, {"a in (1, 2.5)", true}, {"z in (0)", true},
      {"i in (-7, 7)", true}, {"-i in (-7)", true}, {"b in (true)", true},
      {"nb in (true, false)", null}, {"e in ('')", true},
      // if and case: a null condition takes the else branch
      {"if(a > 2, 'big', 'small')", "big"}, {"if(nb, 1, 2)", 2.0}, {"if(nan > 1, 'x', 'y')", "y"},
      {"if(true, null, 'x')", null},
      {"case when a < 1 then 'lo' when a < 3 then 'mid' else 'hi' end", "mid"},
      {"case when false then 1 end", null}, {"case when nb then 1 else 2 end", 2.0},
      {"case when a > 0 then a * 2 end", 5.0},
      // strings: ASCII case mapping, lengths in characters
      {"lower(s)", "hello"}, {"upper(s)", "HELLO"}, {"upper(u)", "H\xC3\xA9LLO W\xC3\xB6RLD"},
      {"lower(ns)", null}, {"lower(e)", ""}, {"length(u)", 11.0}, {"length(e)", 0.0},
      {"length(ns)", null}, {"startswith(s, 'He')", true}, {"startswith(s, '')", true},
      {"endswith(s, 'lo')", true}, {"endswith(e, 'x')", false}, {"contains(s, 'ell')", true},
      {"contains(ns, 'a')", null}, {"contains(e, '')", true}, {"lower(s) == 'hello'", true},
      {"contains(upper(u), 'WÖ')", false}, {"'it\\'s'", "it's"}, {"\"tab\\there\"", "tab\there"},
      {"s", "Hello"}, {"e", ""}, {"ns", null}, {"null", null}, {"nb", null}, {"b", true},
  };
  for (const Case& c : cases) {
    INFO(c.source);
    const Value got = eval(c.source);
    INFO("got " << got.to_string() << ", expected " << c.expected.to_string());
    CHECK(same(got, c.expected));
  }
}

TEST_CASE("expressions: parse and type errors name the position and what was expected",
          "[expr]") {
  struct Case {
    std::string source;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "expected an expression, found the end of the text at 1:1"},
      {"1 +", "expected an expression, found the end of the text at 1:4"},
      {"(1 + 2", "expected ')', found the end of the text at 1:7"},
      {"1 + 2)", "expected an operator or the end of the text, found ')' at 1:6"},
      {"a b", "expected an operator or the end of the text, found 'b' at 1:3"},
      {"a = 1", "unexpected '=' (equality is '==') at 1:3"},
      {"a <> 1", "unexpected '<>' (use '!=') at 1:3"},
      {"b && f", "unexpected '&' (use 'and') at 1:3"},
      {"!b", "unexpected '!' (negation is 'not') at 1:1"},
      {"1 < a < 3", "comparisons do not chain (write 'a < b and b < c'), found '<' after a "
                    "comparison at 1:7"},
      {"lg(1)", "unknown function 'lg' (did you mean 'log'?) (functions: abs, ceil, clip, "
                "coalesce, contains, endswith, exp, floor, if, isnull, length, log, log1p, lower, "
                "max, min, pow, round, sign, sqrt, startswith, upper) at 1:1"},
      {"log(1, 2)", "log() expected 1 argument, found 2 at 1:1"},
      {"min(1)", "min() expected at least 2 arguments, found 1 at 1:1"},
      {"clip(a)", "clip() expected 3 arguments, found 1 at 1:1"},
      {"'abc", "expected a closing ' for the string that starts here at 1:1"},
      {"`abc", "expected a closing ` for the quoted name that starts here at 1:1"},
      {"'a\\q'", "expected an escape \\\\, \\\", \\', \\`, \\n, \\t or \\r, found \\q at 1:3"},
      {"1e", "expected the digits of an exponent in the number '1e' at 1:2"},
      {"1e999", "the number 1e999 is out of range (expected a finite double) at 1:1"},
      {"a in (b)", "expected a literal (a number, a string, true, false or null) in the list "
                   "after 'in', found 'b' at 1:7"},
      {"a in ()", "expected a literal (a number, a string, true, false or null) in the list "
                  "after 'in', found ')' at 1:7"},
      {"a in 1", "expected '(' to open the list of values after 'in', found the number 1 at 1:6"},
      {"case when b then 1", "expected 'when', 'else' or 'end' in the case that starts at 1:1, "
                             "found the end of the text at 1:19"},
      {"case 1 end", "expected 'when' after 'case', found the number 1 at 1:6"},
      {"case when b 1 end", "expected 'then', found the number 1 at 1:13"},
      {"and", "expected an expression, found the keyword 'and' (a column of that name is "
              "written `and`) at 1:1"},
      {"#", "unexpected '#' (a name with spaces or symbols is written between backticks, like "
            "`blood pressure`) at 1:1"},
      {"h\xC3\xA9", "unexpected '\xC3\xA9' (a name with spaces or symbols is written between "
                    "backticks, like `blood pressure`) at 1:2"},
      {"a\n  + )", "expected an expression, found ')' at 2:5"},
      {"'\xC3\xA9' + \xFF", "expected UTF-8 text, found an invalid byte at 1:7"},
      // checked against the row's columns
      {"agee >= 30", "column 'agee' not found (the input columns: a, z, nan, i, b, nb, f, s, ...) "
                     "at 1:1"},
      {"nann", "column 'nann' not found (did you mean 'nan'?) at 1:1"},
      {"blood_pressure", "column 'blood_pressure' not found (did you mean 'blood pressure'?) at 1:1"},
      {"True", "column 'True' not found (keywords are lowercase: 'true') at 1:1"},
      {"None", "column 'None' not found (null is written 'null') at 1:1"},
      {"a + s", "'+' expected a number, found string column 's' at 1:5"},
      {"1 + 'x'", "'+' expected a number, found the string 'x' at 1:5"},
      {"-(a > 1)", "'-' expected a number, found a bool at 1:3"},
      {"if(a, 1, 2)", "if() expected a bool, found number column 'a' at 1:4"},
      {"if(b, 1, 'x')", "if() expected values of one type, found the number 1 and the string 'x' "
                        "at 1:10"},
      {"b < true", "'<' expected numbers or strings, found bool column 'b' and true at 1:1"},
      {"a and b", "'and' expected a bool, found number column 'a' at 1:1"},
      {"lower(a)", "lower() expected a string, found number column 'a' at 1:7"},
      {"a in ('x')", "'in' expected values of one type, found number column 'a' and the string "
                     "'x' at 1:7"},
      {"case when b then 1 when f then 's' end", "'case' expected values of one type, found the "
                                                  "number 1 and the string 's' at 1:32"},
      {"coalesce(s, 1)", "coalesce() expected values of one type, found string column 's' and "
                         "the number 1 at 1:13"},
  };
  for (const Case& c : cases) {
    INFO(c.source);
    CHECK(error_of(c.source) == c.message);
  }
}

TEST_CASE("expressions: the parser's precedence and associativity", "[expr]") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"1 + 2 * 3", "(+ 1 (* 2 3))"},
      {"1 - 2 - 3", "(- (- 1 2) 3)"},
      {"2 ** 3 ** 2", "(** 2 (** 3 2))"},
      {"-2 ** 2", "(neg (** 2 2))"},
      {"2 ** -1", "(** 2 (neg 1))"},
      {"not a > 1 and b or f", "(or (and (not (> a 1)) b) f)"},
      {"a + 1 in (1, -2, 'x', null, true)", "(in (+ a 1) 1 -2 \"x\" null true)"},
      {"s not in ('a')", "(not-in s \"a\")"},
      {"not s in ('a')", "(not (in s \"a\"))"},
      {"case when b then 1 end", "(case b 1 null)"},
      {"if(b, `blood pressure`, -a)", "(if b `blood pressure` (neg a))"},
      {"--a", "(neg (neg a))"},
      {"a % 2 * 3", "(* (% a 2) 3)"},
  };
  for (const auto& [source, sexpr] : cases) {
    INFO(source);
    CHECK(to_sexpr(parse(source)) == sexpr);
  }
}

TEST_CASE("expressions: canonical source parses back to the same tree", "[expr]") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"1+2*3", "1 + 2 * 3"},
      {"(1+2)*3", "(1 + 2) * 3"},
      {"1-(2-3)", "1 - (2 - 3)"},
      {"(2**3)**2", "(2 ** 3) ** 2"},
      {"(-2)**2", "(-2) ** 2"},
      {"-(2**2)", "-2 ** 2"},
      {"-(a+1)", "-(a + 1)"},
      {"not (b and f)", "not (b and f)"},
      {"(not b) == f", "(not b) == f"},
      {"(a < 1) == b", "(a < 1) == b"},
      {"a in (1,-2.5e-3,'it\\'s')", "a in (1, -0.0025, \"it's\")"},
      {"CASE", "CASE"},
      {"'a\\nb'", "\"a\\nb\""},
      {"case when b then 1 end", "case when b then 1 else null end"},
      {"if(b,1,2)+min(1,2)", "if(b, 1, 2) + min(1, 2)"},
      {"1e300*.5", "1e+300 * 0.5"},
      {"`and` or `1x`", "`and` or `1x`"},
  };
  for (const auto& [source, canonical] : cases) {
    INFO(source);
    const Tree t = parse(source);
    const std::string text = to_source(t);
    CHECK(text == canonical);
    CHECK(to_sexpr(parse(text)) == to_sexpr(t));
    CHECK(to_source(parse(text)) == text);
  }
}

TEST_CASE("expressions: limits on length, nodes and nesting", "[expr]") {
  const std::string deep = std::string(65, '(') + "1" + std::string(65, ')');
  CHECK(error_of(deep) == "expected at most 64 levels of nesting, found more at 1:65");
  CHECK_NOTHROW(parse(std::string(63, '(') + "1" + std::string(63, ')')));
  std::string chain = "a";
  for (int k = 0; k < 64; ++k) chain += " + 1";
  CHECK(error_of(chain) == "expected at most 64 levels of nesting, found more at 1:255");
  std::string minus(200, '-');
  CHECK(error_of(minus + "1") == "expected at most 64 levels of nesting, found more at 1:65");
  std::string wide = "min(1";
  for (int k = 0; k < 1100; ++k) wide += ",1";
  CHECK(error_of(wide + ")") ==
        "expected at most 1024 operators and operands, found more at 1:2053");
  CHECK(error_of(std::string(5000, ' ')) ==
        "expected at most 4096 bytes of expression text, found 5000 at 1:1");
}

TEST_CASE("expressions: the shape check refuses malformed stored trees", "[expr]") {
  Tree ok = checked("a + 1 in (2, 3)");
  CHECK_NOTHROW(check_shape(ok));
  auto refused = [&](auto mutate, const std::string& part) {
    Tree t = ok;
    mutate(t);
    try {
      check_shape(t);
      FAIL("accepted: " << part);
    } catch (const ExprError& e) {
      CHECK_THAT(e.what(), Catch::Matchers::Contains(part));
    }
  };
  refused([](Tree& t) { t.nodes.clear(); }, "at least one node");
  refused([](Tree& t) { t.nodes.back().op = static_cast<Op>(kOpCount); }, "op id below 47");
  refused([](Tree& t) { t.nodes.back().type = Type::null; }, "type id 0 to 2");
  refused([](Tree& t) { t.nodes[2].arity = 3; }, "arity 3 is not allowed");
  refused([](Tree& t) { t.nodes.back().arity = 5; }, "operands before it");
  refused([](Tree& t) { t.nodes.pop_back(); }, "expected one root, found 3");
  refused([](Tree& t) { t.nodes[1].number = kInf; }, "finite number");
  refused([](Tree& t) { t.nodes[0].text = "\xC0"; }, "UTF-8");
  refused([](Tree& t) {
    t.nodes[3].op = Op::column;
    t.nodes[3].text = "a";
  }, "literals after the first operand");
}

TEST_CASE("expressions: nullability follows the columns that may be missing", "[expr]") {
  auto may = [](const char* source, std::vector<bool> missing) {
    return may_be_null(checked(source), missing);
  };
  std::vector<bool> none(kNames.size(), false), a_missing = none;
  a_missing[0] = true;
  CHECK_FALSE(may("a * 2", none));
  CHECK(may("a * 2", a_missing));
  CHECK_FALSE(may("isnull(a)", a_missing));
  CHECK_FALSE(may("coalesce(a, 0)", a_missing));
  CHECK_FALSE(may("coalesce(a, null)", none));
  CHECK(may("coalesce(a, null)", a_missing));
  CHECK_FALSE(may("if(a > 1, 1, 0)", a_missing));
  CHECK(may("if(b, a, 0)", a_missing));
  CHECK(may("case when b then 1 end", none));
  CHECK(may("z in (1, null)", none));
}
