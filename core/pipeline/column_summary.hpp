#pragma once
// The per-column summary of the training data that an artifact's metadata carries.
#include <cstddef>
#include <vector>

#include "ferry/frame.hpp"
#include "ferry/metadata.hpp"

namespace ferry::detail {

/// One summary per column of X, in schema order.
std::vector<ColumnSummary> summarize_columns(const Frame& X);

/// One summary per column of n numeric rows of d values (row-major, NaN = missing);
/// no_missing when the caller knows they hold no NaN.
std::vector<ColumnSummary> summarize_columns(const double* rows, std::size_t n, std::size_t d,
                                             bool no_missing);

}  // namespace ferry::detail
