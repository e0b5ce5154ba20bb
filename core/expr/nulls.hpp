#pragma once
// Which results can be null, for the pipeline's record of where missing values may flow.
#include <vector>

#include "expr/ast.hpp"

namespace ferry::detail::expr {

/// Whether a checked tree can give null when the input columns flagged in `missing` may be
/// missing (an unflagged column is never null). Conservative: true whenever it cannot rule null
/// out from the structure (isnull never gives null; coalesce only when all its values can; if and
/// case only when a value can; the rest when an operand can). NaN made by arithmetic on present
/// values (0/0, log(-1)) is not counted: the steps after decide what to do with it.
bool may_be_null(const Tree& tree, const std::vector<bool>& missing);

}  // namespace ferry::detail::expr
