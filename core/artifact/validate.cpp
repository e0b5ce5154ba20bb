#include "artifact/validate.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <unordered_set>
#include <variant>

#include "data/utf8.hpp"
#include "ferry/errors.hpp"
#include "pipeline/verify.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

[[noreturn]] void invalid(const std::string& message) { throw ArtifactError(message); }

const char* task_name(Task task) {
  switch (task) {
    case Task::transform: return "transform";
    case Task::classification: return "classification";
    case Task::regression: return "regression";
  }
  return "unknown";
}

bool holds_type(const Value& value, DType type) {
  switch (type) {
    case DType::float64: return value.is_double();
    case DType::int64: return value.is_int();
    case DType::string: return value.is_string();
    case DType::boolean: return value.is_bool();
  }
  return false;
}

// The order fit() sorts classes in: within one alternative, the held values' own order (numbers
// numerically, strings bytewise, false before true).
bool label_less(const Value& a, const Value& b) { return a.storage() < b.storage(); }

void check_output(const OutputSpec& output) {
  const std::size_t n = output.classes.size();
  if (output.task != Task::classification) {
    if (n != 0) {
      invalid(std::string("output: expected no classes for task ") + task_name(output.task) +
              ", found " + std::to_string(n));
    }
    return;
  }
  if (n < 2) invalid("output: expected at least 2 classes for classification, found " + std::to_string(n));
  for (std::size_t i = 0; i < n; ++i) {
    const Value& label = output.classes[i];
    if (!holds_type(label, output.label_type)) {
      invalid("output: class " + std::to_string(i) + " expected of the label type " +
              dtype_name(output.label_type) + ", found " + label.type_name() + " " +
              label.to_string());
    }
    if (label.is_string()) check_utf8(label.as_string(), "output: class " + std::to_string(i));
    // NaN is never a label; it would also break the order check below.
    if (label.is_double() && !(label.as_double() == label.as_double())) {
      invalid("output: class " + std::to_string(i) + " expected a number, found NaN");
    }
    if (i > 0 && !label_less(output.classes[i - 1], label)) {
      invalid("output: expected classes sorted and unique, found " +
              output.classes[i - 1].to_string() + " before " + label.to_string() +
              " at position " + std::to_string(i));
    }
  }
}

void check_summaries(const TrainingSummary& training, const Schema& schema) {
  const auto& summaries = training.column_summaries;
  if (summaries.empty()) return;
  if (summaries.size() != schema.size())
    invalid("metadata: expected " + std::to_string(schema.size()) +
            " column summaries (one per column), found " + std::to_string(summaries.size()));
  for (std::size_t j = 0; j < summaries.size(); ++j) {
    const ColumnSummary& c = summaries[j];
    const ColumnSpec& col = schema.columns()[j];
    const std::string who = "metadata: summary of column '" + col.name + "'";
    if (c.count + c.missing != training.rows)
      invalid(who + " expected count + missing = " + std::to_string(training.rows) +
              " training rows, found " + std::to_string(c.count) + " + " + std::to_string(c.missing));
    if (col.type != DType::string && c.count > 0 && !(c.min <= c.max))
      invalid(who + " expected min <= max, found " + Value(c.min).to_string() + " and " +
              Value(c.max).to_string());
    if (col.type != DType::string && !c.categories.empty())
      invalid(who + " expected no categories for a " + dtype_name(col.type) + " column, found " +
              std::to_string(c.categories.size()));
    std::uint64_t seen = c.other;
    for (const auto& [value, count] : c.categories) {
      check_utf8(value, who + ": category");
      seen += count;
    }
    if (col.type == DType::string && seen != c.count)
      invalid(who + " expected category counts that add up to " + std::to_string(c.count) +
              ", found " + std::to_string(seen));
  }
}

void check_verify_rows(const VerifySet& verify, const Schema& schema) {
  if (verify.rows.size() > kMaxVerifyRows)
    invalid("metadata: expected at most " + std::to_string(kMaxVerifyRows) + " verify rows, found " +
            std::to_string(verify.rows.size()));
  for (std::size_t i = 0; i < verify.rows.size(); ++i) {
    const std::vector<Value>& row = verify.rows[i];
    if (row.size() != schema.size())
      invalid("metadata: verify row " + std::to_string(i) + " expected " +
              std::to_string(schema.size()) + " values (one per column), found " +
              std::to_string(row.size()));
    for (std::size_t j = 0; j < row.size(); ++j) {
      const ColumnSpec& col = schema.columns()[j];
      if (row[j].is_null() ? !col.nullable : !holds_type(row[j], col.type))
        invalid("metadata: verify row " + std::to_string(i) + ", column '" + col.name +
                "' expected " + (col.nullable ? "null or " : "") + "a " + dtype_name(col.type) +
                " value, found " + row[j].type_name() + " " + row[j].to_string());
      if (row[j].is_string()) check_utf8(row[j].as_string(), "metadata: verify row value");
    }
  }
  if (verify.expected.size() != verify.rows.size() * verify.width)
    invalid("metadata: verify expected " + std::to_string(verify.rows.size() * verify.width) +
            " stored outputs (rows x width), found " + std::to_string(verify.expected.size()));
}

