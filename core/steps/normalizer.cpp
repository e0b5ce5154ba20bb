#include <cmath>

#include "steps/checks.hpp"
#include "steps/scale_guard.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "Normalizer";

// numpy's pairwise sum of |x| over n values spaced `stride` apart, in numpy's order (np.sum along
// a contiguous row: plain below 8 values, eight running sums up to 128, halves above), so the l1
// norm has the bits scikit-learn's has on C-ordered input.
double pairwise_abs_sum(const double* x, std::size_t n, std::size_t stride) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += std::fabs(x[i * stride]);
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t k = 0; k < 8; ++k) r[k] = std::fabs(x[k * stride]);
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (std::size_t k = 0; k < 8; ++k) r[k] += std::fabs(x[(i + k) * stride]);
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += std::fabs(x[i * stride]);
    return res;
  }
  std::size_t half = n / 2;
  half -= half % 8;
  return pairwise_abs_sum(x, half, stride) + pairwise_abs_sum(x + half * stride, n - half, stride);
}

double row_norm(Norm norm, const double* x, std::size_t d, std::size_t stride) {
  switch (norm) {
    case Norm::l1: return pairwise_abs_sum(x, d, stride);
    case Norm::l2: {
      // In order; scikit-learn's einsum sums in an order that depends on the CPU's vector width,
      // so its bits cannot be followed portably (the two agree to a few ulps).
      double sq = 0.0;
      for (std::size_t j = 0; j < d; ++j) sq += x[j * stride] * x[j * stride];
      return std::sqrt(sq);
    }
    case Norm::max: {
      double m = 0.0;
      for (std::size_t j = 0; j < d; ++j) m = std::fmax(m, std::fabs(x[j * stride]));
      return m;
    }
  }
  return 1.0;
}

}  // namespace

void check_params(const Normalizer& s) {
  if (static_cast<unsigned>(s.norm) > 2)
    throw ParameterError(std::string(kName) + ": norm expected l1, l2 or max, found " +
                         std::to_string(static_cast<unsigned>(s.norm)));
}

void fit(Normalizer& s, const FitInput& in) {
  s.n_features_in_ = static_cast<std::size_t>(in.X.cols());
}

std::size_t n_out(const Normalizer& s) { return s.n_features_in_; }

void transform_block(const Normalizer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  const std::size_t d = s.n_features_in_;
  for (std::size_t i = 0; i < n; ++i) {
    // A division by the row's norm, as scikit-learn's X /= norms[:, None].
    const double norm = guard_scale(row_norm(s.norm, in + i, d, ld));
    for (std::size_t j = 0; j < d; ++j) out[j * ld + i] = in[j * ld + i] / norm;
  }
}

void validate(const Normalizer& s) {
  expect_enum(kName, "norm", static_cast<unsigned>(s.norm), 3);
  expect_fitted_width(kName, s.n_features_in_);
}

std::vector<std::string> names_out(const Normalizer&, const std::vector<std::string>& in) {
  return in;
}

// A missing value in a row would reach every output of that row through the norm.
std::vector<bool> missing_out(const Normalizer&, const std::vector<bool>& in) {
  bool any = false;
  for (bool b : in) any = any || b;
  return std::vector<bool>(in.size(), any);
}

std::vector<std::vector<std::size_t>> sources_out(const Normalizer&, std::size_t n_in) {
  return all_sources(n_in, n_in);  // each output is divided by the norm of the whole row
}

}  // namespace ferry::detail
