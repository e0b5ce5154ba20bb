#include <algorithm>
#include <cmath>

#include "optim/logistic_solve.hpp"
#include "steps/checks.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "LogisticRegression";

// Balanced class weights n_samples / (n_classes * count), with counts weighted by sample_weight,
// for rows labelled 0..K-1 by class_index.
std::vector<double> balanced_weights(const std::vector<int>& class_index,
                                     const Eigen::VectorXd& weight, std::size_t K) {
  std::vector<double> counts(K, 0.0);
  double total = 0.0;
  for (Eigen::Index i = 0; i < weight.size(); ++i) {
    counts[static_cast<std::size_t>(class_index[static_cast<std::size_t>(i)])] += weight[i];
    total += weight[i];
  }
  std::vector<double> per_class(K);
  for (std::size_t k = 0; k < K; ++k) per_class[k] = total / (static_cast<double>(K) * counts[k]);
  return per_class;
}

// Per-row weights: sample_weight times the class weight, as scikit-learn multiplies them.
// One-vs-rest balances each binary problem on its own (see fit), so here only given weights apply.
Eigen::VectorXd row_weights(const LogisticRegression& s, const FitInput& in, bool balance) {
  const std::size_t K = in.n_classes;
  std::vector<double> per_class(K, 1.0);
  if (balance && s.class_weight_mode == ClassWeightMode::balanced) {
    per_class = balanced_weights(*in.class_index, in.weight, K);
  } else if (s.class_weight_mode == ClassWeightMode::given) {
    for (const auto& [label, w] : s.class_weight) {
      auto it = std::find(in.classes->begin(), in.classes->end(), label);
      if (it == in.classes->end())
        throw ParameterError(std::string(kName) + ": class_weight names class " +
                             label.to_string() + ", which is not among the classes in y");
      per_class[static_cast<std::size_t>(it - in.classes->begin())] = w;
    }
  }
  Eigen::VectorXd w(in.weight.size());
  for (Eigen::Index i = 0; i < w.size(); ++i)
    w[i] = in.weight[i] * per_class[static_cast<std::size_t>((*in.class_index)[static_cast<std::size_t>(i)])];
  return w;
}

// The L1 share of the penalty: 0 without an L1 part.
double l1_share(const LogisticRegression& s) {
  return s.penalty == Penalty::l1 ? 1.0 : s.penalty == Penalty::elasticnet ? s.l1_ratio : 0.0;
}

// Minimizes the objective for R coefficient rows (1: binary on labels 0/1; K: multinomial)
// with row weights w. Returns the parameters, R rows of p coefficients (and an intercept).
NewtonResult solve(const LogisticRegression& s, RowView X, const std::vector<int>& class_index,
                   const Eigen::VectorXd& w, Eigen::Index R) {
  const Eigen::Index p = X.cols();
  const Eigen::Index q = p + (s.fit_intercept ? 1 : 0);  // parameters per coefficient row
  const double r = l1_share(s);
  const double C = s.penalty == Penalty::none ? 1.0 : s.C;
  const double l2 = s.penalty == Penalty::none ? 0.0 : 1.0 - r;

  // Penalty masks: coefficients penalized, intercepts not.
  Eigen::VectorXd pen = Eigen::VectorXd::Constant(R * q, l2);
  Eigen::VectorXd l1 = Eigen::VectorXd::Constant(R * q, r);
  if (s.fit_intercept)
    for (Eigen::Index k = 0; k < R; ++k) pen[k * q + p] = l1[k * q + p] = 0.0;

  Eigen::MatrixXd flat;
  if (R > 1) {
    // Softmax is unchanged when every class's row gets the same shift: flat along those
    // directions for unpenalized parameters (intercepts; every parameter without a penalty).
    std::vector<Eigen::Index> free;
    for (Eigen::Index j = 0; j < q; ++j)
      if (pen[j] == 0.0 && l1[j] == 0.0) free.push_back(j);
    flat = Eigen::MatrixXd::Zero(R * q, static_cast<Eigen::Index>(free.size()));
    for (std::size_t c = 0; c < free.size(); ++c)
      for (Eigen::Index k = 0; k < R; ++k)
        flat(k * q + free[c], static_cast<Eigen::Index>(c)) = 1.0 / std::sqrt(static_cast<double>(R));
  }
  const LogisticProblem problem{X, class_index, w, C, s.fit_intercept, R, pen};
  if (r > 0) {
    ProxNewtonOptions options;
    options.max_iter = s.max_iter;
    options.tol = s.tol;
    options.flat_directions = std::move(flat);
    if (R > 1 && l2 == 0.0)
      for (Eigen::Index j = 0; j < p; ++j) {
        // Without an L2 part the softmax is flat along equal shifts of a feature's coefficients.
        std::vector<Eigen::Index> group;
        for (Eigen::Index k = 0; k < R; ++k) group.push_back(k * q + j);
        options.shift_groups.push_back(std::move(group));
      }
    return solve_logistic_l1(problem, l1, options);
  }
  NewtonOptions options;
  options.max_iter = s.max_iter;
  options.tol = s.tol;
  options.flat_directions = std::move(flat);
  return solve_logistic(problem, options);
}

