#include <cmath>

#include "steps/checks.hpp"
#include "steps/linear_solve.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {
constexpr const char* kName = "Ridge";
}  // namespace

void check_params(const Ridge& s) {
  if (!(s.alpha >= 0) || !std::isfinite(s.alpha))
    throw ParameterError(std::string(kName) + ": alpha expected a finite number >= 0, found " +
                         num(s.alpha));
}

void fit(Ridge& s, const FitInput& in) {
  CenteredProblem cp = center(in, s.fit_intercept);
  Eigen::VectorXd coef;
  if (s.alpha > 0) {
    // (A'A + alpha I) coef = A'b: positive definite, so Cholesky solves it exactly.
    Eigen::MatrixXd G = cp.A.transpose() * cp.A;
    G.diagonal().array() += s.alpha;
    coef = G.llt().solve(cp.A.transpose() * cp.b);
  } else {
    coef = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(cp.A).solve(cp.b);
  }
  s.n_features_in_ = static_cast<std::size_t>(in.X.cols());
  s.coef_.assign(coef.data(), coef.data() + coef.size());
  s.intercept_ = s.fit_intercept ? cp.y_mean - cp.x_mean.dot(coef) : 0.0;
}

std::size_t n_out(const Ridge&) { return 1; }

void decision_block(const Ridge& s, const double* in, double* out, std::size_t n,
                    std::size_t ld) {
  linear_block(s.coef_.data(), s.n_features_in_, s.intercept_, in, out, n, ld);
}

void validate(const Ridge& s) {
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "coef_", s.n_features_in_, s.coef_.size());
  expect_finite(kName, "coef_", s.coef_);
  expect_finite(kName, "intercept_", {s.intercept_});
  if (!(s.alpha >= 0) || !std::isfinite(s.alpha))
    throw ArtifactError(std::string(kName) + ": alpha expected a finite number >= 0, found " +
                        num(s.alpha));
}

std::vector<std::string> names_out(const Ridge&, const std::vector<std::string>&) { return {}; }

std::vector<bool> missing_out(const Ridge&, const std::vector<bool>&) { return {}; }

}  // namespace ferry::detail
