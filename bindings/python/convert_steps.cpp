// Steps <-> (kind, parameters) with scikit-learn's names, and fitted attributes as numpy arrays.
#include <pybind11/stl.h>

#include <array>
#include <cmath>
#include <set>

#include "convert.hpp"

namespace ferry::python {
namespace {

// Reads parameters by name, refusing names the kind does not have.
class Params {
 public:
  Params(const char* kind, const py::dict& d, std::set<std::string> known)
      : kind_(kind), d_(d) {
    for (auto item : d) {
      std::string name = py::str(item.first);
      if (!known.count(name)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw ParameterError(std::string(kind) + ": unknown parameter '" + name +
                             "' (expected one of " + list + ")");
      }
    }
  }
  bool has(const char* name) const { return d_.contains(name) && !d_[name].is_none(); }
  py::object get(const char* name) const { return d_[name]; }
  bool boolean(const char* name, bool dflt) const {
    if (!has(name)) return dflt;
    py::object v = get(name);
    if (!py::isinstance<py::bool_>(v) && !is_numpy_bool(v)) wrong(name, "a bool", v);
    return v.cast<bool>();
  }
  double number(const char* name, double dflt) const {
    if (!has(name)) return dflt;
    py::object v = get(name);
    if (py::isinstance<py::bool_>(v) || !(py::isinstance<py::float_>(v) || py::isinstance<py::int_>(v) ||
                                          py::hasattr(v, "__float__")))
      wrong(name, "a number", v);
    return v.cast<double>();
  }
  int integer(const char* name, int dflt) const {
    if (!has(name)) return dflt;
    py::object v = get(name);
    if (py::isinstance<py::bool_>(v) || !py::hasattr(v, "__index__")) wrong(name, "an integer", v);
    long long x = v.cast<long long>();
    if (x < -2147483647LL || x > 2147483647LL) wrong(name, "an integer that fits in 32 bits", v);
    return static_cast<int>(x);
  }
  std::array<double, 2> pair(const char* name, std::array<double, 2> dflt) const {
    if (!has(name)) return dflt;
    py::object v = get(name);
    if (!(py::isinstance<py::tuple>(v) || py::isinstance<py::list>(v)) || py::len(v) != 2)
      wrong(name, "a tuple of two numbers", v);
    std::array<double, 2> out{};
    for (std::size_t k = 0; k < 2; ++k) {
      py::object x = v[py::int_(k)];
      if (py::isinstance<py::bool_>(x) || !py::hasattr(x, "__float__"))
        wrong(name, "a tuple of two numbers", v);
      out[k] = x.cast<double>();
    }
    return out;
  }
  std::string text(const char* name, const std::string& dflt) const {
    if (!has(name)) return dflt;
    py::object v = get(name);
    if (!py::isinstance<py::str>(v)) wrong(name, "a string", v);
    return v.cast<std::string>();
  }
  [[noreturn]] void wrong(const char* name, const char* expected, const py::handle& v) const {
    throw ParameterError(std::string(kind_) + ": " + name + " expected " + expected + ", found " +
                         std::string(py::repr(v)));
  }

