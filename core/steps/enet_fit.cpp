#include "steps/enet_fit.hpp"

#include <cmath>

#include "ferry/errors.hpp"
#include "optim/coordinate_descent.hpp"
#include "steps/checks.hpp"
#include "steps/linear_solve.hpp"

namespace ferry::detail {
namespace {

// The first parameter out of range, described as "<name> expected <range>, found <value>";
// empty when all are in range.
std::string out_of_range(const EnetParams& p) {
  if (!(p.alpha >= 0) || !std::isfinite(p.alpha))
    return "alpha expected a finite number >= 0, found " + num(p.alpha);
  if (!(p.l1_ratio >= 0 && p.l1_ratio <= 1))
    return "l1_ratio expected a number in [0, 1], found " + num(p.l1_ratio);
  if (p.max_iter < 1) return "max_iter expected an integer >= 1, found " + std::to_string(p.max_iter);
  if (!(p.tol >= 0) || !std::isfinite(p.tol))
    return "tol expected a finite number >= 0, found " + num(p.tol);
  return {};
}

}  // namespace

void check_enet_params(const EnetParams& p) {
  const std::string problem = out_of_range(p);
  if (!problem.empty()) throw ParameterError(std::string(p.kind) + ": " + problem);
}

EnetFitted fit_enet(const EnetParams& p, const FitInput& in) {
  // scikit-learn rescales the weights to sum to n, which leaves 1/(2 sum s) sum s_i r_i^2 as is:
  // the centered, sqrt-weighted problem with S = sum of the weights is the same objective.
  const CenteredProblem cp = center(in, p.fit_intercept);
  EnetProblem problem{cp.A, cp.b};
  problem.S = in.weight.sum();
  problem.l1 = p.alpha * p.l1_ratio;
  problem.l2 = p.alpha * (1.0 - p.l1_ratio);
  problem.positive = p.positive;
  EnetOptions options;
  options.max_iter = p.max_iter;
  options.tol = p.tol;
  const EnetResult r = minimize_enet(problem, options);

  EnetFitted out;
  out.coef.assign(r.w.data(), r.w.data() + r.w.size());
  out.intercept = p.fit_intercept ? cp.y_mean - cp.x_mean.dot(r.w) : 0.0;
  out.n_iter = r.iterations;
  out.dual_gap = r.gap;
  if (!r.w.allFinite() || !std::isfinite(out.intercept))
    throw SchemaError(std::string(p.kind) +
                      ": coordinate descent reached non-finite coefficients; expected features "
                      "and targets of moderate size (scale them)");
  return out;
}

void validate_enet(const EnetParams& p, const std::vector<double>& coef, double intercept,
                   int n_iter, double dual_gap, std::size_t n_features_in) {
  const std::string problem = out_of_range(p);
  if (!problem.empty()) throw ArtifactError(std::string(p.kind) + ": " + problem);
  expect_fitted_width(p.kind, n_features_in);
  expect_size(p.kind, "coef_", n_features_in, coef.size());
  expect_finite(p.kind, "coef_", coef);
  expect_finite(p.kind, "intercept_", {intercept});
  expect_finite(p.kind, "dual_gap_", {dual_gap});
  if (n_iter < 0 || n_iter > p.max_iter)
    throw ArtifactError(std::string(p.kind) + ": n_iter_ expected a count from 0 to max_iter (" +
                        std::to_string(p.max_iter) + "), found " + std::to_string(n_iter));
  if (p.positive)
    for (std::size_t j = 0; j < coef.size(); ++j)
      if (coef[j] < 0)
        throw ArtifactError(std::string(p.kind) + ": coef_[" + std::to_string(j) +
                            "] expected >= 0 (positive=True), found " + num(coef[j]));
  if (!p.fit_intercept && intercept != 0.0)
    throw ArtifactError(std::string(p.kind) + ": intercept_ expected 0 (fit_intercept=False), found " +
                        num(intercept));
}

}  // namespace ferry::detail
