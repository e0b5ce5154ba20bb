#pragma once
// The one kernel: every prediction, single-row or batch, from any language, runs through it. It
// works on blocks of rows stored column by column (row i, feature j at [j * n + i]); a single row
// is the block n = 1, so a row gives the same bits alone and inside any batch.
#include <cstddef>

#include "pipeline/chain.hpp"
#include "pipeline/state.hpp"

namespace ferry::detail {

/// Rows per block on the batch paths: the block's columns stay in cache between steps.
inline constexpr std::size_t kBlockRows = 256;

/// Per-thread working memory for blocks of up to kBlockRows rows of a state.
struct Scratch {
  double* input;                // the encoded input block (schema width x kBlockRows)
  std::string_view* input_str;  // its text columns (same layout); null when the schema has none
  double* decision;             // decision values (n_outputs x kBlockRows)
  Arena arena;                  // the transformers' outputs; copied per block, never grows
  TextHeap* text;               // strings the steps make; reset per block
};

/// The calling thread's scratch, grown on first use for this state's needs; later calls with the
/// same or smaller needs allocate nothing.
Scratch scratch_for(const Pipeline::State& st);

/// Runs the transformers on a block of n rows; returns the transformed block (numbers only, the
/// chain's output type), which lives in the scratch or is `in` itself when there are none.
const double* transform_block(const Pipeline::State& st, Cols in, std::size_t n,
                              const Scratch& scratch);

/// Decision values for a block, written row after row: out[i * n_outputs + r].
void decision_block(const Pipeline::State& st, Cols in, std::size_t n, const Scratch& scratch,
                    double* out);

/// Probabilities for a block (classifiers), written row after row: out[i * n_proba + k].
void proba_block(const Pipeline::State& st, Cols in, std::size_t n, const Scratch& scratch,
                 double* out);

/// Decision values of one checked numeric row into out[0, n_outputs).
void decision_row(const Pipeline::State& st, const double* row, double* out);

/// Probabilities of one checked numeric row into out[0, n_proba) (classifiers).
void proba_row(const Pipeline::State& st, const double* row, double* out);

/// Index of the predicted class from one row's decision values: sign for binary, argmax otherwise.
std::size_t class_from_decision(const Pipeline::State& st, const double* decision);

}  // namespace ferry::detail
