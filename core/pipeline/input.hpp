#pragma once
// Turns input (a Row, a Frame, or numbers in schema order) into the numeric rows the row kernel
// reads, checking each value against the recorded schema. String columns get no numeric encoding
// here; step kinds that read strings will encode them.
#include <cstddef>
#include <string_view>
#include <vector>

#include "ferry/frame.hpp"
#include "ferry/schema.hpp"
#include "ferry/value.hpp"

namespace ferry::detail {

/// Writes row's values in schema order into out[schema.size()], and views of its strings into
/// text[schema.size()] (NaN in out there; a null view for a missing string); text may be null when
/// the schema has no string column. Throws SchemaError.
void encode_row(const Schema& schema, const Row& row, double* out, std::string_view* text);

/// Checks numbers already in schema order; allocates nothing unless it throws SchemaError.
void check_numeric_row(const Schema& schema, const double* row, std::size_t n);

/// Copies n row-major rows in schema order into a column-major block (row i, column j at
/// [j * n + i]) and checks every value as it passes: false when any value would fail
/// check_numeric_row, which then finds the first one and says what is wrong.
bool gather_rows(const Schema& schema, const double* rows, std::size_t n, double* block);

/// The frame's columns matched to a schema by name, checked for type and nullability.
struct FrameBinding {
  std::vector<const FrameColumn*> columns;  // in schema order
};

/// Matches and checks every schema column against the frame; extra frame columns are ignored.
FrameBinding bind_frame(const Schema& schema, const Frame& frame);

/// Writes rows [begin, end) as a column-major block (row i, column j at [j * (end - begin) + i]),
/// string columns as views into the frame in text (same layout; null when there are none).
void encode_rows(const FrameBinding& binding, std::size_t begin, std::size_t end, double* out,
                 std::string_view* text);

}  // namespace ferry::detail
