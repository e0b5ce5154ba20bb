// PoissonRegressor: a case with a closed-form optimum, the optimality conditions on a larger one,
// predictions as exp of the linear predictor, and its errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "ferry/ferry.hpp"

using namespace ferry;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const PoissonRegressor& model_of(const Pipeline& p) {
  return std::get<PoissonRegressor>(p.steps().back().step);
}

}  // namespace

TEST_CASE("PoissonRegressor without a penalty fits each group's mean", "[steps][poisson]") {
  // One 0/1 feature: the unpenalized optimum predicts each group's mean, 2 and 6, so
  // intercept = log 2 and coef = log 3.
  Frame X;
  X.add_float64("g", {0, 0, 1, 1});
  PoissonRegressor m;
  m.alpha = 0.0;
  Pipeline p({{"m", m}});
  p.fit(X, Target(std::vector<double>{1, 3, 4, 8}));
  CHECK_THAT(model_of(p).intercept_, WithinAbs(std::log(2.0), 1e-14));
  CHECK_THAT(model_of(p).coef_[0], WithinAbs(std::log(3.0), 1e-14));
  CHECK(model_of(p).n_iter_ >= 1);
  // predict and decision_function both give the mean exp(x coef + intercept).
  const Array2D d = p.decision_function(X);
  CHECK_THAT(d(0, 0), WithinRel(2.0, 1e-14));
  CHECK_THAT(d(3, 0), WithinRel(6.0, 1e-14));
  CHECK(p.predict(X)[2].as_double() == d(2, 0));
  CHECK(p.predict(Row{{"g", 1.0}}).as_double() == d(3, 0));

  // Weights count rows: weight 2 on a row is that row twice.
  PoissonRegressor w = m;
  Pipeline pw({{"m", w}});
  pw.fit(X, Target(std::vector<double>{1, 3, 4, 8}), {2, 1, 1, 1});  // group 0 mean (2+3)/3
  CHECK_THAT(model_of(pw).intercept_, WithinAbs(std::log(5.0 / 3.0), 1e-14));
}

TEST_CASE("PoissonRegressor reaches the penalized optimum", "[steps][poisson]") {
  const std::size_t n = 150;
  std::uint64_t state = 5;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  std::vector<double> a(n), b(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = next() - 0.5;
    b[i] = 2.0 * next();
    y[i] = std::floor(std::exp(1.0 + 0.8 * a[i] - 0.3 * b[i]) * 3.0 * next());  // counts, some 0
  }
  Frame X;
  X.add_float64("a", a).add_float64("b", b);
  for (bool intercept : {true, false}) {
    PoissonRegressor m;
    m.alpha = 0.1;
    m.fit_intercept = intercept;
    Pipeline p({{"m", m}});
    p.fit(X, Target(y));
    const PoissonRegressor& f = model_of(p);
    // Gradient of (1/n) sum (mu_i - y_i eta_i) + alpha/2 |w|^2 vanishes at the optimum.
    double ga = 0, gb = 0, g0 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double mu = std::exp(f.intercept_ + f.coef_[0] * a[i] + f.coef_[1] * b[i]);
      ga += (mu - y[i]) * a[i] / n;
      gb += (mu - y[i]) * b[i] / n;
      g0 += (mu - y[i]) / n;
    }
    INFO("fit_intercept " << intercept);
    CHECK_THAT(ga + 0.1 * f.coef_[0], WithinAbs(0.0, 1e-12));
    CHECK_THAT(gb + 0.1 * f.coef_[1], WithinAbs(0.0, 1e-12));
    if (intercept) CHECK_THAT(g0, WithinAbs(0.0, 1e-12));
    else CHECK(f.intercept_ == 0.0);
  }
}

TEST_CASE("PoissonRegressor refuses bad parameters and targets by name", "[steps][poisson]") {
  PoissonRegressor m;
  m.alpha = -0.5;
  CHECK_THROWS_AS(Pipeline({{"m", m}}), ParameterError);
  CHECK_THROWS_WITH(Pipeline({{"m", m}}),
                    "PoissonRegressor: alpha expected a finite number >= 0, found -0.5");
  m = PoissonRegressor{};
  m.tol = 0;
  CHECK_THROWS_WITH(Pipeline({{"m", m}}), "PoissonRegressor: tol expected a finite number > 0, found 0");
  m = PoissonRegressor{};
  m.max_iter = -3;
  CHECK_THROWS_WITH(Pipeline({{"m", m}}), "PoissonRegressor: max_iter expected an integer >= 1, found -3");

  Frame X;
  X.add_float64("x", {1, 2, 3});
  Pipeline p({{"m", PoissonRegressor{}}});
  CHECK_THROWS_AS(p.fit(X, Target(std::vector<double>{1, -2, 3})), SchemaError);
  CHECK_THROWS_WITH(p.fit(X, Target(std::vector<double>{1, -2, 3})),
                    "PoissonRegressor: expected targets y >= 0 (counts, rates, amounts), found -2 at row 1");
  CHECK_THROWS_WITH(p.fit(X, Target(std::vector<double>{0, 0, 0})),
                    "PoissonRegressor: expected a positive weighted mean of y with "
                    "fit_intercept=True, found 0 (every weighted target is 0, so the intercept's "
                    "optimum is -infinity)");
  CHECK_THROWS_WITH(p.fit(X, Target(std::vector<double>{0, 0, 5}), {1, 1, 0}),
                    Catch::Matchers::StartsWith("PoissonRegressor: expected a positive weighted mean"));
  // Without an intercept an all-zero target still has a finite optimum (alpha > 0).
  PoissonRegressor no_b;
  no_b.fit_intercept = false;
  Pipeline q({{"m", no_b}});
  q.fit(X, Target(std::vector<double>{0, 0, 0}));
  CHECK(std::isfinite(model_of(q).coef_[0]));
}
