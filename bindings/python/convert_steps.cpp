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

// A category list (any scalars, None = missing) from Python.
std::vector<Value> values_from(const py::handle& seq, const char* what) {
  std::vector<Value> out;
  for (auto item : py::iter(seq)) out.push_back(to_value(item, what));
  return out;
}

py::list values_to(const std::vector<Value>& values) {
  py::list out;
  for (const Value& v : values) out.append(from_value(v));
  return out;
}

// The encoders' shared parameters in: categories ("auto" or lists), min_frequency and
// max_categories (None = off).
template <class Encoder>
void encoder_params_from(const Params& p, Encoder& s) {
  if (p.has("categories")) {
    py::object cats = p.get("categories");
    if (py::isinstance<py::str>(cats)) {
      if (cats.cast<std::string>() != "auto") p.wrong("categories", "'auto' or a list of lists", cats);
    } else {
      for (auto col : py::iter(cats)) s.categories.push_back(values_from(col, "categories"));
    }
  }
  s.min_frequency = p.number("min_frequency", 0.0);
  const int max_categories = p.integer("max_categories", 0);
  if (max_categories < 0 || (p.has("max_categories") && max_categories < 1))
    p.wrong("max_categories", "None or an integer >= 1", p.get("max_categories"));
  s.max_categories = static_cast<std::size_t>(max_categories);
}

// ... and out, as scikit-learn spells them.
template <class Encoder>
void encoder_params_to(const Encoder& s, py::dict& d) {
  if (s.categories.empty()) {
    d["categories"] = "auto";
  } else {
    py::list cats;
    for (const auto& c : s.categories) cats.append(values_to(c));
    d["categories"] = cats;
  }
  d["min_frequency"] = s.min_frequency == 0 ? py::object(py::none())
                       : s.min_frequency >= 1 ? py::object(py::int_(static_cast<long long>(s.min_frequency)))
                                              : py::object(py::float_(s.min_frequency));
  d["max_categories"] = s.max_categories == 0 ? py::object(py::none())
                                              : py::object(py::int_(s.max_categories));
}

// The encoders' fitted categories, their infrequent ones and the column types.
template <class Encoder>
void encoder_fitted_to(const Encoder& s, py::dict& d) {
  py::list cats, infrequent, types;
  for (std::size_t j = 0; j < s.categories_.size(); ++j) {
    cats.append(values_to(s.categories_[j]));
    py::list rare;
    for (std::size_t k = 0; k < s.categories_[j].size(); ++k)
      if (s.infrequent_[j][k]) rare.append(from_value(s.categories_[j][k]));
    infrequent.append(rare);
    types.append(dtype_str(s.feature_types_in_[j]));
  }
  d["categories_"] = cats;
  d["infrequent_categories_"] = infrequent;
  d["feature_types_in_"] = types;
}

// Nested steps (a ColumnTransformer branch) <-> [(name, kind, params)].
std::vector<NamedStep> steps_from(const py::handle& seq) {
  std::vector<NamedStep> out;
  for (auto item : py::iter(seq)) {
    auto t = item.cast<py::tuple>();
    if (t.size() != 3)
      throw ParameterError("ColumnTransformer: a branch step expected (name, kind, params), found " +
                           std::string(py::repr(item)));
    out.push_back({t[0].cast<std::string>(), make_step(t[1].cast<std::string>(), t[2].cast<py::dict>())});
  }
  return out;
}

py::list steps_to(const std::vector<NamedStep>& steps, bool fitted) {
  py::list out;
  for (const NamedStep& ns : steps)
    out.append(py::make_tuple(ns.name, step_kind_name(ns.step), step_params(ns.step),
                              fitted ? step_fitted(ns.step) : py::dict()));
  return out;
}

py::tuple tuple2(const std::array<double, 2>& a) { return py::make_tuple(a[0], a[1]); }

