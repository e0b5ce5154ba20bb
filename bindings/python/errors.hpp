#pragma once
#include <pybind11/pybind11.h>

#include "ferry/errors.hpp"

namespace ferry::python {
namespace py = pybind11;
/// Maps ferry::Error and its subclasses to ferry._errors' classes, message kept whole.
void register_errors(py::module_& m);
}  // namespace ferry::python
