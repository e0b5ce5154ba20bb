#pragma once
// The one row kernel: every prediction, single-row or batch, from any language, runs through it,
// so a row gives the same bits alone and inside any batch.
#include <cstddef>

#include "pipeline/state.hpp"

namespace ferry::detail {

/// Per-thread scratch sized for a state; grows on first use only, then never allocates.
double* scratch_for(const Pipeline::State& st);

/// Runs the transformers on one numeric row (schema order); returns the transformed features,
/// which live in the scratch or are `in` itself when there are no transformers.
const double* transform_row(const Pipeline::State& st, const double* in, double* scratch);

/// Decision values (n_outputs) for one numeric row.
void decision_row(const Pipeline::State& st, const double* in, double* scratch, double* out);

/// Probabilities (n_proba) for one numeric row; classifiers only.
void proba_row(const Pipeline::State& st, const double* in, double* scratch, double* out);

/// Index of the predicted class from decision values: sign for binary, argmax otherwise.
std::size_t class_from_decision(const Pipeline::State& st, const double* decision);

}  // namespace ferry::detail
