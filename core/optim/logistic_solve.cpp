#include "optim/logistic_solve.hpp"

#include <algorithm>
#include <cmath>

#include "optim/logistic_loss.hpp"

namespace ferry::detail {
namespace {

// Each coarser level reads every 16th row of the level above it. A level's optimum is then close
// enough to the next one's that a few gradient passes finish the job there, while a coarse solve
// costs a small fraction of one pass over the level above.
constexpr Eigen::Index kShrink = 16;
// A level is solved from zero, with plain Newton, once the level below it would have fewer rows
// than this many per parameter: its Hessian would then be too rough to stand in for the next one.
constexpr Eigen::Index kRowsPerParameter = 64;
constexpr Eigen::Index kMinRows = 1000;
// Coarse levels only need to land well inside their distance to the finer level's optimum.
constexpr double kCoarseTol = 1e-4;
constexpr int kCoarseMaxIter = 100;
// With a warm start, the Hessian is reused (with BFGS corrections) while each step cuts the
// gradient at least fourfold; only a slower step pays for a new one.
constexpr double kReuseWhileBelow = 0.25;

NewtonObjective objective(const LogisticLoss& loss) {
  return [&loss](const Eigen::VectorXd& theta, Eigen::VectorXd* grad, Eigen::MatrixXd* hess,
                 bool need_value) { return loss(theta, grad, hess, need_value); };
}

struct Problem {
  const LogisticProblem& pr;
  Eigen::Index dim;    // parameters
  double full_weight;  // sum of all row weights
};

// Minimizes the objective on rows 0, step, 2 step, ..., its loss scaled to weigh against the
// penalty as the full data's does. Large levels start from the optimum of the next coarser level
// and from its Hessian. With need_hessian, the Hessian at the result is returned with it.
NewtonResult solve_level(const Problem& p, Eigen::Index step, const NewtonOptions& options,
                         bool need_hessian) {
  const LogisticProblem& pr = p.pr;
  double level_weight = 0.0;
  for (Eigen::Index i = 0; step > 1 && i < pr.X.rows(); i += step) level_weight += pr.weight[i];
  const double scale = level_weight > 0 ? p.full_weight / level_weight : 1.0;
  const LogisticLoss loss(pr.X, pr.class_index, pr.weight, pr.C * scale, pr.fit_intercept,
                          pr.rows, pr.penalty, step);
  const NewtonObjective f = objective(loss);
  NewtonResult result;
  bool solved = false;
  if (loss.n() / kShrink >= std::max(kMinRows, kRowsPerParameter * p.dim)) {
    NewtonOptions coarse = options;
    coarse.tol = std::max(options.tol, kCoarseTol);
    coarse.max_iter = kCoarseMaxIter;
    NewtonResult warm = solve_level(p, step * kShrink, coarse, true);
    if (warm.converged) {
      NewtonStart start;
      Eigen::VectorXd grad_at_zero;
      start.value = loss(warm.theta, &start.grad, nullptr, true, &grad_at_zero);
      // A coarse optimum worse than zero (a subsample unlike the data) is no start.
      if (std::isfinite(start.value) && start.value <= loss.value_at_zero()) {
        start.theta = std::move(warm.theta);
        start.hess = std::move(warm.hess);
        start.grad_scale = grad_at_zero.lpNorm<Eigen::Infinity>();
        NewtonOptions reuse = options;
        reuse.reuse_while_below = kReuseWhileBelow;
        result = minimize_newton(f, std::move(start), reuse);
        solved = true;
      }
    }
  }
  if (!solved) result = minimize_newton(f, Eigen::VectorXd::Zero(p.dim), options);
  if (need_hessian && !result.hess_at_theta) {
    Eigen::VectorXd grad;
    loss(result.theta, &grad, &result.hess);
    result.hess_at_theta = true;
  }
  return result;
}

}  // namespace

NewtonResult solve_logistic(const LogisticProblem& pr, const NewtonOptions& options) {
  const Eigen::Index dim = pr.rows * (pr.X.cols() + (pr.fit_intercept ? 1 : 0));
  return solve_level({pr, dim, pr.weight.sum()}, 1, options, false);
}

NewtonResult solve_logistic_l1(const LogisticProblem& pr, const Eigen::VectorXd& l1,
                               const ProxNewtonOptions& options) {
  const LogisticLoss loss(pr.X, pr.class_index, pr.weight, pr.C, pr.fit_intercept, pr.rows,
                          pr.penalty);
  const NewtonObjective f = objective(loss);
  return minimize_prox_newton(f, l1, options);
}

}  // namespace ferry::detail
