#include "steps/numpy_sum.hpp"

namespace ferry::detail {

// numpy's pairwise_sum (numpy/_core/src/umath/loops_utils.h.src): below 8 values a plain loop,
// up to 128 eight interleaved accumulators combined as a tree, above that the two halves (the
// first rounded down to a multiple of 8) summed recursively.
double numpy_sum(const double* a, std::size_t n, std::size_t stride) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i * stride];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = a[j * stride];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (std::size_t j = 0; j < 8; ++j) r[j] += a[(i + j) * stride];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i * stride];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return numpy_sum(a, n2, stride) + numpy_sum(a + n2 * stride, n - n2, stride);
}

}  // namespace ferry::detail
