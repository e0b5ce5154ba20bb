#include "ferry/pipeline.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "artifact/artifact.hpp"
#include "artifact/codec.hpp"
#include "ferry/errors.hpp"
#include "pipeline/fit.hpp"
#include "pipeline/input.hpp"
#include "pipeline/kernel.hpp"
#include "pipeline/parallel.hpp"
#include "pipeline/state.hpp"
#include "pipeline/verify.hpp"
#include "steps/step_ops.hpp"

namespace ferry {
namespace {

// A method the fitted pipeline cannot serve (predict_proba on a regressor): not a fit problem.
void require(bool ok, const char* method, const char* what) {
  if (!ok) throw Error(std::string(method) + ": " + what);
}

// Runs fn(block, n, first_row, scratch) over a frame in column-major blocks.
// Large batches are split over threads (each with its own scratch); see parallel.hpp.
template <class Fn>
void for_each_block(const Pipeline::State& st, const Frame& X, Fn&& fn) {
  detail::FrameBinding b = detail::bind_frame(st.schema, X);
  detail::parallel_rows(X.rows(), [&](std::size_t from, std::size_t to) {
    const detail::Scratch scratch = detail::scratch_for(st);
    for (std::size_t begin = from; begin < to; begin += detail::kBlockRows) {
      const std::size_t end = std::min(to, begin + detail::kBlockRows);
      detail::encode_rows(b, begin, end, scratch.input, scratch.input_str);
      fn(detail::Cols{scratch.input, scratch.input_str}, end - begin, begin, scratch);
    }
  });
}

// Runs fn(block, n, first_row, scratch) over numeric rows (row-major, schema order), each checked.
template <class Fn>
void for_each_numeric_block(const Pipeline::State& st, const double* rows, std::size_t n_rows,
                            std::size_t n_cols, Fn&& fn) {
  if (n_rows > 0 && n_cols != st.schema.size()) detail::check_numeric_row(st.schema, rows, n_cols);
  detail::parallel_rows(n_rows, [&](std::size_t from, std::size_t to) {
    const detail::Scratch scratch = detail::scratch_for(st);
    for (std::size_t begin = from; begin < to; begin += detail::kBlockRows) {
      const std::size_t n = std::min(to - begin, detail::kBlockRows);
      const double* first = rows + begin * n_cols;
      const double* block = first;  // a single row is already a block with ld = 1
      if (n == 1) {
        detail::check_numeric_row(st.schema, first, n_cols);
      } else {
        block = scratch.input;
        if (!detail::gather_rows(st.schema, first, n, scratch.input)) {
          // Row by row only now, for the message naming the first bad value.
          for (std::size_t i = 0; i < n; ++i)
            detail::check_numeric_row(st.schema, first + i * n_cols, n_cols);
        }
      }
      fn(detail::Cols{block, nullptr}, n, begin, scratch);
    }
  });
}

// One Row encoded in schema order: numbers, and views of its strings (valid while the Row is).
class EncodedRow {
 public:
  EncodedRow(const Pipeline::State& st, const Row& row)
      : num_(st.schema.size()), str_(st.text_input ? st.schema.size() : 0) {
    detail::encode_row(st.schema, row, num_.data(), st.text_input ? str_.data() : nullptr);
  }
  detail::Cols cols() const { return {num_.data(), str_.empty() ? nullptr : str_.data()}; }

