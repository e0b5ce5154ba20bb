#include "steps/enet_fit.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

EnetParams params(const Lasso& s) {
  return {"Lasso", s.alpha, 1.0, s.fit_intercept, s.max_iter, s.tol, s.positive};
}

}  // namespace

void check_params(const Lasso& s) { check_enet_params(params(s)); }

void fit(Lasso& s, const FitInput& in) {
  EnetFitted f = fit_enet(params(s), in);
  s.n_features_in_ = static_cast<std::size_t>(in.X.cols());
  s.coef_ = std::move(f.coef);
  s.intercept_ = f.intercept;
  s.n_iter_ = f.n_iter;
  s.dual_gap_ = f.dual_gap;
}

std::size_t n_out(const Lasso&) { return 1; }

void decision_block(const Lasso& s, const double* in, double* out, std::size_t n,
                    std::size_t ld) {
  linear_block(s.coef_.data(), s.n_features_in_, s.intercept_, in, out, n, ld);
}

void validate(const Lasso& s) {
  validate_enet(params(s), s.coef_, s.intercept_, s.n_iter_, s.dual_gap_, s.n_features_in_);
}

std::vector<std::string> names_out(const Lasso&, const std::vector<std::string>&) { return {}; }

std::vector<bool> missing_out(const Lasso&, const std::vector<bool>&) { return {}; }

}  // namespace ferry::detail
