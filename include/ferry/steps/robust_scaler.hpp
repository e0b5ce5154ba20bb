#pragma once
#include <array>
#include <cstddef>
#include <vector>

namespace ferry {

/// Centers each column on its median and divides it by an interquantile range, as scikit-learn's
/// RobustScaler: (x - center_) / scale_. Quantiles are numpy's default (linear interpolation).
/// NaN values are ignored when fitting and passed through when transforming; sample weights are
/// ignored (scikit-learn's RobustScaler takes none).
struct RobustScaler {
  bool with_centering = true;  ///< Subtract the median.
  bool with_scaling = true;    ///< Divide by the interquantile range.
  std::array<double, 2> quantile_range{25.0, 75.0};  ///< (q_min, q_max) percentiles, 0 to 100.
  bool unit_variance = false;  ///< Rescale so that normally distributed data has variance 1.

  /// Per column median (empty unless with_centering; NaN: the column was all missing).
  std::vector<double> center_;
  /// Per column divisor (empty unless with_scaling; NaN: the column was all missing).
  std::vector<double> scale_;
  std::size_t n_features_in_ = 0;  ///< Fitted input width.
};

}  // namespace ferry
