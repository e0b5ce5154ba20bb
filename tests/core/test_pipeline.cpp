// The Pipeline contract: spec checks, schema recorded at fit and enforced by name, typed
// predictions, the errors a caller gets.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

using namespace ferry;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

Pipeline classifier_pipeline() {
  SimpleImputer imp;
  return Pipeline({{"impute", imp}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
}

}  // namespace

TEST_CASE("Pipeline checks its steps before fitting", "[pipeline]") {
  CHECK_THROWS_WITH(Pipeline(std::vector<NamedStep>{}), "pipeline: expected at least one step, found none");
  CHECK_THROWS_WITH(Pipeline({{"m", LogisticRegression{}}, {"s", StandardScaler{}}}),
                    "pipeline: step 'm' (LogisticRegression) is a model, expected only as the last "
                    "step, found at position 0 of 2");
  CHECK_THROWS_WITH(Pipeline({{"s", StandardScaler{}}, {"s", StandardScaler{}}}),
                    "pipeline: expected unique step names, found 's' twice");
  CHECK_THROWS_AS(Pipeline({{"", StandardScaler{}}}), ParameterError);
  LogisticRegression bad;
  bad.C = 0;
  CHECK_THROWS_WITH(Pipeline({{"m", bad}}), "LogisticRegression: C expected a finite number > 0, found 0");
}

TEST_CASE("An unfitted pipeline says what to do", "[pipeline]") {
  Pipeline p = classifier_pipeline();
  CHECK_FALSE(p.is_fitted());
  CHECK(p.steps().size() == 3);
  CHECK_THROWS_AS(p.predict(Row{{"x0", 1.0}}), NotFittedError);
  CHECK_THROWS_WITH(p.to_bytes(),
                    "this Pipeline is not fitted yet: call fit() or load() before to_bytes()");
  CHECK_THROWS_AS(p.input_schema(), NotFittedError);
}

TEST_CASE("fit records the schema; predict matches input by name", "[pipeline]") {
  auto data = testing::make_synthetic(200, 3);
  Pipeline p = classifier_pipeline();
  p.fit(data.X, Target(data.labels));
  REQUIRE(p.is_fitted());
  CHECK(p.input_schema().names() == std::vector<std::string>{"x0", "x1", "x2"});
  CHECK(p.classes() == std::vector<Value>{"a", "b"});
  CHECK(p.output().task == Task::classification);
  CHECK(p.output().label_type == DType::string);
  CHECK(p.metadata().training.rows == 200);
  CHECK(p.metadata().training.columns == 3);
  CHECK(p.metadata().training.class_counts.size() == 2);
  CHECK(p.metadata().ferry_version == kVersion);
  CHECK(p.artifact_format_version() == Pipeline::format_version());
  CHECK(p.metadata().created_utc.size() == 20);
  CHECK(p.n_outputs() == 1);
  CHECK(p.feature_names_out() == std::vector<std::string>{"x0", "x1", "x2"});

  Row ordered{{"x0", 1.0}, {"x1", 2.0}, {"x2", 3.0}};
  Row shuffled{{"x2", 3.0}, {"extra", "ignored"}, {"x0", 1.0}, {"x1", 2}};
  auto a = p.predict_proba(ordered);
  auto b = p.predict_proba(shuffled);
  REQUIRE(a.size() == 2);
  CHECK(std::memcmp(a.data(), b.data(), sizeof(double) * 2) == 0);
  CHECK(p.predict(ordered) == (a[1] > 0.5 ? Value("b") : Value("a")));

  CHECK_THROWS_WITH(p.predict(Row{{"x0", 1.0}, {"x2", 3.0}}),
                    "missing column 'x1' (expected float64)");
  CHECK_THROWS_WITH(p.predict(Row{{"x0", 1.0}, {"x1", "two"}, {"x2", 3.0}}),
                    "column 'x1': expected float64, found string \"two\"");
  Frame wrong;
  wrong.add_float64("x0", {1.0});
  wrong.add_string("x1", {"a"});
  wrong.add_float64("x2", {1.0});
  CHECK_THROWS_WITH(p.predict(wrong), "column 'x1': expected float64, found string");
}

TEST_CASE("Frame and Row predictions agree bit for bit", "[pipeline]") {
  auto data = testing::make_synthetic(150, 4, 3);
  Pipeline p = classifier_pipeline();
  p.fit(data.X, Target(data.labels));
  Array2D batch = p.predict_proba(data.X);
  std::vector<Value> labels = p.predict(data.X);
  Array2D dec = p.decision_function(data.X);
  REQUIRE(batch.rows == 150);
  REQUIRE(batch.cols == 3);
  for (std::size_t i = 0; i < 150; ++i) {
    Row r = data.X.row(i);
    auto single = p.predict_proba(r);
    CHECK(std::memcmp(single.data(), batch.row(i), 3 * sizeof(double)) == 0);
    CHECK(p.predict(r) == labels[i]);
    auto d = p.decision_function(r);
    CHECK(std::memcmp(d.data(), dec.row(i), 3 * sizeof(double)) == 0);
  }
  Array2D t = p.transform(data.X);
  CHECK(t.cols == 4);
}

TEST_CASE("Missing values must be imputed before a model", "[pipeline]") {
  Frame X;
  X.add_float64("a", {1.0, kNaN, 3.0, 4.0, 0.5, 2.5});
  X.add_float64("b", {1.0, 2.0, 1.0, 2.0, 1.0, 2.0});
  Target y(std::vector<std::int64_t>{0, 1, 0, 1, 1, 0});

  Pipeline no_imputer({{"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  CHECK_THROWS_WITH(no_imputer.fit(X, y),
                    "column 'a' has a missing value (NaN) at row 1, but step 'model' (LogisticRegression) "
                    "cannot take missing values and no step before it imputes them: add a "
                    "SimpleImputer");

  Pipeline with({{"impute", SimpleImputer{}}, {"model", LogisticRegression{}}});
  with.fit(X, y);
  CHECK(with.input_schema()[0].nullable);
  CHECK(with.classes() == std::vector<Value>{0, 1});
  CHECK(with.output().label_type == DType::int64);
  CHECK(with.predict_proba(Row{{"a", nullptr}, {"b", 1.0}}).size() == 2);

  // Without an imputer a column is recorded as not nullable, and missing input is refused.
  Frame clean;
  clean.add_float64("a", {1.0, 2.0, 3.0, 4.0, 0.5, 2.5});
  clean.add_float64("b", {1.0, 2.0, 1.0, 2.0, 1.0, 2.0});
  no_imputer.fit(clean, y);
  CHECK_FALSE(no_imputer.input_schema()[0].nullable);
  CHECK_THROWS_WITH(no_imputer.predict(Row{{"a", nullptr}, {"b", 1.0}}),
                    "column 'a' does not allow missing values, found null");
  CHECK_THROWS_WITH(no_imputer.predict(Row{{"a", kNaN}, {"b", 1.0}}),
                    "column 'a' does not allow missing values, found NaN");
}

TEST_CASE("fit refuses bad input with a clear message", "[pipeline]") {
  auto data = testing::make_synthetic(20, 2);
  Pipeline p = classifier_pipeline();
  CHECK_THROWS_WITH(p.fit(data.X, Target(std::vector<std::string>{"a", "b"})),
                    "y: expected 20 labels (one per row), found 2");
  CHECK_THROWS_WITH(p.fit(data.X, Target(std::vector<std::string>(20, "a"))),
                    "LogisticRegression: expected at least 2 classes in y, found 1 class");
  CHECK_THROWS_WITH(p.fit(data.X, Target(data.labels), std::vector<double>(20, -1.0)),
                    "sample_weight: expected finite weights >= 0, found -1 at row 0");
  CHECK_THROWS_WITH(p.fit(data.X), "step 'model' (LogisticRegression) needs labels: call fit(X, y)");
  Frame strings;
  strings.add_string("sex", {"F", "M"});
  CHECK_THROWS_WITH(p.fit(strings, Target(std::vector<std::string>{"a", "b"})),
                    "SimpleImputer: strategy 'mean' cannot impute the string column 'sex': use "
                    "most_frequent or constant");
  Pipeline scaled({{"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  CHECK_THROWS_WITH(scaled.fit(strings, Target(std::vector<std::string>{"a", "b"})),
                    "column 'sex' is a string column, but step 'scale' (StandardScaler) reads "
                    "numbers only (float64, int64, bool): encode it first, for example with a "
                    "OneHotEncoder");
  Pipeline reg({{"m", Ridge{}}});
  CHECK_THROWS_WITH(reg.fit(data.X, Target(data.labels)),
                    "step 'm' (Ridge): expected numeric targets, found string labels");
  Frame inf;
  inf.add_float64("a", {1.0, std::numeric_limits<double>::infinity()});
  CHECK_THROWS_WITH(reg.fit(inf, Target(std::vector<double>{1, 2})),
                    "column 'a': expected a finite number, found inf at row 1");
}

TEST_CASE("int64 and bool columns are numeric features", "[pipeline]") {
  Frame X;
  X.add_int64("n", {1, 2, 3, 4, 5, 6});
  X.add_bool("flag", {1, 0, 1, 0, 0, 1});
  Pipeline p({{"model", Ridge{}}});
  p.fit(X, Target(std::vector<double>{1.0, 2.1, 2.9, 4.2, 5.0, 6.1}));
  CHECK(p.input_schema()[0].type == DType::int64);
  CHECK(p.input_schema()[1].type == DType::boolean);
  Value v = p.predict(Row{{"n", 3}, {"flag", true}});
  CHECK(v.is_double());
  CHECK_THROWS_WITH(p.predict(Row{{"n", 2.5}, {"flag", true}}),
                    "column 'n': expected int64, found float64 2.5");
  CHECK_THROWS_WITH(p.predict(Row{{"n", 2}, {"flag", 1}}),
                    "column 'flag': expected bool, found int64 1");
  CHECK_THROWS_WITH(p.predict_proba(Row{{"n", 2}, {"flag", true}}),
                    "predict_proba: this pipeline has no classifier");
}

TEST_CASE("A transform-only pipeline transforms and refuses to predict", "[pipeline]") {
  auto data = testing::make_synthetic(30, 2);
  Pipeline p({{"scale", StandardScaler{}}});
  p.fit(data.X);
  CHECK(p.output().task == Task::transform);
  CHECK(p.n_features_out() == 2);
  CHECK(p.transform(data.X).rows == 30);
  CHECK_THROWS_WITH(p.predict(data.X),
                    "predict: this pipeline has no model (its last step is a transformer)");
}

TEST_CASE("Infinite input is refused on every path", "[pipeline]") {
  auto data = testing::make_synthetic(40, 2);
  Pipeline p({{"impute", SimpleImputer{}}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(p.predict(Row{{"x0", inf}, {"x1", 1.0}}),
                    "column 'x0': expected a finite number, found inf");
  double row[2] = {1.0, -inf};
  double out[2];
  CHECK_THROWS_WITH(p.predict_proba(row, 2, out, 2),
                    "column 'x1': expected a finite number, found -inf");
  Frame f;
  f.add_float64("x0", {1.0, 2.0});
  f.add_float64("x1", {0.5, inf});
  CHECK_THROWS_WITH(p.predict_proba(f), "column 'x1': expected a finite number, found inf at row 1");
  Frame nan_frame;
  nan_frame.add_float64("x0", {1.0});
  nan_frame.add_float64("x1", {std::nan("")});
  Pipeline strict({{"model", LogisticRegression{}}});
  strict.fit(data.X, Target(data.labels));
  CHECK_THROWS_WITH(strict.predict_proba(nan_frame),
                    "column 'x1' does not allow missing values, found NaN at row 0");
}

TEST_CASE("fit on rows read in place equals fit on the same Frame", "[pipeline]") {
  const std::size_t n = 300, d = 3;
  auto data = testing::make_synthetic(n, d);
  std::vector<std::string> names{"x0", "x1", "x2"};
  std::vector<double> rows(n * d);
  for (std::size_t j = 0; j < d; ++j)
    for (std::size_t i = 0; i < n; ++i) rows[i * d + j] = data.X.column(j).value(i).as_double();
  rows[5 * d + 1] = kNaN;  // a missing value, imputed
  const Frame frame = Frame::from_matrix(names, rows.data(), n, d);

  Pipeline from_frame = classifier_pipeline();
  from_frame.fit(frame, Target(data.labels));
  Pipeline from_rows = classifier_pipeline();
  from_rows.fit(rows.data(), n, d, names, Target(data.labels));
  CHECK(from_rows.input_schema() == from_frame.input_schema());
  const auto& a = std::get<LogisticRegression>(from_frame.steps()[2].step);
  const auto& b = std::get<LogisticRegression>(from_rows.steps()[2].step);
  CHECK(std::memcmp(a.coef_.values.data(), b.coef_.values.data(), sizeof(double) * d) == 0);
  CHECK(std::memcmp(a.intercept_.data(), b.intercept_.data(), sizeof(double)) == 0);

  Pipeline strict({{"model", LogisticRegression{}}});
  CHECK_THROWS_WITH(strict.fit(rows.data(), n, d, names, Target(data.labels)),
                    "column 'x1' has a missing value (NaN) at row 5, but step 'model' "
                    "(LogisticRegression) cannot take missing values and no step before it "
                    "imputes them: add a SimpleImputer");
  rows[7 * d + 2] = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(strict.fit(rows.data(), n, d, names, Target(data.labels)),
                    "column 'x2': expected a finite number, found -inf at row 7");
  CHECK_THROWS_WITH(strict.fit(rows.data(), n, d, {"x0", "x1", "x0"}, Target(data.labels)),
                    "expected unique column names, found 'x0' twice");
  CHECK_THROWS_WITH(strict.fit(rows.data(), n, d, {"x0", "x1"}, Target(data.labels)),
                    "expected 3 column names, found 2");
}
