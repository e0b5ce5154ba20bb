#pragma once
// Payload encoding of the steps and of the whole stored state. Included by codec.cpp only.
//
// A step is written as its name, its stable kind id (StepKind, u16) and then its fields. The id
// is the format's, not std::variant's index and not cereal's polymorphic registry, so reordering
// the variant cannot change files and a file can only name kinds this reader knows. Loaders read
// fields only: whether they are consistent is detail::validate's job (see validate.cpp).
#include <cereal/cereal.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "artifact/bounded_io.hpp"
#include "artifact/serialize_data.hpp"
#include "expr/ast.hpp"
#include "ferry/step.hpp"
#include "pipeline/state.hpp"
#include "steps/step_ops.hpp"

CEREAL_CLASS_VERSION(ferry::SimpleImputer, 2)
CEREAL_CLASS_VERSION(ferry::StandardScaler, 1)
CEREAL_CLASS_VERSION(ferry::LogisticRegression, 2)
CEREAL_CLASS_VERSION(ferry::LinearRegression, 1)
CEREAL_CLASS_VERSION(ferry::Ridge, 1)
CEREAL_CLASS_VERSION(ferry::MinMaxScaler, 1)
CEREAL_CLASS_VERSION(ferry::MaxAbsScaler, 1)
CEREAL_CLASS_VERSION(ferry::RobustScaler, 1)
CEREAL_CLASS_VERSION(ferry::Normalizer, 1)
CEREAL_CLASS_VERSION(ferry::Binarizer, 1)
CEREAL_CLASS_VERSION(ferry::OneHotEncoder, 1)
CEREAL_CLASS_VERSION(ferry::ColumnTransformer, 1)
CEREAL_CLASS_VERSION(ferry::OrdinalEncoder, 1)
CEREAL_CLASS_VERSION(ferry::MissingIndicator, 1)
CEREAL_CLASS_VERSION(ferry::PolynomialFeatures, 1)
CEREAL_CLASS_VERSION(ferry::PCA, 1)
CEREAL_CLASS_VERSION(ferry::KBinsDiscretizer, 1)
CEREAL_CLASS_VERSION(ferry::Lasso, 1)
CEREAL_CLASS_VERSION(ferry::ElasticNet, 1)
CEREAL_CLASS_VERSION(ferry::PoissonRegressor, 1)
CEREAL_CLASS_VERSION(ferry::Expressions, 1)
CEREAL_CLASS_VERSION(ferry::NamedStep, 1)
CEREAL_CLASS_VERSION(ferry::Pipeline::State, 1)

