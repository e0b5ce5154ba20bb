#include "optim/logistic_loss.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "pipeline/parallel.hpp"

namespace ferry::detail {
namespace {

// Rows per Hessian chunk: enough depth for an efficient rank update, while the chunk's copies stay
// in the core's L2 cache.
constexpr Eigen::Index kChunk = 512;
// Rows whose dot products, exps and gradient updates are interleaved. Any size gives the same
// bits: every sum still runs row by row, in order.
constexpr Eigen::Index kBlock = 16;

using ChunkRows = Eigen::Map<const RowMatrix, Eigen::Unaligned, Eigen::OuterStride<>>;

// x . w in a fixed order, whatever the alignment: eight running sums (which the compiler keeps in
// vector registers), added pairwise, then the tail.
double dot(const double* x, const double* w, Eigen::Index p) {
  double s[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  Eigen::Index j = 0;
  for (; j + 8 <= p; j += 8)
    for (int k = 0; k < 8; ++k) s[k] += x[j + k] * w[j + k];
  double t = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; j < p; ++j) t += x[j] * w[j];
  return t;
}

void axpy(double* g, double r, const double* x, Eigen::Index p) {
  for (Eigen::Index j = 0; j < p; ++j) g[j] += r * x[j];
}

}  // namespace

LogisticLoss::LogisticLoss(RowView X, const std::vector<int>& class_index,
                           const Eigen::VectorXd& weight, double C, bool fit_intercept,
                           Eigen::Index rows, Eigen::VectorXd penalty, Eigen::Index step)
    : X_(X), class_index_(class_index), weight_(weight), C_(C), fit_intercept_(fit_intercept),
      R_(rows), p_(X.cols()), q_(X.cols() + (fit_intercept ? 1 : 0)), step_(step),
      n_((X.rows() + step - 1) / step), penalty_(std::move(penalty)) {
  for (Eigen::Index i = 0; i < n_; ++i) weight_sum_ += weight_[i * step_];
}

double LogisticLoss::value_at_zero() const {
  return C_ * weight_sum_ * std::log(static_cast<double>(R_ == 1 ? 2 : R_));
}

// One pass over rows [begin, end): each row is read from memory once, and its decision values,
// loss and gradient terms are computed while it is in L1, so the pass runs near memory speed.
void LogisticLoss::accumulate(const Eigen::VectorXd& theta, Eigen::Index begin, Eigen::Index end,
                              bool want_value, bool want_grad, bool want_hess,
                              bool want_grad0, Partial& out) const {
  const double* W = theta.data();  // R x q, row-major
  const Eigen::Index ld = X_.outerStride() * step_;
  out.value = 0.0;
  if (want_grad) out.grad.setZero(R_ * q_);
  if (want_grad0) out.grad0.setZero(R_ * q_);
  if (want_hess) out.hess.setZero(R_ * q_, R_ * q_);
  double* g = want_grad ? out.grad.data() : nullptr;
  double* g0 = want_grad0 ? out.grad0.data() : nullptr;
  // Work space, allocated once per pass.
  Eigen::VectorXd z(kBlock * R_), r(kBlock * R_), r0(kBlock * R_);
  const Eigen::Index width = want_hess ? std::min(kChunk, end - begin) : 0;
  Eigen::MatrixXd P(width, R_), A(width, q_), Wd(width, q_), tmp(want_hess ? q_ : 0, want_hess ? q_ : 0);
  Eigen::VectorXd d(width);
  const double uniform = 1.0 / static_cast<double>(R_ == 1 ? 2 : R_);
  // grad += resid' [x 1] over a block of rows.
  auto add_rows = [&](double* grad, const double* res, const double* xb, Eigen::Index bn) {
    for (Eigen::Index i = 0; i < bn; ++i) {
      for (Eigen::Index k = 0; k < R_; ++k) {
        axpy(grad + k * q_, res[i * R_ + k], xb + i * ld, p_);
        if (fit_intercept_) grad[k * q_ + p_] += res[i * R_ + k];
      }
    }
  };
  for (Eigen::Index s = begin; s < end; s += kChunk) {
    const Eigen::Index c = std::min(kChunk, end - s);
    // Rows in small blocks, each stage over the whole block: the stages' long dependency chains
    // (dot product, exp, gradient update) of different rows then overlap.
    for (Eigen::Index b = 0; b < c; b += kBlock) {
      const Eigen::Index bn = std::min(kBlock, c - b);
      const double* xb = X_.data() + (s + b) * ld;
      for (Eigen::Index i = 0; i < bn; ++i)
        for (Eigen::Index k = 0; k < R_; ++k)
          z[i * R_ + k] = fit_intercept_ ? dot(xb + i * ld, W + k * q_, p_) + W[k * q_ + p_]
                                         : dot(xb + i * ld, W + k * q_, p_);
      for (Eigen::Index i = 0; i < bn; ++i) {
        const Eigen::Index row = (s + b + i) * step_;
        const double w = weight_[row];
        const int y = class_index_[static_cast<std::size_t>(row)];
        double* zi = z.data() + i * R_;
        double* ri = r.data() + i * R_;
        double* r0i = r0.data() + i * R_;
        if (R_ == 1) {
          // One exp serves the loss and the probability: e = exp(-|z|) never overflows.
          const double t = y == 1 ? 1.0 : 0.0;
          const double e = std::exp(-std::fabs(zi[0]));
          if (want_value) out.value += w * ((zi[0] > 0 ? zi[0] : 0.0) + std::log(1.0 + e) - t * zi[0]);
          const double p1 = zi[0] >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
          ri[0] = C_ * w * (p1 - t);
          r0i[0] = C_ * w * (uniform - t);
          if (want_hess) P(b + i, 0) = p1;
        } else {
          double m = zi[0];
          for (Eigen::Index k = 1; k < R_; ++k) m = std::max(m, zi[k]);
          double sum = 0.0;
          for (Eigen::Index k = 0; k < R_; ++k) sum += std::exp(zi[k] - m);
          const double lse = m + std::log(sum);
          out.value += w * (lse - zi[y]);
          for (Eigen::Index k = 0; k < R_; ++k) {
            const double pk = std::exp(zi[k] - lse), t = k == y ? 1.0 : 0.0;
            ri[k] = C_ * w * (pk - t);
            r0i[k] = C_ * w * (uniform - t);
            if (want_hess) P(b + i, k) = pk;
          }
        }
      }
      if (want_grad) add_rows(g, r.data(), xb, bn);
      if (want_grad0) add_rows(g0, r0.data(), xb, bn);
    }
    if (!want_hess) continue;
    auto a = A.topRows(c);
    a.leftCols(p_) = ChunkRows(X_.data() + s * ld, c, p_, Eigen::OuterStride<>(ld));
    if (fit_intercept_) a.col(p_).setOnes();
    auto dc = d.head(c);
    auto wd = Wd.topRows(c);
    for (Eigen::Index k = 0; k < R_; ++k) {
      for (Eigen::Index l = 0; l <= k; ++l) {
        for (Eigen::Index i = 0; i < c; ++i) {
          const double pk = P(i, k);
          dc[i] = C_ * weight_[(s + i) * step_] *
                  (R_ == 1 ? pk * (1.0 - pk) : pk * ((k == l ? 1.0 : 0.0) - P(i, l)));
        }
        auto block = out.hess.block(k * q_, l * q_, q_, q_);
        if (k == l) {
          // d >= 0 on diagonal blocks: a symmetric rank update of the lower triangle halves the work.
          wd = a.array().colwise() * dc.array().sqrt();
          tmp.setZero();
          tmp.selfadjointView<Eigen::Lower>().rankUpdate(wd.transpose());
          block += tmp;
        } else {
          wd = a.array().colwise() * dc.array();
          block.noalias() += a.transpose() * wd;
        }
      }
    }
  }
}

double LogisticLoss::operator()(const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                                Eigen::MatrixXd* hess, bool want_value,
                                Eigen::VectorXd* grad_at_zero) const {
  // Rows split into contiguous ranges, one per thread, summed in range order: the same result
  // for the same thread count.
  const std::size_t parts = std::max<std::size_t>(
      1, std::min(batch_threads(), static_cast<std::size_t>(n_) / (2 * static_cast<std::size_t>(kChunk))));
  std::vector<Partial> partial(parts);
  const Eigen::Index span = (n_ + static_cast<Eigen::Index>(parts) - 1) / static_cast<Eigen::Index>(parts);
  auto run = [&](std::size_t part) {
    const Eigen::Index b = static_cast<Eigen::Index>(part) * span;
    accumulate(theta, b, std::min(n_, b + span), want_value, grad != nullptr, hess != nullptr,
               grad_at_zero != nullptr, partial[part]);
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
  const double value = want_value
                           ? C_ * loss + 0.5 * (penalty_.array() * theta.array().square()).sum()
                           : std::numeric_limits<double>::quiet_NaN();
  auto sum = [&](Eigen::VectorXd Partial::*field, Eigen::VectorXd& v) {
    v = partial[0].*field;
    for (std::size_t i = 1; i < parts; ++i) v += partial[i].*field;
  };
  if (grad) {
    sum(&Partial::grad, *grad);
    grad->array() += penalty_.array() * theta.array();
  }
  if (grad_at_zero) sum(&Partial::grad0, *grad_at_zero);
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
