#include "steps/checks.hpp"

#include "ferry/value.hpp"

namespace ferry::detail {

std::string num(double v) { return Value(v).to_string(); }

void expect_size(const char* step, const char* field, std::size_t expected, std::size_t found) {
  if (expected != found)
    throw ArtifactError(std::string(step) + ": " + field + " expected " +
                        std::to_string(expected) + " values, found " + std::to_string(found));
}

void expect_finite(const char* step, const char* field, const std::vector<double>& values,
                   bool allow_nan) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    double v = values[i];
    if (std::isinf(v) || (std::isnan(v) && !allow_nan))
      throw ArtifactError(std::string(step) + ": " + field + "[" + std::to_string(i) +
                          "] expected a finite value, found " + num(v));
  }
}

void expect_fitted_width(const char* step, std::size_t n_features_in) {
  if (n_features_in == 0)
    throw ArtifactError(std::string(step) + ": expected at least one input feature, found 0");
}

void expect_enum(const char* step, const char* field, unsigned value, unsigned count) {
  if (value >= count)
    throw ArtifactError(std::string(step) + ": " + field + " expected a value below " +
                        std::to_string(count) + ", found " + std::to_string(value));
}

}  // namespace ferry::detail
