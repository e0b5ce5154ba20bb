#pragma once
// Elastic-net least squares by cyclic coordinate descent, finished by an exact solve on the active
// features: minimizes
//   P(w) = 1/(2 S) ||b - A w||^2 + l1 ||w||_1 + l2/2 ||w||^2     (optionally with w >= 0)
// which is scikit-learn's Lasso/ElasticNet objective once the caller has centered and weighted the
// data (A = sqrt(s) (X - mean), b = sqrt(s) (y - mean), S = sum of the weights s).
#include <Eigen/Dense>

namespace ferry::detail {

struct EnetProblem {
  const Eigen::MatrixXd& A;  // rows x features, column-major: coordinate descent reads columns
  const Eigen::VectorXd& b;  // rows
  double S = 1.0;            // the normalizer of the squared error (sum of the row weights), > 0
  double l1 = 0.0;           // L1 strength, >= 0
  double l2 = 0.0;           // L2 strength, >= 0
  bool positive = false;     // constrain w >= 0
};

struct EnetOptions {
  int max_iter = 1000;  // epochs (one pass over every feature each)
  // Also stop when the duality gap (in P's units) <= tol * ||b||^2 / S, checked as scikit-learn
  // does: only after an epoch whose largest coefficient change is <= tol * max |w|.
  double tol = 1e-12;
};

struct EnetResult {
  Eigen::VectorXd w;
  int iterations = 0;      // epochs run
  double gap = 0.0;        // duality gap at w, in P's units (scikit-learn's dual_gap_)
  bool converged = false;  // optimality verified, or the gap test passed
};

/// Minimizes P from w = 0. After every epoch that leaves the set of non-zero coefficients and
/// their signs unchanged (and once before the first), the linear system the optimum satisfies on
/// that set is solved exactly; when the solution keeps the signs and every other feature meets its
/// optimality condition, it is the optimum (up to rounding) and the solver stops there.
EnetResult minimize_enet(const EnetProblem& problem, const EnetOptions& options);

}  // namespace ferry::detail
