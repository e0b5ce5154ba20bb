#pragma once
#include <cstddef>
#include <vector>

namespace ferry {

/// Poisson regression with a log link, as scikit-learn's PoissonRegressor: minimizes
/// 1/sum_i s_i * sum_i s_i (exp(eta_i) - y_i eta_i) + alpha/2 ||coef||^2 with
/// eta = X coef + intercept (half the mean Poisson deviance up to a constant; intercept not
/// penalized), by Newton's method to the optimum. Predicts the mean exp(X coef + intercept), which
/// is also its decision value. Targets must be >= 0.
struct PoissonRegressor {
  double alpha = 1.0;              ///< L2 penalty strength, >= 0.
  bool fit_intercept = true;       ///< Fit an unpenalized intercept.
  int max_iter = 100;              ///< Newton iterations allowed, >= 1.
  double tol = 1e-12;              ///< Stop when max |gradient| <= tol * max(1, |initial gradient|).

  std::vector<double> coef_;       ///< Fitted coefficients of the linear predictor.
  double intercept_ = 0.0;         ///< Fitted intercept of the linear predictor.
  int n_iter_ = 0;                 ///< Newton iterations used.
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

}  // namespace ferry
