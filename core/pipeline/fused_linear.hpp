#pragma once
// Column-wise transformers (imputer, scalers, binarizer) before a linear model, run as one pass
// per column: each value goes through every transformer's operations and into the dot products
// while it is in a register, instead of one pass over the block per step. Each row still sees the
// same operations in the same order as the step-by-step kernel (steps/column_ops.hpp holds the
// arithmetic for both, linear_block's summation order is kept), so the bits are the same.
#include <cstddef>
#include <optional>
#include <vector>

#include "ferry/step.hpp"
#include "steps/column_ops.hpp"

namespace ferry::detail {

/// One column's pass over a block: its operations on every row, each result added times the
/// column's coefficient into each output's decision values (out[r * n + i] += coef[r * p] * v).
using ColumnPass = void (*)(const ColumnOp* ops, std::size_t k, const double* x, std::size_t n,
                            const double* coef, std::size_t p, std::size_t outputs, double* out);

/// One column's operations on a single value.
using ColumnRow = double (*)(const ColumnOp* ops, std::size_t k, double v);

/// A chain of column-wise transformers and a linear model, flattened per input column.
struct FusedLinear {
  std::vector<ColumnOp> ops;        // every column's operations, column after column
  std::vector<std::size_t> first;   // column j's operations are ops[first[j], first[j + 1])
  std::vector<ColumnPass> pass;     // column j's pass, compiled for its sequence of operations
  std::vector<ColumnRow> row;       // the same for one row (the serving path)
  std::size_t outputs = 0;          // decision values per row
  std::vector<double> coef;         // outputs x features, row-major
  std::vector<double> intercept;    // outputs
};

/// The fused form of steps[0, n_transformers) followed by the model steps.back(), or nothing
/// when a transformer is not column-wise or the model is not linear in its decision values.
std::optional<FusedLinear> fuse_linear(const std::vector<NamedStep>& steps,
                                       std::size_t n_transformers);

/// Decision values of a block of n rows (column-major, ld = n), bit for bit what the
/// transformers and the model's decision_block give: output r of row i at out[r * n + i].
void fused_decision(const FusedLinear& f, const double* in, double* out, std::size_t n);

}  // namespace ferry::detail
