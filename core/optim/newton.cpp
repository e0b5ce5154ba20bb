#include "optim/newton.hpp"

#include <algorithm>
#include <cmath>

namespace ferry::detail {

NewtonResult minimize_newton(const NewtonObjective& f, Eigen::VectorXd theta0,
                             const NewtonOptions& options) {
  const Eigen::Index n = theta0.size();
  NewtonResult r;
  r.theta = std::move(theta0);
  Eigen::VectorXd g(n);
  Eigen::MatrixXd H(n, n);
  double value = f(r.theta, &g, &H);
  const double threshold = options.tol * std::max(1.0, g.lpNorm<Eigen::Infinity>());
  int stalls = 0;
  for (;;) {
    r.grad_max = g.lpNorm<Eigen::Infinity>();
    if (r.grad_max <= threshold) {
      r.converged = true;
      break;
    }
    if (r.iterations >= options.max_iter) break;
    ++r.iterations;
    if (options.flat_directions.cols() > 0) {
      // The gradient has no component along a flat direction, so adding F F^T (scaled like H)
      // makes the system definite without changing the step within the other directions.
      const double scale = std::max(H.diagonal().mean(), 1e-12);
      H.noalias() += scale * options.flat_directions * options.flat_directions.transpose();
    }
    Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
    Eigen::VectorXd step = ldlt.solve(-g);
    if (ldlt.info() != Eigen::Success || !step.allFinite() || g.dot(step) >= 0) step = -g;
    const double slope = g.dot(step);
    // The full step is tried with gradient and Hessian at once: it is accepted nearly always,
    // and evaluating them separately would pass over the data twice.
    Eigen::VectorXd trial = r.theta + step;
    Eigen::VectorXd g_trial(n);
    Eigen::MatrixXd H_trial(n, n);
    double trial_value = f(trial, &g_trial, &H_trial);
    // Below the rounding of f the line search could only see noise; this close, Newton's full
    // step is safe and converges quadratically.
    const bool tiny = -slope <= 1e-10 * (1.0 + std::fabs(value));
    if (!tiny && !(std::isfinite(trial_value) && trial_value <= value + 1e-4 * slope)) {
      // Backtracking line search on the Armijo condition.
      double t = 0.5;
      bool accepted = false;
      for (int k = 0; k < 60; ++k, t *= 0.5) {
        trial = r.theta + t * step;
        trial_value = f(trial, nullptr, nullptr);
        if (std::isfinite(trial_value) && trial_value <= value + 1e-4 * t * slope) {
          accepted = true;
          break;
        }
      }
      if (!accepted) break;  // no representable decrease left
      trial_value = f(trial, &g_trial, &H_trial);
    }
    r.theta = std::move(trial);
    value = trial_value;
    g = std::move(g_trial);
    H = std::move(H_trial);
    // At the gradient's rounding floor further steps change nothing: stop there.
    stalls = g.lpNorm<Eigen::Infinity>() > 0.5 * r.grad_max ? stalls + 1 : 0;
    if (stalls >= 3) {
      r.grad_max = g.lpNorm<Eigen::Infinity>();
      r.converged = true;
      break;
    }
  }
  return r;
}

}  // namespace ferry::detail
