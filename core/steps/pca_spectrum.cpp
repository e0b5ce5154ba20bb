#include "steps/pca_spectrum.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <cmath>

namespace ferry::detail {
namespace {

// numpy's mean over axis 0 of a C-ordered array: each column summed row after row, then / n.
std::vector<double> column_means(RowView X) {
  const Eigen::Index n = X.rows(), p = X.cols();
  std::vector<double> mean(static_cast<std::size_t>(p), 0.0);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < p; ++j) mean[static_cast<std::size_t>(j)] += X(i, j);
  for (double& m : mean) m /= static_cast<double>(n);
  return mean;
}

// svd_flip(u_based_decision=False): each row's largest-magnitude entry (the first of equals)
// made positive.
void flip_signs(std::vector<double>& rows, std::size_t p) {
  for (std::size_t r = 0; r * p < rows.size(); ++r) {
    double* v = rows.data() + r * p;
    std::size_t arg = 0;
    for (std::size_t j = 1; j < p; ++j)
      if (std::fabs(v[j]) > std::fabs(v[arg])) arg = j;
    if (v[arg] < 0.0)
      for (std::size_t j = 0; j < p; ++j) v[j] = -v[j];
  }
}

}  // namespace

Spectrum svd_spectrum(RowView X) {
  const Eigen::Index n = X.rows(), p = X.cols();
  Spectrum s;
  s.mean = column_means(X);
  Eigen::MatrixXd centered(n, p);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < p; ++j) centered(i, j) = X(i, j) - s.mean[static_cast<std::size_t>(j)];
  Eigen::BDCSVD<Eigen::MatrixXd> svd(centered, Eigen::ComputeThinV);
  const Eigen::VectorXd& sv = svd.singularValues();  // descending
  const Eigen::MatrixXd& V = svd.matrixV();
  const auto r = static_cast<std::size_t>(sv.size());
  const auto pp = static_cast<std::size_t>(p);
  s.singular.resize(r);
  s.variance.resize(r);
  s.components.resize(r * pp);
  for (std::size_t c = 0; c < r; ++c) {
    const double v = sv(static_cast<Eigen::Index>(c));
    s.singular[c] = v;
    s.variance[c] = (v * v) / static_cast<double>(n - 1);
    for (std::size_t j = 0; j < pp; ++j)
      s.components[c * pp + j] = V(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(c));
  }
  flip_signs(s.components, pp);
  return s;
}

Spectrum covariance_spectrum(RowView X) {
  const Eigen::Index n = X.rows(), p = X.cols();
  Spectrum s;
  s.mean = column_means(X);
  Eigen::MatrixXd C = X.transpose() * X;
  const double dn = static_cast<double>(n);
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j)
      C(i, j) -= (dn * s.mean[static_cast<std::size_t>(i)]) * s.mean[static_cast<std::size_t>(j)];
  C /= static_cast<double>(n - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(C);
  const Eigen::VectorXd& values = eig.eigenvalues();  // ascending
  const Eigen::MatrixXd& vectors = eig.eigenvectors();
  const auto pp = static_cast<std::size_t>(p);
  s.singular.resize(pp);
  s.variance.resize(pp);
  s.components.resize(pp * pp);
  for (std::size_t c = 0; c < pp; ++c) {
    const auto from = static_cast<Eigen::Index>(pp - 1 - c);
    // The covariance is positive semi-definite; rounding can make an eigenvalue slightly
    // negative, which would break the square root.
    const double v = values(from) < 0.0 ? 0.0 : values(from);
    s.variance[c] = v;
    s.singular[c] = std::sqrt(v * static_cast<double>(n - 1));
    for (std::size_t j = 0; j < pp; ++j)
      s.components[c * pp + j] = vectors(static_cast<Eigen::Index>(j), from);
  }
  flip_signs(s.components, pp);
  return s;
}

}  // namespace ferry::detail
