#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ferry {

/// KBinsDiscretizer's output. Values are part of the artifact format. (scikit-learn's sparse
/// "onehot" has no ferry counterpart: "onehot-dense" gives the same values.)
enum class KBinsEncode : std::uint8_t { onehot_dense = 0, ordinal = 1 };

/// How the bin edges are placed. Values are part of the artifact format.
enum class KBinsStrategy : std::uint8_t { uniform = 0, quantile = 1, kmeans = 2 };

/// numpy's percentile methods (the Hyndman and Fan definitions numpy names), for the quantile
/// strategy. Values are part of the artifact format.
enum class QuantileMethod : std::uint8_t {
  inverted_cdf = 0,
  averaged_inverted_cdf = 1,
  closest_observation = 2,
  interpolated_inverted_cdf = 3,
  hazen = 4,
  weibull = 5,
  linear = 6,
  median_unbiased = 7,
  normal_unbiased = 8,
};

/// Bins each column into intervals, as scikit-learn's KBinsDiscretizer: equal widths (uniform),
/// numpy percentiles (quantile) or 1-D k-means from scikit-learn's deterministic init (kmeans:
/// Lloyd's algorithm from the centers of the uniform bins, scikit-learn's tolerance, empty
/// clusters relocated, single-threaded sums); quantile and kmeans drop bins 1e-8 wide or less,
/// and a constant column gets one bin. A value's bin is the number of inner edges <= it. Missing
/// values are refused, as scikit-learn refuses them; so are sample weights other than 1.
struct KBinsDiscretizer {
  std::size_t n_bins = 5;  ///< Bins per column (>= 2), unless n_bins_per_feature is given.
  std::vector<std::size_t> n_bins_per_feature;  ///< Bins for each column (each >= 2), or empty.
  KBinsEncode encode = KBinsEncode::onehot_dense;      ///< One-hot columns or bin indices.
  KBinsStrategy strategy = KBinsStrategy::quantile;    ///< How edges are placed.
  QuantileMethod quantile_method = QuantileMethod::averaged_inverted_cdf;  ///< For quantile.
  /// scikit-learn bins a random subsample of this many rows when there are more; ferry bins
  /// every row and refuses more rows than this (0 means None: no limit).
  std::size_t subsample = 200000;

  std::vector<std::vector<double>> bin_edges_;  ///< Per column, n_bins_[j] + 1 ascending edges.
  std::vector<std::size_t> n_bins_;             ///< Per column, the number of bins kept.
  std::size_t n_features_in_ = 0;               ///< Fitted input width.
};

}  // namespace ferry
