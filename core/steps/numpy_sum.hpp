#pragma once
// Sums as numpy computes them, so fitted values agree with scikit-learn's to the bit.
#include <cstddef>

namespace ferry::detail {

/// numpy's pairwise summation (np.sum of a contiguous 1-D array, or of an (n, 1) array along
/// axis 0): n values spaced stride apart.
double numpy_sum(const double* a, std::size_t n, std::size_t stride = 1);

}  // namespace ferry::detail
