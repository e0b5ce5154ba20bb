#pragma once
// Proximal Newton's method for F(theta) = f(theta) + sum_j l1_j |theta_j|, f smooth and convex
// with a dense Hessian: the L1 (and elastic-net) penalties of LogisticRegression, solved to the
// optimum. Each step minimizes the quadratic model of f plus the exact L1 term (coordinate
// descent, finished by an exact solve once the model's support is found), then a backtracking line
// search on F. It stops on the optimality condition itself: the minimum-norm subgradient of F.
#include <Eigen/Dense>
#include <vector>

#include "optim/newton.hpp"

namespace ferry::detail {

struct ProxNewtonOptions {
  int max_iter = 100;
  double tol = 1e-12;  // stop when max |optimality residual| <= tol * max(1, max |grad f(0)|)
  // Orthonormal columns spanning directions along which f is flat and that carry no L1 weight
  // (for example equal shifts of every multinomial intercept); see NewtonOptions.
  Eigen::MatrixXd flat_directions;
  // Groups of penalized parameters along whose equal shift f is flat (a multinomial feature's
  // coefficients in every class, without an L2 part): there the L1 term alone decides, and the
  // model is also minimized along each group's shift, which coordinate descent would only crawl
  // along.
  std::vector<std::vector<Eigen::Index>> shift_groups;
};

/// The minimum-norm subgradient of F at theta, coordinate by coordinate, given grad = grad f(theta):
/// grad_j + l1_j sign(theta_j) where theta_j != 0 or l1_j = 0, and the part of |grad_j| beyond
/// l1_j (with grad_j's sign) where theta_j = 0. Zero exactly at the minimizer.
Eigen::VectorXd l1_optimality_residual(const Eigen::VectorXd& theta, const Eigen::VectorXd& grad,
                                       const Eigen::VectorXd& l1);

/// Minimizes F from theta = 0 (l1: one weight >= 0 per parameter). result.grad_max is the largest
/// optimality residual at the returned point; result.hess is the Hessian of f there.
NewtonResult minimize_prox_newton(const NewtonObjective& f, const Eigen::VectorXd& l1,
                                  const ProxNewtonOptions& options);

}  // namespace ferry::detail
