// Column-wise transformers before a linear model run fused, one pass per column
// (core/pipeline/fused_linear.hpp). The decision values must be the bits of the step-by-step
// computation: the transformers' output (transform, which runs step by step) summed in feature
// order from 0, the intercept added last, for every operation kind and sequence length, every
// model kind, block tails and single rows.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

using namespace ferry;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Numeric rows of a synthetic frame, row-major, with some values replaced by marker.
std::vector<double> rows_with(const Frame& X, double marker) {
  const std::size_t n = X.rows(), d = X.cols();
  std::vector<double> m(n * d);
  for (std::size_t j = 0; j < d; ++j) {
    const auto& col = std::get<std::vector<double>>(X.column(j).data);
    for (std::size_t i = 0; i < n; ++i) m[i * d + j] = (i * 7 + j * 3) % 11 == 0 ? marker : col[i];
  }
  return m;
}

Frame frame_of(const std::vector<double>& rows, std::size_t n, std::size_t d) {
  std::vector<std::string> names;
  for (std::size_t j = 0; j < d; ++j) names.push_back("x" + std::to_string(j));
  return Frame::from_matrix(names, rows.data(), n, d);
}

// The model's coefficients (outputs x features) and intercepts.
void terms_of(const Step& model, std::vector<double>& coef, std::vector<double>& intercept) {
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, LogisticRegression>) {
          coef = s.coef_.values;
          intercept = s.intercept_;
        } else if constexpr (std::is_same_v<T, LinearRegression> || std::is_same_v<T, Ridge> ||
                             std::is_same_v<T, Lasso> || std::is_same_v<T, ElasticNet>) {
          coef = s.coef_;
          intercept = {s.intercept_};
        } else {
          FAIL("not a linear model");
        }
      },
      model);
}

// Step by step: transform, then 0 + c_0 x_0 + c_1 x_1 + ... and the intercept last.
std::vector<double> reference(const Pipeline& p, const std::vector<double>& rows, std::size_t n,
                              std::size_t d) {
  const Array2D x = p.transform(rows.data(), n, d);
  std::vector<double> coef, intercept;
  terms_of(p.steps().back().step, coef, intercept);
  const std::size_t R = intercept.size(), q = x.cols;
  std::vector<double> out(n * R);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t r = 0; r < R; ++r) {
      double acc = 0.0;
      for (std::size_t j = 0; j < q; ++j) acc += coef[r * q + j] * x(i, j);
      out[i * R + r] = acc + intercept[r];
    }
  return out;
}

void check_same_bits(Pipeline p, const testing::Synthetic& data, bool classify, double marker) {
  const std::size_t n = data.X.rows(), d = data.X.cols();
  std::vector<double> rows = rows_with(data.X, marker);
  if (classify) p.fit(frame_of(rows, n, d), Target(data.labels));
  else p.fit(frame_of(rows, n, d), Target(data.target));
  const std::vector<double> want = reference(p, rows, n, d);
  const std::size_t R = p.n_outputs();
  REQUIRE(want.size() == n * R);

  std::vector<double> batch(n * R);
  p.decision_function(rows.data(), n, d, batch.data());
  CHECK(std::memcmp(batch.data(), want.data(), batch.size() * sizeof(double)) == 0);

  std::vector<double> one(R);
  bool rows_equal = true;
  for (std::size_t i = 0; i < n; ++i) {
    p.decision_function(rows.data() + i * d, d, one.data(), R);
    rows_equal &= std::memcmp(one.data(), want.data() + i * R, R * sizeof(double)) == 0;
  }
  CHECK(rows_equal);
}

}  // namespace

TEST_CASE("Fused kernel: imputer and standard scaler before a logistic regression", "[fused]") {
  // 517 rows: 2 full blocks of 256 and a tail of 5, within a block 8-row chunks and a rest.
  auto data = testing::make_synthetic(517, 6, 2);
  SimpleImputer imp;
  imp.missing_values = 0.0;
  check_same_bits(Pipeline({{"impute", imp}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}}),
                  data, true, 0.0);
  check_same_bits(Pipeline({{"impute", SimpleImputer{}}, {"scale", StandardScaler{}},
                            {"model", LogisticRegression{}}}),
                  data, true, kNaN);
}

TEST_CASE("Fused kernel: three operations per column, multinomial", "[fused]") {
  auto data = testing::make_synthetic(300, 5, 3);
  SimpleImputer imp;
  imp.strategy = ImputeStrategy::median;
  MinMaxScaler mm;
  mm.feature_range = {-1.0, 1.0};
  mm.clip = true;  // mul_add and clip after the imputer: three operations
  check_same_bits(Pipeline({{"impute", imp}, {"minmax", mm}, {"model", LogisticRegression{}}}), data,
                  true, kNaN);
}

TEST_CASE("Fused kernel: every scaler and the binarizer before each regression kind", "[fused]") {
  auto data = testing::make_synthetic(263, 4, 2);
  MaxAbsScaler maxabs;
  maxabs.clip = true;
  StandardScaler no_mean, no_std;
  no_mean.with_mean = false;
  no_std.with_std = false;
  RobustScaler center_only;
  center_only.with_scaling = false;
  Binarizer bin;
  bin.threshold = 0.5;
  check_same_bits(Pipeline({{"robust", RobustScaler{}}, {"maxabs", maxabs}, {"model", Ridge{}}}), data,
                  false, 1.0);
  check_same_bits(Pipeline({{"scale", no_mean}, {"bin", bin}, {"model", LinearRegression{}}}), data,
                  false, 1.0);
  check_same_bits(Pipeline({{"scale", no_std}, {"robust", center_only}, {"model", Lasso{}}}), data,
                  false, 1.0);
  check_same_bits(Pipeline({{"minmax", MinMaxScaler{}}, {"model", ElasticNet{}}}), data, false, 1.0);
  check_same_bits(Pipeline({{"model", LinearRegression{}}}), data, false, 1.0);
  check_same_bits(Pipeline({{"impute", SimpleImputer{}}, {"model", LogisticRegression{}}}), data,
                  true, kNaN);
}

TEST_CASE("Fused kernel: steps that are not column-wise still give the step-by-step bits",
          "[fused]") {
  // An imputer with indicators widens the columns: the pipeline runs step by step.
  auto data = testing::make_synthetic(131, 3, 2);
  SimpleImputer imp;
  imp.add_indicator = true;
  check_same_bits(Pipeline({{"impute", imp}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}}),
                  data, true, kNaN);
}
