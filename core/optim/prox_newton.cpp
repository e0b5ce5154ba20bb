#include "optim/prox_newton.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ferry::detail {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Coordinate-descent sweeps allowed on one model; the exact finish usually ends it far sooner.
constexpr int kMaxSweeps = 1000;

double l1_norm(const VectorXd& theta, const VectorXd& l1) {
  return (l1.array() * theta.array().abs()).sum();
}

// The signs of the penalized coordinates (0 for the unpenalized ones, whose sign means nothing).
std::vector<signed char> support_of(const VectorXd& u, const VectorXd& l1) {
  std::vector<signed char> s(static_cast<std::size_t>(u.size()), 0);
  for (Index j = 0; j < u.size(); ++j)
    if (l1[j] > 0) s[static_cast<std::size_t>(j)] = u[j] > 0 ? 1 : u[j] < 0 ? -1 : 0;
  return s;
}

// The quadratic model of F around theta:
//   m(u) = g'(u - theta) + (u - theta)' H (u - theta) / 2 + sum_j l1_j |u_j|.
struct Model {
  const VectorXd& theta;
  const VectorXd& g;
  const MatrixXd& H;
  const VectorXd& l1;
  const MatrixXd& flat;
};

// On a guessed support (a sign for each penalized coordinate that may leave 0; unpenalized ones
// are always free) the model's minimizer solves a linear system. Returns true, with u, only when
// the solution solves that system, keeps every guessed sign and leaves each coordinate held at 0
// with a model gradient within its L1 weight: then u minimizes the model. Leaves u alone otherwise.
bool solve_on_support(const Model& m, const std::vector<signed char>& sign, VectorXd& u) {
  const Index D = m.theta.size();
  std::vector<Index> free;
  VectorXd d = VectorXd::Zero(D);
  for (Index j = 0; j < D; ++j) {
    if (m.l1[j] == 0 || sign[static_cast<std::size_t>(j)] != 0) free.push_back(j);
    else d[j] = -m.theta[j];  // held at u_j = 0
  }
  const auto k = static_cast<Index>(free.size());
  if (k > 0) {
    const VectorXd h_held = m.H * d;
    MatrixXd A(k, k);
    VectorXd rhs(k);
    for (Index a = 0; a < k; ++a) {
      const Index ja = free[static_cast<std::size_t>(a)];
      for (Index b = 0; b < k; ++b) A(a, b) = m.H(ja, free[static_cast<std::size_t>(b)]);
      rhs[a] = -(m.g[ja] + m.l1[ja] * sign[static_cast<std::size_t>(ja)]) - h_held[ja];
    }
    MatrixXd K = A;
    if (m.flat.cols() > 0) {
      // As in Newton's method: the flat directions (unpenalized, so free) carry no gradient, and
      // F F^T makes the system definite without changing the step along the others.
      MatrixXd P(k, m.flat.cols());
      for (Index a = 0; a < k; ++a) P.row(a) = m.flat.row(free[static_cast<std::size_t>(a)]);
      K.noalias() += std::max(K.diagonal().mean(), 1e-12) * P * P.transpose();
    }
    const Eigen::LDLT<MatrixXd> ldlt(K);
    if (ldlt.info() != Eigen::Success) return false;
    const VectorXd df = ldlt.solve(rhs);
    if (!df.allFinite()) return false;
    // A guess no minimizer has can leave a singular system (pure L1: a multinomial feature
    // non-zero in every class); its "solution" does not solve it.
    const double size = rhs.lpNorm<Eigen::Infinity>() +
                        (A.cwiseAbs() * df.cwiseAbs()).lpNorm<Eigen::Infinity>();
    if (!((A * df - rhs).lpNorm<Eigen::Infinity>() <= 1e-8 * size)) return false;
    for (Index a = 0; a < k; ++a) d[free[static_cast<std::size_t>(a)]] = df[a];
  }
  VectorXd u_new = m.theta + d;
  const VectorXd model_grad = m.g + m.H * d;
  const VectorXd size = m.g.cwiseAbs() + m.H.cwiseAbs() * d.cwiseAbs();
  for (Index j = 0; j < D; ++j) {
    if (m.l1[j] == 0) continue;
    const signed char s = sign[static_cast<std::size_t>(j)];
    if (s != 0) {
      if (!(s > 0 ? u_new[j] > 0 : u_new[j] < 0)) return false;  // the guessed sign must hold
    } else {
      u_new[j] = 0.0;
      if (!(std::fabs(model_grad[j]) <= m.l1[j] + 1e-10 * size[j])) return false;
    }
  }
  u = std::move(u_new);
  return true;
}

