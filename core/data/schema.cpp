#include "ferry/schema.hpp"

#include "ferry/errors.hpp"

namespace ferry {

const char* dtype_name(DType type) {
  switch (type) {
    case DType::float64: return "float64";
    case DType::int64: return "int64";
    case DType::string: return "string";
    case DType::boolean: return "bool";
  }
  return "unknown";
}

Schema::Schema(std::vector<ColumnSpec> columns) {
  for (auto& c : columns) add(std::move(c));
}

Schema& Schema::add(ColumnSpec column) {
  if (column.name.empty())
    throw SchemaError("expected a non-empty column name, found \"\" at position " +
                      std::to_string(columns_.size()));
  if (index_of(column.name))
    throw SchemaError("expected unique column names, found '" + column.name + "' twice");
  columns_.push_back(std::move(column));
  return *this;
}

std::optional<std::size_t> Schema::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name == name) return i;
  return std::nullopt;
}

bool Schema::all_numeric() const {
  for (const auto& c : columns_)
    if (c.type == DType::string) return false;
  return true;
}

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c.name);
  return out;
}

}  // namespace ferry
