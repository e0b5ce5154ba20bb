#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "ferry/array.hpp"
#include "ferry/value.hpp"

namespace ferry {

/// The penalty of LogisticRegression. Values are part of the artifact format.
enum class Penalty : std::uint8_t { l2 = 0, none = 1, l1 = 2, elasticnet = 3 };

/// How LogisticRegression fits more than two classes. Values are part of the artifact format.
enum class MultiClass : std::uint8_t {
  multinomial = 0,  ///< One softmax model with a coefficient row per class.
  ovr = 1           ///< One-vs-rest: a binary model per class (that class against the others).
};

/// How classes are weighted. Values are part of the artifact format.
enum class ClassWeightMode : std::uint8_t { none = 0, balanced = 1, given = 2 };

/// Logistic regression minimizing scikit-learn's objective
/// C * sum_i w_i * logloss_i + r * ||coef||_1 + (1 - r) / 2 * ||coef||^2 (intercept not penalized;
/// r = 0 for l2, 1 for l1, l1_ratio for elasticnet; no penalty term for none), solved to the
/// optimum rather than to a loose tolerance: by Newton's method without an L1 part, by proximal
/// Newton with it. Binary problems fit one coefficient row for the second class; more classes fit
/// a multinomial (softmax) model with one row per class, or one binary model per class (ovr).
struct LogisticRegression {
  Penalty penalty = Penalty::l2;     ///< l2, none, l1 or elasticnet.
  double C = 1.0;                    ///< Inverse regularization strength, > 0.
  double l1_ratio = 0.0;             ///< The L1 share r of the elasticnet penalty, in [0, 1].
  MultiClass multi_class = MultiClass::multinomial;  ///< multinomial or ovr (more than 2 classes).
  bool fit_intercept = true;         ///< Fit an unpenalized intercept.
  int max_iter = 100;                ///< Iterations on the full data allowed (see n_iter_).
  double tol = 1e-12;                ///< Stop when max |gradient| (with an L1 part: its minimum-norm
                                     ///< subgradient) <= tol * max(1, max |gradient at 0|).
  ClassWeightMode class_weight_mode = ClassWeightMode::none;  ///< none, balanced or given.
  std::vector<std::pair<Value, double>> class_weight;  ///< Weights by class label (mode given).

  Array2D coef_;                     ///< Fitted coefficients: 1 x features (binary) or classes x features.
  std::vector<double> intercept_;    ///< Fitted intercepts, one per coefficient row.
  std::size_t n_classes_ = 0;        ///< Number of classes seen at fit.
  int n_iter_ = 0;                   ///< Iterations on the full data: each one step (Newton, or
                                     ///< with a reused Hessian); a warm start solved on
                                     ///< subsamples of large data before them is not counted.
                                     ///< One-vs-rest: the most any of its binary fits took.
  std::size_t n_features_in_ = 0;    ///< Fitted input width.
};

}  // namespace ferry
