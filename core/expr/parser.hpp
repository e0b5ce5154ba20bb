#pragma once
// Source text -> tree (postfix), by recursive descent over the tokens. Precedence, lowest first:
// or; and; not; comparisons and [not] in (no chaining); + -; * / %; unary -; ** (right to left);
// literals, names, calls, case, parentheses.
#include <string_view>

#include "expr/ast.hpp"

namespace ferry::detail::expr {

/// Parses source into an unchecked tree (types unset, columns by name only). Throws ExprError
/// naming the position and what was expected, also when the text or the tree passes the limits
/// of ast.hpp.
Tree parse(std::string_view source);

}  // namespace ferry::detail::expr
