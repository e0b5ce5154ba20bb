#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ferry/schema.hpp"
#include "ferry/value.hpp"

namespace ferry {

/// What the pipeline's last step produces. Values are part of the artifact format.
enum class Task : std::uint8_t { transform = 0, classification = 1, regression = 2 };

/// The output description: the task and, for classifiers, the classes in output order.
struct OutputSpec {
  Task task = Task::transform;        ///< What predict() returns.
  DType label_type = DType::float64;  ///< Type of the training labels (classification).
  std::vector<Value> classes;         ///< Sorted class labels; predict_proba columns follow them.
};

/// A summary of the data the pipeline was fitted on.
struct TrainingSummary {
  std::uint64_t rows = 0;                  ///< Training rows.
  std::uint64_t columns = 0;               ///< Input columns.
  std::vector<std::uint64_t> class_counts; ///< Rows per class, in classes() order.
};

/// Facts stored with an artifact.
struct Metadata {
  std::string ferry_version;               ///< Version of the library that fitted the pipeline.
  std::string created_utc;                 ///< Fit time, ISO 8601 UTC, e.g. 2026-11-25T12:00:00Z.
  std::map<std::string, std::string> tags; ///< User tags given to save().
  TrainingSummary training;                ///< What the pipeline was fitted on.
};

}  // namespace ferry
