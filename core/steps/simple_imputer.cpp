#include <algorithm>
#include <cmath>

#include <map>

#include "steps/checks.hpp"
#include "steps/column_ops.hpp"
#include "steps/missing_mask.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

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

// The most frequent string, ties to the smallest (scikit-learn's rule); empty when all missing.
bool most_frequent_text(const std::vector<std::string_view>& seen, std::string& out) {
  std::map<std::string_view, std::size_t> counts;
  for (std::string_view v : seen) ++counts[v];
  std::size_t best = 0;
  for (const auto& [value, count] : counts)  // ascending: the first of equal counts is smallest
    if (count > best) {
      best = count;
      out = std::string(value);
    }
  return best > 0;
}

bool text_column(const SimpleImputer& s, std::size_t j) {
  return j < s.feature_types_in_.size() && s.feature_types_in_[j] == DType::string;
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
  s.feature_types_in_ = in.types ? *in.types : std::vector<DType>(d, DType::float64);
  s.statistics_.assign(d, std::nan(""));
  s.text_statistics_.assign(d, std::string());
  std::vector<double> seen;
  seen.reserve(n);
  std::vector<std::string_view> seen_text;
  for (std::size_t j = 0; j < d; ++j) {
    if (text_column(s, j)) {
      if (s.strategy == ImputeStrategy::mean || s.strategy == ImputeStrategy::median)
        throw ParameterError(std::string(kName) + ": strategy '" +
                             (s.strategy == ImputeStrategy::mean ? "mean" : "median") +
                             "' cannot impute the string column '" + (*in.names)[j] +
                             "': use most_frequent or constant");
      seen_text.clear();
      for (std::size_t i = 0; i < n; ++i) {
        const std::string_view v = in.text[i * d + j];
        if (v.data()) seen_text.push_back(v);
      }
      std::string& stat = s.text_statistics_[j];
      bool keep = true;
      if (s.strategy == ImputeStrategy::constant) stat = s.fill_text;
      else if (!most_frequent_text(seen_text, stat)) {
        keep = s.keep_empty_features;
        stat = s.fill_text;  // all missing and kept: the constant a caller would expect
      }
      s.statistics_[j] = keep ? 0.0 : std::nan("");  // NaN marks a dropped column
      continue;
    }
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
  s.indicator_features_ =
      s.add_indicator ? columns_with_missing(in, s.missing_values) : std::vector<std::size_t>{};
}

std::size_t n_out(const SimpleImputer& s) {
  std::size_t k = 0;
  for (std::size_t j = 0; j < s.statistics_.size(); ++j) k += kept(s, j);
  return k + s.indicator_features_.size();
}

std::vector<DType> types_out(const SimpleImputer& s, const std::vector<DType>&) {
  std::vector<DType> out;
  for (std::size_t j = 0; j < s.n_features_in_; ++j)
    if (kept(s, j)) out.push_back(text_column(s, j) ? DType::string : DType::float64);
  // Indicator columns are bool, as scikit-learn's (a OneHotEncoder after names them True/False).
  out.insert(out.end(), s.indicator_features_.size(), DType::boolean);
  return out;
}

ColumnOps column_ops(const SimpleImputer& s, std::size_t j) {
  ColumnOps ops;
  ops.add(ColumnOpKind::impute, s.missing_values, s.statistics_[j]);
  return ops;
}

bool columnwise(const SimpleImputer& s) {
  if (!s.indicator_features_.empty()) return false;
  for (std::size_t j = 0; j < s.n_features_in_; ++j)
    if (!kept(s, j) || text_column(s, j)) return false;
  return true;
}

void transform_cols(const SimpleImputer& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena&) {
  std::size_t k = 0;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    if (!kept(s, j)) continue;
    double* o = out + k * n;
    if (text_column(s, j)) {
      const std::string_view fill = s.text_statistics_[j];
      const std::string_view* x = in.str + j * n;
      std::string_view* t = out_str + k * n;
      for (std::size_t i = 0; i < n; ++i) {
        o[i] = std::nan("");
        t[i] = x[i].data() ? x[i] : fill;
      }
      ++k;
      continue;
    }
    const ColumnOps ops = column_ops(s, j);
    apply_column_ops(ops.op, ops.size, in.num + j * n, o, n);
    ++k;
  }
  write_indicators(s.indicator_features_, s.feature_types_in_, in, s.missing_values, out + k * n,
                   n);
}

void validate(const SimpleImputer& s) {
  expect_enum(kName, "strategy", static_cast<unsigned>(s.strategy), 4);
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "statistics_", s.n_features_in_, s.statistics_.size());
  expect_finite(kName, "statistics_", s.statistics_, /*allow_nan=*/true);
  if (std::isinf(s.missing_values) || !std::isfinite(s.fill_value))
    throw ArtifactError(std::string(kName) + ": expected finite fill_value and missing_values, found " +
                        num(s.fill_value) + " and " + num(s.missing_values));
  expect_size(kName, "feature_types_in_", s.n_features_in_, s.feature_types_in_.size());
  expect_size(kName, "text_statistics_", s.n_features_in_, s.text_statistics_.size());
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    const auto t = static_cast<unsigned>(s.feature_types_in_[j]);
    if (t > static_cast<unsigned>(DType::boolean))
      throw ArtifactError(std::string(kName) + ": feature_types_in_ has an unknown type id " +
                          std::to_string(t));
    if (text_column(s, j) &&
        (s.strategy == ImputeStrategy::mean || s.strategy == ImputeStrategy::median))
      throw ArtifactError(std::string(kName) + ": a string column expected strategy "
                          "most_frequent or constant");
  }
  std::size_t last = 0;
  for (std::size_t q = 0; q < s.indicator_features_.size(); ++q) {
    const std::size_t j = s.indicator_features_[q];
    if (j >= s.n_features_in_ || (q > 0 && j <= last) || !s.add_indicator)
      throw ArtifactError(std::string(kName) + ": indicator_features_ expected ascending columns "
                          "below " + std::to_string(s.n_features_in_) + " with add_indicator");
    last = j;
  }
  if (n_out(s) == 0)
    throw ArtifactError(std::string(kName) + ": expected at least one kept column, found none");
}

std::vector<std::string> names_out(const SimpleImputer& s, const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < s.n_features_in_; ++j)
    if (kept(s, j)) out.push_back(in[j]);
  for (std::size_t j : s.indicator_features_) out.push_back("missingindicator_" + in[j]);
  return out;
}

std::vector<bool> missing_out(const SimpleImputer& s, const std::vector<bool>&) {
  return std::vector<bool>(n_out(s), false);
}

std::vector<std::vector<std::size_t>> sources_out(const SimpleImputer& s, std::size_t) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t j = 0; j < s.n_features_in_; ++j)
    if (kept(s, j)) out.push_back({j});
  for (std::size_t j : s.indicator_features_) out.push_back({j});
  return out;
}

}  // namespace ferry::detail
