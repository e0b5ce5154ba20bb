#pragma once
// Order statistics as numpy computes them, so fitted values agree with scikit-learn's to the bit.
#include <cstddef>
#include <vector>

namespace ferry::detail {

/// The column's values other than NaN, sorted ascending. `column` points at n values spaced
/// `stride` apart.
std::vector<double> sorted_present(const double* column, std::size_t n, std::size_t stride);

/// numpy's median of sorted values (n > 0): the middle one, or the two middle ones' (a + b) / 2.
double median_sorted(const std::vector<double>& sorted);

/// numpy's default ("linear", Hyndman and Fan's method 7) quantile of sorted values (n > 0) at
/// fraction q in [0, 1], with numpy's order of operations: virtual index (n - 1) * q, and the
/// interpolation taken from the nearer end (numpy's _lerp).
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace ferry::detail
