#include <algorithm>
#include <cmath>
#include <numeric>

#include "steps/categories.hpp"
#include "steps/category_table.hpp"
#include "steps/checks.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {

// Where each value of each input column goes; derived from the fitted fields by prepare().
struct OneHotTables {
  struct Column {
    CategoryTable lookup;
    std::vector<std::int64_t> slot;   // category -> output column within this input's, -1: none
    std::int64_t null_category = -1;  // category position of the missing value, -1: not seen
    std::int64_t infrequent_slot = -1;  // output column of the infrequent group, -1: none/dropped
    std::size_t offset = 0;           // first output column of this input column
    std::size_t width = 0;            // output columns of this input column
  };
  std::vector<Column> columns;
  std::size_t n_out = 0;
};

namespace {

constexpr const char* kName = "OneHotEncoder";

}  // namespace

void check_params(const OneHotEncoder& s) {
  if (static_cast<unsigned>(s.drop) > 2)
    throw ParameterError(std::string(kName) + ": drop expected none, first or if_binary, found " +
                         std::to_string(static_cast<unsigned>(s.drop)));
  if (static_cast<unsigned>(s.handle_unknown) > 2)
    throw ParameterError(std::string(kName) +
                         ": handle_unknown expected error, ignore or infrequent_if_exist, found " +
                         std::to_string(static_cast<unsigned>(s.handle_unknown)));
  check_encoder_params(kName, {s.categories, s.min_frequency});
}

void fit(OneHotEncoder& s, const FitInput& in) {
  const std::size_t d = static_cast<std::size_t>(in.X.cols());
  check_category_lists(kName, s.categories.size(), d);
  s.n_features_in_ = d;
  s.feature_types_in_ = *in.types;
  s.feature_names_in_ = *in.names;
  s.categories_.assign(d, {});
  s.infrequent_.assign(d, {});
  s.drop_idx_.assign(d, -1);
  for (std::size_t j = 0; j < d; ++j) {
    CategoryRules rules{kName};
    rules.given = s.categories.empty() ? nullptr : &s.categories[j];
    rules.unknown_is_error = s.handle_unknown == HandleUnknown::error;
    rules.min_frequency = s.min_frequency;
    rules.max_categories = s.max_categories;
    LearnedColumn learned = learn_column(in, j, rules);
    s.infrequent_[j] = std::move(learned.infrequent);
    std::size_t groups = 0;
    const std::vector<std::size_t> g = grouped(s.infrequent_[j], groups);
    if (s.drop == OneHotDrop::first || (s.drop == OneHotDrop::if_binary && groups == 2))
      for (std::size_t k = 0; k < g.size(); ++k)
        if (g[k] == 0) {
          s.drop_idx_[j] = static_cast<std::int64_t>(k);
          break;
        }
    s.categories_[j] = std::move(learned.categories);
  }
}

void prepare(OneHotEncoder& s) {
  auto tables = std::make_shared<OneHotTables>();
  tables->columns.resize(s.n_features_in_);
  std::size_t offset = 0;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    OneHotTables::Column& c = tables->columns[j];
    const auto& cats = s.categories_[j];
    if (!c.lookup.build(cats))
      throw ArtifactError(std::string(kName) + ": categories_ of column " + std::to_string(j) +
                          " expected distinct values of one type, found a repeated or mixed one");
    c.null_category = !cats.empty() && cats.back().is_null()
                          ? static_cast<std::int64_t>(cats.size() - 1) : -1;
    std::size_t groups = 0;
    const std::vector<std::size_t> g = grouped(s.infrequent_[j], groups);
    const std::int64_t drop = s.drop_idx_[j] >= 0
                                  ? static_cast<std::int64_t>(g[static_cast<std::size_t>(s.drop_idx_[j])])
                                  : -1;
    auto slot_of = [&](std::size_t group) -> std::int64_t {
      const auto gi = static_cast<std::int64_t>(group);
      if (gi == drop) return -1;
      return drop >= 0 && gi > drop ? gi - 1 : gi;
    };
    c.slot.resize(cats.size());
    for (std::size_t k = 0; k < cats.size(); ++k) c.slot[k] = slot_of(g[k]);
    const bool any_infrequent =
        std::find(s.infrequent_[j].begin(), s.infrequent_[j].end(), 1) != s.infrequent_[j].end();
    c.infrequent_slot = any_infrequent ? slot_of(groups - 1) : -1;
    c.offset = offset;
    c.width = groups - (drop >= 0 ? 1 : 0);
    offset += c.width;
  }
  tables->n_out = offset;
  s.tables_ = std::move(tables);
}

