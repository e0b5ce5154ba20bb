#pragma once
// The exact finish of coordinate descent: on a guessed support (the non-zero coefficients and
// their signs) the elastic-net optimum solves a linear system; solving it and checking the
// optimality conditions either proves the guess or rejects it.
#include <Eigen/Dense>
#include <vector>

#include "optim/coordinate_descent.hpp"

namespace ferry::detail {

/// Solves (A_s' A_s + S l2 I) w_s = A_s' b - S l1 sign_s on the features with sign[j] != 0 (the
/// others held at 0). Returns true, with w and r = b - A w, only when the solution keeps every
/// sign and each feature outside the support satisfies |A_j' r| <= S l1 (A_j' r <= S l1 when
/// positive) up to a rounding allowance: then w is the optimum. Leaves w and r alone otherwise.
bool solve_on_support(const EnetProblem& problem, const std::vector<signed char>& sign,
                      Eigen::VectorXd& w, Eigen::VectorXd& r);

}  // namespace ferry::detail