// Copies coefficient row `from` of theta into row `to` of coef_ and intercept_.
void store_row(LogisticRegression& s, const Eigen::VectorXd& theta, Eigen::Index from,
               std::size_t to) {
  const std::size_t p = s.coef_.cols;
  const auto q = static_cast<Eigen::Index>(p + (s.fit_intercept ? 1 : 0));
  for (std::size_t j = 0; j < p; ++j)
    s.coef_(to, j) = theta[from * q + static_cast<Eigen::Index>(j)];
  if (s.fit_intercept) s.intercept_[to] = theta[from * q + static_cast<Eigen::Index>(p)];
}

}  // namespace

void check_params(const LogisticRegression& s) {
  if (static_cast<unsigned>(s.penalty) > 3)
    throw ParameterError(std::string(kName) + ": penalty expected l2, none, l1 or elasticnet, found " +
                         std::to_string(static_cast<unsigned>(s.penalty)));
  if (!(s.l1_ratio >= 0 && s.l1_ratio <= 1))
    throw ParameterError(std::string(kName) + ": l1_ratio expected a number in [0, 1], found " +
                         num(s.l1_ratio));
  if (static_cast<unsigned>(s.multi_class) > 1)
    throw ParameterError(std::string(kName) + ": multi_class expected multinomial or ovr, found " +
                         std::to_string(static_cast<unsigned>(s.multi_class)));
  if (!(s.C > 0) || !std::isfinite(s.C))
    throw ParameterError(std::string(kName) + ": C expected a finite number > 0, found " + num(s.C));
  if (s.max_iter < 1)
    throw ParameterError(std::string(kName) + ": max_iter expected an integer >= 1, found " +
                         std::to_string(s.max_iter));
  if (!(s.tol > 0) || !std::isfinite(s.tol))
    throw ParameterError(std::string(kName) + ": tol expected a finite number > 0, found " +
                         num(s.tol));
  if (static_cast<unsigned>(s.class_weight_mode) > 2)
    throw ParameterError(std::string(kName) + ": class_weight expected none, balanced or given, found " +
                         std::to_string(static_cast<unsigned>(s.class_weight_mode)));
  for (const auto& [label, w] : s.class_weight)
    if (!(w >= 0) || !std::isfinite(w))
      throw ParameterError(std::string(kName) + ": class_weight for " + label.to_string() +
                           " expected a finite weight >= 0, found " + num(w));
}

void fit(LogisticRegression& s, const FitInput& in) {
  const std::size_t K = in.n_classes;
  if (K < 2)
    throw ParameterError(std::string(kName) +
                         ": expected at least 2 classes in y, found " + std::to_string(K) +
                         (K == 1 ? " class" : " classes"));
  const Eigen::Index p = in.X.cols();
  const bool ovr = s.multi_class == MultiClass::ovr && K > 2;
  const Eigen::Index R = K == 2 ? 1 : static_cast<Eigen::Index>(K);  // coefficient rows
  s.coef_ = Array2D(static_cast<std::size_t>(R), static_cast<std::size_t>(p));
  s.intercept_.assign(static_cast<std::size_t>(R), 0.0);
  s.n_iter_ = 0;
  if (ovr) {
    // One binary problem per class: that class (1) against the others (0), each balanced on its
    // own when class_weight is balanced, as scikit-learn's OneVsRestClassifier does.
    const Eigen::VectorXd w = row_weights(s, in, false);
    std::vector<int> is_k(in.class_index->size());
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t i = 0; i < is_k.size(); ++i)
        is_k[i] = (*in.class_index)[i] == static_cast<int>(k) ? 1 : 0;
      Eigen::VectorXd wk = w;
      if (s.class_weight_mode == ClassWeightMode::balanced) {
        const std::vector<double> per = balanced_weights(is_k, in.weight, 2);
        for (Eigen::Index i = 0; i < wk.size(); ++i) wk[i] *= per[static_cast<std::size_t>(is_k[static_cast<std::size_t>(i)])];
      }
      const NewtonResult result = solve(s, in.X, is_k, wk, 1);
      s.n_iter_ = std::max(s.n_iter_, result.iterations);
      store_row(s, result.theta, 0, k);
    }
  } else {
    const NewtonResult result = solve(s, in.X, *in.class_index, row_weights(s, in, true), R);
    s.n_iter_ = result.iterations;
    for (Eigen::Index r = 0; r < R; ++r) store_row(s, result.theta, r, static_cast<std::size_t>(r));
    if (R > 1 && s.fit_intercept) {
      // Pin the flat direction: intercepts sum to zero, as scikit-learn's solvers leave them.
      double mean = 0.0;
      for (double b : s.intercept_) mean += b;
      mean /= static_cast<double>(R);
      for (double& b : s.intercept_) b -= mean;
    }
  }
  s.n_features_in_ = static_cast<std::size_t>(p);
  s.n_classes_ = K;
}

