#include "optim/enet_gap.hpp"

#include <algorithm>
#include <cmath>

namespace ferry::detail {

double enet_gap(const EnetProblem& pr, const Eigen::VectorXd& w, const Eigen::VectorXd& r) {
  // scikit-learn's solver works with the objective S * P: penalties alpha = S l1, beta = S l2.
  const double alpha = pr.S * pr.l1;
  const double beta = pr.S * pr.l2;
  const double r_norm2 = r.squaredNorm();
  const double w_norm2 = beta > 0 ? w.squaredNorm() : 0.0;
  Eigen::VectorXd xta = pr.A.transpose() * r;
  double gap = 0.0;
  if (alpha == 0) {
    const double xta_norm2 = xta.squaredNorm();
    if (beta == 0) {
      gap = xta_norm2;
    } else {
      gap = r_norm2 + 0.5 * beta * w_norm2 - r.dot(pr.b) + xta_norm2 / (2 * beta);
    }
  } else {
    xta -= beta * w;
    const double dual_norm = pr.positive ? xta.maxCoeff() : xta.cwiseAbs().maxCoeff();
    const double scale = dual_norm > alpha ? alpha / dual_norm : 1.0;
    const double primal = 0.5 * (r_norm2 + beta * w_norm2) + alpha * w.lpNorm<1>();
    const double dual = -0.5 * scale * scale * (r_norm2 + beta * w_norm2) + scale * r.dot(pr.b);
    gap = primal - dual;
  }
  return gap / pr.S;
}

}  // namespace ferry::detail
