#pragma once
#include <cstddef>
#include <vector>

namespace ferry {

/// Ordinary least squares, as scikit-learn's LinearRegression; rank-deficient problems get the
/// minimum-norm solution, as scipy's lstsq gives.
struct LinearRegression {
  bool fit_intercept = true;       ///< Fit an intercept.

  std::vector<double> coef_;       ///< Fitted coefficients.
  double intercept_ = 0.0;         ///< Fitted intercept.
  std::size_t rank_ = 0;           ///< Numerical rank of the centered design.
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

/// Least squares with an L2 penalty alpha * ||coef||^2, as scikit-learn's Ridge; exact solve.
struct Ridge {
  double alpha = 1.0;              ///< Penalty strength, >= 0.
  bool fit_intercept = true;       ///< Fit an unpenalized intercept.

  std::vector<double> coef_;       ///< Fitted coefficients.
  double intercept_ = 0.0;         ///< Fitted intercept.
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

}  // namespace ferry
