#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "ferry/export.hpp"

namespace ferry {

/// One cell of input or one class label: null (missing), a double, an int64, a bool or a string.
class FERRY_API Value {
 public:
  /// The stored alternatives, in index order.
  using Storage = std::variant<std::monostate, double, std::int64_t, bool, std::string>;

  /// A null (missing) value.
  Value() = default;
  /// A null (missing) value.
  Value(std::nullptr_t) {}
  /// A float64 value.
  Value(double v) : v_(v) {}
  /// A bool value (kept apart from integers on purpose).
  Value(bool v) : v_(v) {}
  /// An int64 value from any integer type.
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T v) : v_(static_cast<std::int64_t>(v)) {}
  /// A string value.
  Value(std::string v) : v_(std::move(v)) {}
  /// A string value (never converted to bool).
  Value(const char* v) : v_(std::string(v)) {}

  /// True when the value is missing.
  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  /// True when the value holds a double.
  bool is_double() const { return std::holds_alternative<double>(v_); }
  /// True when the value holds an int64.
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  /// True when the value holds a bool.
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  /// True when the value holds a string.
  bool is_string() const { return std::holds_alternative<std::string>(v_); }

  /// The double held; throws SchemaError when the value holds something else.
  double as_double() const;
  /// The int64 held; throws SchemaError when the value holds something else.
  std::int64_t as_int() const;
  /// The bool held; throws SchemaError when the value holds something else.
  bool as_bool() const;
  /// The string held; throws SchemaError when the value holds something else.
  const std::string& as_string() const;

  /// The name of the held alternative: "null", "float64", "int64", "bool" or "string".
  const char* type_name() const;
  /// A readable rendering, e.g. 3.5, 7, true, "F", null.
  std::string to_string() const;

  /// Direct access to the variant, for std::visit.
  const Storage& storage() const { return v_; }

  /// Equal when the same alternative holds the same value (NaN never equals).
  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }
  /// Negation of ==.
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  Storage v_;
};

/// One record, matched to a schema by column name; e.g. Row{{"plas", 148.0}, {"sex", "F"}}.
class FERRY_API Row {
 public:
  /// An empty row.
  Row() = default;
  /// A row from name/value pairs.
  Row(std::initializer_list<std::pair<std::string, Value>> cells) : cells_(cells) {}
  /// A row from a vector of name/value pairs.
  explicit Row(std::vector<std::pair<std::string, Value>> cells) : cells_(std::move(cells)) {}

  /// Sets (or replaces) the value of a column.
  Row& set(const std::string& name, Value value);
  /// The value of a column, or nullptr when the row has no such column.
  const Value* find(const std::string& name) const;
  /// The cells in insertion order.
  const std::vector<std::pair<std::string, Value>>& cells() const { return cells_; }

 private:
  std::vector<std::pair<std::string, Value>> cells_;
};

}  // namespace ferry