namespace ferry {

// --- shared shapes: lists of values, strings, types, positions ------------------------------

namespace detail {

inline void write_values(Writer& ar, const std::vector<Value>& values) {
  write_size(ar, values.size());
  for (const Value& v : values) ar(v);
}
inline std::vector<Value> read_values(Reader& ar, const char* field) {
  std::vector<Value> values(read_count(ar, field, 1));  // a value takes at least its tag
  for (Value& v : values) ar(v);
  return values;
}
// Per-column lists (the encoders' categories) and per-column 0/1 masks (their infrequent flags).
inline void write_value_lists(Writer& ar, const std::vector<std::vector<Value>>& lists) {
  write_size(ar, lists.size());
  for (const auto& list : lists) write_values(ar, list);
}
inline std::vector<std::vector<Value>> read_value_lists(Reader& ar, const char* field) {
  std::vector<std::vector<Value>> lists(read_count(ar, field, 8));
  for (auto& list : lists) list = read_values(ar, field);
  return lists;
}
inline void write_masks(Writer& ar, const std::vector<std::vector<std::uint8_t>>& masks) {
  write_size(ar, masks.size());
  for (const auto& mask : masks) write_numbers(ar, mask);
}
inline std::vector<std::vector<std::uint8_t>> read_masks(Reader& ar, const char* field) {
  std::vector<std::vector<std::uint8_t>> masks(read_count(ar, field, 8));
  for (auto& mask : masks) mask = read_numbers<std::uint8_t>(ar, field);
  return masks;
}
inline void write_strings(Writer& ar, const std::vector<std::string>& values) {
  write_size(ar, values.size());
  for (const std::string& v : values) write_string(ar, v);
}
inline std::vector<std::string> read_strings(Reader& ar, const char* field) {
  std::vector<std::string> values(read_count(ar, field, 8));  // each has a u64 size tag
  for (std::string& v : values) v = read_string(ar, field);
  return values;
}
inline void write_types(Writer& ar, const std::vector<DType>& types) {
  write_size(ar, types.size());
  for (DType t : types) write_enum(ar, t);
}
inline std::vector<DType> read_types(Reader& ar, const char* field) {
  std::vector<DType> types(read_count(ar, field, 1));
  for (DType& t : types) t = read_enum(ar, field, DType::boolean);
  return types;
}
inline void write_positions(Writer& ar, const std::vector<std::size_t>& values) {
  write_size(ar, values.size());
  for (std::size_t v : values) write_size(ar, v);
}
inline std::vector<std::size_t> read_positions(Reader& ar, const char* field) {
  std::vector<std::size_t> values(read_count(ar, field, 8));
  for (std::size_t& v : values) v = read_size(ar, field);
  return values;
}

// Steps nest inside ColumnTransformer branches; a file must not nest deeper than this, so a
// crafted one cannot exhaust the stack.
inline constexpr int kMaxNesting = 8;
inline int& nesting_depth() {
  thread_local int depth = 0;
  return depth;
}
struct NestingGuard {
  NestingGuard() {
    if (++nesting_depth() > kMaxNesting) {
      --nesting_depth();
      corrupt("ColumnTransformer: nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
  }
  ~NestingGuard() { --nesting_depth(); }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
};

}  // namespace detail

// --- SimpleImputer --------------------------------------------------------------------------

inline void save(detail::Writer& ar, const SimpleImputer& s, std::uint32_t) {
  detail::write_enum(ar, s.strategy);
  ar(s.missing_values, s.fill_value);
  detail::write_bool(ar, s.keep_empty_features);
  detail::write_numbers(ar, s.statistics_);
  detail::write_size(ar, s.n_features_in_);
  // Version 2: string columns and the missing indicator.
  detail::write_string(ar, s.fill_text);
  detail::write_bool(ar, s.add_indicator);
  detail::write_types(ar, s.feature_types_in_);
  detail::write_strings(ar, s.text_statistics_);
  detail::write_positions(ar, s.indicator_features_);
}

inline void load(detail::Reader& ar, SimpleImputer& s, std::uint32_t version) {
  detail::check_class_version(version, 2, "SimpleImputer");
  if (version >= 2) detail::check_version_format(ar, version, 2, "SimpleImputer");
  s.strategy = detail::read_enum(ar, "SimpleImputer.strategy", ImputeStrategy::constant);
  s.missing_values = detail::read_scalar<double>(ar);
  s.fill_value = detail::read_scalar<double>(ar);
  s.keep_empty_features = detail::read_bool(ar, "SimpleImputer.keep_empty_features");
  s.statistics_ = detail::read_numbers<double>(ar, "SimpleImputer.statistics_");
  s.n_features_in_ = detail::read_size(ar, "SimpleImputer.n_features_in_");
  if (version < 2) {  // format 1's first files: numeric columns only, no indicator
    s.feature_types_in_.assign(s.n_features_in_, DType::float64);
    s.text_statistics_.assign(s.n_features_in_, std::string());
    return;
  }
  s.fill_text = detail::read_string(ar, "SimpleImputer.fill_text");
  s.add_indicator = detail::read_bool(ar, "SimpleImputer.add_indicator");
  s.feature_types_in_ = detail::read_types(ar, "SimpleImputer.feature_types_in_");
  s.text_statistics_ = detail::read_strings(ar, "SimpleImputer.text_statistics_");
  s.indicator_features_ = detail::read_positions(ar, "SimpleImputer.indicator_features_");
}

// --- StandardScaler -------------------------------------------------------------------------

inline void save(detail::Writer& ar, const StandardScaler& s, std::uint32_t) {
  detail::write_bool(ar, s.with_mean);
  detail::write_bool(ar, s.with_std);
  detail::write_numbers(ar, s.mean_);
  detail::write_numbers(ar, s.var_);
  detail::write_numbers(ar, s.scale_);
  detail::write_numbers(ar, s.n_samples_seen_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, StandardScaler& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "StandardScaler");
  s.with_mean = detail::read_bool(ar, "StandardScaler.with_mean");
  s.with_std = detail::read_bool(ar, "StandardScaler.with_std");
  s.mean_ = detail::read_numbers<double>(ar, "StandardScaler.mean_");
  s.var_ = detail::read_numbers<double>(ar, "StandardScaler.var_");
  s.scale_ = detail::read_numbers<double>(ar, "StandardScaler.scale_");
  s.n_samples_seen_ = detail::read_numbers<double>(ar, "StandardScaler.n_samples_seen_");
  s.n_features_in_ = detail::read_size(ar, "StandardScaler.n_features_in_");
}

// --- LogisticRegression ---------------------------------------------------------------------

inline void save(detail::Writer& ar, const LogisticRegression& s, std::uint32_t) {
  detail::write_enum(ar, s.penalty);
  ar(s.C);
  detail::write_bool(ar, s.fit_intercept);
  ar(static_cast<std::int32_t>(s.max_iter), s.tol);
  detail::write_enum(ar, s.class_weight_mode);
  detail::write_size(ar, s.class_weight.size());
  for (const auto& [label, weight] : s.class_weight) ar(label, weight);
  ar(s.coef_);
  detail::write_numbers(ar, s.intercept_);
  detail::write_size(ar, s.n_classes_);
  ar(static_cast<std::int32_t>(s.n_iter_));
  detail::write_size(ar, s.n_features_in_);
  // Version 2: the L1 share of the elasticnet penalty and one-vs-rest.
  ar(s.l1_ratio);
  detail::write_enum(ar, s.multi_class);
}

inline void load(detail::Reader& ar, LogisticRegression& s, std::uint32_t version) {
  detail::check_class_version(version, 2, "LogisticRegression");
  if (version >= 2) detail::check_version_format(ar, version, 3, "LogisticRegression");
  // Before version 2 there were l2 and none only.
  s.penalty = detail::read_enum(ar, "LogisticRegression.penalty",
                                version < 2 ? Penalty::none : Penalty::elasticnet);
  s.C = detail::read_scalar<double>(ar);
  s.fit_intercept = detail::read_bool(ar, "LogisticRegression.fit_intercept");
  s.max_iter = detail::read_scalar<std::int32_t>(ar);
  s.tol = detail::read_scalar<double>(ar);
  s.class_weight_mode =
      detail::read_enum(ar, "LogisticRegression.class_weight_mode", ClassWeightMode::given);
  // An entry takes at least a Value tag and a double.
  const std::size_t count = detail::read_count(ar, "LogisticRegression.class_weight", 1 + 8);
  s.class_weight.assign(count, {Value(), 0.0});
  for (auto& [label, weight] : s.class_weight) {
    ar(label);
    weight = detail::read_scalar<double>(ar);
  }
  ar(s.coef_);
  s.intercept_ = detail::read_numbers<double>(ar, "LogisticRegression.intercept_");
  s.n_classes_ = detail::read_size(ar, "LogisticRegression.n_classes_");
  s.n_iter_ = detail::read_scalar<std::int32_t>(ar);
  s.n_features_in_ = detail::read_size(ar, "LogisticRegression.n_features_in_");
  if (version < 2) return;  // formats 1 and 2: l2 or none, multinomial (the defaults)
  s.l1_ratio = detail::read_scalar<double>(ar);
  s.multi_class = detail::read_enum(ar, "LogisticRegression.multi_class", MultiClass::ovr);
}

// --- LinearRegression and Ridge -------------------------------------------------------------

inline void save(detail::Writer& ar, const LinearRegression& s, std::uint32_t) {
  detail::write_bool(ar, s.fit_intercept);
  detail::write_numbers(ar, s.coef_);
  ar(s.intercept_);
  detail::write_size(ar, s.rank_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, LinearRegression& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "LinearRegression");
  s.fit_intercept = detail::read_bool(ar, "LinearRegression.fit_intercept");
  s.coef_ = detail::read_numbers<double>(ar, "LinearRegression.coef_");
  s.intercept_ = detail::read_scalar<double>(ar);
  s.rank_ = detail::read_size(ar, "LinearRegression.rank_");
  s.n_features_in_ = detail::read_size(ar, "LinearRegression.n_features_in_");
}

inline void save(detail::Writer& ar, const Ridge& s, std::uint32_t) {
  ar(s.alpha);
  detail::write_bool(ar, s.fit_intercept);
  detail::write_numbers(ar, s.coef_);
  ar(s.intercept_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, Ridge& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "Ridge");
  s.alpha = detail::read_scalar<double>(ar);
  s.fit_intercept = detail::read_bool(ar, "Ridge.fit_intercept");
  s.coef_ = detail::read_numbers<double>(ar, "Ridge.coef_");
  s.intercept_ = detail::read_scalar<double>(ar);
  s.n_features_in_ = detail::read_size(ar, "Ridge.n_features_in_");
}

// --- MinMaxScaler and MaxAbsScaler ---------------------------------------------------------

inline void save(detail::Writer& ar, const MinMaxScaler& s, std::uint32_t) {
  ar(s.feature_range[0], s.feature_range[1]);
  detail::write_bool(ar, s.clip);
  detail::write_numbers(ar, s.min_);
  detail::write_numbers(ar, s.scale_);
  detail::write_numbers(ar, s.data_min_);
  detail::write_numbers(ar, s.data_max_);
  detail::write_numbers(ar, s.data_range_);
  detail::write_size(ar, s.n_samples_seen_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, MinMaxScaler& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "MinMaxScaler");
  s.feature_range[0] = detail::read_scalar<double>(ar);
  s.feature_range[1] = detail::read_scalar<double>(ar);
  s.clip = detail::read_bool(ar, "MinMaxScaler.clip");
  s.min_ = detail::read_numbers<double>(ar, "MinMaxScaler.min_");
  s.scale_ = detail::read_numbers<double>(ar, "MinMaxScaler.scale_");
  s.data_min_ = detail::read_numbers<double>(ar, "MinMaxScaler.data_min_");
  s.data_max_ = detail::read_numbers<double>(ar, "MinMaxScaler.data_max_");
  s.data_range_ = detail::read_numbers<double>(ar, "MinMaxScaler.data_range_");
  s.n_samples_seen_ = detail::read_size(ar, "MinMaxScaler.n_samples_seen_");
  s.n_features_in_ = detail::read_size(ar, "MinMaxScaler.n_features_in_");
}

inline void save(detail::Writer& ar, const MaxAbsScaler& s, std::uint32_t) {
  detail::write_bool(ar, s.clip);
  detail::write_numbers(ar, s.max_abs_);
  detail::write_numbers(ar, s.scale_);
  detail::write_size(ar, s.n_samples_seen_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, MaxAbsScaler& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "MaxAbsScaler");
  s.clip = detail::read_bool(ar, "MaxAbsScaler.clip");
  s.max_abs_ = detail::read_numbers<double>(ar, "MaxAbsScaler.max_abs_");
  s.scale_ = detail::read_numbers<double>(ar, "MaxAbsScaler.scale_");
  s.n_samples_seen_ = detail::read_size(ar, "MaxAbsScaler.n_samples_seen_");
  s.n_features_in_ = detail::read_size(ar, "MaxAbsScaler.n_features_in_");
}

// --- RobustScaler ---------------------------------------------------------------------------

inline void save(detail::Writer& ar, const RobustScaler& s, std::uint32_t) {
  detail::write_bool(ar, s.with_centering);
  detail::write_bool(ar, s.with_scaling);
  ar(s.quantile_range[0], s.quantile_range[1]);
  detail::write_bool(ar, s.unit_variance);
  detail::write_numbers(ar, s.center_);
  detail::write_numbers(ar, s.scale_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, RobustScaler& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "RobustScaler");
  s.with_centering = detail::read_bool(ar, "RobustScaler.with_centering");
  s.with_scaling = detail::read_bool(ar, "RobustScaler.with_scaling");
  s.quantile_range[0] = detail::read_scalar<double>(ar);
  s.quantile_range[1] = detail::read_scalar<double>(ar);
  s.unit_variance = detail::read_bool(ar, "RobustScaler.unit_variance");
  s.center_ = detail::read_numbers<double>(ar, "RobustScaler.center_");
  s.scale_ = detail::read_numbers<double>(ar, "RobustScaler.scale_");
  s.n_features_in_ = detail::read_size(ar, "RobustScaler.n_features_in_");
}

// --- Normalizer and Binarizer ---------------------------------------------------------------

inline void save(detail::Writer& ar, const Normalizer& s, std::uint32_t) {
  detail::write_enum(ar, s.norm);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, Normalizer& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "Normalizer");
  s.norm = detail::read_enum(ar, "Normalizer.norm", Norm::max);
  s.n_features_in_ = detail::read_size(ar, "Normalizer.n_features_in_");
}

inline void save(detail::Writer& ar, const Binarizer& s, std::uint32_t) {
  ar(s.threshold);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, Binarizer& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "Binarizer");
  s.threshold = detail::read_scalar<double>(ar);
  s.n_features_in_ = detail::read_size(ar, "Binarizer.n_features_in_");
}

// --- Lasso and ElasticNet ------------------------------------------------------------------

namespace detail {

// The two share every field after alpha (and ElasticNet's l1_ratio), in this order.
template <class Enet>
void write_enet_rest(Writer& ar, const Enet& s) {
  write_bool(ar, s.fit_intercept);
  ar(static_cast<std::int32_t>(s.max_iter), s.tol);
  write_bool(ar, s.positive);
  write_numbers(ar, s.coef_);
  ar(s.intercept_, static_cast<std::int32_t>(s.n_iter_), s.dual_gap_);
  write_size(ar, s.n_features_in_);
}

template <class Enet>
void read_enet_rest(Reader& ar, Enet& s, const std::string& kind) {
  s.fit_intercept = read_bool(ar, (kind + ".fit_intercept").c_str());
  s.max_iter = read_scalar<std::int32_t>(ar);
  s.tol = read_scalar<double>(ar);
  s.positive = read_bool(ar, (kind + ".positive").c_str());
  s.coef_ = read_numbers<double>(ar, (kind + ".coef_").c_str());
  s.intercept_ = read_scalar<double>(ar);
  s.n_iter_ = read_scalar<std::int32_t>(ar);
  s.dual_gap_ = read_scalar<double>(ar);
  s.n_features_in_ = read_size(ar, (kind + ".n_features_in_").c_str());
}

}  // namespace detail

inline void save(detail::Writer& ar, const Lasso& s, std::uint32_t) {
  ar(s.alpha);
  detail::write_enet_rest(ar, s);
}

inline void load(detail::Reader& ar, Lasso& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "Lasso");
  s.alpha = detail::read_scalar<double>(ar);
  detail::read_enet_rest(ar, s, "Lasso");
}

