#pragma once

namespace ferry::detail {

/// The standard normal distribution's quantile function (inverse CDF, scipy's norm.ppf) at p in
/// (0, 1), to within a few units in the last place.
double normal_quantile(double p);

}  // namespace ferry::detail
