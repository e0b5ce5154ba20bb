#include "steps/categories.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ferry/errors.hpp"
#include "steps/category_table.hpp"

namespace ferry::detail {
namespace {

bool value_less(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return !a.is_null() && b.is_null();  // missing sorts last
  if (a.is_string()) return a.as_string() < b.as_string();
  auto num = [](const Value& v) {
    return v.is_int() ? static_cast<double>(v.as_int()) : v.is_bool() ? (v.as_bool() ? 1.0 : 0.0)
                                                                       : v.as_double();
  };
  return num(a) < num(b);
}

// The value of row r, column j as a category Value (null when missing).
Value cell(const FitInput& in, DType t, Eigen::Index r, std::size_t j) {
  const std::size_t d = static_cast<std::size_t>(in.X.cols());
  if (t == DType::string) {
    std::string_view v = in.text[static_cast<std::size_t>(r) * d + j];
    return v.data() ? Value(std::string(v)) : Value();
  }
  const double x = in.X(r, static_cast<Eigen::Index>(j));
  if (std::isnan(x)) return Value();
  if (t == DType::int64) return Value(static_cast<std::int64_t>(x));
  if (t == DType::boolean) return Value(x != 0.0);
  return Value(x);
}

// scikit-learn's _identify_infrequent: by count below min_frequency, then the rarest beyond
// max_categories - 1 (a stable sort, so ties keep category order).
std::vector<std::uint8_t> infrequent_mask(const CategoryRules& s, const std::vector<double>& count,
                                          double n_rows) {
  const std::size_t K = count.size();
  std::vector<std::uint8_t> mask(K, 0);
  if (s.min_frequency >= 1) {
    for (std::size_t k = 0; k < K; ++k) mask[k] = count[k] < s.min_frequency;
  } else if (s.min_frequency > 0) {
    for (std::size_t k = 0; k < K; ++k) mask[k] = count[k] < n_rows * s.min_frequency;
  }
  std::size_t n_infrequent = 0;
  for (auto m : mask) n_infrequent += m;
  const std::size_t current = K - n_infrequent + 1;
  if (s.max_categories > 0 && s.max_categories < current) {
    const std::size_t frequent = s.max_categories - 1;
    if (frequent == 0) {
      std::fill(mask.begin(), mask.end(), 1);
    } else {
      std::vector<std::size_t> order(K);
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return count[a] < count[b]; });
      for (std::size_t i = 0; i + frequent < K; ++i) mask[order[i]] = 1;
    }
  }
  return mask;
}

}  // namespace

bool numeric_type(DType t) { return t != DType::string; }

// Whether a category value fits a column of type t.
bool fits(const Value& v, DType t) {
  if (v.is_null()) return true;
  switch (t) {
    case DType::string: return v.is_string();
    case DType::boolean: return v.is_bool();
    case DType::int64: return v.is_int();
    case DType::float64: return v.is_double() || v.is_int();
  }
  return false;
}



std::string category_list(const std::vector<Value>& values, bool numeric) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < 10; ++i)
    out += (i ? ", " : "") + python_str(values[i], numeric);
  if (values.size() > 10) out += ", ... (" + std::to_string(values.size()) + " in all)";
  return out;
}


// Grouped position of each category: frequent ones in order, every infrequent one last.
std::vector<std::size_t> grouped(const std::vector<std::uint8_t>& infrequent, std::size_t& n_groups) {
  std::vector<std::size_t> g(infrequent.size());
  std::size_t frequent = 0;
  for (std::size_t k = 0; k < g.size(); ++k)
    if (!infrequent[k]) g[k] = frequent++;
  const bool any = frequent < g.size();
  for (std::size_t k = 0; k < g.size(); ++k)
    if (infrequent[k]) g[k] = frequent;
  n_groups = frequent + (any ? 1 : 0);
  return g;
}

bool valid_min_frequency(double f) {
  return std::isfinite(f) && f >= 0 && (f < 1 || std::trunc(f) == f);
}

void check_encoder_params(const char* step, const EncoderFields& f) {
  if (!valid_min_frequency(f.min_frequency))
    throw ParameterError(std::string(step) +
                         ": min_frequency expected 0 (off), a fraction in (0, 1) or a whole count "
                         ">= 1, found " + Value(f.min_frequency).to_string());
  for (std::size_t j = 0; j < f.categories.size(); ++j) {
    const auto& cats = f.categories[j];
    if (cats.empty())
      throw ParameterError(std::string(step) + ": categories for column " + std::to_string(j) +
                           " expected at least one category, found none");
    for (std::size_t k = 0; k + 1 < cats.size(); ++k)
      if (cats[k].is_null())
        throw ParameterError(std::string(step) + ": categories for column " + std::to_string(j) +
                             ": a missing value is allowed only as the last category");
  }
}

void check_category_lists(const char* step, std::size_t given, std::size_t columns) {
  if (given != 0 && given != columns)
    throw ParameterError(std::string(step) + ": categories expected one list per column (" +
                         std::to_string(columns) + "), found " + std::to_string(given));
}

