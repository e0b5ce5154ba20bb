#include <cmath>
#include <limits>

#include "steps/checks.hpp"
#include "steps/column_ops.hpp"
#include "steps/scale_guard.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "MinMaxScaler";

std::string range_text(const std::array<double, 2>& r) {
  return "(" + num(r[0]) + ", " + num(r[1]) + ")";
}

// scale_ and min_ from a column's minimum and maximum, in scikit-learn's order of operations.
void derive(const MinMaxScaler& s, double lo, double hi, double& range, double& scale,
            double& min) {
  range = hi - lo;
  scale = (s.feature_range[1] - s.feature_range[0]) / guard_scale(range);
  min = s.feature_range[0] - lo * scale;
}

}  // namespace

void check_params(const MinMaxScaler& s) {
  const auto& r = s.feature_range;
  if (!std::isfinite(r[0]) || !std::isfinite(r[1]) || !(r[0] < r[1]))
    throw ParameterError(std::string(kName) +
                         ": feature_range expected (min, max) of finite numbers with min < max, "
                         "found " + range_text(r));
}

void fit(MinMaxScaler& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto d = static_cast<std::size_t>(in.X.cols());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.n_features_in_ = d;
  s.n_samples_seen_ = n;
  s.data_min_.assign(d, nan);
  s.data_max_.assign(d, nan);
  s.data_range_.assign(d, nan);
  s.scale_.assign(d, nan);
  s.min_.assign(d, nan);
  for (std::size_t j = 0; j < d; ++j) {
    double lo = nan, hi = nan;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = in.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      if (std::isnan(v)) continue;
      if (std::isnan(lo) || v < lo) lo = v;
      if (std::isnan(hi) || v > hi) hi = v;
    }
    // A column all missing keeps NaN everywhere, as scikit-learn's nanmin/nanmax give it, and
    // transforms to NaN.
    if (std::isnan(lo)) continue;
    s.data_min_[j] = lo;
    s.data_max_[j] = hi;
    derive(s, lo, hi, s.data_range_[j], s.scale_[j], s.min_[j]);
    if (!std::isfinite(s.data_range_[j]) || !std::isfinite(s.scale_[j]) ||
        !std::isfinite(s.min_[j]))
      throw SchemaError(std::string(kName) + ": feature " + std::to_string(j) + " (min " + num(lo) +
                        ", max " + num(hi) + ") expected a range and scale that fit in a double, "
                        "found range " + num(s.data_range_[j]) + " and scale " + num(s.scale_[j]));
  }
}

std::size_t n_out(const MinMaxScaler& s) { return s.n_features_in_; }

ColumnOps column_ops(const MinMaxScaler& s, std::size_t j) {
  // x * scale_ + min_ as scikit-learn computes it (two roundings); clipping keeps NaN, as
  // np.clip does, since NaN fails both tests.
  ColumnOps ops;
  ops.add(ColumnOpKind::mul_add, s.scale_[j], s.min_[j]);
  if (s.clip) ops.add(ColumnOpKind::clip, s.feature_range[0], s.feature_range[1]);
  return ops;
}

bool columnwise(const MinMaxScaler&) { return true; }

void transform_block(const MinMaxScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  transform_columns(s, in, out, n, ld);
}

void validate(const MinMaxScaler& s) {
  try {
    check_params(s);
  } catch (const ParameterError& e) {
    throw ArtifactError(e.what());
  }
  const std::size_t d = s.n_features_in_;
  expect_fitted_width(kName, d);
  expect_size(kName, "min_", d, s.min_.size());
  expect_size(kName, "scale_", d, s.scale_.size());
  expect_size(kName, "data_min_", d, s.data_min_.size());
  expect_size(kName, "data_max_", d, s.data_max_.size());
  expect_size(kName, "data_range_", d, s.data_range_.size());
  if (s.n_samples_seen_ == 0)
    throw ArtifactError(std::string(kName) + ": n_samples_seen_ expected at least 1, found 0");
  for (std::size_t j = 0; j < d; ++j) {
    const std::string at = std::string(kName) + ": feature " + std::to_string(j) + ": ";
    const double lo = s.data_min_[j], hi = s.data_max_[j];
    if (std::isnan(lo) || std::isnan(hi)) {  // all missing at fit: every field NaN
      if (!std::isnan(lo) || !std::isnan(hi) || !std::isnan(s.data_range_[j]) ||
          !std::isnan(s.scale_[j]) || !std::isnan(s.min_[j]))
        throw ArtifactError(at + "expected every fitted value NaN (a column all missing at fit) "
                            "or none, found a mix");
      continue;
    }
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo <= hi))
      throw ArtifactError(at + "expected finite data_min_ <= data_max_, found " + num(lo) +
                          " and " + num(hi));
    double range = 0, scale = 0, min = 0;
    derive(s, lo, hi, range, scale, min);
    // Exact equality: the writer computed these with the same operations.
    if (!(s.data_range_[j] == range && s.scale_[j] == scale && s.min_[j] == min))
      throw ArtifactError(at + "expected data_range_, scale_ and min_ " + num(range) + ", " +
                          num(scale) + ", " + num(min) + " (from data_min_, data_max_ and "
                          "feature_range), found " + num(s.data_range_[j]) + ", " +
                          num(s.scale_[j]) + ", " + num(s.min_[j]));
    if (!std::isfinite(range) || !std::isfinite(scale) || !std::isfinite(min))
      throw ArtifactError(at + "expected finite data_range_, scale_ and min_, found " + num(range) +
                          ", " + num(scale) + ", " + num(min));
  }
}

std::vector<std::string> names_out(const MinMaxScaler&, const std::vector<std::string>& in) {
  return in;
}

std::vector<bool> missing_out(const MinMaxScaler& s, const std::vector<bool>& in) {
  std::vector<bool> out = in;
  for (std::size_t j = 0; j < out.size() && j < s.scale_.size(); ++j)
    out[j] = out[j] || std::isnan(s.scale_[j]);
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const MinMaxScaler&, std::size_t n_in) {
  return identity_sources(n_in);
}

}  // namespace ferry::detail
