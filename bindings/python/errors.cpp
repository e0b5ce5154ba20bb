// One translation of the core's error family into the Python classes of ferry._errors, looked
// up when an error is raised so the module imports without them.
#include "errors.hpp"

#include <cstring>

namespace ferry::python {

namespace {
void raise(const char* cls, const char* message) {
  py::object type = py::module_::import("ferry._errors").attr(cls);
  PyErr_SetString(type.ptr(), message);
}
}  // namespace

void register_errors(py::module_& m) {
  (void)m;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ArtifactError& e) {
      raise("ArtifactError", e.what());
    } catch (const SchemaError& e) {
      raise("SchemaError", e.what());
    } catch (const NotFittedError& e) {
      raise("NotFittedError", e.what());
    } catch (const ParameterError& e) {
      raise("ParameterError", e.what());
    } catch (const Error& e) {
      raise("FerryError", e.what());
    }
  });
}

}  // namespace ferry::python
