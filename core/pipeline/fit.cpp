#include "pipeline/fit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

#include "artifact/artifact.hpp"
#include "ferry/errors.hpp"
#include "ferry/version.hpp"
#include "pipeline/chain.hpp"
#include "pipeline/chain_fit.hpp"
#include "pipeline/input.hpp"
#include "pipeline/kernel.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

std::string describe(const NamedStep& s) {
  return "step '" + s.name + "' (" + step_kind_name(s.step) + ")";
}

std::string utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool label_less(const Value& a, const Value& b) {
  const auto& x = a.storage();
  const auto& y = b.storage();
  return x < y;  // one alternative throughout: compares the held values
}

// For each input column, the first step that a missing value there would reach and that cannot
// take one (a model, Normalizer, Binarizer), or null. Transform-only pipelines may otherwise
// output NaN.
std::vector<const NamedStep*> missing_refused_by(const std::vector<NamedStep>& steps,
                                                 std::size_t d) {
  std::vector<const NamedStep*> refused(d, nullptr);
  for (std::size_t j = 0; j < d; ++j) {
    std::vector<bool> flags(d, false);
    flags[j] = true;
    for (const NamedStep& s : steps) {
      if (std::find(flags.begin(), flags.end(), true) == flags.end()) break;
      if (!takes_missing(s.step)) {
        refused[j] = &s;
        break;
      }
      flags = std::visit([&](const auto& st) { return missing_out(st, flags); }, s.step);
    }
  }
  return refused;
}

// Throws, naming the first missing value, when a column with missing values reaches a step that
// cannot take them.
void refuse_missing(const std::vector<const NamedStep*>& refused, const Frame& X) {
  for (std::size_t j = 0; j < refused.size(); ++j) {
    if (!refused[j]) continue;
    const FrameColumn& fc = X.column(j);
    for (std::size_t i = 0; i < X.rows(); ++i)
      if (fc.is_missing(i))
        throw SchemaError("column '" + fc.spec.name + "' has a missing value (NaN) at row " +
                          std::to_string(i) + ", but " + describe(*refused[j]) +
                          " cannot take missing values and no step before it imputes them: add a "
                          "SimpleImputer");
  }
}

}  // namespace

void check_spec(const std::vector<NamedStep>& steps) {
  if (steps.empty()) throw ParameterError("pipeline: expected at least one step, found none");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const NamedStep& s = steps[i];
    if (s.name.empty())
      throw ParameterError("pipeline: expected a non-empty name for step " + std::to_string(i) +
                           " (" + step_kind_name(s.step) + "), found \"\"");
    if (s.name.find("__") != std::string::npos)
      throw ParameterError("pipeline: step name '" + s.name +
                           "' must not contain '__' (it separates nested parameter names)");
    for (std::size_t k = 0; k < i; ++k)
      if (steps[k].name == s.name)
        throw ParameterError("pipeline: expected unique step names, found '" + s.name + "' twice");
    if (is_model(s.step) && i + 1 != steps.size())
      throw ParameterError("pipeline: " + describe(s) +
                           " is a model, expected only as the last step, found at position " +
                           std::to_string(i) + " of " + std::to_string(steps.size()));
    std::visit([](const auto& st) { check_params(st); }, s.step);
  }
}

