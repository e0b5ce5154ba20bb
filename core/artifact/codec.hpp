#pragma once
// The payload alone (no envelope): the cereal portable-binary encoding of the stored fields of a
// pipeline state. encode_artifact/decode_artifact (artifact.hpp) add the envelope and validation.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/state.hpp"

namespace ferry::detail {

/// The payload bytes of a state's stored fields: metadata, schema, output description, steps.
std::vector<std::uint8_t> encode_payload(const Pipeline::State& state);

/// The model id: XXH3-128 (32 hex digits) of the encoded schema, output description and steps.
std::string model_id_of(const Pipeline::State& state);

/// Parses payload bytes into the stored fields of a state (derived fields left empty, nothing
/// validated beyond parsing) as the given format version wrote them. Throws ArtifactError
/// "corrupt payload: ..." on any defect.
Pipeline::State decode_payload(const std::uint8_t* data, std::size_t size,
                               std::uint32_t format_version);

}  // namespace ferry::detail
