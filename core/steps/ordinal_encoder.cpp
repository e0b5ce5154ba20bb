#include <cmath>

#include "steps/categories.hpp"
#include "steps/category_table.hpp"
#include "steps/checks.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {

// Where each value of each input column goes; derived from the fitted fields by prepare().
struct OrdinalTables {
  struct Column {
    CategoryTable lookup;
    std::vector<double> code;          // per category: its grouped position, or the missing code
    std::int64_t null_category = -1;   // category position of the missing value, -1: not seen
  };
  std::vector<Column> columns;
};

namespace {

constexpr const char* kName = "OrdinalEncoder";

// scikit-learn refuses an unknown_value or encoded_missing_value that a category already uses.
void check_free_code(double value, const char* what, std::size_t codes, const std::string& column) {
  if (std::isnan(value)) return;
  if (value >= 0 && value < static_cast<double>(codes) && std::trunc(value) == value)
    throw ParameterError(std::string(kName) + ": " + what + " " + num(value) +
                         " is one of the codes of the categories of column '" + column +
                         "' (0 to " + std::to_string(codes - 1) + "); choose another value");
}

}  // namespace

void check_params(const OrdinalEncoder& s) {
  if (static_cast<unsigned>(s.handle_unknown) > 1)
    throw ParameterError(std::string(kName) +
                         ": handle_unknown expected error or use_encoded_value, found " +
                         std::to_string(static_cast<unsigned>(s.handle_unknown)));
  if (std::isinf(s.unknown_value) || std::isinf(s.encoded_missing_value))
    throw ParameterError(std::string(kName) +
                         ": unknown_value and encoded_missing_value expected finite numbers or "
                         "NaN, found " + num(s.unknown_value) + " and " +
                         num(s.encoded_missing_value));
  if (s.handle_unknown == OrdinalUnknown::use_encoded_value && !std::isnan(s.unknown_value) &&
      std::trunc(s.unknown_value) != s.unknown_value)
    throw ParameterError(std::string(kName) + ": unknown_value expected an integer or NaN, found " +
                         num(s.unknown_value));
  check_encoder_params(kName, {s.categories, s.min_frequency});
}

void fit(OrdinalEncoder& s, const FitInput& in) {
  const std::size_t d = static_cast<std::size_t>(in.X.cols());
  check_category_lists(kName, s.categories.size(), d);
  s.n_features_in_ = d;
  s.feature_types_in_ = *in.types;
  s.feature_names_in_ = *in.names;
  s.categories_.assign(d, {});
  s.infrequent_.assign(d, {});
  for (std::size_t j = 0; j < d; ++j) {
    CategoryRules rules{kName};
    rules.given = s.categories.empty() ? nullptr : &s.categories[j];
    rules.unknown_is_error = s.handle_unknown == OrdinalUnknown::error;
    rules.min_frequency = s.min_frequency;
    rules.max_categories = s.max_categories;
    LearnedColumn learned = learn_column(in, j, rules);
    std::size_t groups = 0;
    grouped(learned.infrequent, groups);
    const bool has_null = !learned.categories.empty() && learned.categories.back().is_null();
    const std::size_t codes = groups - (has_null && !learned.infrequent.back() ? 1 : 0);
    if (s.handle_unknown == OrdinalUnknown::use_encoded_value)
      check_free_code(s.unknown_value, "unknown_value", codes, s.feature_names_in_[j]);
    if (has_null) check_free_code(s.encoded_missing_value, "encoded_missing_value", codes,
                                  s.feature_names_in_[j]);
    s.categories_[j] = std::move(learned.categories);
    s.infrequent_[j] = std::move(learned.infrequent);
  }
}

