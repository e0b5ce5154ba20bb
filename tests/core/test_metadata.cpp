// Models that describe themselves: the training data's column summaries, metrics and parameters
// given to save(), the model id, and verify rows recomputed on load.
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

/// One column of each storage: float64 with NaN, int64 with a mask, bool, strings, dictionary.
Frame mixed_frame() {
  Frame X;
  X.add_float64("x", {1.5, kNaN, -2.0, 4.0, 0.5})
      .add_int64("n", {3, 7, 0, 9, -1}, {1, 1, 0, 1, 1})
      .add_bool("b", {1, 0, 1, 1, 0})
      .add_string("s", {"red", "blue", "red", "", "green"}, {1, 1, 1, 0, 1})
      .add_dictionary("d", {0, 1, 0, -1, 0}, {"hi", "lo"});
  return X;
}

SaveOptions with_verify(const Frame& rows) {
  SaveOptions o;
  o.verify_rows = rows;
  return o;
}

}  // namespace

TEST_CASE("metadata: fit summarizes every training column", "[metadata]") {
  // A MissingIndicator reads every type and keeps this test about the summaries.
  MissingIndicator all;
  all.features = IndicatorFeatures::all;
  Pipeline p({{"m", all}});
  p.fit(mixed_frame());
  const auto& s = p.metadata().training.column_summaries;
  REQUIRE(s.size() == 5);
  // x: 1.5, -2, 4, 0.5 present.
  CHECK(s[0].count == 4);
  CHECK(s[0].missing == 1);
  CHECK(s[0].min == -2.0);
  CHECK(s[0].max == 4.0);
  CHECK(s[0].mean == (1.5 + -2.0 + 4.0 + 0.5) / 4.0);
  CHECK(s[0].categories.empty());
  // n: 3, 7, 9, -1 present.
  CHECK(s[1].count == 4);
  CHECK(s[1].missing == 1);
  CHECK(s[1].min == -1.0);
  CHECK(s[1].max == 9.0);
  CHECK(s[1].mean == 18.0 / 4.0);
  // b: numbers 0/1.
  CHECK(s[2].count == 5);
  CHECK(s[2].mean == 3.0 / 5.0);
  // s: red x2, blue, green; most frequent first, ties by value.
  CHECK(s[3].count == 4);
  CHECK(s[3].missing == 1);
  CHECK(std::isnan(s[3].mean));
  using Counts = std::vector<std::pair<std::string, std::uint64_t>>;
  CHECK(s[3].categories == Counts{{"red", 2}, {"blue", 1}, {"green", 1}});
  CHECK(s[3].other == 0);
  // d: hi x3, lo x1, one missing.
  CHECK(s[4].categories == Counts{{"hi", 3}, {"lo", 1}});
  CHECK(s[4].missing == 1);

  // The summaries survive the artifact.
  const Pipeline q = Pipeline::from_bytes(p.to_bytes());
  CHECK(q.metadata().training.column_summaries.size() == 5);
  CHECK(q.metadata().training.column_summaries[3].categories == s[3].categories);
}

TEST_CASE("metadata: a column with many values keeps the most frequent ones", "[metadata]") {
  std::vector<std::string> values;
  for (int i = 0; i < 300; ++i) values.push_back("v" + std::to_string(i % 150));
  values.push_back("v7");  // v7 three times: first
  Frame X;
  X.add_string("s", values);
  MissingIndicator all;
  all.features = IndicatorFeatures::all;
  Pipeline p({{"m", all}});
  p.fit(X);
  const ColumnSummary& c = p.metadata().training.column_summaries.at(0);
  REQUIRE(c.categories.size() == kMaxSummaryCategories);
  CHECK(c.categories[0] == std::make_pair(std::string("v7"), std::uint64_t{3}));
  CHECK(c.categories[1] == std::make_pair(std::string("v0"), std::uint64_t{2}));
  std::uint64_t kept = 0;
  for (const auto& kv : c.categories) kept += kv.second;
  CHECK(kept + c.other == 301);
  CHECK(c.other == 2 * 50);  // the 50 values after the first 100, twice each
}

TEST_CASE("metadata: numeric rows fitted in place are summarized as a frame is", "[metadata]") {
  const std::vector<double> rows = {1.0, 10.0, kNaN, 20.0, 3.0, kNaN, -4.0, 5.0};
  const std::vector<std::string> names = {"a", "b"};
  SimpleImputer impute;  // LinearRegression cannot take NaN
  Pipeline by_rows({{"impute", impute}, {"model", LinearRegression{}}});
  by_rows.fit(rows.data(), 4, 2, names, Target(std::vector<double>{1, 2, 3, 4}));
  Pipeline by_frame({{"impute", impute}, {"model", LinearRegression{}}});
  by_frame.fit(Frame::from_matrix(names, rows.data(), 4, 2), Target(std::vector<double>{1, 2, 3, 4}));
  const auto& a = by_rows.metadata().training.column_summaries;
  const auto& b = by_frame.metadata().training.column_summaries;
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 2);
  for (std::size_t j = 0; j < 2; ++j) {
    CHECK(a[j].count == b[j].count);
    CHECK(a[j].missing == b[j].missing);
    CHECK(a[j].min == b[j].min);
    CHECK(a[j].max == b[j].max);
    CHECK(a[j].mean == b[j].mean);
  }
  CHECK(a[0].mean == 0.0);       // (1 + 3 - 4) / 3
  CHECK(a[1].missing == 1);
}