inline void save(detail::Writer& ar, const ElasticNet& s, std::uint32_t) {
  ar(s.alpha, s.l1_ratio);
  detail::write_enet_rest(ar, s);
}

inline void load(detail::Reader& ar, ElasticNet& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "ElasticNet");
  s.alpha = detail::read_scalar<double>(ar);
  s.l1_ratio = detail::read_scalar<double>(ar);
  detail::read_enet_rest(ar, s, "ElasticNet");
}

// --- PoissonRegressor -----------------------------------------------------------------------

inline void save(detail::Writer& ar, const PoissonRegressor& s, std::uint32_t) {
  ar(s.alpha);
  detail::write_bool(ar, s.fit_intercept);
  ar(static_cast<std::int32_t>(s.max_iter), s.tol);
  detail::write_numbers(ar, s.coef_);
  ar(s.intercept_, static_cast<std::int32_t>(s.n_iter_));
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, PoissonRegressor& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "PoissonRegressor");
  s.alpha = detail::read_scalar<double>(ar);
  s.fit_intercept = detail::read_bool(ar, "PoissonRegressor.fit_intercept");
  s.max_iter = detail::read_scalar<std::int32_t>(ar);
  s.tol = detail::read_scalar<double>(ar);
  s.coef_ = detail::read_numbers<double>(ar, "PoissonRegressor.coef_");
  s.intercept_ = detail::read_scalar<double>(ar);
  s.n_iter_ = detail::read_scalar<std::int32_t>(ar);
  s.n_features_in_ = detail::read_size(ar, "PoissonRegressor.n_features_in_");
}

