#include "optim/enet_support.hpp"

#include <cmath>
#include <cstddef>

namespace ferry::detail {

bool solve_on_support(const EnetProblem& pr, const std::vector<signed char>& sign,
                      Eigen::VectorXd& w, Eigen::VectorXd& r) {
  const Eigen::Index p = pr.A.cols();
  const double alpha = pr.S * pr.l1;
  const double beta = pr.S * pr.l2;
  std::vector<Eigen::Index> on;
  for (Eigen::Index j = 0; j < p; ++j)
    if (sign[static_cast<std::size_t>(j)] != 0) on.push_back(j);
  const auto k = static_cast<Eigen::Index>(on.size());
  auto sign_of = [&sign](Eigen::Index j) { return sign[static_cast<std::size_t>(j)]; };

  Eigen::VectorXd w_new = Eigen::VectorXd::Zero(p);
  if (k > 0) {
    Eigen::MatrixXd As(pr.A.rows(), k);
    Eigen::VectorXd rhs(k);
    for (Eigen::Index c = 0; c < k; ++c) {
      const Eigen::Index j = on[static_cast<std::size_t>(c)];
      As.col(c) = pr.A.col(j);
      rhs[c] = As.col(c).dot(pr.b) - alpha * sign_of(j);
    }
    Eigen::MatrixXd G = As.transpose() * As;
    G.diagonal().array() += beta;
    // LDLT with pivoting copes with a semi-definite G (no L2 term, collinear support); a singular
    // one yields a non-finite or wrong solution, which the checks below then reject.
    Eigen::LDLT<Eigen::MatrixXd> ldlt(G);
    if (ldlt.info() != Eigen::Success) return false;
    const Eigen::VectorXd ws = ldlt.solve(rhs);
    if (!ws.allFinite()) return false;
    for (Eigen::Index c = 0; c < k; ++c) {
      const Eigen::Index j = on[static_cast<std::size_t>(c)];
      if (!(sign_of(j) > 0 ? ws[c] > 0 : ws[c] < 0)) return false;  // the guessed sign must hold
      w_new[j] = ws[c];
    }
  }
  Eigen::VectorXd r_new = pr.b - pr.A * w_new;
  const Eigen::VectorXd g = pr.A.transpose() * r_new;
  // What rounding alone can move A_j' r by: a small multiple of the sum of the absolute products
  // behind it, |A_j|' (|b| + |A| |w|), which also bounds the solve's own rounding on the support.
  const Eigen::MatrixXd abs_a = pr.A.cwiseAbs();
  const Eigen::VectorXd size =
      abs_a.transpose() * (pr.b.cwiseAbs() + abs_a * w_new.cwiseAbs());
  for (Eigen::Index j = 0; j < p; ++j) {
    const double allowance = 1e-11 * (size[j] + beta * std::fabs(w_new[j]));
    const signed char s = sign_of(j);
    if (s != 0) {
      // On the support the system is the optimality condition: check that it holds.
      if (!(std::fabs(g[j] - beta * w_new[j] - alpha * s) <= allowance)) return false;
    } else if (!((pr.positive ? g[j] : std::fabs(g[j])) <= alpha + allowance)) {
      return false;  // this feature would lower the objective by leaving 0
    }
  }
  w = std::move(w_new);
  r = std::move(r_new);
  return true;
}

}  // namespace ferry::detail
