#include "expr/check.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "data/utf8.hpp"
#include "expr/error.hpp"
#include "expr/suggest.hpp"
#include "ferry/value.hpp"

namespace ferry::detail::expr {
namespace {

bool concrete(Type t) { return t == Type::number || t == Type::boolean || t == Type::string; }

// A finished operand on the checker's stack: its subtree is nodes [first, root].
struct Operand {
  Type type;
  std::size_t first;
  std::size_t root;
  Pos start;  // where its text starts
};

class Checker {
 public:
  Checker(Tree& tree, const Columns* columns) : n_(tree.nodes), columns_(columns) {}

  Type run() {
    for (std::size_t k = 0; k < n_.size(); ++k) visit(k);
    Operand& root = stack_.back();
    if (root.type == Type::null) settle(root, Type::number);
    return root.type;
  }

 private:
  std::string who(const Node& node) const {
    const OpInfo& info = op_info(node.op);
    return info.call ? std::string(info.name) + "()" : "'" + std::string(info.name) + "'";
  }

  std::string describe(const Operand& o) const {
    const Node& node = n_[o.root];
    switch (node.op) {
      case Op::column:
        return concrete(o.type) ? std::string(type_name(o.type)) + " column '" + node.text + "'"
                                : "column '" + node.text + "'";
      case Op::number: return "the number " + Value(node.number).to_string();
      case Op::string: return "the string '" + node.text + "'";
      case Op::true_: return "true";
      case Op::false_: return "false";
      case Op::null: return "null";
      default: return std::string("a ") + type_name(o.type);
    }
  }

  // Gives every null-typed node of the operand's subtree (the nodes its value comes from) type t.
  void settle(Operand& o, Type t) {
    for (std::size_t k = o.first; k <= o.root; ++k)
      if (n_[k].type == Type::null) n_[k].type = t;
    o.type = t;
  }

  void want(Operand& o, Type t, const Node& node) {
    if (o.type == Type::null) return settle(o, t);
    if (o.type == t || o.type == Type::any) return;
    throw ExprError(who(node) + " expected a " + type_name(t) + ", found " + describe(o), o.start);
  }

  // One type for all the operands given (nulls take it); null when all are null.
  Type unify(const std::vector<Operand*>& ops, const Node& node) {
    const Operand* first = nullptr;
    bool any = false;
    for (Operand* o : ops) {
      if (o->type == Type::any) any = true;
      if (!concrete(o->type)) continue;
      if (!first) {
        first = o;
      } else if (o->type != first->type) {
        throw ExprError(who(node) + " expected values of one type, found " + describe(*first) +
                        " and " + describe(*o), o->start);
      }
    }
    if (!first) return any ? Type::any : Type::null;
    for (Operand* o : ops) if (o->type == Type::null) settle(*o, first->type);
    return first->type;
  }

  Type column(Node& node) {
    if (!columns_) return Type::any;
    const auto& names = columns_->names;
    const auto it = std::find(names.begin(), names.end(), node.text);
    if (it == names.end()) {
      std::string hint = did_you_mean(node.text, names);
      std::string lower = node.text;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (hint.empty() && is_keyword(lower)) hint = " (keywords are lowercase: '" + lower + "')";
      if (hint.empty() && node.text == "None") hint = " (null is written 'null')";
      if (hint.empty()) {  // say what there is: in a ColumnTransformer branch, only its columns
        hint = " (the input columns: ";
        for (std::size_t j = 0; j < names.size() && j < 8; ++j) hint += (j ? ", " : "") + names[j];
        hint += names.size() > 8 ? ", ...)" : ")";
      }
      throw ExprError("column '" + node.text + "' not found" + hint, node.pos);
    }
    node.column = static_cast<std::uint32_t>(it - names.begin());
    switch (columns_->types[node.column]) {
      case DType::float64:
      case DType::int64: return Type::number;
      case DType::boolean: return Type::boolean;
      case DType::string: return Type::string;
    }
    return Type::any;
  }

  void visit(std::size_t k) {
    Node& node = n_[k];
    const std::size_t a = node.arity;
    std::vector<Operand> args(stack_.end() - static_cast<std::ptrdiff_t>(a), stack_.end());
    stack_.resize(stack_.size() - a);
    Operand self{Type::null, a ? args.front().first : k, k, node.pos};
    for (const Operand& o : args) self.start = std::min(self.start, o.start);
    self.type = result(node, args);
    node.type = self.type;
    stack_.push_back(self);
  }

