#pragma once
// Conversions between Python objects and ferry's C++ types. Conversion only: no math here.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "ferry/ferry.hpp"

namespace ferry::python {

namespace py = pybind11;

/// Builds a step from its kind name and scikit-learn-named parameters.
Step make_step(const std::string& kind, const py::dict& params);
/// The step's parameters with scikit-learn's names.
py::dict step_params(const Step& step);
/// The step's fitted attributes with scikit-learn's names (empty when unfitted).
py::dict step_fitted(const Step& step);
/// Every kind make_step accepts.
std::vector<std::string> step_kinds();

/// A Value from a Python scalar (None, bool, int, float, str, numpy scalars).
Value to_value(const py::handle& obj, const char* what);
/// A Python object from a Value.
py::object from_value(const Value& v);
/// Labels (numpy array or sequence) as a Target.
Target to_target(const py::handle& y);
/// A typed numpy array of labels (object array for strings).
py::array labels_array(const std::vector<Value>& labels, DType type);
/// A Row from a dict of column name -> scalar.
Row to_row(const py::dict& d);
/// A Frame from column names and 1-D arrays (float64, int64, bool, object of str/None).
Frame frame_from_columns(const std::vector<std::string>& names, const py::list& columns,
                         const py::object& nullable);
/// The dtype name of a schema column type.
const char* dtype_str(DType t);
/// A schema as [(name, dtype, nullable)].
py::list schema_list(const Schema& s);

}  // namespace ferry::python
