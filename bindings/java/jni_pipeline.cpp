#include "jni_pipeline.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <iterator>
#include <utility>

#include "ferry/errors.hpp"
#include "ferry/frame.hpp"

namespace ferry_jni {
namespace {

struct Cells {
  const std::int32_t* offsets;
  std::size_t n_offsets;
  const std::vector<std::string>& names;
  const std::int8_t* kinds;
  std::size_t n_kinds;
  const double* doubles;
  std::size_t n_doubles;
  const std::int64_t* longs;
  std::size_t n_longs;
  const std::vector<std::string>& strings;
};

ferry::Value cell_value(const Cells& c, std::size_t i) {
  switch (c.kinds[i]) {
    case cell_null: return ferry::Value();
    case cell_double: return ferry::Value(c.doubles[i]);
    case cell_int64: return ferry::Value(c.longs[i]);
    case cell_bool: return ferry::Value(c.longs[i] != 0);
    case cell_string: return ferry::Value(c.strings[i]);
    default: throw ferry::SchemaError("cell " + std::to_string(i) + " has an unknown kind " +
                                      std::to_string(int(c.kinds[i])));
  }
}

/// Decodes the rows; throws std::invalid_argument on inconsistent arrays (a bug in the Java
/// side, never a user error, but it must not read out of bounds either).
std::vector<ferry::Row> decode_rows(const Cells& c) {
  const std::size_t n = c.n_kinds;
  if (c.names.size() != n || c.n_doubles != n || c.n_longs != n || c.strings.size() != n || c.n_offsets == 0)
    throw std::invalid_argument("ferry JNI: expected " + std::to_string(n) +
                                " names, doubles, longs and strings and at least one offset, found " +
                                std::to_string(c.names.size()) + ", " + std::to_string(c.n_doubles) + ", " +
                                std::to_string(c.n_longs) + ", " + std::to_string(c.strings.size()) + " and " +
                                std::to_string(c.n_offsets));
  std::vector<ferry::Row> rows;
  rows.reserve(c.n_offsets - 1);
  for (std::size_t r = 0; r + 1 < c.n_offsets; ++r) {
    const std::int32_t b = c.offsets[r], e = c.offsets[r + 1];
    if (b < 0 || e < b || static_cast<std::size_t>(e) > n)
      throw std::invalid_argument("ferry JNI: expected row " + std::to_string(r) + "'s offsets within [0, " +
                                  std::to_string(n) + "] and increasing, found " + std::to_string(b) + " to " +
                                  std::to_string(e));
    ferry::Row row;
    for (std::int32_t i = b; i < e; ++i) row.set(c.names[i], cell_value(c, static_cast<std::size_t>(i)));
    rows.push_back(std::move(row));
  }
  return rows;
}

void append(std::vector<double>& out, const std::vector<double>& v) { out.insert(out.end(), v.begin(), v.end()); }

}  // namespace

NativePipeline* NativePipeline::from_bytes(const std::uint8_t* data, std::size_t size, bool verify) {
  ferry::Pipeline p = ferry::Pipeline::from_bytes(data, size, verify);
  const int version = static_cast<int>(p.artifact_format_version());
  return new NativePipeline(std::move(p), version);
}

NativePipeline* NativePipeline::load(const std::string& path, bool verify) {
  ferry::Pipeline p = ferry::Pipeline::load(path, verify);
  const int version = static_cast<int>(p.artifact_format_version());
  return new NativePipeline(std::move(p), version);
}

int NativePipeline::task() const { return static_cast<int>(pipeline_.output().task); }
std::size_t NativePipeline::n_outputs() const { return pipeline_.n_outputs(); }

StringArray NativePipeline::column_names() const { return {pipeline_.input_schema().names()}; }

StringArray NativePipeline::column_types() const {
  StringArray out;
  for (const ferry::ColumnSpec& c : pipeline_.input_schema().columns()) out.values.emplace_back(ferry::dtype_name(c.type));
  return out;
}

bool NativePipeline::column_nullable(std::size_t i) const {
  const ferry::Schema& s = pipeline_.input_schema();
  if (i >= s.size())
    throw std::out_of_range("ferry JNI: expected a column index below " + std::to_string(s.size()) + ", found " +
                            std::to_string(i));
  return s[i].nullable;
}

std::size_t NativePipeline::n_classes() const { return pipeline_.classes().size(); }

int NativePipeline::class_kind(std::size_t i) const {
  const ferry::Value& v = pipeline_.classes().at(i);
  if (v.is_double()) return cell_double;
  if (v.is_int()) return cell_int64;
  if (v.is_bool()) return cell_bool;
  if (v.is_string()) return cell_string;
  return cell_null;
}
double NativePipeline::class_double(std::size_t i) const { return pipeline_.classes().at(i).as_double(); }
std::int64_t NativePipeline::class_long(std::size_t i) const {
  const ferry::Value& v = pipeline_.classes().at(i);
  return v.is_bool() ? (v.as_bool() ? 1 : 0) : v.as_int();
}
std::string NativePipeline::class_string(std::size_t i) const { return pipeline_.classes().at(i).as_string(); }

namespace {
// Shortest text that reads back to the same double, as Java's Double.toString does.
std::string number(double v) {
  char buf[32];
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}
}  // namespace

StringArray NativePipeline::metadata() const {
  const ferry::Metadata& m = pipeline_.metadata();
  StringArray out;
  auto put = [&](std::string k, std::string v) {
    out.values.push_back(std::move(k));
    out.values.push_back(std::move(v));
  };
  put("ferry_version", m.ferry_version);
  put("created_utc", m.created_utc);
  put("training_rows", std::to_string(m.training.rows));
  put("training_columns", std::to_string(m.training.columns));
  if (!m.training.class_counts.empty()) {
    std::string counts;
    for (std::size_t i = 0; i < m.training.class_counts.size(); ++i)
      counts += (i ? "," : "") + std::to_string(m.training.class_counts[i]);
    put("training_class_counts", counts);
  }
  for (const auto& [k, v] : m.tags) put("tag." + k, v);
  put("model_id", pipeline_.model_id());
  put("verify_rows", std::to_string(m.verify.rows.size()));
  for (const auto& [k, v] : m.metrics) put("metric." + k, number(v));
  for (const auto& [k, v] : m.params) put("params." + k, v);
  const auto& columns = pipeline_.input_schema().columns();
  for (std::size_t j = 0; j < m.training.column_summaries.size() && j < columns.size(); ++j) {
    const ferry::ColumnSummary& c = m.training.column_summaries[j];
    const std::string prefix = "column." + columns[j].name + ".";
    put(prefix + "count", std::to_string(c.count));
    put(prefix + "missing", std::to_string(c.missing));
    if (c.count > 0 && c.categories.empty()) {
      put(prefix + "min", number(c.min));
      put(prefix + "max", number(c.max));
      put(prefix + "mean", number(c.mean));
    }
  }
  return out;
}

namespace {
std::size_t row_width(std::size_t n_values, std::size_t n_rows) {
  if (n_rows <= 1) return n_rows == 0 ? 0 : n_values;  // a single row skips the 64-bit division
  if (n_values % n_rows != 0)
    throw std::invalid_argument("ferry JNI: expected a multiple of " + std::to_string(n_rows) + " values for " +
                                std::to_string(n_rows) + " rows, found " + std::to_string(n_values));
  return n_values / n_rows;
}
}  // namespace

DoubleArray NativePipeline::predict_proba_numeric(const double* data, std::size_t n, std::size_t n_rows) const {
  const std::size_t cols = row_width(n, n_rows);
  DoubleArray out;
  // One probability per class; a pipeline without classes gets the core's error below.
  const std::size_t width = pipeline_.classes().empty() ? pipeline_.n_outputs() : pipeline_.classes().size();
  out.values.resize(n_rows * width);
  if (n_rows == 1)
    pipeline_.predict_proba(data, cols, out.values.data(), out.values.size());
  else if (n_rows > 1)
    pipeline_.predict_proba(data, n_rows, cols, out.values.data());
  return out;
}

DoubleArray NativePipeline::decision_function_numeric(const double* data, std::size_t n, std::size_t n_rows) const {
  const std::size_t cols = row_width(n, n_rows);
  DoubleArray out;
  out.values.resize(n_rows * pipeline_.n_outputs());
  if (n_rows == 1)
    pipeline_.decision_function(data, cols, out.values.data(), out.values.size());
  else if (n_rows > 1)
    pipeline_.decision_function(data, n_rows, cols, out.values.data());
  return out;
}

std::size_t NativePipeline::numeric_width(int kind) const {
  if (kind == 0) return pipeline_.classes().empty() ? pipeline_.n_outputs() : pipeline_.classes().size();
  return pipeline_.n_outputs();
}

void NativePipeline::numeric_into(int kind, const double* data, std::size_t n, std::size_t n_rows, double* out,
                                  std::size_t n_out) const {
  if (kind != 0 && kind != 1)
    throw std::invalid_argument("ferry JNI: expected numeric kind 0 (proba) or 1 (decision), found " +
                                std::to_string(kind));
  const std::size_t cols = row_width(n, n_rows);
  if (n_out != n_rows * numeric_width(kind))
    throw std::invalid_argument("ferry JNI: expected an output of " + std::to_string(n_rows * numeric_width(kind)) +
                                " values, found " + std::to_string(n_out));
  if (n_rows == 0) return;
  if (kind == 0) {
    if (n_rows == 1)
      pipeline_.predict_proba(data, cols, out, n_out);
    else
      pipeline_.predict_proba(data, n_rows, cols, out);
  } else {
    if (n_rows == 1)
      pipeline_.decision_function(data, cols, out, n_out);
    else
      pipeline_.decision_function(data, n_rows, cols, out);
  }
}

DoubleArray NativePipeline::predict_numeric(const double* data, std::size_t n, std::size_t n_rows) const {
  const std::size_t cols = row_width(n, n_rows);
  const bool regression = pipeline_.output().task == ferry::Task::regression;
  DoubleArray out;
  out.values.resize(n_rows);
  for (std::size_t r = 0; r < n_rows; ++r) {
    const double* row = data + r * cols;
    out.values[r] = regression ? pipeline_.predict_value(row, cols)
                               : static_cast<double>(pipeline_.predict_index(row, cols));
  }
  return out;
}

#define FERRY_CELLS_ARGS                                                                            \
  const std::int32_t *offsets, std::size_t n_offsets, const std::vector<std::string>&names,         \
      const std::int8_t *kinds, std::size_t n_kinds, const double *doubles, std::size_t n_doubles,   \
      const std::int64_t *longs, std::size_t n_longs, const std::vector<std::string>&strings
#define FERRY_CELLS Cells{offsets, n_offsets, names, kinds, n_kinds, doubles, n_doubles, longs, n_longs, strings}

DoubleArray NativePipeline::predict_proba_cells(FERRY_CELLS_ARGS) const {
  const std::vector<ferry::Row> rows = decode_rows(FERRY_CELLS);
  DoubleArray out;
  if (rows.size() == 1) {
    out.values = pipeline_.predict_proba(rows[0]);
  } else if (!rows.empty()) {
    out.values = pipeline_.predict_proba(ferry::Frame::from_rows(pipeline_.input_schema(), rows)).values;
  }
  return out;
}

DoubleArray NativePipeline::decision_function_cells(FERRY_CELLS_ARGS) const {
  const std::vector<ferry::Row> rows = decode_rows(FERRY_CELLS);
  DoubleArray out;
  if (rows.size() == 1) {
    out.values = pipeline_.decision_function(rows[0]);
  } else if (!rows.empty()) {
    out.values = pipeline_.decision_function(ferry::Frame::from_rows(pipeline_.input_schema(), rows)).values;
  }
  return out;
}

DoubleArray NativePipeline::explain_cells(FERRY_CELLS_ARGS) const {
  const std::vector<ferry::Row> rows = decode_rows(FERRY_CELLS);
  if (rows.size() != 1) throw ferry::SchemaError("explain: expected one row, found " + std::to_string(rows.size()));
  const ferry::Explanation e = pipeline_.explain(rows[0]);
  DoubleArray out;
  for (std::size_t r = 0; r < e.intercept.size(); ++r) {
    out.values.insert(out.values.end(), e.contributions.row(r), e.contributions.row(r) + e.contributions.cols);
    out.values.push_back(e.intercept[r]);
  }
  return out;
}

DoubleArray NativePipeline::predict_cells(FERRY_CELLS_ARGS) const {
  const std::vector<ferry::Row> rows = decode_rows(FERRY_CELLS);
  std::vector<ferry::Value> values;
  if (rows.size() == 1) {
    values.push_back(pipeline_.predict(rows[0]));
  } else if (!rows.empty()) {
    values = pipeline_.predict(ferry::Frame::from_rows(pipeline_.input_schema(), rows));
  }
  DoubleArray out;
  out.values.reserve(values.size());
  const bool regression = pipeline_.output().task == ferry::Task::regression;
  const std::vector<ferry::Value>& classes = pipeline_.classes();
  for (const ferry::Value& v : values) {
    if (regression) {
      out.values.push_back(v.as_double());
      continue;
    }
    std::size_t k = 0;
    while (k < classes.size() && !(classes[k] == v)) ++k;
    if (k == classes.size()) throw ferry::Error("predicted label " + v.to_string() + " is not among the classes");
    out.values.push_back(static_cast<double>(k));
  }
  return out;
}

}  // namespace ferry_jni
