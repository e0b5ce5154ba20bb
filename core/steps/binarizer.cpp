#include <cmath>

#include "steps/checks.hpp"
#include "steps/column_ops.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {
constexpr const char* kName = "Binarizer";
}  // namespace

void check_params(const Binarizer& s) {
  // scikit-learn refuses infinite thresholds too (in transform); NaN would map everything to 0.
  if (!std::isfinite(s.threshold))
    throw ParameterError(std::string(kName) + ": threshold expected a finite number, found " +
                         num(s.threshold));
}

void fit(Binarizer& s, const FitInput& in) {
  s.n_features_in_ = static_cast<std::size_t>(in.X.cols());
}

std::size_t n_out(const Binarizer& s) { return s.n_features_in_; }

ColumnOps column_ops(const Binarizer& s, std::size_t) {
  ColumnOps ops;
  ops.add(ColumnOpKind::above, s.threshold);
  return ops;
}

bool columnwise(const Binarizer&) { return true; }

void transform_block(const Binarizer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  transform_columns(s, in, out, n, ld);
}

void validate(const Binarizer& s) {
  if (!std::isfinite(s.threshold))
    throw ArtifactError(std::string(kName) + ": threshold expected a finite number, found " +
                        num(s.threshold));
  expect_fitted_width(kName, s.n_features_in_);
}

std::vector<std::string> names_out(const Binarizer&, const std::vector<std::string>& in) {
  return in;
}

// NaN > threshold is false: a missing value would leave as 0.
std::vector<bool> missing_out(const Binarizer&, const std::vector<bool>& in) {
  return std::vector<bool>(in.size(), false);
}

std::vector<std::vector<std::size_t>> sources_out(const Binarizer&, std::size_t n_in) {
  return identity_sources(n_in);
}

}  // namespace ferry::detail