// --- OneHotEncoder --------------------------------------------------------------------------

inline void save(detail::Writer& ar, const OneHotEncoder& s, std::uint32_t) {
  detail::write_value_lists(ar, s.categories);
  detail::write_enum(ar, s.drop);
  detail::write_enum(ar, s.handle_unknown);
  ar(s.min_frequency);
  detail::write_size(ar, s.max_categories);
  detail::write_types(ar, s.feature_types_in_);
  detail::write_strings(ar, s.feature_names_in_);
  detail::write_value_lists(ar, s.categories_);
  detail::write_masks(ar, s.infrequent_);
  detail::write_numbers(ar, s.drop_idx_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, OneHotEncoder& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "OneHotEncoder");
  s.categories = detail::read_value_lists(ar, "OneHotEncoder.categories");
  s.drop = detail::read_enum(ar, "OneHotEncoder.drop", OneHotDrop::if_binary);
  s.handle_unknown =
      detail::read_enum(ar, "OneHotEncoder.handle_unknown", HandleUnknown::infrequent_if_exist);
  s.min_frequency = detail::read_scalar<double>(ar);
  s.max_categories = detail::read_size(ar, "OneHotEncoder.max_categories");
  s.feature_types_in_ = detail::read_types(ar, "OneHotEncoder.feature_types_in_");
  s.feature_names_in_ = detail::read_strings(ar, "OneHotEncoder.feature_names_in_");
  s.categories_ = detail::read_value_lists(ar, "OneHotEncoder.categories_");
  s.infrequent_ = detail::read_masks(ar, "OneHotEncoder.infrequent_");
  s.drop_idx_ = detail::read_numbers<std::int64_t>(ar, "OneHotEncoder.drop_idx_");
  s.n_features_in_ = detail::read_size(ar, "OneHotEncoder.n_features_in_");
}

