#include "data/utf8.hpp"

namespace ferry::detail {

std::size_t utf8_error_at(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    std::size_t extra = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;  // never valid as a first byte
    }
    if (extra >= n - i) return i;
    for (std::size_t k = 1; k <= extra; ++k) {
      const unsigned char b = s[i + k];
      if (!(k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF))) return i;
    }
    i += extra + 1;
  }
  return std::string::npos;
}

}  // namespace ferry::detail
