#pragma once
#include <string>
#include <vector>

#include "ferry/array.hpp"
#include "ferry/export.hpp"

namespace ferry {

/// One row's decision values split into additive parts per input column, for a pipeline ending
/// in a linear model. A model feature's part (coefficient x value) goes to the input columns it
/// was computed from, in equal shares when it reads several (PCA, PolynomialFeatures, Normalizer);
/// a feature that reads no column (a bias term) joins the intercept. For each decision value,
/// intercept + the sum of the parts equals the linear predictor up to rounding.
struct FERRY_API Explanation {
  std::vector<std::string> columns;  ///< Input column names, in schema order.
  /// Decision values x columns, row-major: each input column's part of each decision value
  /// (one decision value for binary classifiers and regressors, one per class otherwise).
  Array2D contributions;
  std::vector<double> intercept;     ///< Per decision value: the model's intercept and constants.
  /// Per decision value: the linear predictor the parts add up to, decision_function(row) (for
  /// PoissonRegressor, whose decision_function is its prediction, the log of it).
  std::vector<double> decision;
};

}  // namespace ferry
