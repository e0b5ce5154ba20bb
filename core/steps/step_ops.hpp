#pragma once
// The operations every step kind implements, one .cpp per kind. The pipeline reaches them through
// std::visit; nothing outside core/steps knows a step's math.
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "ferry/step.hpp"
#include "pipeline/chain.hpp"
#include "steps/fit_input.hpp"

namespace ferry::detail {

template <class T> struct IsModel : std::false_type {};
template <> struct IsModel<LogisticRegression> : std::true_type {};
template <> struct IsModel<LinearRegression> : std::true_type {};
template <> struct IsModel<Ridge> : std::true_type {};
template <> struct IsModel<Lasso> : std::true_type {};
template <> struct IsModel<ElasticNet> : std::true_type {};
template <> struct IsModel<PoissonRegressor> : std::true_type {};
template <class T> inline constexpr bool is_model_v = IsModel<T>::value;

// Kinds that read text columns (and typed blocks); every other kind reads numbers only.
template <class T> struct ReadsText : std::false_type {};
template <> struct ReadsText<OneHotEncoder> : std::true_type {};
template <> struct ReadsText<ColumnTransformer> : std::true_type {};
template <> struct ReadsText<OrdinalEncoder> : std::true_type {};
template <> struct ReadsText<SimpleImputer> : std::true_type {};
template <> struct ReadsText<MissingIndicator> : std::true_type {};
template <> struct ReadsText<Expressions> : std::true_type {};
template <class T> inline constexpr bool reads_text_v = ReadsText<T>::value;

// Whether a step accepts missing (NaN) input. Models do not, nor do the kinds scikit-learn refuses
// NaN for; fit refuses missing values that would reach such a step, and marks the input columns
// they come from not nullable, so serving refuses them too.
template <class T> struct TakesMissing : std::bool_constant<!IsModel<T>::value> {};
template <> struct TakesMissing<Normalizer> : std::false_type {};
template <> struct TakesMissing<Binarizer> : std::false_type {};
template <> struct TakesMissing<PolynomialFeatures> : std::false_type {};
template <> struct TakesMissing<PCA> : std::false_type {};
template <> struct TakesMissing<KBinsDiscretizer> : std::false_type {};
template <class T> inline constexpr bool takes_missing_v = TakesMissing<T>::value;

// Stable ids written into artifacts; never reuse or renumber.
enum class StepKind : std::uint16_t {
  simple_imputer = 1,
  standard_scaler = 2,
  logistic_regression = 3,
  linear_regression = 4,
  ridge = 5,
  min_max_scaler = 6,
  max_abs_scaler = 7,
  robust_scaler = 8,
  normalizer = 9,
  binarizer = 10,
  lasso = 11,
  elastic_net = 12,
  poisson_regressor = 13,
  one_hot_encoder = 14,
  ordinal_encoder = 15,
  missing_indicator = 16,
  column_transformer = 17,
  polynomial_features = 18,
  pca = 19,
  kbins_discretizer = 20,
  expressions = 21,
};

// --- per kind: declared here, defined in steps/<kind>.cpp -----------------------------------
// check_params: throws ParameterError naming the parameter, expected range, found value.
// fit: fits from a FitInput (features already checked finite where the kind needs it).
// n_out: output width (transformers) or number of decision values (models).
// transform_row / decision_row: the row kernel; reads n_features_in_ values, writes n_out values;
//   scalar loops in a fixed order so every caller gets the same bits; never allocates.
// validate: after load; throws ArtifactError unless every fitted field is consistent and finite.
// names_out: output feature names from input names (transformers).
// missing_out: from flags per input feature (may be missing), flags per output feature.

#define FERRY_STEP_OPS(T)                                                                       \
  void check_params(const T& s);                                                                \
  void fit(T& s, const FitInput& in);                                                           \
  std::size_t n_out(const T& s);                                                                \
  void validate(const T& s);                                                                    \
  std::vector<std::string> names_out(const T& s, const std::vector<std::string>& in);           \
  std::vector<bool> missing_out(const T& s, const std::vector<bool>& in);

FERRY_STEP_OPS(SimpleImputer)
FERRY_STEP_OPS(StandardScaler)
FERRY_STEP_OPS(LogisticRegression)
FERRY_STEP_OPS(LinearRegression)
FERRY_STEP_OPS(Ridge)
FERRY_STEP_OPS(MinMaxScaler)
FERRY_STEP_OPS(MaxAbsScaler)
FERRY_STEP_OPS(RobustScaler)
FERRY_STEP_OPS(Normalizer)
FERRY_STEP_OPS(Binarizer)
FERRY_STEP_OPS(Lasso)
FERRY_STEP_OPS(ElasticNet)
FERRY_STEP_OPS(PoissonRegressor)
FERRY_STEP_OPS(OneHotEncoder)
FERRY_STEP_OPS(ColumnTransformer)
FERRY_STEP_OPS(OrdinalEncoder)
FERRY_STEP_OPS(MissingIndicator)
FERRY_STEP_OPS(PolynomialFeatures)
FERRY_STEP_OPS(PCA)
FERRY_STEP_OPS(KBinsDiscretizer)
FERRY_STEP_OPS(Expressions)
#undef FERRY_STEP_OPS

// --- sources_out: per output feature, the input features it reads (transformers; see
// steps/sources.hpp). n_in is the step's input width.
#define FERRY_STEP_SOURCES(T) std::vector<std::vector<std::size_t>> sources_out(const T& s, std::size_t n_in);
FERRY_STEP_SOURCES(SimpleImputer)
FERRY_STEP_SOURCES(StandardScaler)
FERRY_STEP_SOURCES(MinMaxScaler)
FERRY_STEP_SOURCES(MaxAbsScaler)
FERRY_STEP_SOURCES(RobustScaler)
FERRY_STEP_SOURCES(Normalizer)
FERRY_STEP_SOURCES(Binarizer)
FERRY_STEP_SOURCES(OneHotEncoder)
FERRY_STEP_SOURCES(ColumnTransformer)
FERRY_STEP_SOURCES(OrdinalEncoder)
FERRY_STEP_SOURCES(MissingIndicator)
FERRY_STEP_SOURCES(PolynomialFeatures)
FERRY_STEP_SOURCES(PCA)
FERRY_STEP_SOURCES(KBinsDiscretizer)
FERRY_STEP_SOURCES(Expressions)
#undef FERRY_STEP_SOURCES

// --- typed blocks: the kinds that read text ---------------------------------------------------
// transform_cols: like transform_block over a typed block (ld = n); writes n_out columns to out
//   (and to out_str where types_out says string; out_str is null when none is); never allocates,
//   working memory comes from the arena.
// types_out: output column types from input types.
// arena_need: arena doubles and string views per block row the kind needs beyond its output.
// prepare: builds the derived lookup fields (after fit and after load); a no-op for other kinds.
void transform_cols(const OneHotEncoder& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena);
void transform_cols(const ColumnTransformer& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena);
void transform_cols(const OrdinalEncoder& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena);
void transform_cols(const SimpleImputer& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena);
void transform_cols(const MissingIndicator& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena);
void transform_cols(const Expressions& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena);
std::vector<DType> types_out(const SimpleImputer& s, const std::vector<DType>& in);
std::vector<DType> types_out(const MissingIndicator& s, const std::vector<DType>& in);
std::vector<DType> types_out(const ColumnTransformer& s, const std::vector<DType>& in);
std::vector<DType> types_out(const Expressions& s, const std::vector<DType>& in);
void arena_need(const ColumnTransformer& s, std::size_t& num, std::size_t& str);
void arena_need(const Expressions& s, std::size_t& num, std::size_t& str);
template <class T> void arena_need(const T&, std::size_t&, std::size_t&) {}
void prepare(OneHotEncoder& s);
void prepare(ColumnTransformer& s);
void prepare(OrdinalEncoder& s);
void prepare(PolynomialFeatures& s);
void prepare(PCA& s);
void prepare(Expressions& s);
template <class T> void prepare(T&) {}

// The kernels work on blocks of n rows stored column by column: value (row i, feature j) at
// [j * ld + i]. A single row is the block n = ld = 1, so one row alone and the same row inside
// any batch go through the same operations in the same order: identical bits.
void transform_block(const StandardScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const MinMaxScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const MaxAbsScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const RobustScaler& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const Normalizer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const Binarizer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const PolynomialFeatures& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);
void transform_block(const PCA& s, const double* in, double* out, std::size_t n, std::size_t ld);
void transform_block(const KBinsDiscretizer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld);

// Decision values, column by column like the input: (row i, output r) at [r * ld + i].
void decision_block(const LogisticRegression& s, const double* in, double* out, std::size_t n,
                    std::size_t ld);
void decision_block(const LinearRegression& s, const double* in, double* out, std::size_t n,
                    std::size_t ld);
void decision_block(const Ridge& s, const double* in, double* out, std::size_t n, std::size_t ld);
void decision_block(const Lasso& s, const double* in, double* out, std::size_t n, std::size_t ld);
void decision_block(const ElasticNet& s, const double* in, double* out, std::size_t n,
                    std::size_t ld);
// PoissonRegressor's decision value is its prediction, the mean exp(x coef + intercept).
void decision_block(const PoissonRegressor& s, const double* in, double* out, std::size_t n,
                    std::size_t ld);

// Probabilities from a block of decision values (classifiers only), written row after row:
// (row i, class k) at out[i * n_classes_ + k].
void proba_block(const LogisticRegression& s, const double* decision, std::size_t n,
                 std::size_t ld, double* out);

// Shared by the linear models: out[i] = sum_j coef[j] * in[j * ld + i] (in order j = 0, 1, ...)
// + intercept.
void linear_block(const double* coef, std::size_t p, double intercept, const double* in,
                  double* out, std::size_t n, std::size_t ld);

/// Input width a fitted step expects.
template <class T> std::size_t n_in(const T& s) { return s.n_features_in_; }

template <class T>
std::vector<DType> types_out(const T& s, const std::vector<DType>&) {
  return std::vector<DType>(n_out(s), DType::float64);
}

StepKind step_kind(const Step& step);

/// Whether the step accepts missing (NaN) input (TakesMissing).
bool takes_missing(const Step& step);

}  // namespace ferry::detail
