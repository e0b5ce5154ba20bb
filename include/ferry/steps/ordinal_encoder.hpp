#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "ferry/schema.hpp"
#include "ferry/value.hpp"

namespace ferry {

namespace detail {
struct OrdinalTables;
}

/// What OrdinalEncoder does with a category it did not see at fit. Values are part of the format.
enum class OrdinalUnknown : std::uint8_t { error = 0, use_encoded_value = 1 };

/// One number per category (its position among the categories), as scikit-learn's
/// OrdinalEncoder. Reads string, int64, bool and float64 columns.
struct OrdinalEncoder {
  std::vector<std::vector<Value>> categories;  ///< Categories per column, in order; empty: learned.
  OrdinalUnknown handle_unknown = OrdinalUnknown::error;  ///< Unknown categories at transform.
  double unknown_value = std::numeric_limits<double>::quiet_NaN();  ///< Code of an unknown one.
  double encoded_missing_value = std::numeric_limits<double>::quiet_NaN();  ///< Code of missing.
  double min_frequency = 0;       ///< 0: off; in (0, 1): a fraction of rows; >= 1: a row count.
  std::size_t max_categories = 0; ///< 0: no limit; else codes per column, the infrequent one included.

  std::vector<DType> feature_types_in_;                ///< Fitted type per input column.
  std::vector<std::string> feature_names_in_;          ///< Fitted input names (for messages).
  std::vector<std::vector<Value>> categories_;         ///< Fitted categories per column (null last).
  std::vector<std::vector<std::uint8_t>> infrequent_;  ///< 1 where a category is infrequent.
  std::size_t n_features_in_ = 0;                      ///< Fitted input width.

  /// Lookup tables derived from the fitted fields by fit and by load; never stored.
  std::shared_ptr<const detail::OrdinalTables> tables_;
};

}  // namespace ferry
