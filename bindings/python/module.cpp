// ferry._ferry: the pybind11 face of the C++ core. Conversion and error mapping only.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "errors.hpp"
#include "ferry/ferry.hpp"

namespace py = pybind11;
using namespace ferry;
using namespace ferry::python;

namespace {

using Matrix = py::array_t<double, py::array::c_style | py::array::forcecast>;

py::array_t<double> to_numpy(const Array2D& a) {
  return py::array_t<double>({static_cast<py::ssize_t>(a.rows), static_cast<py::ssize_t>(a.cols)},
                             a.values.data());
}

py::array_t<double> to_numpy(const std::vector<double>& v) {
  return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

// A 2-D float64 array in schema order, read in place when already C-contiguous float64.
Matrix numeric_rows(const Pipeline& p, const py::array& X) {
  if (X.ndim() != 2)
    throw SchemaError("expected a 2-D array of rows, found " + std::to_string(X.ndim()) +
                      " dimension(s); for one row pass a dict or X.reshape(1, -1)");
  const char kind = X.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b')
    throw SchemaError("expected a numeric array, found dtype " + std::string(py::str(X.dtype())) +
                      "; pass string columns as a Frame or a DataFrame");
  Matrix m = Matrix::ensure(X);
  const auto width = static_cast<std::size_t>(m.shape(1));
  if (width != p.input_schema().size())
    throw SchemaError("X has " + std::to_string(width) + " features, but the pipeline is expecting " +
                      std::to_string(p.input_schema().size()) + " features as input");
  return m;
}

// Rows x width output computed by fn(rows, n, d, out) with the GIL released.
template <class Fn>
py::array_t<double> batch(const Pipeline& p, const py::array& X, std::size_t width, Fn&& fn) {
  Matrix m = numeric_rows(p, X);
  const auto n = static_cast<std::size_t>(m.shape(0));
  const auto d = static_cast<std::size_t>(m.shape(1));
  py::array_t<double> out({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(width)});
  const double* in = m.data();
  double* o = out.mutable_data();
  if (n < 64) {
    fn(in, n, d, o);  // releasing the GIL would cost more than these rows
  } else {
    py::gil_scoped_release release;
    fn(in, n, d, o);
  }
  return out;
}

class PyPipeline {
 public:
  explicit PyPipeline(const std::vector<std::tuple<std::string, std::string, py::dict>>& steps)
      : p_(build(steps)) {}
  explicit PyPipeline(Pipeline p) : p_(std::move(p)) {}

  // X: a Frame, or a 2-D float64 C-contiguous array read in place (columns named by names).
  void fit(const py::object& X, const py::object& y, const py::object& sample_weight,
           const std::vector<std::string>& names) {
    std::vector<double> w;
    if (!sample_weight.is_none())
      w = py::array_t<double, py::array::forcecast>::ensure(sample_weight).cast<std::vector<double>>();
    Target t = y.is_none() ? Target() : to_target(y);  // none: a pipeline without a model
    if (py::isinstance<Frame>(X)) {
      const Frame& f = X.cast<const Frame&>();
      py::gil_scoped_release release;
      p_.fit(f, t, w);
      return;
    }
    const auto m = X.cast<py::array_t<double, py::array::c_style>>();
    if (m.ndim() != 2)
      throw SchemaError("expected a 2-D array, found " + std::to_string(m.ndim()) + " dimension(s)");
    const auto n = static_cast<std::size_t>(m.shape(0)), d = static_cast<std::size_t>(m.shape(1));
    py::gil_scoped_release release;
    p_.fit(m.data(), n, d, names, t, w);
  }

  py::object predict_proba(const py::object& X) const {
    if (py::isinstance<py::dict>(X)) return to_numpy(p_.predict_proba(to_row(X)));
    if (py::isinstance<Frame>(X)) return to_numpy(p_.predict_proba(X.cast<const Frame&>()));
    const std::size_t k = p_.classes().size();
    if (k == 0) p_.predict_proba(Row{});  // raises the core's "no classifier" error
    return batch(p_, array(X), k, [&](const double* in, std::size_t n, std::size_t d, double* o) {
      p_.predict_proba(in, n, d, o);
    });
  }

  py::object decision_function(const py::object& X) const {
    if (py::isinstance<py::dict>(X)) return to_numpy(p_.decision_function(to_row(X)));
    if (py::isinstance<Frame>(X)) return to_numpy(p_.decision_function(X.cast<const Frame&>()));
    return batch(p_, array(X), p_.n_outputs(), [&](const double* in, std::size_t n, std::size_t d, double* o) {
      p_.decision_function(in, n, d, o);
    });
  }

  py::object predict(const py::object& X) const {
    const OutputSpec& out = p_.output();
    if (py::isinstance<py::dict>(X)) return from_value(p_.predict(to_row(X)));
    if (py::isinstance<Frame>(X)) {
      std::vector<Value> v = p_.predict(X.cast<const Frame&>());
      return out.task == Task::regression ? labels_array(v, DType::float64)
                                          : labels_array(v, out.label_type);
    }
    if (out.task == Task::regression) {
      return batch(p_, array(X), 1, [&](const double* in, std::size_t n, std::size_t d, double* o) {
               for (std::size_t i = 0; i < n; ++i) o[i] = p_.predict_value(in + i * d, d);
             }).attr("reshape")(-1);
    }
    if (out.task != Task::classification) p_.predict(Row{});  // raises "no model"
    py::array_t<double> idx = batch(p_, array(X), 1, [&](const double* in, std::size_t n, std::size_t d, double* o) {
      for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<double>(p_.predict_index(in + i * d, d));
    });
    py::array classes = labels_array(out.classes, out.label_type);
    return classes.attr("take")(idx.attr("reshape")(-1).attr("astype")("int64"));
  }

  py::object transform(const py::object& X) const {
    if (py::isinstance<py::dict>(X)) return to_numpy(p_.transform(to_row(X)));
    if (py::isinstance<Frame>(X)) return to_numpy(p_.transform(X.cast<const Frame&>()));
    Matrix m = numeric_rows(p_, array(X));
    Array2D out;
    {
      py::gil_scoped_release release;
      out = p_.transform(m.data(), static_cast<std::size_t>(m.shape(0)), static_cast<std::size_t>(m.shape(1)));
    }
    return to_numpy(out);
  }

  py::list steps() const {
    py::list out;
    for (const NamedStep& s : p_.steps())
      out.append(py::make_tuple(s.name, step_kind_name(s.step), step_params(s.step),
                                p_.is_fitted() ? step_fitted(s.step) : py::dict()));
    return out;
  }

  py::dict metadata() const {
    const Metadata& m = p_.metadata();
    py::dict d, training;
    d["ferry_version"] = m.ferry_version;
    d["created_utc"] = m.created_utc;
    d["tags"] = m.tags;
    training["rows"] = m.training.rows;
    training["columns"] = m.training.columns;
    training["class_counts"] = m.training.class_counts;
    py::list summaries;
    const auto& columns = p_.input_schema().columns();
    for (std::size_t j = 0; j < m.training.column_summaries.size(); ++j) {
      const ColumnSummary& c = m.training.column_summaries[j];
      py::dict one, categories;
      one["name"] = j < columns.size() ? columns[j].name : std::string();
      one["count"] = c.count;
      one["missing"] = c.missing;
      one["min"] = c.min;
      one["max"] = c.max;
      one["mean"] = c.mean;
      for (const auto& [value, count] : c.categories) categories[py::str(value)] = count;
      one["categories"] = categories;
      one["other"] = c.other;
      summaries.append(one);
    }
    training["column_summaries"] = summaries;
    d["training"] = training;
    d["metrics"] = m.metrics;
    d["params"] = m.params;
    d["verify_rows"] = m.verify.rows.size();
    d["model_id"] = p_.model_id();
    return d;
  }

  std::string task() const {
    switch (p_.output().task) {
      case Task::classification: return "classification";
      case Task::regression: return "regression";
      default: return "transform";
    }
  }

  py::bytes to_bytes(const py::object& tags, const py::object& metrics, const py::object& params,
                     const py::object& verify_rows) const {
    std::vector<std::uint8_t> b = p_.to_bytes(save_options(tags, metrics, params, verify_rows));
    return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
  }

  static PyPipeline from_bytes(const py::bytes& data, bool verify) {
    std::string_view view = data;
    return PyPipeline(
        Pipeline::from_bytes(reinterpret_cast<const std::uint8_t*>(view.data()), view.size(), verify));
  }

  /// save()'s options from Python objects: dicts of str (tags, params as JSON text) and of
  /// float (metrics), and a Frame of verify rows, each or none.
  static SaveOptions save_options(const py::object& tags, const py::object& metrics,
                                  const py::object& params, const py::object& verify_rows) {
    SaveOptions o;
    o.tags = str_map(tags, "tags");
    o.params = str_map(params, "params");
    if (!metrics.is_none()) {
      if (!py::isinstance<py::dict>(metrics))
        throw ParameterError("metrics: expected a dict of str to float, found " +
                             py::str(py::type::of(metrics).attr("__name__")).cast<std::string>());
      for (auto item : metrics.cast<py::dict>()) {
        const bool number = !py::isinstance<py::bool_>(item.second) && !py::isinstance<py::str>(item.second) &&
                            py::hasattr(item.second, "__float__");
        if (!py::isinstance<py::str>(item.first) || !number)
          throw ParameterError("metrics: expected str keys and numbers, found " +
                               std::string(py::repr(item.first)) + ": " + std::string(py::repr(item.second)));
        o.metrics[item.first.cast<std::string>()] = item.second.attr("__float__")().cast<double>();
      }
    }
    if (!verify_rows.is_none()) o.verify_rows = verify_rows.cast<Frame>();
    return o;
  }

  const Pipeline& native() const { return p_; }

  /// A dict of str -> str (tags, params), or none.
  static std::map<std::string, std::string> str_map(const py::object& tags, const std::string& what) {
    if (tags.is_none()) return {};
    if (!py::isinstance<py::dict>(tags))
      throw ParameterError(what + ": expected a dict of str to str, found " +
                           py::str(py::type::of(tags).attr("__name__")).cast<std::string>());
    std::map<std::string, std::string> out;
    for (auto item : tags.cast<py::dict>()) {
      if (!py::isinstance<py::str>(item.first) || !py::isinstance<py::str>(item.second))
        throw ParameterError(what + ": expected str keys and values, found " +
                             std::string(py::repr(item.first)) + ": " + std::string(py::repr(item.second)));
      out[item.first.cast<std::string>()] = item.second.cast<std::string>();
    }
    return out;
  }

 private:
  static py::array array(const py::object& X) {
    py::array a = py::array::ensure(X);
    if (!a)
      throw SchemaError("expected a 2-D numpy array, a dict (one row) or a Frame, found " +
                        py::str(py::type::of(X).attr("__name__")).cast<std::string>());
    return a;
  }

  static Pipeline build(const std::vector<std::tuple<std::string, std::string, py::dict>>& steps) {
    std::vector<NamedStep> out;
    for (const auto& [name, kind, params] : steps) out.push_back({name, make_step(kind, params)});
    return Pipeline(std::move(out));
  }

  Pipeline p_;
};

}  // namespace

PYBIND11_MODULE(_ferry, m) {
  m.doc() = "ferry's native core: conversion only; every number is computed in C++";
  register_errors(m);
  m.attr("__version__") = kVersion;
  m.attr("FORMAT_VERSION") = Pipeline::format_version();
  m.attr("STEP_KINDS") = step_kinds();

  py::class_<Frame>(m, "Frame", "A columnar batch with a schema (ferry::Frame).")
      .def_static("from_columns", &frame_from_columns, py::arg("names"), py::arg("columns"),
                  py::arg("nullable") = py::none(),
                  "A frame from 1-D arrays: float64, int64, bool, or object arrays of str/None.")
      .def_static(
          "from_matrix",
          [](const std::vector<std::string>& names, const Matrix& X) {
            if (X.ndim() != 2) throw SchemaError("expected a 2-D array, found " + std::to_string(X.ndim()) + " dimension(s)");
            return Frame::from_matrix(names, X.data(), static_cast<std::size_t>(X.shape(0)),
                                      static_cast<std::size_t>(X.shape(1)));
          },
          py::arg("names"), py::arg("X"), "A float64 frame from a 2-D array.")
      .def_property_readonly("n_rows", &Frame::rows)
      .def_property_readonly("n_cols", &Frame::cols)
      .def_property_readonly("schema", [](const Frame& f) { return schema_list(f.schema()); });

  py::class_<PyPipeline>(m, "Pipeline", "ferry::Pipeline: fitted or loaded state is immutable and thread-safe.")
      .def(py::init<const std::vector<std::tuple<std::string, std::string, py::dict>>&>(), py::arg("steps"))
      .def("fit", &PyPipeline::fit, py::arg("X"), py::arg("y") = py::none(),
           py::arg("sample_weight") = py::none(), py::arg("names") = std::vector<std::string>{},
           "Fits on a Frame, or on a 2-D float64 C-contiguous array read in place (columns "
           "named by names).")
      .def_property_readonly("is_fitted", [](const PyPipeline& p) { return p.native().is_fitted(); })
      .def("predict_proba", &PyPipeline::predict_proba, py::arg("X"))
      .def("decision_function", &PyPipeline::decision_function, py::arg("X"))
      .def("predict", &PyPipeline::predict, py::arg("X"))
      .def("transform", &PyPipeline::transform, py::arg("X"))
      .def_property_readonly("steps", &PyPipeline::steps)
      .def_property_readonly("input_schema", [](const PyPipeline& p) { return schema_list(p.native().input_schema()); })
      .def_property_readonly("task", &PyPipeline::task)
      .def_property_readonly("classes", [](const PyPipeline& p) {
        return labels_array(p.native().classes(), p.native().output().label_type);
      })
      .def_property_readonly("metadata", &PyPipeline::metadata)
      .def_property_readonly("feature_names_out", [](const PyPipeline& p) { return p.native().feature_names_out(); })
      .def("step_names_out",
           [](const PyPipeline& p, std::size_t i, const std::vector<std::string>& names) {
             const auto& steps = p.native().steps();
             if (i >= steps.size())
               throw SchemaError("step_names_out: expected a step index below " +
                                 std::to_string(steps.size()) + ", found " + std::to_string(i));
             return step_feature_names_out(steps[i].step, names);
           },
           py::arg("index"), py::arg("names"))
      .def_property_readonly("n_outputs", [](const PyPipeline& p) { return p.native().n_outputs(); })
      .def("explain",
           [](const PyPipeline& p, const py::dict& row) {
             const Explanation e = p.native().explain(to_row(row));
             return py::make_tuple(e.columns, to_numpy(e.contributions), e.intercept, e.decision);
           },
           py::arg("row"), "(columns, contributions [outputs x columns], intercept, decision) for one row.")
      .def_property_readonly("format_version",
                             [](const PyPipeline& p) { return p.native().artifact_format_version(); })
      .def_property_readonly("model_id", [](const PyPipeline& p) { return p.native().model_id(); })
      .def("verify", [](const PyPipeline& p) { p.native().verify(); })
      .def("to_bytes", &PyPipeline::to_bytes, py::arg("tags") = py::none(),
           py::arg("metrics") = py::none(), py::arg("params") = py::none(),
           py::arg("verify_rows") = py::none())
      .def("save",
           [](const PyPipeline& p, const std::string& path, const py::object& tags,
              const py::object& metrics, const py::object& params, const py::object& verify_rows) {
             p.native().save(path, PyPipeline::save_options(tags, metrics, params, verify_rows));
           },
           py::arg("path"), py::arg("tags") = py::none(), py::arg("metrics") = py::none(),
           py::arg("params") = py::none(), py::arg("verify_rows") = py::none())
      .def_static("from_bytes", &PyPipeline::from_bytes, py::arg("data"), py::arg("verify") = true)
      .def_static("load",
                  [](const std::string& path, bool verify) { return PyPipeline(Pipeline::load(path, verify)); },
                  py::arg("path"), py::arg("verify") = true);
}
