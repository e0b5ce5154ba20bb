#include "expr/print.hpp"

#include <charconv>
#include <cmath>
#include <vector>

namespace ferry::detail::expr {
namespace {

// Binding strength, loosest first; a leaf, call, case or parenthesized text binds tightest.
enum Prec { kOr = 1, kAnd, kNot, kCompare, kAdd, kMul, kUnary, kPower, kAtom };

Prec prec_of(Op op) {
  switch (op) {
    case Op::or_: return kOr;
    case Op::and_: return kAnd;
    case Op::not_: return kNot;
    case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:
    case Op::in: case Op::not_in: return kCompare;
    case Op::add: case Op::sub: return kAdd;
    case Op::mul: case Op::div: case Op::mod: return kMul;
    case Op::neg: return kUnary;
    case Op::power: return kPower;
    default: return kAtom;
  }
}

std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round trip
  return std::string(buf, r.ptr);
}

std::string quote(const std::string& s, char q) {
  std::string out(1, q);
  for (char c : s) {
    if (c == '\\' || c == q) out += {'\\', c};
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out + q;
}

bool plain_word(const std::string& s) {
  if (s.empty() || is_keyword(s)) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string leaf_text(const Node& node) {
  switch (node.op) {
    case Op::number: return number_text(node.number);
    case Op::string: return quote(node.text, '"');
    case Op::true_: return "true";
    case Op::false_: return "false";
    case Op::null: return "null";
    default: return plain_word(node.text) ? node.text : quote(node.text, '`');
  }
}

struct Piece {
  std::string text;
  Prec prec;
};

std::string wrap(const Piece& p, bool parens) { return parens ? "(" + p.text + ")" : p.text; }

std::string join(const std::vector<Piece>& args, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) out += (k > from ? ", " : "") + args[k].text;
  return out;
}

Piece combine(const Node& node, const std::vector<Piece>& a) {
  const Prec p = prec_of(node.op);
  const std::string name = op_info(node.op).name;
  switch (node.op) {
    case Op::or_: case Op::and_: case Op::add: case Op::sub: case Op::mul: case Op::div:
    case Op::mod:  // left to right
      return {wrap(a[0], a[0].prec < p) + " " + name + " " + wrap(a[1], a[1].prec <= p), p};
    case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:  // no chaining
      return {wrap(a[0], a[0].prec <= p) + " " + name + " " + wrap(a[1], a[1].prec <= p), p};
    case Op::power:  // right to left; the exponent may be unary
      return {wrap(a[0], a[0].prec <= p) + " ** " + wrap(a[1], a[1].prec < kUnary), p};
    case Op::not_: return {"not " + wrap(a[0], a[0].prec < kNot), p};
    case Op::neg: return {"-" + wrap(a[0], a[0].prec < kUnary), p};
    case Op::in:
    case Op::not_in:
      return {wrap(a[0], a[0].prec <= p) + " " + name + " (" + join(a, 1, a.size()) + ")", p};
    case Op::case_: {
      std::string out = "case";
      for (std::size_t k = 0; k + 1 < a.size(); k += 2)
        out += " when " + a[k].text + " then " + a[k + 1].text;
      return {out + " else " + a.back().text + " end", kAtom};
    }
    default: return {name + "(" + join(a, 0, a.size()) + ")", kAtom};  // calls
  }
}

}  // namespace

std::string to_source(const Tree& tree) {
  std::vector<Piece> stack;
  for (const Node& node : tree.nodes) {
    if (node.arity == 0) {
      const bool negative = node.op == Op::number && std::signbit(node.number);
      stack.push_back({leaf_text(node), negative ? kUnary : kAtom});
      continue;
    }
    std::vector<Piece> args(stack.end() - node.arity, stack.end());
    stack.resize(stack.size() - node.arity);
    stack.push_back(combine(node, args));
  }
  return stack.empty() ? std::string() : stack.back().text;
}

std::string to_sexpr(const Tree& tree) {
  std::vector<std::string> stack;
  for (const Node& node : tree.nodes) {
    if (node.arity == 0) {
      stack.push_back(leaf_text(node));
      continue;
    }
    std::string out = "(";
    out += node.op == Op::neg ? "neg" : node.op == Op::not_in ? "not-in" : op_info(node.op).name;
    for (std::size_t k = stack.size() - node.arity; k < stack.size(); ++k) out += " " + stack[k];
    stack.resize(stack.size() - node.arity);
    stack.push_back(out + ")");
  }
  return stack.empty() ? std::string() : stack.back();
}

}  // namespace ferry::detail::expr
