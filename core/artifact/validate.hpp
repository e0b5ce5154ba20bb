#pragma once
// Checks on a parsed payload, beyond what parsing itself guarantees (sizes fit the bytes, enum and
// bool bytes are in range). Every defect is an ArtifactError naming the field, what was expected
// and what was found.
#include <string>
#include <vector>

#include "ferry/schema.hpp"
#include "pipeline/state.hpp"

namespace ferry::detail {

/// Throws ArtifactError unless text is well-formed UTF-8 (every binding hands strings to a
/// language that expects it: Python str, Java String).
void check_utf8(const std::string& text, const std::string& field);

/// Throws ArtifactError unless every column has a non-empty UTF-8 name, unique in the schema.
void check_columns(const std::vector<ColumnSpec>& columns);

/// Checks what the artifact stores outside the steps' fitted fields: schema, output description,
/// metadata and step names. encode_artifact runs it too, so a file that would not load is never
/// written.
void check_stored(const Pipeline::State& state);

/// Full check of a parsed state: check_stored, then each step's own validate(), then finalize()
/// (the chain of widths and the model/output agreement). Throws ArtifactError prefixed
/// "invalid artifact: ".
void validate_loaded(Pipeline::State& state);

}  // namespace ferry::detail
