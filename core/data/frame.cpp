#include "ferry/frame.hpp"

#include <cmath>

#include "ferry/errors.hpp"

namespace ferry {
namespace {

void check_mask(const std::string& name, std::size_t n, const std::vector<std::uint8_t>& valid,
                bool nullable) {
  if (!valid.empty() && valid.size() != n)
    throw SchemaError("column '" + name + "': expected a validity mask of " + std::to_string(n) +
                      " entries, found " + std::to_string(valid.size()));
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (valid[i] > 1)
      throw SchemaError("column '" + name + "': expected validity 0 or 1, found " +
                        std::to_string(valid[i]) + " at row " + std::to_string(i));
    if (!valid[i] && !nullable)
      throw SchemaError("column '" + name + "' does not allow missing values, found one at row " +
                        std::to_string(i));
  }
}

}  // namespace

bool FrameColumn::is_missing(std::size_t i) const {
  if (auto d = std::get_if<std::vector<double>>(&data)) return std::isnan((*d)[i]);
  if (auto d = std::get_if<DictionaryStrings>(&data)) return d->codes[i] < 0;
  return !valid.empty() && !valid[i];
}

Value FrameColumn::value(std::size_t i) const {
  if (is_missing(i)) return Value();
  switch (data.index()) {
    case 0: return Value(std::get<0>(data)[i]);
    case 1: return Value(std::get<1>(data)[i]);
    case 2: return Value(std::get<2>(data)[i] != 0);
    case 3: return Value(std::get<3>(data)[i]);
    default: {
      const auto& d = std::get<4>(data);
      return Value(d.dictionary[static_cast<std::size_t>(d.codes[i])]);
    }
  }
}

Frame& Frame::add(FrameColumn column, std::size_t length) {
  if (!columns_.empty() && length != rows_)
    throw SchemaError("column '" + column.spec.name + "': expected " + std::to_string(rows_) +
                      " rows like the columns before it, found " + std::to_string(length));
  schema_.add(column.spec);  // rejects empty and duplicate names
  rows_ = length;
  columns_.push_back(std::move(column));
  return *this;
}

Frame& Frame::add_float64(const std::string& name, std::vector<double> values, bool nullable) {
  if (!nullable) {
    for (std::size_t i = 0; i < values.size(); ++i)
      if (std::isnan(values[i]))
        throw SchemaError("column '" + name +
                          "' does not allow missing values, found NaN at row " + std::to_string(i));
  }
  std::size_t n = values.size();
  return add(FrameColumn{{name, DType::float64, nullable}, std::move(values), {}}, n);
}

Frame& Frame::add_dictionary(const std::string& name, std::vector<std::int32_t> codes,
                             std::vector<std::string> dictionary, bool nullable) {
  const auto size = static_cast<std::int64_t>(dictionary.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] < -1 || codes[i] >= size)
      throw SchemaError("column '" + name + "': expected codes from -1 (missing) to " +
                        std::to_string(size - 1) + ", found " + std::to_string(codes[i]) +
                        " at row " + std::to_string(i));
    if (codes[i] < 0 && !nullable)
      throw SchemaError("column '" + name + "' does not allow missing values, found one at row " +
                        std::to_string(i));
  }
  std::size_t n = codes.size();
  return add(FrameColumn{{name, DType::string, nullable},
                         DictionaryStrings{std::move(codes), std::move(dictionary)}, {}},
             n);
}

Frame& Frame::add_int64(const std::string& name, std::vector<std::int64_t> values,
                        std::vector<std::uint8_t> valid, bool nullable) {
  check_mask(name, values.size(), valid, nullable);
  std::size_t n = values.size();
  return add(FrameColumn{{name, DType::int64, nullable}, std::move(values), std::move(valid)}, n);
}

Frame& Frame::add_bool(const std::string& name, std::vector<std::uint8_t> values,
                       std::vector<std::uint8_t> valid, bool nullable) {
  check_mask(name, values.size(), valid, nullable);
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] > 1)
      throw SchemaError("column '" + name + "': expected bool values 0 or 1, found " +
                        std::to_string(values[i]) + " at row " + std::to_string(i));
  std::size_t n = values.size();
  return add(FrameColumn{{name, DType::boolean, nullable}, std::move(values), std::move(valid)},
             n);
}

