#pragma once
// Payload encoding of the data types: Value, ColumnSpec, Schema, OutputSpec, TrainingSummary,
// Metadata, Array2D. Included by codec.cpp only.
//
// Each type carries a cereal class version from format 1 on, so a field can be added later
// without a new envelope version: cereal writes a type's version the first time the type
// appears in a payload, and the loader branches on it. A loader refuses versions newer than it
// knows. The functions live in namespace ferry (not cereal) so argument-dependent lookup finds
// them only for ferry types: Value converts implicitly from double, and an overload visible for
// double would make cereal see two ways to save a double.
#include <cereal/cereal.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "artifact/bounded_io.hpp"
#include "artifact/validate.hpp"
#include "ferry/array.hpp"
#include "ferry/metadata.hpp"
#include "ferry/schema.hpp"
#include "ferry/value.hpp"

CEREAL_CLASS_VERSION(ferry::Value, 1)
CEREAL_CLASS_VERSION(ferry::ColumnSpec, 1)
CEREAL_CLASS_VERSION(ferry::Schema, 1)
CEREAL_CLASS_VERSION(ferry::OutputSpec, 1)
CEREAL_CLASS_VERSION(ferry::TrainingSummary, 2)
CEREAL_CLASS_VERSION(ferry::ColumnSummary, 1)
CEREAL_CLASS_VERSION(ferry::VerifySet, 1)
CEREAL_CLASS_VERSION(ferry::Metadata, 2)
CEREAL_CLASS_VERSION(ferry::Array2D, 1)

