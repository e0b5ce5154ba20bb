#pragma once
// Damped Newton's method for smooth convex objectives small enough for a dense Hessian. Used
// where ferry promises the exact optimum (LogisticRegression), not a loose tolerance.
#include <Eigen/Dense>
#include <functional>

namespace ferry::detail {

/// Objective value at theta; fills grad and hess when they are non-null.
using NewtonObjective =
    std::function<double(const Eigen::VectorXd& theta, Eigen::VectorXd* grad, Eigen::MatrixXd* hess)>;

struct NewtonOptions {
  int max_iter = 100;
  double tol = 1e-10;  // stop when max|grad| <= tol * max(1, max|grad at start|)
  // Orthonormal columns spanning directions along which the objective is flat (for example equal
  // shifts of every multinomial intercept). Steps are kept orthogonal to them.
  Eigen::MatrixXd flat_directions;
};

struct NewtonResult {
  Eigen::VectorXd theta;
  int iterations = 0;
  bool converged = false;
  double grad_max = 0.0;  // max|grad| at the returned point
};

/// Minimizes f from theta0 with Newton steps and a backtracking (Armijo) line search.
NewtonResult minimize_newton(const NewtonObjective& f, Eigen::VectorXd theta0,
                             const NewtonOptions& options);

}  // namespace ferry::detail