Frame& Frame::add_string(const std::string& name, std::vector<std::string> values,
                         std::vector<std::uint8_t> valid, bool nullable) {
  check_mask(name, values.size(), valid, nullable);
  std::size_t n = values.size();
  return add(FrameColumn{{name, DType::string, nullable}, std::move(values), std::move(valid)}, n);
}

Frame Frame::from_matrix(const std::vector<std::string>& names, const double* data,
                         std::size_t rows, std::size_t cols) {
  if (names.size() != cols)
    throw SchemaError("expected " + std::to_string(cols) + " column names, found " +
                      std::to_string(names.size()));
  // Rows are read in order and each column written in order: both streams stay sequential.
  std::vector<std::vector<double>> columns(cols, std::vector<double>(rows));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) columns[j][i] = data[i * cols + j];
  Frame f;
  for (std::size_t j = 0; j < cols; ++j) f.add_float64(names[j], std::move(columns[j]));
  return f;
}

Frame Frame::from_rows(const Schema& schema, const std::vector<Row>& rows) {
  Frame f;
  const std::size_t n = rows.size();
  for (const ColumnSpec& spec : schema.columns()) {
    std::vector<std::uint8_t> valid(n, 1);
    bool any_missing = false;
    auto cell = [&](std::size_t i) -> const Value* {
      const Value* v = rows[i].find(spec.name);
      if (!v) throw SchemaError("row " + std::to_string(i) + ": missing column '" + spec.name + "'");
      if (v->is_null()) {
        if (!spec.nullable)
          throw SchemaError("row " + std::to_string(i) + ": column '" + spec.name +
                            "' does not allow missing values, found null");
        valid[i] = 0;
        any_missing = true;
        return nullptr;
      }
      return v;
    };
    auto type_error = [&](std::size_t i, const Value& v) {
      return SchemaError("row " + std::to_string(i) + ": column '" + spec.name + "' expected " +
                         dtype_name(spec.type) + ", found " + v.type_name() + " " + v.to_string());
    };
    switch (spec.type) {
      case DType::float64: {
        std::vector<double> col(n, std::nan(""));
        for (std::size_t i = 0; i < n; ++i) {
          const Value* v = cell(i);
          if (!v) continue;
          if (v->is_double()) col[i] = v->as_double();
          else if (v->is_int()) col[i] = static_cast<double>(v->as_int());
          else throw type_error(i, *v);
        }
        f.add_float64(spec.name, std::move(col), spec.nullable);
        break;
      }
      case DType::int64: {
        std::vector<std::int64_t> col(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
          const Value* v = cell(i);
          if (!v) continue;
          if (!v->is_int()) throw type_error(i, *v);
          col[i] = v->as_int();
        }
        if (!any_missing) valid.clear();
        f.add_int64(spec.name, std::move(col), std::move(valid), spec.nullable);
        break;
      }
      case DType::boolean: {
        std::vector<std::uint8_t> col(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
          const Value* v = cell(i);
          if (!v) continue;
          if (!v->is_bool()) throw type_error(i, *v);
          col[i] = v->as_bool() ? 1 : 0;
        }
        if (!any_missing) valid.clear();
        f.add_bool(spec.name, std::move(col), std::move(valid), spec.nullable);
        break;
      }
      case DType::string: {
        std::vector<std::string> col(n);
        for (std::size_t i = 0; i < n; ++i) {
          const Value* v = cell(i);
          if (!v) continue;
          if (!v->is_string()) throw type_error(i, *v);
          col[i] = v->as_string();
        }
        if (!any_missing) valid.clear();
        f.add_string(spec.name, std::move(col), std::move(valid), spec.nullable);
        break;
      }
    }
  }
  return f;
}

const FrameColumn& Frame::column(const std::string& name) const {
  auto i = schema_.index_of(name);
  if (!i) throw SchemaError("missing column '" + name + "'");
  return columns_[*i];
}


Row Frame::row(std::size_t i) const {
  if (i >= rows_)
    throw SchemaError("expected a row index below " + std::to_string(rows_) + ", found " +
                      std::to_string(i));
  Row r;
  for (const auto& c : columns_) r.set(c.spec.name, c.value(i));
  return r;
}

}  // namespace ferry
