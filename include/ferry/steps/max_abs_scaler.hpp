#pragma once
#include <cstddef>
#include <vector>

namespace ferry {

/// Divides each column by its largest absolute training value, as scikit-learn's MaxAbsScaler.
/// NaN values are ignored when fitting and passed through when transforming; sample weights are
/// ignored (scikit-learn's MaxAbsScaler takes none).
struct MaxAbsScaler {
  bool clip = false;  ///< Clip transformed values to [-1, 1] (NaN stays NaN).

  std::vector<double> max_abs_;     ///< Per column max |x| seen at fit (NaN: column all missing).
  std::vector<double> scale_;       ///< Per column divisor: max_abs_, or 1 where it is (near) 0.
  std::size_t n_samples_seen_ = 0;  ///< Rows seen at fit, missing values included.
  std::size_t n_features_in_ = 0;   ///< Fitted input width.
};

}  // namespace ferry
