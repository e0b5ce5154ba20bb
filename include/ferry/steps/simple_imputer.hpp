#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ferry/schema.hpp"

namespace ferry {

/// How SimpleImputer computes the value that replaces a missing one. Values are part of the
/// artifact format.
enum class ImputeStrategy : std::uint8_t { mean = 0, median = 1, most_frequent = 2, constant = 3 };

/// Replaces missing values column by column, as scikit-learn's SimpleImputer. Numeric columns
/// take every strategy; string columns most_frequent and constant. NaN (and a null string) always
/// counts as missing; missing_values names one more numeric marker (e.g. 0 in the Pima data).
struct SimpleImputer {
  ImputeStrategy strategy = ImputeStrategy::mean;  ///< How the replacement is computed.
  double missing_values = std::numeric_limits<double>::quiet_NaN();  ///< The missing marker.
  double fill_value = 0.0;           ///< The replacement for strategy constant.
  bool keep_empty_features = false;  ///< Keep (filled with 0) columns that were all missing.
  std::string fill_text = "missing_value";  ///< The replacement for strategy constant in string columns.
  bool add_indicator = false;  ///< Append 0/1 columns marking missing values (columns missing at fit).

  std::vector<double> statistics_;   ///< Fitted replacement per input column (NaN: all missing).
  std::vector<DType> feature_types_in_;       ///< Fitted type per input column.
  std::vector<std::string> text_statistics_;  ///< Fitted replacement per string column ("" elsewhere).
  std::vector<std::size_t> indicator_features_;  ///< With add_indicator: columns missing at fit.
  std::size_t n_features_in_ = 0;    ///< Fitted input width.
};

}  // namespace ferry
