#pragma once
// What counts as missing in a typed column (NaN or the numeric marker; a null string), shared by
// SimpleImputer's add_indicator and MissingIndicator.
#include <cmath>
#include <cstddef>
#include <vector>

#include "pipeline/chain.hpp"
#include "steps/fit_input.hpp"

namespace ferry::detail {

/// Whether value (row i, column j) of a block of n rows is missing.
inline bool missing_cell(Cols in, bool text, std::size_t j, std::size_t i, std::size_t n,
                         double marker) {
  if (text) return in.str[j * n + i].data() == nullptr;
  const double v = in.num[j * n + i];
  return std::isnan(v) || v == marker;
}

/// The columns of a fit input that hold a missing value.
std::vector<std::size_t> columns_with_missing(const FitInput& in, double marker);

/// Writes one 0/1 column per listed input column: 1.0 where the value is missing.
void write_indicators(const std::vector<std::size_t>& columns, const std::vector<DType>& types,
                      Cols in, double marker, double* out, std::size_t n);

}  // namespace ferry::detail