// --- OrdinalEncoder -------------------------------------------------------------------------

inline void save(detail::Writer& ar, const OrdinalEncoder& s, std::uint32_t) {
  detail::write_value_lists(ar, s.categories);
  detail::write_enum(ar, s.handle_unknown);
  ar(s.unknown_value, s.encoded_missing_value, s.min_frequency);
  detail::write_size(ar, s.max_categories);
  detail::write_types(ar, s.feature_types_in_);
  detail::write_strings(ar, s.feature_names_in_);
  detail::write_value_lists(ar, s.categories_);
  detail::write_masks(ar, s.infrequent_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, OrdinalEncoder& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "OrdinalEncoder");
  s.categories = detail::read_value_lists(ar, "OrdinalEncoder.categories");
  s.handle_unknown =
      detail::read_enum(ar, "OrdinalEncoder.handle_unknown", OrdinalUnknown::use_encoded_value);
  s.unknown_value = detail::read_scalar<double>(ar);
  s.encoded_missing_value = detail::read_scalar<double>(ar);
  s.min_frequency = detail::read_scalar<double>(ar);
  s.max_categories = detail::read_size(ar, "OrdinalEncoder.max_categories");
  s.feature_types_in_ = detail::read_types(ar, "OrdinalEncoder.feature_types_in_");
  s.feature_names_in_ = detail::read_strings(ar, "OrdinalEncoder.feature_names_in_");
  s.categories_ = detail::read_value_lists(ar, "OrdinalEncoder.categories_");
  s.infrequent_ = detail::read_masks(ar, "OrdinalEncoder.infrequent_");
  s.n_features_in_ = detail::read_size(ar, "OrdinalEncoder.n_features_in_");
}

// --- MissingIndicator -----------------------------------------------------------------------

inline void save(detail::Writer& ar, const MissingIndicator& s, std::uint32_t) {
  detail::write_enum(ar, s.features);
  ar(s.missing_values);
  detail::write_bool(ar, s.error_on_new);
  detail::write_types(ar, s.feature_types_in_);
  detail::write_strings(ar, s.feature_names_in_);
  detail::write_positions(ar, s.features_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, MissingIndicator& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "MissingIndicator");
  s.features = detail::read_enum(ar, "MissingIndicator.features", IndicatorFeatures::all);
  s.missing_values = detail::read_scalar<double>(ar);
  s.error_on_new = detail::read_bool(ar, "MissingIndicator.error_on_new");
  s.feature_types_in_ = detail::read_types(ar, "MissingIndicator.feature_types_in_");
  s.feature_names_in_ = detail::read_strings(ar, "MissingIndicator.feature_names_in_");
  s.features_ = detail::read_positions(ar, "MissingIndicator.features_");
  s.n_features_in_ = detail::read_size(ar, "MissingIndicator.n_features_in_");
}

// --- ColumnTransformer (its branches hold steps: see NamedStep below) ------------------------

inline void save(detail::Writer& ar, const NamedStep& named, std::uint32_t);
inline void load(detail::Reader& ar, NamedStep& named, std::uint32_t version);

