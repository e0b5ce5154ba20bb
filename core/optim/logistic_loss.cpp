#include "optim/logistic_loss.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "pipeline/parallel.hpp"

namespace ferry::detail {
namespace {

constexpr Eigen::Index kChunk = 4096;  // rows per chunk: the chunk's design fits in cache

double log1pexp(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

}  // namespace

LogisticLoss::LogisticLoss(RowView X, const std::vector<int>& class_index,
                           Eigen::VectorXd weight, double C, bool fit_intercept, Eigen::Index rows,
                           Eigen::VectorXd penalty)
    : X_(X), class_index_(class_index), weight_(std::move(weight)), C_(C),
      fit_intercept_(fit_intercept), R_(rows), p_(X.cols()), q_(X.cols() + (fit_intercept ? 1 : 0)),
      penalty_(std::move(penalty)) {}

void LogisticLoss::accumulate(const Eigen::VectorXd& theta, Eigen::Index begin, Eigen::Index end,
                              bool want_grad, bool want_hess, Partial& out) const {
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> W(
      theta.data(), R_, q_);
  out.value = 0.0;
  if (want_grad) out.grad.setZero(R_, q_);
  if (want_hess) out.hess.setZero(R_ * q_, R_ * q_);
  Eigen::MatrixXd A, Z, P, Wd;
  for (Eigen::Index s = begin; s < end; s += kChunk) {
    const Eigen::Index c = std::min(kChunk, end - s);
    A.resize(c, q_);
    A.leftCols(p_) = X_.middleRows(s, c);
    if (fit_intercept_) A.col(p_).setOnes();
    Z.noalias() = A * W.transpose();  // c x R
    P.resize(c, R_);
    Eigen::MatrixXd resid(c, R_);  // C * w * (p - y)
    for (Eigen::Index i = 0; i < c; ++i) {
      const double w = weight_[s + i];
      const int y = class_index_[static_cast<std::size_t>(s + i)];
      if (R_ == 1) {
        const double z = Z(i, 0), t = y == 1 ? 1.0 : 0.0;
        out.value += w * (log1pexp(z) - t * z);
        P(i, 0) = 1.0 / (1.0 + std::exp(-z));
        resid(i, 0) = C_ * w * (P(i, 0) - t);
      } else {
        const double m = Z.row(i).maxCoeff();
        double sum = 0.0;
        for (Eigen::Index k = 0; k < R_; ++k) sum += std::exp(Z(i, k) - m);
        const double lse = m + std::log(sum);
        out.value += w * (lse - Z(i, y));
        for (Eigen::Index k = 0; k < R_; ++k) {
          P(i, k) = std::exp(Z(i, k) - lse);
          resid(i, k) = C_ * w * (P(i, k) - (k == y ? 1.0 : 0.0));
        }
      }
    }
    if (want_grad) out.grad.noalias() += resid.transpose() * A;
    if (!want_hess) continue;
    for (Eigen::Index k = 0; k < R_; ++k) {
      for (Eigen::Index l = 0; l <= k; ++l) {
        Eigen::VectorXd d(c);
        for (Eigen::Index i = 0; i < c; ++i) {
          const double pk = P(i, k);
          d[i] = C_ * weight_[s + i] * (R_ == 1 ? pk * (1.0 - pk) : pk * ((k == l ? 1.0 : 0.0) - P(i, l)));
        }
        auto block = out.hess.block(k * q_, l * q_, q_, q_);
        if (k == l) {
          // d >= 0 on diagonal blocks: a symmetric rank update of the lower triangle halves the work.
          Wd = A.array().colwise() * d.array().sqrt();
          Eigen::MatrixXd tmp = Eigen::MatrixXd::Zero(q_, q_);
          tmp.selfadjointView<Eigen::Lower>().rankUpdate(Wd.transpose());
          block += tmp;
        } else {
          block.noalias() += A.transpose() * (A.array().colwise() * d.array()).matrix();
        }
      }
    }
  }
}

double LogisticLoss::operator()(const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                                Eigen::MatrixXd* hess) const {
  const Eigen::Index n = X_.rows();
  // Rows split into contiguous ranges, one per thread, summed in range order: the same result
  // for the same thread count.
  const std::size_t parts = std::max<std::size_t>(
      1, std::min(batch_threads(), static_cast<std::size_t>(n) / (2 * static_cast<std::size_t>(kChunk))));
  std::vector<Partial> partial(parts);
  const Eigen::Index step = (n + static_cast<Eigen::Index>(parts) - 1) / static_cast<Eigen::Index>(parts);
  auto run = [&](std::size_t part) {
    const Eigen::Index b = static_cast<Eigen::Index>(part) * step;
    accumulate(theta, b, std::min(n, b + step), grad != nullptr, hess != nullptr, partial[part]);
  };
  if (parts == 1) {
    run(0);
  } else {
    std::vector<std::thread> workers;
    for (std::size_t part = 1; part < parts; ++part) workers.emplace_back(run, part);
    run(0);
    for (auto& w : workers) w.join();
  }
  double loss = 0.0;
  for (const auto& pt : partial) loss += pt.value;
  double value = C_ * loss + 0.5 * (penalty_.array() * theta.array().square()).sum();
  if (grad) {
    Eigen::MatrixXd G = partial[0].grad;
    for (std::size_t i = 1; i < parts; ++i) G += partial[i].grad;
    grad->resize(R_ * q_);
    for (Eigen::Index r = 0; r < R_; ++r)
      for (Eigen::Index j = 0; j < q_; ++j) (*grad)[r * q_ + j] = G(r, j);
    grad->array() += penalty_.array() * theta.array();
  }
  if (hess) {
    Eigen::MatrixXd H = partial[0].hess;
    for (std::size_t i = 1; i < parts; ++i) H += partial[i].hess;
    // Only the lower triangle was accumulated: mirror it.
    *hess = H.selfadjointView<Eigen::Lower>();
    hess->diagonal() += penalty_;
  }
  return value;
}

}  // namespace ferry::detail
