// LogisticRegression with the L1 and elastic-net penalties, and one-vs-rest: the optimality
// conditions checked at the fitted point independently of the solver (the gradient recomputed
// here, row by row), the special cases that must give the very same bits as another route, and
// the parameter errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ferry/ferry.hpp"

using namespace ferry;

namespace {

// Correlated features (x2 is nearly x0) and labels drawn from a softmax of three linear scores;
// `classes` 2 merges the last two classes.
struct Data {
  Frame X;
  std::vector<std::vector<double>> cols;  // feature columns
  std::vector<std::int64_t> y;            // 0 .. classes-1
  std::vector<double> weight;             // uneven sample weights
};

Data make_data(int classes, std::size_t n = 300) {
  std::uint64_t state = 7;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  Data d;
  d.cols.assign(5, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const double a = 2 * next() - 1, b = 2 * next() - 1, c = 2 * next() - 1, e = 2 * next() - 1;
    d.cols[0][i] = a;
    d.cols[1][i] = b;
    d.cols[2][i] = a + 0.05 * (2 * next() - 1);
    d.cols[3][i] = c;
    d.cols[4][i] = e;  // noise: a strong L1 penalty drops it
    const double s[3] = {2.0 * a - 1.0 * b, -1.5 * a + 2.0 * c + 0.3, 0.5 * b - 1.0 * c};
    double sum = 0, p[3];
    for (int k = 0; k < 3; ++k) sum += p[k] = std::exp(s[k]);
    double u = next() * sum;
    std::int64_t label = 0;
    while (label < 2 && u >= p[label]) u -= p[label++];
    d.y.push_back(classes == 2 ? std::min<std::int64_t>(label, 1) : label);
    d.weight.push_back(0.5 + next());
  }
  for (std::size_t j = 0; j < d.cols.size(); ++j) d.X.add_float64("x" + std::to_string(j), d.cols[j]);
  return d;
}

// The fitted model of p (p must outlive the reference).
const LogisticRegression& model_of(const Pipeline& p) {
  return std::get<LogisticRegression>(p.steps().back().step);
}

LogisticRegression make(Penalty penalty, double C, double l1_ratio = 0.0,
                        MultiClass multi_class = MultiClass::multinomial) {
  LogisticRegression m;
  m.penalty = penalty;
  m.C = C;
  m.l1_ratio = l1_ratio;
  m.multi_class = multi_class;
  return m;
}

Pipeline fit(const Data& d, const LogisticRegression& m, bool weighted = false) {
  Pipeline p({{"model", m}});
  if (weighted) p.fit(d.X, Target(d.y), d.weight);
  else p.fit(d.X, Target(d.y));
  return p;
}

// Checks the optimality conditions of one softmax (rows > 1) or logistic (rows == 1) problem at
// the fitted coefficients: with g the gradient of C sum_i s_i loss_i + l2/2 ||W||^2,
// g_kj + l1 sign(W_kj) = 0 where W_kj != 0, |g_kj| <= l1 where W_kj = 0, and the intercepts'
// gradient 0. `positive` maps each row to the class it scores (binary: class 1 of the 0/1 labels).
// Returns the largest violation relative to max(1, max |gradient at 0|).
double optimality_violation(const Data& d, const std::vector<int>& label, const Array2D& W,
                            const std::vector<double>& b, double C, double l1, double l2,
                            const std::vector<double>& s) {
  const std::size_t n = label.size(), p = d.cols.size(), R = W.rows;
  std::vector<std::vector<double>> g(R, std::vector<double>(p + 1, 0.0));
  std::vector<std::vector<double>> g0(R, std::vector<double>(p + 1, 0.0));
  const double uniform = 1.0 / static_cast<double>(R == 1 ? 2 : R);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> z(R), prob(R);
    for (std::size_t k = 0; k < R; ++k) {
      z[k] = b[k];
      for (std::size_t j = 0; j < p; ++j) z[k] += W(k, j) * d.cols[j][i];
    }
    if (R == 1) {
      prob[0] = 1.0 / (1.0 + std::exp(-z[0]));
    } else {
      double m = z[0], sum = 0;
      for (double v : z) m = std::max(m, v);
      for (std::size_t k = 0; k < R; ++k) sum += prob[k] = std::exp(z[k] - m);
      for (double& v : prob) v /= sum;
    }
    for (std::size_t k = 0; k < R; ++k) {
      const double t = R == 1 ? (label[i] == 1 ? 1.0 : 0.0) : (label[i] == static_cast<int>(k) ? 1.0 : 0.0);
      const double r = C * s[i] * (prob[k] - t), r0 = C * s[i] * (uniform - t);
      for (std::size_t j = 0; j < p; ++j) {
        g[k][j] += r * d.cols[j][i];
        g0[k][j] += r0 * d.cols[j][i];
      }
      g[k][p] += r;
      g0[k][p] += r0;
    }
  }
  double scale = 1.0, worst = 0.0;
  for (const auto& row : g0)
    for (double v : row) scale = std::max(scale, std::fabs(v));
  for (std::size_t k = 0; k < R; ++k) {
    for (std::size_t j = 0; j < p; ++j) {
      const double w = W(k, j), gj = g[k][j] + l2 * w;
      const double v = w != 0 ? std::fabs(gj + std::copysign(l1, w)) : std::max(0.0, std::fabs(gj) - l1);
      worst = std::max(worst, v);
    }
    worst = std::max(worst, std::fabs(g[k][p]));
  }
  return worst / scale;
}

