#pragma once
// scikit-learn's PoissonRegressor objective with its gradient and Hessian:
//   f(w, b) = 1/S sum_i s_i (exp(eta_i) - y_i eta_i + y_i log y_i - y_i) + alpha/2 ||w||^2,
//   eta = X w + b,
// half the weighted mean Poisson deviance (0 at a perfect fit) plus the L2 penalty; the intercept
// b is not penalized. Parameters are theta = (w, b), or w alone without an intercept.
#include <Eigen/Dense>

#include "steps/fit_input.hpp"

namespace ferry::detail {

class PoissonLoss {
 public:
  /// y >= 0 and weights >= 0 with a positive sum, as the caller has checked.
  PoissonLoss(RowView X, const Eigen::VectorXd& y, const Eigen::VectorXd& weight,
              double alpha, bool fit_intercept);

  /// Value at theta; fills grad and hess when non-null. +inf when exp overflows.
  double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                    Eigen::MatrixXd* hess) const;

 private:
  RowView X_;
  const Eigen::VectorXd& y_;
  Eigen::VectorXd s_;     // weights / S
  double constant_ = 0;   // 1/S sum_i s_i (y_i log y_i - y_i)
  double alpha_;
  bool fit_intercept_;
};

}  // namespace ferry::detail