void prepare(OrdinalEncoder& s) {
  auto tables = std::make_shared<OrdinalTables>();
  tables->columns.resize(s.n_features_in_);
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    OrdinalTables::Column& c = tables->columns[j];
    const auto& cats = s.categories_[j];
    if (!c.lookup.build(cats))
      throw ArtifactError(std::string(kName) + ": categories_ of column " + std::to_string(j) +
                          " expected distinct values of one type, found a repeated or mixed one");
    c.null_category =
        !cats.empty() && cats.back().is_null() ? static_cast<std::int64_t>(cats.size() - 1) : -1;
    std::size_t groups = 0;
    const std::vector<std::size_t> g = grouped(s.infrequent_[j], groups);
    c.code.resize(cats.size());
    for (std::size_t k = 0; k < cats.size(); ++k) c.code[k] = static_cast<double>(g[k]);
    // A missing category is written as encoded_missing_value, unless it is infrequent (then it
    // shares the infrequent code, as scikit-learn does).
    if (c.null_category >= 0 && !s.infrequent_[j].back())
      c.code[static_cast<std::size_t>(c.null_category)] = s.encoded_missing_value;
  }
  s.tables_ = std::move(tables);
}

std::size_t n_out(const OrdinalEncoder& s) { return s.n_features_in_; }

void transform_cols(const OrdinalEncoder& s, Cols in, double* out, std::string_view*,
                    std::size_t n, Arena&) {
  const OrdinalTables& t = *s.tables_;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    const OrdinalTables::Column& col = t.columns[j];
    const bool text = s.feature_types_in_[j] == DType::string;
    double* o = out + j * n;
    for (std::size_t i = 0; i < n; ++i) {
      bool missing = false;
      const std::int64_t k =
          find_category(col.lookup, col.null_category, in, text, j, i, n, missing);
      if (k >= 0)
        o[i] = col.code[static_cast<std::size_t>(k)];
      else if (s.handle_unknown == OrdinalUnknown::use_encoded_value)
        o[i] = s.unknown_value;
      else
        unknown_category(kName, s.feature_names_in_[j], in, text, j, i, n, missing,
                         s.categories_[j], "handle_unknown='use_encoded_value'");
    }
  }
}

void validate(const OrdinalEncoder& s) {
  expect_enum(kName, "handle_unknown", static_cast<unsigned>(s.handle_unknown), 2);
  expect_fitted_width(kName, s.n_features_in_);
  const std::size_t d = s.n_features_in_;
  expect_size(kName, "feature_types_in_", d, s.feature_types_in_.size());
  expect_size(kName, "feature_names_in_", d, s.feature_names_in_.size());
  expect_size(kName, "categories_", d, s.categories_.size());
  expect_size(kName, "infrequent_", d, s.infrequent_.size());
  if (!valid_min_frequency(s.min_frequency) || std::isinf(s.unknown_value) ||
      std::isinf(s.encoded_missing_value))
    throw ArtifactError(std::string(kName) +
                        ": expected min_frequency 0, a fraction or a whole count and finite (or "
                        "NaN) unknown_value and encoded_missing_value, found " +
                        num(s.min_frequency) + ", " + num(s.unknown_value) + " and " +
                        num(s.encoded_missing_value));
  validate_categories(kName, s.feature_types_in_, s.categories_, s.infrequent_);
}

std::vector<std::string> names_out(const OrdinalEncoder&, const std::vector<std::string>& in) {
  return in;
}

std::vector<bool> missing_out(const OrdinalEncoder& s, const std::vector<bool>& in) {
  // NaN comes out for a missing input coded NaN, or for any unknown value coded NaN.
  const bool unknown_nan =
      s.handle_unknown == OrdinalUnknown::use_encoded_value && std::isnan(s.unknown_value);
  std::vector<bool> out(in.size());
  for (std::size_t j = 0; j < in.size(); ++j)
    out[j] = unknown_nan || (in[j] && std::isnan(s.encoded_missing_value));
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const OrdinalEncoder&, std::size_t n_in) {
  return identity_sources(n_in);
}

}  // namespace ferry::detail
