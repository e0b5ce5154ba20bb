// Each step kind once, against values computed by hand or optimality conditions checked
// independently of the solver. Parity with scikit-learn on real data is in test_parity_*.cpp.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

using namespace ferry;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

Pipeline fit_one(Step step, const Frame& X) {
  Pipeline p({{"step", std::move(step)}});
  p.fit(X);
  return p;
}

template <class T> const T& step_of(const Pipeline& p, std::size_t i = 0) {
  return std::get<T>(p.steps()[i].step);
}

}  // namespace

TEST_CASE("SimpleImputer strategies and the missing marker", "[steps][imputer]") {
  Frame X;
  X.add_float64("a", {1.0, 0.0, 3.0, 3.0, 7.0});
  X.add_float64("b", {kNaN, 2.0, 2.0, 5.0, 5.0});
  X.add_float64("c", {kNaN, kNaN, kNaN, kNaN, kNaN});

  SimpleImputer mean;
  mean.missing_values = 0.0;  // 0 counts as missing; NaN always does
  Pipeline pm = fit_one(mean, X);
  const auto& sm = step_of<SimpleImputer>(pm);
  CHECK(sm.statistics_[0] == 14.0 / 4.0);
  CHECK(sm.statistics_[1] == 14.0 / 4.0);
  CHECK(std::isnan(sm.statistics_[2]));  // all missing: dropped, as scikit-learn does
  CHECK(pm.feature_names_out() == std::vector<std::string>{"a", "b"});
  CHECK(pm.transform(Row{{"a", 0.0}, {"b", kNaN}, {"c", 1.0}}) == std::vector<double>{3.5, 3.5});

  SimpleImputer median;
  median.strategy = ImputeStrategy::median;
  Pipeline pd = fit_one(median, X);
  const auto& sd = step_of<SimpleImputer>(pd);
  CHECK(sd.statistics_[0] == 3.0);          // 0, 1, 3, 3, 7
  CHECK(sd.statistics_[1] == (2.0 + 5.0) / 2.0);  // even count: mean of the middle two

  SimpleImputer frequent;
  frequent.strategy = ImputeStrategy::most_frequent;
  Pipeline pf = fit_one(frequent, X);
  const auto& sf = step_of<SimpleImputer>(pf);
  CHECK(sf.statistics_[0] == 3.0);
  CHECK(sf.statistics_[1] == 2.0);  // tie between 2 and 5: the smallest wins

  SimpleImputer constant;
  constant.strategy = ImputeStrategy::constant;
  constant.fill_value = -1.0;
  Pipeline pc = fit_one(constant, X);
  CHECK(pc.n_features_out() == 3);  // constant keeps empty columns
  CHECK(pc.transform(Row{{"a", kNaN}, {"b", 4.0}, {"c", kNaN}}) == std::vector<double>{-1, 4, -1});

  SimpleImputer keep;
  keep.keep_empty_features = true;
  Pipeline pk = fit_one(keep, X);
  CHECK(pk.n_features_out() == 3);
  CHECK(step_of<SimpleImputer>(pk).statistics_[2] == 0.0);

  SimpleImputer bad;
  bad.strategy = ImputeStrategy::constant;
  bad.fill_value = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(Pipeline({{"i", bad}}),
                    "SimpleImputer: fill_value expected a finite number, found inf");
}

