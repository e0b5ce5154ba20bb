#pragma once
#include <stdexcept>
#include <string>

#include "ferry/export.hpp"

namespace ferry {

/// Base of every error ferry throws; what() names what was expected and what was found.
class FERRY_API Error : public std::runtime_error {
 public:
  /// Builds an error carrying the full message.
  explicit Error(const std::string& message);
  ~Error() override;
};

/// An artifact could not be read: not a ferry file, corrupt, truncated, or from a newer format.
class FERRY_API ArtifactError : public Error {
 public:
  /// Builds an artifact error carrying the full message.
  explicit ArtifactError(const std::string& message);
  ~ArtifactError() override;
};

/// Input does not match the schema: missing column, wrong type, missing value where none allowed,
/// wrong width.
class FERRY_API SchemaError : public Error {
 public:
  /// Builds a schema error carrying the full message.
  explicit SchemaError(const std::string& message);
  ~SchemaError() override;
};

/// A method that needs a fitted pipeline was called before fit() or load().
class FERRY_API NotFittedError : public Error {
 public:
  /// Builds a not-fitted error carrying the full message.
  explicit NotFittedError(const std::string& message);
  ~NotFittedError() override;
};

/// A hyperparameter or argument is out of its valid range.
class FERRY_API ParameterError : public Error {
 public:
  /// Builds a parameter error carrying the full message.
  explicit ParameterError(const std::string& message);
  ~ParameterError() override;
};

}  // namespace ferry