namespace ferry {

// --- Value: a u8 tag, then the alternative. Tags are the format's, not std::variant's index. ----

namespace detail {
enum class ValueTag : std::uint8_t { null = 0, float64 = 1, int64 = 2, boolean = 3, string = 4 };
}  // namespace detail

inline void save(detail::Writer& ar, const Value& value, std::uint32_t) {
  using detail::ValueTag;
  if (value.is_null()) {
    detail::write_enum(ar, ValueTag::null);
  } else if (value.is_double()) {
    detail::write_enum(ar, ValueTag::float64);
    ar(value.as_double());
  } else if (value.is_int()) {
    detail::write_enum(ar, ValueTag::int64);
    ar(value.as_int());
  } else if (value.is_bool()) {
    detail::write_enum(ar, ValueTag::boolean);
    detail::write_bool(ar, value.as_bool());
  } else {
    detail::write_enum(ar, ValueTag::string);
    detail::write_string(ar, value.as_string());
  }
}

inline void load(detail::Reader& ar, Value& value, std::uint32_t version) {
  using detail::ValueTag;
  detail::check_class_version(version, 1, "Value");
  switch (detail::read_enum(ar, "Value tag", ValueTag::string)) {
    case ValueTag::null: value = Value(); break;
    case ValueTag::float64: value = Value(detail::read_scalar<double>(ar)); break;
    case ValueTag::int64: value = Value(detail::read_scalar<std::int64_t>(ar)); break;
    case ValueTag::boolean: value = Value(detail::read_bool(ar, "Value bool")); break;
    case ValueTag::string: value = Value(detail::read_string(ar, "Value string")); break;
  }
}

// --- Schema ---------------------------------------------------------------------------------

inline void save(detail::Writer& ar, const ColumnSpec& column, std::uint32_t) {
  detail::write_string(ar, column.name);
  detail::write_enum(ar, column.type);
  detail::write_bool(ar, column.nullable);
}

inline void load(detail::Reader& ar, ColumnSpec& column, std::uint32_t version) {
  detail::check_class_version(version, 1, "ColumnSpec");
  column.name = detail::read_string(ar, "ColumnSpec.name");
  column.type = detail::read_enum(ar, "ColumnSpec.type", DType::boolean);
  column.nullable = detail::read_bool(ar, "ColumnSpec.nullable");
}

inline void save(detail::Writer& ar, const Schema& schema, std::uint32_t) {
  detail::write_size(ar, schema.size());
  for (const ColumnSpec& column : schema.columns()) ar(column);
}

inline void load(detail::Reader& ar, Schema& schema, std::uint32_t version) {
  detail::check_class_version(version, 1, "Schema");
  // A column takes at least a name's size tag, a type byte and a nullable byte.
  const std::size_t count = detail::read_count(ar, "Schema.columns", 8 + 1 + 1);
  std::vector<ColumnSpec> columns(count);
  for (ColumnSpec& column : columns) ar(column);
  // Schema's constructor would throw SchemaError on bad names; say it as an artifact defect.
  detail::check_columns(columns);
  schema = Schema(std::move(columns));
}

// --- OutputSpec -----------------------------------------------------------------------------

inline void save(detail::Writer& ar, const OutputSpec& output, std::uint32_t) {
  detail::write_enum(ar, output.task);
  detail::write_enum(ar, output.label_type);
  detail::write_size(ar, output.classes.size());
  for (const Value& label : output.classes) ar(label);
}

inline void load(detail::Reader& ar, OutputSpec& output, std::uint32_t version) {
  detail::check_class_version(version, 1, "OutputSpec");
  output.task = detail::read_enum(ar, "OutputSpec.task", Task::regression);
  output.label_type = detail::read_enum(ar, "OutputSpec.label_type", DType::boolean);
  const std::size_t count = detail::read_count(ar, "OutputSpec.classes", 1);
  output.classes.assign(count, Value());
  for (Value& label : output.classes) ar(label);
}

// --- Metadata -------------------------------------------------------------------------------

inline void save(detail::Writer& ar, const ColumnSummary& c, std::uint32_t) {
  ar(c.count, c.missing, c.min, c.max, c.mean);
  detail::write_size(ar, c.categories.size());
  for (const auto& [value, count] : c.categories) {
    detail::write_string(ar, value);
    ar(count);
  }
  ar(c.other);
}

inline void load(detail::Reader& ar, ColumnSummary& c, std::uint32_t version) {
  detail::check_class_version(version, 1, "ColumnSummary");
  c.count = detail::read_scalar<std::uint64_t>(ar);
  c.missing = detail::read_scalar<std::uint64_t>(ar);
  c.min = detail::read_scalar<double>(ar);
  c.max = detail::read_scalar<double>(ar);
  c.mean = detail::read_scalar<double>(ar);
  // A category takes a size tag and a count.
  const std::size_t n = detail::read_count(ar, "ColumnSummary.categories", 8 + 8,
                                           kMaxSummaryCategories);
  c.categories.clear();
  for (std::size_t i = 0; i < n; ++i) {
    std::string value = detail::read_string(ar, "ColumnSummary.categories value");
    c.categories.emplace_back(std::move(value), detail::read_scalar<std::uint64_t>(ar));
  }
  c.other = detail::read_scalar<std::uint64_t>(ar);
}

inline void save(detail::Writer& ar, const TrainingSummary& training, std::uint32_t) {
  ar(training.rows, training.columns);
  detail::write_numbers(ar, training.class_counts);
  detail::write_size(ar, training.column_summaries.size());
  for (const ColumnSummary& c : training.column_summaries) ar(c);
}

inline void load(detail::Reader& ar, TrainingSummary& training, std::uint32_t version) {
  detail::check_class_version(version, 2, "TrainingSummary");
  training.rows = detail::read_scalar<std::uint64_t>(ar);
  training.columns = detail::read_scalar<std::uint64_t>(ar);
  training.class_counts = detail::read_numbers<std::uint64_t>(ar, "TrainingSummary.class_counts");
  training.column_summaries.clear();
  if (version < 2) return;
  detail::check_version_format(ar, version, 3, "TrainingSummary");
  // A column summary takes at least five numbers, a size tag and a count.
  const std::size_t n = detail::read_count(ar, "TrainingSummary.column_summaries", 7 * 8);
  training.column_summaries.resize(n);
  for (ColumnSummary& c : training.column_summaries) ar(c);
}

inline void save(detail::Writer& ar, const VerifySet& verify, std::uint32_t) {
  detail::write_size(ar, verify.rows.size());
  for (const std::vector<Value>& row : verify.rows) {
    detail::write_size(ar, row.size());
    for (const Value& v : row) ar(v);
  }
  detail::write_size(ar, verify.width);
  detail::write_numbers(ar, verify.expected);
}

inline void load(detail::Reader& ar, VerifySet& verify, std::uint32_t version) {
  detail::check_class_version(version, 1, "VerifySet");
  // A row takes at least its size tag; a value at least its type byte.
  const std::size_t n = detail::read_count(ar, "VerifySet.rows", 8);
  verify.rows.assign(n, {});
  for (std::vector<Value>& row : verify.rows) {
    const std::size_t width = detail::read_count(ar, "VerifySet row", 1);
    row.assign(width, Value());
    for (Value& v : row) ar(v);
  }
  verify.width = detail::read_size(ar, "VerifySet.width");
  verify.expected = detail::read_numbers<double>(ar, "VerifySet.expected");
}

inline void save(detail::Writer& ar, const Metadata& metadata, std::uint32_t) {
  detail::write_string(ar, metadata.ferry_version);
  detail::write_string(ar, metadata.created_utc);
  detail::write_size(ar, metadata.tags.size());
  for (const auto& [key, text] : metadata.tags) {
    detail::write_string(ar, key);
    detail::write_string(ar, text);
  }
  ar(metadata.training);
  detail::write_size(ar, metadata.metrics.size());
  for (const auto& [key, value] : metadata.metrics) {
    detail::write_string(ar, key);
    ar(value);
  }
  detail::write_size(ar, metadata.params.size());
  for (const auto& [key, text] : metadata.params) {
    detail::write_string(ar, key);
    detail::write_string(ar, text);
  }
  ar(metadata.verify);
}

inline void load(detail::Reader& ar, Metadata& metadata, std::uint32_t version) {
  detail::check_class_version(version, 2, "Metadata");
  metadata.ferry_version = detail::read_string(ar, "Metadata.ferry_version");
  metadata.created_utc = detail::read_string(ar, "Metadata.created_utc");
  // A tag takes at least two size tags.
  const std::size_t count = detail::read_count(ar, "Metadata.tags", 8 + 8);
  metadata.tags.clear();
  for (std::size_t i = 0; i < count; ++i) {
    std::string key = detail::read_string(ar, "Metadata.tags key");
    std::string text = detail::read_string(ar, "Metadata.tags value");
    const auto [at, inserted] = metadata.tags.emplace(std::move(key), std::move(text));
    if (!inserted) {
      detail::corrupt("Metadata.tags: expected unique keys, found \"" + at->first + "\" twice");
    }
  }
  ar(metadata.training);
  metadata.metrics.clear();
  metadata.params.clear();
  metadata.verify = VerifySet();
  if (version < 2) return;
  detail::check_version_format(ar, version, 3, "Metadata");
  const std::size_t n_metrics = detail::read_count(ar, "Metadata.metrics", 8 + 8);
  for (std::size_t i = 0; i < n_metrics; ++i) {
    std::string key = detail::read_string(ar, "Metadata.metrics key");
    const auto value = detail::read_scalar<double>(ar);
    if (!metadata.metrics.emplace(key, value).second)
      detail::corrupt("Metadata.metrics: expected unique keys, found \"" + key + "\" twice");
  }
  const std::size_t n_params = detail::read_count(ar, "Metadata.params", 8 + 8);
  for (std::size_t i = 0; i < n_params; ++i) {
    std::string key = detail::read_string(ar, "Metadata.params key");
    std::string text = detail::read_string(ar, "Metadata.params value");
    if (!metadata.params.emplace(key, std::move(text)).second)
      detail::corrupt("Metadata.params: expected unique keys, found \"" + key + "\" twice");
  }
  ar(metadata.verify);
}

// --- Array2D --------------------------------------------------------------------------------

inline void save(detail::Writer& ar, const Array2D& array, std::uint32_t) {
  detail::write_size(ar, array.rows);
  detail::write_size(ar, array.cols);
  detail::write_numbers(ar, array.values);
}

inline void load(detail::Reader& ar, Array2D& array, std::uint32_t version) {
  detail::check_class_version(version, 1, "Array2D");
  array.rows = detail::read_size(ar, "Array2D.rows");
  array.cols = detail::read_size(ar, "Array2D.cols");
  array.values = detail::read_numbers<double>(ar, "Array2D.values");
  // Overflow-safe rows * cols == values.size().
  const std::size_t n = array.values.size();
  const bool agrees = (array.rows == 0 || array.cols == 0)
                          ? n == 0
                          : (n % array.cols == 0 && n / array.cols == array.rows);
  if (!agrees) {
    detail::corrupt("Array2D: expected " + std::to_string(array.rows) + " x " +
                    std::to_string(array.cols) + " values, found " + std::to_string(n));
  }
}

}  // namespace ferry