 private:
  static bool is_numpy_bool(const py::handle& v) {
    return std::string(py::str(py::type::of(v).attr("__name__"))) == "bool";
  }
  const char* kind_;
  const py::dict& d_;
};

py::tuple tuple2(const std::array<double, 2>& a) { return py::make_tuple(a[0], a[1]); }

const char* norm_name(Norm n) {
  switch (n) {
    case Norm::l1: return "l1";
    case Norm::l2: return "l2";
    case Norm::max: return "max";
  }
  return "?";
}

py::array_t<double> array1(const std::vector<double>& v) {
  return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

py::array_t<double> array2(const Array2D& a) {
  return py::array_t<double>({static_cast<py::ssize_t>(a.rows), static_cast<py::ssize_t>(a.cols)},
                             a.values.data());
}

const char* strategy_name(ImputeStrategy s) {
  switch (s) {
    case ImputeStrategy::mean: return "mean";
    case ImputeStrategy::median: return "median";
    case ImputeStrategy::most_frequent: return "most_frequent";
    case ImputeStrategy::constant: return "constant";
  }
  return "?";
}

}  // namespace

std::vector<std::string> step_kinds() {
  return {"SimpleImputer", "StandardScaler", "LogisticRegression", "LinearRegression", "Ridge",
          "MinMaxScaler", "MaxAbsScaler", "RobustScaler", "Normalizer", "Binarizer"};
}

Step make_step(const std::string& kind, const py::dict& d) {
  if (kind == "SimpleImputer") {
    Params p("SimpleImputer", d, {"strategy", "missing_values", "fill_value", "keep_empty_features"});
    SimpleImputer s;
    std::string strategy = p.text("strategy", "mean");
    if (strategy == "mean") s.strategy = ImputeStrategy::mean;
    else if (strategy == "median") s.strategy = ImputeStrategy::median;
    else if (strategy == "most_frequent") s.strategy = ImputeStrategy::most_frequent;
    else if (strategy == "constant") s.strategy = ImputeStrategy::constant;
    else p.wrong("strategy", "'mean', 'median', 'most_frequent' or 'constant'", p.get("strategy"));
    s.missing_values = p.number("missing_values", std::nan(""));
    s.fill_value = p.number("fill_value", 0.0);
    s.keep_empty_features = p.boolean("keep_empty_features", false);
    return s;
  }
  if (kind == "StandardScaler") {
    Params p("StandardScaler", d, {"with_mean", "with_std"});
    StandardScaler s;
    s.with_mean = p.boolean("with_mean", true);
    s.with_std = p.boolean("with_std", true);
    return s;
  }
  if (kind == "LogisticRegression") {
    Params p("LogisticRegression", d, {"penalty", "C", "fit_intercept", "max_iter", "tol", "class_weight"});
    LogisticRegression s;
    std::string penalty = p.text("penalty", "l2");
    if (penalty == "l2") s.penalty = Penalty::l2;
    else if (penalty == "none") s.penalty = Penalty::none;
    else p.wrong("penalty", "'l2' or 'none'", p.get("penalty"));
    s.C = p.number("C", 1.0);
    s.fit_intercept = p.boolean("fit_intercept", true);
    s.max_iter = p.integer("max_iter", s.max_iter);
    s.tol = p.number("tol", s.tol);
    if (p.has("class_weight")) {
      py::object cw = p.get("class_weight");
      if (py::isinstance<py::str>(cw) && cw.cast<std::string>() == "balanced") {
        s.class_weight_mode = ClassWeightMode::balanced;
      } else if (py::isinstance<py::dict>(cw)) {
        s.class_weight_mode = ClassWeightMode::given;
        for (auto item : cw.cast<py::dict>())
          s.class_weight.emplace_back(to_value(item.first, "class_weight label"),
                                      item.second.cast<double>());
      } else {
        p.wrong("class_weight", "None, 'balanced' or a dict {label: weight}", cw);
      }
    }
    return s;
  }
  if (kind == "LinearRegression") {
    Params p("LinearRegression", d, {"fit_intercept"});
    LinearRegression s;
    s.fit_intercept = p.boolean("fit_intercept", true);
    return s;
  }
  if (kind == "Ridge") {
    Params p("Ridge", d, {"alpha", "fit_intercept"});
    Ridge s;
    s.alpha = p.number("alpha", 1.0);
    s.fit_intercept = p.boolean("fit_intercept", true);
    return s;
  }
  if (kind == "MinMaxScaler") {
    Params p("MinMaxScaler", d, {"feature_range", "clip"});
    MinMaxScaler s;
    s.feature_range = p.pair("feature_range", s.feature_range);
    s.clip = p.boolean("clip", false);
    return s;
  }
  if (kind == "MaxAbsScaler") {
    Params p("MaxAbsScaler", d, {"clip"});
    MaxAbsScaler s;
    s.clip = p.boolean("clip", false);
    return s;
  }
  if (kind == "RobustScaler") {
    Params p("RobustScaler", d,
             {"with_centering", "with_scaling", "quantile_range", "unit_variance"});
    RobustScaler s;
    s.with_centering = p.boolean("with_centering", true);
    s.with_scaling = p.boolean("with_scaling", true);
    s.quantile_range = p.pair("quantile_range", s.quantile_range);
    s.unit_variance = p.boolean("unit_variance", false);
    return s;
  }
  if (kind == "Normalizer") {
    Params p("Normalizer", d, {"norm"});
    Normalizer s;
    std::string norm = p.text("norm", "l2");
    if (norm == "l1") s.norm = Norm::l1;
    else if (norm == "l2") s.norm = Norm::l2;
    else if (norm == "max") s.norm = Norm::max;
    else p.wrong("norm", "'l1', 'l2' or 'max'", p.get("norm"));
    return s;
  }
  if (kind == "Binarizer") {
    Params p("Binarizer", d, {"threshold"});
    Binarizer s;
    s.threshold = p.number("threshold", 0.0);
    return s;
  }
  std::string list;
  for (const auto& k : step_kinds()) list += (list.empty() ? "" : ", ") + k;
  throw ParameterError("unknown step kind '" + kind + "' (ferry carries " + list + ")");
}

py::dict step_params(const Step& step) {
  py::dict d;
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, SimpleImputer>) {
          d["strategy"] = strategy_name(s.strategy);
          d["missing_values"] = s.missing_values;
          d["fill_value"] = s.fill_value;
          d["keep_empty_features"] = s.keep_empty_features;
        } else if constexpr (std::is_same_v<T, StandardScaler>) {
          d["with_mean"] = s.with_mean;
          d["with_std"] = s.with_std;
        } else if constexpr (std::is_same_v<T, LogisticRegression>) {
          d["penalty"] = s.penalty == Penalty::l2 ? "l2" : "none";
          d["C"] = s.C;
          d["fit_intercept"] = s.fit_intercept;
          d["max_iter"] = s.max_iter;
          d["tol"] = s.tol;
          if (s.class_weight_mode == ClassWeightMode::none) {
            d["class_weight"] = py::none();
          } else if (s.class_weight_mode == ClassWeightMode::balanced) {
            d["class_weight"] = "balanced";
          } else {
            py::dict cw;
            for (const auto& [label, w] : s.class_weight) cw[from_value(label)] = w;
            d["class_weight"] = cw;
          }
        } else if constexpr (std::is_same_v<T, LinearRegression>) {
          d["fit_intercept"] = s.fit_intercept;
        } else if constexpr (std::is_same_v<T, Ridge>) {
          d["alpha"] = s.alpha;
          d["fit_intercept"] = s.fit_intercept;
        } else if constexpr (std::is_same_v<T, MinMaxScaler>) {
          d["feature_range"] = tuple2(s.feature_range);
          d["clip"] = s.clip;
        } else if constexpr (std::is_same_v<T, MaxAbsScaler>) {
          d["clip"] = s.clip;
        } else if constexpr (std::is_same_v<T, RobustScaler>) {
          d["with_centering"] = s.with_centering;
          d["with_scaling"] = s.with_scaling;
          d["quantile_range"] = tuple2(s.quantile_range);
          d["unit_variance"] = s.unit_variance;
        } else if constexpr (std::is_same_v<T, Normalizer>) {
          d["norm"] = norm_name(s.norm);
        } else if constexpr (std::is_same_v<T, Binarizer>) {
          d["threshold"] = s.threshold;
        } else {
          static_assert(sizeof(T) == 0, "a step kind without its parameters");
        }
      },
      step);
  return d;
}

