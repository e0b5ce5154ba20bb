#pragma once
#include <cstddef>
#include <vector>

namespace ferry {

/// Least squares with an L1 penalty, as scikit-learn's Lasso: minimizes
/// 1/(2 sum_i s_i) sum_i s_i (y_i - x_i coef - intercept)^2 + alpha ||coef||_1 (s the sample
/// weights; intercept not penalized) by cyclic coordinate descent finished by an exact solve on the
/// non-zero coefficients, so it stops at the optimum rather than near it.
struct Lasso {
  double alpha = 1.0;              ///< Penalty strength, >= 0.
  bool fit_intercept = true;       ///< Fit an unpenalized intercept.
  int max_iter = 1000;             ///< Coordinate descent epochs allowed, >= 1.
  double tol = 1e-12;              ///< Also stop once the duality gap <= tol * weighted mean (y - ybar)^2.
  bool positive = false;           ///< Constrain the coefficients to be >= 0.

  std::vector<double> coef_;       ///< Fitted coefficients.
  double intercept_ = 0.0;         ///< Fitted intercept.
  int n_iter_ = 0;                 ///< Coordinate descent epochs used.
  double dual_gap_ = 0.0;          ///< Duality gap at the fitted coefficients (scikit-learn's dual_gap_).
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

/// Least squares with L1 and L2 penalties, as scikit-learn's ElasticNet: minimizes
/// 1/(2 sum_i s_i) sum_i s_i (y_i - x_i coef - intercept)^2 + alpha * l1_ratio * ||coef||_1
/// + alpha * (1 - l1_ratio) / 2 * ||coef||^2, solved as Lasso is.
struct ElasticNet {
  double alpha = 1.0;              ///< Penalty strength, >= 0.
  double l1_ratio = 0.5;           ///< Share of the L1 penalty, in [0, 1].
  bool fit_intercept = true;       ///< Fit an unpenalized intercept.
  int max_iter = 1000;             ///< Coordinate descent epochs allowed, >= 1.
  double tol = 1e-12;              ///< Also stop once the duality gap <= tol * weighted mean (y - ybar)^2.
  bool positive = false;           ///< Constrain the coefficients to be >= 0.

  std::vector<double> coef_;       ///< Fitted coefficients.
  double intercept_ = 0.0;         ///< Fitted intercept.
  int n_iter_ = 0;                 ///< Coordinate descent epochs used.
  double dual_gap_ = 0.0;          ///< Duality gap at the fitted coefficients (scikit-learn's dual_gap_).
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

}  // namespace ferry
