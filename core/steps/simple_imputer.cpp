#include <algorithm>
#include <cmath>

#include "steps/checks.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "SimpleImputer";

bool is_missing(const SimpleImputer& s, double v) {
  // NaN is always missing; the marker names one more value (0 in the Pima data).
  return std::isnan(v) || v == s.missing_values;
}

// Kept columns: every column unless it was all missing at fit (as scikit-learn drops them).
bool kept(const SimpleImputer& s, std::size_t j) { return !std::isnan(s.statistics_[j]); }

double mean_of(std::vector<double>& v) {
  // Neumaier summation: the result is within an ulp or two of the exact mean.
  double sum = 0.0, c = 0.0;
  for (double x : v) {
    double t = sum + x;
    c += std::fabs(sum) >= std::fabs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  return (sum + c) / static_cast<double>(v.size());
}

double median_of(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double most_frequent_of(std::vector<double>& v) {
  // Ties go to the smallest value, as scikit-learn does.
  std::sort(v.begin(), v.end());
  double best = v[0];
  std::size_t best_count = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    if (j - i > best_count) {
      best_count = j - i;
      best = v[i];
    }
    i = j;
  }
  return best;
}

}  // namespace

void check_params(const SimpleImputer& s) {
  if (static_cast<unsigned>(s.strategy) > 3)
    throw ParameterError(std::string(kName) +
                         ": strategy expected mean, median, most_frequent or constant, found " +
                         std::to_string(static_cast<unsigned>(s.strategy)));
  if (s.strategy == ImputeStrategy::constant && !std::isfinite(s.fill_value))
    throw ParameterError(std::string(kName) + ": fill_value expected a finite number, found " +
                         num(s.fill_value));
  if (std::isinf(s.missing_values))
    throw ParameterError(std::string(kName) +
                         ": missing_values expected NaN or a finite number, found " +
                         num(s.missing_values));
}

void fit(SimpleImputer& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto d = static_cast<std::size_t>(in.X.cols());
  s.n_features_in_ = d;
  s.statistics_.assign(d, std::nan(""));
  std::vector<double> seen;
  seen.reserve(n);
  for (std::size_t j = 0; j < d; ++j) {
    seen.clear();
    for (std::size_t i = 0; i < n; ++i) {
      double v = in.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      if (!is_missing(s, v)) seen.push_back(v);
    }
    double stat = std::nan("");
    if (s.strategy == ImputeStrategy::constant) {
      stat = s.fill_value;
    } else if (seen.empty()) {
      stat = s.keep_empty_features ? 0.0 : std::nan("");
    } else if (s.strategy == ImputeStrategy::mean) {
      stat = mean_of(seen);
    } else if (s.strategy == ImputeStrategy::median) {
      stat = median_of(seen);
    } else {
      stat = most_frequent_of(seen);
    }
    s.statistics_[j] = stat;
  }
}

std::size_t n_out(const SimpleImputer& s) {
  std::size_t k = 0;
  for (std::size_t j = 0; j < s.statistics_.size(); ++j) k += kept(s, j);
  return k;
}

void transform_block(const SimpleImputer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  std::size_t k = 0;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    if (!kept(s, j)) continue;
    const double* x = in + j * ld;
    double* o = out + k * ld;
    // Locals, and a branch-free test: the loop then vectorizes (the marker read through `s`
    // could alias `o` and would be reloaded every iteration).
    const double fill = s.statistics_[j], marker = s.missing_values;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = x[i];
      o[i] = ((v != v) | (v == marker)) ? fill : v;
    }
    ++k;
  }
}

void validate(const SimpleImputer& s) {
  expect_enum(kName, "strategy", static_cast<unsigned>(s.strategy), 4);
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "statistics_", s.n_features_in_, s.statistics_.size());
  expect_finite(kName, "statistics_", s.statistics_, /*allow_nan=*/true);
  if (std::isinf(s.missing_values) || !std::isfinite(s.fill_value))
    throw ArtifactError(std::string(kName) + ": expected finite fill_value and missing_values, found " +
                        num(s.fill_value) + " and " + num(s.missing_values));
  if (n_out(s) == 0)
    throw ArtifactError(std::string(kName) + ": expected at least one kept column, found none");
}

std::vector<std::string> names_out(const SimpleImputer& s, const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < s.n_features_in_; ++j)
    if (kept(s, j)) out.push_back(in[j]);
  return out;
}

std::vector<bool> missing_out(const SimpleImputer& s, const std::vector<bool>&) {
  return std::vector<bool>(n_out(s), false);
}

}  // namespace ferry::detail
