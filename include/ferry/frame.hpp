#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "ferry/export.hpp"
#include "ferry/schema.hpp"
#include "ferry/value.hpp"

namespace ferry {

/// A string column stored as codes into its distinct values (code -1 = missing): what pandas'
/// category dtype holds, and the cheap form of a column whose strings repeat.
struct FERRY_API DictionaryStrings {
  std::vector<std::int32_t> codes;       ///< Per row: index into dictionary, or -1 when missing.
  std::vector<std::string> dictionary;   ///< The distinct values.
};

/// One column of a Frame. float64 marks missing as NaN; the other types carry a validity mask
/// (empty mask = every value present).
struct FERRY_API FrameColumn {
  /// Typed storage: float64, int64, bool (0/1 bytes) or string values, or dictionary strings.
  using Data = std::variant<std::vector<double>, std::vector<std::int64_t>,
                            std::vector<std::uint8_t>, std::vector<std::string>,
                            DictionaryStrings>;
  ColumnSpec spec;                 ///< Name, type, nullability.
  Data data;                       ///< The values, contiguous.
  std::vector<std::uint8_t> valid; ///< 1 = present, 0 = missing; empty when all present.

  /// True when row i holds a missing value.
  bool is_missing(std::size_t i) const;
  /// Row i as a Value (null when missing).
  Value value(std::size_t i) const;
};

/// A columnar batch of rows with a schema.
class FERRY_API Frame {
 public:
  /// An empty frame.
  Frame() = default;

  /// Adds a float64 column (NaN = missing); throws SchemaError on a length or name clash, or on
  /// NaN in a column declared not nullable.
  Frame& add_float64(const std::string& name, std::vector<double> values, bool nullable = true);
  /// Adds an int64 column with an optional validity mask (1 = present).
  Frame& add_int64(const std::string& name, std::vector<std::int64_t> values,
                   std::vector<std::uint8_t> valid = {}, bool nullable = true);
  /// Adds a bool column (values 0/1) with an optional validity mask (1 = present).
  Frame& add_bool(const std::string& name, std::vector<std::uint8_t> values,
                  std::vector<std::uint8_t> valid = {}, bool nullable = true);
  /// Adds a string column with an optional validity mask (1 = present).
  Frame& add_string(const std::string& name, std::vector<std::string> values,
                    std::vector<std::uint8_t> valid = {}, bool nullable = true);

  /// Adds a string column as codes into distinct values (-1 = missing); throws SchemaError on
  /// a code outside the dictionary, or -1 in a column declared not nullable.
  Frame& add_dictionary(const std::string& name, std::vector<std::int32_t> codes,
                        std::vector<std::string> dictionary, bool nullable = true);
  /// A float64 frame from a row-major matrix with the given column names.
  static Frame from_matrix(const std::vector<std::string>& names, const double* data,
                           std::size_t rows, std::size_t cols);
  /// A frame of the given schema built from rows matched by column name.
  static Frame from_rows(const Schema& schema, const std::vector<Row>& rows);

  /// Number of rows.
  std::size_t rows() const { return rows_; }
  /// Number of columns.
  std::size_t cols() const { return columns_.size(); }
  /// The schema of the columns, in order.
  const Schema& schema() const { return schema_; }
  /// The column at a position.
  const FrameColumn& column(std::size_t i) const { return columns_[i]; }
  /// The column with a name; throws SchemaError when absent.
  const FrameColumn& column(const std::string& name) const;
  /// Row i as a Row (for display and tests; slow).
  Row row(std::size_t i) const;

 private:
  Frame& add(FrameColumn column, std::size_t length);

  Schema schema_;
  std::vector<FrameColumn> columns_;
  std::size_t rows_ = 0;
};

}  // namespace ferry
