// Python scalars, labels, rows and columns <-> ferry Values, Targets, Rows and Frames.
#include <pybind11/stl.h>

#include <cmath>
#include <unordered_map>

#include "convert.hpp"

namespace ferry::python {
namespace {

std::string type_name(const py::handle& obj) {
  return py::str(py::type::of(obj).attr("__name__")).cast<std::string>();
}

bool is_bool_like(const py::handle& obj) {
  return py::isinstance<py::bool_>(obj) || type_name(obj) == "bool" || type_name(obj) == "bool_";
}

}  // namespace

const char* dtype_str(DType t) { return dtype_name(t); }

Value to_value(const py::handle& obj, const char* what) {
  PyObject* o = obj.ptr();
  // Exact built-in types first: the single-row dict path runs this once per cell.
  if (o == Py_None) return Value();
  if (PyFloat_CheckExact(o)) return Value(PyFloat_AS_DOUBLE(o));
  if (PyBool_Check(o)) return Value(o == Py_True);
  if (PyLong_CheckExact(o)) return Value(obj.cast<std::int64_t>());
  if (PyUnicode_Check(o)) return Value(obj.cast<std::string>());
  // numpy scalars and other number types.
  if (is_bool_like(obj)) return Value(obj.cast<bool>());
  if (py::isinstance<py::int_>(obj) || (py::hasattr(obj, "__index__") && !py::isinstance<py::float_>(obj)))
    return Value(obj.cast<std::int64_t>());
  if (py::isinstance<py::float_>(obj) || py::hasattr(obj, "__float__")) return Value(obj.cast<double>());
  throw SchemaError(std::string(what) + ": expected None, a bool, a number or a string, found " +
                    type_name(obj) + " " + std::string(py::repr(obj)));
}

py::object from_value(const Value& v) {
  return std::visit(
      [](const auto& x) -> py::object {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return py::none();
        else return py::cast(x);
      },
      v.storage());
}

Target to_target(const py::handle& y) {
  py::array arr = py::array::ensure(y);
  if (!arr) throw SchemaError("y: expected a 1-D array of labels, found " + type_name(y));
  if (arr.ndim() != 1)
    throw SchemaError("y: expected a 1-D array of labels, found " + std::to_string(arr.ndim()) +
                      " dimensions");
  const char kind = arr.dtype().kind();
  // Numbers are read from the buffer at once (cast<std::vector> would make a Python object per
  // label: 60 ms for a million).
  if (kind == 'f') {
    const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(arr);
    return Target(std::vector<double>(a.data(), a.data() + a.size()));
  }
  if (kind == 'i' || (kind == 'u' && arr.itemsize() < 8)) {
    const auto a = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(arr);
    return Target(std::vector<std::int64_t>(a.data(), a.data() + a.size()));
  }
  if (kind == 'u') return Target(arr.cast<std::vector<std::int64_t>>());  // refuses > INT64_MAX
  std::vector<Value> values;
  values.reserve(static_cast<std::size_t>(arr.size()));
  for (auto item : arr) values.push_back(to_value(item, "y"));
  return Target(std::move(values));
}

py::array labels_array(const std::vector<Value>& labels, DType type) {
  const auto n = static_cast<py::ssize_t>(labels.size());
  switch (type) {
    case DType::float64: {
      py::array_t<double> a(n);
      auto m = a.mutable_unchecked<1>();
      for (py::ssize_t i = 0; i < n; ++i) m(i) = labels[static_cast<std::size_t>(i)].as_double();
      return std::move(a);
    }
    case DType::int64: {
      py::array_t<std::int64_t> a(n);
      auto m = a.mutable_unchecked<1>();
      for (py::ssize_t i = 0; i < n; ++i) m(i) = labels[static_cast<std::size_t>(i)].as_int();
      return std::move(a);
    }
    case DType::boolean: {
      py::array_t<bool> a(n);
      auto m = a.mutable_unchecked<1>();
      for (py::ssize_t i = 0; i < n; ++i) m(i) = labels[static_cast<std::size_t>(i)].as_bool();
      return std::move(a);
    }
    case DType::string: {
      py::list items;
      for (const auto& v : labels) items.append(from_value(v));
      py::array a = py::module_::import("numpy").attr("array")(items, py::dtype("O"));
      return a;
    }
  }
  return py::array();
}

Row to_row(const py::dict& d) {
  Row r;
  for (auto item : d) {
    if (!py::isinstance<py::str>(item.first))
      throw SchemaError("row: expected column names as strings, found " + type_name(item.first) +
                        " " + std::string(py::repr(item.first)));
    std::string name = item.first.cast<std::string>();
    Value v = PyFloat_CheckExact(item.second.ptr()) ? Value(PyFloat_AS_DOUBLE(item.second.ptr()))
                                                    : to_value(item.second, ("column '" + name + "'").c_str());
    r.set(name, std::move(v));
  }
  return r;
}

Frame frame_from_columns(const std::vector<std::string>& names, const py::list& columns,
                         const py::object& nullable_obj) {
  if (names.size() != columns.size())
    throw SchemaError("expected one column per name (" + std::to_string(names.size()) +
                      " names), found " + std::to_string(columns.size()) + " columns");
  std::vector<bool> nullable(names.size(), true);
  if (!nullable_obj.is_none()) nullable = nullable_obj.cast<std::vector<bool>>();
  Frame f;
  for (std::size_t j = 0; j < names.size(); ++j) {
    py::object col = columns[j];
    std::vector<std::uint8_t> valid;
    if (py::isinstance<py::tuple>(col)) {  // (values, valid mask)
      py::tuple t = col.cast<py::tuple>();
      valid = py::array_t<std::uint8_t, py::array::forcecast>(t[1]).cast<std::vector<std::uint8_t>>();
      col = t[0];
    }
    py::array arr = py::array::ensure(col);
    if (!arr || arr.ndim() != 1)
      throw SchemaError("column '" + names[j] + "': expected a 1-D array");
    const char kind = arr.dtype().kind();
    if (kind == 'f') {
      f.add_float64(names[j], py::array_t<double, py::array::forcecast>(arr).cast<std::vector<double>>(),
                    nullable[j]);
    } else if (kind == 'i' || kind == 'u') {
      f.add_int64(names[j], arr.cast<std::vector<std::int64_t>>(), std::move(valid), nullable[j]);
    } else if (kind == 'b') {
      f.add_bool(names[j], py::array_t<std::uint8_t, py::array::forcecast>(arr).cast<std::vector<std::uint8_t>>(),
                 std::move(valid), nullable[j]);
    } else if (kind == 'O') {
      // Straight over the object pointers, once per cell: each distinct str object is converted
      // once (a column's strings usually repeat), and rows keep codes into the distinct values.
      py::array objects = py::array::ensure(arr, py::array::c_style);
      PyObject* const* cell = static_cast<PyObject* const*>(objects.data());
      const auto n = static_cast<std::size_t>(objects.size());
      std::vector<std::int32_t> codes(n);
      std::vector<std::string> dictionary;
      std::unordered_map<PyObject*, std::int32_t> by_object;
      std::unordered_map<std::string, std::int32_t> by_text;
      for (std::size_t i = 0; i < n; ++i) {
        PyObject* o = cell[i];
        if (o == Py_None) {
          codes[i] = -1;
        } else if (PyUnicode_Check(o)) {
          auto known = by_object.find(o);
          if (known != by_object.end()) {
            codes[i] = known->second;
            continue;
          }
          Py_ssize_t size = 0;
          const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
          if (!utf8) throw py::error_already_set();
          std::string text(utf8, static_cast<std::size_t>(size));
          auto [it, added] = by_text.emplace(text, static_cast<std::int32_t>(dictionary.size()));
          if (added) dictionary.push_back(std::move(text));
          by_object.emplace(o, it->second);
          codes[i] = it->second;
        } else if ((PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o))) ||
                   type_name(py::handle(o)) == "NAType") {  // NaN and pandas.NA: missing too
          codes[i] = -1;
        } else {
          py::handle item(o);
          throw SchemaError("column '" + names[j] + "': expected str or None values, found " +
                            type_name(item) + " " + std::string(py::repr(item)) + " at row " +
                            std::to_string(i));
        }
      }
      f.add_dictionary(names[j], std::move(codes), std::move(dictionary), nullable[j]);
    } else if (kind == 'U') {
      std::vector<std::string> values;
      for (auto item : arr) values.push_back(py::str(item).cast<std::string>());
      f.add_string(names[j], std::move(values), {}, nullable[j]);
    } else {
      throw SchemaError("column '" + names[j] + "': expected float, int, bool or str values, found dtype " +
                        std::string(py::str(arr.dtype())));
    }
  }
  return f;
}

py::list schema_list(const Schema& s) {
  py::list out;
  for (const auto& c : s.columns()) out.append(py::make_tuple(c.name, dtype_str(c.type), c.nullable));
  return out;
}

}  // namespace ferry::python
