// LogisticRegression on data large enough for the solver's subsample warm start (from about
// 16,000 rows here): it must still land on the optimum, for every objective variant. The
// optimality condition is checked independently of the solver: the gradient of the objective,
// computed here from its definition in long double, vanishes at the fitted coefficients.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

using namespace ferry;

namespace {

struct Case {
  const char* name;
  std::size_t rows;
  int classes;
  LogisticRegression model;
  bool sample_weights;
};

// max |gradient| of C * sum_i w_i * logloss_i + l2 * |coef|^2 / 2 (intercepts unpenalized), at
// the fitted coefficients and at zero.
std::pair<double, double> gradients(const LogisticRegression& m, const testing::Synthetic& data,
                                    const std::vector<double>& weight,
                                    const std::vector<Value>& classes) {
  const std::size_t n = data.labels.size(), p = m.n_features_in_, R = m.coef_.rows;
  const std::size_t K = classes.size();
  const double C = m.penalty == Penalty::none ? 1.0 : m.C;
  const double l2 = m.penalty == Penalty::none ? 0.0 : 1.0;
  std::vector<long double> g(R * (p + 1), 0.0L), g0(R * (p + 1), 0.0L);
  std::vector<double> x(p);
  std::vector<long double> z(R), prob(R);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < p; ++j) x[j] = data.X.column(j).value(i).as_double();
    const auto y = static_cast<std::size_t>(
        std::find(classes.begin(), classes.end(), Value(data.labels[i])) - classes.begin());
    for (std::size_t r = 0; r < R; ++r) {
      z[r] = m.intercept_[r];
      for (std::size_t j = 0; j < p; ++j) z[r] += static_cast<long double>(m.coef_(r, j)) * x[j];
    }
    if (R == 1) {
      prob[0] = 1.0L / (1.0L + std::exp(-z[0]));
    } else {
      const long double top = *std::max_element(z.begin(), z.end());
      long double sum = 0.0L;
      for (std::size_t r = 0; r < R; ++r) sum += std::exp(z[r] - top);
      for (std::size_t r = 0; r < R; ++r) prob[r] = std::exp(z[r] - top) / sum;
    }
    for (std::size_t r = 0; r < R; ++r) {
      const long double target = R == 1 ? (y == 1 ? 1.0L : 0.0L) : (y == r ? 1.0L : 0.0L);
      const long double resid = C * weight[i] * (prob[r] - target);
      const long double resid0 = C * weight[i] * (1.0L / static_cast<long double>(K) - target);
      for (std::size_t j = 0; j < p; ++j) {
        g[r * (p + 1) + j] += resid * x[j];
        g0[r * (p + 1) + j] += resid0 * x[j];
      }
      if (m.fit_intercept) {
        g[r * (p + 1) + p] += resid;
        g0[r * (p + 1) + p] += resid0;
      }
    }
  }
  double at_fit = 0.0, at_zero = 0.0;
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t j = 0; j <= p; ++j) {
      const long double pen = j < p ? l2 * m.coef_(r, j) : 0.0L;
      at_fit = std::max(at_fit, static_cast<double>(std::fabs(g[r * (p + 1) + j] + pen)));
      at_zero = std::max(at_zero, static_cast<double>(std::fabs(g0[r * (p + 1) + j])));
    }
  return {at_fit, at_zero};
}

// Sample weight times class weight per row, as scikit-learn multiplies them.
std::vector<double> row_weights(const LogisticRegression& m, const testing::Synthetic& data,
                                const std::vector<double>& sample) {
  const std::size_t n = data.labels.size();
  std::map<std::string, double> per_class, total;
  double all = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    total[data.labels[i]] += sample[i];
    all += sample[i];
  }
  for (const auto& [label, t] : total) {
    per_class[label] = 1.0;
    if (m.class_weight_mode == ClassWeightMode::balanced)
      per_class[label] = all / (static_cast<double>(total.size()) * t);
  }
  for (const auto& [label, w] : m.class_weight) per_class[label.as_string()] = w;
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = sample[i] * per_class[data.labels[i]];
  return w;
}

}  // namespace

TEST_CASE("LogisticRegression on large data reaches the optimum of every objective variant",
          "[steps][logistic]") {
  LogisticRegression l2_half, none_no_icpt, multi_given, multi_none, multi_no_icpt, l2_default;
  l2_half.C = 0.5;
  none_no_icpt.penalty = Penalty::none;
  none_no_icpt.fit_intercept = false;
  none_no_icpt.class_weight_mode = ClassWeightMode::balanced;
  multi_given.C = 2.0;
  multi_given.class_weight_mode = ClassWeightMode::given;
  multi_given.class_weight = {{Value("c"), 2.5}};
  multi_none.penalty = Penalty::none;
  multi_no_icpt.fit_intercept = false;
  const std::vector<Case> cases = {
      {"binary, l2, sample weights", 40000, 2, l2_half, true},
      {"binary, no penalty, no intercept, balanced", 40000, 2, none_no_icpt, false},
      {"multinomial, l2, class weight", 40000, 3, multi_given, false},
      {"multinomial, no penalty, sample weights", 40000, 3, multi_none, true},
      {"multinomial, l2, no intercept", 40000, 3, multi_no_icpt, false},
      {"binary, l2, two subsample levels", 300000, 2, l2_default, false},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const auto data = testing::make_synthetic(c.rows, 4, c.classes, 7);
      std::vector<double> sample(c.rows, 1.0);
      if (c.sample_weights)
        for (std::size_t i = 0; i < c.rows; ++i) sample[i] = i % 7 == 0 ? 0.0 : 0.5 + static_cast<double>(i % 3);
      Pipeline p({{"model", c.model}});
      p.fit(data.X, Target(data.labels), c.sample_weights ? sample : std::vector<double>{});
      const auto& m = std::get<LogisticRegression>(p.steps()[0].step);
      const auto [at_fit, at_zero] = gradients(m, data, row_weights(m, data, sample), p.classes());
      INFO("max|gradient| " << at_fit << " at the fit, " << at_zero << " at zero; "
                            << m.n_iter_ << " iterations");
      CHECK(at_fit <= 1e-9 * std::max(1.0, at_zero));
      CHECK(m.n_iter_ < m.max_iter);

      if (c.classes == 3 && c.sample_weights) {  // the same input gives the same bits
        Pipeline again({{"model", c.model}});
        again.fit(data.X, Target(data.labels), sample);
        const auto& m2 = std::get<LogisticRegression>(again.steps()[0].step);
        CHECK(std::memcmp(m.coef_.values.data(), m2.coef_.values.data(),
                          sizeof(double) * m.coef_.values.size()) == 0);
      }
    }
  }
}
