#pragma once
// Damped Newton's method for smooth convex objectives small enough for a dense Hessian. Used
// where ferry promises the exact optimum (LogisticRegression), not a loose tolerance.
#include <Eigen/Dense>
#include <functional>
#include <limits>

namespace ferry::detail {

/// Objective value at theta (NaN unless need_value); fills grad and hess when they are non-null.
using NewtonObjective = std::function<double(const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                                             Eigen::MatrixXd* hess, bool need_value)>;

struct NewtonOptions {
  int max_iter = 100;
  double tol = 1e-10;  // stop when max|grad| <= tol * max(1, grad_scale)
  // Orthonormal columns spanning directions along which the objective is flat (for example equal
  // shifts of every multinomial intercept). Steps are kept orthogonal to them.
  Eigen::MatrixXd flat_directions;
  // Keep solving with the last Hessian, corrected by a BFGS update after each step, while each
  // step cuts max|grad| at least this much, and compute a new one only when progress slows (0: a
  // new Hessian at every step, plain Newton). Such steps need no objective value either. A pass
  // without the Hessian costs a fraction of one with it.
  double reuse_while_below = 0.0;
};

/// Where to start: the point, its value and gradient, a Hessian there (exact, or an approximation
/// when reuse is allowed), and the gradient scale of the stopping test.
struct NewtonStart {
  Eigen::VectorXd theta;
  double value = std::numeric_limits<double>::quiet_NaN();  // NaN when not known
  Eigen::VectorXd grad;
  Eigen::MatrixXd hess;
  bool hess_at_theta = false;  // hess is the exact Hessian at theta
  double grad_scale = 0.0;     // max|grad| at the reference point (usually theta = 0)
};

struct NewtonResult {
  Eigen::VectorXd theta;
  Eigen::MatrixXd hess;  // the last Hessian used
  bool hess_at_theta = false;  // hess is the exact Hessian at theta
  int iterations = 0;    // steps taken
  bool converged = false;
  double grad_max = 0.0;  // max|grad| at the returned point
};

/// Minimizes f from start with Newton steps and a backtracking (Armijo) line search.
NewtonResult minimize_newton(const NewtonObjective& f, NewtonStart start,
                             const NewtonOptions& options);

/// Minimizes f from theta0, with the gradient there as the scale of the stopping test.
NewtonResult minimize_newton(const NewtonObjective& f, Eigen::VectorXd theta0,
                             const NewtonOptions& options);

}  // namespace ferry::detail
