#include "artifact/envelope.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <string>

#include "artifact/artifact.hpp"
#include "ferry/errors.hpp"

namespace ferry::detail {
namespace {

constexpr std::size_t kVersionOffset = 8;
constexpr std::size_t kFlagsOffset = 12;
constexpr std::size_t kLengthOffset = 16;
constexpr std::size_t kChecksumOffset = 24;

void put_le(std::uint8_t* at, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) at[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint64_t get_le(const std::uint8_t* at, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    value |= static_cast<std::uint64_t>(at[i]) << (8 * i);
  }
  return value;
}

std::string hex32(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(value));
  return text;
}

std::string hex_bytes(const std::uint8_t* data, std::size_t size) {
  std::string text;
  for (std::size_t i = 0; i < size; ++i) {
    char byte[4];
    std::snprintf(byte, sizeof byte, "%02x", static_cast<unsigned>(data[i]));
    if (i > 0) text += ' ';
    text += byte;
  }
  return text;
}

}  // namespace

std::uint32_t crc32_of(const std::uint8_t* data, std::size_t size) {
  // zlib takes lengths as uInt; feed it in chunks so any size works on any platform.
  uLong crc = crc32(0L, Z_NULL, 0);
  constexpr std::size_t kChunk = std::size_t{1} << 30;
  while (size > 0) {
    const std::size_t n = std::min(size, kChunk);
    crc = crc32(crc, data, static_cast<uInt>(n));
    data += n;
    size -= n;
  }
  return static_cast<std::uint32_t>(crc);
}

std::vector<std::uint8_t> wrap_payload(const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> out(kHeaderSize + payload.size());
  std::copy(kMagic.begin(), kMagic.end(), out.begin());
  put_le(out.data() + kVersionOffset, kFormatVersion, 4);
  put_le(out.data() + kFlagsOffset, 0, 4);
  put_le(out.data() + kLengthOffset, payload.size(), 8);
  put_le(out.data() + kChecksumOffset, crc32_of(payload.data(), payload.size()), 4);
  // memcpy rather than std::copy: GCC 12 reports a false -Wstringop-overflow for the latter.
  if (!payload.empty()) std::memcpy(out.data() + kHeaderSize, payload.data(), payload.size());
  return out;
}

PayloadView open_envelope(const std::uint8_t* data, std::size_t size) {
  if (data == nullptr || size < kHeaderSize) {
    throw ArtifactError("not a ferry artifact: " + std::to_string(data == nullptr ? 0 : size) +
                        " bytes, a header needs " + std::to_string(kHeaderSize));
  }
  if (!std::equal(kMagic.begin(), kMagic.end(), data)) {
    throw ArtifactError("not a ferry artifact (bad magic bytes: expected " +
                        hex_bytes(kMagic.data(), kMagic.size()) + ", found " +
                        hex_bytes(data, kMagic.size()) + ")");
  }
  const auto version = static_cast<std::uint32_t>(get_le(data + kVersionOffset, 4));
  if (version == 0) {
    throw ArtifactError("artifact format 0 does not exist (format versions start at 1; this "
                        "library reads 1 to " + std::to_string(kFormatVersion) + ")");
  }
  if (version > kFormatVersion) {
    throw ArtifactError("artifact format " + std::to_string(version) +
                        " is newer than this library (reads up to " +
                        std::to_string(kFormatVersion) + ")");
  }
  const auto flags = static_cast<std::uint32_t>(get_le(data + kFlagsOffset, 4));
  if (flags != 0) {
    throw ArtifactError("artifact flags " + hex32(flags) + " are not understood (format " +
                        std::to_string(version) + " defines no flags, expected 0x00000000)");
  }
  const std::uint64_t promised = get_le(data + kLengthOffset, 8);
  const std::size_t present = size - kHeaderSize;
  if (promised > present) {
    throw ArtifactError("truncated: header promises " + std::to_string(promised) +
                        " bytes of payload, " + std::to_string(present) + " present");
  }
  if (promised < present) {
    throw ArtifactError("trailing bytes: header promises " + std::to_string(promised) +
                        " bytes of payload, " + std::to_string(present) + " present");
  }
  const auto stored = static_cast<std::uint32_t>(get_le(data + kChecksumOffset, 4));
  const std::uint32_t actual = crc32_of(data + kHeaderSize, present);
  if (stored != actual) {
    throw ArtifactError("checksum mismatch: header says " + hex32(stored) + ", payload has " +
                        hex32(actual));
  }
  return PayloadView{data + kHeaderSize, present, version};
}

}  // namespace ferry::detail
