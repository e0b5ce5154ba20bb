#pragma once
// scikit-learn's _handle_zeros_in_scale, shared by the scalers and the Normalizer.
#include <limits>

namespace ferry::detail {

/// A divisor below 10 machine epsilons (an absolute bound, as scikit-learn's) counts as 1, so a
/// constant column or an all-zero row is left as it is instead of blowing up. NaN stays NaN.
inline double guard_scale(double scale) {
  return scale < 10.0 * std::numeric_limits<double>::epsilon() ? 1.0 : scale;
}

}  // namespace ferry::detail