// Minimizes the model by cyclic coordinate descent from u = theta. Whenever a sweep leaves the
// support and its signs unchanged (and once before the first), the support is solved for exactly;
// when that solution passes solve_on_support's checks it is the minimizer.
VectorXd minimize_model(const Model& m) {
  const Index D = m.theta.size();
  VectorXd u = m.theta;
  VectorXd hd = VectorXd::Zero(D);  // H (u - theta)
  std::vector<std::vector<signed char>> tried;
  auto finish_on = [&](const std::vector<signed char>& support) {
    if (std::find(tried.begin(), tried.end(), support) != tried.end()) return false;
    tried.push_back(support);
    return solve_on_support(m, support, u);
  };
  std::vector<signed char> previous = support_of(u, m.l1);
  if (finish_on(previous)) return u;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    double change = 0.0, largest = 0.0;
    for (Index j = 0; j < D; ++j) {
      const double a = m.H(j, j);
      if (!(a > 0)) continue;  // f does not depend on this coordinate: 0 is as good as any
      const double z = u[j] - (m.g[j] + hd[j]) / a;
      const double t = m.l1[j] / a;
      const double next = m.l1[j] > 0 ? (z > t ? z - t : z < -t ? z + t : 0.0) : z;
      if (next != u[j]) {
        hd.noalias() += (next - u[j]) * m.H.col(j);
        change = std::max(change, std::fabs(next - u[j]));
        u[j] = next;
      }
      largest = std::max(largest, std::fabs(u[j]));
    }
    std::vector<signed char> now = support_of(u, m.l1);
    if (now == previous && finish_on(now)) return u;
    previous = std::move(now);
    if (change <= 1e-15 * largest) break;  // converged to rounding without a proven support
  }
  return u;
}

}  // namespace

VectorXd l1_optimality_residual(const VectorXd& theta, const VectorXd& grad, const VectorXd& l1) {
  VectorXd r(theta.size());
  for (Index j = 0; j < theta.size(); ++j) {
    if (theta[j] != 0 || l1[j] == 0) {
      r[j] = grad[j] + (theta[j] > 0 ? l1[j] : theta[j] < 0 ? -l1[j] : 0.0);
    } else {
      const double beyond = std::fabs(grad[j]) - l1[j];
      r[j] = beyond > 0 ? std::copysign(beyond, grad[j]) : 0.0;
    }
  }
  return r;
}

NewtonResult minimize_prox_newton(const NewtonObjective& f, const VectorXd& l1,
                                  const ProxNewtonOptions& options) {
  NewtonResult r;
  r.theta = VectorXd::Zero(l1.size());
  VectorXd g;
  MatrixXd H;
  double F = f(r.theta, &g, &H, true);  // + l1 |0| = 0
  const double threshold = options.tol * std::max(1.0, g.lpNorm<Eigen::Infinity>());
  int stalls = 0;
  for (;;) {
    r.grad_max = l1_optimality_residual(r.theta, g, l1).lpNorm<Eigen::Infinity>();
    if (r.grad_max <= threshold) {
      r.converged = true;
      break;
    }
    if (r.iterations >= options.max_iter) break;
    ++r.iterations;
    const VectorXd u = minimize_model({r.theta, g, H, l1, options.flat_directions});
    const VectorXd d = u - r.theta;
    // The model's decrease from theta, less its curvature term: negative unless theta is already
    // the model's minimizer (up to rounding), where nothing is left to find.
    const double delta = g.dot(d) + l1_norm(u, l1) - l1_norm(r.theta, l1);
    if (!(delta < 0)) break;
    // Below the rounding of F the line search could only see noise; this close, the full step is
    // safe and converges quadratically.
    const bool tiny = -delta <= 1e-10 * (1.0 + std::fabs(F));
    VectorXd trial = u, g_trial;
    MatrixXd H_trial;
    double F_trial = f(trial, &g_trial, &H_trial, true) + l1_norm(trial, l1);
    if (!tiny && !(std::isfinite(F_trial) && F_trial <= F + 1e-4 * delta)) {
      // Backtracking line search on F along the step (Armijo).
      double t = 0.5;
      bool accepted = false;
      for (int k = 0; k < 60; ++k, t *= 0.5) {
        trial = r.theta + t * d;
        F_trial = f(trial, nullptr, nullptr, true) + l1_norm(trial, l1);
        if (std::isfinite(F_trial) && F_trial <= F + 1e-4 * t * delta) {
          accepted = true;
          break;
        }
      }
      if (!accepted) break;  // no representable decrease left
      F_trial = f(trial, &g_trial, &H_trial, true) + l1_norm(trial, l1);
    }
    const double new_max = l1_optimality_residual(trial, g_trial, l1).lpNorm<Eigen::Infinity>();
    r.theta = std::move(trial);
    g = std::move(g_trial);
    H = std::move(H_trial);
    F = F_trial;
    // At the rounding floor further steps change nothing: stop there (as Newton's method does).
    stalls = tiny && new_max > 0.5 * r.grad_max ? stalls + 1 : 0;
    if (stalls >= 3) {
      r.grad_max = new_max;
      r.converged = true;
      break;
    }
  }
  r.hess = std::move(H);
  r.hess_at_theta = true;
  return r;
}

}  // namespace ferry::detail
