#include "optim/poisson_loss.hpp"

#include <cmath>
#include <limits>

namespace ferry::detail {

PoissonLoss::PoissonLoss(RowView X, const Eigen::VectorXd& y,
                         const Eigen::VectorXd& weight, double alpha, bool fit_intercept)
    : X_(X), y_(y), s_(weight / weight.sum()), alpha_(alpha), fit_intercept_(fit_intercept) {
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (y[i] > 0) constant_ += s_[i] * (y[i] * std::log(y[i]) - y[i]);
}

double PoissonLoss::operator()(const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                               Eigen::MatrixXd* hess) const {
  const Eigen::Index p = X_.cols();
  const auto w = theta.head(p);
  const double b = fit_intercept_ ? theta[p] : 0.0;
  const Eigen::VectorXd eta = (X_ * w).array() + b;
  const Eigen::VectorXd mu = eta.array().exp();
  if (!mu.allFinite()) return std::numeric_limits<double>::infinity();
  const double value = s_.dot(mu - y_.cwiseProduct(eta)) + constant_ + 0.5 * alpha_ * w.squaredNorm();
  if (grad) {
    const Eigen::VectorXd d = s_.cwiseProduct(mu - y_);
    grad->resize(theta.size());
    grad->head(p).noalias() = X_.transpose() * d;
    grad->head(p) += alpha_ * w;
    if (fit_intercept_) (*grad)[p] = d.sum();
  }
  if (hess) {
    const Eigen::VectorXd h = s_.cwiseProduct(mu);
    hess->resize(theta.size(), theta.size());
    const RowMatrix scaled = X_.array().colwise() * h.array().sqrt();
    hess->topLeftCorner(p, p).noalias() = scaled.transpose() * scaled;
    hess->topLeftCorner(p, p).diagonal().array() += alpha_;
    if (fit_intercept_) {
      const Eigen::VectorXd xh = X_.transpose() * h;
      hess->col(p).head(p) = xh;
      hess->row(p).head(p) = xh.transpose();
      (*hess)(p, p) = h.sum();
    }
  }
  return value;
}

}  // namespace ferry::detail
