// The Expressions step as users see it: fit and transform, result types and names, errors at
// construction (ParameterError) and at fit (SchemaError), strings made by an expression feeding a
// OneHotEncoder, where missing values may flow, totality mid-batch, and the artifact (round trip,
// corrupted trees refused). The language itself is tested in test_expr_language.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;
using artifact_test::Bytes;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Expressions exprs(std::vector<std::pair<std::string, std::string>> list) {
  Expressions s;
  for (auto& [name, source] : list) s.expressions.push_back({name, source, {}});
  return s;
}

Frame people() {
  Frame X;
  X.add_float64("age", {25.0, 30.0, 61.5, 44.0});
  X.add_float64("mass", {22.0, 0.0, 35.5, 28.0});
  X.add_float64("plas", {95.0, kNaN, 151.0, 120.0});
  X.add_bool("smoker", {0, 1, 1, 0}, {1, 1, 1, 0});
  X.add_string("region", {"North", "south", "", "x"}, {1, 1, 1, 0});
  return X;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check_bits(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("value " << i << ": got " << got[i] << ", expected " << want[i]);
    CHECK(same_bits(got[i], want[i]));
  }
}

}  // namespace

TEST_CASE("Expressions: one column per expression, typed by what it computes", "[expr][steps]") {
  Pipeline p({{"expr", exprs({{"older", "age >= 30"},
                              {"bmi_x_age", "mass * age"},
                              {"plas_or_100", "coalesce(plas, 100)"},
                              {"ratio", "age / mass"},
                              {"smoker_or_old", "smoker or age > 60"}})}});
  p.fit(people());
  CHECK(p.feature_names_out() ==
        std::vector<std::string>{"older", "bmi_x_age", "plas_or_100", "ratio", "smoker_or_old"});
  const auto& step = std::get<Expressions>(p.steps()[0].step);
  CHECK(expression_type(step.expressions[0]) == DType::boolean);
  CHECK(expression_type(step.expressions[1]) == DType::float64);
  CHECK(expression_tree(step.expressions[0]) == "(>= age 30)");
  CHECK(expression_tree(step.expressions[4]) == "(or smoker (> age 60))");
  CHECK(step.n_features_in_ == 5);
  const Array2D out = p.transform(people());
  check_bits(out.values, {0.0, 550.0, 95.0, 25.0 / 22.0, 0.0,     //
                          1.0, 0.0, 100.0, kInf, 1.0,             // 30 / 0
                          1.0, 61.5 * 35.5, 151.0, 61.5 / 35.5, 1.0,
                          1.0, 44.0 * 28.0, 120.0, 44.0 / 28.0, kNaN});  // null or false
  // One row alone gives the same bits as inside the batch.
  const std::vector<double> row = p.transform(Row{{"age", 30.0}, {"mass", 0.0}, {"plas", Value()},
                                                  {"smoker", true}, {"region", "south"}});
  check_bits(row, {1.0, 0.0, 100.0, kInf, 1.0});
}

TEST_CASE("Expressions: bad expressions are refused at construction, unknown columns at fit",
          "[expr][steps]") {
  auto construct = [](std::vector<std::pair<std::string, std::string>> list) {
    return Pipeline({{"expr", exprs(std::move(list))}});
  };
  CHECK_THROWS_AS(construct({{"x", "age >="}}), ParameterError);
  CHECK_THROWS_WITH(construct({{"x", "age >="}}),
                    "Expressions: expression 'x' (\"age >=\"): expected an expression, found the "
                    "end of the text at 1:7");
  CHECK_THROWS_WITH(construct({{"x", "1 + 'a'"}}),
                    "Expressions: expression 'x' (\"1 + 'a'\"): '+' expected a number, found the "
                    "string 'a' at 1:5");
  CHECK_THROWS_WITH(construct({}), "Expressions: expected at least one expression, found none");
  CHECK_THROWS_WITH(construct({{"", "1"}}),
                    "Expressions: expected a non-empty name for the expression \"1\", found \"\"");
  CHECK_THROWS_WITH(construct({{"a", "1"}, {"a", "2"}}),
                    "Expressions: expected unique names, found 'a' twice");

  Pipeline typo = construct({{"older", "agee >= 30"}});
  CHECK_THROWS_AS(typo.fit(people()), SchemaError);
  CHECK_THROWS_WITH(typo.fit(people()),
                    "Expressions: expression 'older' (\"agee >= 30\"): column 'agee' not found "
                    "(did you mean 'age'?) at 1:1");
  // In a ColumnTransformer branch, an expression sees the branch's columns only.
  ColumnTransformer ct;
  ct.transformers = {{"b", {{"e", exprs({{"x", "mass * 2"}})}}, {"age", "plas"}, false, {}, 0}};
  Pipeline branch({{"features", ct}});
  CHECK_THROWS_WITH(branch.fit(people()),
                    "ColumnTransformer branch 'b': Expressions: expression 'x' (\"mass * 2\"): "
                    "column 'mass' not found (the input columns: age, plas) at 1:1");
  Pipeline wrong_type = construct({{"x", "region + 1"}});
  CHECK_THROWS_WITH(wrong_type.fit(people()),
                    "Expressions: expression 'x' (\"region + 1\"): '+' expected a number, found "
                    "string column 'region' at 1:1");
}

