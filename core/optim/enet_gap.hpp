#pragma once
// The duality gap of the elastic-net problem (coordinate_descent.hpp), computed as scikit-learn's
// cd_fast.gap_enet does, so ferry's dual_gap_ means what scikit-learn's means.
#include <Eigen/Dense>

#include "optim/coordinate_descent.hpp"

namespace ferry::detail {

/// Gap at w, whose residual r = b - A w the caller keeps; in P's units (scikit-learn's dual_gap_).
/// With l1 = 0 it uses the dual that needs no feasibility scaling (l2 > 0), and with no penalty at
/// all it is ||A' r||^2 / S, the first-order condition, as scikit-learn reports.
double enet_gap(const EnetProblem& problem, const Eigen::VectorXd& w, const Eigen::VectorXd& r);

}  // namespace ferry::detail
