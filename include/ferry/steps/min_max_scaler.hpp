#pragma once
#include <array>
#include <cstddef>
#include <vector>

namespace ferry {

/// Scales each column linearly so that its training minimum and maximum land on feature_range, as
/// scikit-learn's MinMaxScaler: x * scale_ + min_. NaN values are ignored when fitting and passed
/// through when transforming; sample weights are ignored (scikit-learn's MinMaxScaler takes none).
struct MinMaxScaler {
  std::array<double, 2> feature_range{0.0, 1.0};  ///< (min, max) of the output; min < max.
  bool clip = false;  ///< Clip transformed values to feature_range (NaN stays NaN).

  std::vector<double> min_;         ///< Per column: feature_range[0] - data_min_ * scale_.
  std::vector<double> scale_;       ///< Per column: (max - min) / data_range_ (0 counts as 1).
  std::vector<double> data_min_;    ///< Per column minimum seen at fit (NaN: column all missing).
  std::vector<double> data_max_;    ///< Per column maximum seen at fit (NaN: column all missing).
  std::vector<double> data_range_;  ///< Per column data_max_ - data_min_.
  std::size_t n_samples_seen_ = 0;  ///< Rows seen at fit, missing values included.
  std::size_t n_features_in_ = 0;   ///< Fitted input width.
};

}  // namespace ferry
