#pragma once
// Solves the logistic objective to its optimum: Newton's method, warm-started on large data from
// the optimum of a subsample (itself warm-started from a smaller one), whose Hessian then serves
// for several gradient-only passes over the full data; with an L1 part, proximal Newton on the
// full data.
#include <Eigen/Dense>
#include <vector>

#include "optim/newton.hpp"
#include "optim/prox_newton.hpp"
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

/// The minimizer of the objective plus sum_j l1_j |theta_j| (one weight per parameter, 0 for the
/// intercepts), by proximal Newton from 0.
NewtonResult solve_logistic_l1(const LogisticProblem& problem, const Eigen::VectorXd& l1,
                               const ProxNewtonOptions& options);

}  // namespace ferry::detail
