#include <cmath>
#include <limits>

#include "steps/checks.hpp"
#include "steps/column_ops.hpp"
#include "steps/normal_quantile.hpp"
#include "steps/quantiles.hpp"
#include "steps/scale_guard.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "RobustScaler";

std::string range_text(const std::array<double, 2>& r) {
  return "(" + num(r[0]) + ", " + num(r[1]) + ")";
}

bool is_nan_at(const std::vector<double>& v, std::size_t j) {
  return j < v.size() && std::isnan(v[j]);
}

}  // namespace

void check_params(const RobustScaler& s) {
  const double q_min = s.quantile_range[0], q_max = s.quantile_range[1];
  if (!(0.0 <= q_min && q_min <= q_max && q_max <= 100.0))
    throw ParameterError(std::string(kName) +
                         ": quantile_range expected (q_min, q_max) with 0 <= q_min <= q_max <= "
                         "100, found " + range_text(s.quantile_range));
  // scikit-learn would divide by an infinite (q 0 or 100) or zero (q_min == q_max) spread of the
  // normal distribution and fit scale_ 0 or inf.
  if (s.unit_variance && s.with_scaling && !(0.0 < q_min && q_min < q_max && q_max < 100.0))
    throw ParameterError(std::string(kName) +
                         ": unit_variance=True expected quantile_range with 0 < q_min < q_max < "
                         "100 (the normal quantiles of 0 and 100 are infinite), found " +
                         range_text(s.quantile_range));
}

void fit(RobustScaler& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto d = static_cast<std::size_t>(in.X.cols());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.n_features_in_ = d;
  s.center_.assign(s.with_centering ? d : 0, nan);
  s.scale_.assign(s.with_scaling ? d : 0, nan);
  // As scikit-learn: q / 100 for numpy's percentiles, and the same fractions for norm.ppf.
  const double q_lo = s.quantile_range[0] / 100.0, q_hi = s.quantile_range[1] / 100.0;
  const double adjust =
      s.with_scaling && s.unit_variance ? normal_quantile(q_hi) - normal_quantile(q_lo) : 1.0;
  for (std::size_t j = 0; j < d; ++j) {
    // Row-major: column j is every d-th value from j. Missing values are ignored, as numpy's
    // nanmedian and nanpercentile ignore them; a column all missing fits NaN.
    const std::vector<double> v = sorted_present(in.X.data() + j, n, d);
    if (v.empty()) continue;
    double center = 0.0, scale = 1.0;
    if (s.with_centering) s.center_[j] = center = median_sorted(v);
    if (s.with_scaling) {
      scale = guard_scale(quantile_sorted(v, q_hi) - quantile_sorted(v, q_lo));
      if (s.unit_variance) scale = scale / adjust;
      s.scale_[j] = scale;
    }
    if (!std::isfinite(center) || !std::isfinite(scale))
      throw SchemaError(std::string(kName) + ": feature " + std::to_string(j) +
                        " expected a median and a quantile spread that fit in a double, found " +
                        num(center) + " and " + num(scale));
  }
}

std::size_t n_out(const RobustScaler& s) { return s.n_features_in_; }

ColumnOps column_ops(const RobustScaler& s, std::size_t j) {
  // center_ and scale_ are empty when not asked for.
  return center_and_scale(s.with_centering, s.with_centering ? s.center_[j] : 0.0,
                          s.with_scaling, s.with_scaling ? s.scale_[j] : 0.0);
}

bool columnwise(const RobustScaler&) { return true; }

void transform_block(const RobustScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  transform_columns(s, in, out, n, ld);
}

void validate(const RobustScaler& s) {
  try {
    check_params(s);
  } catch (const ParameterError& e) {
    throw ArtifactError(e.what());
  }
  const std::size_t d = s.n_features_in_;
  expect_fitted_width(kName, d);
  // A part that is switched off was never fitted: its field is empty.
  expect_size(kName, "center_", s.with_centering ? d : 0, s.center_.size());
  expect_size(kName, "scale_", s.with_scaling ? d : 0, s.scale_.size());
  expect_finite(kName, "center_", s.center_, /*allow_nan=*/true);
  expect_finite(kName, "scale_", s.scale_, /*allow_nan=*/true);
  for (std::size_t j = 0; j < s.scale_.size(); ++j)
    if (!(s.scale_[j] > 0.0) && !std::isnan(s.scale_[j]))
      throw ArtifactError(std::string(kName) + ": scale_[" + std::to_string(j) +
                          "] expected a positive value, found " + num(s.scale_[j]));
  // NaN marks a column all missing at fit, in both fields when both were fitted.
  if (s.with_centering && s.with_scaling)
    for (std::size_t j = 0; j < d; ++j)
      if (std::isnan(s.center_[j]) != std::isnan(s.scale_[j]))
        throw ArtifactError(std::string(kName) + ": feature " + std::to_string(j) +
                            ": expected center_ and scale_ both NaN (a column all missing at fit) "
                            "or neither, found " + num(s.center_[j]) + " and " + num(s.scale_[j]));
}

std::vector<std::string> names_out(const RobustScaler&, const std::vector<std::string>& in) {
  return in;
}

std::vector<bool> missing_out(const RobustScaler& s, const std::vector<bool>& in) {
  std::vector<bool> out = in;
  for (std::size_t j = 0; j < out.size(); ++j)
    out[j] = out[j] || is_nan_at(s.center_, j) || is_nan_at(s.scale_, j);
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const RobustScaler&, std::size_t n_in) {
  return identity_sources(n_in);
}

}  // namespace ferry::detail
