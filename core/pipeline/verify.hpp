#pragma once
// Verify rows: rows saved with an artifact together with the outputs they gave, recomputed on
// load so that a reader whose numbers differ refuses the file instead of serving them.
#include <cstddef>

#include "ferry/frame.hpp"
#include "ferry/metadata.hpp"
#include "ferry/pipeline.hpp"

namespace ferry::detail {

/// At most this many verify rows are stored: they are checked on every load.
inline constexpr std::size_t kMaxVerifyRows = 1000;

/// The rows of X (matched to the input schema by name) and p's outputs for them. Throws
/// ParameterError on more than kMaxVerifyRows rows, SchemaError when X does not fit the schema.
VerifySet make_verify_set(const Pipeline& p, const Frame& X);

/// Recomputes p's stored verify rows; throws ArtifactError naming the first output that differs
/// by more than 1e-9 relative, or rows that no longer fit the schema.
void check_verify_set(const Pipeline& p);

}  // namespace ferry::detail
