// Pipeline::explain: parts per input column that add up to the decision values.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;
using Catch::Matchers::Contains;

namespace {

/// intercept + sum of parts == decision, for every decision value, to 1e-12 relative.
void check_sums(const Explanation& e) {
  REQUIRE(e.contributions.rows == e.decision.size());
  REQUIRE(e.intercept.size() == e.decision.size());
  REQUIRE(e.contributions.cols == e.columns.size());
  for (std::size_t r = 0; r < e.decision.size(); ++r) {
    double total = e.intercept[r];
    for (std::size_t c = 0; c < e.columns.size(); ++c) total += e.contributions(r, c);
    INFO("decision value " << r);
    CHECK(std::fabs(total - e.decision[r]) <= 1e-12 * std::max(1.0, std::fabs(e.decision[r])));
  }
}

std::size_t col(const Explanation& e, const std::string& name) {
  for (std::size_t c = 0; c < e.columns.size(); ++c)
    if (e.columns[c] == name) return c;
  FAIL("no column " << name);
  return 0;
}

}  // namespace

TEST_CASE("explain: binary, multinomial and regression pipelines add up", "[explain]") {
  const artifact_test::Data d = artifact_test::make_data();
  const Row probe = artifact_test::probe_row();
  for (const Pipeline& p : {artifact_test::fit_binary(d), artifact_test::fit_multinomial(d),
                            artifact_test::fit_ridge(d), artifact_test::fit_linear(d)}) {
    const Explanation e = p.explain(probe);
    CHECK(e.columns == p.input_schema().names());
    CHECK(e.decision == p.decision_function(probe));
    check_sums(e);
  }
  // Multinomial: one set of parts per class.
  CHECK(artifact_test::fit_multinomial(d).explain(probe).contributions.rows == 3);
}

TEST_CASE("explain: a scaled column's part is its coefficient times its scaled value", "[explain]") {
  Frame X;
  X.add_float64("a", {1, 2, 3, 4, 5, 6}).add_float64("b", {3, 1, 4, 1, 5, 9});
  Pipeline p({{"scale", StandardScaler{}}, {"model", LinearRegression{}}});
  p.fit(X, Target(std::vector<double>{1.5, 2.0, 4.5, 3.0, 6.5, 9.0}));
  const Row row{{"a", 2.5}, {"b", 7.0}};
  const Explanation e = p.explain(row);
  const auto& scaler = std::get<StandardScaler>(p.steps()[0].step);
  const auto& model = std::get<LinearRegression>(p.steps()[1].step);
  CHECK(e.contributions(0, 0) == model.coef_[0] * ((2.5 - scaler.mean_[0]) / scaler.scale_[0]));
  CHECK(e.contributions(0, 1) == model.coef_[1] * ((7.0 - scaler.mean_[1]) / scaler.scale_[1]));
  CHECK(e.intercept[0] == model.intercept_);
  check_sums(e);
}

TEST_CASE("explain: one-hot columns go back to their string column", "[explain]") {
  Frame X;
  X.add_string("color", {"red", "blue", "red", "green", "blue", "red", "green", "blue"})
      .add_float64("size", {1, 2, 3, 4, 5, 6, 7, 8});
  const std::vector<std::string> y = {"n", "y", "n", "y", "y", "n", "y", "n"};
  ColumnBranch cat, num;
  cat.name = "cat";
  cat.steps = {{"onehot", OneHotEncoder{}}};
  cat.columns = {"color"};
  num.name = "num";
  num.steps = {{"scale", StandardScaler{}}};
  num.columns = {"size"};
  ColumnTransformer ct;
  ct.transformers = {cat, num};
  Pipeline p({{"prep", ct}, {"model", LogisticRegression{}}});
  p.fit(X, Target(y));
  const Row row{{"color", "green"}, {"size", 3.5}};
  const Explanation e = p.explain(row);
  check_sums(e);
  // color's part is the sum over its three one-hot features (only "green" is 1).
  const auto& model = std::get<LogisticRegression>(p.steps().back().step);
  const std::vector<double> z = p.transform(row);
  double color = 0.0;
  for (std::size_t j = 0; j < 3; ++j) color += model.coef_(0, j) * z[j];
  CHECK(e.contributions(0, col(e, "color")) == Approx(color).epsilon(1e-15));
  CHECK(e.contributions(0, col(e, "size")) == model.coef_(0, 3) * z[3]);
}

TEST_CASE("explain: derived features are shared among the columns they read", "[explain]") {
  Frame X;
  X.add_float64("a", {1, 2, 3, 4, 5, 6, 7}).add_float64("b", {2, 1, 4, 3, 6, 5, 9});
  const std::vector<double> y = {3, 4, 9, 13, 29, 31, 62};
  PolynomialFeatures poly;  // 1, a, b, a^2, ab, b^2
  Pipeline p({{"poly", poly}, {"model", Ridge{}}});
  p.fit(X, Target(y));
  const Row row{{"a", 2.0}, {"b", 3.0}};
  const Explanation e = p.explain(row);
  check_sums(e);
  const auto& model = std::get<Ridge>(p.steps().back().step);
  const std::vector<double>& w = model.coef_;  // over 1, a, b, a^2, ab, b^2
  CHECK(e.intercept[0] == Approx(model.intercept_ + w[0] * 1.0).epsilon(1e-15));
  CHECK(e.contributions(0, 0) == Approx(w[1] * 2 + w[3] * 4 + w[4] * 6 / 2).epsilon(1e-14));
  CHECK(e.contributions(0, 1) == Approx(w[2] * 3 + w[5] * 9 + w[4] * 6 / 2).epsilon(1e-14));

  PCA pca;
  Pipeline q({{"scale", StandardScaler{}}, {"pca", pca}, {"model", LinearRegression{}}});
  q.fit(X, Target(y));
  check_sums(q.explain(row));
}

TEST_CASE("explain: PoissonRegressor's parts add up to the log of its prediction", "[explain]") {
  Frame X;
  X.add_float64("a", {0.1, 0.5, 0.9, 1.3, 1.7, 2.1}).add_float64("b", {1, 0, 1, 0, 1, 0});
  Pipeline p({{"model", PoissonRegressor{}}});
  p.fit(X, Target(std::vector<double>{1, 1, 2, 3, 6, 8}));
  const Row row{{"a", 1.0}, {"b", 1.0}};
  const Explanation e = p.explain(row);
  CHECK(e.decision[0] == std::log(p.decision_function(row)[0]));
  check_sums(e);
}

TEST_CASE("explain: a pipeline without a model is refused", "[explain]") {
  const artifact_test::Data d = artifact_test::make_data();
  SimpleImputer impute;
  Pipeline p({{"impute", impute}});
  p.fit(d.X);
  CHECK_THROWS_AS(p.explain(artifact_test::probe_row()), ParameterError);
  CHECK_THROWS_WITH(p.explain(artifact_test::probe_row()), Contains("expected a pipeline ending in a linear model"));
  Pipeline unfitted({{"model", Ridge{}}});
  CHECK_THROWS_AS(unfitted.explain(artifact_test::probe_row()), NotFittedError);
}
