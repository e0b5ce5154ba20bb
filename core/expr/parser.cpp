#include "expr/parser.hpp"

#include <algorithm>
#include <utility>

#include "expr/error.hpp"
#include "expr/lexer.hpp"
#include "expr/suggest.hpp"

namespace ferry::detail::expr {
namespace {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Tree run() {
    if (peek().kind == Tok::end)
      throw ExprError("expected an expression, found the end of the text", peek().pos);
    or_();
    if (peek().kind != Tok::end)
      throw ExprError("expected an operator or the end of the text, found " + describe(peek()),
                      peek().pos);
    return std::move(tree_);
  }

 private:
  // Each nesting level of the grammar (parentheses, arguments, prefix operators) is one level of
  // recursion here, bounded like the tree's depth so that no input can exhaust the stack.
  struct Nest {
    Nest(Parser& p, Pos pos) : p_(p) {
      if (++p_.nesting_ > kMaxDepth)
        throw ExprError("expected at most " + std::to_string(kMaxDepth) +
                        " levels of nesting, found more", pos);
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    Parser& p_;
  };

  const Token& peek(std::size_t ahead = 0) const {
    return t_[std::min(i_ + ahead, t_.size() - 1)];
  }
  const Token& take() {
    const Token& t = t_[i_];
    if (i_ + 1 < t_.size()) ++i_;
    return t;
  }
  bool word(const char* w, std::size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == Tok::name && t.text == w;
  }
  void expect(Tok kind, const char* what) {
    if (peek().kind != kind)
      throw ExprError(std::string("expected ") + what + ", found " + describe(peek()), peek().pos);
    take();
  }
  void expect_word(const char* w) {
    if (!word(w))
      throw ExprError(std::string("expected '") + w + "', found " + describe(peek()), peek().pos);
    take();
  }

  // Appends a node whose children are the last `arity` subtrees; checks the size and depth.
  void emit(Op op, Pos pos, std::uint32_t arity, double number = 0.0, std::string text = {}) {
    std::size_t depth = 0;
    for (std::uint32_t k = 0; k < arity; ++k) {
      depth = std::max(depth, depths_.back());
      depths_.pop_back();
    }
    ++depth;
    if (depth > kMaxDepth)
      throw ExprError("expected at most " + std::to_string(kMaxDepth) +
                      " levels of nesting, found more", pos);
    if (tree_.nodes.size() == kMaxNodes)
      throw ExprError("expected at most " + std::to_string(kMaxNodes) +
                      " operators and operands, found more", pos);
    depths_.push_back(depth);
    Node n;
    n.op = op;
    n.arity = arity;
    n.pos = pos;
    n.number = number;
    n.text = std::move(text);
    tree_.nodes.push_back(std::move(n));
  }

  // A left-to-right chain: next (op next)*, where at(op) says whether the current token is one
  // of this level's operators, and which.
  template <class At>
  void chain(void (Parser::*next)(), At at) {
    (this->*next)();
    Op op;
    while (at(op)) {
      const Pos pos = take().pos;
      (this->*next)();
      emit(op, pos, 2);
    }
  }

  void or_() {
    chain(&Parser::and_, [this](Op& op) {
      op = Op::or_;
      return word("or");
    });
  }

  void and_() {
    chain(&Parser::not_, [this](Op& op) {
      op = Op::and_;
      return word("and");
    });
  }

  void not_() {
    if (!word("not")) return comparison();
    const Pos pos = take().pos;
    const Nest nest(*this, pos);
    not_();
    emit(Op::not_, pos, 1);
  }

  static bool comparison_op(Tok kind, Op& op) {
    switch (kind) {
      case Tok::eq: op = Op::eq; return true;
      case Tok::ne: op = Op::ne; return true;
      case Tok::lt: op = Op::lt; return true;
      case Tok::le: op = Op::le; return true;
      case Tok::gt: op = Op::gt; return true;
      case Tok::ge: op = Op::ge; return true;
      default: return false;
    }
  }

  bool at_comparison() const {
    Op op;
    return comparison_op(peek().kind, op) || word("in") || (word("not") && word("in", 1));
  }

  void comparison() {
    additive();
    Op op;
    if (comparison_op(peek().kind, op)) {
      const Pos pos = take().pos;
      additive();
      emit(op, pos, 2);
    } else if (word("in")) {
      membership(Op::in, take().pos);
    } else if (word("not") && word("in", 1)) {
      const Pos pos = take().pos;
      take();
      membership(Op::not_in, pos);
    } else {
      return;
    }
    if (at_comparison())
      throw ExprError("comparisons do not chain (write 'a < b and b < c'), found " +
                      describe(peek()) + " after a comparison", peek().pos);
  }

  // x [not] in (literal, ...): x is already emitted.
  void membership(Op op, Pos pos) {
    expect(Tok::lparen, "'(' to open the list of values after 'in'");
    std::uint32_t items = 0;
    for (;;) {
      literal_item();
      ++items;
      if (peek().kind == Tok::comma) {
        take();
        continue;
      }
      expect(Tok::rparen, "',' or ')' in the list of values after 'in'");
      break;
    }
    emit(op, pos, 1 + items);
  }

