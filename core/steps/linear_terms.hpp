#pragma once
// A fitted linear model as coefficients and intercepts: what explanations split.
#include <cstddef>
#include <vector>

#include "ferry/step.hpp"

namespace ferry::detail {

/// rows decision values, each intercept[r] + sum_j coef[r * features + j] * x_j.
struct LinearTerms {
  std::size_t rows = 0;
  std::size_t features = 0;
  std::vector<double> coef;       // rows x features, row-major
  std::vector<double> intercept;  // rows
  bool log_link = false;          // decision_function is exp of the linear predictor (Poisson)
};

/// The terms of a fitted model; throws ParameterError naming the step for a transformer.
LinearTerms linear_terms(const NamedStep& model);

}  // namespace ferry::detail
