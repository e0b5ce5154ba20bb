#include "datasets.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#ifndef FERRY_DEFAULT_DATA_DIR
#define FERRY_DEFAULT_DATA_DIR ""
#endif

namespace ferry::datasets {
namespace {

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string unquote(std::string s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) quote = 0;
      cell += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      cell += c;
    } else if (c == ',') {
      out.push_back(unquote(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  out.push_back(unquote(cell));
  return out;
}

std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open data file '" + path +
                             "': run scripts/test or scripts/demo, which fetch the data sets");
  return in;
}

double parse_number(const std::string& cell, const std::string& path, std::size_t line) {
  if (cell == "?") return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  double v = std::strtod(cell.c_str(), &end);
  if (end == cell.c_str() || *end != '\0')
    throw std::runtime_error(path + ":" + std::to_string(line) + ": expected a number, found '" +
                             cell + "'");
  return v;
}

}  // namespace

Labelled read_arff(const std::string& path) {
  std::ifstream in = open(path);
  std::vector<std::string> names;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> cell_lines;  // file line of each data row, for messages
  std::string line;
  bool data = false;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string t = trim(line);
    if (t.empty() || t[0] == '%') continue;
    if (!data) {
      std::string lower;
      for (char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower.rfind("@attribute", 0) == 0) {
        std::string rest = trim(t.substr(10));
        std::string name;
        std::size_t pos;
        if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"')) {
          pos = rest.find(rest[0], 1);
          name = rest.substr(1, pos - 1);
          ++pos;
        } else {
          pos = rest.find_first_of(" \t");
          name = rest.substr(0, pos);
        }
        std::string type = trim(rest.substr(pos));
        std::string type_lower;
        for (char c : type) type_lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        names.push_back(name);
        numeric.push_back(type_lower == "numeric" || type_lower == "real" ||
                          type_lower == "integer");
      } else if (lower.rfind("@data", 0) == 0) {
        data = true;
      }
      continue;
    }
    auto row = split_csv(t);
    if (row.size() != names.size())
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected " +
                               std::to_string(names.size()) + " values, found " +
                               std::to_string(row.size()));
    cells.push_back(std::move(row));
    cell_lines.push_back(line_no);
  }
  if (names.size() < 2) throw std::runtime_error(path + ": expected at least two attributes");

  Labelled out;
  for (std::size_t j = 0; j + 1 < names.size(); ++j) {
    if (numeric[j]) {
      std::vector<double> col;
      col.reserve(cells.size());
      for (std::size_t i = 0; i < cells.size(); ++i)
        col.push_back(parse_number(cells[i][j], path, cell_lines[i]));
      out.X.add_float64(names[j], std::move(col));
    } else {
      std::vector<std::string> col;
      std::vector<std::uint8_t> valid;
      for (auto& r : cells) {
        valid.push_back(r[j] == "?" ? 0 : 1);
        col.push_back(r[j] == "?" ? std::string() : r[j]);
      }
      out.X.add_string(names[j], std::move(col), std::move(valid));
    }
  }
  for (auto& r : cells) out.labels.push_back(r.back());
  return out;
}

Labelled read_sklearn_csv(const std::string& path, const std::vector<std::string>& feature_names) {
  std::ifstream in = open(path);
  std::string line;
  std::getline(in, line);  // "n_samples,n_features,class names..."
  std::vector<std::vector<double>> cols(feature_names.size());
  Labelled out;
  std::size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    auto row = split_csv(line);
    if (row.size() != feature_names.size() + 1)
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected " +
                               std::to_string(feature_names.size() + 1) + " values, found " +
                               std::to_string(row.size()));
    for (std::size_t j = 0; j < feature_names.size(); ++j)
      cols[j].push_back(parse_number(row[j], path, line_no));
    out.labels.push_back(row.back());
  }
  for (std::size_t j = 0; j < feature_names.size(); ++j)
    out.X.add_float64(feature_names[j], std::move(cols[j]));
  return out;
}

std::vector<std::string> breast_cancer_feature_names() {
  const char* kinds[] = {"radius", "texture", "perimeter", "area", "smoothness", "compactness",
                         "concavity", "concave_points", "symmetry", "fractal_dimension"};
  std::vector<std::string> names;
  for (const char* k : kinds) names.push_back(std::string("mean_") + k);
  for (const char* k : kinds) names.push_back(std::string(k) + "_error");
  for (const char* k : kinds) names.push_back(std::string("worst_") + k);
  return names;
}

std::string data_dir() {
  if (const char* env = std::getenv("FERRY_DATA_DIR"); env && *env) return env;
  return FERRY_DEFAULT_DATA_DIR;
}

Labelled slice(const Labelled& data, std::size_t begin, std::size_t end) {
  Labelled out;
  for (std::size_t j = 0; j < data.X.cols(); ++j) {
    const FrameColumn& c = data.X.column(j);
    std::vector<std::uint8_t> valid;
    if (!c.valid.empty()) valid.assign(c.valid.begin() + begin, c.valid.begin() + end);
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, DictionaryStrings>) {
            out.X.add_dictionary(c.spec.name,
                                 std::vector<std::int32_t>(v.codes.begin() + static_cast<std::ptrdiff_t>(begin),
                                                           v.codes.begin() + static_cast<std::ptrdiff_t>(end)),
                                 v.dictionary, c.spec.nullable);
            return;
          } else {
          V part(v.begin() + static_cast<std::ptrdiff_t>(begin),
                 v.begin() + static_cast<std::ptrdiff_t>(end));
          if constexpr (std::is_same_v<V, std::vector<double>>)
            out.X.add_float64(c.spec.name, std::move(part), c.spec.nullable);
          else if constexpr (std::is_same_v<V, std::vector<std::int64_t>>)
            out.X.add_int64(c.spec.name, std::move(part), std::move(valid), c.spec.nullable);
          else if constexpr (std::is_same_v<V, std::vector<std::uint8_t>>)
            out.X.add_bool(c.spec.name, std::move(part), std::move(valid), c.spec.nullable);
          else
            out.X.add_string(c.spec.name, std::move(part), std::move(valid), c.spec.nullable);
          }
        },
        c.data);
  }
  out.labels.assign(data.labels.begin() + static_cast<std::ptrdiff_t>(begin),
                    data.labels.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

std::pair<Labelled, Labelled> split_at(const Labelled& data, std::size_t n_train) {
  return {slice(data, 0, n_train), slice(data, n_train, data.X.rows())};
}

}  // namespace ferry::datasets
