#pragma once
// Runs a compiled expression over a block of rows. Total: every input gives a value (IEEE results
// for 1/0, log(-1), ...; null where SQL gives null), nothing throws, and nothing is allocated
// beyond the strings lower() and upper() make, which come from the arena's text heap.
#include <cstddef>
#include <string_view>

#include "expr/program.hpp"
#include "pipeline/chain.hpp"

namespace ferry::detail::expr {

/// Evaluates p on the n rows of in (column j of the block at in.num + j * n, or in.str + j * n
/// for a string column). num and str are the register files: p.registers * n values each (str
/// may be null when !p.text). The result is left in register 0: num[0 .. n) for a number (NaN:
/// null) or bool (1, 0, NaN: null), str[0 .. n) for a string (a null view: null).
void run(const Program& p, Cols in, std::size_t n, double* num, std::string_view* str,
         Arena& arena);

}  // namespace ferry::detail::expr