 private:
  std::vector<double> num_;
  std::vector<std::string_view> str_;
};

void check_out(std::size_t out_n, std::size_t expected, const char* what) {
  if (out_n != expected)
    throw SchemaError(std::string(what) + ": expected an output buffer of " +
                      std::to_string(expected) + " values, found " + std::to_string(out_n));
}

}  // namespace

Pipeline::Pipeline(std::vector<NamedStep> steps) : spec_(std::move(steps)) {
  detail::check_spec(spec_);
}

Pipeline::Pipeline(std::shared_ptr<const State> state)
    : spec_(state->steps), state_(std::move(state)) {}

Pipeline& Pipeline::fit(const Frame& X, const Target& y, const std::vector<double>& sample_weight) {
  state_ = detail::fit_pipeline(spec_, X, &y, sample_weight);
  return *this;
}

Pipeline& Pipeline::fit(const Frame& X) {
  state_ = detail::fit_pipeline(spec_, X, nullptr, {});
  return *this;
}

Pipeline& Pipeline::fit(const double* rows, std::size_t n_rows, std::size_t n_cols,
                        const std::vector<std::string>& names, const Target& y,
                        const std::vector<double>& sample_weight) {
  state_ = detail::fit_pipeline(spec_, names, rows, n_rows, n_cols, &y, sample_weight);
  return *this;
}

const Pipeline::State& Pipeline::fitted(const char* what) const {
  if (!state_)
    throw NotFittedError(std::string("this Pipeline is not fitted yet: call fit() or load() before ") +
                         what + "()");
  return *state_;
}

bool Pipeline::is_fitted() const { return state_ != nullptr; }
const std::vector<NamedStep>& Pipeline::steps() const { return state_ ? state_->steps : spec_; }
const Schema& Pipeline::input_schema() const { return fitted("input_schema").schema; }
const OutputSpec& Pipeline::output() const { return fitted("output").output; }
const std::vector<Value>& Pipeline::classes() const { return fitted("classes").output.classes; }
const Metadata& Pipeline::metadata() const { return fitted("metadata").metadata; }
std::size_t Pipeline::n_features_out() const {
  const State& st = fitted("n_features_out");
  return st.widths.back();
}
std::size_t Pipeline::n_outputs() const { return fitted("n_outputs").n_outputs; }

std::vector<std::string> Pipeline::feature_names_out() const {
  const State& st = fitted("feature_names_out");
  std::vector<std::string> names = st.schema.names();
  for (std::size_t i = 0; i < st.n_transformers; ++i)
    names = std::visit([&](const auto& s) { return detail::names_out(s, names); }, st.steps[i].step);
  return names;
}

// ---- transform ---------------------------------------------------------------------------------

std::vector<double> Pipeline::transform(const Row& row) const {
  const State& st = fitted("transform");
  EncodedRow in(st, row);
  const double* x = detail::transform_block(st, in.cols(), 1, detail::scratch_for(st));
  return std::vector<double>(x, x + st.widths.back());
}

Array2D Pipeline::transform(const Frame& X) const {
  const State& st = fitted("transform");
  const std::size_t w = st.widths.back();
  Array2D out(X.rows(), w);
  for_each_block(st, X, [&](detail::Cols in, std::size_t n, std::size_t first,
                            const detail::Scratch& scratch) {
    const double* x = detail::transform_block(st, in, n, scratch);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < w; ++j) out(first + i, j) = x[j * n + i];
  });
  return out;
}

Array2D Pipeline::transform(const double* rows, std::size_t n_rows, std::size_t n_cols) const {
  const State& st = fitted("transform");
  const std::size_t w = st.widths.back();
  Array2D out(n_rows, w);
  for_each_numeric_block(st, rows, n_rows, n_cols, [&](detail::Cols in, std::size_t n,
                                                       std::size_t first, const detail::Scratch& scratch) {
    const double* x = detail::transform_block(st, in, n, scratch);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < w; ++j) out(first + i, j) = x[j * n + i];
  });
  return out;
}

// ---- decision function and probabilities ------------------------------------------------------

std::vector<double> Pipeline::decision_function(const Row& row) const {
  const State& st = fitted("decision_function");
  require(st.has_model, "decision_function", "this pipeline has no model (its last step is a transformer)");
  EncodedRow in(st, row);
  std::vector<double> out(st.n_outputs);
  detail::decision_block(st, in.cols(), 1, detail::scratch_for(st), out.data());
  return out;
}