void validate_categories(const char* step, const std::vector<DType>& types,
                         const std::vector<std::vector<Value>>& categories,
                         const std::vector<std::vector<std::uint8_t>>& infrequent) {
  const std::string who = step;
  for (std::size_t j = 0; j < categories.size(); ++j) {
    const auto& cats = categories[j];
    const std::string col = "column " + std::to_string(j);
    if (static_cast<unsigned>(types[j]) > static_cast<unsigned>(DType::boolean))
      throw ArtifactError(who + ": " + col + " has an unknown type id " +
                          std::to_string(static_cast<unsigned>(types[j])));
    if (cats.empty())
      throw ArtifactError(who + ": " + col + " expected at least one category, found none");
    if (infrequent[j].size() != cats.size())
      throw ArtifactError(who + ": infrequent_ of " + col + " expected " +
                          std::to_string(cats.size()) + " values, found " +
                          std::to_string(infrequent[j].size()));
    for (std::size_t k = 0; k < cats.size(); ++k) {
      if (!fits(cats[k], types[j]) || (cats[k].is_null() && k + 1 != cats.size()) ||
          (cats[k].is_double() && !std::isfinite(cats[k].as_double())))
        throw ArtifactError(who + ": " + col + " category " + std::to_string(k) +
                            " expected a finite " + dtype_name(types[j]) +
                            " value (missing only last), found " + cats[k].to_string());
      if (infrequent[j][k] > 1)
        throw ArtifactError(who + ": infrequent_ expected 0 or 1, found " +
                            std::to_string(infrequent[j][k]));
    }
  }
}

std::int64_t find_category(const CategoryTable& table, std::int64_t null_category, Cols in,
                           bool text, std::size_t j, std::size_t i, std::size_t n, bool& missing) {
  if (text) {
    const std::string_view v = in.str[j * n + i];
    missing = v.data() == nullptr;
    return missing ? null_category : table.find(v);
  }
  const double v = in.num[j * n + i];
  missing = std::isnan(v);
  return missing ? null_category : table.find(v);
}

void unknown_category(const char* step, const std::string& column, Cols in, bool text,
                      std::size_t j, std::size_t i, std::size_t n, bool missing,
                      const std::vector<Value>& categories, const char* accept) {
  const std::string found =
      missing ? std::string("a missing value")
              : "the value " + (text ? "'" + std::string(in.str[j * n + i]) + "'"
                                     : Value(in.num[j * n + i]).to_string());
  throw SchemaError(std::string(step) + ": column '" + column + "' has " + found +
                    ", which is not among the " + std::to_string(categories.size()) +
                    " categories seen at fit (" + category_list(categories, !text) + "); " +
                    accept + " would accept it");
}

LearnedColumn learn_column(const FitInput& in, std::size_t j, const CategoryRules& rules) {
  const Eigen::Index n = in.X.rows();
  const DType t = (*in.types)[j];
  const std::string& name = (*in.names)[j];
  const std::string who = rules.step;
  std::vector<Value> values;
  values.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index r = 0; r < n; ++r) values.push_back(cell(in, t, r, j));
  LearnedColumn out;
  std::vector<Value>& cats = out.categories;
  if (!rules.given) {
    cats = values;
    std::sort(cats.begin(), cats.end(), value_less);
    cats.erase(std::unique(cats.begin(), cats.end()), cats.end());
  } else {
    cats = *rules.given;
    for (const Value& c : cats)
      if (!fits(c, t))
        throw ParameterError(who + ": categories for column '" + name + "' expected " +
                             dtype_name(t) + " values, found " + c.type_name() + " " +
                             c.to_string());
    if (t == DType::float64)  // as the column holds them, so lookups and names agree
      for (Value& c : cats)
        if (c.is_int()) c = Value(static_cast<double>(c.as_int()));
    if (numeric_type(t) && !std::is_sorted(cats.begin(), cats.end(), value_less))
      throw ParameterError(who + ": categories for numeric column '" + name +
                           "' expected in ascending order, found " + category_list(cats, true));
  }
  CategoryTable table;
  if (!table.build(cats))
    throw ParameterError(who + ": categories for column '" + name +
                         "' expected distinct values, found a repeated one in " +
                         category_list(cats, numeric_type(t)));
  const std::int64_t null_cat =
      !cats.empty() && cats.back().is_null() ? static_cast<std::int64_t>(cats.size() - 1) : -1;
  std::vector<double> count(cats.size(), 0.0);
  for (std::size_t r = 0; r < values.size(); ++r) {
    const Value& v = values[r];
    std::int64_t k = v.is_null() ? null_cat
                     : v.is_string() ? table.find(std::string_view(v.as_string()))
                     : table.find(v.is_int() ? static_cast<double>(v.as_int())
                                  : v.is_bool() ? (v.as_bool() ? 1.0 : 0.0) : v.as_double());
    if (k < 0) {
      if (rules.unknown_is_error)
        throw SchemaError(who + ": column '" + name + "' has the value " +
                          python_str(v, numeric_type(t)) + " at row " + std::to_string(r) +
                          ", which is not among the given categories (" +
                          category_list(cats, numeric_type(t)) + ")");
      continue;
    }
    count[static_cast<std::size_t>(k)] += 1;
  }
  out.infrequent = infrequent_mask(rules, count, static_cast<double>(n));
  return out;
}

}  // namespace ferry::detail
