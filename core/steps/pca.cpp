#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "steps/checks.hpp"
#include "steps/numpy_sum.hpp"
#include "steps/pca_spectrum.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "PCA";

std::string solver_text(PcaSolver s) {
  switch (s) {
    case PcaSolver::auto_: return "'auto'";
    case PcaSolver::full: return "'full'";
    case PcaSolver::covariance_eigh: return "'covariance_eigh'";
  }
  return "?";
}

// How many components the fraction keeps: one more than the cumulated ratios at or below it
// (numpy's searchsorted side='right' on the running sum), as scikit-learn counts.
std::size_t components_for(double fraction, const std::vector<double>& ratio) {
  double cumsum = 0.0;
  std::size_t at_or_below = 0;
  for (double r : ratio) {
    cumsum += r;
    if (cumsum <= fraction) ++at_or_below;
    else break;
  }
  // The running sum ends near 1 > fraction; rounding may leave it below, and then every
  // component is kept rather than one past the end.
  return at_or_below + 1 < ratio.size() ? at_or_below + 1 : ratio.size();
}

}  // namespace

void check_params(const PCA& s) {
  if (s.n_components_mode == PcaComponents::count && s.n_components < 1)
    throw ParameterError(std::string(kName) + ": n_components expected None, an integer >= 1 "
                         "or a float in (0, 1), found 0");
  if (s.n_components_mode == PcaComponents::variance &&
      !(s.variance > 0.0 && s.variance < 1.0))
    throw ParameterError(std::string(kName) + ": n_components expected a float in (0, 1) (a "
                         "fraction of the variance), found " + num(s.variance));
}

void fit(PCA& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto p = static_cast<std::size_t>(in.X.cols());
  if (n < 2)
    throw SchemaError(std::string(kName) + ": expected at least 2 samples, found n_samples=" +
                      std::to_string(n) + " (the variance divides by n_samples - 1)");
  // scikit-learn's 'auto': the covariance route for tall data, else the SVD (where scikit-learn
  // would go randomized, ferry stays exact).
  PcaSolver solver = s.svd_solver;
  if (solver == PcaSolver::auto_)
    solver = (p <= 1000 && n >= 10 * p) ? PcaSolver::covariance_eigh : PcaSolver::full;
  const std::size_t smallest = n < p ? n : p;
  if (s.n_components_mode == PcaComponents::count && s.n_components > smallest)
    throw SchemaError(std::string(kName) + ": n_components=" + std::to_string(s.n_components) +
                      " must be between 0 and min(n_samples, n_features)=" +
                      std::to_string(smallest) + " with svd_solver=" + solver_text(solver));

  Spectrum sp = solver == PcaSolver::full ? svd_spectrum(in.X) : covariance_spectrum(in.X);
  const std::size_t len = sp.variance.size();
  const double total = numpy_sum(sp.variance.data(), len);
  if (!(total > 0.0) || !std::isfinite(total))
    throw SchemaError(std::string(kName) + ": expected data with some variance, found a total "
                      "variance of " + num(total) + " (every column constant?)");
  std::vector<double> ratio(len);
  for (std::size_t k = 0; k < len; ++k) ratio[k] = sp.variance[k] / total;

  std::size_t keep = smallest;
  if (s.n_components_mode == PcaComponents::count) keep = s.n_components;
  else if (s.n_components_mode == PcaComponents::variance)
    // The covariance route has p components even with fewer samples; those past min(n, p) are
    // rounding, never kept.
    keep = std::min(components_for(s.variance, ratio), smallest);

  // The probabilistic PCA noise: the mean variance of the discarded part of the spectrum.
  s.noise_variance_ =
      keep < smallest ? numpy_sum(sp.variance.data() + keep, len - keep) /
                            static_cast<double>(len - keep)
                      : 0.0;
  s.n_components_ = keep;
  s.n_samples_ = n;
  s.n_features_in_ = p;
  s.mean_ = std::move(sp.mean);
  s.components_.assign(sp.components.begin(),
                       sp.components.begin() + static_cast<std::ptrdiff_t>(keep * p));
  s.explained_variance_.assign(sp.variance.begin(),
                               sp.variance.begin() + static_cast<std::ptrdiff_t>(keep));
  s.explained_variance_ratio_.assign(ratio.begin(), ratio.begin() + static_cast<std::ptrdiff_t>(keep));
  s.singular_values_.assign(sp.singular.begin(),
                            sp.singular.begin() + static_cast<std::ptrdiff_t>(keep));
}

std::size_t n_out(const PCA& s) { return s.n_components_; }

void prepare(PCA& s) {
  const std::size_t k = s.n_components_, p = s.n_features_in_;
  s.offset_.assign(k, 0.0);
  s.divisor_.assign(k, 1.0);
  if (s.components_.size() != k * p || s.mean_.size() != p) return;  // not fitted
  for (std::size_t c = 0; c < k; ++c) {
    double acc = 0.0;
    for (std::size_t j = 0; j < p; ++j) acc += s.mean_[j] * s.components_[c * p + j];
    s.offset_[c] = acc;
    if (s.whiten) {
      const double scale = std::sqrt(s.explained_variance_[c]);
      const double eps = std::numeric_limits<double>::epsilon();
      s.divisor_[c] = scale < eps ? eps : scale;
    }
  }
}

