#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace ferry {

/// How SimpleImputer computes the value that replaces a missing one. Values are part of the
/// artifact format.
enum class ImputeStrategy : std::uint8_t { mean = 0, median = 1, most_frequent = 2, constant = 3 };

/// Replaces missing values column by column, as scikit-learn's SimpleImputer.
/// NaN always counts as missing; missing_values names one more marker (e.g. 0 in the Pima data).
struct SimpleImputer {
  ImputeStrategy strategy = ImputeStrategy::mean;  ///< How the replacement is computed.
  double missing_values = std::numeric_limits<double>::quiet_NaN();  ///< The missing marker.
  double fill_value = 0.0;           ///< The replacement for strategy constant.
  bool keep_empty_features = false;  ///< Keep (filled with 0) columns that were all missing.

  std::vector<double> statistics_;   ///< Fitted replacement per input column (NaN: all missing).
  std::size_t n_features_in_ = 0;    ///< Fitted input width.
};

}  // namespace ferry