TEST_CASE("metadata: metrics and parameters are stored; a non-finite metric is refused",
          "[metadata]") {
  const artifact_test::Data d = artifact_test::make_data();
  const Pipeline p = artifact_test::fit_binary(d);
  SaveOptions o;
  o.tags = {{"owner", "me"}};
  o.metrics = {{"roc_auc", 0.8125}, {"log_loss", 0.4375}};
  o.params = {{"model", R"({"C": 0.5, "l1_ratio": 0.0})"}};
  const Pipeline q = Pipeline::from_bytes(p.to_bytes(o));
  CHECK(q.metadata().metrics == o.metrics);
  CHECK(q.metadata().params == o.params);
  CHECK(q.metadata().tags.at("owner") == "me");

  o.metrics = {{"bad", kNaN}};
  CHECK_THROWS_AS(p.to_bytes(o), ParameterError);
  CHECK_THROWS_WITH(p.to_bytes(o), Contains("metrics: expected a finite value for \"bad\", found"));
}

TEST_CASE("metadata: the model id names the fitted steps, not the metadata", "[metadata]") {
  const artifact_test::Data d = artifact_test::make_data();
  const Pipeline p = artifact_test::fit_binary(d);
  const std::string id = p.model_id();
  CHECK(id.size() == 32);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  SaveOptions o;
  o.tags = {{"k", "v"}};
  o.metrics = {{"m", 1.0}};
  o.verify_rows = artifact_test::probe_frame();
  CHECK(Pipeline::from_bytes(p.to_bytes(o)).model_id() == id);
  CHECK(Pipeline::from_bytes(p.to_bytes()).model_id() == id);
  // Another fit (other data) is another model.
  CHECK(artifact_test::fit_binary(artifact_test::make_data(120, 8)).model_id() != id);
  CHECK(artifact_test::fit_multinomial(d).model_id() != id);
}

TEST_CASE("verify: stored rows are recomputed on load", "[metadata][verify]") {
  const artifact_test::Data d = artifact_test::make_data();
  for (const Pipeline& p : {artifact_test::fit_binary(d), artifact_test::fit_multinomial(d),
                            artifact_test::fit_ridge(d)}) {
    const Frame probe = artifact_test::probe_frame();
    const Bytes bytes = p.to_bytes(with_verify(probe));
    const Pipeline q = Pipeline::from_bytes(bytes);  // verify on by default
    const VerifySet& v = q.metadata().verify;
    CHECK(v.rows.size() == probe.rows());
    CHECK(v.width == p.n_outputs());
    CHECK(v.expected == p.decision_function(probe).values);
    CHECK_NOTHROW(q.verify());
  }
}

TEST_CASE("verify: a file whose numbers differ is refused, unless verify is off",
          "[metadata][verify]") {
  const artifact_test::Data d = artifact_test::make_data();
  Pipeline p = artifact_test::fit_ridge(d);
  const Ridge& ridge = std::get<Ridge>(p.steps().back().step);
  const double coef = ridge.coef_.at(0);
  Bytes payload = artifact_test::payload_of(p.to_bytes(with_verify(artifact_test::probe_frame())));
  // The coefficient, found after the metadata (the schema starts with column "age").
  Bytes needle(8);
  std::memcpy(needle.data(), &coef, 8);
  const std::size_t at = artifact_test::find(payload, needle, artifact_test::find_string(payload, "age"));
  REQUIRE(at != std::string::npos);
  const double changed = coef * 1.001;
  std::memcpy(&payload[at], &changed, 8);
  const Bytes damaged = artifact_test::wrap(payload, Pipeline::format_version());
  CHECK_THROWS_AS(Pipeline::from_bytes(damaged), ArtifactError);
  CHECK_THROWS_WITH(Pipeline::from_bytes(damaged),
                    StartsWith("verify: stored row 0, output 0: the file says ") &&
                        Contains("this library computes"));
  const Pipeline q = Pipeline::from_bytes(damaged, /*verify=*/false);
  CHECK_THROWS_AS(q.verify(), ArtifactError);
}

TEST_CASE("verify: transform-only pipelines store their features", "[metadata][verify]") {
  const artifact_test::Data d = artifact_test::make_data();
  SimpleImputer impute;
  Pipeline p({{"impute", impute}, {"scale", StandardScaler{}}});
  p.fit(d.X);
  const Frame probe = artifact_test::probe_frame();
  const Pipeline q = Pipeline::from_bytes(p.to_bytes(with_verify(probe)));
  CHECK(q.metadata().verify.width == 5);
  CHECK(q.metadata().verify.expected == p.transform(probe).values);
}

TEST_CASE("verify: bad verify rows are refused at save", "[metadata][verify]") {
  const artifact_test::Data d = artifact_test::make_data();
  const Pipeline p = artifact_test::fit_binary(d);
  Frame missing_column;
  missing_column.add_float64("age", {30.0});
  CHECK_THROWS_AS(p.to_bytes(with_verify(missing_column)), SchemaError);
  const Frame many = Frame::from_matrix({"age", "plas", "mass", "visits", "smoker"},
                                        std::vector<double>(5 * 1001, 1.0).data(), 1001, 5);
  CHECK_THROWS_WITH(p.to_bytes(with_verify(many)),
                    StartsWith("verify_rows: expected at most 1000 rows"));
}
