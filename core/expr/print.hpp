#pragma once
// Trees back to text: the canonical source, and an S-expression for tests and inspection.
#include <string>

#include "expr/ast.hpp"

namespace ferry::detail::expr {

/// Canonical source text: parses back to the same tree (positions aside). Operators are spaced,
/// parentheses appear only where precedence needs them, strings are in double quotes, numbers are
/// the shortest text that reads back to the same double, and a column name that is not a plain
/// word is written between backticks.
std::string to_source(const Tree& tree);

/// The tree as an S-expression, operands after the op: "age >= 30 and not smoker" gives
/// "(and (>= age 30) (not smoker))"; unary minus is "neg", not in is "not-in".
std::string to_sexpr(const Tree& tree);

}  // namespace ferry::detail::expr