// A whole number >= low (a Python or numpy integer, not a bool), or Params::wrong.
std::size_t whole(const Params& p, const char* name, const py::handle& v, long long low,
                  const char* expected) {
  if (py::isinstance<py::bool_>(v) || !py::hasattr(v, "__index__")) p.wrong(name, expected, v);
  const long long x = py::reinterpret_borrow<py::object>(v).attr("__index__")().cast<long long>();
  if (x < low) p.wrong(name, expected, v);
  return static_cast<std::size_t>(x);
}

const char* quantile_method_names[] = {"inverted_cdf", "averaged_inverted_cdf",
                                       "closest_observation", "interpolated_inverted_cdf",
                                       "hazen", "weibull", "linear", "median_unbiased",
                                       "normal_unbiased"};

py::array_t<std::int64_t> int_array(const std::vector<std::size_t>& v) {
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(v.size()));
  auto m = out.mutable_unchecked<1>();
  for (std::size_t i = 0; i < v.size(); ++i) m(static_cast<py::ssize_t>(i)) = static_cast<std::int64_t>(v[i]);
  return out;
}

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

const char* penalty_name(Penalty p) {
  switch (p) {
    case Penalty::l2: return "l2";
    case Penalty::none: return "none";
    case Penalty::l1: return "l1";
    case Penalty::elasticnet: return "elasticnet";
  }
  return "?";
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
          "MinMaxScaler", "MaxAbsScaler", "RobustScaler", "Normalizer", "Binarizer", "Lasso",
          "ElasticNet", "PoissonRegressor", "OneHotEncoder", "OrdinalEncoder", "ColumnTransformer",
          "MissingIndicator", "PolynomialFeatures", "PCA", "KBinsDiscretizer", "Expressions"};
}

