#include "ferry/errors.hpp"

namespace ferry {

// Out-of-line destructors anchor each class's type info in the library, so a catch in another
// module (a binding, a consumer) matches the type thrown here.
Error::Error(const std::string& message) : std::runtime_error(message) {}
Error::~Error() = default;
ArtifactError::ArtifactError(const std::string& message) : Error(message) {}
ArtifactError::~ArtifactError() = default;
SchemaError::SchemaError(const std::string& message) : Error(message) {}
SchemaError::~SchemaError() = default;
NotFittedError::NotFittedError(const std::string& message) : Error(message) {}
NotFittedError::~NotFittedError() = default;
ParameterError::ParameterError(const std::string& message) : Error(message) {}
ParameterError::~ParameterError() = default;

}  // namespace ferry
