#include "steps/kbins_edges.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "steps/numpy_sum.hpp"

namespace ferry::detail {

std::vector<double> numpy_linspace(double start, double stop, std::size_t num) {
  const double div = static_cast<double>(num - 1);
  const double delta = stop - start;
  const double step = delta / div;
  std::vector<double> y(num);
  for (std::size_t i = 0; i < num; ++i) {
    const double at = static_cast<double>(i);
    // numpy falls back to (i / div) * delta when the step underflows to 0.
    y[i] = (step == 0.0 ? (at / div) * delta : at * step) + start;
  }
  y[num - 1] = stop;
  return y;
}

namespace {

// Python's floor(x) % 2 for a float (the result takes the divisor's sign).
bool floor_is_odd(double x) {
  const double f = std::floor(x);
  return f - 2.0 * std::floor(f / 2.0) == 1.0;
}

// numpy's _discrete_interpolation_to_boundaries: the lower or upper neighbour of the virtual
// index, clipped at 0.
std::size_t discrete_index(double index, bool take_previous_when_integral_and_odd_only,
                           std::size_t n) {
  const double previous = std::floor(index);
  const double gamma = index - previous;
  const bool previous_wins = take_previous_when_integral_and_odd_only
                                 ? (gamma == 0.0 && floor_is_odd(index))
                                 : gamma == 0.0;
  const double at = previous_wins ? previous : previous + 1.0;
  if (at < 0.0) return 0;
  const auto i = static_cast<std::size_t>(at);
  return i < n ? i : n - 1;
}

}  // namespace

double numpy_percentile(const std::vector<double>& sorted, double level, QuantileMethod m) {
  const std::size_t n = sorted.size();
  const double dn = static_cast<double>(n);
  const double q = level / 100.0;
  // The discrete methods take one order statistic.
  if (m == QuantileMethod::inverted_cdf) return sorted[discrete_index(dn * q - 1.0, false, n)];
  if (m == QuantileMethod::closest_observation)
    return sorted[discrete_index(dn * q - 1.0 - 0.5, true, n)];
  double v = 0.0;
  switch (m) {
    case QuantileMethod::averaged_inverted_cdf: v = dn * q - 1.0; break;
    case QuantileMethod::linear: v = (dn - 1.0) * q; break;
    default: {
      // numpy's _compute_virtual_index: n * q + (alpha + q * (1 - alpha - beta)) - 1.
      double alpha = 0.0, beta = 0.0;
      if (m == QuantileMethod::interpolated_inverted_cdf) alpha = 0.0, beta = 1.0;
      else if (m == QuantileMethod::hazen) alpha = 0.5, beta = 0.5;
      else if (m == QuantileMethod::weibull) alpha = 0.0, beta = 0.0;
      else if (m == QuantileMethod::median_unbiased) alpha = 1.0 / 3.0, beta = 1.0 / 3.0;
      else alpha = 3.0 / 8.0, beta = 3.0 / 8.0;  // normal_unbiased
      v = dn * q + (alpha + q * ((1.0 - alpha) - beta)) - 1.0;
    }
  }
  // numpy's _get_indexes: past either end both neighbours are the end value (previous index -1
  // at the top, 0 at the bottom, which only changes gamma, not the value).
  double previous = std::floor(v);
  std::size_t lo = 0, hi = 0;
  if (v >= dn - 1.0) {
    lo = hi = n - 1;
    previous = -1.0;
  } else if (v < 0.0) {
    lo = hi = 0;
    previous = 0.0;
  } else {
    lo = static_cast<std::size_t>(previous);
    hi = lo + 1;
  }
  double gamma = v - previous;
  if (m == QuantileMethod::averaged_inverted_cdf) gamma = gamma == 0.0 ? 0.5 : 1.0;
  const double a = sorted[lo], b = sorted[hi], diff = b - a;
  return gamma >= 0.5 ? b - diff * (1.0 - gamma) : a + diff * gamma;  // numpy's _lerp
}

std::vector<double> kmeans_centers(const std::vector<double>& column, std::size_t k, double lo,
                                   double hi) {
  const std::size_t n = column.size();
  const double dn = static_cast<double>(n);
  // KMeans' tolerance: tol (1e-4) times the mean of the columns' variances (np.var).
  const double mean = numpy_sum(column.data(), n) / dn;
  std::vector<double> x(n), sq(n);
  for (std::size_t i = 0; i < n; ++i) {
    sq[i] = (column[i] - mean) * (column[i] - mean);
    x[i] = column[i] - mean;  // KMeans centers the data (and the init) first
  }
  const double tol = (numpy_sum(sq.data(), n) / dn) * 1e-4;

  const std::vector<double> edges = numpy_linspace(lo, hi, k + 1);
  std::vector<double> centers(k), next(k), weight(k), shift(k), c2(k);
  for (std::size_t c = 0; c < k; ++c) centers[c] = (edges[c + 1] + edges[c]) * 0.5 - mean;
  std::vector<int> labels(n, -1), labels_old(n, -1);
  std::vector<double> distance(n);
  std::vector<std::size_t> order(n), empty;
  for (int iteration = 0; iteration < 300; ++iteration) {
    // E-step as scikit-learn's chunked Lloyd: ||c||^2 - 2 x c (the GEMM's one product, doubled
    // exactly), the first nearest center winning ties.
    for (std::size_t c = 0; c < k; ++c) c2[c] = centers[c] * centers[c];
    std::fill(next.begin(), next.end(), 0.0);
    std::fill(weight.begin(), weight.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      int label = 0;
      double best = c2[0] + -2.0 * (x[i] * centers[0]);
      for (std::size_t c = 1; c < k; ++c) {
        const double d = c2[c] + -2.0 * (x[i] * centers[c]);
        if (d < best) {
          best = d;
          label = static_cast<int>(c);
        }
      }
      labels[i] = label;
      weight[static_cast<std::size_t>(label)] += 1.0;
      next[static_cast<std::size_t>(label)] += x[i];
    }
    // Empty clusters take the points farthest from their (old) centers, farthest first. The
    // empty ones are those empty now: a cluster a move empties keeps its (zero) weight.
    empty.clear();
    for (std::size_t c = 0; c < k; ++c)
      if (weight[c] == 0.0) empty.push_back(c);
    if (!empty.empty()) {
      double farthest = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        const double d = x[i] - centers[static_cast<std::size_t>(labels[i])];
        distance[i] = d * d;
        farthest = std::max(farthest, distance[i]);
      }
      if (farthest != 0.0) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return distance[a] > distance[b]; });
        std::size_t taken = 0;
        for (std::size_t c : empty) {
          const std::size_t far = order[taken++];
          const auto old = static_cast<std::size_t>(labels[far]);
          next[old] -= x[far];
          next[c] = x[far];
          weight[c] = 1.0;
          weight[old] -= 1.0;
        }
      }
    }
    // M-step: means; a cluster still empty sits on the heaviest one (in scikit-learn's loop
    // order, so it copies that center as it stands at that point).
    const std::size_t heaviest = static_cast<std::size_t>(
        std::max_element(weight.begin(), weight.end()) - weight.begin());
    for (std::size_t c = 0; c < k; ++c) {
      if (weight[c] > 0.0) next[c] *= 1.0 / weight[c];
      else next[c] = next[heaviest];
    }
    for (std::size_t c = 0; c < k; ++c)
      shift[c] = std::sqrt((next[c] - centers[c]) * (next[c] - centers[c]));
    centers.swap(next);
    if (labels == labels_old) break;  // strict convergence
    for (double& s : shift) s *= s;
    if (numpy_sum(shift.data(), k) <= tol) break;
    labels_old = labels;
  }
  for (double& c : centers) c += mean;
  std::sort(centers.begin(), centers.end());
  return centers;
}

}  // namespace ferry::detail