Array2D Pipeline::decision_function(const Frame& X) const {
  const State& st = fitted("decision_function");
  require(st.has_model, "decision_function", "this pipeline has no model (its last step is a transformer)");
  Array2D out(X.rows(), st.n_outputs);
  for_each_block(st, X, [&](detail::Cols in, std::size_t n, std::size_t first,
                            const detail::Scratch& scratch) {
    detail::decision_block(st, in, n, scratch, out.values.data() + first * st.n_outputs);
  });
  return out;
}

std::vector<double> Pipeline::predict_proba(const Row& row) const {
  const State& st = fitted("predict_proba");
  require(st.n_proba > 0, "predict_proba", "this pipeline has no classifier");
  EncodedRow in(st, row);
  std::vector<double> out(st.n_proba);
  detail::proba_block(st, in.cols(), 1, detail::scratch_for(st), out.data());
  return out;
}

Array2D Pipeline::predict_proba(const Frame& X) const {
  const State& st = fitted("predict_proba");
  require(st.n_proba > 0, "predict_proba", "this pipeline has no classifier");
  Array2D out(X.rows(), st.n_proba);
  for_each_block(st, X, [&](detail::Cols in, std::size_t n, std::size_t first,
                            const detail::Scratch& scratch) {
    detail::proba_block(st, in, n, scratch, out.values.data() + first * st.n_proba);
  });
  return out;
}

// ---- predict -----------------------------------------------------------------------------------

Value Pipeline::predict(const Row& row) const {
  const State& st = fitted("predict");
  require(st.has_model, "predict", "this pipeline has no model (its last step is a transformer)");
  std::vector<double> decision = decision_function(row);
  if (st.output.task == Task::regression) return Value(decision[0]);
  return st.output.classes[detail::class_from_decision(st, decision.data())];
}

std::vector<Value> Pipeline::predict(const Frame& X) const {
  const State& st = fitted("predict");
  require(st.has_model, "predict", "this pipeline has no model (its last step is a transformer)");
  Array2D decision = decision_function(X);
  std::vector<Value> out;
  out.reserve(X.rows());
  for (std::size_t i = 0; i < X.rows(); ++i) {
    if (st.output.task == Task::regression) out.emplace_back(decision(i, 0));
    else out.push_back(st.output.classes[detail::class_from_decision(st, decision.row(i))]);
  }
  return out;
}

// ---- numeric fast paths ------------------------------------------------------------------------

void Pipeline::predict_proba(const double* row, std::size_t n, double* out, std::size_t out_n) const {
  const State& st = fitted("predict_proba");
  require(st.n_proba > 0, "predict_proba", "this pipeline has no classifier");
  check_out(out_n, st.n_proba, "predict_proba");
  detail::check_numeric_row(st.schema, row, n);
  detail::proba_row(st, row, out);
}

void Pipeline::decision_function(const double* row, std::size_t n, double* out,
                                 std::size_t out_n) const {
  const State& st = fitted("decision_function");
  require(st.has_model, "decision_function", "this pipeline has no model (its last step is a transformer)");
  check_out(out_n, st.n_outputs, "decision_function");
  detail::check_numeric_row(st.schema, row, n);
  detail::decision_row(st, row, out);
}

std::size_t Pipeline::predict_index(const double* row, std::size_t n) const {
  const State& st = fitted("predict_index");
  require(st.n_proba > 0, "predict_index", "this pipeline has no classifier");
  detail::check_numeric_row(st.schema, row, n);
  const detail::Scratch scratch = detail::scratch_for(st);
  // One row's decision values fit in the scratch's input area only if it is wide enough; use the
  // decision area's tail, which the kernel does not touch for a single row.
  double* decision = scratch.decision + st.n_outputs;
  detail::decision_block(st, detail::Cols{row, nullptr}, 1, scratch, decision);
  return detail::class_from_decision(st, decision);
}

