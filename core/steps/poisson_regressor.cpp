#include <cmath>

#include "optim/newton.hpp"
#include "optim/poisson_loss.hpp"
#include "steps/checks.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "PoissonRegressor";

// The first parameter out of range as "<name> expected <range>, found <value>"; empty when none.
std::string out_of_range(const PoissonRegressor& s) {
  if (!(s.alpha >= 0) || !std::isfinite(s.alpha))
    return "alpha expected a finite number >= 0, found " + num(s.alpha);
  if (s.max_iter < 1) return "max_iter expected an integer >= 1, found " + std::to_string(s.max_iter);
  if (!(s.tol > 0) || !std::isfinite(s.tol))
    return "tol expected a finite number > 0, found " + num(s.tol);
  return {};
}

}  // namespace

void check_params(const PoissonRegressor& s) {
  const std::string problem = out_of_range(s);
  if (!problem.empty()) throw ParameterError(std::string(kName) + ": " + problem);
}

void fit(PoissonRegressor& s, const FitInput& in) {
  const Eigen::VectorXd& y = *in.y;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (!(y[i] >= 0))
      throw SchemaError(std::string(kName) + ": expected targets y >= 0 (counts, rates, amounts), "
                        "found " + num(y[i]) + " at row " + std::to_string(i));
  const double mean = in.weight.dot(y) / in.weight.sum();
  if (s.fit_intercept && !(mean > 0))
    throw SchemaError(std::string(kName) + ": expected a positive weighted mean of y with "
                      "fit_intercept=True, found " + num(mean) +
                      " (every weighted target is 0, so the intercept's optimum is -infinity)");
  const Eigen::Index p = in.X.cols();
  const Eigen::Index q = p + (s.fit_intercept ? 1 : 0);
  const PoissonLoss loss(in.X, y, in.weight, s.alpha, s.fit_intercept);
  auto objective = [&](const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                       Eigen::MatrixXd* hess, bool) { return loss(theta, grad, hess); };
  // Start where scikit-learn does: the intercept at the link of the mean, the rest at 0.
  Eigen::VectorXd theta0 = Eigen::VectorXd::Zero(q);
  if (s.fit_intercept) theta0[p] = std::log(mean);
  NewtonOptions options;
  options.max_iter = s.max_iter;
  options.tol = s.tol;
  const NewtonResult result = minimize_newton(objective, theta0, options);

  s.n_features_in_ = static_cast<std::size_t>(p);
  s.coef_.assign(result.theta.data(), result.theta.data() + p);
  s.intercept_ = s.fit_intercept ? result.theta[p] : 0.0;
  s.n_iter_ = result.iterations;
}

std::size_t n_out(const PoissonRegressor&) { return 1; }

void decision_block(const PoissonRegressor& s, const double* in, double* out, std::size_t n,
                    std::size_t ld) {
  linear_block(s.coef_.data(), s.n_features_in_, s.intercept_, in, out, n, ld);
  for (std::size_t i = 0; i < n; ++i) out[i] = std::exp(out[i]);
}

void validate(const PoissonRegressor& s) {
  const std::string problem = out_of_range(s);
  if (!problem.empty()) throw ArtifactError(std::string(kName) + ": " + problem);
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "coef_", s.n_features_in_, s.coef_.size());
  expect_finite(kName, "coef_", s.coef_);
  expect_finite(kName, "intercept_", {s.intercept_});
  if (s.n_iter_ < 0 || s.n_iter_ > s.max_iter)
    throw ArtifactError(std::string(kName) + ": n_iter_ expected a count from 0 to max_iter (" +
                        std::to_string(s.max_iter) + "), found " + std::to_string(s.n_iter_));
  if (!s.fit_intercept && s.intercept_ != 0.0)
    throw ArtifactError(std::string(kName) + ": intercept_ expected 0 (fit_intercept=False), found " +
                        num(s.intercept_));
}

std::vector<std::string> names_out(const PoissonRegressor&, const std::vector<std::string>&) {
  return {};
}

std::vector<bool> missing_out(const PoissonRegressor&, const std::vector<bool>&) { return {}; }

}  // namespace ferry::detail
