#pragma once
// Fitting a pipeline: checks the input, fits each step on the output of the one before (through
// the same row kernel predictions use) and records schema, classes and metadata.
#include <memory>
#include <vector>

#include "ferry/pipeline.hpp"
#include "pipeline/state.hpp"

namespace ferry::detail {

/// Throws ParameterError unless the steps form a valid pipeline with valid parameters.
void check_spec(const std::vector<NamedStep>& steps);

/// Fits a copy of the steps; y may be null for transform-only pipelines.
std::shared_ptr<Pipeline::State> fit_pipeline(const std::vector<NamedStep>& steps, const Frame& X,
                                              const Target* y,
                                              const std::vector<double>& sample_weight);

/// The same from numeric rows read in place (row-major, n x d, NaN = missing): float64 columns
/// with the given names.
std::shared_ptr<Pipeline::State> fit_pipeline(const std::vector<NamedStep>& steps,
                                              const std::vector<std::string>& names,
                                              const double* rows, std::size_t n, std::size_t d,
                                              const Target* y,
                                              const std::vector<double>& sample_weight);

}  // namespace ferry::detail