// scikit-learn's order: x . components_[c] first, then minus mean_ . components_[c], then the
// whitening divisor.
void transform_block(const PCA& s, const double* in, double* out, std::size_t n, std::size_t ld) {
  const std::size_t p = s.n_features_in_;
  for (std::size_t c = 0; c < s.n_components_; ++c) {
    double* o = out + c * ld;
    const double* w = s.components_.data() + c * p;
    for (std::size_t i = 0; i < n; ++i) o[i] = 0.0;
    for (std::size_t j = 0; j < p; ++j) {
      const double* x = in + j * ld;
      const double wj = w[j];
      for (std::size_t i = 0; i < n; ++i) o[i] += x[i] * wj;
    }
    const double offset = s.offset_[c];
    if (s.whiten) {
      const double d = s.divisor_[c];
      for (std::size_t i = 0; i < n; ++i) o[i] = (o[i] - offset) / d;
    } else {
      for (std::size_t i = 0; i < n; ++i) o[i] = o[i] - offset;
    }
  }
}

void validate(const PCA& s) {
  try {
    check_params(s);
  } catch (const ParameterError& e) {
    throw ArtifactError(e.what());
  }
  const std::size_t p = s.n_features_in_, k = s.n_components_;
  expect_fitted_width(kName, p);
  if (k < 1 || k > p)
    throw ArtifactError(std::string(kName) + ": n_components_ expected 1 to " + std::to_string(p) +
                        " (n_features_in_), found " + std::to_string(k));
  if (s.n_components_mode == PcaComponents::count && k != s.n_components)
    throw ArtifactError(std::string(kName) + ": n_components_ expected " +
                        std::to_string(s.n_components) + " (n_components), found " +
                        std::to_string(k));
  if (s.n_samples_ < 2 || s.n_samples_ < k)
    throw ArtifactError(std::string(kName) + ": n_samples_ expected at least 2 and at least "
                        "n_components_ " + std::to_string(k) + ", found " +
                        std::to_string(s.n_samples_));
  if (s.components_.size() / p != k || s.components_.size() % p != 0)
    throw ArtifactError(std::string(kName) + ": components_ expected " + std::to_string(k) + " x " +
                        std::to_string(p) + " values, found " +
                        std::to_string(s.components_.size()));
  expect_size(kName, "explained_variance_", k, s.explained_variance_.size());
  expect_size(kName, "explained_variance_ratio_", k, s.explained_variance_ratio_.size());
  expect_size(kName, "singular_values_", k, s.singular_values_.size());
  expect_size(kName, "mean_", p, s.mean_.size());
  expect_finite(kName, "components_", s.components_);
  expect_finite(kName, "explained_variance_", s.explained_variance_);
  expect_finite(kName, "explained_variance_ratio_", s.explained_variance_ratio_);
  expect_finite(kName, "singular_values_", s.singular_values_);
  expect_finite(kName, "mean_", s.mean_);
  if (!std::isfinite(s.noise_variance_) || s.noise_variance_ < 0.0)
    throw ArtifactError(std::string(kName) + ": noise_variance_ expected a finite value >= 0, "
                        "found " + num(s.noise_variance_));
  for (std::size_t c = 0; c < k; ++c) {
    const std::string at = std::string(kName) + ": component " + std::to_string(c) + ": ";
    const double ev = s.explained_variance_[c], r = s.explained_variance_ratio_[c];
    if (ev < 0.0 || s.singular_values_[c] < 0.0 || !(r >= 0.0 && r <= 1.0))
      throw ArtifactError(at + "expected explained_variance_ and singular_values_ >= 0 and a "
                          "ratio in [0, 1], found " + num(ev) + ", " +
                          num(s.singular_values_[c]) + " and " + num(r));
    if (c > 0 && ev > s.explained_variance_[c - 1])
      throw ArtifactError(at + "expected explained_variance_ in descending order, found " +
                          num(ev) + " after " + num(s.explained_variance_[c - 1]));
    double norm2 = 0.0;
    for (std::size_t j = 0; j < p; ++j) norm2 += s.components_[c * p + j] * s.components_[c * p + j];
    // Unit rows up to rounding; a corrupted loading shows here.
    if (!(std::fabs(norm2 - 1.0) <= 1e-9))
      throw ArtifactError(at + "expected a unit-length row of components_, found squared norm " +
                          num(norm2));
  }
}

// scikit-learn's ClassNamePrefixFeaturesOutMixin: the lowercased class name and the index.
std::vector<std::string> names_out(const PCA& s, const std::vector<std::string>&) {
  std::vector<std::string> out;
  out.reserve(s.n_components_);
  for (std::size_t c = 0; c < s.n_components_; ++c) out.push_back("pca" + std::to_string(c));
  return out;
}

// Every component mixes every input.
std::vector<bool> missing_out(const PCA& s, const std::vector<bool>& in) {
  bool any = false;
  for (bool b : in) any = any || b;
  return std::vector<bool>(s.n_components_, any);
}

std::vector<std::vector<std::size_t>> sources_out(const PCA& s, std::size_t n_in) {
  return all_sources(s.n_components_, n_in);
}

}  // namespace ferry::detail
