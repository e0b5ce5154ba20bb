#include "expr/lexer.hpp"

#include <charconv>
#include <cmath>

#include "data/utf8.hpp"
#include "expr/error.hpp"

namespace ferry::detail::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space();
      Token t;
      t.pos = pos_;
      if (i_ == s_.size()) {
        out.push_back(t);
        return out;
      }
      const char c = s_[i_];
      if (is_digit(c) || (c == '.' && i_ + 1 < s_.size() && is_digit(s_[i_ + 1]))) {
        number(t);
      } else if (is_name_start(c)) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_name_char(s_[i_])) advance();
        t.kind = Tok::name;
        t.text = std::string(s_.substr(start, i_ - start));
      } else if (c == '"' || c == '\'' || c == '`') {
        t.kind = c == '`' ? Tok::quoted : Tok::string;
        t.text = quoted(c);
      } else {
        symbol(t);
      }
      out.push_back(std::move(t));
    }
  }

 private:
  // Moves past one byte; a new character starts at every byte that is not a UTF-8 continuation.
  void advance() {
    const char c = s_[i_++];
    if (c == '\n') {
      ++pos_.line;
      pos_.col = 1;
    } else if (i_ < s_.size() && (static_cast<unsigned char>(s_[i_]) & 0xC0) != 0x80) {
      ++pos_.col;
    } else if (i_ == s_.size()) {
      ++pos_.col;
    }
  }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      advance();
  }

  void number(Token& t) {
    const std::size_t start = i_;
    while (i_ < s_.size() && is_digit(s_[i_])) advance();
    if (i_ < s_.size() && s_[i_] == '.') {
      advance();
      while (i_ < s_.size() && is_digit(s_[i_])) advance();
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      const Pos at = pos_;
      advance();
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) advance();
      if (i_ == s_.size() || !is_digit(s_[i_]))
        throw ExprError("expected the digits of an exponent in the number '" +
                        std::string(s_.substr(start, i_ - start)) + "'", at);
      while (i_ < s_.size() && is_digit(s_[i_])) advance();
    }
    t.kind = Tok::number;
    t.text = std::string(s_.substr(start, i_ - start));
    const auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
    if (r.ec != std::errc() || r.ptr != t.text.data() + t.text.size() || !std::isfinite(t.number))
      throw ExprError("the number " + t.text + " is out of range (expected a finite double)",
                      t.pos);
  }

  // The decoded text between quote characters q; escapes \\ \" \' \` \n \t \r.
  std::string quoted(char q) {
    const Pos open = pos_;
    advance();
    std::string out;
    for (;;) {
      if (i_ == s_.size())
        throw ExprError(std::string("expected a closing ") + q + " for the " +
                        (q == '`' ? "quoted name" : "string") + " that starts here", open);
      const char c = s_[i_];
      if (c == q) {
        advance();
        return out;
      }
      if (c == '\\') {
        const Pos at = pos_;
        advance();
        const char e = i_ < s_.size() ? s_[i_] : '\0';
        switch (e) {
          case '\\': case '"': case '\'': case '`': out += e; break;
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          default:
            throw ExprError("expected an escape \\\\, \\\", \\', \\`, \\n, \\t or \\r, found \\" +
                                (i_ < s_.size() ? std::string(1, e) : std::string()),
                            at);
        }
        advance();
        continue;
      }
      out += c;
      advance();
    }
  }

  void symbol(Token& t) {
    const char c = s_[i_];
    const char next = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
    auto one = [&](Tok kind) {
      t.kind = kind;
      advance();
    };
    auto two = [&](Tok kind) {
      t.kind = kind;
      advance();
      advance();
    };
    switch (c) {
      case '(': return one(Tok::lparen);
      case ')': return one(Tok::rparen);
      case ',': return one(Tok::comma);
      case '+': return one(Tok::plus);
      case '-': return one(Tok::minus);
      case '/': return one(Tok::slash);
      case '%': return one(Tok::percent);
      case '*': return next == '*' ? two(Tok::starstar) : one(Tok::star);
      case '<': return next == '=' ? two(Tok::le) : next == '>' ? bad("'<>'", "use '!='")
                                                                : one(Tok::lt);
      case '>': return next == '=' ? two(Tok::ge) : one(Tok::gt);
      case '=': return next == '=' ? two(Tok::eq) : bad("'='", "equality is '=='");
      case '!': return next == '=' ? two(Tok::ne) : bad("'!'", "negation is 'not'");
      case '&': return bad("'&'", "use 'and'");
      case '|': return bad("'|'", "use 'or'");
      default: break;
    }
    const unsigned char u = static_cast<unsigned char>(c);
    std::string shown = u < 0x20 || u == 0x7F ? "the control character " + std::to_string(u)
                                              : "'" + std::string(1, c) + "'";
    if (u >= 0x80) {  // a whole UTF-8 character
      std::size_t k = i_ + 1;
      while (k < s_.size() && (static_cast<unsigned char>(s_[k]) & 0xC0) == 0x80) ++k;
      shown = "'" + std::string(s_.substr(i_, k - i_)) + "'";
    }
    throw ExprError("unexpected " + shown + " (a name with spaces or symbols is written "
                    "between backticks, like `blood pressure`)", pos_);
  }

  [[noreturn]] void bad(const std::string& found, const std::string& hint) {
    throw ExprError("unexpected " + found + " (" + hint + ")", pos_);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  Pos pos_;
};

}  // namespace

std::vector<Token> lex(std::string_view source) {
  if (source.size() > kMaxSourceBytes)
    throw ExprError("expected at most " + std::to_string(kMaxSourceBytes) +
                    " bytes of expression text, found " + std::to_string(source.size()),
                    Pos{});
  const std::size_t bad = utf8_error_at(source);
  if (bad != std::string::npos) {
    Pos pos;  // where the bad byte is, counted the way the lexer counts
    for (std::size_t i = 0; i < bad; ++i) {
      if (source[i] == '\n') {
        ++pos.line;
        pos.col = 1;
      } else if ((static_cast<unsigned char>(source[i + 1]) & 0xC0) != 0x80) {
        ++pos.col;
      }
    }
    throw ExprError("expected UTF-8 text, found an invalid byte", pos);
  }
  return Lexer(source).run();
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case Tok::end: return "the end of the text";
    case Tok::number: return "the number " + t.text;
    case Tok::string: return "the string '" + t.text + "'";
    case Tok::name: return "'" + t.text + "'";
    case Tok::quoted: return "the name `" + t.text + "`";
    case Tok::lparen: return "'('";
    case Tok::rparen: return "')'";
    case Tok::comma: return "','";
    case Tok::plus: return "'+'";
    case Tok::minus: return "'-'";
    case Tok::star: return "'*'";
    case Tok::slash: return "'/'";
    case Tok::percent: return "'%'";
    case Tok::starstar: return "'**'";
    case Tok::eq: return "'=='";
    case Tok::ne: return "'!='";
    case Tok::lt: return "'<'";
    case Tok::le: return "'<='";
    case Tok::gt: return "'>'";
    case Tok::ge: return "'>='";
  }
  return "?";
}

}  // namespace ferry::detail::expr