void check_metadata(const Metadata& metadata, const Pipeline::State& state) {
  if (metadata.ferry_version.empty()) {
    invalid("metadata: expected the ferry version that wrote the artifact, found \"\"");
  }
  check_utf8(metadata.ferry_version, "metadata: ferry_version");
  check_utf8(metadata.created_utc, "metadata: created_utc");
  for (const auto& [key, text] : metadata.tags) {
    check_utf8(key, "metadata: tag key");
    check_utf8(text, "metadata: tag \"" + key + "\"");
  }
  const TrainingSummary& training = metadata.training;
  if (training.columns != state.schema.size()) {
    invalid("metadata: training summary expected " + std::to_string(state.schema.size()) +
            " columns (the schema's), found " + std::to_string(training.columns));
  }
  const std::size_t classes = state.output.classes.size();
  if (training.class_counts.size() != classes) {
    invalid("metadata: training summary expected " + std::to_string(classes) +
            " class counts (one per class), found " + std::to_string(training.class_counts.size()));
  }
  check_summaries(training, state.schema);
  for (const auto& [key, value] : metadata.metrics) {
    check_utf8(key, "metadata: metric name");
    if (!std::isfinite(value))
      invalid("metadata: metric \"" + key + "\" expected a finite value, found " + Value(value).to_string());
  }
  for (const auto& [key, text] : metadata.params) {
    check_utf8(key, "metadata: params key");
    check_utf8(text, "metadata: params of \"" + key + "\"");
  }
  check_verify_rows(metadata.verify, state.schema);
}

void check_step_names(const std::vector<NamedStep>& steps) {
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string& name = steps[i].name;
    if (name.empty()) {
      invalid("steps: expected a non-empty name for step " + std::to_string(i) + " (" +
              step_kind_name(steps[i].step) + "), found \"\"");
    }
    check_utf8(name, "steps: name of step " + std::to_string(i));
    if (!seen.insert(name).second) {
      invalid("steps: expected unique step names, found \"" + name + "\" twice");
    }
  }
}

}  // namespace

void check_utf8(const std::string& text, const std::string& field) {
  const std::size_t at = utf8_error_at(text);
  if (at != std::string::npos) {
    invalid(field + ": expected UTF-8 text, found an invalid byte sequence at byte " +
            std::to_string(at));
  }
}

void check_columns(const std::vector<ColumnSpec>& columns) {
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ColumnSpec& column = columns[i];
    if (column.name.empty()) {
      invalid("schema: expected a non-empty name for column " + std::to_string(i) + ", found \"\"");
    }
    check_utf8(column.name, "schema: name of column " + std::to_string(i));
    if (static_cast<unsigned>(column.type) > static_cast<unsigned>(DType::boolean)) {
      invalid("schema: column \"" + column.name + "\" expected a type from 0 to 3, found " +
              std::to_string(static_cast<unsigned>(column.type)));
    }
    if (!seen.insert(column.name).second) {
      invalid("schema: expected unique column names, found \"" + column.name + "\" twice");
    }
  }
}

void check_stored(const Pipeline::State& state) {
  check_columns(state.schema.columns());
  check_output(state.output);
  check_metadata(state.metadata, state);
  check_step_names(state.steps);
}

void validate_loaded(Pipeline::State& state) {
  const std::string prefix = "invalid artifact: ";
  try {
    check_stored(state);
  } catch (const std::exception& e) {
    throw ArtifactError(prefix + e.what());
  }
  for (const NamedStep& named : state.steps) {
    // validate() promises ArtifactError; anything else it lets out is still a defect of the file.
    try {
      std::visit([](const auto& step) { validate(step); }, named.step);
    } catch (const std::exception& e) {
      // The steps' messages start with their kind ("StandardScaler: ..."); add which step.
      throw ArtifactError(prefix + "step \"" + named.name + "\": " + e.what());
    }
  }
  try {
    finalize(state);
  } catch (const std::exception& e) {
    throw ArtifactError(prefix + e.what());
  }
  const VerifySet& verify = state.metadata.verify;
  if (!verify.rows.empty() && verify.width != state.n_outputs)
    throw ArtifactError(prefix + "metadata: verify expected " + std::to_string(state.n_outputs) +
                        " outputs per row (the pipeline's), found " + std::to_string(verify.width));
}

}  // namespace ferry::detail
