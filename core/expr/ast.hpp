#pragma once
// The expression language's tree (see README.md in this folder). A tree is stored flat with every
// node after its children (postfix order), so each pass over it (checking, compiling, printing,
// validating a loaded one) is a loop over the nodes with an explicit stack, never recursion.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ferry::detail::expr {

// Limits of one expression, enforced by the parser and again on load.
inline constexpr std::size_t kMaxSourceBytes = 4096;  // bytes of source text
inline constexpr std::size_t kMaxNodes = 1024;        // nodes of its tree
inline constexpr std::size_t kMaxDepth = 64;          // nodes on the longest root-to-leaf path

/// Value types. number, boolean and string are stored (part of the format); null (the type of
/// the literal null until its context gives it one) and any (a column before the schema is known)
/// exist only while checking.
enum class Type : std::uint8_t { number = 0, boolean = 1, string = 2, null = 3, any = 4 };

/// Node kinds. The values are part of the artifact format: append only, never renumber.
enum class Op : std::uint8_t {
  number = 0, string = 1, true_ = 2, false_ = 3, null = 4, column = 5,  // leaves
  neg = 6, add = 7, sub = 8, mul = 9, div = 10, mod = 11, power = 12,   // arithmetic
  eq = 13, ne = 14, lt = 15, le = 16, gt = 17, ge = 18,                 // comparisons
  and_ = 19, or_ = 20, not_ = 21,                                       // logic
  in = 22, not_in = 23,  // x, then the listed literals
  if_ = 24,              // condition, then value, else value
  case_ = 25,            // condition, value, condition, value, ..., else value
  isnull = 26, coalesce = 27,
  abs = 28, log = 29, log1p = 30, exp = 31, sqrt = 32, pow = 33, min = 34, max = 35, clip = 36,
  floor = 37, ceil = 38, round = 39, sign = 40,
  lower = 41, upper = 42, length = 43, startswith = 44, endswith = 45, contains = 46,
};
inline constexpr unsigned kOpCount = 47;

/// A place in the source text: 1-based line and column (columns count characters, not bytes).
struct Pos {
  std::uint32_t line = 1;
  std::uint32_t col = 1;
};

inline bool operator<(Pos a, Pos b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }

/// "L:C", as messages print a position.
std::string to_string(Pos pos);

/// One node. Its children are the `arity` subtrees that end just before it.
struct Node {
  Op op = Op::null;
  Type type = Type::null;    // the checked result type
  std::uint32_t arity = 0;
  Pos pos;                   // the token that made the node (an operator, a name, a literal)
  double number = 0.0;       // Op::number: the value
  std::string text;          // Op::string: the value; Op::column: the column name
  std::uint32_t column = 0;  // Op::column: the input position, once checked against a schema
};

/// A parsed expression: nodes in postfix order, the root last.
struct Tree {
  std::vector<Node> nodes;
};

/// What the parser, the printers and the shape check know of an op.
struct OpInfo {
  const char* name;         // function name, operator symbol or keyword as written
  std::uint32_t min_arity;
  std::uint32_t max_arity;  // kMaxNodes: no bound of its own
  bool call;                // written name(arguments)
};

/// Facts about an op (op must be below kOpCount).
const OpInfo& op_info(Op op);

/// The op a function name calls, or false when no function has that name.
bool function_op(const std::string& name, Op& op);

/// The function names, in alphabetical order (for messages).
const std::vector<std::string>& function_names();

/// True for a word the grammar reserves (and, or, not, in, case, when, then, else, end, true,
/// false, null): such a column is written with backticks.
bool is_keyword(const std::string& word);

/// True for the literal ops (number, string, true, false, null).
inline bool is_literal(Op op) { return op <= Op::null; }

}  // namespace ferry::detail::expr

namespace ferry::detail {
/// What NamedExpression::tree_ points to (declared in the public header, opaque there).
struct ExprTree : expr::Tree {};
}  // namespace ferry::detail