Step make_step(const std::string& kind, const py::dict& d) {
  if (kind == "SimpleImputer") {
    Params p("SimpleImputer", d, {"strategy", "missing_values", "fill_value", "keep_empty_features",
                                  "fill_text", "add_indicator"});
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
    s.fill_text = p.text("fill_text", s.fill_text);
    s.add_indicator = p.boolean("add_indicator", false);
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
    Params p("LogisticRegression", d, {"penalty", "C", "l1_ratio", "multi_class", "fit_intercept",
                                       "max_iter", "tol", "class_weight"});
    LogisticRegression s;
    std::string penalty = p.text("penalty", "l2");
    if (penalty == "l2") s.penalty = Penalty::l2;
    else if (penalty == "none") s.penalty = Penalty::none;
    else if (penalty == "l1") s.penalty = Penalty::l1;
    else if (penalty == "elasticnet") s.penalty = Penalty::elasticnet;
    else p.wrong("penalty", "'l2', 'none', 'l1' or 'elasticnet'", p.get("penalty"));
    s.C = p.number("C", 1.0);
    s.l1_ratio = p.number("l1_ratio", 0.0);
    std::string multi_class = p.text("multi_class", "multinomial");
    if (multi_class == "multinomial") s.multi_class = MultiClass::multinomial;
    else if (multi_class == "ovr") s.multi_class = MultiClass::ovr;
    else p.wrong("multi_class", "'multinomial' or 'ovr'", p.get("multi_class"));
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
  if (kind == "Lasso") {
    Params p("Lasso", d, {"alpha", "fit_intercept", "max_iter", "tol", "positive"});
    Lasso s;
    s.alpha = p.number("alpha", s.alpha);
    s.fit_intercept = p.boolean("fit_intercept", s.fit_intercept);
    s.max_iter = p.integer("max_iter", s.max_iter);
    s.tol = p.number("tol", s.tol);
    s.positive = p.boolean("positive", s.positive);
    return s;
  }
  if (kind == "ElasticNet") {
    Params p("ElasticNet", d, {"alpha", "l1_ratio", "fit_intercept", "max_iter", "tol", "positive"});
    ElasticNet s;
    s.alpha = p.number("alpha", s.alpha);
    s.l1_ratio = p.number("l1_ratio", s.l1_ratio);
    s.fit_intercept = p.boolean("fit_intercept", s.fit_intercept);
    s.max_iter = p.integer("max_iter", s.max_iter);
    s.tol = p.number("tol", s.tol);
    s.positive = p.boolean("positive", s.positive);
    return s;
  }
  if (kind == "PoissonRegressor") {
    Params p("PoissonRegressor", d, {"alpha", "fit_intercept", "max_iter", "tol"});
    PoissonRegressor s;
    s.alpha = p.number("alpha", s.alpha);
    s.fit_intercept = p.boolean("fit_intercept", s.fit_intercept);
    s.max_iter = p.integer("max_iter", s.max_iter);
    s.tol = p.number("tol", s.tol);
    return s;
  }
  if (kind == "OneHotEncoder") {
    Params p("OneHotEncoder", d, {"categories", "drop", "handle_unknown", "min_frequency",
                                  "max_categories"});
    OneHotEncoder s;
    encoder_params_from(p, s);
    const std::string drop = p.text("drop", "none");
    if (drop == "none") s.drop = OneHotDrop::none;
    else if (drop == "first") s.drop = OneHotDrop::first;
    else if (drop == "if_binary") s.drop = OneHotDrop::if_binary;
    else p.wrong("drop", "None, 'first' or 'if_binary'", p.get("drop"));
    const std::string unknown = p.text("handle_unknown", "error");
    if (unknown == "error") s.handle_unknown = HandleUnknown::error;
    else if (unknown == "ignore") s.handle_unknown = HandleUnknown::ignore;
    else if (unknown == "infrequent_if_exist") s.handle_unknown = HandleUnknown::infrequent_if_exist;
    else p.wrong("handle_unknown", "'error', 'ignore' or 'infrequent_if_exist'", p.get("handle_unknown"));
    return s;
  }
  if (kind == "OrdinalEncoder") {
    Params p("OrdinalEncoder", d, {"categories", "handle_unknown", "unknown_value",
                                   "encoded_missing_value", "min_frequency", "max_categories"});
    OrdinalEncoder s;
    encoder_params_from(p, s);
    const std::string unknown = p.text("handle_unknown", "error");
    if (unknown == "error") s.handle_unknown = OrdinalUnknown::error;
    else if (unknown == "use_encoded_value") s.handle_unknown = OrdinalUnknown::use_encoded_value;
    else p.wrong("handle_unknown", "'error' or 'use_encoded_value'", p.get("handle_unknown"));
    s.unknown_value = p.number("unknown_value", s.unknown_value);
    s.encoded_missing_value = p.number("encoded_missing_value", s.encoded_missing_value);
    return s;
  }
  if (kind == "MissingIndicator") {
    Params p("MissingIndicator", d, {"features", "missing_values", "error_on_new"});
    MissingIndicator s;
    const std::string features = p.text("features", "missing-only");
    if (features == "missing-only") s.features = IndicatorFeatures::missing_only;
    else if (features == "all") s.features = IndicatorFeatures::all;
    else p.wrong("features", "'missing-only' or 'all'", p.get("features"));
    s.missing_values = p.number("missing_values", s.missing_values);
    s.error_on_new = p.boolean("error_on_new", true);
    return s;
  }
  if (kind == "Expressions") {
    // The expressions are parsed and checked by the core (Pipeline construction, then fit).
    Params p("Expressions", d, {"expressions"});
    Expressions s;
    if (p.has("expressions")) {
      for (auto item : py::iter(p.get("expressions"))) {
        if (!py::isinstance<py::tuple>(item) || py::len(item) != 2 ||
            !py::isinstance<py::str>(item.cast<py::tuple>()[0]) ||
            !py::isinstance<py::str>(item.cast<py::tuple>()[1]))
          p.wrong("expressions", "a list of (name, expression) string pairs", item);
        const auto t = item.cast<py::tuple>();
        s.expressions.push_back({t[0].cast<std::string>(), t[1].cast<std::string>(), {}});
      }
    }
    return s;
  }
  if (kind == "ColumnTransformer") {
    Params p("ColumnTransformer", d, {"transformers", "remainder", "verbose_feature_names_out"});
    ColumnTransformer s;
    if (p.has("transformers")) {
      for (auto item : py::iter(p.get("transformers"))) {
        auto t = item.cast<py::tuple>();
        if (t.size() != 3)
          p.wrong("transformers", "a list of (name, steps | 'passthrough' | 'drop', columns)", item);
        ColumnBranch b;
        b.name = t[0].cast<std::string>();
        if (py::isinstance<py::str>(t[1])) {
          const std::string what = t[1].cast<std::string>();
          if (what == "drop") b.drop = true;
          else if (what != "passthrough") p.wrong("transformers", "steps, 'passthrough' or 'drop'", t[1]);
        } else {
          b.steps = steps_from(t[1]);
        }
        for (auto c : py::iter(t[2])) b.columns.push_back(c.cast<std::string>());
        s.transformers.push_back(std::move(b));
      }
    }
    const std::string remainder = p.text("remainder", "drop");
    if (remainder == "drop") s.remainder = Remainder::drop;
    else if (remainder == "passthrough") s.remainder = Remainder::passthrough;
    else p.wrong("remainder", "'drop' or 'passthrough'", p.get("remainder"));
    s.verbose_feature_names_out = p.boolean("verbose_feature_names_out", true);
    return s;
  }
  if (kind == "PolynomialFeatures") {
    Params p("PolynomialFeatures", d, {"degree", "interaction_only", "include_bias"});
    PolynomialFeatures s;
    if (p.has("degree")) {
      py::object deg = p.get("degree");
      const char* expected = "a non-negative int or a tuple (min_degree, max_degree)";
      if (py::isinstance<py::tuple>(deg) || py::isinstance<py::list>(deg)) {
        if (py::len(deg) != 2) p.wrong("degree", expected, deg);
        s.degree_range = true;
        s.min_degree = whole(p, "degree", deg[py::int_(0)], 0, expected);
        s.degree = whole(p, "degree", deg[py::int_(1)], 0, expected);
      } else {
        s.degree = whole(p, "degree", deg, 0, expected);
      }
    }
    s.interaction_only = p.boolean("interaction_only", false);
    s.include_bias = p.boolean("include_bias", true);
    return s;
  }
  if (kind == "PCA") {
    Params p("PCA", d, {"n_components", "whiten", "svd_solver"});
    PCA s;
    if (p.has("n_components")) {
      py::object nc = p.get("n_components");
      const char* expected = "None, an int >= 1 or a float in (0, 1)";
      if (py::isinstance<py::str>(nc)) {
        p.wrong("n_components", "None, an int >= 1 or a float in (0, 1) ('mle' is not supported "
                "by ferry)", nc);
      } else if (!py::isinstance<py::bool_>(nc) && py::hasattr(nc, "__index__")) {
        s.n_components_mode = PcaComponents::count;
        s.n_components = whole(p, "n_components", nc, 1, expected);
      } else if (!py::isinstance<py::bool_>(nc) && py::hasattr(nc, "__float__")) {
        s.n_components_mode = PcaComponents::variance;
        s.variance = nc.cast<double>();
        if (!(s.variance > 0.0 && s.variance < 1.0)) p.wrong("n_components", expected, nc);
      } else {
        p.wrong("n_components", expected, nc);
      }
    }
    s.whiten = p.boolean("whiten", false);
    const std::string solver = p.text("svd_solver", "auto");
    if (solver == "auto") s.svd_solver = PcaSolver::auto_;
    else if (solver == "full") s.svd_solver = PcaSolver::full;
    else if (solver == "covariance_eigh") s.svd_solver = PcaSolver::covariance_eigh;
    else p.wrong("svd_solver", "'auto', 'full' or 'covariance_eigh' (ferry's solvers are exact; "
                 "the approximate 'arpack' and 'randomized' are not supported)", p.get("svd_solver"));
    return s;
  }
  if (kind == "KBinsDiscretizer") {
    Params p("KBinsDiscretizer", d, {"n_bins", "encode", "strategy", "quantile_method", "subsample"});
    KBinsDiscretizer s;
    if (p.has("n_bins")) {
      py::object nb = p.get("n_bins");
      const char* expected = "an int >= 2 or one int >= 2 per feature";
      if (!py::isinstance<py::bool_>(nb) && py::hasattr(nb, "__index__")) {
        s.n_bins = whole(p, "n_bins", nb, 2, expected);
      } else if (py::isinstance<py::str>(nb) || !py::hasattr(nb, "__iter__")) {
        p.wrong("n_bins", expected, nb);
      } else {
        for (auto b : py::iter(nb)) s.n_bins_per_feature.push_back(whole(p, "n_bins", b, 2, expected));
        if (s.n_bins_per_feature.empty()) p.wrong("n_bins", expected, nb);
      }
    }
    const std::string encode = p.text("encode", "onehot-dense");
    if (encode == "onehot-dense") s.encode = KBinsEncode::onehot_dense;
    else if (encode == "ordinal") s.encode = KBinsEncode::ordinal;
    else if (encode == "onehot")
      p.wrong("encode", "'onehot-dense' or 'ordinal' (ferry's output is dense: 'onehot-dense' gives "
              "the values of scikit-learn's sparse 'onehot')", p.get("encode"));
    else p.wrong("encode", "'onehot-dense' or 'ordinal'", p.get("encode"));
    const std::string strategy = p.text("strategy", "quantile");
    if (strategy == "uniform") s.strategy = KBinsStrategy::uniform;
    else if (strategy == "quantile") s.strategy = KBinsStrategy::quantile;
    else if (strategy == "kmeans") s.strategy = KBinsStrategy::kmeans;
    else p.wrong("strategy", "'uniform', 'quantile' or 'kmeans'", p.get("strategy"));
    const std::string method = p.text("quantile_method", "averaged_inverted_cdf");
    bool known = false;
    for (std::size_t m = 0; m < std::size(quantile_method_names); ++m)
      if (method == quantile_method_names[m]) {
        s.quantile_method = static_cast<QuantileMethod>(m);
        known = true;
      }
    if (!known)
      p.wrong("quantile_method", "one of numpy's percentile methods 'inverted_cdf', "
              "'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', "
              "'hazen', 'weibull', 'linear', 'median_unbiased', 'normal_unbiased'",
              p.get("quantile_method"));
    // None (absent) means no limit, stored as 0.
    s.subsample = p.has("subsample")
                      ? whole(p, "subsample", p.get("subsample"), 1, "None or an int >= 1")
                      : 0;
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
          d["fill_text"] = s.fill_text;
          d["add_indicator"] = s.add_indicator;
        } else if constexpr (std::is_same_v<T, StandardScaler>) {
          d["with_mean"] = s.with_mean;
          d["with_std"] = s.with_std;
        } else if constexpr (std::is_same_v<T, LogisticRegression>) {
          d["penalty"] = penalty_name(s.penalty);
          d["C"] = s.C;
          d["l1_ratio"] = s.l1_ratio;
          d["multi_class"] = s.multi_class == MultiClass::ovr ? "ovr" : "multinomial";
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
        } else if constexpr (std::is_same_v<T, Lasso> || std::is_same_v<T, ElasticNet>) {
          d["alpha"] = s.alpha;
          if constexpr (std::is_same_v<T, ElasticNet>) d["l1_ratio"] = s.l1_ratio;
          d["fit_intercept"] = s.fit_intercept;
          d["max_iter"] = s.max_iter;
          d["tol"] = s.tol;
          d["positive"] = s.positive;
        } else if constexpr (std::is_same_v<T, PoissonRegressor>) {
          d["alpha"] = s.alpha;
          d["fit_intercept"] = s.fit_intercept;
          d["max_iter"] = s.max_iter;
          d["tol"] = s.tol;
        } else if constexpr (std::is_same_v<T, OneHotEncoder>) {
          encoder_params_to(s, d);
          d["drop"] = s.drop == OneHotDrop::none ? py::object(py::none())
                      : py::object(py::str(s.drop == OneHotDrop::first ? "first" : "if_binary"));
          d["handle_unknown"] = s.handle_unknown == HandleUnknown::error ? "error"
                                : s.handle_unknown == HandleUnknown::ignore ? "ignore"
                                                                            : "infrequent_if_exist";
        } else if constexpr (std::is_same_v<T, OrdinalEncoder>) {
          encoder_params_to(s, d);
          d["handle_unknown"] =
              s.handle_unknown == OrdinalUnknown::error ? "error" : "use_encoded_value";
          d["unknown_value"] = s.unknown_value;
          d["encoded_missing_value"] = s.encoded_missing_value;
        } else if constexpr (std::is_same_v<T, MissingIndicator>) {
          d["features"] = s.features == IndicatorFeatures::all ? "all" : "missing-only";
          d["missing_values"] = s.missing_values;
          d["error_on_new"] = s.error_on_new;
        } else if constexpr (std::is_same_v<T, PolynomialFeatures>) {
          d["degree"] = s.degree_range ? py::object(py::make_tuple(s.min_degree, s.degree))
                                       : py::object(py::int_(s.degree));
          d["interaction_only"] = s.interaction_only;
          d["include_bias"] = s.include_bias;
        } else if constexpr (std::is_same_v<T, PCA>) {
          d["n_components"] = s.n_components_mode == PcaComponents::all ? py::object(py::none())
                              : s.n_components_mode == PcaComponents::count
                                  ? py::object(py::int_(s.n_components))
                                  : py::object(py::float_(s.variance));
          d["whiten"] = s.whiten;
          d["svd_solver"] = s.svd_solver == PcaSolver::auto_ ? "auto"
                            : s.svd_solver == PcaSolver::full ? "full" : "covariance_eigh";
        } else if constexpr (std::is_same_v<T, Expressions>) {
          py::list list;
          for (const NamedExpression& e : s.expressions) list.append(py::make_tuple(e.name, e.source));
          d["expressions"] = list;
        } else if constexpr (std::is_same_v<T, KBinsDiscretizer>) {
          if (s.n_bins_per_feature.empty()) d["n_bins"] = s.n_bins;
          else d["n_bins"] = py::cast(s.n_bins_per_feature);
          d["encode"] = s.encode == KBinsEncode::ordinal ? "ordinal" : "onehot-dense";
          d["strategy"] = s.strategy == KBinsStrategy::uniform ? "uniform"
                          : s.strategy == KBinsStrategy::quantile ? "quantile" : "kmeans";
          d["quantile_method"] = quantile_method_names[static_cast<std::size_t>(s.quantile_method)];
          d["subsample"] = s.subsample == 0 ? py::object(py::none()) : py::object(py::int_(s.subsample));
        } else {
          static_assert(std::is_same_v<T, ColumnTransformer>, "a step kind without parameters");
          py::list branches;
          for (const ColumnBranch& b : s.transformers)
            branches.append(py::make_tuple(
                b.name,
                b.drop ? py::object(py::str("drop"))
                       : b.steps.empty() ? py::object(py::str("passthrough"))
                                         : py::object(steps_to(b.steps, false)),
                py::cast(b.columns)));
          d["transformers"] = branches;
          d["remainder"] = s.remainder == Remainder::drop ? "drop" : "passthrough";
          d["verbose_feature_names_out"] = s.verbose_feature_names_out;
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
          d["text_statistics_"] = py::cast(s.text_statistics_);
          py::list types;
          for (DType t : s.feature_types_in_) types.append(dtype_str(t));
          d["feature_types_in_"] = types;
          d["indicator_features_"] = py::cast(s.indicator_features_);
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
        } else if constexpr (std::is_same_v<T, Lasso> || std::is_same_v<T, ElasticNet>) {
          d["coef_"] = array1(s.coef_);
          d["intercept_"] = s.intercept_;
          d["n_iter_"] = s.n_iter_;
          d["dual_gap_"] = s.dual_gap_;
        } else if constexpr (std::is_same_v<T, PoissonRegressor>) {
          d["coef_"] = array1(s.coef_);
          d["intercept_"] = s.intercept_;
          d["n_iter_"] = s.n_iter_;
        } else if constexpr (std::is_same_v<T, OneHotEncoder>) {
          encoder_fitted_to(s, d);
          d["drop_idx_"] = py::cast(s.drop_idx_);
        } else if constexpr (std::is_same_v<T, OrdinalEncoder>) {
          encoder_fitted_to(s, d);
        } else if constexpr (std::is_same_v<T, MissingIndicator>) {
          d["features_"] = py::cast(s.features_);
        } else if constexpr (std::is_same_v<T, PolynomialFeatures>) {
          d["n_output_features_"] = s.n_output_features_;
          const std::size_t terms = s.cofactor_.size(), p = s.n_features_in_;
          py::array_t<std::int64_t> powers({static_cast<py::ssize_t>(terms), static_cast<py::ssize_t>(p)});
          auto m = powers.mutable_unchecked<2>();
          for (std::size_t k = 0; k < terms; ++k) {
            for (std::size_t j = 0; j < p; ++j) m(static_cast<py::ssize_t>(k), static_cast<py::ssize_t>(j)) = 0;
            for (std::size_t f = s.term_start_[k]; f < s.term_start_[k + 1]; ++f)
              m(static_cast<py::ssize_t>(k), static_cast<py::ssize_t>(s.factors_[f])) += 1;
          }
          d["powers_"] = powers;
        } else if constexpr (std::is_same_v<T, PCA>) {
          Array2D comp(s.n_components_, s.n_features_in_);
          comp.values = s.components_;
          d["components_"] = array2(comp);
          d["explained_variance_"] = array1(s.explained_variance_);
          d["explained_variance_ratio_"] = array1(s.explained_variance_ratio_);
          d["singular_values_"] = array1(s.singular_values_);
          d["mean_"] = array1(s.mean_);
          d["noise_variance_"] = s.noise_variance_;
          d["n_components_"] = s.n_components_;
          d["n_samples_"] = s.n_samples_;
        } else if constexpr (std::is_same_v<T, Expressions>) {
          py::list types, trees;
          for (const NamedExpression& e : s.expressions) {
            types.append(dtype_str(expression_type(e)));
            trees.append(expression_tree(e));
          }
          d["dtypes_"] = types;
          d["trees_"] = trees;
          d["feature_names_in_"] = py::cast(s.feature_names_in_);
        } else if constexpr (std::is_same_v<T, KBinsDiscretizer>) {
          py::list edges;
          for (const auto& e : s.bin_edges_) edges.append(array1(e));
          d["bin_edges_"] = edges;
          d["n_bins_"] = int_array(s.n_bins_);
        } else {
          static_assert(std::is_same_v<T, ColumnTransformer>, "a step kind without fitted fields");
          py::list branches;
          for (const ColumnBranch& b : s.transformers)
            branches.append(py::make_tuple(b.name, steps_to(b.steps, true), py::cast(b.indices_),
                                           b.n_features_out_));
          d["transformers_"] = branches;
          d["remainder_indices_"] = py::cast(s.remainder_indices_);
          d["feature_names_in_"] = py::cast(s.feature_names_in_);
        }
      },
      step);
  return d;
}

}  // namespace ferry::python