  void literal_item() {
    const Token& t = peek();
    if (t.kind == Tok::minus && peek(1).kind == Tok::number) {
      take();
      const Token& num = take();
      return emit(Op::number, t.pos, 0, -num.number);
    }
    if (t.kind == Tok::number) return emit(Op::number, t.pos, 0, take().number);
    if (t.kind == Tok::string) {
      std::string text = take().text;
      return emit(Op::string, t.pos, 0, 0.0, std::move(text));
    }
    if (word("true")) return emit(Op::true_, take().pos, 0);
    if (word("false")) return emit(Op::false_, take().pos, 0);
    if (word("null")) return emit(Op::null, take().pos, 0);
    throw ExprError("expected a literal (a number, a string, true, false or null) in the list "
                    "after 'in', found " + describe(t), t.pos);
  }

  void additive() {
    chain(&Parser::multiplicative, [this](Op& op) {
      const Tok k = peek().kind;
      op = k == Tok::plus ? Op::add : Op::sub;
      return k == Tok::plus || k == Tok::minus;
    });
  }

  void multiplicative() {
    chain(&Parser::unary, [this](Op& op) {
      const Tok k = peek().kind;
      op = k == Tok::star ? Op::mul : k == Tok::slash ? Op::div : Op::mod;
      return k == Tok::star || k == Tok::slash || k == Tok::percent;
    });
  }

  void unary() {
    const Tok k = peek().kind;
    if (k != Tok::minus && k != Tok::plus) return power();
    const Pos pos = take().pos;
    const Nest nest(*this, pos);
    unary();
    if (k == Tok::minus) emit(Op::neg, pos, 1);
  }

  void power() {
    primary();
    if (peek().kind != Tok::starstar) return;
    const Pos pos = take().pos;
    const Nest nest(*this, pos);
    unary();  // right to left, and 2 ** -1 is allowed
    emit(Op::power, pos, 2);
  }

  void primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::number: return emit(Op::number, t.pos, 0, take().number);
      case Tok::string: {
        std::string text = take().text;
        return emit(Op::string, t.pos, 0, 0.0, std::move(text));
      }
      case Tok::quoted: {
        std::string name = take().text;
        return emit(Op::column, t.pos, 0, 0.0, std::move(name));
      }
      case Tok::lparen: {
        const Nest nest(*this, t.pos);
        take();
        or_();
        return expect(Tok::rparen, "')'");
      }
      case Tok::name: return name();
      default:
        throw ExprError("expected an expression, found " + describe(t), t.pos);
    }
  }

  void name() {
    const Token& t = peek();
    if (word("true")) return emit(Op::true_, take().pos, 0);
    if (word("false")) return emit(Op::false_, take().pos, 0);
    if (word("null")) return emit(Op::null, take().pos, 0);
    if (word("case")) return case_();
    if (is_keyword(t.text))
      throw ExprError("expected an expression, found the keyword '" + t.text +
                      "' (a column of that name is written `" + t.text + "`)", t.pos);
    if (peek(1).kind == Tok::lparen) return call();
    std::string text = take().text;
    emit(Op::column, t.pos, 0, 0.0, std::move(text));
  }

  void call() {
    const Token& t = take();
    const Pos pos = t.pos;
    const std::string fn = t.text;
    Op op;
    if (!function_op(fn, op)) {
      std::string list;
      for (const std::string& f : function_names()) list += (list.empty() ? "" : ", ") + f;
      throw ExprError("unknown function '" + fn + "'" + did_you_mean(fn, function_names()) +
                      " (functions: " + list + ")", pos);
    }
    const Nest nest(*this, pos);
    take();  // (
    std::uint32_t args = 0;
    if (peek().kind != Tok::rparen) {
      for (;;) {
        or_();
        ++args;
        if (peek().kind != Tok::comma) break;
        take();
      }
    }
    expect(Tok::rparen, "',' or ')' after an argument");
    const OpInfo& info = op_info(op);
    if (args < info.min_arity || args > info.max_arity) {
      const std::uint32_t want = args < info.min_arity ? info.min_arity : info.max_arity;
      const std::string bound = info.min_arity == info.max_arity ? ""
                                : args < info.min_arity ? "at least " : "at most ";
      throw ExprError(fn + "() expected " + bound + std::to_string(want) + " argument" +
                      (want == 1 ? "" : "s") + ", found " + std::to_string(args), pos);
    }
    emit(op, pos, args);
  }

  // case when c then v [when c then v]... [else v] end
  void case_() {
    const Pos pos = take().pos;
    const Nest nest(*this, pos);
    std::uint32_t parts = 0;
    if (!word("when"))
      throw ExprError("expected 'when' after 'case', found " + describe(peek()), peek().pos);
    while (word("when")) {
      take();
      or_();
      expect_word("then");
      or_();
      parts += 2;
    }
    if (word("else")) {
      take();
      or_();
    } else {
      emit(Op::null, peek().pos, 0);  // no else: null, as SQL
    }
    if (!word("end"))
      throw ExprError("expected 'when', 'else' or 'end' in the case that starts at " +
                      to_string(pos) + ", found " + describe(peek()), peek().pos);
    take();
    emit(Op::case_, pos, parts + 1);
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
  std::size_t nesting_ = 0;
  Tree tree_;
  std::vector<std::size_t> depths_;  // depth of each finished subtree, as a stack
};

}  // namespace

Tree parse(std::string_view source) { return Parser(lex(source)).run(); }

}  // namespace ferry::detail::expr
