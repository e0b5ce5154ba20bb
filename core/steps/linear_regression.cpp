#include <cmath>

#include "steps/checks.hpp"
#include "steps/linear_solve.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {
constexpr const char* kName = "LinearRegression";
}  // namespace

void check_params(const LinearRegression&) {}

void fit(LinearRegression& s, const FitInput& in) {
  CenteredProblem cp = center(in, s.fit_intercept);
  // Minimum-norm least squares, as scipy's lstsq returns for rank-deficient designs.
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(cp.A);
  Eigen::VectorXd coef = cod.solve(cp.b);
  s.rank_ = static_cast<std::size_t>(cod.rank());
  s.n_features_in_ = static_cast<std::size_t>(in.X.cols());
  s.coef_.assign(coef.data(), coef.data() + coef.size());
  s.intercept_ = s.fit_intercept ? cp.y_mean - cp.x_mean.dot(coef) : 0.0;
}

std::size_t n_out(const LinearRegression&) { return 1; }

void decision_block(const LinearRegression& s, const double* in, double* out, std::size_t n,
                    std::size_t ld) {
  linear_block(s.coef_.data(), s.n_features_in_, s.intercept_, in, out, n, ld);
}

void validate(const LinearRegression& s) {
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "coef_", s.n_features_in_, s.coef_.size());
  expect_finite(kName, "coef_", s.coef_);
  expect_finite(kName, "intercept_", {s.intercept_});
}

std::vector<std::string> names_out(const LinearRegression&, const std::vector<std::string>&) {
  return {};
}

std::vector<bool> missing_out(const LinearRegression&, const std::vector<bool>&) { return {}; }

}  // namespace ferry::detail
