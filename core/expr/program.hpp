#pragma once
// The compact form an expression runs as: a flat list of instructions over two register files
// (numbers, which also hold bools as 1/0/NaN, and string views), compiled once from a checked
// tree after fit and after load. The registers follow the tree's evaluation stack: an
// instruction reads its operands from registers base .. base + arity - 1 and writes its result
// to register base, so no instruction names more than where it starts.
#include <cstdint>
#include <string>
#include <vector>

#include "expr/ast.hpp"

namespace ferry::detail::expr {

enum class Code : std::uint8_t {
  load_num, load_str,               // imm: input column
  const_num, const_str, null_str,   // imm: index into numbers / texts
  neg, add, sub, mul, div, mod, power,
  eq_num, ne_num, lt_num, le_num, gt_num, ge_num,
  eq_str, ne_str, lt_str, le_str, gt_str, ge_str,
  and_, or_, not_,
  in_num, in_str,                   // imm: index into sets; the operand is x alone
  if_num, if_str, case_num, case_str,
  isnull_num, isnull_str, coalesce_num, coalesce_str,
  abs, log, log1p, exp, sqrt, min, max, clip, floor, ceil, round, sign,
  lower, upper, length, startswith, endswith, contains,
};

struct Instr {
  Code code;
  std::uint32_t base;   // first operand's register, and the result's
  std::uint32_t arity;  // operands
  std::uint32_t imm;    // column, constant, text or set index (by code)
};

/// The literal list of an in: sorted, so a lookup is a binary search.
struct MemberSet {
  std::vector<double> numbers;
  std::vector<std::string> texts;
  bool has_null = false;
};

struct Program {
  std::vector<Instr> code;
  std::vector<double> numbers;     // numeric constants (true 1, false 0, null NaN)
  std::vector<std::string> texts;  // string constants
  std::vector<MemberSet> sets;
  std::size_t registers = 0;       // per register file: the evaluation stack's depth
  bool text = false;               // some value is a string (the string file is used)
  Type type = Type::number;        // the result's: in register 0 of its file
};

/// Compiles a checked tree (types set, columns resolved).
Program compile(const Tree& tree);

}  // namespace ferry::detail::expr

namespace ferry::detail {
/// What Expressions::programs_ points to: one program per expression, and the registers the
/// largest needs (every expression of a step runs in the same registers, one after the other).
struct ExprPrograms {
  std::vector<expr::Program> programs;
  std::size_t registers = 0;
  bool text = false;  // some program uses string registers
};
}  // namespace ferry::detail