std::size_t n_out(const LogisticRegression& s) { return s.coef_.rows; }

void decision_block(const LogisticRegression& s, const double* in, double* out, std::size_t n,
                    std::size_t ld) {
  for (std::size_t r = 0; r < s.coef_.rows; ++r)
    linear_block(s.coef_.row(r), s.n_features_in_, s.intercept_[r], in, out + r * ld, n, ld);
}

void proba_block(const LogisticRegression& s, const double* decision, std::size_t n,
                 std::size_t ld, double* out) {
  const std::size_t K = s.n_classes_;
  if (K == 2) {
    for (std::size_t i = 0; i < n; ++i) {
      const double p1 = 1.0 / (1.0 + std::exp(-decision[i]));
      out[2 * i] = 1.0 - p1;
      out[2 * i + 1] = p1;
    }
    return;
  }
  if (s.multi_class == MultiClass::ovr) {
    // Each class's own probability against the rest, normalized to sum to 1.
    for (std::size_t i = 0; i < n; ++i) {
      double* o = out + i * K;
      double sum = 0.0;
      for (std::size_t k = 0; k < K; ++k) {
        o[k] = 1.0 / (1.0 + std::exp(-decision[k * ld + i]));
        sum += o[k];
      }
      if (sum != 0)  // every sigmoid underflowed: zeros stay, as scikit-learn leaves them
        for (std::size_t k = 0; k < K; ++k) o[k] /= sum;
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    double* o = out + i * K;
    double m = decision[i];
    for (std::size_t k = 1; k < K; ++k) m = std::max(m, decision[k * ld + i]);
    double sum = 0.0;
    for (std::size_t k = 0; k < K; ++k) {
      o[k] = std::exp(decision[k * ld + i] - m);
      sum += o[k];
    }
    for (std::size_t k = 0; k < K; ++k) o[k] /= sum;
  }
}

void validate(const LogisticRegression& s) {
  expect_enum(kName, "penalty", static_cast<unsigned>(s.penalty), 4);
  expect_enum(kName, "multi_class", static_cast<unsigned>(s.multi_class), 2);
  if (!(s.l1_ratio >= 0 && s.l1_ratio <= 1))
    throw ArtifactError(std::string(kName) + ": l1_ratio expected a number in [0, 1], found " +
                        num(s.l1_ratio));
  expect_enum(kName, "class_weight", static_cast<unsigned>(s.class_weight_mode), 3);
  expect_fitted_width(kName, s.n_features_in_);
  if (s.n_classes_ < 2)
    throw ArtifactError(std::string(kName) + ": expected at least 2 classes, found " +
                        std::to_string(s.n_classes_));
  const std::size_t rows = s.n_classes_ == 2 ? 1 : s.n_classes_;
  expect_size(kName, "coef_ rows", rows, s.coef_.rows);
  expect_size(kName, "coef_ columns", s.n_features_in_, s.coef_.cols);
  expect_size(kName, "coef_", rows * s.n_features_in_, s.coef_.values.size());
  expect_size(kName, "intercept_", rows, s.intercept_.size());
  expect_finite(kName, "coef_", s.coef_.values);
  expect_finite(kName, "intercept_", s.intercept_);
  if (!(s.C > 0) || !std::isfinite(s.C) || !(s.tol > 0) || !std::isfinite(s.tol) || s.max_iter < 1)
    throw ArtifactError(std::string(kName) + ": expected C > 0, tol > 0, max_iter >= 1, found " +
                        num(s.C) + ", " + num(s.tol) + ", " + std::to_string(s.max_iter));
}

std::vector<std::string> names_out(const LogisticRegression&, const std::vector<std::string>&) {
  return {};
}

std::vector<bool> missing_out(const LogisticRegression&, const std::vector<bool>&) { return {}; }

}  // namespace ferry::detail