inline void save(detail::Writer& ar, const ColumnTransformer& s, std::uint32_t) {
  detail::write_size(ar, s.transformers.size());
  for (const ColumnBranch& b : s.transformers) {
    detail::write_string(ar, b.name);
    detail::write_bool(ar, b.drop);
    detail::write_strings(ar, b.columns);
    detail::write_positions(ar, b.indices_);
    detail::write_size(ar, b.n_features_out_);
    detail::write_size(ar, b.steps.size());
    for (const NamedStep& named : b.steps) ar(named);
  }
  detail::write_enum(ar, s.remainder);
  detail::write_bool(ar, s.verbose_feature_names_out);
  detail::write_strings(ar, s.feature_names_in_);
  detail::write_types(ar, s.feature_types_in_);
  detail::write_positions(ar, s.remainder_indices_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, ColumnTransformer& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "ColumnTransformer");
  const detail::NestingGuard guard;
  // A branch takes at least its name's size tag, a bool and four size tags.
  s.transformers.resize(detail::read_count(ar, "ColumnTransformer.transformers", 8 + 1 + 32));
  for (ColumnBranch& b : s.transformers) {
    b.name = detail::read_string(ar, "ColumnTransformer branch name");
    b.drop = detail::read_bool(ar, "ColumnTransformer branch drop");
    b.columns = detail::read_strings(ar, "ColumnTransformer branch columns");
    b.indices_ = detail::read_positions(ar, "ColumnTransformer branch indices_");
    b.n_features_out_ = detail::read_size(ar, "ColumnTransformer branch n_features_out_");
    const std::size_t count = detail::read_count(ar, "ColumnTransformer branch steps", 8 + 2);
    b.steps.clear();
    b.steps.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      NamedStep named;
      ar(named);
      b.steps.push_back(std::move(named));
    }
  }
  s.remainder = detail::read_enum(ar, "ColumnTransformer.remainder", Remainder::passthrough);
  s.verbose_feature_names_out = detail::read_bool(ar, "ColumnTransformer.verbose_feature_names_out");
  s.feature_names_in_ = detail::read_strings(ar, "ColumnTransformer.feature_names_in_");
  s.feature_types_in_ = detail::read_types(ar, "ColumnTransformer.feature_types_in_");
  s.remainder_indices_ = detail::read_positions(ar, "ColumnTransformer.remainder_indices_");
  s.n_features_in_ = detail::read_size(ar, "ColumnTransformer.n_features_in_");
}

// --- PolynomialFeatures, PCA and KBinsDiscretizer ------------------------------------------

inline void save(detail::Writer& ar, const PolynomialFeatures& s, std::uint32_t) {
  detail::write_size(ar, s.min_degree);
  detail::write_size(ar, s.degree);
  detail::write_bool(ar, s.degree_range);
  detail::write_bool(ar, s.interaction_only);
  detail::write_bool(ar, s.include_bias);
  detail::write_size(ar, s.n_output_features_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, PolynomialFeatures& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "PolynomialFeatures");
  s.min_degree = detail::read_size(ar, "PolynomialFeatures.min_degree");
  s.degree = detail::read_size(ar, "PolynomialFeatures.degree");
  s.degree_range = detail::read_bool(ar, "PolynomialFeatures.degree_range");
  s.interaction_only = detail::read_bool(ar, "PolynomialFeatures.interaction_only");
  s.include_bias = detail::read_bool(ar, "PolynomialFeatures.include_bias");
  s.n_output_features_ = detail::read_size(ar, "PolynomialFeatures.n_output_features_");
  s.n_features_in_ = detail::read_size(ar, "PolynomialFeatures.n_features_in_");
}

inline void save(detail::Writer& ar, const PCA& s, std::uint32_t) {
  detail::write_enum(ar, s.n_components_mode);
  detail::write_size(ar, s.n_components);
  ar(s.variance);
  detail::write_bool(ar, s.whiten);
  detail::write_enum(ar, s.svd_solver);
  detail::write_numbers(ar, s.components_);
  detail::write_numbers(ar, s.explained_variance_);
  detail::write_numbers(ar, s.explained_variance_ratio_);
  detail::write_numbers(ar, s.singular_values_);
  detail::write_numbers(ar, s.mean_);
  ar(s.noise_variance_);
  detail::write_size(ar, s.n_components_);
  detail::write_size(ar, s.n_samples_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, PCA& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "PCA");
  s.n_components_mode = detail::read_enum(ar, "PCA.n_components_mode", PcaComponents::variance);
  s.n_components = detail::read_size(ar, "PCA.n_components");
  s.variance = detail::read_scalar<double>(ar);
  s.whiten = detail::read_bool(ar, "PCA.whiten");
  s.svd_solver = detail::read_enum(ar, "PCA.svd_solver", PcaSolver::covariance_eigh);
  s.components_ = detail::read_numbers<double>(ar, "PCA.components_");
  s.explained_variance_ = detail::read_numbers<double>(ar, "PCA.explained_variance_");
  s.explained_variance_ratio_ = detail::read_numbers<double>(ar, "PCA.explained_variance_ratio_");
  s.singular_values_ = detail::read_numbers<double>(ar, "PCA.singular_values_");
  s.mean_ = detail::read_numbers<double>(ar, "PCA.mean_");
  s.noise_variance_ = detail::read_scalar<double>(ar);
  s.n_components_ = detail::read_size(ar, "PCA.n_components_");
  s.n_samples_ = detail::read_size(ar, "PCA.n_samples_");
  s.n_features_in_ = detail::read_size(ar, "PCA.n_features_in_");
}

