#include "pipeline/column_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace ferry::detail {
namespace {

// The most frequent values first (ties by value), the rest counted as other.
void keep_categories(std::vector<std::pair<std::string, std::uint64_t>> seen, ColumnSummary& c) {
  std::sort(seen.begin(), seen.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (std::size_t i = kMaxSummaryCategories; i < seen.size(); ++i) c.other += seen[i].second;
  if (seen.size() > kMaxSummaryCategories) seen.resize(kMaxSummaryCategories);
  c.categories = std::move(seen);
}

ColumnSummary summarize(const FrameColumn& col, std::size_t n) {
  auto present = [&](std::size_t i) { return col.valid.empty() || col.valid[i] != 0; };
  if (const auto* dict = std::get_if<DictionaryStrings>(&col.data)) {
    ColumnSummary c;
    std::vector<std::uint64_t> counts(dict->dictionary.size(), 0);
    for (std::int32_t code : dict->codes) {
      if (code < 0) {
        ++c.missing;
        continue;
      }
      ++counts[static_cast<std::size_t>(code)];
      ++c.count;
    }
    std::unordered_map<std::string_view, std::uint64_t> merged;  // a dictionary may repeat a value
    for (std::size_t k = 0; k < counts.size(); ++k)
      if (counts[k] > 0) merged[dict->dictionary[k]] += counts[k];
    std::vector<std::pair<std::string, std::uint64_t>> seen;
    for (const auto& [value, count] : merged) seen.emplace_back(std::string(value), count);
    keep_categories(std::move(seen), c);
    return c;
  }
  if (const auto* text = std::get_if<std::vector<std::string>>(&col.data)) {
    ColumnSummary c;
    std::unordered_map<std::string_view, std::uint64_t> counts;
    for (std::size_t i = 0; i < n; ++i) {
      if (!present(i)) {
        ++c.missing;
        continue;
      }
      ++counts[(*text)[i]];
      ++c.count;
    }
    std::vector<std::pair<std::string, std::uint64_t>> seen;
    for (const auto& [value, count] : counts) seen.emplace_back(std::string(value), count);
    keep_categories(std::move(seen), c);
    return c;
  }
  // Numbers: as a float64 column with NaN for missing, summarized as numeric rows are.
  const auto* doubles = std::get_if<std::vector<double>>(&col.data);
  if (doubles && col.valid.empty()) return summarize_columns(doubles->data(), n, 1, false).front();
  std::vector<double> values(n);
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::vector<double>> ||
                      std::is_same_v<V, std::vector<std::int64_t>> ||
                      std::is_same_v<V, std::vector<std::uint8_t>>)
          for (std::size_t i = 0; i < n; ++i)
            values[i] = present(i) ? static_cast<double>(v[i]) : std::nan("");
      },
      col.data);
  return summarize_columns(values.data(), n, 1, false).front();
}

}  // namespace

std::vector<ColumnSummary> summarize_columns(const Frame& X) {
  std::vector<ColumnSummary> out;
  out.reserve(X.cols());
  for (std::size_t j = 0; j < X.cols(); ++j) out.push_back(summarize(X.column(j), X.rows()));
  return out;
}

std::vector<ColumnSummary> summarize_columns(const double* rows, std::size_t n, std::size_t d,
                                             bool no_missing) {
  // Branch-free over each row, so that the loop over columns vectorizes: a summary must not
  // cost a large fit noticeably.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> sum(d, 0.0), lo(d, inf), hi(d, -inf);
  std::vector<std::uint64_t> count(d, 0);
  if (no_missing) {  // the common case, which compiles to min, max and add over whole registers
    double* sp = sum.data();
    double* lp = lo.data();
    double* hp = hi.data();
    for (std::size_t i = 0; i < n; ++i) {
      const double* row = rows + i * d;
      for (std::size_t j = 0; j < d; ++j) {
        const double v = row[j];
        sp[j] += v;
        lp[j] = v < lp[j] ? v : lp[j];
        hp[j] = v > hp[j] ? v : hp[j];
      }
    }
    count.assign(d, n);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const double* row = rows + i * d;
      for (std::size_t j = 0; j < d; ++j) {
        const double v = row[j];
        const bool present = v == v;
        count[j] += present;
        sum[j] += present ? v : 0.0;
        lo[j] = present && v < lo[j] ? v : lo[j];
        hi[j] = present && v > hi[j] ? v : hi[j];
      }
    }
  }
  std::vector<ColumnSummary> out(d);
  for (std::size_t j = 0; j < d; ++j) {
    ColumnSummary& c = out[j];
    c.count = count[j];
    c.missing = n - count[j];
    if (count[j] > 0) {
      c.min = lo[j];
      c.max = hi[j];
      c.mean = sum[j] / static_cast<double>(count[j]);
    }
  }
  return out;
}

}  // namespace ferry::detail
