#pragma once
// KBinsDiscretizer's bin edges for one column, with numpy's and scikit-learn's arithmetic so the
// edges agree with scikit-learn's to the bit (k-means: with scikit-learn run single-threaded,
// whose sums then run in the same order).
#include <cstddef>
#include <vector>

#include "ferry/steps/kbins_discretizer.hpp"

namespace ferry::detail {

/// numpy's linspace(start, stop, num) (num >= 2): i * step + start, the last exactly stop.
std::vector<double> numpy_linspace(double start, double stop, std::size_t num);

/// np.percentile(values, level, method=m) of sorted values (n > 0), level in [0, 100].
double numpy_percentile(const std::vector<double>& sorted, double level, QuantileMethod m);

/// The sorted centers of scikit-learn's KMeans(n_clusters=k, init=<centers of the uniform bins
/// over [lo, hi]>, n_init=1) on one column (lo < hi its range, at least k values): Lloyd's
/// iterations on the centered values, tolerance 1e-4 times the column's variance, empty
/// clusters moved to the farthest points.
std::vector<double> kmeans_centers(const std::vector<double>& column, std::size_t k, double lo,
                                   double hi);

}  // namespace ferry::detail
