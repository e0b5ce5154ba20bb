#include "expr/nulls.hpp"

namespace ferry::detail::expr {

bool may_be_null(const Tree& tree, const std::vector<bool>& missing) {
  std::vector<char> stack;  // per finished subtree: whether it can be null
  for (const Node& node : tree.nodes) {
    const std::size_t base = stack.size() - node.arity;
    bool any = false, all = true;
    for (std::size_t k = base; k < stack.size(); ++k) {
      any = any || stack[k];
      all = all && stack[k];
    }
    bool values = false;  // if/case: whether a value (not a condition) can be null
    if (node.op == Op::if_) values = stack[base + 1] || stack[base + 2];
    if (node.op == Op::case_) {
      for (std::size_t k = base + 1; k < stack.size(); k += 2) values = values || stack[k];
      values = values || stack.back();
    }
    bool out;
    switch (node.op) {
      case Op::null: out = true; break;
      case Op::column: out = node.column < missing.size() && missing[node.column]; break;
      case Op::isnull: out = false; break;
      case Op::coalesce: out = all; break;
      case Op::if_:
      case Op::case_: out = values; break;
      default: out = any; break;  // literals: no operands, never null
    }
    stack.resize(base);
    stack.push_back(out ? 1 : 0);
  }
  return !stack.empty() && stack.back();
}

}  // namespace ferry::detail::expr
