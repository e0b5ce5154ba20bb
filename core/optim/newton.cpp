#include "optim/newton.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ferry::detail {

NewtonResult minimize_newton(const NewtonObjective& f, NewtonStart start,
                             const NewtonOptions& options) {
  const Eigen::Index n = start.theta.size();
  NewtonResult r;
  r.theta = std::move(start.theta);
  double value = start.value;  // NaN while unknown
  Eigen::VectorXd g = std::move(start.grad);
  Eigen::MatrixXd H = std::move(start.hess);
  bool hess_at_theta = start.hess_at_theta;
  const double threshold = options.tol * std::max(1.0, start.grad_scale);
  const bool reuse = options.reuse_while_below > 0.0;
  Eigen::LDLT<Eigen::MatrixXd> ldlt;
  bool factored = false;
  bool want_hess = !reuse;  // compute the Hessian at the next point
  int stalls = 0;
  for (;;) {
    r.grad_max = g.lpNorm<Eigen::Infinity>();
    if (r.grad_max <= threshold) {
      r.converged = true;
      break;
    }
    if (r.iterations >= options.max_iter) break;
    ++r.iterations;
    if (!factored) {
      Eigen::MatrixXd K = H;
      if (options.flat_directions.cols() > 0) {
        // The gradient has no component along a flat direction, so adding F F^T (scaled like H)
        // makes the system definite without changing the step within the other directions.
        const double scale = std::max(K.diagonal().mean(), 1e-12);
        K.noalias() += scale * options.flat_directions * options.flat_directions.transpose();
      }
      ldlt.compute(K);
      factored = true;
    }
    Eigen::VectorXd step = ldlt.solve(-g);
    if (ldlt.info() != Eigen::Success || !step.allFinite() || g.dot(step) >= 0) step = -g;
    const double slope = g.dot(step);
    // The full step is tried with the gradient (and Hessian) at once: it is accepted nearly
    // always, and evaluating them separately would pass over the data twice. Between Hessians
    // the value is left out too: a step that cuts the gradient as fast as a good Hessian does
    // is taken on that evidence (the minimizer is the only point where the gradient vanishes).
    const bool lazy = reuse && !want_hess;
    Eigen::VectorXd trial = r.theta + step;
    Eigen::VectorXd g_trial(n);
    Eigen::MatrixXd H_trial;
    double trial_value = f(trial, &g_trial, want_hess ? &H_trial : nullptr, !lazy);
    const double ratio = g_trial.lpNorm<Eigen::Infinity>() / r.grad_max;
    bool damped = false, tiny = false;
    if (!(lazy && ratio <= options.reuse_while_below)) {
      if (lazy) trial_value = f(trial, nullptr, nullptr, true);
      if (std::isnan(value)) value = f(r.theta, nullptr, nullptr, true);
      // Below the rounding of f the line search could only see noise; this close, Newton's
      // full step is safe and converges quadratically.
      tiny = -slope <= 1e-10 * (1.0 + std::fabs(value));
      if (!tiny && !(std::isfinite(trial_value) && trial_value <= value + 1e-4 * slope)) {
        // Backtracking line search on the Armijo condition.
        double t = 0.5;
        bool accepted = false;
        for (int k = 0; k < 60; ++k, t *= 0.5) {
          trial = r.theta + t * step;
          trial_value = f(trial, nullptr, nullptr, true);
          if (std::isfinite(trial_value) && trial_value <= value + 1e-4 * t * slope) {
            accepted = true;
            break;
          }
        }
        if (!accepted) break;  // no representable decrease left
        damped = true;
        trial_value = f(trial, &g_trial, want_hess ? &H_trial : nullptr, true);
      }
    }
    if (want_hess) {
      H = std::move(H_trial);
      factored = false;
    } else if (reuse) {
      // Between Hessians, the step's change in gradient corrects H along the step (BFGS).
      const Eigen::VectorXd s = trial - r.theta, y = g_trial - g;
      const Eigen::VectorXd Hs = H * s;
      const double ys = y.dot(s), sHs = s.dot(Hs);
      if (ys > 1e-12 * y.norm() * s.norm() && sHs > 0) {
        H += y * (y.transpose() / ys) - Hs * (Hs.transpose() / sHs);
        factored = false;
      }
    }
    hess_at_theta = want_hess;
    const double new_ratio = g_trial.lpNorm<Eigen::Infinity>() / r.grad_max;
    r.theta = std::move(trial);
    value = trial_value;
    g = std::move(g_trial);
    if (reuse) want_hess = damped || !(new_ratio <= options.reuse_while_below);
    // At the gradient's rounding floor further steps change nothing: stop there. Only steps too
    // small for f to see count: far from the optimum a damped step may cut the gradient little,
    // and stopping there would stop far from the optimum.
    stalls = tiny && new_ratio > 0.5 ? stalls + 1 : 0;
    if (stalls >= 3) {
      r.grad_max = g.lpNorm<Eigen::Infinity>();
      r.converged = true;
      break;
    }
  }
  r.hess = std::move(H);
  r.hess_at_theta = hess_at_theta;
  return r;
}

NewtonResult minimize_newton(const NewtonObjective& f, Eigen::VectorXd theta0,
                             const NewtonOptions& options) {
  NewtonStart start;
  start.value = f(theta0, &start.grad, &start.hess, true);
  start.hess_at_theta = true;
  start.theta = std::move(theta0);
  start.grad_scale = start.grad.lpNorm<Eigen::Infinity>();
  return minimize_newton(f, std::move(start), options);
}

}  // namespace ferry::detail
