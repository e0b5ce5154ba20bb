#pragma once
// Learning the categories of encoder columns as scikit-learn does (OneHotEncoder and
// OrdinalEncoder share it): sorted distinct values with a missing value last, or given ones;
// counts; and infrequent grouping by min_frequency and max_categories.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ferry/schema.hpp"
#include "ferry/value.hpp"
#include "steps/fit_input.hpp"

namespace ferry::detail {

/// True for the column types whose categories are numbers (names print "nan" for missing).
bool numeric_type(DType t);
/// Whether a category value fits a column of type t (null always does).
bool fits(const Value& v, DType t);
/// Categories as a short readable list for messages.
std::string category_list(const std::vector<Value>& values, bool numeric);

struct CategoryRules {
  const char* step;                          // for messages
  const std::vector<Value>* given = nullptr; // given categories of this column, or learn them
  bool unknown_is_error = true;              // a value outside given categories fails the fit
  double min_frequency = 0;                  // 0 off, (0, 1) fraction, >= 1 count
  std::size_t max_categories = 0;            // 0 no limit
};

struct LearnedColumn {
  std::vector<Value> categories;         // sorted (or as given), missing last
  std::vector<std::uint8_t> infrequent;  // 1 per infrequent category
};

/// Learns column j of a fit input by the rules; throws ParameterError/SchemaError naming the
/// step, the column and the value.
LearnedColumn learn_column(const FitInput& in, std::size_t j, const CategoryRules& rules);

/// Grouped position of each category: frequent ones in order, every infrequent one last;
/// n_groups counts the infrequent group once.
std::vector<std::size_t> grouped(const std::vector<std::uint8_t>& infrequent, std::size_t& n_groups);

/// Checks min_frequency: 0, a fraction in (0, 1) or a whole count >= 1.
bool valid_min_frequency(double f);

}  // namespace ferry::detail
