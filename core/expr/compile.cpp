#include <algorithm>
#include <limits>

#include "expr/program.hpp"

namespace ferry::detail::expr {
namespace {

Code by_type(Type t, Code number, Code string) { return t == Type::string ? string : number; }

Code comparison(Op op, Type t) {
  const bool s = t == Type::string;
  switch (op) {
    case Op::eq: return s ? Code::eq_str : Code::eq_num;
    case Op::ne: return s ? Code::ne_str : Code::ne_num;
    case Op::lt: return s ? Code::lt_str : Code::lt_num;
    case Op::le: return s ? Code::le_str : Code::le_num;
    case Op::gt: return s ? Code::gt_str : Code::gt_num;
    default: return s ? Code::ge_str : Code::ge_num;
  }
}

// The instruction of an op whose operands are all on the stack.
Code code_of(const Node& node, Type first) {
  switch (node.op) {
    case Op::neg: return Code::neg;
    case Op::add: return Code::add;
    case Op::sub: return Code::sub;
    case Op::mul: return Code::mul;
    case Op::div: return Code::div;
    case Op::mod: return Code::mod;
    case Op::power:
    case Op::pow: return Code::power;
    case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:
      return comparison(node.op, first);
    case Op::and_: return Code::and_;
    case Op::or_: return Code::or_;
    case Op::not_: return Code::not_;
    case Op::if_: return by_type(node.type, Code::if_num, Code::if_str);
    case Op::case_: return by_type(node.type, Code::case_num, Code::case_str);
    case Op::isnull: return by_type(first, Code::isnull_num, Code::isnull_str);
    case Op::coalesce: return by_type(node.type, Code::coalesce_num, Code::coalesce_str);
    case Op::abs: return Code::abs;
    case Op::log: return Code::log;
    case Op::log1p: return Code::log1p;
    case Op::exp: return Code::exp;
    case Op::sqrt: return Code::sqrt;
    case Op::min: return Code::min;
    case Op::max: return Code::max;
    case Op::clip: return Code::clip;
    case Op::floor: return Code::floor;
    case Op::ceil: return Code::ceil;
    case Op::round: return Code::round;
    case Op::sign: return Code::sign;
    case Op::lower: return Code::lower;
    case Op::upper: return Code::upper;
    case Op::length: return Code::length;
    case Op::startswith: return Code::startswith;
    case Op::endswith: return Code::endswith;
    default: return Code::contains;
  }
}

class Compiler {
 public:
  explicit Compiler(const Tree& tree) : n_(tree.nodes), item_(n_.size(), false) {
    // The literals listed after in are not evaluated: they become the instruction's set.
    for (std::size_t k = 0; k < n_.size(); ++k)
      if (n_[k].op == Op::in || n_[k].op == Op::not_in)
        for (std::size_t i = k - n_[k].arity + 1; i < k; ++i) item_[i] = true;
  }

  Program run() {
    for (std::size_t k = 0; k < n_.size(); ++k)
      if (!item_[k]) visit(k);
    p_.type = n_.back().type;
    return std::move(p_);
  }

 private:
  void emit(Code code, std::size_t base, std::size_t arity, std::size_t imm = 0) {
    p_.code.push_back(Instr{code, static_cast<std::uint32_t>(base),
                            static_cast<std::uint32_t>(arity), static_cast<std::uint32_t>(imm)});
  }
  std::size_t number(double v) {
    p_.numbers.push_back(v);
    return p_.numbers.size() - 1;
  }

  void leaf(const Node& node, std::size_t at) {
    switch (node.op) {
      case Op::number: return emit(Code::const_num, at, 0, number(node.number));
      case Op::true_: return emit(Code::const_num, at, 0, number(1.0));
      case Op::false_: return emit(Code::const_num, at, 0, number(0.0));
      case Op::null:
        if (node.type == Type::string) return emit(Code::null_str, at, 0);
        return emit(Code::const_num, at, 0, number(std::numeric_limits<double>::quiet_NaN()));
      case Op::string:
        p_.texts.push_back(node.text);
        return emit(Code::const_str, at, 0, p_.texts.size() - 1);
      default:  // column
        return emit(node.type == Type::string ? Code::load_str : Code::load_num, at, 0, node.column);
    }
  }

  MemberSet members(std::size_t k) {
    MemberSet set;
    for (std::size_t i = k - n_[k].arity + 1; i < k; ++i) {
      const Node& item = n_[i];
      switch (item.op) {
        case Op::null: set.has_null = true; break;
        case Op::string: set.texts.push_back(item.text); break;
        case Op::true_: set.numbers.push_back(1.0); break;
        case Op::false_: set.numbers.push_back(0.0); break;
        default: set.numbers.push_back(item.number); break;
      }
    }
    std::sort(set.numbers.begin(), set.numbers.end());
    std::sort(set.texts.begin(), set.texts.end());
    return set;
  }

  void visit(std::size_t k) {
    const Node& node = n_[k];
    if (node.type == Type::string) p_.text = true;
    if (node.arity == 0) {
      leaf(node, types_.size());
      types_.push_back(node.type);
    } else if (node.op == Op::in || node.op == Op::not_in) {
      const std::size_t base = types_.size() - 1;
      p_.sets.push_back(members(k));
      emit(by_type(types_[base], Code::in_num, Code::in_str), base, 1, p_.sets.size() - 1);
      if (node.op == Op::not_in) emit(Code::not_, base, 1);  // SQL: x not in L = not (x in L)
      types_[base] = Type::boolean;
    } else {
      const std::size_t base = types_.size() - node.arity;
      emit(code_of(node, types_[base]), base, node.arity);
      types_.resize(base);
      types_.push_back(node.type);
    }
    p_.registers = std::max(p_.registers, types_.size());
  }

  const std::vector<Node>& n_;
  std::vector<bool> item_;
  std::vector<Type> types_;  // the evaluation stack: the type of each live register
  Program p_;
};

}  // namespace

Program compile(const Tree& tree) { return Compiler(tree).run(); }

}  // namespace ferry::detail::expr
