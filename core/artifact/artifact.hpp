#pragma once
// Reading and writing the artifact: the fixed envelope around a cereal portable-binary payload.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/state.hpp"

namespace ferry::detail {

/// The format version this library writes; every older version stays readable.
inline constexpr std::uint32_t kFormatVersion = 3;

/// Serializes a fitted state into artifact bytes (envelope + payload).
std::vector<std::uint8_t> encode_artifact(const Pipeline::State& state);

/// Parses artifact bytes into a validated, finalized state; throws ArtifactError on any defect.
std::shared_ptr<Pipeline::State> decode_artifact(const std::uint8_t* data, std::size_t size);

/// Writes bytes to path atomically (temporary file in the same folder, fsync, rename).
void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

/// Reads a whole file; throws ArtifactError when it cannot be opened or read.
std::vector<std::uint8_t> read_file(const std::string& path);

}  // namespace ferry::detail
