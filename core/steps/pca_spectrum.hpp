#pragma once
// PCA's two exact solvers, as scikit-learn's _fit_full computes them: the SVD of the centered
// data ("full") and the eigendecomposition of the covariance matrix ("covariance_eigh").
#include <vector>

#include "steps/fit_input.hpp"

namespace ferry::detail {

/// The whole spectrum, largest first, signs fixed as scikit-learn's svd_flip (v-based).
struct Spectrum {
  std::vector<double> mean;        ///< Per column.
  std::vector<double> variance;    ///< Explained variance per component.
  std::vector<double> singular;    ///< Singular value per component.
  std::vector<double> components;  ///< One row of n_features per component.
};

/// Spectrum of min(n, p) components from the SVD of X - mean.
Spectrum svd_spectrum(RowView X);
/// Spectrum of p components from (X^T X - n mean mean^T) / (n - 1); negative eigenvalues are 0.
Spectrum covariance_spectrum(RowView X);

}  // namespace ferry::detail
