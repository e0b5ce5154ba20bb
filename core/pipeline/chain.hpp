#pragma once
// A chain of transformers over typed columns: the top of a pipeline and each ColumnTransformer
// branch. Columns are numbers (doubles) or text (string views; a null data() marks a missing
// string). Blocks are column-major with ld = n: value (row i, column j) at [j * n + i].
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/schema.hpp"
#include "ferry/step.hpp"

namespace ferry::detail {

/// A block of n rows. Column j's values are num[j * n + i] if it is numeric, str[j * n + i] if it
/// is text (num holds NaN there); str is null when no column is text.
struct Cols {
  const double* num = nullptr;
  const std::string_view* str = nullptr;
};

/// Bytes for the strings steps make (an expression's lower() and upper()), handed out in chunks
/// that stay put until reset(): string views into them stay valid while a block (at predict) or
/// a whole fit passes through the chain. reset() keeps the chunks, so the next block of strings
/// no longer than the last allocates nothing.
class TextHeap {
 public:
  /// k bytes, valid until reset().
  char* take(std::size_t k);
  /// Makes every byte available again (the views handed out before are dead).
  void reset();

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::size_t> sizes_;
  std::size_t chunk_ = 0;  // the chunk being filled
  std::size_t used_ = 0;   // bytes taken from it
};

/// Bump allocation from per-thread buffers sized in advance (ChainInfo's needs), so the kernel
/// allocates nothing. A copy starts where the original stands; copies are taken per block.
class Arena {
 public:
  Arena() = default;
  Arena(double* num, std::size_t num_cap, std::string_view* str, std::size_t str_cap,
        TextHeap* text = nullptr)
      : num_(num), num_left_(num_cap), str_(str), str_left_(str_cap), text_(text) {}
  /// k doubles; throws std::logic_error if the sizing was wrong (a bug, never bad input).
  double* num(std::size_t k);
  /// k string views; throws std::logic_error if the sizing was wrong.
  std::string_view* str(std::size_t k);
  /// k bytes for a made string, from the text heap (shared by copies of this arena).
  char* chars(std::size_t k);

 private:
  double* num_ = nullptr;
  std::size_t num_left_ = 0;
  std::string_view* str_ = nullptr;
  std::size_t str_left_ = 0;
  TextHeap* text_ = nullptr;
};

/// The derived shape of a chain: widths, types, names and the arena each block row needs.
struct ChainInfo {
  std::vector<std::size_t> widths;         // widths[i]: input width of step i; back(): output
  std::vector<std::vector<DType>> types;   // types[i]: column types entering step i; back(): out
  std::vector<char> text;                  // text[i]: whether types[i] has a string column
  std::size_t num_per_row = 0;             // arena doubles per block row, nested chains included
  std::size_t str_per_row = 0;             // arena string views per block row
};

/// True when the step kind reads text columns.
bool reads_text(const Step& step);

/// Throws SchemaError naming the first text column when the step reads numbers only.
void check_reads(const NamedStep& step, const std::vector<DType>& types,
                 const std::vector<std::string>& names);

/// The shape of steps [0, count) applied to columns of the given types and names. Throws
/// SchemaError when a width does not match or a text column reaches a step that reads numbers
/// only (naming the column and the step).
ChainInfo chain_info(const std::vector<NamedStep>& steps, std::size_t count,
                     const std::vector<DType>& types_in, const std::vector<std::string>& names_in);

/// Output names of steps [0, count) from input names.
std::vector<std::string> chain_names(const std::vector<NamedStep>& steps, std::size_t count,
                                     std::vector<std::string> names);

/// Runs steps [0, count) on a block of n rows; the result lives in the arena (or is `in` when
/// count is 0).
Cols run_chain(const std::vector<NamedStep>& steps, std::size_t count, const ChainInfo& info,
               Cols in, std::size_t n, Arena& arena);

/// True when any type is string.
bool any_text(const std::vector<DType>& types);

}  // namespace ferry::detail