  Type result(Node& node, std::vector<Operand>& args) {
    std::vector<Operand*> all;
    for (Operand& o : args) all.push_back(&o);
    switch (node.op) {
      case Op::number: return Type::number;
      case Op::string: return Type::string;
      case Op::true_:
      case Op::false_: return Type::boolean;
      case Op::null: return Type::null;
      case Op::column: return column(node);
      case Op::neg: case Op::add: case Op::sub: case Op::mul: case Op::div: case Op::mod:
      case Op::power: case Op::abs: case Op::log: case Op::log1p: case Op::exp: case Op::sqrt:
      case Op::pow: case Op::min: case Op::max: case Op::clip: case Op::floor: case Op::ceil:
      case Op::round: case Op::sign:
        for (Operand& o : args) want(o, Type::number, node);
        return Type::number;
      case Op::eq:
      case Op::ne: {
        if (unify(all, node) == Type::null) for (Operand& o : args) settle(o, Type::number);
        return Type::boolean;
      }
      case Op::lt: case Op::le: case Op::gt: case Op::ge: {
        const Type t = unify(all, node);
        if (t == Type::boolean)
          throw ExprError(who(node) + " expected numbers or strings, found " + describe(args[0]) +
                          " and " + describe(args[1]), args[0].start);
        if (t == Type::null) for (Operand& o : args) settle(o, Type::number);
        return Type::boolean;
      }
      case Op::and_: case Op::or_: case Op::not_:
        for (Operand& o : args) want(o, Type::boolean, node);
        return Type::boolean;
      case Op::in:
      case Op::not_in:
        if (unify(all, node) == Type::null) for (Operand& o : args) settle(o, Type::number);
        return Type::boolean;
      case Op::if_: {
        want(args[0], Type::boolean, node);
        return unify({&args[1], &args[2]}, node);
      }
      case Op::case_: {
        std::vector<Operand*> values;
        for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
          want(args[i], Type::boolean, node);
          values.push_back(&args[i + 1]);
        }
        values.push_back(&args.back());
        return unify(values, node);
      }
      case Op::isnull:
        if (args[0].type == Type::null) settle(args[0], Type::number);
        return Type::boolean;
      case Op::coalesce: return unify(all, node);
      case Op::lower:
      case Op::upper:
        want(args[0], Type::string, node);
        return Type::string;
      case Op::length:
        want(args[0], Type::string, node);
        return Type::number;
      case Op::startswith: case Op::endswith: case Op::contains:
        for (Operand& o : args) want(o, Type::string, node);
        return Type::boolean;
    }
    throw ExprError("unknown operation", node.pos);
  }

  std::vector<Node>& n_;
  const Columns* columns_;
  std::vector<Operand> stack_;
};

}  // namespace

const char* type_name(Type type) {
  switch (type) {
    case Type::number: return "number";
    case Type::boolean: return "bool";
    case Type::string: return "string";
    case Type::null: return "null";
    case Type::any: return "value";
  }
  return "?";
}

DType dtype_of(Type type) {
  return type == Type::boolean ? DType::boolean : type == Type::string ? DType::string
                                                                      : DType::float64;
}

Type check_types(Tree& tree, const Columns* columns) { return Checker(tree, columns).run(); }

void check_shape(const Tree& tree) {
  const auto& n = tree.nodes;
  if (n.empty()) throw ExprError("expected a tree of at least one node, found none", Pos{});
  if (n.size() > kMaxNodes)
    throw ExprError("expected at most " + std::to_string(kMaxNodes) + " nodes, found " +
                    std::to_string(n.size()), Pos{});
  std::vector<std::size_t> depths;  // the finished subtrees, as a stack
  for (std::size_t k = 0; k < n.size(); ++k) {
    const Node& node = n[k];
    const std::string at = "node " + std::to_string(k);
    if (static_cast<unsigned>(node.op) >= kOpCount)
      throw ExprError(at + ": expected an op id below " + std::to_string(kOpCount) + ", found " +
                      std::to_string(static_cast<unsigned>(node.op)), node.pos);
    if (!concrete(node.type))
      throw ExprError(at + ": expected a type id 0 to 2, found " +
                      std::to_string(static_cast<unsigned>(node.type)), node.pos);
    const OpInfo& info = op_info(node.op);
    if (node.arity < info.min_arity || node.arity > info.max_arity ||
        (node.op == Op::case_ && node.arity % 2 == 0))
      throw ExprError(at + " (" + info.name + "): arity " + std::to_string(node.arity) +
                      " is not allowed", node.pos);
    if (node.arity > depths.size())
      throw ExprError(at + " (" + info.name + "): expected " + std::to_string(node.arity) +
                      " operands before it, found " + std::to_string(depths.size()), node.pos);
    if (node.op == Op::in || node.op == Op::not_in)
      for (std::size_t i = k - node.arity + 1; i < k; ++i)
        if (!is_literal(n[i].op) || depths[depths.size() - (k - i)] != 1)
          throw ExprError(at + " (" + info.name + "): expected literals after the first operand",
                          node.pos);
    std::size_t depth = 0;
    for (std::uint32_t c = 0; c < node.arity; ++c) {
      depth = std::max(depth, depths.back());
      depths.pop_back();
    }
    if (++depth > kMaxDepth)
      throw ExprError(at + ": expected at most " + std::to_string(kMaxDepth) +
                      " levels of nesting, found more", node.pos);
    depths.push_back(depth);
    if (node.op == Op::number && !std::isfinite(node.number))
      throw ExprError(at + ": expected a finite number, found " + Value(node.number).to_string(),
                      node.pos);
    if ((node.op == Op::string || node.op == Op::column) &&
        utf8_error_at(node.text) != std::string::npos)
      throw ExprError(at + ": expected UTF-8 text", node.pos);
  }
  if (depths.size() != 1)
    throw ExprError("expected one root, found " + std::to_string(depths.size()) + " subtrees",
                    Pos{});
}

}  // namespace ferry::detail::expr
