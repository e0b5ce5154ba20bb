#pragma once
// Shared by the artifact tests: fitted fixture pipelines, an independent reading of the envelope
// layout (its own CRC-32, so tests can forge payloads that reach the parser), and the corpus of
// damaged inputs that every loader test feeds to Pipeline::from_bytes.
//
// The envelope layout restated here on purpose, from core/artifact/envelope.hpp, rather than
// calling the library: a test that re-used the writer could not notice the writer drifting.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ferry/ferry.hpp"

namespace artifact_test {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::size_t kHeader = 28;
inline constexpr std::uint8_t kMagic[8] = {0x89, 'F', 'R', 'Y', '\r', '\n', 0x1A, '\n'};

// --- envelope, restated ------------------------------------------------------------------------

/// Bitwise CRC-32 (reflected, polynomial 0xEDB88320): slow, obviously right.
inline std::uint32_t crc32_reference(const std::uint8_t* data, std::size_t size) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

inline void put_le(Bytes& out, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

inline void set_le(Bytes& out, std::size_t at, std::uint64_t value, std::size_t bytes) {
  // A fixture that lost track of a field must fail loudly, not scribble past the buffer.
  if (at > out.size() || bytes > out.size() - at) throw std::out_of_range("set_le: outside the buffer");
  for (std::size_t i = 0; i < bytes; ++i) out[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

inline std::uint64_t get_le(const Bytes& in, std::size_t at, std::size_t bytes) {
  if (at > in.size() || bytes > in.size() - at) throw std::out_of_range("get_le: outside the buffer");
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i) value |= static_cast<std::uint64_t>(in[at + i]) << (8 * i);
  return value;
}

/// A header with a correct length and checksum around any payload (by default of the format this
/// library writes: a payload it wrote may hold class versions an older format never had).
inline Bytes wrap(const Bytes& payload, std::uint32_t version = ferry::Pipeline::format_version(),
                  std::uint32_t flags = 0) {
  Bytes out(kMagic, kMagic + 8);
  put_le(out, version, 4);
  put_le(out, flags, 4);
  put_le(out, payload.size(), 8);
  put_le(out, crc32_reference(payload.data(), payload.size()), 4);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

inline Bytes payload_of(const Bytes& artifact) { return Bytes(artifact.begin() + kHeader, artifact.end()); }

// --- finding fields in a payload ---------------------------------------------------------------
// The payload is cereal's portable binary: strings are a u64 length then the bytes, so a name
// written by ferry can be found by searching for its length-prefixed form.

inline Bytes length_prefixed(const std::string& text) {
  Bytes out;
  put_le(out, text.size(), 8);
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

/// Position of the first occurrence of needle at or after from; npos when absent.
inline std::size_t find(const Bytes& haystack, const Bytes& needle, std::size_t from = 0) {
  if (needle.size() > haystack.size()) return std::string::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (std::memcmp(haystack.data() + i, needle.data(), needle.size()) == 0) return i;
  }
  return std::string::npos;
}

/// Position of the length-prefixed string; throws when absent.
inline std::size_t find_string(const Bytes& payload, const std::string& text) {
  const std::size_t at = find(payload, length_prefixed(text));
  if (at == std::string::npos) throw std::logic_error("fixture: \"" + text + "\" is not in the payload");
  return at;
}

/// Position of a double's bytes (little-endian, as the format) in the steps: searched from the
/// schema on, which starts with the column first_column, since the metadata before it repeats the
/// data's extremes in its column summaries. Throws unless the double is there exactly once.
inline std::size_t find_double(const Bytes& payload, double value, const std::string& first_column) {
  Bytes needle(8);
  std::memcpy(needle.data(), &value, 8);
  const std::size_t at = find(payload, needle, find_string(payload, first_column));
  if (at == std::string::npos || find(payload, needle, at + 1) != std::string::npos)
    throw std::logic_error("fixture: the double is not in the steps exactly once");
  return at;
}

/// Overwrites the double at a payload position.
inline void put_double(Bytes& payload, std::size_t at, double value) {
  std::memcpy(&payload[at], &value, 8);
}

/// Position just after the length-prefixed string; throws when absent.
inline std::size_t after_string(const Bytes& payload, const std::string& text) {
  return find_string(payload, text) + 8 + text.size();
}

// --- fixtures ----------------------------------------------------------------------------------

/// Deterministic training data: float64, int64 and bool columns, NaN and 0 (a missing marker
/// for some imputers) sprinkled in, with binary, three-class and regression targets.
struct Data {
  ferry::Frame X;
  std::vector<std::string> binary;     // "neg" / "pos"
  std::vector<std::int64_t> three;     // 0 / 1 / 2
  std::vector<ferry::Value> flags;     // false / true
  std::vector<double> target;          // regression
};

inline Data make_data(std::size_t rows = 120, std::uint64_t seed = 7) {
  std::uint64_t state = seed;
  auto uniform = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> age, plas, mass;
  std::vector<std::int64_t> visits;
  std::vector<std::uint8_t> smoker;
  Data d;
  for (std::size_t i = 0; i < rows; ++i) {
    const double a = 20.0 + 50.0 * uniform();
    const double p = 80.0 + 100.0 * uniform();
    const double m = 18.0 + 25.0 * uniform();
    const auto v = static_cast<std::int64_t>(6.0 * uniform());
    const bool s = uniform() < 0.3;
    const double noise = 2.0 * uniform() - 1.0;
    age.push_back(a);
    plas.push_back(i % 11 == 3 ? nan : p);
    mass.push_back(i % 17 == 5 ? 0.0 : m);
    visits.push_back(v);
    smoker.push_back(s ? 1 : 0);
    const double score = 0.04 * (a - 45.0) + 0.03 * (p - 130.0) + 0.1 * (m - 30.0) +
                         0.3 * (static_cast<double>(v) - 2.5) + 0.5 * (s ? 1.0 : 0.0) - 0.15 + noise;
    d.binary.push_back(score > 0.0 ? "pos" : "neg");
    d.three.push_back(score < -0.7 ? 0 : score < 0.7 ? 1 : 2);
    d.flags.emplace_back(score > 0.3);
    d.target.push_back(1.5 * a - 0.2 * p + 3.0 * m + 2.0 * static_cast<double>(v) -
                       4.0 * (s ? 1.0 : 0.0) + noise);
  }
  d.X.add_float64("age", age)
      .add_float64("plas", plas)
      .add_float64("mass", mass)
      .add_int64("visits", visits)
      .add_bool("smoker", smoker);
  return d;
}

/// A few rows to predict, one with a missing value and one with the imputers' 0 marker.
inline ferry::Frame probe_frame() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ferry::Frame f;
  f.add_float64("age", {23.5, 61.0, 44.25, 35.0})
      .add_float64("plas", {95.0, nan, 151.5, 120.0})
      .add_float64("mass", {22.0, 37.5, 0.0, 30.0})
      .add_int64("visits", {0, 5, 2, 3})
      .add_bool("smoker", {0, 1, 0, 1});
  return f;
}

inline ferry::Row probe_row() {
  return ferry::Row{{"age", 52.0}, {"plas", 140.0}, {"mass", 33.0}, {"visits", 4}, {"smoker", true}};
}

/// Imputer (median, 0 also missing) -> scaler -> binary logistic regression, string labels.
inline ferry::Pipeline fit_binary(const Data& d) {
  ferry::SimpleImputer impute;
  impute.strategy = ferry::ImputeStrategy::median;
  impute.missing_values = 0.0;
  ferry::LogisticRegression model;
  model.C = 0.5;
  model.class_weight_mode = ferry::ClassWeightMode::balanced;
  ferry::Pipeline p({{"impute", impute}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.binary));
  return p;
}

/// Imputer (mean) -> scaler without centering -> multinomial logistic regression, int labels,
/// explicit class weights (so Values are stored inside a step too).
inline ferry::Pipeline fit_multinomial(const Data& d) {
  ferry::StandardScaler scale;
  scale.with_mean = false;
  ferry::LogisticRegression model;
  model.class_weight_mode = ferry::ClassWeightMode::given;
  model.class_weight = {{ferry::Value(0), 2.0}, {ferry::Value(2), 0.5}};
  ferry::Pipeline p({{"prep_1", ferry::SimpleImputer{}}, {"prep_2", scale}, {"model", model}});
  p.fit(d.X, ferry::Target(d.three));
  return p;
}

/// Bool labels, no intercept, no penalty.
inline ferry::Pipeline fit_bool_labels(const Data& d) {
  ferry::LogisticRegression model;
  model.penalty = ferry::Penalty::none;
  model.fit_intercept = false;
  ferry::Pipeline p({{"impute", ferry::SimpleImputer{}}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.flags));
  return p;
}

/// Imputer (constant 1.5) -> scaler -> ridge.
inline ferry::Pipeline fit_ridge(const Data& d) {
  ferry::SimpleImputer impute;
  impute.strategy = ferry::ImputeStrategy::constant;
  impute.fill_value = 1.5;
  ferry::Ridge model;
  model.alpha = 0.3;
  ferry::Pipeline p({{"impute", impute}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.target));
  return p;
}

/// Imputer (most frequent) -> scaler without scaling -> ordinary least squares.
inline ferry::Pipeline fit_linear(const Data& d) {
  ferry::SimpleImputer impute;
  impute.strategy = ferry::ImputeStrategy::most_frequent;
  ferry::StandardScaler scale;
  scale.with_std = false;
  ferry::Pipeline p({{"impute", impute}, {"scale", scale}, {"model", ferry::LinearRegression{}}});
  p.fit(d.X, ferry::Target(d.target));
  return p;
}

/// Imputer (mean) -> scaler -> Lasso strong enough to zero a coefficient.
inline ferry::Pipeline fit_lasso(const Data& d) {
  ferry::Lasso model;
  model.alpha = 2.0;
  ferry::Pipeline p({{"impute", ferry::SimpleImputer{}}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.target));
  return p;
}

/// Imputer (median, 0 also missing) -> scaler -> ElasticNet with positive coefficients.
inline ferry::Pipeline fit_elastic_net(const Data& d) {
  ferry::SimpleImputer impute;
  impute.strategy = ferry::ImputeStrategy::median;
  impute.missing_values = 0.0;
  ferry::ElasticNet model;
  model.alpha = 0.3;
  model.l1_ratio = 0.7;
  model.positive = true;
  ferry::Pipeline p({{"impute", impute}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.target));
  return p;
}

/// Imputer (mean) -> scaler -> binary logistic regression with an L1 penalty strong enough to zero
/// a coefficient, string labels.
inline ferry::Pipeline fit_logistic_l1(const Data& d) {
  ferry::LogisticRegression model;
  model.penalty = ferry::Penalty::l1;
  model.C = 0.05;
  ferry::Pipeline p({{"impute", ferry::SimpleImputer{}}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.binary));
  return p;
}

/// Imputer (median) -> scaler -> one-vs-rest logistic regression with an elastic-net penalty and
/// balanced class weights, three int classes.
inline ferry::Pipeline fit_logistic_ovr(const Data& d) {
  ferry::SimpleImputer impute;
  impute.strategy = ferry::ImputeStrategy::median;
  ferry::LogisticRegression model;
  model.penalty = ferry::Penalty::elasticnet;
  model.l1_ratio = 0.6;
  model.C = 0.3;
  model.multi_class = ferry::MultiClass::ovr;
  model.class_weight_mode = ferry::ClassWeightMode::balanced;
  ferry::Pipeline p({{"impute", impute}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.three));
  return p;
}

/// Imputer (mean) -> scaler -> Poisson regression (the target is positive).
inline ferry::Pipeline fit_poisson(const Data& d) {
  ferry::PoissonRegressor model;
  model.alpha = 0.05;
  ferry::Pipeline p({{"impute", ferry::SimpleImputer{}}, {"scale", ferry::StandardScaler{}}, {"model", model}});
  p.fit(d.X, ferry::Target(d.target));
  return p;
}

/// Transformers only: imputer (keep empty features) -> scaler.
inline ferry::Pipeline fit_transform_only(const Data& d) {
  ferry::SimpleImputer impute;
  impute.keep_empty_features = true;
  ferry::Pipeline p({{"impute", impute}, {"scale", ferry::StandardScaler{}}});
  p.fit(d.X);
  return p;
}

/// Transformers only, the scaler kinds: MinMaxScaler (before the imputer, so it sees NaN) ->
/// imputer (median) -> RobustScaler (unit variance, 10-90) -> Normalizer (l1).
inline ferry::Pipeline fit_scalers(const Data& d) {
  ferry::MinMaxScaler minmax;
  minmax.feature_range = {-1.0, 2.0};
  minmax.clip = true;
  ferry::SimpleImputer impute;
  impute.strategy = ferry::ImputeStrategy::median;
  ferry::RobustScaler robust;
  robust.quantile_range = {10.0, 90.0};
  robust.unit_variance = true;
  ferry::Normalizer norm;
  norm.norm = ferry::Norm::l1;
  ferry::Pipeline p({{"minmax", minmax}, {"impute", impute}, {"robust", robust}, {"norm", norm}});
  p.fit(d.X);
  return p;
}

/// MaxAbsScaler (clip) -> imputer (mean) -> Binarizer -> binary logistic regression.
inline ferry::Pipeline fit_maxabs_binarizer(const Data& d) {
  ferry::MaxAbsScaler maxabs;
  maxabs.clip = true;
  ferry::Binarizer binarize;
  binarize.threshold = 0.6;
  ferry::Pipeline p({{"maxabs", maxabs}, {"impute", ferry::SimpleImputer{}}, {"binarize", binarize},
                     {"model", ferry::LogisticRegression{}}});
  p.fit(d.X, ferry::Target(d.binary));
  return p;
}

/// Imputer -> scaler -> interaction terms -> ordinal k-means bins -> whitened PCA (covariance
/// solver, 90% of the variance) -> binary logistic regression: the three feature kinds in one
/// file, PCA last so that the transform output is continuous.
inline ferry::Pipeline fit_features(const Data& d) {
  ferry::PolynomialFeatures poly;
  poly.interaction_only = true;
  poly.include_bias = false;
  ferry::KBinsDiscretizer bins;
  bins.n_bins = 4;
  bins.encode = ferry::KBinsEncode::ordinal;
  bins.strategy = ferry::KBinsStrategy::kmeans;
  ferry::PCA pca;
  pca.n_components_mode = ferry::PcaComponents::variance;
  pca.variance = 0.9;
  pca.whiten = true;
  pca.svd_solver = ferry::PcaSolver::covariance_eigh;
  ferry::Pipeline p({{"impute", ferry::SimpleImputer{}}, {"scale", ferry::StandardScaler{}},
                     {"poly", poly}, {"bins", bins}, {"pca", pca},
                     {"model", ferry::LogisticRegression{}}});
  p.fit(d.X, ferry::Target(d.binary));
  return p;
}

// --- damaged inputs ----------------------------------------------------------------------------

/// Forged payloads with a correct checksum, each with what its error must say.
struct Forgery {
  std::string what;
  Bytes artifact;
  std::string message;  // a substring of the expected ArtifactError message
};

/// The data with a string column "region" (some missing), for the encoder pipelines.
inline ferry::Frame with_region(const ferry::Frame& X) {
  static const char* const kRegions[] = {"north", "south", "east", "west", "north", "centre", "south"};
  std::vector<std::string> region;
  std::vector<std::uint8_t> valid;
  for (std::size_t i = 0; i < X.rows(); ++i) {
    region.emplace_back(kRegions[(i * 5 + i / 3) % 7]);
    valid.push_back(i % 13 == 6 ? 0 : 1);
  }
  ferry::Frame f = X;
  f.add_string("region", region, valid);
  return f;
}

/// probe_frame() with a region each: known, rare, missing and never seen.
inline ferry::Frame probe_frame_text() {
  ferry::Frame f = probe_frame();
  f.add_string("region", {"north", "centre", "", "atlantis"}, {1, 1, 0, 1});
  return f;
}

/// ColumnTransformer(one-hot region + visits with infrequent grouping and drop first; imputer +
/// scaler on age, plas, mass; smoker passed through) -> binary logistic regression.
inline ferry::Pipeline fit_encoders(const Data& d) {
  ferry::OneHotEncoder onehot;
  onehot.handle_unknown = ferry::HandleUnknown::infrequent_if_exist;
  onehot.min_frequency = 12;
  onehot.drop = ferry::OneHotDrop::first;
  ferry::SimpleImputer impute;
  impute.missing_values = 0.0;
  ferry::ColumnTransformer ct;
  ct.transformers = {
      {"cat", {{"onehot", onehot}}, {"region", "visits"}, false, {}, 0},
      {"num", {{"impute", impute}, {"scale", ferry::StandardScaler{}}}, {"age", "plas", "mass"},
       false, {}, 0},
  };
  ct.remainder = ferry::Remainder::passthrough;
  ferry::Pipeline p({{"features", ct}, {"model", ferry::LogisticRegression{}}});
  p.fit(with_region(d.X), ferry::Target(d.binary));
  return p;
}

/// ColumnTransformer(region: most-frequent imputer with indicator -> OrdinalEncoder; plas:
/// MissingIndicator(all); numbers: imputer -> scaler; the rest passed through) -> logistic
/// regression: the string imputer, both indicators and the ordinal encoder in one file.
inline ferry::Pipeline fit_text_imputers(const Data& d) {
  ferry::SimpleImputer frequent;
  frequent.strategy = ferry::ImputeStrategy::most_frequent;
  frequent.add_indicator = true;
  ferry::OrdinalEncoder ordinal;
  ordinal.handle_unknown = ferry::OrdinalUnknown::use_encoded_value;
  ordinal.unknown_value = -1;
  ferry::MissingIndicator flags;
  flags.features = ferry::IndicatorFeatures::all;
  ferry::ColumnTransformer ct;
  ct.transformers = {
      {"cat", {{"impute", frequent}, {"ordinal", ordinal}}, {"region"}, false, {}, 0},
      {"flags", {{"missing", flags}}, {"plas"}, false, {}, 0},
      {"num", {{"impute", ferry::SimpleImputer{}}, {"scale", ferry::StandardScaler{}}},
       {"age", "plas", "mass"}, false, {}, 0},
  };
  ct.remainder = ferry::Remainder::passthrough;
  ferry::Pipeline p({{"features", ct}, {"model", ferry::LogisticRegression{}}});
  p.fit(with_region(d.X), ferry::Target(d.binary));
  return p;
}

/// ColumnTransformer(derived: Expressions of numbers and bools over age, mass, plas, smoker;
/// cat: Expressions of strings over region and visits -> OneHotEncoder) -> scaler -> logistic
/// regression: the expression kind with every result type, nulls and a made string in one file.
inline ferry::Pipeline fit_expressions(const Data& d) {
  ferry::Expressions derived;
  derived.expressions = {
      {"older", "age >= 30", {}},
      {"bmi_x_age", "mass * age / 100", {}},
      {"plas_log", "log1p(coalesce(plas, 120))", {}},
      {"heavy_smoker", "smoker and mass > 30", {}},
      {"no_mass", "if(mass == 0, 1, 0) + if(isnull(plas), 0.5, 0)", {}},
  };
  ferry::Expressions words;
  words.expressions = {
      {"region_uc", "upper(coalesce(region, 'unknown'))", {}},
      {"visits_band", "case when visits >= 4 then 'many' when visits >= 2 then 'some' else 'few' end", {}},
  };
  ferry::OneHotEncoder onehot;
  onehot.handle_unknown = ferry::HandleUnknown::ignore;
  ferry::ColumnTransformer ct;
  ct.transformers = {
      {"derived", {{"expr", derived}}, {"age", "mass", "plas", "smoker"}, false, {}, 0},
      {"cat", {{"expr", words}, {"onehot", onehot}}, {"region", "visits"}, false, {}, 0},
  };
  ferry::Pipeline p({{"features", ct}, {"scale", ferry::StandardScaler{}},
                     {"model", ferry::LogisticRegression{}}});
  p.fit(with_region(d.X), ferry::Target(d.binary));
  return p;
}

/// Payload of an artifact whose steps are named "impute" and "scale" (fit_binary, fit_ridge),
/// damaged field by field. The layout assumptions are the
/// format's: byte 0 is cereal's byte-order flag, bytes 1-4 the class version of the pipeline
/// state, bytes 5-8 that of Metadata, bytes 9-16 the length of Metadata.ferry_version.
inline std::vector<Forgery> forgeries(const Bytes& binary_artifact) {
  const Bytes good = payload_of(binary_artifact);
  std::vector<Forgery> out;
  auto add = [&out](std::string what, const Bytes& payload, std::string message) {
    out.push_back({std::move(what), wrap(payload), std::move(message)});
  };
  Bytes p;

  p = good;
  set_le(p, 9, std::uint64_t{1} << 40, 8);
  add("a 2^40 string length", p, "Metadata.ferry_version: size tag says 1099511627776 bytes, the limit is 16777216");

  p = good;
  set_le(p, 9, 1000000, 8);
  add("a string length past the end", p, "Metadata.ferry_version: size tag says 1000000 bytes, only ");

  p = good;
  set_le(p, after_string(good, "age") + 0, 9, 1);
  add("an out-of-range dtype byte", p, "ColumnSpec.type: expected a value from 0 to 3, found 9");

  p = good;
  set_le(p, after_string(good, "age") + 1, 2, 1);
  add("a bool byte of 2", p, "ColumnSpec.nullable: expected a bool byte 0 or 1, found 2");

  p = good;
  set_le(p, after_string(good, "scale"), 99, 2);
  add("an unknown step kind id", p, "step \"scale\": unknown step kind id 99");

  p = good;
  set_le(p, after_string(good, "impute"), 0, 2);
  add("step kind id 0", p, "step \"impute\": unknown step kind id 0");

  p = good;
  // The step count (u64) and NamedStep's class version (u32) precede the first step's name.
  const std::size_t step_count = find_string(good, "impute") - 4 - 8;
  set_le(p, step_count, std::uint64_t{1} << 40, 8);
  add("a 2^40 step count", p, "Pipeline.steps: size tag says 1099511627776 elements, the limit is 268435456");

  p = good;
  set_le(p, step_count, 100000, 8);
  add("a step count past the end", p, "Pipeline.steps: size tag says 100000 elements (10 bytes or more each), only ");

  p = good;
  // SimpleImputer: kind id (u16), class version (u32), strategy (u8), missing_values and
  // fill_value (f64), keep_empty_features (u8), then the statistics_ count.
  set_le(p, after_string(good, "impute") + 2 + 4 + 1 + 8 + 8 + 1, std::uint64_t{1} << 27, 8);
  add("a 2^27 count of doubles", p,
      "SimpleImputer.statistics_: size tag says 134217728 elements (8 bytes or more each), only ");

  p = good;
  set_le(p, 1, 2, 4);
  add("a newer class version", p, "Pipeline: class version 2 is newer than this library");

  p = good;
  set_le(p, 5, 0, 4);
  add("class version 0", p, "Metadata: class version 0 is not a valid version");

  p = good;
  p[0] = 0;
  add("a big-endian flag", p, "expected the byte-order flag 1 (little-endian) as the first payload byte, found 0");

  p = good;
  p.push_back(0);
  add("a trailing payload byte", p, "1 bytes follow the last step, expected none");

  p = good;
  p.resize(p.size() - 3);
  add("a payload cut inside a field", p, "a field runs past the end of the payload");

  add("an empty payload", Bytes{}, "found an empty payload");
  add("only the byte-order flag", Bytes{1}, "a field runs past the end of the payload");
  return out;
}

/// Every damaged input the loader tests and the allocation test feed to the loader: truncations,
/// single-bit flips, nonsense envelopes, random strings, forgeries, and random mutations of the
/// payload re-wrapped with a correct checksum (they reach deep into the parser; some of them
/// still describe a valid pipeline, which is fine).
inline std::vector<Bytes> damaged_inputs(const Bytes& artifact, std::size_t random_strings = 3000,
                                         std::size_t mutations = 3000) {
  std::vector<Bytes> out;
  for (std::size_t n = 0; n < artifact.size(); ++n) out.emplace_back(artifact.begin(), artifact.begin() + n);
  const std::size_t flip_bytes = std::min<std::size_t>(artifact.size(), 4096);
  for (std::size_t i = 0; i < flip_bytes; ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes b = artifact;
      b[i] = static_cast<std::uint8_t>(b[i] ^ (1u << bit));
      out.push_back(std::move(b));
    }
  }
  const Bytes payload = payload_of(artifact);
  if (find(payload, length_prefixed("impute")) != std::string::npos &&
      find(payload, length_prefixed("scale")) != std::string::npos) {
    for (const Forgery& f : forgeries(artifact)) out.push_back(f.artifact);
  }

  std::mt19937_64 rng(20240601);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(0, 400);
  for (std::size_t i = 0; i < random_strings; ++i) {
    Bytes b(length(rng));
    for (auto& x : b) x = static_cast<std::uint8_t>(byte(rng));
    // A third start like a real file, so they get past the magic check.
    if (i % 3 == 1 && b.size() >= 8) std::memcpy(b.data(), kMagic, 8);
    // A third are whole envelopes with a correct checksum around random payloads.
    if (i % 3 == 2) {
      if (!b.empty()) b[0] = 1;
      b = wrap(b);
    }
    out.push_back(std::move(b));
  }

  std::uniform_int_distribution<std::size_t> position(0, payload.size() - 1);
  std::uniform_int_distribution<int> edits(1, 4);
  for (std::size_t i = 0; i < mutations; ++i) {
    Bytes p = payload;
    for (int k = edits(rng); k > 0; --k) {
      const std::size_t at = position(rng);
      switch (rng() % 4) {
        case 0: p[at] = static_cast<std::uint8_t>(byte(rng)); break;
        case 1: p[at] = 0xFF; break;
        case 2: p[at] = static_cast<std::uint8_t>(p[at] + 1); break;
        default:  // a size-tag-shaped overwrite: a large u64 wherever it lands
          for (std::size_t j = 0; j < 8 && at + j < p.size(); ++j) p[at + j] = j == 5 ? 0x01 : 0x00;
      }
    }
    out.push_back(wrap(p));
  }
  return out;
}

}  // namespace artifact_test
