#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ferry/export.hpp"

namespace ferry {

/// The type of an input column. The numeric values are part of the artifact format.
enum class DType : std::uint8_t { float64 = 0, int64 = 1, string = 2, boolean = 3 };

/// The name used for a DType in messages and metadata: "float64", "int64", "string", "bool".
FERRY_API const char* dtype_name(DType type);

/// One named, typed input column.
struct FERRY_API ColumnSpec {
  std::string name;       ///< Column name, unique within a schema.
  DType type = DType::float64;  ///< Value type.
  bool nullable = true;   ///< Whether missing values are allowed.

  /// Equal when name, type and nullability agree.
  friend bool operator==(const ColumnSpec& a, const ColumnSpec& b) {
    return a.name == b.name && a.type == b.type && a.nullable == b.nullable;
  }
};

/// Ordered named columns: what a pipeline expects as input.
class FERRY_API Schema {
 public:
  /// An empty schema.
  Schema() = default;
  /// A schema from columns; throws SchemaError on an empty or duplicate name.
  explicit Schema(std::vector<ColumnSpec> columns);

  /// Appends a column; throws SchemaError on an empty or duplicate name.
  Schema& add(ColumnSpec column);
  /// Number of columns.
  std::size_t size() const { return columns_.size(); }
  /// The column at a position.
  const ColumnSpec& operator[](std::size_t i) const { return columns_[i]; }
  /// All columns in order.
  const std::vector<ColumnSpec>& columns() const { return columns_; }
  /// Position of a column by name, if present.
  std::optional<std::size_t> index_of(const std::string& name) const;
  /// True when every column is float64, int64 or bool (the numeric fast path applies).
  bool all_numeric() const;
  /// Column names in order.
  std::vector<std::string> names() const;

  /// Equal when the columns agree in order.
  friend bool operator==(const Schema& a, const Schema& b) { return a.columns_ == b.columns_; }

 private:
  std::vector<ColumnSpec> columns_;
};

}  // namespace ferry
