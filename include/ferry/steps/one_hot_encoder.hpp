#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ferry/schema.hpp"
#include "ferry/value.hpp"

namespace ferry {

namespace detail {
struct OneHotTables;
}

/// What OneHotEncoder does with a category it did not see at fit. Values are part of the format.
enum class HandleUnknown : std::uint8_t { error = 0, ignore = 1, infrequent_if_exist = 2 };

/// Which category per column OneHotEncoder leaves out. Values are part of the format.
enum class OneHotDrop : std::uint8_t { none = 0, first = 1, if_binary = 2 };

/// One 0/1 column per category of each input column (dense), as scikit-learn's OneHotEncoder.
/// Reads string, int64, bool and float64 columns; a missing value seen at fit is a category of its
/// own (sorted last). Categories rarer than min_frequency, or beyond max_categories, can share one
/// "infrequent_sklearn" column.
struct OneHotEncoder {
  std::vector<std::vector<Value>> categories;  ///< Categories per column, in order; empty: learned.
  OneHotDrop drop = OneHotDrop::none;          ///< Leave out the first (or binary) category.
  HandleUnknown handle_unknown = HandleUnknown::error;  ///< Unknown categories at transform.
  double min_frequency = 0;       ///< 0: off; in (0, 1): a fraction of rows; >= 1: a row count.
  std::size_t max_categories = 0; ///< 0: no limit; else output columns per input column, at most.

  std::vector<DType> feature_types_in_;              ///< Fitted type per input column.
  std::vector<std::string> feature_names_in_;        ///< Fitted input names (for messages).
  std::vector<std::vector<Value>> categories_;       ///< Fitted categories per column (null last).
  std::vector<std::vector<std::uint8_t>> infrequent_;  ///< 1 where a category is infrequent.
  std::vector<std::int64_t> drop_idx_;   ///< Dropped category per column (index in categories_), -1: none.
  std::size_t n_features_in_ = 0;        ///< Fitted input width.

  /// Lookup tables derived from the fitted fields by fit and by load; never stored.
  std::shared_ptr<const detail::OneHotTables> tables_;
};

}  // namespace ferry
