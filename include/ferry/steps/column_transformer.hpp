#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ferry/schema.hpp"

namespace ferry {

struct NamedStep;

namespace detail {
struct ColumnPlan;
}

/// What ColumnTransformer does with the columns no branch names. Values are part of the format.
enum class Remainder : std::uint8_t { drop = 0, passthrough = 1 };

/// One branch of a ColumnTransformer: a chain of transformers applied to the named columns.
struct ColumnBranch {
  std::string name;                  ///< Unique among the branches; prefixes output names.
  std::vector<NamedStep> steps;      ///< Transformers applied in order; empty: passthrough.
  std::vector<std::string> columns;  ///< Input columns the branch reads, by name.
  bool drop = false;                 ///< Drop the columns (they do not join the remainder).

  std::vector<std::size_t> indices_;  ///< Fitted input positions of `columns`.
  std::size_t n_features_out_ = 0;    ///< Fitted output width (0 for a dropped branch).
};

/// Routes input columns by name to branches and concatenates their outputs, as scikit-learn's
/// ColumnTransformer (dense output). Column types flow through: a branch's steps must accept the
/// types of the columns they receive.
struct ColumnTransformer {
  std::vector<ColumnBranch> transformers;  ///< The branches, in output order.
  Remainder remainder = Remainder::drop;   ///< Columns no branch names: dropped or passed.
  bool verbose_feature_names_out = true;   ///< Prefix output names with "branch__".

  std::vector<std::string> feature_names_in_;   ///< Fitted input names.
  std::vector<DType> feature_types_in_;         ///< Fitted input types.
  std::vector<std::size_t> remainder_indices_;  ///< Fitted positions of the remainder columns.
  std::size_t n_features_in_ = 0;               ///< Fitted input width.

  /// Widths, types and scratch sizes derived from the fitted fields by fit and by load.
  std::shared_ptr<const detail::ColumnPlan> plan_;
};

}  // namespace ferry