TEST_CASE("Expressions: made strings reach a OneHotEncoder, at fit and at predict",
          "[expr][steps]") {
  OneHotEncoder onehot;
  onehot.handle_unknown = HandleUnknown::ignore;
  ColumnTransformer ct;
  ct.transformers = {
      {"words", {{"expr", exprs({{"r", "lower(coalesce(region, 'none'))"}})}, {"onehot", onehot}},
       {"region"}, false, {}, 0},
      {"nums", {{"expr", exprs({{"older", "age >= 30"}})}}, {"age"}, false, {}, 0},
  };
  Frame X;
  X.add_string("region", {"North", "south", "", "x"}, {1, 1, 1, 0});
  X.add_float64("age", {25.0, 30.0, 61.5, 44.0});
  Pipeline p({{"features", ct}});
  p.fit(X);
  const auto& enc = std::get<OneHotEncoder>(
      std::get<ColumnTransformer>(p.steps()[0].step).transformers[0].steps[1].step);
  CHECK(enc.categories_[0] == std::vector<Value>{"", "none", "north", "south"});
  CHECK(p.feature_names_out() == std::vector<std::string>{"words__r_", "words__r_none",
                                                          "words__r_north", "words__r_south",
                                                          "nums__older"});
  const Array2D out = p.transform(X);
  check_bits(out.values, {0, 0, 1, 0, 0,  0, 0, 0, 1, 1,  1, 0, 0, 0, 1,  0, 1, 0, 0, 1});
  // The same after a trip through the artifact, one row at a time and in a large batch.
  const Pipeline q = Pipeline::from_bytes(p.to_bytes());
  check_bits(q.transform(Row{{"region", "NORTH"}, {"age", 12.0}}), {0, 0, 1, 0, 0});
  std::vector<Row> rows;
  for (int i = 0; i < 600; ++i)
    rows.push_back(Row{{"region", i % 3 == 0 ? Value("SOUTH") : i % 3 == 1 ? Value() : Value("Zz")},
                       {"age", static_cast<double>(i % 50)}});
  const Array2D batch = q.transform(Frame::from_rows(q.input_schema(), rows));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::vector<double> one = q.transform(rows[i]);
    for (std::size_t k = 0; k < one.size(); ++k) CHECK(same_bits(one[k], batch.values[i * 5 + k]));
  }

  // A string left at the end of a pipeline is refused, as any string column is.
  Pipeline text_out({{"expr", exprs({{"r", "lower(region)"}})}});
  CHECK_THROWS_WITH(text_out.fit(people()), Contains("string column ('r')"));
}

TEST_CASE("Expressions: where missing values may flow follows the expression", "[expr][steps]") {
  artifact_test::Data d = artifact_test::make_data();  // plas has NaN
  // isnull(plas) and coalesce(plas, ...) never give null: the model accepts the rows.
  Pipeline guarded({{"expr", exprs({{"plas_missing", "isnull(plas)"},
                                    {"plas", "coalesce(plas, 120)"},
                                    {"age", "age"}})},
                    {"model", LogisticRegression{}}});
  guarded.fit(d.X, Target(d.binary));
  CHECK(guarded.input_schema()[*guarded.input_schema().index_of("plas")].nullable);
  CHECK_FALSE(guarded.input_schema()[*guarded.input_schema().index_of("age")].nullable);
  // plas * 2 is null where plas is: refused before the model, naming the column.
  Pipeline unguarded({{"expr", exprs({{"p2", "plas * 2"}})}, {"model", LogisticRegression{}}});
  CHECK_THROWS_AS(unguarded.fit(d.X, Target(d.binary)), SchemaError);
  CHECK_THROWS_WITH(unguarded.fit(d.X, Target(d.binary)),
                    StartsWith("column 'plas' has a missing value (NaN) at row 3"));
}

TEST_CASE("Expressions: IEEE results mid-batch, never an exception", "[expr][steps]") {
  Frame X;
  X.add_float64("x", {1.0, 0.0, -1.0, -0.0, 4.0});
  Pipeline p({{"expr", exprs({{"inv", "1 / x"}, {"log", "log(x)"}, {"root", "sqrt(x)"},
                              {"mod", "7 % x"}})}});
  p.fit(X);
  const Array2D out = p.transform(X);
  check_bits(out.values, {1.0, 0.0, 1.0, 0.0,         //
                          kInf, -kInf, 0.0, kNaN,     //
                          -1.0, kNaN, kNaN, -0.0,     // 7 % -1 = -0.0
                          -kInf, -kInf, -0.0, kNaN,   //
                          0.25, std::log(4.0), 2.0, 3.0});
  // The numeric fast path gives the same bits and allocates nothing (test_no_alloc.cpp).
  const double rows[5] = {1.0, 0.0, -1.0, -0.0, 4.0};
  const Array2D fast = p.transform(rows, 5, 1);
  check_bits(fast.values, out.values);
}

