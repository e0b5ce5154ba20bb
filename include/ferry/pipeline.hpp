#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ferry/array.hpp"
#include "ferry/explanation.hpp"
#include "ferry/export.hpp"
#include "ferry/frame.hpp"
#include "ferry/metadata.hpp"
#include "ferry/schema.hpp"
#include "ferry/step.hpp"
#include "ferry/value.hpp"

namespace ferry {

/// Training labels: class labels (double, int64, bool or string) or regression targets.
class FERRY_API Target {
 public:
  /// No labels: for fitting a pipeline without a model (with sample weights, say).
  Target() = default;
  /// Float64 targets (regression values or numeric class labels).
  Target(std::vector<double> values);
  /// Int64 class labels (or integer regression targets).
  Target(std::vector<std::int64_t> values);
  /// String class labels.
  Target(std::vector<std::string> values);
  /// Labels of any type from Values (all of one type, none null).
  Target(std::vector<Value> values);

  /// Number of labels.
  std::size_t size() const { return values_.size(); }
  /// The labels.
  const std::vector<Value>& values() const { return values_; }
  /// The label type.
  DType type() const { return type_; }

 private:
  std::vector<Value> values_;
  DType type_ = DType::float64;
};

/// What save() and to_bytes() store beside the fitted pipeline.
struct FERRY_API SaveOptions {
  /// No tags, metrics, parameters or verify rows. (User-provided, so that SaveOptions is not an
  /// aggregate and save(path, {{"key", "value"}}) still means tags.)
  SaveOptions() {}
  std::map<std::string, std::string> tags;    ///< User tags (added to those already present).
  std::map<std::string, double> metrics;      ///< Training metrics, e.g. {"roc_auc", 0.83}.
  std::map<std::string, std::string> params;  ///< Parameters per step name, as JSON text.
  /// Rows (any subset of the training columns' schema, matched by name) whose outputs are stored
  /// and recomputed on load; none when it has no rows. Replaces rows stored before.
  Frame verify_rows;
};

/// An ordered chain of named steps, the last of which may be a model. Fit it, or load a fitted one;
/// a fitted or loaded pipeline never changes, and every const method may be called from many
/// threads at once. Copies share the fitted state.
class FERRY_API Pipeline {
 public:
  /// An unfitted pipeline of the given steps; throws ParameterError on an empty or duplicate step
  /// name, or a model anywhere but last.
  explicit Pipeline(std::vector<NamedStep> steps);

  /// Fits every step in order on the frame; records its schema as the input schema. A pipeline
  /// without a model takes an empty Target (labels are ignored then); a model needs labels.
  /// sample_weight is empty or one non-negative weight per row; it weights every step that
  /// takes weights (StandardScaler's moments and the model), unlike scikit-learn's Pipeline,
  /// which routes weights to the steps named in fit's arguments. Returns *this.
  Pipeline& fit(const Frame& X, const Target& y, const std::vector<double>& sample_weight = {});
  /// Fits a pipeline without a model (transformers only).
  Pipeline& fit(const Frame& X);
  /// Fits on numeric rows read in place: n_rows rows of n_cols values (row-major, NaN = missing),
  /// the columns float64 and named by names. The same fit as on Frame::from_matrix(names, rows,
  /// n_rows, n_cols), without copying the rows into a Frame. Returns *this.
  Pipeline& fit(const double* rows, std::size_t n_rows, std::size_t n_cols,
                const std::vector<std::string>& names, const Target& y,
                const std::vector<double>& sample_weight = {});

  /// True once fitted or loaded.
  bool is_fitted() const;
  /// The steps, with their parameters and, once fitted, fitted attributes.
  const std::vector<NamedStep>& steps() const;
  /// The input schema recorded at fit.
  const Schema& input_schema() const;
  /// The output description (task and classes).
  const OutputSpec& output() const;
  /// The classes in predict_proba column order (empty for regression and transform-only).
  const std::vector<Value>& classes() const;
  /// Metadata: version, creation time, tags, training summary.
  const Metadata& metadata() const;
  /// Names of the features the transformers produce (the model's input).
  std::vector<std::string> feature_names_out() const;
  /// Width of the transformed features.
  std::size_t n_features_out() const;
  /// Number of decision values per row: 1 for binary classifiers and regressors, one per class for
  /// multinomial ones, the output width for transform-only pipelines (predict_proba returns
  /// classes().size() values).
  std::size_t n_outputs() const;