std::size_t n_out(const OneHotEncoder& s) { return s.tables_ ? s.tables_->n_out : 0; }

void transform_cols(const OneHotEncoder& s, Cols in, double* out, std::string_view*,
                    std::size_t n, Arena&) {
  const OneHotTables& t = *s.tables_;
  for (std::size_t c = 0; c < t.n_out * n; ++c) out[c] = 0.0;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    const OneHotTables::Column& col = t.columns[j];
    const bool text = s.feature_types_in_[j] == DType::string;
    double* o = out + col.offset * n;
    for (std::size_t i = 0; i < n; ++i) {
      bool missing = false;
      const std::int64_t k =
          find_category(col.lookup, col.null_category, in, text, j, i, n, missing);
      std::int64_t slot;
      if (k >= 0) {
        slot = col.slot[static_cast<std::size_t>(k)];
      } else if (s.handle_unknown == HandleUnknown::error) {
        unknown_category(kName, s.feature_names_in_[j], in, text, j, i, n, missing,
                         s.categories_[j], "handle_unknown='ignore' or 'infrequent_if_exist'");
      } else if (s.handle_unknown == HandleUnknown::infrequent_if_exist) {
        slot = col.infrequent_slot;
      } else {
        slot = -1;
      }
      if (slot >= 0) o[static_cast<std::size_t>(slot) * n + i] = 1.0;
    }
  }
}

void validate(const OneHotEncoder& s) {
  expect_enum(kName, "drop", static_cast<unsigned>(s.drop), 3);
  expect_enum(kName, "handle_unknown", static_cast<unsigned>(s.handle_unknown), 3);
  expect_fitted_width(kName, s.n_features_in_);
  const std::size_t d = s.n_features_in_;
  expect_size(kName, "feature_types_in_", d, s.feature_types_in_.size());
  expect_size(kName, "feature_names_in_", d, s.feature_names_in_.size());
  expect_size(kName, "categories_", d, s.categories_.size());
  expect_size(kName, "infrequent_", d, s.infrequent_.size());
  expect_size(kName, "drop_idx_", d, s.drop_idx_.size());
  if (!valid_min_frequency(s.min_frequency))
    throw ArtifactError(std::string(kName) + ": min_frequency expected 0, a fraction or a count, found " +
                        num(s.min_frequency));
  validate_categories(kName, s.feature_types_in_, s.categories_, s.infrequent_);
  for (std::size_t j = 0; j < d; ++j) {
    const auto& cats = s.categories_[j];
    const std::string col = "column " + std::to_string(j);
    if (s.drop_idx_[j] < -1 || s.drop_idx_[j] >= static_cast<std::int64_t>(cats.size()))
      throw ArtifactError(std::string(kName) + ": drop_idx_ of " + col + " expected -1 or below " +
                          std::to_string(cats.size()) + ", found " + std::to_string(s.drop_idx_[j]));
  }
}

std::vector<std::string> names_out(const OneHotEncoder& s, const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    const auto& cats = s.categories_[j];
    const bool numeric = numeric_type(s.feature_types_in_[j]);
    std::size_t groups = 0;
    const std::vector<std::size_t> g = grouped(s.infrequent_[j], groups);
    std::vector<std::string> group_names(groups);
    for (std::size_t k = 0; k < cats.size(); ++k)
      if (!s.infrequent_[j][k]) group_names[g[k]] = python_str(cats[k], numeric);
    if (groups > 0 && std::find(s.infrequent_[j].begin(), s.infrequent_[j].end(), 1) != s.infrequent_[j].end())
      group_names[groups - 1] = "infrequent_sklearn";
    const std::int64_t drop = s.drop_idx_[j] >= 0
                                  ? static_cast<std::int64_t>(g[static_cast<std::size_t>(s.drop_idx_[j])])
                                  : -1;
    for (std::size_t q = 0; q < groups; ++q)
      if (static_cast<std::int64_t>(q) != drop) out.push_back(in[j] + "_" + group_names[q]);
  }
  return out;
}

std::vector<bool> missing_out(const OneHotEncoder& s, const std::vector<bool>&) {
  return std::vector<bool>(n_out(s), false);
}

std::vector<std::vector<std::size_t>> sources_out(const OneHotEncoder& s, std::size_t) {
  std::vector<std::vector<std::size_t>> out;
  if (!s.tables_) return out;
  for (std::size_t j = 0; j < s.tables_->columns.size(); ++j)
    out.insert(out.end(), s.tables_->columns[j].width, std::vector<std::size_t>{j});
  return out;
}

}  // namespace ferry::detail