TEST_CASE("StandardScaler: weighted moments, NaN ignored, constant columns", "[steps][scaler]") {
  Frame X;
  X.add_float64("a", {1.0, 2.0, 3.0, 4.0});
  X.add_float64("const", {5.0, 5.0, 5.0, 5.0});
  X.add_float64("gap", {1.0, kNaN, 3.0, kNaN});
  Pipeline p({{"scale", StandardScaler{}}});
  p.fit(X, Target(), {1.0, 1.0, 1.0, 3.0});  // no model: no labels, weights still apply
  const auto& s = step_of<StandardScaler>(p);
  // Weighted mean of a: (1 + 2 + 3 + 12) / 6 = 3; variance (4 + 1 + 0 + 3) / 6.
  CHECK_THAT(s.mean_[0], WithinRel(3.0, 1e-15));
  CHECK_THAT(s.var_[0], WithinRel(8.0 / 6.0, 1e-15));
  CHECK_THAT(s.scale_[0], WithinRel(std::sqrt(8.0 / 6.0), 1e-15));
  CHECK(s.var_[1] == 0.0);
  CHECK(s.scale_[1] == 1.0);  // zero variance: divide by 1, as scikit-learn does
  CHECK(s.n_samples_seen_[2] == 2.0);
  CHECK_THAT(s.mean_[2], WithinRel(2.0, 1e-15));
  auto t = p.transform(Row{{"a", 3.0}, {"const", 5.0}, {"gap", kNaN}});
  CHECK(t[0] == 0.0);
  CHECK(t[1] == 0.0);
  CHECK(std::isnan(t[2]));  // NaN passes through

  StandardScaler no_mean;
  no_mean.with_mean = false;
  Pipeline q({{"scale", no_mean}});
  q.fit(X);
  CHECK_THAT(q.transform(Row{{"a", 3.0}, {"const", 5.0}, {"gap", 1.0}})[0],
             WithinRel(3.0 / std::sqrt(1.25), 1e-15));
}

TEST_CASE("LogisticRegression reaches the optimum of C*sum(w*loss) + |coef|^2/2",
          "[steps][logistic]") {
  auto data = testing::make_synthetic(300, 4);
  std::vector<double> weights;
  for (std::size_t i = 0; i < 300; ++i) weights.push_back(1.0 + static_cast<double>(i % 3));
  LogisticRegression lr;
  lr.C = 0.5;
  Pipeline p({{"model", lr}});
  p.fit(data.X, Target(data.labels), weights);
  const auto& m = step_of<LogisticRegression>(p);
  REQUIRE(m.coef_.rows == 1);
  REQUIRE(p.classes() == std::vector<Value>{"a", "b"});
  // Gradient of the objective, computed here from its definition, vanishes at the solution.
  std::vector<double> grad(5, 0.0);
  for (std::size_t i = 0; i < 300; ++i) {
    Row r = data.X.row(i);
    double prob_b = p.predict_proba(r)[1];
    double resid = weights[i] * (prob_b - (data.labels[i] == "b" ? 1.0 : 0.0));
    for (std::size_t j = 0; j < 4; ++j) grad[j] += lr.C * resid * r.find("x" + std::to_string(j))->as_double();
    grad[4] += lr.C * resid;
  }
  for (std::size_t j = 0; j < 4; ++j) grad[j] += m.coef_(0, j);
  for (double g : grad) CHECK_THAT(g, WithinAbs(0.0, 1e-9));
  CHECK(m.n_iter_ > 0);
  CHECK(m.n_iter_ < 30);
}

