#pragma once
#include <cstddef>
#include <vector>

namespace ferry {

/// Centers and scales columns to unit variance, as scikit-learn's StandardScaler. NaN values are
/// ignored when fitting and passed through when transforming.
struct StandardScaler {
  bool with_mean = true;  ///< Subtract the mean.
  bool with_std = true;   ///< Divide by the standard deviation.

  std::vector<double> mean_;             ///< Fitted (weighted) mean per column.
  std::vector<double> var_;              ///< Fitted (weighted, biased) variance per column.
  std::vector<double> scale_;            ///< Divisor per column: sqrt(var_), 1 for constant columns.
  std::vector<double> n_samples_seen_;   ///< Weight of the non-missing values per column.
  std::size_t n_features_in_ = 0;        ///< Fitted input width.
};

}  // namespace ferry
