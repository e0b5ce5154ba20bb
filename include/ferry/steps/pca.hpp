#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ferry {

/// How PCA's n_components is given. Values are part of the artifact format.
enum class PcaComponents : std::uint8_t {
  all = 0,       ///< None: min(n_samples, n_features) components.
  count = 1,     ///< An integer number of components.
  variance = 2,  ///< A fraction in (0, 1): the fewest components explaining more than it.
};

/// PCA's svd_solver. Values are part of the artifact format. Both solvers are exact: "full" is the
/// SVD of the centered data, "covariance_eigh" the symmetric eigendecomposition of the covariance
/// matrix (X^T X - n mean mean^T) / (n - 1); "auto" picks as scikit-learn does, except that
/// where scikit-learn would pick its approximate "randomized" solver, ferry takes "full".
enum class PcaSolver : std::uint8_t { auto_ = 0, full = 1, covariance_eigh = 2 };

/// Principal component analysis, as scikit-learn's PCA: projects the centered input on the
/// principal axes, (x - mean_) . components_^T, divided by sqrt(explained_variance_) when whiten.
/// Signs follow scikit-learn's svd_flip (v-based: each component's largest-magnitude loading is
/// positive). Missing values are refused, as scikit-learn refuses them; sample weights are
/// ignored (scikit-learn's PCA takes none).
struct PCA {
  PcaComponents n_components_mode = PcaComponents::all;  ///< How n_components is given.
  std::size_t n_components = 0;  ///< The number of components when mode is count (>= 1).
  double variance = 0.0;         ///< The fraction in (0, 1) when mode is variance.
  bool whiten = false;           ///< Scale each component to unit variance.
  PcaSolver svd_solver = PcaSolver::auto_;  ///< Which exact solver.

  std::vector<double> components_;  ///< n_components_ x n_features_in_, row-major; unit rows.
  std::vector<double> explained_variance_;        ///< Per component, the variance it explains.
  std::vector<double> explained_variance_ratio_;  ///< Per component, its share of the total.
  std::vector<double> singular_values_;           ///< Per component, the singular value.
  std::vector<double> mean_;                      ///< Per input column, its training mean.
  double noise_variance_ = 0.0;  ///< Mean variance of the discarded components (0 if none).
  std::size_t n_components_ = 0;  ///< Number of components kept.
  std::size_t n_samples_ = 0;     ///< Rows seen at fit.
  std::size_t n_features_in_ = 0;  ///< Fitted input width.

  /// Derived after fit and load, never stored: per component, mean_ . components_[k] (subtracted
  /// after the projection, as scikit-learn does) and the divisor (1, or sqrt(explained_variance_)
  /// at least machine epsilon when whiten).
  std::vector<double> offset_;
  std::vector<double> divisor_;
};

}  // namespace ferry
