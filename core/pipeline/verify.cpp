#include "pipeline/verify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ferry/errors.hpp"

namespace ferry::detail {
namespace {

// What verify rows are checked on: the decision function when there is a model (probabilities
// and labels follow from it), the transformed features otherwise.
Array2D outputs(const Pipeline& p, const Frame& X) {
  const bool has_model = p.output().task != Task::transform;
  return has_model ? p.decision_function(X) : p.transform(X);
}

// The stored rows as a frame of the input schema.
Frame stored_frame(const Schema& schema, const VerifySet& v) {
  std::vector<Row> rows;
  rows.reserve(v.rows.size());
  for (const std::vector<Value>& values : v.rows) {
    Row row;
    for (std::size_t j = 0; j < values.size(); ++j) row.set(schema.columns()[j].name, values[j]);
    rows.push_back(std::move(row));
  }
  return Frame::from_rows(schema, rows);
}

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

VerifySet make_verify_set(const Pipeline& p, const Frame& X) {
  if (X.rows() > kMaxVerifyRows)
    throw ParameterError("verify_rows: expected at most " + std::to_string(kMaxVerifyRows) +
                         " rows (they are recomputed on every load), found " +
                         std::to_string(X.rows()));
  const Schema& schema = p.input_schema();
  VerifySet v;
  if (X.rows() == 0) return v;
  std::vector<const FrameColumn*> cols;
  for (const ColumnSpec& c : schema.columns()) cols.push_back(&X.column(c.name));
  v.rows.assign(X.rows(), std::vector<Value>(cols.size()));
  for (std::size_t i = 0; i < X.rows(); ++i)
    for (std::size_t j = 0; j < cols.size(); ++j) {
      Value value = cols[j]->value(i);
      // Stored as the schema's type, so the file holds what prediction reads.
      if (schema.columns()[j].type == DType::float64 && value.is_int())
        value = Value(static_cast<double>(value.as_int()));
      v.rows[i][j] = std::move(value);
    }
  // The outputs of the rows as stored, computed as check_verify_set will.
  const Array2D out = outputs(p, stored_frame(schema, v));
  v.width = out.cols;
  v.expected = out.values;
  return v;
}

void check_verify_set(const Pipeline& p) {
  const VerifySet& v = p.metadata().verify;
  if (v.rows.empty()) return;
  const Schema& schema = p.input_schema();
  Array2D out;
  try {
    out = outputs(p, stored_frame(schema, v));
  } catch (const Error& e) {
    throw ArtifactError(std::string("verify: the stored rows cannot be predicted: ") + e.what());
  }
  if (out.cols != v.width || out.values.size() != v.expected.size())
    throw ArtifactError("verify: expected " + std::to_string(v.width) +
                        " outputs per stored row, found " + std::to_string(out.cols));
  for (std::size_t k = 0; k < v.expected.size(); ++k) {
    const double want = v.expected[k], got = out.values[k];
    const bool same = want == got || (std::isnan(want) && std::isnan(got)) ||
                      std::fabs(got - want) <= 1e-9 * std::max(1.0, std::fabs(want));
    if (!same)
      throw ArtifactError("verify: stored row " + std::to_string(k / v.width) + ", output " +
                          std::to_string(k % v.width) + ": the file says " + number(want) +
                          ", this library computes " + number(got) +
                          " (load with verify off to inspect it)");
  }
}

}  // namespace ferry::detail
