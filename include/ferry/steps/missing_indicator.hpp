#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ferry/schema.hpp"

namespace ferry {

/// Which columns MissingIndicator reports. Values are part of the format.
enum class IndicatorFeatures : std::uint8_t { missing_only = 0, all = 1 };

/// One 0/1 column per input column marking its missing values, as scikit-learn's
/// MissingIndicator (1.0 for True). Reads numeric and string columns.
struct MissingIndicator {
  IndicatorFeatures features = IndicatorFeatures::missing_only;  ///< Columns missing at fit, or all.
  double missing_values = std::numeric_limits<double>::quiet_NaN();  ///< One more numeric marker.
  bool error_on_new = true;  ///< Refuse a missing value in a column that had none at fit.

  std::vector<DType> feature_types_in_;        ///< Fitted type per input column.
  std::vector<std::string> feature_names_in_;  ///< Fitted input names (for messages).
  std::vector<std::size_t> features_;          ///< Fitted columns reported, in order.
  std::size_t n_features_in_ = 0;              ///< Fitted input width.
};

}  // namespace ferry
