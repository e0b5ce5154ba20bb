#pragma once
// Small shared checks for step parameters (ParameterError) and loaded fields (ArtifactError).
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "ferry/errors.hpp"

namespace ferry::detail {

/// Readable number for messages.
std::string num(double v);

/// Throws ArtifactError "<step>: <field> expected <n> values, found <m>".
void expect_size(const char* step, const char* field, std::size_t expected, std::size_t found);
/// Throws ArtifactError when any value is NaN or infinite (allow_nan lets NaN through).
void expect_finite(const char* step, const char* field, const std::vector<double>& values,
                   bool allow_nan = false);
/// Throws ArtifactError when a fitted step has no input features.
void expect_fitted_width(const char* step, std::size_t n_features_in);
/// Throws ArtifactError when an enum byte is outside [0, count).
void expect_enum(const char* step, const char* field, unsigned value, unsigned count);

}  // namespace ferry::detail
