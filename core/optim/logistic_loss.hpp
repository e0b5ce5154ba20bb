#pragma once
// scikit-learn's logistic objective C * sum_i w_i * logloss_i + ||coef||^2 / 2 with its gradient
// and Hessian, evaluated in row chunks (cache-sized, no n x q copies) on all cores.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "steps/fit_input.hpp"

namespace ferry::detail {

class LogisticLoss {
 public:
  /// rows: classes (binary: 1 row for class 1; multinomial: one per class); penalty: per
  /// parameter L2 weight (0 for intercepts and for penalty none).
  LogisticLoss(RowView X, const std::vector<int>& class_index, Eigen::VectorXd weight,
               double C, bool fit_intercept, Eigen::Index rows, Eigen::VectorXd penalty);

  /// Value at theta (rows x q, row-major); fills grad and hess when non-null.
  double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                    Eigen::MatrixXd* hess) const;

  /// Parameters per coefficient row (features, plus one for the intercept).
  Eigen::Index q() const { return q_; }

 private:
  struct Partial {
    double value = 0.0;
    Eigen::MatrixXd grad;  // rows x q
    Eigen::MatrixXd hess;  // (rows*q) x (rows*q), lower triangle of diagonal blocks filled
  };
  void accumulate(const Eigen::VectorXd& theta, Eigen::Index begin, Eigen::Index end,
                  bool want_grad, bool want_hess, Partial& out) const;

  RowView X_;
  const std::vector<int>& class_index_;
  Eigen::VectorXd weight_;
  double C_;
  bool fit_intercept_;
  Eigen::Index R_, p_, q_;
  Eigen::VectorXd penalty_;
};

}  // namespace ferry::detail
