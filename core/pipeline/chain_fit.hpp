#pragma once
// Fitting a chain of transformers on typed data: the top of a pipeline and each ColumnTransformer
// branch. Every step is fitted on what the steps before it output, then applied to every row
// through the same kernels prediction uses.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/schema.hpp"
#include "ferry/step.hpp"
#include "pipeline/chain.hpp"
#include "steps/fit_input.hpp"

namespace ferry::detail {

/// Data between steps at fit: numbers row-major (NaN in text columns), text views row-major like
/// X (empty when no column is text), and the columns' names and types; heap holds the strings
/// steps made (lower(), upper()), which text may view until the fit is over.
struct FitData {
  RowMatrix X;
  std::vector<std::string_view> text;
  std::vector<std::string> names;
  std::vector<DType> types;
  std::shared_ptr<TextHeap> heap;
};

/// Fits steps [0, count) in turn with the row weights, each on the output of the one before;
/// returns the output of the last. Throws SchemaError when a text column reaches a step that
/// reads numbers only, or a step outputs no column.
FitData fit_chain(std::vector<NamedStep>& steps, std::size_t count, FitData data,
                  const Eigen::VectorXd& weight);

}  // namespace ferry::detail