namespace detail {
inline void write_sizes(Writer& ar, const std::vector<std::size_t>& values) {
  write_size(ar, values.size());
  for (std::size_t v : values) write_size(ar, v);
}
inline std::vector<std::size_t> read_sizes(Reader& ar, const char* field) {
  std::vector<std::size_t> values(read_count(ar, field, 8));
  for (std::size_t& v : values) v = read_size(ar, field);
  return values;
}
}  // namespace detail

inline void save(detail::Writer& ar, const KBinsDiscretizer& s, std::uint32_t) {
  detail::write_size(ar, s.n_bins);
  detail::write_sizes(ar, s.n_bins_per_feature);
  detail::write_enum(ar, s.encode);
  detail::write_enum(ar, s.strategy);
  detail::write_enum(ar, s.quantile_method);
  detail::write_size(ar, s.subsample);
  detail::write_size(ar, s.bin_edges_.size());
  for (const auto& edges : s.bin_edges_) detail::write_numbers(ar, edges);
  detail::write_sizes(ar, s.n_bins_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, KBinsDiscretizer& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "KBinsDiscretizer");
  s.n_bins = detail::read_size(ar, "KBinsDiscretizer.n_bins");
  s.n_bins_per_feature = detail::read_sizes(ar, "KBinsDiscretizer.n_bins_per_feature");
  s.encode = detail::read_enum(ar, "KBinsDiscretizer.encode", KBinsEncode::ordinal);
  s.strategy = detail::read_enum(ar, "KBinsDiscretizer.strategy", KBinsStrategy::kmeans);
  s.quantile_method = detail::read_enum(ar, "KBinsDiscretizer.quantile_method",
                                        QuantileMethod::normal_unbiased);
  s.subsample = detail::read_size(ar, "KBinsDiscretizer.subsample");
  // Each column's edges take at least their size tag.
  s.bin_edges_.resize(detail::read_count(ar, "KBinsDiscretizer.bin_edges_", 8));
  for (auto& edges : s.bin_edges_) edges = detail::read_numbers<double>(ar, "KBinsDiscretizer.bin_edges_");
  s.n_bins_ = detail::read_sizes(ar, "KBinsDiscretizer.n_bins_");
  s.n_features_in_ = detail::read_size(ar, "KBinsDiscretizer.n_features_in_");
}

// --- Expressions: each expression's name, source and checked tree ---------------------------

namespace detail {
// A tree is its nodes in postfix order: op, type, arity, position, then the op's payload (a
// number literal's value; a string literal's text; a column's name and input position).
inline void write_expr_tree(Writer& ar, const expr::Tree& tree) {
  write_size(ar, tree.nodes.size());
  for (const expr::Node& node : tree.nodes) {
    write_enum(ar, node.op);
    write_enum(ar, node.type);
    ar(node.arity, node.pos.line, node.pos.col);
    if (node.op == expr::Op::number) ar(node.number);
    if (node.op == expr::Op::string || node.op == expr::Op::column) write_string(ar, node.text);
    if (node.op == expr::Op::column) ar(node.column);
  }
}
inline std::shared_ptr<const ExprTree> read_expr_tree(Reader& ar) {
  auto tree = std::make_shared<ExprTree>();
  // A node takes at least its op, type, arity and position: 14 bytes.
  tree->nodes.resize(read_count(ar, "Expressions tree", 14, expr::kMaxNodes, "nodes"));
  for (expr::Node& node : tree->nodes) {
    node.op = read_enum(ar, "Expressions tree node op", expr::Op::contains);
    node.type = read_enum(ar, "Expressions tree node type", expr::Type::string);
    node.arity = read_scalar<std::uint32_t>(ar);
    node.pos.line = read_scalar<std::uint32_t>(ar);
    node.pos.col = read_scalar<std::uint32_t>(ar);
    if (node.op == expr::Op::number) node.number = read_scalar<double>(ar);
    if (node.op == expr::Op::string || node.op == expr::Op::column)
      node.text = read_string(ar, "Expressions tree node text");
    if (node.op == expr::Op::column) node.column = read_scalar<std::uint32_t>(ar);
  }
  return tree;
}
}  // namespace detail

inline void save(detail::Writer& ar, const Expressions& s, std::uint32_t) {
  detail::write_size(ar, s.expressions.size());
  for (const NamedExpression& e : s.expressions) {
    detail::write_string(ar, e.name);
    detail::write_string(ar, e.source);
    detail::write_expr_tree(ar, e.tree_ ? *e.tree_ : detail::ExprTree{});
  }
  detail::write_strings(ar, s.feature_names_in_);
  detail::write_types(ar, s.feature_types_in_);
  detail::write_size(ar, s.n_features_in_);
}

