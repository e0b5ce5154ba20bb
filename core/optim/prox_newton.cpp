#include "optim/prox_newton.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ferry::detail {

Eigen::VectorXd l1_optimality_residual(const Eigen::VectorXd& theta, const Eigen::VectorXd& grad,
                                       const Eigen::VectorXd& l1) {
  Eigen::VectorXd r(theta.size());
  for (Eigen::Index j = 0; j < theta.size(); ++j) {
    if (theta[j] != 0 || l1[j] == 0) {
      r[j] = grad[j] + (theta[j] > 0 ? l1[j] : theta[j] < 0 ? -l1[j] : 0.0);
    } else {
      const double beyond = std::fabs(grad[j]) - l1[j];
      r[j] = beyond > 0 ? std::copysign(beyond, grad[j]) : 0.0;
    }
  }
  return r;
}

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Coordinate-descent sweeps allowed on one model; the exact finish usually ends it far sooner.
constexpr int kMaxSweeps = 1000;
// Sweeps between exact tries while the support keeps changing.
constexpr int kRetryEvery = 8;

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
  const std::vector<std::vector<Index>>& groups;
};

// The c minimizing q c^2 / 2 + b c + sum_k w_k |c - p_k| (q >= 0, w_k > 0): where the increasing
// q c + b + sum_k w_k sign(c - p_k) passes 0, the one nearest 0 where a whole interval does.
double shift_minimizer(double q, double b, std::vector<std::pair<double, double>> pw) {
  std::sort(pw.begin(), pw.end());
  double below = 0.0;  // sum of w_k over the breakpoints left of the current interval
  double total = 0.0;
  for (const auto& [p, w] : pw) total += w;
  // Interval i lies between breakpoint i-1 and i (-inf and +inf at the ends); its slope term is
  // below - (total - below).
  const std::size_t n = pw.size();
  for (std::size_t i = 0; i <= n; ++i) {
    const double lo = i == 0 ? -HUGE_VAL : pw[i - 1].first;
    const double hi = i == n ? HUGE_VAL : pw[i].first;
    const double s = below - (total - below) + b;  // h(c) = q c + s inside the interval
    if (q > 0) {
      const double c = -s / q;
      if (c >= lo && c <= hi) return c;
    } else if (s == 0) {
      return std::min(std::max(0.0, lo), hi);  // flat: any c in the interval, nearest 0
    }
    if (i < n) {
      // At breakpoint i, h jumps by 2 w_i: the minimizer when the jump passes 0.
      const double at = q * hi + s;
      if (at < 0 && at + 2 * pw[i].second >= 0) return hi;
      below += pw[i].second;
    }
  }
  return 0.0;  // unreachable for a convex h; stay
}

enum class Exact {
  solved,  // u is the model's minimizer
  moved,   // u moved to a lower model value on the way to the support's solution
  failed   // no usable solution on this support; u unchanged
};

// On the support of u (the signs of its penalized coordinates; unpenalized ones are always free)
// the model's minimizer over that orthant face solves a linear system. Solves it, and:
// - when the solution keeps every sign and each coordinate held at 0 has a model gradient within
//   its L1 weight, it is the model's minimizer: u takes it (solved);
// - when it keeps the signs but some held coordinate would rather leave 0, u takes it too, the
//   face's minimizer (moved);
// - when some sign would flip, u moves toward it until the first coordinate reaches 0, which is
//   then set to 0 (moved): along that segment the model is a convex quadratic decreasing to the
//   solution, so the move lowers it, and the support shrinks.
// A system that the solution does not solve (singular: a support no minimizer has) fails.
Exact solve_on_support(const Model& m, const std::vector<signed char>& sign, VectorXd& u) {
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
    if (ldlt.info() != Eigen::Success) return Exact::failed;
    const VectorXd df = ldlt.solve(rhs);
    if (!df.allFinite()) return Exact::failed;
    // A support no minimizer has can leave a singular system with no solution (pure L1: a
    // multinomial feature non-zero in every class, where the face's model falls linearly along
    // equal shifts of the feature's coefficients). What LDLT returns for it is huge and misses
    // the right-hand side by about its own size; a solvable system, even an ill-conditioned one,
    // is met far more closely.
    if (!((A * df - rhs).lpNorm<Eigen::Infinity>() <= 1e-6 * rhs.lpNorm<Eigen::Infinity>()))
      return Exact::failed;
    for (Index a = 0; a < k; ++a) d[free[static_cast<std::size_t>(a)]] = df[a];
  }
  VectorXd target = m.theta + d;
  // The first sign to flip on the way from u, if any.
  double t = 1.0;
  Index first = -1;
  for (Index j : free) {
    const signed char s = sign[static_cast<std::size_t>(j)];
    if (s == 0 || (s > 0 ? target[j] > 0 : target[j] < 0)) continue;
    const double tj = u[j] / (u[j] - target[j]);  // in (0, 1]: u_j has sign s, target_j not
    if (tj < t || first < 0) {
      t = std::min(t, tj);
      first = j;
    }
  }
  if (first >= 0) {
    u += t * (target - u);
    u[first] = 0.0;
    for (Index j = 0; j < D; ++j)
      if (sign[static_cast<std::size_t>(j)] == 0 && m.l1[j] > 0) u[j] = 0.0;
    return Exact::moved;
  }
  for (Index j = 0; j < D; ++j)
    if (sign[static_cast<std::size_t>(j)] == 0 && m.l1[j] > 0) target[j] = 0.0;
  const VectorXd model_grad = m.g + m.H * d;
  const VectorXd scale = m.g.cwiseAbs() + m.H.cwiseAbs() * d.cwiseAbs();
  bool optimal = true;
  for (Index j = 0; j < D && optimal; ++j)
    if (m.l1[j] > 0 && sign[static_cast<std::size_t>(j)] == 0)
      optimal = std::fabs(model_grad[j]) <= m.l1[j] + 1e-10 * scale[j];
  u = std::move(target);
  return optimal ? Exact::solved : Exact::moved;
}

