#pragma once
// The one exception the expression language throws: a message and the place in the source it
// points at. The step turns it into ferry's error family (ParameterError, SchemaError,
// ArtifactError) with the expression's name in front.
#include <stdexcept>
#include <string>

#include "expr/ast.hpp"

namespace ferry::detail::expr {

class ExprError : public std::runtime_error {
 public:
  /// what() is "<message> at L:C".
  ExprError(const std::string& message, Pos pos)
      : std::runtime_error(message + " at " + to_string(pos)), pos_(pos) {}
  /// Where in the source the problem is.
  Pos pos() const { return pos_; }

 private:
  Pos pos_;
};

}  // namespace ferry::detail::expr
