#include "ferry/value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ferry/errors.hpp"

namespace ferry {
namespace {

[[noreturn]] void wrong(const char* expected, const Value& v) {
  throw SchemaError(std::string("expected a ") + expected + " value, found " + v.type_name() +
                    " " + v.to_string());
}

}  // namespace

double Value::as_double() const {
  if (auto p = std::get_if<double>(&v_)) return *p;
  wrong("float64", *this);
}

std::int64_t Value::as_int() const {
  if (auto p = std::get_if<std::int64_t>(&v_)) return *p;
  wrong("int64", *this);
}

bool Value::as_bool() const {
  if (auto p = std::get_if<bool>(&v_)) return *p;
  wrong("bool", *this);
}

const std::string& Value::as_string() const {
  if (auto p = std::get_if<std::string>(&v_)) return *p;
  wrong("string", *this);
}

const char* Value::type_name() const {
  switch (v_.index()) {
    case 0: return "null";
    case 1: return "float64";
    case 2: return "int64";
    case 3: return "bool";
    default: return "string";
  }
}

std::string Value::to_string() const {
  switch (v_.index()) {
    case 0: return "null";
    case 1: {
      // %.17g round-trips every double; shorter forms are tried first for readability.
      char buf[32];
      double d = std::get<double>(v_);
      for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::isnan(d) || std::strtod(buf, nullptr) == d) break;
      }
      return buf;
    }
    case 2: return std::to_string(std::get<std::int64_t>(v_));
    case 3: return std::get<bool>(v_) ? "true" : "false";
    default: return "\"" + std::get<std::string>(v_) + "\"";
  }
}

Row& Row::set(const std::string& name, Value value) {
  for (auto& cell : cells_) {
    if (cell.first == name) {
      cell.second = std::move(value);
      return *this;
    }
  }
  cells_.emplace_back(name, std::move(value));
  return *this;
}

const Value* Row::find(const std::string& name) const {
  for (const auto& cell : cells_)
    if (cell.first == name) return &cell.second;
  return nullptr;
}

}  // namespace ferry