TEST_CASE("Multinomial LogisticRegression: softmax, centred intercepts", "[steps][logistic]") {
  auto data = testing::make_synthetic(400, 3, /*classes=*/3);
  Pipeline p({{"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  const auto& m = step_of<LogisticRegression>(p);
  REQUIRE(m.coef_.rows == 3);
  double intercept_sum = m.intercept_[0] + m.intercept_[1] + m.intercept_[2];
  CHECK_THAT(intercept_sum, WithinAbs(0.0, 1e-12));
  for (std::size_t j = 0; j < 3; ++j)  // at the L2 optimum each feature's coefficients sum to 0
    CHECK_THAT(m.coef_(0, j) + m.coef_(1, j) + m.coef_(2, j), WithinAbs(0.0, 1e-9));
  auto proba = p.predict_proba(data.X.row(0));
  CHECK_THAT(proba[0] + proba[1] + proba[2], WithinAbs(1.0, 1e-15));
  CHECK(p.decision_function(data.X.row(0)).size() == 3);
}

TEST_CASE("class_weight balanced equals the equivalent sample weights", "[steps][logistic]") {
  auto data = testing::make_synthetic(200, 3);
  double nb = 0;
  for (auto& l : data.labels) nb += l == "b" ? 1.0 : 0.0;
  const double na = 200.0 - nb;
  std::vector<double> w;
  for (auto& l : data.labels) w.push_back(l == "b" ? 200.0 / (2.0 * nb) : 200.0 / (2.0 * na));
  LogisticRegression balanced;
  balanced.class_weight_mode = ClassWeightMode::balanced;
  Pipeline a({{"m", balanced}});
  a.fit(data.X, Target(data.labels));
  Pipeline b({{"m", LogisticRegression{}}});
  b.fit(data.X, Target(data.labels), w);
  const auto& ca = step_of<LogisticRegression>(a).coef_.values;
  const auto& cb = step_of<LogisticRegression>(b).coef_.values;
  for (std::size_t j = 0; j < ca.size(); ++j) CHECK_THAT(ca[j], WithinRel(cb[j], 1e-9));

  LogisticRegression given;
  given.class_weight_mode = ClassWeightMode::given;
  given.class_weight = {{Value("zzz"), 2.0}};
  CHECK_THROWS_WITH(Pipeline({{"m", given}}).fit(data.X, Target(data.labels)),
                    "LogisticRegression: class_weight names class \"zzz\", which is not among the classes in y");
}

TEST_CASE("LinearRegression and Ridge solve their normal equations", "[steps][linear]") {
  auto data = testing::make_synthetic(120, 3);
  Pipeline ols({{"m", LinearRegression{}}});
  ols.fit(data.X, Target(data.target));
  const auto& lr = step_of<LinearRegression>(ols);
  CHECK(lr.rank_ == 3);
  // Residuals are orthogonal to every centred column (and sum to zero).
  Array2D pred = ols.decision_function(data.X);
  std::vector<double> dot(4, 0.0);
  for (std::size_t i = 0; i < 120; ++i) {
    double r = data.target[i] - pred(i, 0);
    for (std::size_t j = 0; j < 3; ++j)
      dot[j] += r * std::get<std::vector<double>>(data.X.column(j).data)[i];
    dot[3] += r;
  }
  for (double d : dot) CHECK_THAT(d, WithinAbs(0.0, 1e-8));

  Ridge rg;
  rg.alpha = 10.0;
  Pipeline ridge({{"m", rg}});
  ridge.fit(data.X, Target(data.target));
  const auto& rr = step_of<Ridge>(ridge);
  // Ridge shrinks: its coefficient norm is below the least-squares one.
  double n_ols = 0, n_ridge = 0;
  for (std::size_t j = 0; j < 3; ++j) {
    n_ols += lr.coef_[j] * lr.coef_[j];
    n_ridge += rr.coef_[j] * rr.coef_[j];
  }
  CHECK(n_ridge < n_ols);
  // Stationarity: sum_i r_i x_ij (centred) = alpha * coef_j.
  Array2D rp = ridge.decision_function(data.X);
  for (std::size_t j = 0; j < 3; ++j) {
    const auto& col = std::get<std::vector<double>>(data.X.column(j).data);
    double mean = 0;
    for (double v : col) mean += v / 120.0;
    double s = 0;
    for (std::size_t i = 0; i < 120; ++i) s += (data.target[i] - rp(i, 0)) * (col[i] - mean);
    CHECK_THAT(s, WithinRel(rg.alpha * rr.coef_[j], 1e-8));
  }
  Ridge neg;
  neg.alpha = -1;
  CHECK_THROWS_WITH(Pipeline({{"m", neg}}), "Ridge: alpha expected a finite number >= 0, found -1");
}

TEST_CASE("LinearRegression gives the minimum-norm solution on a duplicated column",
          "[steps][linear]") {
  Frame X;
  X.add_float64("a", {1, 2, 3, 4, 5});
  X.add_float64("a_again", {1, 2, 3, 4, 5});
  Pipeline p({{"m", LinearRegression{}}});
  p.fit(X, Target(std::vector<double>{3, 5, 7, 9, 11}));  // y = 2a + 1
  const auto& m = step_of<LinearRegression>(p);
  CHECK(m.rank_ == 1);
  CHECK_THAT(m.coef_[0], WithinRel(1.0, 1e-12));
  CHECK_THAT(m.coef_[1], WithinRel(1.0, 1e-12));
  CHECK_THAT(m.intercept_, WithinRel(1.0, 1e-12));
}
