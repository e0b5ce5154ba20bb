#pragma once
// A small C++ facade over ferry::Pipeline for the SWIG/JNI layer. It exists so that the SWIG
// interface (ferry.i) only converts arguments: every method takes flat arrays the JNI typemaps
// can fill with one copy, and returns plain containers the typemaps turn into new Java arrays.
// No math lives here; every number comes from the core.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ferry/pipeline.hpp"

namespace ferry_jni {

/// Returned to Java as a new double[].
struct DoubleArray {
  std::vector<double> values;
};

/// Returned to Java as a new String[] (UTF-8 here, UTF-16 in Java).
struct StringArray {
  std::vector<std::string> values;
};

/// Cell kinds of the parallel-array row encoding (CellKind in Pipeline.java must agree).
enum CellKind : std::int8_t { cell_null = 0, cell_double = 1, cell_int64 = 2, cell_bool = 3, cell_string = 4 };

/// A loaded pipeline. Const methods are thread-safe (they only call the core's const methods).
class NativePipeline {
 public:
  /// Reads artifact bytes; throws ferry::ArtifactError on anything but a valid artifact (and,
  /// when verify is set, on stored verify rows that give other outputs).
  static NativePipeline* from_bytes(const std::uint8_t* BYTES, std::size_t N_BYTES, bool verify);
  /// Reads an artifact file; throws ferry::ArtifactError when unreadable or invalid.
  static NativePipeline* load(const std::string& path, bool verify);
  /// Recomputes the stored verify rows; throws ferry::ArtifactError when they differ.
  void verify() const { pipeline_.verify(); }
  /// The model id (ferry::Pipeline::model_id).
  std::string model_id() const { return pipeline_.model_id(); }

  /// Format version of the artifact this pipeline was read from.
  int format_version() const { return format_version_; }
  /// 0 transform only, 1 classification, 2 regression (ferry::Task).
  int task() const;
  /// Values per row returned by predict_proba (classes) or decision_function.
  std::size_t n_outputs() const;

  /// Input column names in schema order.
  StringArray column_names() const;
  /// Input column types in schema order: "float64", "int64", "string", "bool".
  StringArray column_types() const;
  /// Whether input column i may be missing.
  bool column_nullable(std::size_t i) const;

  /// Number of classes (0 unless classification).
  std::size_t n_classes() const;
  /// Kind of class i (a CellKind).
  int class_kind(std::size_t i) const;
  /// Class i as a double (kind cell_double).
  double class_double(std::size_t i) const;
  /// Class i as an int64 (kind cell_int64) or 0/1 (kind cell_bool).
  std::int64_t class_long(std::size_t i) const;
  /// Class i as a string (kind cell_string).
  std::string class_string(std::size_t i) const;

  /// Metadata flattened to key, value, key, value, ...
  StringArray metadata() const;

  /// Numeric rows in schema order, row-major, n_cols values each.
  DoubleArray predict_proba_numeric(const double* DOUBLES, std::size_t N_DOUBLES, std::size_t n_rows) const;
  /// Decision function for numeric rows.
  DoubleArray decision_function_numeric(const double* DOUBLES, std::size_t N_DOUBLES, std::size_t n_rows) const;
  /// Predictions for numeric rows: the class index into classes() for classifiers, the value for
  /// regressors.
  DoubleArray predict_numeric(const double* DOUBLES, std::size_t N_DOUBLES, std::size_t n_rows) const;

  /// Values per row that numeric_into writes: kind 0 predict_proba (one per class), kind 1
  /// decision_function (n_outputs()).
  std::size_t numeric_width(int kind) const;
  /// Zero-allocation numeric path for the hand-written JNI entry point in ferry.i: kind 0
  /// predict_proba, kind 1 decision_function of n_rows rows (row-major, n_values values in all)
  /// into out[n_out], where n_out must be n_rows * numeric_width(kind). One row goes through the
  /// core's single-row kernel, more through its batch kernel (the same calls as the *_numeric
  /// methods, so the same bits). Throws like the core; calls nothing in the JVM.
  void numeric_into(int kind, const double* rows, std::size_t n_values, std::size_t n_rows, double* out,
                    std::size_t n_out) const;

  /// Rows given as cells: row r owns cells [OFFSETS[r], OFFSETS[r+1]); cell i has a name, a kind
  /// (CellKind) and its value in doubles[i], longs[i] or strings[i] by kind.
  DoubleArray predict_proba_cells(const std::int32_t* OFFSETS, std::size_t N_OFFSETS,
                                  const std::vector<std::string>& NAMES, const std::int8_t* KINDS,
                                  std::size_t N_KINDS, const double* DOUBLES, std::size_t N_DOUBLES,
                                  const std::int64_t* LONGS, std::size_t N_LONGS,
                                  const std::vector<std::string>& STRINGS) const;
  /// Decision function for rows given as cells.
  DoubleArray decision_function_cells(const std::int32_t* OFFSETS, std::size_t N_OFFSETS,
                                      const std::vector<std::string>& NAMES, const std::int8_t* KINDS,
                                      std::size_t N_KINDS, const double* DOUBLES, std::size_t N_DOUBLES,
                                      const std::int64_t* LONGS, std::size_t N_LONGS,
                                      const std::vector<std::string>& STRINGS) const;
  /// Explanation of one row given as cells: per decision value, one part per schema column then
  /// the intercept (decision values x (columns + 1), row-major).
  DoubleArray explain_cells(const std::int32_t* OFFSETS, std::size_t N_OFFSETS,
                            const std::vector<std::string>& NAMES, const std::int8_t* KINDS,
                            std::size_t N_KINDS, const double* DOUBLES, std::size_t N_DOUBLES,
                            const std::int64_t* LONGS, std::size_t N_LONGS,
                            const std::vector<std::string>& STRINGS) const;
  /// Predictions (class index or value, as predict_numeric) for rows given as cells.
  DoubleArray predict_cells(const std::int32_t* OFFSETS, std::size_t N_OFFSETS,
                            const std::vector<std::string>& NAMES, const std::int8_t* KINDS,
                            std::size_t N_KINDS, const double* DOUBLES, std::size_t N_DOUBLES,
                            const std::int64_t* LONGS, std::size_t N_LONGS,
                            const std::vector<std::string>& STRINGS) const;

 private:
  NativePipeline(ferry::Pipeline pipeline, int format_version)
      : pipeline_(std::move(pipeline)), format_version_(format_version) {}

  ferry::Pipeline pipeline_;
  int format_version_;
};

}  // namespace ferry_jni
