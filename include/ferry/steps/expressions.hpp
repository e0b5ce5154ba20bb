#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "ferry/export.hpp"
#include "ferry/schema.hpp"

namespace ferry {

namespace detail {
struct ExprTree;
struct ExprPrograms;
}  // namespace detail

/// One output column of an Expressions step: its name and the expression that computes it.
struct NamedExpression {
  std::string name;    ///< Output column name; unique within the step.
  std::string source;  ///< The expression, e.g. "age >= 30" (the language: core/expr/README.md).

  /// The parsed tree, type-checked against the input columns at fit; stored in the artifact.
  std::shared_ptr<const detail::ExprTree> tree_;
};

/// New columns computed row by row from expressions over the input columns (numbers, bools and
/// strings), one column per expression, typed float64, bool or string by what it computes.
/// Parsed and checked at construction, checked against the input schema at fit, evaluated by
/// the core: no code is stored or run, only the checked trees.
struct Expressions {
  std::vector<NamedExpression> expressions;  ///< In output order.

  std::vector<std::string> feature_names_in_;  ///< Fitted input names.
  std::vector<DType> feature_types_in_;        ///< Fitted input types.
  std::size_t n_features_in_ = 0;              ///< Fitted input width.

  /// The compiled form of the fitted trees, derived by fit and by load; never stored.
  std::shared_ptr<const detail::ExprPrograms> programs_;
};

/// A fitted expression's result type (float64, bool or string); throws NotFittedError before fit.
FERRY_API DType expression_type(const NamedExpression& expression);

/// A fitted expression's tree as an S-expression, e.g. "(>= age 30)"; throws NotFittedError
/// before fit.
FERRY_API std::string expression_tree(const NamedExpression& expression);

}  // namespace ferry
