#include "pipeline/fit.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <chrono>
#include <cmath>
#include <ctime>

#include "artifact/artifact.hpp"
#include "ferry/errors.hpp"
#include "ferry/version.hpp"
#include "pipeline/chain.hpp"
#include "pipeline/chain_fit.hpp"
#include "pipeline/column_summary.hpp"
#include "pipeline/input.hpp"
#include "pipeline/kernel.hpp"
#include "pipeline/parallel.hpp"
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

// The first row whose value in a column is missing, or npos; empty when no value is missing.
using FirstMissing = std::function<std::size_t(std::size_t column)>;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Throws, naming the first missing value, when a column with missing values reaches a step that
// cannot take them.
void refuse_missing(const std::vector<const NamedStep*>& refused, const std::vector<ColumnSpec>& cols,
                    const FirstMissing& first_missing) {
  if (!first_missing) return;  // the input is known to hold no missing value
  for (std::size_t j = 0; j < refused.size(); ++j) {
    if (!refused[j]) continue;
    const std::size_t i = first_missing(j);
    if (i != kNone)
      throw SchemaError("column '" + cols[j].name + "' has a missing value (NaN) at row " +
                        std::to_string(i) + ", but " + describe(*refused[j]) +
                        " cannot take missing values and no step before it imputes them: add a "
                        "SimpleImputer");
  }
}

// True when every value of an n x d block is finite: a branch-free scan (x * 0 is NaN exactly
// for NaN and infinities), on every core for a large block, since one core alone cannot read
// memory at full speed; the caller looks for the culprit only when it fails.
bool all_finite(const double* v, std::size_t n, std::size_t d) {
  auto scan = [&](std::size_t begin, std::size_t end) {
    double s[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    std::size_t i = begin * d;
    for (; i + 8 <= end * d; i += 8)
      for (std::size_t k = 0; k < 8; ++k) s[k] += v[i + k] * 0.0;
    for (; i < end * d; ++i) s[0] += v[i] * 0.0;
    return !std::isnan(((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])));
  };
  std::atomic<bool> finite{true};
  parallel_rows(n, [&](std::size_t begin, std::size_t end) {
    if (!scan(begin, end)) finite = false;
  });
  return finite;
}

// The sorted distinct labels and each row's index among them. Classes are few in practice: they
// are gathered in a small sorted list, and all labels are sorted only when there are many.
void encode_classes(const std::vector<Value>& y, std::vector<Value>& classes,
                    std::vector<int>& index) {
  constexpr std::size_t kFew = 64;
  for (const Value& v : y) {
    auto it = std::lower_bound(classes.begin(), classes.end(), v, label_less);
    if (it != classes.end() && !label_less(v, *it)) continue;
    if (classes.size() == kFew) {
      classes = y;
      std::sort(classes.begin(), classes.end(), label_less);
      classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
      break;
    }
    classes.insert(it, v);
  }
  index.resize(y.size());
  for (std::size_t i = 0; i < y.size(); ++i)
    index[i] = static_cast<int>(
        std::lower_bound(classes.begin(), classes.end(), y[i], label_less) - classes.begin());
}

void check_shape(std::size_t n, std::size_t d) {
  if (d == 0) throw SchemaError("fit: expected at least one column, found none");
  if (n == 0) throw SchemaError("fit: expected at least one row, found none");
}

// A fit in progress: the state being built and what the model is fitted against.
struct Fitting {
  std::shared_ptr<Pipeline::State> st;
  std::vector<int> class_index;
  Eigen::VectorXd y_reg;
  Eigen::VectorXd w;
  bool has_model = false;
  bool classifier = false;
};

// Starts a fit of n rows: the steps, the encoded target and the row weights, all checked.
Fitting start(const std::vector<NamedStep>& spec, std::size_t n, const Target* y,
              const std::vector<double>& sample_weight) {
  Fitting f;
  f.st = std::make_shared<Pipeline::State>();
  Pipeline::State& st = *f.st;
  st.steps = spec;
  f.has_model = is_model(spec.back().step);
  f.classifier = std::holds_alternative<LogisticRegression>(spec.back().step);

  if (f.has_model) {
    if (!y || y->size() == 0)
      throw ParameterError(describe(spec.back()) + " needs labels: call fit(X, y)");
    if (y->size() != n)
      throw SchemaError("y: expected " + std::to_string(n) + " labels (one per row), found " +
                        std::to_string(y->size()));
    if (f.classifier) {
      std::vector<Value> classes;
      encode_classes(y->values(), classes, f.class_index);
      st.metadata.training.class_counts.assign(classes.size(), 0);
      for (int k : f.class_index) ++st.metadata.training.class_counts[static_cast<std::size_t>(k)];
      st.output.task = Task::classification;
      st.output.label_type = y->type();
      st.output.classes = std::move(classes);
    } else {
      if (y->type() != DType::float64 && y->type() != DType::int64)
        throw SchemaError(describe(spec.back()) + ": expected numeric targets, found " +
                          dtype_name(y->type()) + " labels");
      f.y_reg.resize(static_cast<Eigen::Index>(n));
      for (std::size_t i = 0; i < n; ++i) {
        const Value& v = y->values()[i];
        f.y_reg[static_cast<Eigen::Index>(i)] = v.is_int() ? static_cast<double>(v.as_int()) : v.as_double();
      }
      st.output.task = Task::regression;
    }
  }

  f.w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
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
      f.w[static_cast<Eigen::Index>(i)] = v;
      total += v;
    }
    if (!(total > 0)) throw SchemaError("sample_weight: expected a positive total weight, found 0 (every weight is zero)");
  }
  return f;
}

