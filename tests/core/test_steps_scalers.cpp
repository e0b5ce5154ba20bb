// MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer and Binarizer on small cases worked out by
// hand (or, for the quantiles, by numpy); parity on real data is in python/tests/test_parity.py.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "ferry/ferry.hpp"

using namespace ferry;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinRel;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class T> const T& step_of(const Pipeline& p, std::size_t i = 0) {
  return std::get<T>(p.steps()[i].step);
}

Pipeline fit_one(Step step, const Frame& X) {
  Pipeline p({{"step", std::move(step)}});
  p.fit(X);
  return p;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("MinMaxScaler: range, NaN ignored, constant and all-missing columns, clip",
          "[steps][minmax]") {
  Frame X;
  X.add_float64("a", {1.0, 2.0, 3.0, 5.0});
  X.add_float64("const", {4.0, 4.0, 4.0, 4.0});
  X.add_float64("gap", {kNaN, 2.0, kNaN, 6.0});
  X.add_float64("empty", {kNaN, kNaN, kNaN, kNaN});
  Pipeline p = fit_one(MinMaxScaler{}, X);
  const auto& s = step_of<MinMaxScaler>(p);
  CHECK(s.data_min_[0] == 1.0);
  CHECK(s.data_max_[0] == 5.0);
  CHECK(s.data_range_[0] == 4.0);
  CHECK(s.scale_[0] == 0.25);
  CHECK(s.min_[0] == -0.25);
  CHECK(s.data_range_[1] == 0.0);
  CHECK(s.scale_[1] == 1.0);  // zero range: scale 1, as scikit-learn does
  CHECK(s.min_[1] == -4.0);
  CHECK(s.data_min_[2] == 2.0);
  CHECK(s.min_[2] == -0.5);
  CHECK(std::isnan(s.data_min_[3]));  // all missing: NaN throughout, as numpy's nanmin
  CHECK(std::isnan(s.scale_[3]));
  CHECK(s.n_samples_seen_ == 4);
  auto t = p.transform(Row{{"a", 3.0}, {"const", 4.0}, {"gap", kNaN}, {"empty", 1.0}});
  CHECK(t[0] == 0.5);
  CHECK(t[1] == 0.0);
  CHECK(std::isnan(t[2]));  // NaN passes through
  CHECK(std::isnan(t[3]));  // a column all missing at fit transforms to NaN

  MinMaxScaler clipped;
  clipped.feature_range = {-1.0, 1.0};
  clipped.clip = true;
  Pipeline q = fit_one(clipped, X);
  CHECK(step_of<MinMaxScaler>(q).scale_[0] == 0.5);
  CHECK(step_of<MinMaxScaler>(q).min_[0] == -1.5);
  CHECK(q.transform(Row{{"a", 7.0}, {"const", 4.0}, {"gap", -10.0}, {"empty", 0.0}})[0] == 1.0);
  CHECK(q.transform(Row{{"a", -3.0}, {"const", 4.0}, {"gap", -10.0}, {"empty", 0.0}})[2] == -1.0);
  CHECK(std::isnan(q.transform(Row{{"a", kNaN}, {"const", 4.0}, {"gap", 3.0}, {"empty", 0.0}})[0]));
  CHECK(q.feature_names_out() == std::vector<std::string>{"a", "const", "gap", "empty"});

  MinMaxScaler bad;
  bad.feature_range = {1.0, 0.0};
  CHECK_THROWS_AS(Pipeline({{"mm", bad}}), ParameterError);
  CHECK_THROWS_WITH(Pipeline({{"mm", bad}}),
                    "MinMaxScaler: feature_range expected (min, max) of finite numbers with min < "
                    "max, found (1, 0)");
  bad.feature_range = {0.0, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_AS(Pipeline({{"mm", bad}}), ParameterError);

  Frame huge;
  huge.add_float64("h", {-1e308, 1e308});
  CHECK_THROWS_WITH(fit_one(MinMaxScaler{}, huge),
                    StartsWith("MinMaxScaler: feature 0 (min -1e+308, max 1e+308) expected a range "
                               "and scale that fit in a double"));
}

TEST_CASE("MaxAbsScaler: largest magnitude, zero columns, clip", "[steps][maxabs]") {
  Frame X;
  X.add_float64("a", {-4.0, 2.0, kNaN, 1.0});
  X.add_float64("zeros", {0.0, 0.0, 0.0, 0.0});
  Pipeline p = fit_one(MaxAbsScaler{}, X);
  const auto& s = step_of<MaxAbsScaler>(p);
  CHECK(s.max_abs_ == std::vector<double>{4.0, 0.0});
  CHECK(s.scale_ == std::vector<double>{4.0, 1.0});
  CHECK(s.n_samples_seen_ == 4);
  CHECK(p.transform(Row{{"a", 2.0}, {"zeros", 5.0}}) == std::vector<double>{0.5, 5.0});
  CHECK(std::isnan(p.transform(Row{{"a", kNaN}, {"zeros", 5.0}})[0]));

  MaxAbsScaler clipped;
  clipped.clip = true;
  Pipeline q = fit_one(clipped, X);
  CHECK(q.transform(Row{{"a", 8.0}, {"zeros", -5.0}}) == std::vector<double>{1.0, -1.0});
}

TEST_CASE("RobustScaler: median, numpy's linear quantiles, unit variance", "[steps][robust]") {
  Frame X;
  X.add_float64("a", {1.0, 2.0, 3.0, 4.0, 10.0});
  X.add_float64("b", {kNaN, 1.0, 2.0, 3.0, 4.0});
  X.add_float64("c", {5.0, 5.0, 5.0, 5.0, 5.0});
  Pipeline p = fit_one(RobustScaler{}, X);
  const auto& s = step_of<RobustScaler>(p);
  CHECK(s.center_ == std::vector<double>{3.0, 2.5, 5.0});  // b: NaN ignored, mean of the middle two
  // a: virtual indices 4 * 0.25 = 1 and 3: values 2 and 4. b: 0.75 and 2.25 between 1..4.
  CHECK(s.scale_ == std::vector<double>{2.0, 1.5, 1.0});  // c: spread 0 counts as 1
  CHECK(p.transform(Row{{"a", 5.0}, {"b", 4.0}, {"c", 5.0}}) == std::vector<double>{1.0, 1.0, 0.0});

  RobustScaler wide;
  wide.quantile_range = {10.0, 90.0};
  wide.with_centering = false;
  Pipeline w = fit_one(wide, X);
  CHECK(step_of<RobustScaler>(w).center_.empty());
  CHECK(same_bits(step_of<RobustScaler>(w).scale_[0], 0x1.8cccccccccccep+2));  // numpy: 7.6 - 1.4
  CHECK(w.transform(Row{{"a", 6.2}, {"b", 1.0}, {"c", 5.0}})[2] == 5.0);

  RobustScaler unit;
  unit.unit_variance = true;
  Pipeline u = fit_one(unit, X);
  // 2 / (norm.ppf(0.75) - norm.ppf(0.25)), scipy's value 0x1.7b8bd1a975674p+0.
  CHECK_THAT(step_of<RobustScaler>(u).scale_[0], WithinRel(0x1.7b8bd1a975674p+0, 4e-16));

  RobustScaler none;
  none.with_centering = none.with_scaling = false;
  Pipeline n = fit_one(none, X);
  CHECK(step_of<RobustScaler>(n).scale_.empty());
  CHECK(n.transform(Row{{"a", 5.0}, {"b", kNaN}, {"c", 5.0}})[0] == 5.0);

  RobustScaler bad;
  bad.quantile_range = {80.0, 20.0};
  CHECK_THROWS_WITH(Pipeline({{"r", bad}}),
                    "RobustScaler: quantile_range expected (q_min, q_max) with 0 <= q_min <= "
                    "q_max <= 100, found (80, 20)");
  bad.quantile_range = {0.0, 75.0};
  CHECK_NOTHROW(Pipeline({{"r", bad}}));
  bad.unit_variance = true;
  CHECK_THROWS_WITH(Pipeline({{"r", bad}}),
                    StartsWith("RobustScaler: unit_variance=True expected quantile_range with 0 < "
                               "q_min < q_max < 100"));

  Frame all_missing;
  all_missing.add_float64("m", {kNaN, kNaN});
  all_missing.add_float64("v", {1.0, 3.0});
  Pipeline m = fit_one(RobustScaler{}, all_missing);
  CHECK(std::isnan(step_of<RobustScaler>(m).center_[0]));
  CHECK(std::isnan(step_of<RobustScaler>(m).scale_[0]));
  CHECK(std::isnan(m.transform(Row{{"m", 1.0}, {"v", 2.0}})[0]));
}

TEST_CASE("Normalizer: l1, l2 and max norms, zero rows, no missing values", "[steps][normalizer]") {
  Frame X;
  X.add_float64("a", {3.0, 0.0, 1e-16});
  X.add_float64("b", {-4.0, 0.0, 0.0});
  for (auto [norm, expected] : {std::pair{Norm::l2, std::vector<double>{3.0 / 5.0, -4.0 / 5.0}},
                                std::pair{Norm::l1, std::vector<double>{3.0 / 7.0, -4.0 / 7.0}},
                                std::pair{Norm::max, std::vector<double>{0.75, -1.0}}}) {
    Normalizer s;
    s.norm = norm;
    Pipeline p = fit_one(s, X);
    CHECK(step_of<Normalizer>(p).n_features_in_ == 2);
    CHECK(p.transform(Row{{"a", 3.0}, {"b", -4.0}}) == expected);
    CHECK(p.transform(Row{{"a", 0.0}, {"b", 0.0}}) == std::vector<double>{0.0, 0.0});
    // A norm below 10 machine epsilons counts as 1, as scikit-learn's _handle_zeros_in_scale.
    CHECK(p.transform(Row{{"a", 1e-16}, {"b", 0.0}}) == std::vector<double>{1e-16, 0.0});
  }

  // Wide rows (the l1 norm is numpy's pairwise sum, recursive above 128 values): a row alone
  // and inside a batch give the same bits, and the absolute values sum to 1.
  for (std::size_t width : {20u, 300u}) {
    Frame W;
    for (std::size_t j = 0; j < width; ++j) {
      const double v = std::sin(static_cast<double>(j) + 0.5) * 10.0;
      W.add_float64("x" + std::to_string(j), {v, -2.0 * v, 0.5});
    }
    Normalizer l1;
    l1.norm = Norm::l1;
    Pipeline p = fit_one(l1, W);
    Array2D batch = p.transform(W);
    for (std::size_t i = 0; i < 3; ++i) {
      std::vector<double> one = p.transform(W.row(i));
      double total = 0.0;
      for (std::size_t j = 0; j < width; ++j) {
        CHECK(same_bits(one[j], batch(i, j)));
        total += std::fabs(one[j]);
      }
      CHECK_THAT(total, WithinRel(1.0, 1e-13));
    }
  }

  Frame gap;
  gap.add_float64("a", {1.0, kNaN});
  gap.add_float64("b", {2.0, 3.0});
  CHECK_THROWS_AS(fit_one(Normalizer{}, gap), SchemaError);
  CHECK_THROWS_WITH(fit_one(Normalizer{}, gap),
                    "column 'a' has a missing value (NaN) at row 1, but step 'step' (Normalizer) "
                    "cannot take missing values and no step before it imputes them: add a "
                    "SimpleImputer");
  Pipeline imputed({{"impute", SimpleImputer{}}, {"norm", Normalizer{}}});
  imputed.fit(gap);
  CHECK(imputed.input_schema()[0].nullable);  // the imputer takes the missing values
  Pipeline clean = fit_one(Normalizer{}, X);
  CHECK_FALSE(clean.input_schema()[0].nullable);  // serving refuses NaN, as scikit-learn does
  CHECK_THROWS_AS(clean.transform(Row{{"a", kNaN}, {"b", 1.0}}), SchemaError);
  // A column all missing at fit is NaN after a MinMaxScaler: it cannot reach the Normalizer.
  Frame empty;
  empty.add_float64("e", {kNaN, kNaN});
  CHECK_THROWS_WITH(Pipeline({{"mm", MinMaxScaler{}}, {"norm", Normalizer{}}}).fit(empty),
                    StartsWith("column 'e' has a missing value (NaN) at row 0, but step 'norm' "
                               "(Normalizer)"));

  Normalizer bad;
  bad.norm = static_cast<Norm>(7);
  CHECK_THROWS_WITH(Pipeline({{"n", bad}}), "Normalizer: norm expected l1, l2 or max, found 7");
}

TEST_CASE("Binarizer: strictly above the threshold is 1", "[steps][binarizer]") {
  Frame X;
  X.add_float64("a", {1.0, 1.5, 2.0, -3.0});
  Binarizer s;
  s.threshold = 1.5;
  Pipeline p = fit_one(s, X);
  CHECK(p.transform(X).values == std::vector<double>{0.0, 0.0, 1.0, 0.0});
  Binarizer low;
  low.threshold = -3.0;
  CHECK(fit_one(low, X).transform(X).values == std::vector<double>{1.0, 1.0, 1.0, 0.0});

  Frame gap;
  gap.add_float64("a", {1.0, kNaN});
  CHECK_THROWS_AS(fit_one(Binarizer{}, gap), SchemaError);
  // Inside a pipeline the model after it sees 0/1 features.
  Frame Y;
  Y.add_float64("a", {1.0, 1.5, 2.0, 3.0});
  Pipeline m({{"bin", s}, {"model", LogisticRegression{}}});
  m.fit(Y, Target(std::vector<std::string>{"n", "n", "y", "y"}));
  CHECK(m.predict(Row{{"a", 9.0}}) == Value("y"));
  CHECK(m.predict(Row{{"a", 1.5}}) == Value("n"));

  Binarizer bad;
  bad.threshold = kNaN;
  CHECK_THROWS_WITH(Pipeline({{"b", bad}}), "Binarizer: threshold expected a finite number, found nan");
  bad.threshold = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(Pipeline({{"b", bad}}), "Binarizer: threshold expected a finite number, found inf");
}
