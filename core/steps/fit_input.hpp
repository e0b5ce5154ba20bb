#pragma once
// What a step's fit sees: the features as they leave the previous step, the row weights, and
// for models the encoded target.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include <string>
#include <string_view>

#include "ferry/schema.hpp"
#include "ferry/value.hpp"

namespace ferry::detail {

/// Row-major so that a row is contiguous, as the row kernel reads it.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Rows owned elsewhere (a RowMatrix, or the caller's buffer), read in place.
using RowView = Eigen::Map<const RowMatrix>;

/// The rows of m, read in place.
inline RowView view(const RowMatrix& m) { return RowView(m.data(), m.rows(), m.cols()); }

struct FitInput {
  RowView X;                          // rows x features
  const Eigen::VectorXd& weight;      // one non-negative weight per row (ones when none given)
  const std::vector<int>* class_index = nullptr;  // classification: 0..n_classes-1 per row
  std::size_t n_classes = 0;          // classification: number of classes
  const Eigen::VectorXd* y = nullptr; // regression: targets
  const std::vector<Value>* classes = nullptr;  // classification: sorted labels
  const std::vector<std::string>* names = nullptr;  // feature names
  const std::vector<DType>* types = nullptr;        // feature types (text columns hold NaN in X)
  const std::string_view* text = nullptr;  // row-major like X, for text columns; null when none
};

}  // namespace ferry::detail
