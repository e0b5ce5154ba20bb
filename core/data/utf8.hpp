#pragma once
// Well-formed UTF-8 (RFC 3629), shared by the artifact checks and the expression lexer.
#include <cstddef>
#include <string>
#include <string_view>

namespace ferry::detail {

/// Byte offset of the first byte that is not part of well-formed UTF-8 (no overlong forms, no
/// surrogates, nothing above U+10FFFF); std::string::npos when the whole text is well-formed.
std::size_t utf8_error_at(std::string_view text);

}  // namespace ferry::detail
