#pragma once
// Splits an expression's source text into tokens, each with its position.
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.hpp"

namespace ferry::detail::expr {

enum class Tok {
  end,      // after the last token
  number,   // 12, 0.5, .5, 1e-3
  string,   // "text" or 'text' (text: the decoded value)
  name,     // a bare word: a column, a function or a keyword
  quoted,   // `a column name` (text: the decoded name)
  lparen, rparen, comma,
  plus, minus, star, slash, percent, starstar,
  eq, ne, lt, le, gt, ge,
};

struct Token {
  Tok kind = Tok::end;
  Pos pos;
  std::string text;     // decoded value of a string, name or quoted name; spelling of a number
  double number = 0.0;  // Tok::number
};

/// The tokens of source, ending with one Tok::end. Throws ExprError on text that is not UTF-8,
/// longer than kMaxSourceBytes, or not a token (an unknown character, an unterminated string, a
/// bad escape, a number out of range).
std::vector<Token> lex(std::string_view source);

/// How a message names a token: "'+'", "the name 'age'", "the number 12", "the end of the text".
std::string describe(const Token& token);

}  // namespace ferry::detail::expr
