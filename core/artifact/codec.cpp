#include "artifact/codec.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <cstdio>

#include <exception>
#include <istream>
#include <ostream>
#include <string>

#include "artifact/artifact.hpp"
#include "artifact/bounded_io.hpp"
#include "artifact/byte_streams.hpp"
#include "artifact/envelope.hpp"
#include "artifact/serialize_steps.hpp"
#include "artifact/validate.hpp"
#include "ferry/errors.hpp"

// xxHash as a header-only, private dependency: nothing of it is exported.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace ferry::detail {
namespace {

// cereal's portable archive opens with one byte saying whether the payload is little-endian (1)
// or big-endian (0). ferry always writes little-endian, and cereal would treat any nonzero byte
// as "little", so anything but 1 is refused before cereal sees it.
constexpr std::uint8_t kLittleEndianFlag = 1;

}  // namespace

std::vector<std::uint8_t> encode_payload(const Pipeline::State& state) {
  std::vector<std::uint8_t> payload;
  VectorOutBuf buffer(payload);
  std::ostream stream(&buffer);
  {
    Writer ar(stream, Writer::Options::LittleEndian());
    ar(state);
  }
  return payload;
}

std::string model_id_of(const Pipeline::State& state) {
  std::vector<std::uint8_t> bytes;
  VectorOutBuf buffer(bytes);
  std::ostream stream(&buffer);
  {
    Writer ar(stream, Writer::Options::LittleEndian());
    ar(state.schema, state.output);
    write_size(ar, state.steps.size());
    for (const NamedStep& named : state.steps) ar(named);
  }
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return hex;
}

Pipeline::State decode_payload(const std::uint8_t* data, std::size_t size,
                               std::uint32_t format_version) {
  try {
    if (size == 0 || data[0] != kLittleEndianFlag) {
      corrupt("expected the byte-order flag 1 (little-endian) as the first payload byte, found " +
              (size == 0 ? std::string("an empty payload") : std::to_string(data[0])));
    }
    MemoryInBuf buffer(data, size);
    std::istream stream(&buffer);
    PayloadReader ar(stream, buffer, format_version);
    Pipeline::State state;
    ar(state);
    if (buffer.remaining() != 0) {
      corrupt(std::to_string(buffer.remaining()) + " bytes follow the last step, expected none");
    }
    return state;
  } catch (const ArtifactError& e) {
    throw ArtifactError(std::string("corrupt payload: ") + e.what());
  } catch (const cereal::Exception& e) {
    // cereal only throws here when a read runs past the end of the payload.
    throw ArtifactError(std::string("corrupt payload: a field runs past the end of the payload (") +
                        e.what() + ")");
  } catch (const std::exception& e) {
    throw ArtifactError(std::string("corrupt payload: ") + e.what());
  } catch (...) {
    throw ArtifactError("corrupt payload: parsing failed with an exception of unknown type");
  }
}

std::vector<std::uint8_t> encode_artifact(const Pipeline::State& state) {
  // Never write a file the reader would refuse (e.g. a tag that is not UTF-8).
  try {
    check_stored(state);
  } catch (const ArtifactError& e) {
    throw ParameterError(std::string("cannot write the artifact: ") + e.what());
  }
  return wrap_payload(encode_payload(state));
}

std::shared_ptr<Pipeline::State> decode_artifact(const std::uint8_t* data, std::size_t size) {
  const PayloadView payload = open_envelope(data, size);
  auto state = std::make_shared<Pipeline::State>(decode_payload(payload.data, payload.size, payload.format_version));
  state->format_version = payload.format_version;
  validate_loaded(*state);
  return state;
}

}  // namespace ferry::detail

// cereal's container loaders size a container from an unchecked tag, its polymorphic and
// shared_ptr support registers and tracks types, and its variant support stores the variant
// index: none may take part in reading untrusted payloads (see bounded_io.hpp).
#if defined(CEREAL_TYPES_VECTOR_HPP_) || defined(CEREAL_TYPES_STRING_HPP_) ||   \
    defined(CEREAL_TYPES_MAP_HPP_) || defined(CEREAL_TYPES_SHARED_PTR_HPP_) || \
    defined(CEREAL_TYPES_POLYMORPHIC_HPP_) || defined(CEREAL_TYPES_UTILITY_HPP_) || \
    defined(CEREAL_TYPES_STD_VARIANT_HPP_)
#error "a cereal container/pointer/variant header reached the artifact codec"
#endif