  /// Transforms one row through every transformer (the model, if any, is skipped).
  std::vector<double> transform(const Row& row) const;
  /// Transforms a frame through every transformer.
  Array2D transform(const Frame& X) const;

  /// The class label (classification) or the value (regression) for one row.
  Value predict(const Row& row) const;
  /// Predictions for every row of a frame.
  std::vector<Value> predict(const Frame& X) const;
  /// Class probabilities in classes() order for one row.
  std::vector<double> predict_proba(const Row& row) const;
  /// Class probabilities, rows x classes.
  Array2D predict_proba(const Frame& X) const;
  /// Decision function for one row: 1 value for binary classifiers and regressors, one per class
  /// for multinomial ones.
  std::vector<double> decision_function(const Row& row) const;
  /// Decision function, rows x n_outputs().
  Array2D decision_function(const Frame& X) const;

  /// Splits decision_function(row) into additive parts per input column (see Explanation); throws
  /// ParameterError when the pipeline does not end in a linear model.
  Explanation explain(const Row& row) const;
  /// Fast path: probabilities from one numeric row in schema order into out[n_outputs()];
  /// allocates nothing once the calling thread has made one call.
  void predict_proba(const double* row, std::size_t n, double* out, std::size_t out_n) const;
  /// Fast path: decision function from one numeric row into out[n_outputs()].
  void decision_function(const double* row, std::size_t n, double* out, std::size_t out_n) const;
  /// Fast path: index into classes() of the predicted class for one numeric row.
  std::size_t predict_index(const double* row, std::size_t n) const;
  /// Fast path: the regression prediction for one numeric row.
  double predict_value(const double* row, std::size_t n) const;
  /// Fast batch path: probabilities for n_rows numeric rows (row-major, n_cols each) into
  /// out[n_rows * n_outputs()]; each row goes through the same kernel as the single-row path.
  void predict_proba(const double* rows, std::size_t n_rows, std::size_t n_cols, double* out) const;
  /// Fast batch path: the transformers' output for numeric rows (row-major, n_cols each).
  Array2D transform(const double* rows, std::size_t n_rows, std::size_t n_cols) const;
  /// Fast batch path: decision function into out[n_rows * n_outputs()].
  void decision_function(const double* rows, std::size_t n_rows, std::size_t n_cols,
                         double* out) const;

  /// The artifact bytes of this fitted pipeline, with optional user tags stored in metadata.
  std::vector<std::uint8_t> to_bytes(const std::map<std::string, std::string>& tags = {}) const;
  /// The artifact bytes with tags, metrics, parameters and verify rows stored in metadata.
  std::vector<std::uint8_t> to_bytes(const SaveOptions& options) const;
  /// Writes the artifact atomically (temporary file, then rename).
  void save(const std::string& path, const std::map<std::string, std::string>& tags = {}) const;
  /// Writes the artifact with the given options atomically.
  void save(const std::string& path, const SaveOptions& options) const;
  /// Reads a pipeline from artifact bytes; throws ArtifactError on anything but a valid artifact,
  /// and, when verify is set, on stored verify rows whose outputs differ (see verify()).
  static Pipeline from_bytes(const std::uint8_t* data, std::size_t size, bool verify = true);
  /// Reads a pipeline from artifact bytes.
  static Pipeline from_bytes(const std::vector<std::uint8_t>& bytes, bool verify = true);
  /// Reads a pipeline from a file; throws ArtifactError when unreadable or invalid.
  static Pipeline load(const std::string& path, bool verify = true);
  /// Recomputes the stored verify rows; throws ArtifactError naming the first output that differs
  /// from the stored one by more than 1e-9 relative (NaN must stay NaN). Outputs agree to the bit
  /// on one machine; the tolerance admits last-bit libm differences between CPUs only.
  void verify() const;
  /// A stable id of the fitted model: SHA-256 (hex) of the stored steps, schema and output
  /// description, so unaffected by metadata (tags, metrics, verify rows, creation time).
  std::string model_id() const;

  /// The artifact format version this library writes.
  static std::uint32_t format_version();
  /// The format version of the artifact this pipeline was loaded from (format_version() for a
  /// pipeline fitted in this process).
  std::uint32_t artifact_format_version() const;

  /// Internal state; not part of the API.
  struct State;

 private:
  explicit Pipeline(std::shared_ptr<const State> state);
  const State& fitted(const char* what) const;

  std::vector<NamedStep> spec_;
  std::shared_ptr<const State> state_;
};

}  // namespace ferry
