#pragma once
#include <cstddef>
#include <vector>

#include "ferry/export.hpp"

namespace ferry {

/// A dense row-major matrix of doubles: coefficients, transformed data, probabilities.
struct FERRY_API Array2D {
  std::size_t rows = 0;        ///< Number of rows.
  std::size_t cols = 0;        ///< Number of columns.
  std::vector<double> values;  ///< rows*cols values, row after row.

  /// An empty matrix.
  Array2D() = default;
  /// A rows x cols matrix filled with a value.
  Array2D(std::size_t r, std::size_t c, double fill = 0.0) : rows(r), cols(c), values(r * c, fill) {}
  /// Element (i, j).
  double& operator()(std::size_t i, std::size_t j) { return values[i * cols + j]; }
  /// Element (i, j).
  double operator()(std::size_t i, std::size_t j) const { return values[i * cols + j]; }
  /// Pointer to the first element of row i.
  const double* row(std::size_t i) const { return values.data() + i * cols; }
};

}  // namespace ferry
