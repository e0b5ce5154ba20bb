#pragma once
// Shared set-up of the least-squares models: weighted centering, as scikit-learn's
// _preprocess_data does, so the intercept is recovered from the means.
#include <Eigen/Dense>

#include "steps/fit_input.hpp"

namespace ferry::detail {

struct CenteredProblem {
  Eigen::MatrixXd A;        // sqrt(w) * (X - x_mean)
  Eigen::VectorXd b;        // sqrt(w) * (y - y_mean)
  Eigen::VectorXd x_mean;   // weighted column means (zeros without intercept)
  double y_mean = 0.0;      // weighted target mean (zero without intercept)
};

/// Centers (when fit_intercept) and applies the row weights.
CenteredProblem center(const FitInput& in, bool fit_intercept);

}  // namespace ferry::detail
