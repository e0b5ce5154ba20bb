#pragma once
// Which input features each output feature of a step reads: what explanations follow back from
// a model's features to the input columns.
#include <cstddef>
#include <vector>

#include "ferry/step.hpp"

namespace ferry::detail {

/// Per output feature, the sorted input features it reads (empty: a constant).
using Sources = std::vector<std::vector<std::size_t>>;

/// Output j reads input j, for n features.
Sources identity_sources(std::size_t n);

/// Every one of n_out outputs reads every one of n_in inputs.
Sources all_sources(std::size_t n_out, std::size_t n_in);

/// The sources of a step's outputs in terms of what the step before it read: step[j] lists
/// features of `before`'s output; the result lists before's inputs.
Sources compose(const Sources& step, const Sources& before);

/// The sources of a fitted transformer's outputs among its n_in inputs; throws std::logic_error
/// for a model.
Sources step_sources(const Step& step, std::size_t n_in);

}  // namespace ferry::detail
