#pragma once
// Value -> category position in one hash lookup (open addressing), for the encoders' transform:
// a string is found without building a std::string, a number without a scan over categories.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/value.hpp"

namespace ferry::detail {

class CategoryTable {
 public:
  CategoryTable() = default;
  /// Indexes the non-null categories: all strings, or all numbers (int64/bool/float64 as doubles).
  /// Returns false when two are equal or strings and numbers are mixed (the caller names the step
  /// and field).
  bool build(const std::vector<Value>& categories);
  /// Position of a string category, or -1.
  std::int64_t find(std::string_view v) const;
  /// Position of a number category (v not NaN; -0.0 equals 0.0), or -1.
  std::int64_t find(double v) const;

 private:
  std::vector<std::string> text_;     // owned copies: a table outlives any one step object
  std::vector<double> numbers_;
  std::vector<std::int64_t> position_;  // category position per entry
  std::vector<std::uint32_t> slots_;    // entry + 1, 0 = empty
  std::size_t mask_ = 0;
  bool text_mode_ = false;
};

/// A category as Python's str() spells it (scikit-learn's feature names): 1, 1.5, True, None.
std::string python_str(const Value& v, bool numeric_column);

}  // namespace ferry::detail