std::shared_ptr<Pipeline::State> fit_pipeline(const std::vector<NamedStep>& spec, const Frame& X,
                                              const Target* y,
                                              const std::vector<double>& sample_weight) {
  check_spec(spec);
  const std::size_t n = X.rows(), d = X.cols();
  if (d == 0) throw SchemaError("fit: expected at least one column, found none");
  if (n == 0) throw SchemaError("fit: expected at least one row, found none");

  auto st = std::make_shared<Pipeline::State>();
  st->steps = spec;
  const bool has_model = is_model(spec.back().step);
  const bool classifier = std::holds_alternative<LogisticRegression>(spec.back().step);

  // Target.
  std::vector<int> class_index;
  Eigen::VectorXd y_reg;
  if (has_model) {
    if (!y || y->size() == 0)
      throw ParameterError(describe(spec.back()) + " needs labels: call fit(X, y)");
    if (y->size() != n)
      throw SchemaError("y: expected " + std::to_string(n) + " labels (one per row), found " +
                        std::to_string(y->size()));
    if (classifier) {
      std::vector<Value> classes = y->values();
      std::sort(classes.begin(), classes.end(), label_less);
      classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
      class_index.resize(n);
      st->metadata.training.class_counts.assign(classes.size(), 0);
      for (std::size_t i = 0; i < n; ++i) {
        auto it = std::lower_bound(classes.begin(), classes.end(), y->values()[i], label_less);
        class_index[i] = static_cast<int>(it - classes.begin());
        ++st->metadata.training.class_counts[static_cast<std::size_t>(class_index[i])];
      }
      st->output.task = Task::classification;
      st->output.label_type = y->type();
      st->output.classes = std::move(classes);
    } else {
      if (y->type() != DType::float64 && y->type() != DType::int64)
        throw SchemaError(describe(spec.back()) + ": expected numeric targets, found " +
                          dtype_name(y->type()) + " labels");
      y_reg.resize(static_cast<Eigen::Index>(n));
      for (std::size_t i = 0; i < n; ++i) {
        const Value& v = y->values()[i];
        y_reg[static_cast<Eigen::Index>(i)] = v.is_int() ? static_cast<double>(v.as_int()) : v.as_double();
      }
      st->output.task = Task::regression;
    }
  }

  // Weights.
  Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
  if (!sample_weight.empty()) {
    if (sample_weight.size() != n)
      throw SchemaError("sample_weight: expected " + std::to_string(n) +
                        " weights (one per row), found " + std::to_string(sample_weight.size()));
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double v = sample_weight[i];
      if (!std::isfinite(v) || v < 0)
        throw SchemaError("sample_weight: expected finite weights >= 0, found " +
                          Value(v).to_string() + " at row " + std::to_string(i));
      w[static_cast<Eigen::Index>(i)] = v;
      total += v;
    }
    if (!(total > 0)) throw SchemaError("sample_weight: expected a positive total weight, found 0 (every weight is zero)");
  }

  // A column may hold missing values only if the pipeline imputes them before every step that
  // cannot take them. Checked on the steps as given first, so the message names the input column
  // before anything is fitted; then again on the fitted steps, whose routing (ColumnTransformer)
  // is known only after fit, to record in the schema which columns may be missing.
  refuse_missing(missing_refused_by(spec, d), X);

  // Features (typed), then the transformers in turn, then the model on their output.
  FitData data;
  data.names = X.schema().names();
  for (const ColumnSpec& c : X.schema().columns()) data.types.push_back(c.type);
  {
    Eigen::MatrixXd columns(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
    std::vector<std::string_view> text_cols(any_text(data.types) ? n * d : 0);
    encode_rows(bind_frame(X.schema(), X), 0, n, columns.data(),
                text_cols.empty() ? nullptr : text_cols.data());  // column-major, ld = n
    data.X = columns;
    if (!text_cols.empty()) {
      data.text.resize(n * d);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) data.text[i * d + j] = text_cols[j * n + i];
    }
  }
  const std::size_t n_transformers = has_model ? st->steps.size() - 1 : st->steps.size();
  data = fit_chain(st->steps, n_transformers, std::move(data), w);
  const std::vector<const NamedStep*> refused = missing_refused_by(st->steps, d);
  refuse_missing(refused, X);
  std::vector<ColumnSpec> cols = X.schema().columns();
  for (std::size_t j = 0; j < d; ++j)
    if (refused[j]) cols[j].nullable = false;
  st->schema = Schema(cols);

  if (has_model) {
    NamedStep& ns = st->steps.back();
    check_reads(ns, data.types, data.names);
    const RowMatrix& M = data.X;
    for (Eigen::Index r = 0; r < M.rows(); ++r)
      for (Eigen::Index c = 0; c < M.cols(); ++c)
        if (!std::isfinite(M(r, c)))
          throw SchemaError(describe(ns) + ": expected finite features, found " +
                            Value(M(r, c)).to_string() + " in feature '" +
                            data.names[static_cast<std::size_t>(c)] + "' at row " +
                            std::to_string(r));
    FitInput in{M, w};
    in.names = &data.names;
    in.types = &data.types;
    if (classifier) {
      in.class_index = &class_index;
      in.n_classes = st->output.classes.size();
      in.classes = &st->output.classes;
    } else {
      in.y = &y_reg;
    }
    std::visit([&](auto& s) { fit(s, in); }, ns.step);
  } else if (any_text(data.types)) {
    throw SchemaError("the transform output has a string column ('" +
                      data.names[static_cast<std::size_t>(
                          std::find(data.types.begin(), data.types.end(), DType::string) -
                          data.types.begin())] +
                      "'): the output of a pipeline is numbers; encode it, for example with a "
                      "OneHotEncoder");
  }

  st->format_version = kFormatVersion;
  st->metadata.ferry_version = kVersion;
  st->metadata.created_utc = utc_now();
  st->metadata.training.rows = n;
  st->metadata.training.columns = d;
  finalize(*st);
  return st;
}

}  // namespace ferry::detail