std::vector<int> as_int(const std::vector<std::int64_t>& y) { return {y.begin(), y.end()}; }

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::size_t zeros(const Array2D& W) {
  std::size_t z = 0;
  for (double v : W.values) z += v == 0.0;
  return z;
}

}  // namespace

TEST_CASE("logistic l1: binary fits meet the optimality conditions", "[logistic][l1]") {
  const Data d = make_data(2);
  const std::vector<double> ones(d.y.size(), 1.0);
  for (double C : {0.01, 0.1, 1.0}) {
    for (double r : {1.0, 0.5, 0.2}) {
      for (bool weighted : {false, true}) {
        INFO("C " << C << " l1_ratio " << r << (weighted ? " weighted" : ""));
        const Pipeline p = fit(d, make(r == 1.0 ? Penalty::l1 : Penalty::elasticnet, C, r), weighted);
        const LogisticRegression& m = model_of(p);
        REQUIRE(m.coef_.rows == 1);
        CHECK(m.n_iter_ >= 1);
        CHECK(m.n_iter_ < 100);
        CHECK(optimality_violation(d, as_int(d.y), m.coef_, m.intercept_, C, r, 1.0 - r,
                                   weighted ? d.weight : ones) <= 1e-11);
      }
    }
  }
  // A strong L1 penalty zeroes the noise feature (and more); a strong enough one every feature.
  CHECK(model_of(fit(d, make(Penalty::l1, 0.05))).coef_(0, 4) == 0.0);
  const Pipeline strong = fit(d, make(Penalty::l1, 1e-4));
  const LogisticRegression& none = model_of(strong);
  CHECK(zeros(none.coef_) == 5);
  CHECK(none.intercept_[0] != 0.0);
}

TEST_CASE("logistic l1: multinomial fits meet the optimality conditions", "[logistic][l1]") {
  const Data d = make_data(3);
  const std::vector<double> ones(d.y.size(), 1.0);
  for (double C : {0.05, 1.0, 10.0}) {
    for (double r : {1.0, 0.5}) {
      INFO("C " << C << " l1_ratio " << r);
      const Pipeline p = fit(d, make(r == 1.0 ? Penalty::l1 : Penalty::elasticnet, C, r), true);
      const LogisticRegression& m = model_of(p);
      REQUIRE(m.coef_.rows == 3);
      CHECK(optimality_violation(d, as_int(d.y), m.coef_, m.intercept_, C, r, 1.0 - r, d.weight) <=
            1e-11);
      // The intercepts' flat direction is pinned as for l2: they sum to 0.
      CHECK(std::fabs(m.intercept_[0] + m.intercept_[1] + m.intercept_[2]) <= 1e-12);
    }
  }
  // Pure L1 leaves a coefficient of each feature at 0 in some class (the median of a feature's
  // three coefficients is 0 at the optimum: shifting all three would lower the penalty).
  const Pipeline p = fit(d, make(Penalty::l1, 1.0));
  const LogisticRegression& m = model_of(p);
  for (std::size_t j = 0; j < 5; ++j) {
    INFO("feature " << j);
    CHECK((m.coef_(0, j) == 0 || m.coef_(1, j) == 0 || m.coef_(2, j) == 0));
  }
}