double Pipeline::predict_value(const double* row, std::size_t n) const {
  const State& st = fitted("predict_value");
  require(st.output.task == Task::regression, "predict_value", "this pipeline has no regressor");
  detail::check_numeric_row(st.schema, row, n);
  double out = 0.0;
  detail::decision_row(st, row, &out);
  return out;
}

void Pipeline::predict_proba(const double* rows, std::size_t n_rows, std::size_t n_cols,
                             double* out) const {
  const State& st = fitted("predict_proba");
  require(st.n_proba > 0, "predict_proba", "this pipeline has no classifier");
  for_each_numeric_block(st, rows, n_rows, n_cols, [&](detail::Cols in, std::size_t n,
                                                       std::size_t first, const detail::Scratch& scratch) {
    detail::proba_block(st, in, n, scratch, out + first * st.n_proba);
  });
}

void Pipeline::decision_function(const double* rows, std::size_t n_rows, std::size_t n_cols,
                                 double* out) const {
  const State& st = fitted("decision_function");
  require(st.has_model, "decision_function", "this pipeline has no model (its last step is a transformer)");
  for_each_numeric_block(st, rows, n_rows, n_cols, [&](detail::Cols in, std::size_t n,
                                                       std::size_t first, const detail::Scratch& scratch) {
    detail::decision_block(st, in, n, scratch, out + first * st.n_outputs);
  });
}

// ---- artifact ----------------------------------------------------------------------------------

std::vector<std::uint8_t> Pipeline::to_bytes(const std::map<std::string, std::string>& tags) const {
  SaveOptions options;
  options.tags = tags;
  return to_bytes(options);
}

std::vector<std::uint8_t> Pipeline::to_bytes(const SaveOptions& options) const {
  const State& st = fitted("to_bytes");
  if (options.tags.empty() && options.metrics.empty() && options.params.empty() &&
      options.verify_rows.rows() == 0)
    return detail::encode_artifact(st);
  State saved = st;
  for (const auto& [k, v] : options.tags) saved.metadata.tags[k] = v;
  for (const auto& [k, v] : options.metrics) {
    if (!std::isfinite(v))
      throw ParameterError("metrics: expected a finite value for \"" + k + "\", found " +
                           Value(v).to_string());
    saved.metadata.metrics[k] = v;
  }
  for (const auto& [k, v] : options.params) saved.metadata.params[k] = v;
  if (options.verify_rows.rows() > 0)
    saved.metadata.verify = detail::make_verify_set(*this, options.verify_rows);
  return detail::encode_artifact(saved);
}

void Pipeline::save(const std::string& path, const std::map<std::string, std::string>& tags) const {
  detail::write_file_atomically(path, to_bytes(tags));
}

void Pipeline::save(const std::string& path, const SaveOptions& options) const {
  detail::write_file_atomically(path, to_bytes(options));
}

Pipeline Pipeline::from_bytes(const std::uint8_t* data, std::size_t size, bool verify) {
  Pipeline p(std::shared_ptr<const State>(detail::decode_artifact(data, size)));
  if (verify) p.verify();
  return p;
}

Pipeline Pipeline::from_bytes(const std::vector<std::uint8_t>& bytes, bool verify) {
  return from_bytes(bytes.data(), bytes.size(), verify);
}

Pipeline Pipeline::load(const std::string& path, bool verify) {
  std::vector<std::uint8_t> bytes = detail::read_file(path);
  try {
    return from_bytes(bytes, verify);
  } catch (const ArtifactError& e) {
    throw ArtifactError("'" + path + "': " + e.what());
  }
}

void Pipeline::verify() const {
  fitted("verify");
  detail::check_verify_set(*this);
}

std::string Pipeline::model_id() const { return detail::model_id_of(fitted("model_id")); }

std::uint32_t Pipeline::format_version() { return detail::kFormatVersion; }

std::uint32_t Pipeline::artifact_format_version() const {
  return fitted("artifact_format_version").format_version;
}

}  // namespace ferry
