#pragma once
// The fixed header around the payload. It is deliberately tiny and independent of cereal, so
// that a reader can tell "not ours", "too new", "cut short" and "damaged" apart before it
// interprets a single payload byte.
//
// Layout, all integers little-endian, written byte by byte (never a memcpy of a struct, so
// padding and host byte order cannot leak into the file):
//   offset  size  field
//        0     8  magic 89 46 52 59 0D 0A 1A 0A ("\x89FRY\r\n\x1a\n")
//        8     4  format version (u32; 1 for this library)
//       12     4  flags (u32; no flag is defined in version 1, so it must be 0)
//       16     8  payload length in bytes (u64)
//       24     4  CRC-32 of the payload (u32; zlib's crc32, the one in gzip and PNG)
//       28     -  payload
// The magic follows PNG's recipe: a high-bit first byte catches 7-bit transfers, the CR LF pair
// catches line-ending conversion either way, and 0x1A stops a DOS `type` from dumping binary.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ferry::detail {

inline constexpr std::array<std::uint8_t, 8> kMagic = {0x89, 'F', 'R', 'Y', '\r', '\n', 0x1A, '\n'};
inline constexpr std::size_t kHeaderSize = 28;

/// A view of the payload inside a checked artifact.
struct PayloadView {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::uint32_t format_version = 0;
};

/// CRC-32 (zlib) of a byte range of any length.
std::uint32_t crc32_of(const std::uint8_t* data, std::size_t size);

/// Header (current format version, no flags) followed by the payload. Tests use it to build
/// damaged payloads that still carry a correct checksum, so they reach the parser.
std::vector<std::uint8_t> wrap_payload(const std::vector<std::uint8_t>& payload);

/// Checks the header of artifact bytes (size, magic, version, flags, length, checksum, in that
/// order) and returns the payload; throws ArtifactError naming the first defect.
PayloadView open_envelope(const std::uint8_t* data, std::size_t size);

}  // namespace ferry::detail
