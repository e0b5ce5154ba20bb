#pragma once
// Stream buffers over memory for cereal's archives: the reader walks the caller's bytes in place
// (no copy of a possibly large artifact) and can say how many bytes are left, which is what lets
// every size tag be checked before anything is allocated.
#include <cstddef>
#include <cstdint>
#include <streambuf>
#include <vector>

namespace ferry::detail {

/// Reads a fixed byte range; never owns or modifies it.
class MemoryInBuf : public std::streambuf {
 public:
  MemoryInBuf(const std::uint8_t* data, std::size_t size) {
    // The get area is only ever read; std::streambuf wants non-const pointers regardless.
    char* begin = const_cast<char*>(reinterpret_cast<const char*>(data));
    setg(begin, begin, begin + size);
  }

  /// Bytes not yet consumed.
  std::size_t remaining() const { return static_cast<std::size_t>(egptr() - gptr()); }
};

/// Appends everything written to a byte vector.
class VectorOutBuf : public std::streambuf {
 public:
  explicit VectorOutBuf(std::vector<std::uint8_t>& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.insert(out_.end(), reinterpret_cast<const std::uint8_t*>(s),
                reinterpret_cast<const std::uint8_t*>(s) + n);
    return n;
  }
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    out_.push_back(static_cast<std::uint8_t>(traits_type::to_char_type(ch)));
    return ch;
  }

 private:
  std::vector<std::uint8_t>& out_;
};

}  // namespace ferry::detail
