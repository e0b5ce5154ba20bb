#pragma once
// The only way payload fields are read and written. cereal's own std::vector/std::string loaders
// resize to whatever size tag they read before reading a single element, so a 40-byte forgery
// can ask for gigabytes; they are never included here (cereal/types/vector.hpp, string.hpp), so
// using one by mistake does not compile. Instead every size tag is checked against the payload
// bytes still unread, and against a cap, before anything is allocated; bools and enums travel as
// one byte and are range-checked, since cereal would copy any byte into them.
#include <cereal/archives/portable_binary.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "artifact/byte_streams.hpp"
#include "ferry/errors.hpp"

namespace ferry::detail {

using Writer = cereal::PortableBinaryOutputArchive;
using Reader = cereal::PortableBinaryInputArchive;

// Ceilings no honest artifact comes near; they bound a forged size tag even inside a large
// payload.
inline constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 28;     // one sequence
inline constexpr std::uint64_t kMaxStringBytes = std::uint64_t{1} << 24;  // one string, 16 MiB

/// cereal passes loaders the plain input archive; this subclass also carries the memory buffer,
/// so a loader can ask how many payload bytes are left (see remaining()), and the format version
/// the envelope names.
class PayloadReader : public Reader {
 public:
  PayloadReader(std::istream& stream, const MemoryInBuf& buffer, std::uint32_t format_version)
      : Reader(stream), buffer_(buffer), format_version_(format_version) {}
  std::size_t remaining() const { return buffer_.remaining(); }
  std::uint32_t format_version() const { return format_version_; }

 private:
  const MemoryInBuf& buffer_;
  std::uint32_t format_version_;
};

/// Payload bytes not yet read. Loaders only ever run under a PayloadReader (see codec.cpp).
inline std::size_t remaining(Reader& ar) { return dynamic_cast<PayloadReader&>(ar).remaining(); }

[[noreturn]] inline void corrupt(const std::string& message) { throw ArtifactError(message); }

/// Checks the class version cereal read for a type.
inline void check_class_version(std::uint32_t found, std::uint32_t known, const char* type) {
  if (found == 0 || found > known) {
    corrupt(std::string(type) + ": class version " + std::to_string(found) +
            (found == 0 ? " is not a valid version" : " is newer than this library") +
            " (reads 1 to " + std::to_string(known) + ")");
  }
}

/// A class version first written by format `since` cannot appear in an older file.
inline void check_version_format(Reader& ar, std::uint32_t version, std::uint32_t since,
                                 const char* type) {
  const std::uint32_t format = dynamic_cast<PayloadReader&>(ar).format_version();
  if (format < since) {
    corrupt(std::string(type) + ": class version " + std::to_string(version) +
            " is written from artifact format " + std::to_string(since) + " on, found in a format " +
            std::to_string(format) + " file");
  }
}

// --- scalars ----------------------------------------------------------------------------------

template <class T>
T read_scalar(Reader& ar) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, "bools go through read_bool");
  T value{};
  ar(value);
  return value;
}

inline void write_bool(Writer& ar, bool value) { ar(static_cast<std::uint8_t>(value ? 1 : 0)); }

inline bool read_bool(Reader& ar, const char* field) {
  const auto byte = read_scalar<std::uint8_t>(ar);
  if (byte > 1) {
    corrupt(std::string(field) + ": expected a bool byte 0 or 1, found " + std::to_string(byte));
  }
  return byte == 1;
}

template <class E>
void write_enum(Writer& ar, E value) {
  static_assert(std::is_same_v<std::underlying_type_t<E>, std::uint8_t>, "enums travel as u8");
  ar(static_cast<std::uint8_t>(value));
}

/// An enum stored as u8 whose valid values are 0..last.
template <class E>
E read_enum(Reader& ar, const char* field, E last) {
  static_assert(std::is_same_v<std::underlying_type_t<E>, std::uint8_t>, "enums travel as u8");
  const auto byte = read_scalar<std::uint8_t>(ar);
  if (byte > static_cast<std::uint8_t>(last)) {
    corrupt(std::string(field) + ": expected a value from 0 to " +
            std::to_string(static_cast<unsigned>(last)) + ", found " + std::to_string(byte));
  }
  return static_cast<E>(byte);
}

/// Sizes and counts travel as u64 whatever the platform's size_t.
inline void write_size(Writer& ar, std::size_t value) { ar(static_cast<std::uint64_t>(value)); }

inline std::size_t read_size(Reader& ar, const char* field) {
  const auto value = read_scalar<std::uint64_t>(ar);
  if (value > std::numeric_limits<std::size_t>::max()) {
    corrupt(std::string(field) + ": " + std::to_string(value) + " does not fit in size_t");
  }
  return static_cast<std::size_t>(value);
}

// --- sequences --------------------------------------------------------------------------------

/// Reads a sequence's size tag and refuses it unless the unread payload could hold that many
/// elements of at least min_bytes each (and it is under the cap); only then may the caller
/// allocate.
inline std::size_t read_count(Reader& ar, const char* field, std::size_t min_bytes,
                              std::uint64_t cap = kMaxElements, const char* unit = "elements") {
  const auto count = read_scalar<std::uint64_t>(ar);
  const std::size_t left = remaining(ar);
  if (count > cap) {
    corrupt(std::string(field) + ": size tag says " + std::to_string(count) + " " + unit +
            ", the limit is " + std::to_string(cap));
  }
  if (count > left / min_bytes) {
    const std::string each =
        min_bytes > 1 ? " (" + std::to_string(min_bytes) + " bytes or more each)" : "";
    corrupt(std::string(field) + ": size tag says " + std::to_string(count) + " " + unit + each +
            ", only " + std::to_string(left) + " payload bytes remain");
  }
  return static_cast<std::size_t>(count);
}

inline void write_string(Writer& ar, const std::string& text) {
  write_size(ar, text.size());
  if (!text.empty()) ar(cereal::binary_data(text.data(), text.size()));
}

inline std::string read_string(Reader& ar, const char* field) {
  const std::size_t size = read_count(ar, field, 1, kMaxStringBytes, "bytes");
  std::string text(size, '\0');
  if (size > 0) ar(cereal::binary_data(&text[0], size));
  return text;
}

/// A sequence of fixed-width numbers (double, u64, ...), one bulk copy each way.
template <class T>
void write_numbers(Writer& ar, const std::vector<T>& values) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, "numbers only");
  write_size(ar, values.size());
  if (!values.empty()) ar(cereal::binary_data(values.data(), values.size() * sizeof(T)));
}

template <class T>
std::vector<T> read_numbers(Reader& ar, const char* field) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, "numbers only");
  const std::size_t count = read_count(ar, field, sizeof(T));
  std::vector<T> values(count);
  if (count > 0) ar(cereal::binary_data(values.data(), count * sizeof(T)));
  return values;
}

}  // namespace ferry::detail
