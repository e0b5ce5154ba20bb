#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ferry {

/// Products of the input columns up to a degree, as scikit-learn's PolynomialFeatures: the bias
/// column 1, then the terms of degree 1, 2, ... in scikit-learn's order (combinations with
/// replacement of the column indices, or without when interaction_only), each term computed with
/// scikit-learn's order of multiplications. Stateless but for the input width; missing values
/// are refused, as scikit-learn refuses them.
struct PolynomialFeatures {
  std::size_t min_degree = 0;  ///< Lowest degree kept (terms of degree 0 only via include_bias).
  std::size_t degree = 2;      ///< Highest degree.
  bool degree_range = false;   ///< degree was given as (min_degree, degree) rather than an int.
  bool interaction_only = false;  ///< Only products of distinct columns (no x^2).
  bool include_bias = true;       ///< Start with a column of ones.

  std::size_t n_output_features_ = 0;  ///< Output width.
  std::size_t n_features_in_ = 0;      ///< Fitted input width.

  /// Derived after fit and load, never stored: term k's factors (column indices, ascending) are
  /// factors_[term_start_[k] .. term_start_[k + 1]).
  std::vector<std::uint32_t> factors_;
  std::vector<std::size_t> term_start_;  ///< n_output_features_ + 1 offsets into factors_.
  /// Derived: for a term of degree >= 2 whose cofactor (the term without its first factor) is an
  /// output column, that column's index, so the product reuses it; otherwise SIZE_MAX.
  std::vector<std::size_t> cofactor_;
};

}  // namespace ferry
