#include <cmath>

#include "steps/checks.hpp"
#include "steps/missing_mask.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "MissingIndicator";

}  // namespace

void check_params(const MissingIndicator& s) {
  if (static_cast<unsigned>(s.features) > 1)
    throw ParameterError(std::string(kName) + ": features expected missing-only or all, found " +
                         std::to_string(static_cast<unsigned>(s.features)));
  if (std::isinf(s.missing_values))
    throw ParameterError(std::string(kName) +
                         ": missing_values expected NaN or a finite number, found " +
                         num(s.missing_values));
}

void fit(MissingIndicator& s, const FitInput& in) {
  const auto d = static_cast<std::size_t>(in.X.cols());
  s.n_features_in_ = d;
  s.feature_types_in_ = *in.types;
  s.feature_names_in_ = *in.names;
  if (s.features == IndicatorFeatures::all) {
    s.features_.resize(d);
    for (std::size_t j = 0; j < d; ++j) s.features_[j] = j;
  } else {
    s.features_ = columns_with_missing(in, s.missing_values);
  }
}

std::size_t n_out(const MissingIndicator& s) { return s.features_.size(); }

std::vector<DType> types_out(const MissingIndicator& s, const std::vector<DType>&) {
  return std::vector<DType>(s.features_.size(), DType::boolean);  // bool, as scikit-learn's
}

void transform_cols(const MissingIndicator& s, Cols in, double* out, std::string_view*,
                    std::size_t n, Arena&) {
  if (s.error_on_new && s.features == IndicatorFeatures::missing_only) {
    // A column that had no missing value at fit has no output column: scikit-learn refuses a
    // missing value there rather than lose it silently.
    std::size_t q = 0;
    for (std::size_t j = 0; j < s.n_features_in_; ++j) {
      if (q < s.features_.size() && s.features_[q] == j) {
        ++q;
        continue;
      }
      const bool text = s.feature_types_in_[j] == DType::string;
      for (std::size_t i = 0; i < n; ++i)
        if (missing_cell(in, text, j, i, n, s.missing_values))
          throw SchemaError(std::string(kName) + ": column '" + s.feature_names_in_[j] +
                            "' has a missing value, but it had none at fit, so no indicator "
                            "column reports it (error_on_new=False would ignore it)");
    }
  }
  write_indicators(s.features_, s.feature_types_in_, in, s.missing_values, out, n);
}

void validate(const MissingIndicator& s) {
  expect_enum(kName, "features", static_cast<unsigned>(s.features), 2);
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "feature_types_in_", s.n_features_in_, s.feature_types_in_.size());
  expect_size(kName, "feature_names_in_", s.n_features_in_, s.feature_names_in_.size());
  if (std::isinf(s.missing_values))
    throw ArtifactError(std::string(kName) + ": missing_values expected NaN or finite, found " +
                        num(s.missing_values));
  for (DType t : s.feature_types_in_)
    if (static_cast<unsigned>(t) > static_cast<unsigned>(DType::boolean))
      throw ArtifactError(std::string(kName) + ": feature_types_in_ has an unknown type id");
  for (std::size_t q = 0; q < s.features_.size(); ++q)
    if (s.features_[q] >= s.n_features_in_ || (q > 0 && s.features_[q] <= s.features_[q - 1]))
      throw ArtifactError(std::string(kName) + ": features_ expected ascending columns below " +
                          std::to_string(s.n_features_in_));
  if (s.features_.empty())
    throw ArtifactError(std::string(kName) + ": expected at least one reported column, found none");
}

std::vector<std::string> names_out(const MissingIndicator& s, const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (std::size_t j : s.features_) out.push_back("missingindicator_" + in[j]);
  return out;
}

std::vector<bool> missing_out(const MissingIndicator& s, const std::vector<bool>&) {
  return std::vector<bool>(s.features_.size(), false);
}

std::vector<std::vector<std::size_t>> sources_out(const MissingIndicator& s, std::size_t) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t j : s.features_) out.push_back({j});
  return out;
}

}  // namespace ferry::detail
