#include "steps/quantiles.hpp"

#include <algorithm>
#include <cmath>

namespace ferry::detail {

std::vector<double> sorted_present(const double* column, std::size_t n, std::size_t stride) {
  std::vector<double> v;
  v.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = column[i * stride];
    if (!std::isnan(x)) v.push_back(x);
  }
  std::sort(v.begin(), v.end());
  return v;
}

double median_sorted(const std::vector<double>& sorted) {
  const std::size_t n = sorted.size(), h = n / 2;
  return n % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2.0;
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  const std::size_t n = sorted.size();
  const double virtual_index = static_cast<double>(n - 1) * q;
  // numpy clamps at the top by pointing both neighbours at the last value; its weight then is
  // virtual_index + 1 (the index minus -1), which only picks the formula below.
  double below = std::floor(virtual_index);
  std::size_t lo = 0, hi = 0;
  if (virtual_index >= static_cast<double>(n - 1)) {
    lo = hi = n - 1;
    below = -1.0;
  } else {
    lo = static_cast<std::size_t>(below);
    hi = lo + 1;
  }
  const double gamma = virtual_index - below;
  const double a = sorted[lo], b = sorted[hi], diff = b - a;
  return gamma >= 0.5 ? b - diff * (1.0 - gamma) : a + diff * gamma;
}

}  // namespace ferry::detail
