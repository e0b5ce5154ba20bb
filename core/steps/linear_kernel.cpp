#include "steps/step_ops.hpp"

namespace ferry::detail {

void linear_block(const double* coef, std::size_t p, double intercept, const double* in,
                  double* out, std::size_t n, std::size_t ld) {
  // Feature by feature over the rows: each row still sums in the order j = 0, 1, ..., which is
  // what keeps a row's bits the same alone (n = 1) and in a batch, while the inner loop runs over
  // contiguous values.
  if (n == 1) {
    // One row: the same sum in the same order, without the per-feature loop setup.
    double acc = 0.0;
    for (std::size_t j = 0; j < p; ++j) acc += coef[j] * in[j * ld];
    out[0] = acc + intercept;
    return;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = 0.0;
  for (std::size_t j = 0; j < p; ++j) {
    const double c = coef[j];
    const double* x = in + j * ld;
    for (std::size_t i = 0; i < n; ++i) out[i] += c * x[i];
  }
  for (std::size_t i = 0; i < n; ++i) out[i] += intercept;
}

}  // namespace ferry::detail