// Minimizes the model by cyclic coordinate descent from u = theta, until its own optimality
// residual is at most `enough` (an inexact step is enough far from the optimum). Whenever a
// sweep leaves the support and its signs unchanged (and once before the first), the support is
// solved for exactly (solve_on_support): either that is the minimizer, or it moves u a long way
// where coordinate descent alone would crawl (correlated features, a nearly flat direction).
VectorXd minimize_model(const Model& m, double enough) {
  const Index D = m.theta.size();
  VectorXd u = m.theta;
  VectorXd hd = VectorXd::Zero(D);  // H (u - theta)
  std::vector<std::vector<signed char>> tried;
  // Tries the support of u once; returns true when u is the minimizer.
  auto finish = [&]() {
    const std::vector<signed char> support = support_of(u, m.l1);
    if (std::find(tried.begin(), tried.end(), support) != tried.end()) return false;
    tried.push_back(support);
    const VectorXd before = u;
    const Exact e = solve_on_support(m, support, u);
    if (e == Exact::moved) {
      // A move must lower the model; rounding in a nearly singular system could defeat that.
      const VectorXd hd_new = m.H * (u - m.theta);
      const double gain = m.g.dot(u - before) + 0.5 * (u - m.theta).dot(hd_new) -
                          0.5 * (before - m.theta).dot(hd) + l1_norm(u, m.l1) -
                          l1_norm(before, m.l1);
      if (gain < 0) hd = hd_new;
      else u = before;
    }
    return e == Exact::solved;
  };
  if (finish()) return u;
  std::vector<signed char> previous = support_of(u, m.l1);
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
    for (const std::vector<Index>& group : m.groups) {
      // The model along the group's equal shift c: q c^2 / 2 + b c + sum_k l1_k |u_k + c|.
      double q = 0.0, b = 0.0;
      std::vector<std::pair<double, double>> points;
      for (Index j : group) {
        b += m.g[j] + hd[j];
        for (Index k : group) q += m.H(j, k);
        points.emplace_back(-u[j], m.l1[j]);
      }
      const double c = shift_minimizer(std::max(q, 0.0), b, std::move(points));
      if (c != 0) {
        for (Index j : group) {
          hd.noalias() += c * m.H.col(j);
          u[j] += c;
        }
        change = std::max(change, std::fabs(c));
      }
    }
    // A support that holds for a sweep is worth its exact solve; so is, now and then, one that
    // keeps changing (a coordinate toggling in and out would otherwise block every try).
    std::vector<signed char> now = support_of(u, m.l1);
    if ((now == previous || sweep % kRetryEvery == kRetryEvery - 1) && finish()) return u;
    previous = support_of(u, m.l1);
    if (l1_optimality_residual(u, m.g + hd, m.l1).lpNorm<Eigen::Infinity>() <= enough) break;
    if (change <= 1e-15 * largest) break;  // converged to rounding without a proven support
  }
  return u;
}

}  // namespace

NewtonResult minimize_prox_newton(const NewtonObjective& f, const VectorXd& l1,
                                  const ProxNewtonOptions& options) {
  NewtonResult r;
  r.theta = VectorXd::Zero(l1.size());
  VectorXd g;
  MatrixXd H;
  double F = f(r.theta, &g, &H, true);  // + l1 |0| = 0
  const double scale = std::max(1.0, g.lpNorm<Eigen::Infinity>());
  const double threshold = options.tol * scale;
  int stalls = 0;
  for (;;) {
    r.grad_max = l1_optimality_residual(r.theta, g, l1).lpNorm<Eigen::Infinity>();
    if (r.grad_max <= threshold) {
      r.converged = true;
      break;
    }
    if (r.iterations >= options.max_iter) break;
    ++r.iterations;
    // Far from the optimum a rough model minimizer does; close to it, a tight one (then the
    // exact finish makes the step Newton's on the support, and convergence quadratic).
    const double enough = r.grad_max * std::min(0.1, std::sqrt(r.grad_max / scale));
    const VectorXd u =
        minimize_model({r.theta, g, H, l1, options.flat_directions, options.shift_groups}, enough);
    const VectorXd d = u - r.theta;
    // The model's decrease from theta, less its curvature term: negative unless theta is already
    // the model's minimizer (up to rounding), where nothing is left to find.
    const double delta = g.dot(d) + l1_norm(u, l1) - l1_norm(r.theta, l1);
    // Below the rounding of F the line search could only see noise (and delta's own rounding
    // may even leave it >= 0); this close, the full step is safe and converges quadratically.
    const bool tiny = std::fabs(delta) <= 1e-10 * (1.0 + std::fabs(F));
    if (!(delta < 0 || tiny) || d.lpNorm<Eigen::Infinity>() == 0) break;
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