TEST_CASE("logistic one-vs-rest: one binary fit per class", "[logistic][ovr]") {
  const Data d = make_data(3);
  for (const LogisticRegression& base :
       {make(Penalty::l2, 1.0), make(Penalty::l1, 0.5), make(Penalty::elasticnet, 2.0, 0.3)}) {
    LogisticRegression ovr = base;
    ovr.multi_class = MultiClass::ovr;
    const Pipeline p = fit(d, ovr, true);
    const LogisticRegression& m = model_of(p);
    REQUIRE(m.coef_.rows == 3);
    int most = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      // Class k against the rest, fitted alone on 0/1 labels: the same bits.
      Data dk = d;
      for (auto& label : dk.y) label = label == static_cast<std::int64_t>(k) ? 1 : 0;
      const Pipeline pk = fit(dk, base, true);
      const LogisticRegression& mk = model_of(pk);
      INFO("class " << k);
      CHECK(same_bits(std::vector<double>(m.coef_.row(k), m.coef_.row(k) + 5), mk.coef_.values));
      CHECK(same_bits({m.intercept_[k]}, mk.intercept_));
      most = std::max(most, mk.n_iter_);
    }
    CHECK(m.n_iter_ == most);
    // Decision values per class; probabilities the normalized per-class sigmoids.
    const Frame probe = d.X;
    const auto decision = p.decision_function(probe);
    const auto proba = p.predict_proba(probe);
    const auto predicted = p.predict(probe);
    REQUIRE(decision.cols == 3);
    for (std::size_t i = 0; i < 20; ++i) {
      double sig[3], sum = 0;
      std::size_t best = 0;
      for (std::size_t k = 0; k < 3; ++k) {
        sum += sig[k] = 1.0 / (1.0 + std::exp(-decision(i, k)));
        if (decision(i, k) > decision(i, best)) best = k;
      }
      for (std::size_t k = 0; k < 3; ++k) CHECK(proba(i, k) == sig[k] / sum);
      CHECK(predicted[i] == Value(static_cast<std::int64_t>(best)));
    }
  }
}

TEST_CASE("logistic l1: special cases take the same route, bit for bit", "[logistic][l1]") {
  const Data d2 = make_data(2), d3 = make_data(3);
  for (const Data* d : {&d2, &d3}) {
    // elasticnet with l1_ratio 0 is l2; with l1_ratio 1 it is l1.
    CHECK(same_bits(model_of(fit(*d, make(Penalty::elasticnet, 0.7, 0.0))).coef_.values,
                    model_of(fit(*d, make(Penalty::l2, 0.7))).coef_.values));
    CHECK(same_bits(model_of(fit(*d, make(Penalty::elasticnet, 0.7, 1.0))).coef_.values,
                    model_of(fit(*d, make(Penalty::l1, 0.7))).coef_.values));
    // l2, none and l1 ignore l1_ratio.
    CHECK(same_bits(model_of(fit(*d, make(Penalty::l2, 0.7, 0.4))).coef_.values,
                    model_of(fit(*d, make(Penalty::l2, 0.7))).coef_.values));
    CHECK(same_bits(model_of(fit(*d, make(Penalty::l1, 0.7, 0.4))).coef_.values,
                    model_of(fit(*d, make(Penalty::l1, 0.7))).coef_.values));
  }
  // With two classes one-vs-rest is the binary fit.
  for (const LogisticRegression& base : {make(Penalty::l2, 1.0), make(Penalty::l1, 0.3)}) {
    LogisticRegression ovr = base;
    ovr.multi_class = MultiClass::ovr;
    const Pipeline a = fit(d2, ovr), b = fit(d2, base);
    CHECK(same_bits(model_of(a).coef_.values, model_of(b).coef_.values));
    CHECK(same_bits(a.predict_proba(d2.X).values, b.predict_proba(d2.X).values));
  }
}

TEST_CASE("logistic l1: parameter errors name the parameter", "[logistic][l1]") {
  const Data d = make_data(2, 40);
  using Catch::Matchers::Contains;
  for (double r : {-0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    CHECK_THROWS_AS(fit(d, make(Penalty::elasticnet, 1.0, r)), ParameterError);
    CHECK_THROWS_WITH(fit(d, make(Penalty::elasticnet, 1.0, r)),
                      Contains("l1_ratio expected a number in [0, 1]"));
  }
  LogisticRegression bad = make(Penalty::l1, 1.0);
  bad.penalty = static_cast<Penalty>(7);
  CHECK_THROWS_WITH(fit(d, bad), Contains("penalty expected l2, none, l1 or elasticnet, found 7"));
  bad = make(Penalty::l1, 1.0);
  bad.multi_class = static_cast<MultiClass>(5);
  CHECK_THROWS_WITH(fit(d, bad), Contains("multi_class expected multinomial or ovr, found 5"));
  CHECK_THROWS_WITH(fit(d, make(Penalty::l1, 0.0)), Contains("C expected a finite number > 0"));
}
