#pragma once
// The type checker, and the shape check of a tree read from an artifact.
#include <string>
#include <vector>

#include "expr/ast.hpp"
#include "ferry/schema.hpp"

namespace ferry::detail::expr {

/// The columns an expression may read, in input order.
struct Columns {
  const std::vector<std::string>& names;
  const std::vector<DType>& types;
};

/// Infers and checks every node's type (number, boolean or string) and sets Node::type. With
/// columns, each column is looked up by name (Node::column is set) and typed by the schema:
/// float64 and int64 are numbers. Without (the check at construction, before any schema), a
/// column may be of any type. The literal null takes the type its context asks for (number when
/// nothing does). Throws ExprError at the offending operand: what was expected, what was found;
/// for an unknown column, the closest name. Returns the root's type.
Type check_types(Tree& tree, const Columns* columns);

/// Checks a stored tree's shape before anything else reads it: node count, ops and types in
/// range, each op's arity, postfix order (one root), depth, finite number literals, literal
/// lists after in, UTF-8 texts. Throws ExprError.
void check_shape(const Tree& tree);

/// "number", "bool" or "string", as messages name a type.
const char* type_name(Type type);

/// The DType of an expression's result column.
DType dtype_of(Type type);

}  // namespace ferry::detail::expr
