#pragma once
// Solves the logistic objective to its optimum: Newton's method, warm-started on large data from
// the optimum of a subsample (itself warm-started from a smaller one), whose Hessian then serves
// for several gradient-only passes over the full data.
#include <Eigen/Dense>
#include <vector>

#include "optim/newton.hpp"
#include "steps/fit_input.hpp"

namespace ferry::detail {

struct LogisticProblem {
  RowView X;
  const std::vector<int>& class_index;  // 0..K-1 per row
  const Eigen::VectorXd& weight;        // per row
  double C;
  bool fit_intercept;
  Eigen::Index rows;        // coefficient rows: 1 (binary) or K
  Eigen::VectorXd penalty;  // L2 weight per parameter
};

/// The minimizer. result.iterations counts the steps taken on the full data only (the subsample
/// solves before them are not counted).
NewtonResult solve_logistic(const LogisticProblem& problem, const NewtonOptions& options);

}  // namespace ferry::detail
