#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
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

/// String values a ColumnSummary keeps at most (the most frequent); the rest are counted together.
inline constexpr std::size_t kMaxSummaryCategories = 100;

/// One input column as the training data held it.
struct ColumnSummary {
  std::uint64_t count = 0;    ///< Values present.
  std::uint64_t missing = 0;  ///< Values missing.
  double min = std::numeric_limits<double>::quiet_NaN();   ///< Smallest number (NaN for strings or no value).
  double max = std::numeric_limits<double>::quiet_NaN();   ///< Largest number (NaN for strings or no value).
  double mean = std::numeric_limits<double>::quiet_NaN();  ///< Mean of the numbers (NaN for strings or no value).
  /// String columns: values seen with their counts, most frequent first (ties by value), at most
  /// kMaxSummaryCategories of them.
  std::vector<std::pair<std::string, std::uint64_t>> categories;
  std::uint64_t other = 0;    ///< Rows holding a string value left out of categories.
};

/// A summary of the data the pipeline was fitted on.
struct TrainingSummary {
  std::uint64_t rows = 0;                  ///< Training rows.
  std::uint64_t columns = 0;               ///< Input columns.
  std::vector<std::uint64_t> class_counts; ///< Rows per class, in classes() order.
  /// One per input column, in schema order (empty in artifacts written before ferry 0.2).
  std::vector<ColumnSummary> column_summaries;
};

/// Rows saved with an artifact and the outputs they gave, recomputed when it is loaded.
struct VerifySet {
  std::vector<std::vector<Value>> rows;  ///< Input rows in schema order (null = missing).
  std::size_t width = 0;                 ///< Outputs per row: n_outputs() of the pipeline.
  /// rows.size() x width: decision_function() for a pipeline with a model, transform() without.
  std::vector<double> expected;
};

/// Facts stored with an artifact.
struct Metadata {
  std::string ferry_version;               ///< Version of the library that fitted the pipeline.
  std::string created_utc;                 ///< Fit time, ISO 8601 UTC, e.g. 2026-11-25T12:00:00Z.
  std::map<std::string, std::string> tags; ///< User tags given to save().
  TrainingSummary training;                ///< What the pipeline was fitted on.
  std::map<std::string, double> metrics;   ///< Training metrics given to save().
  /// Each step's parameters as scikit-learn names them, as JSON text by step name (the Python
  /// package writes them on save; empty otherwise).
  std::map<std::string, std::string> params;
  VerifySet verify;                        ///< Rows checked on load (none when empty).
};

}  // namespace ferry
