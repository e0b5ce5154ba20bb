// Lasso and ElasticNet: hand-computed optima on an orthogonal design, the optimality conditions
// checked independently of the solver on a correlated one, weights, and parameter errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "ferry/ferry.hpp"

using namespace ferry;
using Catch::Matchers::WithinAbs;

namespace {

template <class T> const T& model_of(const Pipeline& p) { return std::get<T>(p.steps().back().step); }

// Two centred, orthogonal columns with x_j'x_j / n = 1: the optimum is the soft-thresholded
// least-squares coefficient, coef_j = soft(x_j'(y - mean) / n, l1) / (1 + l2). Here
// x1'(y - mean) / n = 1 and x2'(y - mean) / n = 1.5, mean(y) = 0.5.
Frame orthogonal() {
  Frame X;
  X.add_float64("x1", {1, -1, 1, -1}).add_float64("x2", {1, 1, -1, -1});
  return X;
}
const std::vector<double> kY{3, 1, 0, -2};

// A correlated design where plain coordinate descent crawls: x2 is nearly x0.
struct Correlated {
  Frame X;
  std::vector<std::vector<double>> cols;
  std::vector<double> y;
};

Correlated correlated(std::size_t n = 200) {
  std::uint64_t state = 11;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5;
  };
  Correlated c;
  c.cols.assign(4, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const double a = next(), b = next(), d = next();
    c.cols[0][i] = a;
    c.cols[1][i] = b;
    c.cols[2][i] = a + 0.01 * next();
    c.cols[3][i] = d;
    c.y.push_back(3.0 * a - 2.0 * b + 1.0 * d + 0.1 * next() + 7.0);
  }
  for (std::size_t j = 0; j < 4; ++j) c.X.add_float64("x" + std::to_string(j), c.cols[j]);
  return c;
}

// Checks the optimality conditions of 1/(2S) sum s_i r_i^2 + l1 |w|_1 + l2/2 |w|^2 at the fitted
// point: for each feature, g_j = (1/S) sum_i s_i r_i (x_ij - mean_j) equals l2 w_j + l1 sign(w_j)
// where w_j != 0 and lies in [-l1, l1] (or <= l1 with positive) where w_j = 0; and the weighted
// residuals sum to 0 (the intercept's condition).
void check_optimal(const Correlated& c, const std::vector<double>& s, const std::vector<double>& w,
                   double b, double l1, double l2, bool positive) {
  const std::size_t n = c.y.size(), p = c.cols.size();
  double S = 0;
  for (double v : s) S += v;
  std::vector<double> mean(p, 0.0), r(n);
  for (std::size_t j = 0; j < p; ++j)
    for (std::size_t i = 0; i < n; ++i) mean[j] += s[i] * c.cols[j][i] / S;
  double rsum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double f = b;
    for (std::size_t j = 0; j < p; ++j) f += w[j] * c.cols[j][i];
    r[i] = c.y[i] - f;
    rsum += s[i] * r[i];
  }
  CHECK_THAT(rsum / S, WithinAbs(0.0, 1e-12));
  for (std::size_t j = 0; j < p; ++j) {
    double g = 0;
    for (std::size_t i = 0; i < n; ++i) g += s[i] * r[i] * (c.cols[j][i] - mean[j]) / S;
    INFO("feature " << j << ": w = " << w[j] << ", g = " << g);
    if (w[j] != 0) {
      CHECK_THAT(g, WithinAbs(l2 * w[j] + l1 * (w[j] > 0 ? 1 : -1), 1e-11));
      if (positive) CHECK(w[j] > 0);
    } else {
      CHECK((positive ? g : std::fabs(g)) <= l1 + 1e-11);
    }
  }
}

}  // namespace

TEST_CASE("Lasso and ElasticNet soft-threshold an orthogonal design exactly", "[steps][enet]") {
  Lasso lasso;
  lasso.alpha = 0.5;
  Pipeline p({{"m", lasso}});
  p.fit(orthogonal(), Target(kY));
  const auto& m = model_of<Lasso>(p);
  CHECK_THAT(m.coef_[0], WithinAbs(0.5, 1e-15));
  CHECK_THAT(m.coef_[1], WithinAbs(1.0, 1e-15));
  CHECK_THAT(m.intercept_, WithinAbs(0.5, 1e-15));
  CHECK(m.n_iter_ >= 1);
  CHECK_THAT(m.dual_gap_, WithinAbs(0.0, 1e-15));
  // Predictions: the linear model, the same bits through every path.
  const Array2D d = p.decision_function(orthogonal());
  CHECK_THAT(d(0, 0), WithinAbs(0.5 + 0.5 + 1.0, 1e-15));
  CHECK(p.predict(orthogonal())[3].as_double() == d(3, 0));

  ElasticNet enet;
  enet.alpha = 0.5;  // l1 = l2 = 0.25
  Pipeline e({{"m", enet}});
  e.fit(orthogonal(), Target(kY));
  CHECK_THAT(model_of<ElasticNet>(e).coef_[0], WithinAbs(0.75 / 1.25, 1e-15));
  CHECK_THAT(model_of<ElasticNet>(e).coef_[1], WithinAbs(1.0, 1e-15));

  lasso.alpha = 1.2;  // x1 drops out
  Pipeline q({{"m", lasso}});
  q.fit(orthogonal(), Target(kY));
  CHECK(model_of<Lasso>(q).coef_[0] == 0.0);
  CHECK_THAT(model_of<Lasso>(q).coef_[1], WithinAbs(0.3, 1e-15));

  lasso.alpha = 1.5;  // at alpha_max every coefficient is 0: optimal before the first epoch
  Pipeline z({{"m", lasso}});
  z.fit(orthogonal(), Target(kY));
  CHECK(model_of<Lasso>(z).coef_ == std::vector<double>{0.0, 0.0});
  CHECK(model_of<Lasso>(z).intercept_ == 0.5);
  CHECK(model_of<Lasso>(z).n_iter_ == 0);

  lasso.alpha = 0.5;
  lasso.fit_intercept = false;  // uncentred: x'y / n = 1 and 1.5 as well (the columns sum to 0)
  Pipeline u({{"m", lasso}});
  u.fit(orthogonal(), Target(kY));
  CHECK_THAT(model_of<Lasso>(u).coef_[1], WithinAbs(1.0, 1e-15));
  CHECK(model_of<Lasso>(u).intercept_ == 0.0);
}