// Fits the model (the last step) on the transformers' output X; known_finite when X is known
// to hold only finite values.
void fit_model(Fitting& f, RowView X, const std::vector<std::string>& names,
               const std::vector<DType>& types, bool known_finite) {
  NamedStep& ns = f.st->steps.back();
  check_reads(ns, types, names);
  const auto n = static_cast<std::size_t>(X.rows()), d = static_cast<std::size_t>(X.cols());
  if (!known_finite && !all_finite(X.data(), n, d))
    for (Eigen::Index r = 0; r < X.rows(); ++r)
      for (Eigen::Index c = 0; c < X.cols(); ++c)
        if (!std::isfinite(X(r, c)))
          throw SchemaError(describe(ns) + ": expected finite features, found " +
                            Value(X(r, c)).to_string() + " in feature '" +
                            names[static_cast<std::size_t>(c)] + "' at row " + std::to_string(r));
  FitInput in{X, f.w};
  in.names = &names;
  in.types = &types;
  if (f.classifier) {
    in.class_index = &f.class_index;
    in.n_classes = f.st->output.classes.size();
    in.classes = &f.st->output.classes;
  } else {
    in.y = &f.y_reg;
  }
  std::visit([&](auto& s) { fit(s, in); }, ns.step);
}

// Fits every step. data holds the typed input unless direct is given: numeric input rows that a
// lone model reads in place (direct_finite when they hold no NaN). A column may hold missing
// values only if the pipeline imputes them before every step that cannot take them: checked on
// the steps as given first, so the message names the input column before anything is fitted;
// then again on the fitted steps, whose routing (ColumnTransformer) is known only after fit, to
// record in the schema which columns may be missing.
std::shared_ptr<Pipeline::State> fit_steps(Fitting& f, std::vector<ColumnSpec> cols, FitData data,
                                           const double* direct, bool direct_finite,
                                           std::size_t n, const FirstMissing& missing) {
  Pipeline::State& st = *f.st;
  const std::size_t d = cols.size();
  refuse_missing(missing_refused_by(st.steps, d), cols, missing);
  const std::size_t n_transformers = f.has_model ? st.steps.size() - 1 : st.steps.size();
  if (n_transformers > 0) data = fit_chain(st.steps, n_transformers, std::move(data), f.w);
  const std::vector<const NamedStep*> refused = missing_refused_by(st.steps, d);
  refuse_missing(refused, cols, missing);
  for (std::size_t j = 0; j < d; ++j)
    if (refused[j]) cols[j].nullable = false;
  st.schema = Schema(cols);

  if (f.has_model) {
    if (n_transformers == 0 && direct)
      fit_model(f, RowView(direct, static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d)),
                data.names, data.types, direct_finite);
    else
      fit_model(f, view(data.X), data.names, data.types, false);
  } else if (any_text(data.types)) {
    throw SchemaError("the transform output has a string column ('" +
                      data.names[static_cast<std::size_t>(
                          std::find(data.types.begin(), data.types.end(), DType::string) -
                          data.types.begin())] +
                      "'): the output of a pipeline is numbers; encode it, for example with a "
                      "OneHotEncoder");
  }

  st.format_version = kFormatVersion;
  st.metadata.ferry_version = kVersion;
  st.metadata.created_utc = utc_now();
  st.metadata.training.rows = n;
  st.metadata.training.columns = d;
  finalize(st);
  return f.st;
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
  check_shape(n, d);
  Fitting f = start(spec, n, y, sample_weight);
  f.st->metadata.training.column_summaries = summarize_columns(X);

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
  return fit_steps(f, X.schema().columns(), std::move(data), nullptr, false, n,
                   [&](std::size_t j) {
                     const FrameColumn& c = X.column(j);
                     for (std::size_t i = 0; i < n; ++i)
                       if (c.is_missing(i)) return i;
                     return kNone;
                   });
}

std::shared_ptr<Pipeline::State> fit_pipeline(const std::vector<NamedStep>& spec,
                                              const std::vector<std::string>& names,
                                              const double* rows, std::size_t n, std::size_t d,
                                              const Target* y,
                                              const std::vector<double>& sample_weight) {
  check_spec(spec);
  if (names.size() != d)
    throw SchemaError("expected " + std::to_string(d) + " column names, found " +
                      std::to_string(names.size()));
  check_shape(n, d);
  std::vector<ColumnSpec> cols;
  for (const std::string& name : names) cols.push_back({name, DType::float64, true});
  const Schema checked(cols);  // rejects empty and duplicate names, as a Frame would
  // Infinities are refused first and in the same words, as fitting the Frame would.
  const bool finite = all_finite(rows, n, d);
  for (std::size_t j = 0; !finite && j < d; ++j)
    for (std::size_t i = 0; i < n; ++i)
      if (std::isinf(rows[i * d + j]))
        throw SchemaError("column '" + names[j] + "': expected a finite number, found " +
                          Value(rows[i * d + j]).to_string() + " at row " + std::to_string(i));
  Fitting f = start(spec, n, y, sample_weight);
  f.st->metadata.training.column_summaries = summarize_columns(rows, n, d, finite);

  FitData data;
  data.names = names;
  data.types.assign(d, DType::float64);
  const bool lone_model = f.has_model && spec.size() == 1;
  if (!lone_model)  // transformers own their input copy; a lone model reads the rows in place
    data.X = RowView(rows, static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
  FirstMissing missing;  // none when the rows are all finite
  if (!finite)
    missing = [&](std::size_t j) {
      for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(rows[i * d + j])) return i;
      return kNone;
    };
  return fit_steps(f, std::move(cols), std::move(data), lone_model ? rows : nullptr, finite, n,
                   missing);
}

}  // namespace ferry::detail
