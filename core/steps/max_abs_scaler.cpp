#include <cmath>
#include <limits>

#include "steps/checks.hpp"
#include "steps/column_ops.hpp"
#include "steps/scale_guard.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {
constexpr const char* kName = "MaxAbsScaler";
}  // namespace

void check_params(const MaxAbsScaler&) {}

void fit(MaxAbsScaler& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto d = static_cast<std::size_t>(in.X.cols());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.n_features_in_ = d;
  s.n_samples_seen_ = n;
  s.max_abs_.assign(d, nan);
  s.scale_.assign(d, nan);
  for (std::size_t j = 0; j < d; ++j) {
    double m = nan;  // stays NaN for a column all missing, as scikit-learn's nanmax gives it
    for (std::size_t i = 0; i < n; ++i) {
      const double v = std::fabs(in.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
      if (!std::isnan(v) && (std::isnan(m) || v > m)) m = v;
    }
    s.max_abs_[j] = m;
    s.scale_[j] = guard_scale(m);
  }
}

std::size_t n_out(const MaxAbsScaler& s) { return s.n_features_in_; }

ColumnOps column_ops(const MaxAbsScaler& s, std::size_t j) {
  // A division, as scikit-learn's X /= scale_ (not a multiplication by the reciprocal).
  ColumnOps ops;
  ops.add(ColumnOpKind::div, s.scale_[j]);
  if (s.clip) ops.add(ColumnOpKind::clip, -1.0, 1.0);
  return ops;
}

bool columnwise(const MaxAbsScaler&) { return true; }

void transform_block(const MaxAbsScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  transform_columns(s, in, out, n, ld);
}

void validate(const MaxAbsScaler& s) {
  const std::size_t d = s.n_features_in_;
  expect_fitted_width(kName, d);
  expect_size(kName, "max_abs_", d, s.max_abs_.size());
  expect_size(kName, "scale_", d, s.scale_.size());
  if (s.n_samples_seen_ == 0)
    throw ArtifactError(std::string(kName) + ": n_samples_seen_ expected at least 1, found 0");
  expect_finite(kName, "max_abs_", s.max_abs_, /*allow_nan=*/true);
  for (std::size_t j = 0; j < d; ++j) {
    const double m = s.max_abs_[j], expected = guard_scale(m);
    if (m < 0.0)
      throw ArtifactError(std::string(kName) + ": max_abs_[" + std::to_string(j) +
                          "] expected a value >= 0, found " + num(m));
    // NaN only for a column all missing at fit, in both fields.
    const bool same = std::isnan(expected) ? std::isnan(s.scale_[j]) : s.scale_[j] == expected;
    if (!same)
      throw ArtifactError(std::string(kName) + ": scale_[" + std::to_string(j) + "] expected " +
                          num(expected) + " (from max_abs_), found " + num(s.scale_[j]));
  }
}

std::vector<std::string> names_out(const MaxAbsScaler&, const std::vector<std::string>& in) {
  return in;
}

std::vector<bool> missing_out(const MaxAbsScaler& s, const std::vector<bool>& in) {
  std::vector<bool> out = in;
  for (std::size_t j = 0; j < out.size() && j < s.scale_.size(); ++j)
    out[j] = out[j] || std::isnan(s.scale_[j]);
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const MaxAbsScaler&, std::size_t n_in) {
  return identity_sources(n_in);
}

}  // namespace ferry::detail
