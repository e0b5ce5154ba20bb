#include "pipeline/fit.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>

#include "artifact/artifact.hpp"
#include "ferry/errors.hpp"
#include "ferry/version.hpp"
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

// For each input column, whether a missing value there can reach the model (or the output of a
// transform-only pipeline... which may carry NaN, so only models constrain).
std::vector<bool> missing_reaches_model(const std::vector<NamedStep>& steps, std::size_t d) {
  std::vector<bool> reaches(d, false);
  if (!is_model(steps.back().step)) return reaches;
  for (std::size_t j = 0; j < d; ++j) {
    std::vector<bool> flags(d, false);
    flags[j] = true;
    for (std::size_t i = 0; i + 1 < steps.size(); ++i)
      flags = std::visit([&](const auto& s) { return missing_out(s, flags); }, steps[i].step);
    reaches[j] = std::find(flags.begin(), flags.end(), true) != flags.end();
  }
  return reaches;
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

namespace {

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

// Fits on the input rows X0 (row-major, missing values as NaN, no infinities) whose columns cols
// describes; known_finite when X0 is known to hold no NaN either.
std::shared_ptr<Pipeline::State> fit_rows(const std::vector<NamedStep>& spec,
                                          std::vector<ColumnSpec> cols, RowView X0,
                                          bool known_finite, const Target* y,
                                          const std::vector<double>& sample_weight) {
  const auto n = static_cast<std::size_t>(X0.rows());
  const auto d = static_cast<std::size_t>(X0.cols());
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
      std::vector<Value> classes;
      encode_classes(y->values(), classes, class_index);
      st->metadata.training.class_counts.assign(classes.size(), 0);
      for (int k : class_index) ++st->metadata.training.class_counts[static_cast<std::size_t>(k)];
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

  // Schema: a column may hold missing values only if the pipeline imputes them before the model.
  // One scan of the input answers for every column unless it finds NaN; then the columns are
  // searched one by one for the first missing value.
  const std::vector<bool> reaches = missing_reaches_model(spec, d);
  const bool any_reaches = std::find(reaches.begin(), reaches.end(), true) != reaches.end();
  const bool input_finite = known_finite || (any_reaches && all_finite(X0.data(), n, d));
  for (std::size_t j = 0; j < d; ++j) {
    if (!reaches[j]) continue;
    for (std::size_t i = 0; !input_finite && i < n; ++i)
      if (std::isnan(X0(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))))
        throw SchemaError("column '" + cols[j].name + "' has a missing value (NaN) at row " +
                          std::to_string(i) + ", but " + describe(spec.back()) +
                          " cannot take missing values and no step before it imputes them: add a "
                          "SimpleImputer");
    cols[j].nullable = false;
  }
  st->schema = Schema(cols);

  // Each step in turn, on the input rows read in place, then on the previous step's output.
  RowMatrix M;
  const double* rows = X0.data();
  Eigen::Index width = X0.cols();
  std::vector<std::string> names = st->schema.names();
  for (std::size_t i = 0; i < st->steps.size(); ++i) {
    NamedStep& ns = st->steps[i];
    FitInput in{RowView(rows, X0.rows(), width), w};
    if (classifier) {
      in.class_index = &class_index;
      in.n_classes = st->output.classes.size();
      in.classes = &st->output.classes;
    }
    if (has_model && !classifier) in.y = &y_reg;
    if (is_model(ns.step) && !(i == 0 && input_finite) &&
        !all_finite(rows, n, static_cast<std::size_t>(width))) {
      for (Eigen::Index r = 0; r < in.X.rows(); ++r)
        for (Eigen::Index c = 0; c < in.X.cols(); ++c)
          if (!std::isfinite(in.X(r, c)))
            throw SchemaError(describe(ns) + ": expected finite features, found " +
                              Value(in.X(r, c)).to_string() + " in feature '" +
                              names[static_cast<std::size_t>(c)] + "' at row " + std::to_string(r));
    }
    std::visit([&](auto& s) { fit(s, in); }, ns.step);
    if (is_model(ns.step)) break;
    std::size_t out = std::visit([](const auto& s) { return n_out(s); }, ns.step);
    if (out == 0)
      throw SchemaError(describe(ns) + ": expected at least one output feature, found none "
                        "(every column was missing at fit)");
    RowMatrix next(in.X.rows(), static_cast<Eigen::Index>(out));
    for (Eigen::Index r = 0; r < in.X.rows(); ++r)
      std::visit(
          [&](const auto& s) {
            if constexpr (!is_model_v<std::decay_t<decltype(s)>>)
              transform_block(s, in.X.row(r).data(), next.row(r).data(), 1, 1);
          },
          ns.step);
    names = std::visit([&](const auto& s) { return names_out(s, names); }, ns.step);
    M = std::move(next);
    rows = M.data();
    width = M.cols();
  }

  st->format_version = kFormatVersion;
  st->metadata.ferry_version = kVersion;
  st->metadata.created_utc = utc_now();
  st->metadata.training.rows = n;
  st->metadata.training.columns = d;
  finalize(*st);
  return st;
}

void check_shape(std::size_t n, std::size_t d) {
  if (d == 0) throw SchemaError("fit: expected at least one column, found none");
  if (n == 0) throw SchemaError("fit: expected at least one row, found none");
}

}  // namespace

std::shared_ptr<Pipeline::State> fit_pipeline(const std::vector<NamedStep>& spec, const Frame& X,
                                              const Target* y,
                                              const std::vector<double>& sample_weight) {
  check_spec(spec);
  const std::size_t n = X.rows(), d = X.cols();
  check_shape(n, d);
  for (const ColumnSpec& c : X.schema().columns())
    if (c.type == DType::string)
      throw SchemaError("column '" + c.name + "' is a string column, but " + describe(spec.front()) +
                        " reads numbers only (float64, int64, bool)");
  // The columns as rows, through a small column-major block that stays in cache.
  RowMatrix M(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
  const FrameBinding binding = bind_frame(X.schema(), X);
  constexpr std::size_t kBlock = 256;
  Eigen::MatrixXd block(static_cast<Eigen::Index>(std::min(kBlock, n)), static_cast<Eigen::Index>(d));
  for (std::size_t b = 0; b < n; b += kBlock) {
    const auto c = static_cast<Eigen::Index>(std::min(kBlock, n - b));
    encode_rows(binding, b, b + static_cast<std::size_t>(c), block.data());  // ld = c
    M.middleRows(static_cast<Eigen::Index>(b), c) =
        Eigen::Map<const Eigen::MatrixXd>(block.data(), c, static_cast<Eigen::Index>(d));
  }
  return fit_rows(spec, X.schema().columns(), RowView(M.data(), M.rows(), M.cols()), false, y,
                  sample_weight);
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
  return fit_rows(spec, std::move(cols),
                  RowView(rows, static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d)),
                  finite, y, sample_weight);
}

}  // namespace ferry::detail