TEST_CASE("Expressions: the artifact keeps name, source and checked tree", "[expr][artifact]") {
  const artifact_test::Data d = artifact_test::make_data();
  const Pipeline p = artifact_test::fit_expressions(d);
  const Pipeline q = Pipeline::from_bytes(p.to_bytes());
  const auto& ct = std::get<ColumnTransformer>(q.steps()[0].step);
  const auto& derived = std::get<Expressions>(ct.transformers[0].steps[0].step);
  REQUIRE(derived.expressions.size() == 5);
  CHECK(derived.expressions[0].name == "older");
  CHECK(derived.expressions[0].source == "age >= 30");
  CHECK(expression_tree(derived.expressions[2]) == "(log1p (coalesce plas 120))");
  CHECK(expression_type(derived.expressions[3]) == DType::boolean);
  CHECK(derived.feature_names_in_ == std::vector<std::string>{"age", "mass", "plas", "smoker"});
  const Frame probe = artifact_test::probe_frame_text();
  check_bits(q.transform(probe).values, p.transform(probe).values);
  check_bits(q.predict_proba(probe).values, p.predict_proba(probe).values);
  CHECK(q.to_bytes() == p.to_bytes());
}

TEST_CASE("Expressions: a damaged stored tree is refused on load", "[expr][artifact]") {
  Frame X;
  X.add_float64("a", {1.0, 2.0, 3.0});
  X.add_string("s", {"x", "y", "z"});
  Pipeline p({{"e", exprs({{"f", "a + 1"}})}});
  p.fit(X);
  const Bytes good = artifact_test::payload_of(p.to_bytes());
  // After the source: the node count (u64), then per node op (u8), type (u8), arity (u32),
  // line (u32), col (u32) and its payload (a column: name, position u32; a number: f64).
  const std::size_t nodes = artifact_test::after_string(good, "a + 1");
  const std::size_t first = nodes + 8;                        // column a
  const std::size_t second = first + 14 + 8 + 1 + 4;          // number 1
  const std::size_t third = second + 14 + 8;                  // +
  auto refused = [&](Bytes b, const std::string& message) {
    CHECK_THROWS_AS(Pipeline::from_bytes(artifact_test::wrap(b)), ArtifactError);
    CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(b)), Contains(message));
  };
  REQUIRE(good[third] == 7);  // Op::add
  Bytes b = good;
  artifact_test::set_le(b, nodes, 5000, 8);
  refused(b, "Expressions tree: size tag says 5000 nodes, the limit is 1024");
  b = good;
  b[third] = 200;
  refused(b, "Expressions tree node op: expected a value from 0 to 46, found 200");
  b = good;
  b[third] = 8;  // - instead of +: a valid tree, computing something else
  CHECK(Pipeline::from_bytes(artifact_test::wrap(b)).transform(X).values ==
        std::vector<double>{0.0, 1.0, 2.0});
  b = good;
  b[third + 1] = 1;  // + typed bool
  refused(b, "invalid artifact: step \"e\": Expressions: expression 'f' (\"a + 1\"): stored tree: "
             "node 2 expected type number (column 0), found bool (column 0)");
  b = good;
  artifact_test::set_le(b, third + 2, 3, 4);  // + with three operands
  refused(b, "stored tree: node 2 (+): arity 3 is not allowed at 1:3");
  b = good;
  artifact_test::set_le(b, first + 14 + 8 + 1, 1, 4);  // column a at position 1 (s)
  refused(b, "stored tree: node 0 expected type number (column 0), found number (column 1)");
  b = good;
  b[first + 14 + 8] = 's';  // the column is s: a string in +
  refused(b, "stored tree: '+' expected a number, found string column 's' at 1:1");
  b = good;
  artifact_test::set_le(b, second + 14, 0x7FF0000000000000ULL, 8);  // 1 -> inf
  refused(b, "stored tree: node 1: expected a finite number, found ");
}

TEST_CASE("Expressions: damaged artifacts only ever raise ArtifactError, and what loads runs",
          "[expr][artifact]") {
  const Bytes good = artifact_test::fit_expressions(artifact_test::make_data()).to_bytes();
  const Frame probe = artifact_test::probe_frame_text();
  std::size_t loaded = 0, refused = 0;
  for (const Bytes& input : artifact_test::damaged_inputs(good, 500, 3000)) {
    try {
      const Pipeline p = Pipeline::from_bytes(input);
      ++loaded;
      try {
        (void)p.transform(probe);  // a mutated tree that loads must evaluate
      } catch (const SchemaError&) {
        // the mutation changed the schema: the probe no longer fits it
      }
    } catch (const ArtifactError&) {
      ++refused;
    }
  }
  INFO(loaded << " loaded, " << refused << " refused");
  CHECK(refused > loaded);
}