inline void load(detail::Reader& ar, Expressions& s, std::uint32_t version) {
  detail::check_class_version(version, 1, "Expressions");
  // An expression takes at least its name's, source's and tree's size tags.
  s.expressions.resize(detail::read_count(ar, "Expressions.expressions", 24));
  for (NamedExpression& e : s.expressions) {
    e.name = detail::read_string(ar, "Expressions expression name");
    e.source = detail::read_string(ar, "Expressions expression source");
    e.tree_ = detail::read_expr_tree(ar);
  }
  s.feature_names_in_ = detail::read_strings(ar, "Expressions.feature_names_in_");
  s.feature_types_in_ = detail::read_types(ar, "Expressions.feature_types_in_");
  s.n_features_in_ = detail::read_size(ar, "Expressions.n_features_in_");
}

// --- NamedStep: name, kind id, fields -------------------------------------------------------

// Adding a kind to ferry::Step needs a StepKind id (step_ops.hpp), a case below and a pair of
// functions above; this stops the build until all three exist.
static_assert(std::variant_size_v<Step> == 21,
              "a new step kind needs a StepKind id and a case in load(NamedStep)");

namespace detail {
template <class T>
void load_step_as(Reader& ar, Step& step) {
  T fields;
  ar(fields);
  step = std::move(fields);
}
}  // namespace detail

inline void save(detail::Writer& ar, const NamedStep& named, std::uint32_t) {
  detail::write_string(ar, named.name);
  ar(static_cast<std::uint16_t>(detail::step_kind(named.step)));
  std::visit([&ar](const auto& fields) { ar(fields); }, named.step);
}

inline void load(detail::Reader& ar, NamedStep& named, std::uint32_t version) {
  using detail::StepKind;
  detail::check_class_version(version, 1, "NamedStep");
  named.name = detail::read_string(ar, "NamedStep.name");
  const auto kind = detail::read_scalar<std::uint16_t>(ar);
  switch (static_cast<StepKind>(kind)) {
    case StepKind::simple_imputer: detail::load_step_as<SimpleImputer>(ar, named.step); break;
    case StepKind::standard_scaler: detail::load_step_as<StandardScaler>(ar, named.step); break;
    case StepKind::logistic_regression:
      detail::load_step_as<LogisticRegression>(ar, named.step);
      break;
    case StepKind::linear_regression:
      detail::load_step_as<LinearRegression>(ar, named.step);
      break;
    case StepKind::ridge: detail::load_step_as<Ridge>(ar, named.step); break;
    case StepKind::min_max_scaler: detail::load_step_as<MinMaxScaler>(ar, named.step); break;
    case StepKind::max_abs_scaler: detail::load_step_as<MaxAbsScaler>(ar, named.step); break;
    case StepKind::robust_scaler: detail::load_step_as<RobustScaler>(ar, named.step); break;
    case StepKind::normalizer: detail::load_step_as<Normalizer>(ar, named.step); break;
    case StepKind::binarizer: detail::load_step_as<Binarizer>(ar, named.step); break;
    case StepKind::lasso: detail::load_step_as<Lasso>(ar, named.step); break;
    case StepKind::elastic_net: detail::load_step_as<ElasticNet>(ar, named.step); break;
    case StepKind::poisson_regressor:
      detail::load_step_as<PoissonRegressor>(ar, named.step);
      break;
    case StepKind::one_hot_encoder: detail::load_step_as<OneHotEncoder>(ar, named.step); break;
    case StepKind::ordinal_encoder: detail::load_step_as<OrdinalEncoder>(ar, named.step); break;
    case StepKind::missing_indicator:
      detail::load_step_as<MissingIndicator>(ar, named.step);
      break;
    case StepKind::column_transformer:
      detail::load_step_as<ColumnTransformer>(ar, named.step);
      break;
    case StepKind::polynomial_features:
      detail::load_step_as<PolynomialFeatures>(ar, named.step);
      break;
    case StepKind::pca: detail::load_step_as<PCA>(ar, named.step); break;
    case StepKind::kbins_discretizer:
      detail::load_step_as<KBinsDiscretizer>(ar, named.step);
      break;
    case StepKind::expressions: detail::load_step_as<Expressions>(ar, named.step); break;
    default:
      detail::corrupt("step \"" + named.name + "\": unknown step kind id " +
                      std::to_string(kind) + " (this library knows ids 1 to 21)");
  }
}

// --- The stored state: metadata, schema, output description, steps -------------------------

inline void save(detail::Writer& ar, const Pipeline::State& state, std::uint32_t) {
  ar(state.metadata, state.schema, state.output);
  detail::write_size(ar, state.steps.size());
  for (const NamedStep& named : state.steps) ar(named);
}

inline void load(detail::Reader& ar, Pipeline::State& state, std::uint32_t version) {
  detail::check_class_version(version, 1, "Pipeline");
  ar(state.metadata, state.schema, state.output);
  // A step takes at least a name's size tag and a kind id.
  const std::size_t count = detail::read_count(ar, "Pipeline.steps", 8 + 2);
  state.steps.clear();
  state.steps.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    NamedStep named;
    ar(named);
    state.steps.push_back(std::move(named));
  }
}

}  // namespace ferry