TEST_CASE("Lasso and ElasticNet stop at the optimum of a correlated problem", "[steps][enet]") {
  const Correlated c = correlated();
  const std::vector<double> ones(c.y.size(), 1.0);
  for (double alpha : {0.001, 0.01, 0.1}) {
    for (bool positive : {false, true}) {
      Lasso lasso;
      lasso.alpha = alpha;
      lasso.positive = positive;
      Pipeline p({{"m", lasso}});
      p.fit(c.X, Target(c.y));
      const auto& m = model_of<Lasso>(p);
      INFO("Lasso alpha " << alpha << (positive ? " positive" : ""));
      check_optimal(c, ones, m.coef_, m.intercept_, alpha, 0.0, positive);
      CHECK(m.n_iter_ < lasso.max_iter);
      CHECK(m.dual_gap_ <= 1e-12);
    }
    for (double l1_ratio : {0.0, 0.3, 0.9}) {
      ElasticNet enet;
      enet.alpha = alpha;
      enet.l1_ratio = l1_ratio;
      Pipeline p({{"m", enet}});
      p.fit(c.X, Target(c.y));
      const auto& m = model_of<ElasticNet>(p);
      INFO("ElasticNet alpha " << alpha << " l1_ratio " << l1_ratio);
      check_optimal(c, ones, m.coef_, m.intercept_, alpha * l1_ratio, alpha * (1 - l1_ratio), false);
    }
  }
}

TEST_CASE("Lasso sample weights: as scikit-learn, 1/(2 sum s) sum s_i r_i^2", "[steps][enet]") {
  const Correlated c = correlated(120);
  std::vector<double> s(c.y.size());
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<double>(i % 3);  // 0, 1 or 2
  Lasso lasso;
  lasso.alpha = 0.02;
  Pipeline p({{"m", lasso}});
  p.fit(c.X, Target(c.y), s);
  const auto& m = model_of<Lasso>(p);
  check_optimal(c, s, m.coef_, m.intercept_, 0.02, 0.0, false);

  // Scaling every weight leaves the objective's minimizer where it was (to the rounding of this
  // ill-conditioned design: x2 is nearly x0).
  std::vector<double> s3 = s;
  for (double& v : s3) v *= 3.0;
  Pipeline q({{"m", lasso}});
  q.fit(c.X, Target(c.y), s3);
  for (std::size_t j = 0; j < 4; ++j) CHECK_THAT(model_of<Lasso>(q).coef_[j], WithinAbs(m.coef_[j], 1e-9));
}

TEST_CASE("Lasso's tol: a loose one stops early with its duality gap", "[steps][enet]") {
  const Correlated c = correlated();
  Lasso exact, loose;
  exact.alpha = loose.alpha = 0.001;
  loose.tol = 1e-2;
  Pipeline a({{"m", exact}}), b({{"m", loose}});
  a.fit(c.X, Target(c.y));
  b.fit(c.X, Target(c.y));
  const auto& ma = model_of<Lasso>(a);
  const auto& mb = model_of<Lasso>(b);
  CHECK(mb.n_iter_ <= ma.n_iter_);
  CHECK(mb.dual_gap_ >= ma.dual_gap_);
  CHECK(mb.dual_gap_ > 0);
  Lasso one = exact;
  one.max_iter = 1;
  Pipeline o({{"m", one}});
  o.fit(c.X, Target(c.y));
  CHECK(model_of<Lasso>(o).n_iter_ == 1);
}

TEST_CASE("Lasso and ElasticNet refuse bad parameters by name", "[steps][enet]") {
  Lasso l;
  l.alpha = -1;
  CHECK_THROWS_AS(Pipeline({{"m", l}}), ParameterError);
  CHECK_THROWS_WITH(Pipeline({{"m", l}}), "Lasso: alpha expected a finite number >= 0, found -1");
  l.alpha = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(Pipeline({{"m", l}}), "Lasso: alpha expected a finite number >= 0, found inf");
  l = Lasso{};
  l.max_iter = 0;
  CHECK_THROWS_WITH(Pipeline({{"m", l}}), "Lasso: max_iter expected an integer >= 1, found 0");
  l = Lasso{};
  l.tol = -1e-3;
  CHECK_THROWS_WITH(Pipeline({{"m", l}}), "Lasso: tol expected a finite number >= 0, found -0.001");
  ElasticNet e;
  e.l1_ratio = 1.5;
  CHECK_THROWS_WITH(Pipeline({{"m", e}}), "ElasticNet: l1_ratio expected a number in [0, 1], found 1.5");
  e.l1_ratio = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(Pipeline({{"m", e}}), "ElasticNet: l1_ratio expected a number in [0, 1], found nan");
  // A model needs numeric targets.
  Pipeline p({{"m", Lasso{}}});
  CHECK_THROWS_WITH(p.fit(orthogonal(), Target(std::vector<std::string>{"a", "b", "a", "b"})),
                    "step 'm' (Lasso): expected numeric targets, found string labels");
}
