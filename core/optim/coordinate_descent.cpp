#include "optim/coordinate_descent.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "optim/enet_gap.hpp"
#include "optim/enet_support.hpp"

namespace ferry::detail {
namespace {

std::vector<signed char> signs(const Eigen::VectorXd& w) {
  std::vector<signed char> s(static_cast<std::size_t>(w.size()));
  for (Eigen::Index j = 0; j < w.size(); ++j) s[static_cast<std::size_t>(j)] = w[j] > 0 ? 1 : w[j] < 0 ? -1 : 0;
  return s;
}

}  // namespace

EnetResult minimize_enet(const EnetProblem& pr, const EnetOptions& options) {
  const Eigen::Index p = pr.A.cols();
  // scikit-learn's units: the objective S * P, penalties alpha = S l1 and beta = S l2.
  const double alpha = pr.S * pr.l1;
  const double beta = pr.S * pr.l2;
  const Eigen::VectorXd col_norm2 = pr.A.colwise().squaredNorm().transpose();
  const double gap_tol = options.tol * pr.b.squaredNorm() / pr.S;

  EnetResult res;
  res.w = Eigen::VectorXd::Zero(p);
  Eigen::VectorXd r = pr.b;

  // Each support is solved for at most once: a rejected guess stays rejected until coordinate
  // descent moves to another support.
  std::vector<std::vector<signed char>> tried;
  auto finish_on = [&](const std::vector<signed char>& support) {
    if (std::find(tried.begin(), tried.end(), support) != tried.end()) return false;
    tried.push_back(support);
    return solve_on_support(pr, support, res.w, r);
  };

  std::vector<signed char> previous = signs(res.w);
  if (finish_on(previous)) {
    res.converged = true;
    res.gap = enet_gap(pr, res.w, r);
    return res;
  }
  while (res.iterations < options.max_iter) {
    ++res.iterations;
    double dw_max = 0.0, w_max = 0.0;
    for (Eigen::Index j = 0; j < p; ++j) {
      const double norm2 = col_norm2[j];
      if (norm2 == 0.0) continue;  // a constant column: its coefficient stays 0
      const double w_old = res.w[j];
      const double rho = pr.A.col(j).dot(r) + norm2 * w_old;
      double w_new = 0.0;
      if (!(pr.positive && rho < 0)) {
        const double shrunk = std::fabs(rho) - alpha;
        if (shrunk > 0) w_new = std::copysign(shrunk, rho) / (norm2 + beta);
      }
      if (w_new != w_old) {
        r.noalias() -= (w_new - w_old) * pr.A.col(j);
        res.w[j] = w_new;
      }
      dw_max = std::max(dw_max, std::fabs(w_new - w_old));
      w_max = std::max(w_max, std::fabs(w_new));
    }
    std::vector<signed char> now = signs(res.w);
    if (now == previous && finish_on(now)) {
      res.converged = true;
      break;
    }
    previous = std::move(now);
    if (w_max == 0.0 || dw_max <= options.tol * w_max || res.iterations == options.max_iter) {
      res.gap = enet_gap(pr, res.w, r);
      if (res.gap <= gap_tol) {
        res.converged = true;
        return res;
      }
    }
  }
  res.gap = enet_gap(pr, res.w, r);
  return res;
}

}  // namespace ferry::detail
