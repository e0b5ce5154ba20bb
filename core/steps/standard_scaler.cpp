#include <cmath>
#include <limits>

#include "steps/checks.hpp"
#include "steps/column_ops.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {
constexpr const char* kName = "StandardScaler";
}  // namespace

void check_params(const StandardScaler&) {}

void fit(StandardScaler& s, const FitInput& in) {
  const auto n = in.X.rows();
  const auto d = static_cast<std::size_t>(in.X.cols());
  s.n_features_in_ = d;
  s.mean_.assign(d, 0.0);
  s.var_.assign(d, 0.0);
  s.scale_.assign(d, 1.0);
  s.n_samples_seen_.assign(d, 0.0);
  const double eps = std::numeric_limits<double>::epsilon();
  for (std::size_t j = 0; j < d; ++j) {
    const auto col = static_cast<Eigen::Index>(j);
    // Corrected two-pass (Chan, Golub, LeVeque), NaN ignored, as scikit-learn computes it.
    double count = 0.0, sum = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      double v = in.X(i, col);
      if (std::isnan(v)) continue;
      count += in.weight[i];
      sum += in.weight[i] * v;
    }
    double mean = count > 0 ? sum / count : std::nan("");
    double correction = 0.0, sq = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      double v = in.X(i, col);
      if (std::isnan(v)) continue;
      double t = v - mean;
      correction += in.weight[i] * t;
      sq += in.weight[i] * t * t;
    }
    double var = count > 0 ? (sq - correction * correction / count) / count : std::nan("");
    s.mean_[j] = mean;
    s.var_[j] = var;
    s.n_samples_seen_[j] = count;
    if (s.with_std) {
      double bound = count * eps * var + (count * mean * eps) * (count * mean * eps);
      bool constant = !(var > bound);  // also true for NaN: an all-missing column is left as is
      s.scale_[j] = constant ? 1.0 : std::sqrt(var);
    }
  }
}

std::size_t n_out(const StandardScaler& s) { return s.n_features_in_; }

ColumnOps column_ops(const StandardScaler& s, std::size_t j) {
  return center_and_scale(s.with_mean, s.mean_[j], s.with_std, s.scale_[j]);
}

bool columnwise(const StandardScaler&) { return true; }

void transform_block(const StandardScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  transform_columns(s, in, out, n, ld);
}

void validate(const StandardScaler& s) {
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "mean_", s.n_features_in_, s.mean_.size());
  expect_size(kName, "var_", s.n_features_in_, s.var_.size());
  expect_size(kName, "scale_", s.n_features_in_, s.scale_.size());
  expect_size(kName, "n_samples_seen_", s.n_features_in_, s.n_samples_seen_.size());
  // NaN statistics belong to columns that were all missing at fit; such columns stay NaN.
  expect_finite(kName, "mean_", s.mean_, true);
  expect_finite(kName, "var_", s.var_, true);
  expect_finite(kName, "scale_", s.scale_);
  expect_finite(kName, "n_samples_seen_", s.n_samples_seen_);
  for (std::size_t j = 0; j < s.scale_.size(); ++j)
    if (!(s.scale_[j] > 0.0))
      throw ArtifactError(std::string(kName) + ": scale_[" + std::to_string(j) +
                          "] expected a positive value, found " + num(s.scale_[j]));
}

std::vector<std::string> names_out(const StandardScaler&, const std::vector<std::string>& in) {
  return in;
}

std::vector<bool> missing_out(const StandardScaler&, const std::vector<bool>& in) { return in; }

std::vector<std::vector<std::size_t>> sources_out(const StandardScaler&, std::size_t n_in) {
  return identity_sources(n_in);
}

}  // namespace ferry::detail
