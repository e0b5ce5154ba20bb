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
#include "pipeline/chain.hpp"
#include "steps/category_table.hpp"
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

/// The fields every encoder has, checked and filled alike.
struct EncoderFields {
  const std::vector<std::vector<Value>>& categories;  // parameter: given lists, or empty
  double min_frequency;
};

/// check_params of an encoder: given lists non-empty with a missing value only last, and
/// min_frequency in range; throws ParameterError.
void check_encoder_params(const char* step, const EncoderFields& f);

/// At fit: one given list per column, when lists are given; throws ParameterError.
void check_category_lists(const char* step, std::size_t given, std::size_t columns);

/// After load: categories_ and infrequent_ consistent with the column types (ArtifactError).
void validate_categories(const char* step, const std::vector<DType>& types,
                         const std::vector<std::vector<Value>>& categories,
                         const std::vector<std::vector<std::uint8_t>>& infrequent);

/// The category position of value (row i, column j) of a block of n rows, or -1 when unknown;
/// `missing` says whether the value was missing (its position is null_category then).
std::int64_t find_category(const CategoryTable& table, std::int64_t null_category, Cols in,
                           bool text, std::size_t j, std::size_t i, std::size_t n, bool& missing);

/// Throws the SchemaError for an unknown value at transform, naming the column, the value, the
/// categories and the parameter that would accept it.
[[noreturn]] void unknown_category(const char* step, const std::string& column, Cols in, bool text,
                                   std::size_t j, std::size_t i, std::size_t n, bool missing,
                                   const std::vector<Value>& categories, const char* accept);

}  // namespace ferry::detail