py::dict step_fitted(const Step& step) {
  py::dict d;
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if (s.n_features_in_ == 0) return;
        d["n_features_in_"] = s.n_features_in_;
        if constexpr (std::is_same_v<T, SimpleImputer>) {
          d["statistics_"] = array1(s.statistics_);
        } else if constexpr (std::is_same_v<T, StandardScaler>) {
          d["mean_"] = array1(s.mean_);
          d["var_"] = array1(s.var_);
          d["scale_"] = array1(s.scale_);
          d["n_samples_seen_"] = array1(s.n_samples_seen_);
        } else if constexpr (std::is_same_v<T, LogisticRegression>) {
          d["coef_"] = array2(s.coef_);
          d["intercept_"] = array1(s.intercept_);
          d["n_iter_"] = s.n_iter_;
          d["n_classes_"] = s.n_classes_;
        } else if constexpr (std::is_same_v<T, LinearRegression>) {
          d["coef_"] = array1(s.coef_);
          d["intercept_"] = s.intercept_;
          d["rank_"] = s.rank_;
        } else if constexpr (std::is_same_v<T, Ridge>) {
          d["coef_"] = array1(s.coef_);
          d["intercept_"] = s.intercept_;
        } else if constexpr (std::is_same_v<T, MinMaxScaler>) {
          d["min_"] = array1(s.min_);
          d["scale_"] = array1(s.scale_);
          d["data_min_"] = array1(s.data_min_);
          d["data_max_"] = array1(s.data_max_);
          d["data_range_"] = array1(s.data_range_);
          d["n_samples_seen_"] = s.n_samples_seen_;
        } else if constexpr (std::is_same_v<T, MaxAbsScaler>) {
          d["max_abs_"] = array1(s.max_abs_);
          d["scale_"] = array1(s.scale_);
          d["n_samples_seen_"] = s.n_samples_seen_;
        } else if constexpr (std::is_same_v<T, RobustScaler>) {
          // None for a part that is switched off, as scikit-learn's attributes.
          d["center_"] = s.with_centering ? py::object(array1(s.center_)) : py::none();
          d["scale_"] = s.with_scaling ? py::object(array1(s.scale_)) : py::none();
        } else if constexpr (std::is_same_v<T, Normalizer> || std::is_same_v<T, Binarizer>) {
          // Stateless: the input width above is all they fit.
        } else {
          static_assert(sizeof(T) == 0, "a step kind without its fitted attributes");
        }
      },
      step);
  return d;
}

}  // namespace ferry::python
