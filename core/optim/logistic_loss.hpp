#pragma once
// scikit-learn's logistic objective C * sum_i w_i * logloss_i + ||coef||^2 / 2 with its gradient
// and Hessian, evaluated row by row in place (no n x q copies) on all cores.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "steps/fit_input.hpp"

namespace ferry::detail {

class LogisticLoss {
 public:
  /// rows: classes (binary: 1 row for class 1; multinomial: one per class); penalty: per
  /// parameter L2 weight (0 for intercepts and for penalty none). Reads rows 0, step, 2 * step,
  /// ... of X, class_index and weight: step > 1 is a subsample that costs no copy. X, class_index
  /// and weight must outlive the loss.
  LogisticLoss(RowView X, const std::vector<int>& class_index, const Eigen::VectorXd& weight,
               double C, bool fit_intercept, Eigen::Index rows, Eigen::VectorXd penalty,
               Eigen::Index step = 1);

  /// Value at theta (rows x q, row-major), or NaN when !want_value (binary: saves a log per
  /// row); fills grad and hess when non-null. grad_at_zero, when non-null, gets the gradient at
  /// theta = 0 from the same pass over the data.
  double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd* grad, Eigen::MatrixXd* hess,
                    bool want_value = true, Eigen::VectorXd* grad_at_zero = nullptr) const;

  /// Value at theta = 0, known without reading the data: every class has probability 1/K.
  double value_at_zero() const;

  /// Parameters per coefficient row (features, plus one for the intercept).
  Eigen::Index q() const { return q_; }
  /// Rows read (n / step, rounded up).
  Eigen::Index n() const { return n_; }

 private:
  struct Partial {
    double value = 0.0;
    Eigen::VectorXd grad;   // rows x q, row-major like theta
    Eigen::VectorXd grad0;  // the same at theta = 0
    Eigen::MatrixXd hess;   // (rows*q) x (rows*q), lower triangle of the lower blocks filled
  };
  void accumulate(const Eigen::VectorXd& theta, Eigen::Index begin, Eigen::Index end,
                  bool want_value, bool want_grad, bool want_hess, bool want_grad0,
                  Partial& out) const;

  RowView X_;
  const std::vector<int>& class_index_;
  const Eigen::VectorXd& weight_;
  double C_;
  bool fit_intercept_;
  Eigen::Index R_, p_, q_, step_, n_;
  Eigen::VectorXd penalty_;
  double weight_sum_ = 0.0;
};

}  // namespace ferry::detail
