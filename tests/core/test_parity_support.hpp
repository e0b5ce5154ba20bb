#pragma once
// Shared by the parity tests (tests/core/test_parity_*.cpp): the scikit-learn reference values
// (tests/data/reference.json, written by tests/reference/make_reference.py), the real data sets
// split exactly as the script splits them, and element-wise comparison that reports the largest
// difference it measured.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets.hpp"
#include "ferry/ferry.hpp"

#ifndef FERRY_TEST_DATA_DIR
#error "FERRY_TEST_DATA_DIR must name tests/data"
#endif

namespace parity {

using json = nlohmann::json;

/// The reference document, parsed once.
inline const json& reference() {
  static const json doc = [] {
    const std::string path = std::string(FERRY_TEST_DATA_DIR) + "/reference.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    return json::parse(in);
  }();
  return doc;
}

/// The case of a family ("imputer", "scaler", "logistic", "regression") with a name.
inline const json& reference_case(const std::string& family, const std::string& name) {
  for (const json& c : reference().at(family))
    if (c.at("name").get<std::string>() == name) return c;
  throw std::runtime_error("reference.json has no " + family + " case '" + name + "'");
}

inline std::vector<double> flat(const json& j) {
  std::vector<double> out;
  if (j.is_array()) {
    for (const json& v : j) {
      if (v.is_array()) {
        for (const json& w : v) out.push_back(w.get<double>());
      } else {
        out.push_back(v.get<double>());
      }
    }
  } else {
    out.push_back(j.get<double>());
  }
  return out;
}

/// The weights the script uses: 1 + (i % 3) for training row i.
inline std::vector<double> weights(std::size_t n) {
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = 1.0 + static_cast<double>(i % 3);
  return w;
}

/// A class label from the JSON (string or integer) as a ferry Value.
inline ferry::Value label(const json& j) {
  if (j.is_string()) return ferry::Value(j.get<std::string>());
  if (j.is_number_integer()) return ferry::Value(j.get<std::int64_t>());
  if (j.is_boolean()) return ferry::Value(j.get<bool>());
  return ferry::Value(j.get<double>());
}

// --- data -------------------------------------------------------------------------------------

inline std::string data_file(const std::string& name) {
  return ferry::datasets::data_dir() + "/" + name;
}

/// The float64 values of a named column.
inline const std::vector<double>& column_values(const ferry::Frame& f, const std::string& name) {
  return std::get<std::vector<double>>(f.column(name).data);
}

/// A frame of the named float64 columns, in that order.
inline ferry::Frame select_columns(const ferry::Frame& f, const std::vector<std::string>& names) {
  ferry::Frame out;
  for (const auto& n : names) out.add_float64(n, column_values(f, n));
  return out;
}

/// The rows i of a float64 frame for which keep(i) holds, in order.
template <class Keep>
ferry::datasets::Labelled take_rows(const ferry::datasets::Labelled& d, Keep keep) {
  ferry::datasets::Labelled out;
  for (std::size_t j = 0; j < d.X.cols(); ++j) {
    const auto& src = std::get<std::vector<double>>(d.X.column(j).data);
    std::vector<double> col;
    for (std::size_t i = 0; i < src.size(); ++i)
      if (keep(i)) col.push_back(src[i]);
    out.X.add_float64(d.X.column(j).spec.name, std::move(col));
  }
  for (std::size_t i = 0; i < d.labels.size(); ++i)
    if (keep(i)) out.labels.push_back(d.labels[i]);
  return out;
}

inline std::vector<std::int64_t> int_labels(const std::vector<std::string>& labels) {
  std::vector<std::int64_t> out;
  for (const auto& s : labels) out.push_back(std::stoll(s));
  return out;
}

inline std::vector<double> double_labels(const std::vector<std::string>& labels) {
  std::vector<double> out;
  for (const auto& s : labels) out.push_back(std::stod(s));
  return out;
}

/// A float64 frame from a transformed matrix, columns named f0, f1, ...
inline ferry::Frame matrix_frame(const ferry::Array2D& a) {
  std::vector<std::string> names;
  for (std::size_t j = 0; j < a.cols; ++j) names.push_back("f" + std::to_string(j));
  return ferry::Frame::from_matrix(names, a.values.data(), a.rows, a.cols);
}

/// The rows of a matrix at the given positions, flattened.
inline std::vector<double> rows_of(const ferry::Array2D& a, const json& positions) {
  std::vector<double> out;
  for (const json& p : positions) {
    auto i = p.get<std::size_t>();
    out.insert(out.end(), a.row(i), a.row(i) + a.cols);
  }
  return out;
}

/// Train / test features and labels of a data set, split as make_reference.py splits it.
struct Split {
  ferry::datasets::Labelled train, test;
};

inline const std::vector<std::string> kPimaFeatures = {"plas", "pres", "skin", "insu",
                                                "mass", "pedi", "age"};
inline const std::vector<std::string> kPimaAgeFeatures = {"plas", "pres", "skin", "insu", "mass", "pedi"};
inline const std::vector<std::string> kCpuFeatures = {"MYCT", "MMIN", "MMAX", "CACH", "CHMIN", "CHMAX"};
inline const std::vector<std::string> kWineFeatures = {
    "alcohol",         "malic_acid", "ash",  "alcalinity_of_ash",
    "magnesium",       "total_phenols", "flavanoids", "nonflavanoid_phenols",
    "proanthocyanins", "color_intensity", "hue", "od280_od315_of_diluted_wines",
    "proline"};

/// Pima: the seven features (preg left out), rows 0..575 train, 576..767 test.
inline Split pima() {
  auto all = ferry::datasets::read_arff(data_file("diabetes.arff"));
  REQUIRE(all.X.rows() == 768);
  ferry::datasets::Labelled d{select_columns(all.X, kPimaFeatures), all.labels};
  auto [tr, te] = ferry::datasets::split_at(d, 576);
  return {std::move(tr), std::move(te)};
}

/// breast_cancer: rows 0..425 train, 426..568 test; labels "0" / "1".
inline Split breast_cancer() {
  auto all = ferry::datasets::read_sklearn_csv(data_file("breast_cancer.csv"),
                                               ferry::datasets::breast_cancer_feature_names());
  REQUIRE(all.X.rows() == 569);
  auto [tr, te] = ferry::datasets::split_at(all, 426);
  return {std::move(tr), std::move(te)};
}

/// breast_cancer plus two constant columns: 0.1 everywhere, and 1e8 / nextafter(1e8, 2e8) on
/// even / odd rows of the whole file (variance ~5.6e-17: constant by scikit-learn's rule).
inline Split breast_cancer_constant() {
  Split s = breast_cancer();
  auto add = [](ferry::Frame& f, std::size_t offset) {
    std::size_t n = f.rows();
    std::vector<double> tenth(n, 0.1), big(n);
    for (std::size_t i = 0; i < n; ++i)
      big[i] = (i + offset) % 2 == 1 ? std::nextafter(1e8, 2e8) : 1e8;
    f.add_float64("const_tenth", std::move(tenth));
    f.add_float64("near_const_big", std::move(big));
  };
  add(s.train.X, 0);
  add(s.test.X, s.train.X.rows());
  return s;
}

/// wine: sorted by class, so test = rows with i % 4 == 3, train = the others.
inline Split wine() {
  auto all = ferry::datasets::read_sklearn_csv(data_file("wine_data.csv"), kWineFeatures);
  REQUIRE(all.X.rows() == 178);
  return {take_rows(all, [](std::size_t i) { return i % 4 != 3; }),
          take_rows(all, [](std::size_t i) { return i % 4 == 3; })};
}

/// A regression data set: features and float64 targets, split.
struct RegressionSplit {
  ferry::Frame train, test;
  std::vector<double> y_train, y_test;
};

/// cpu (weka): six features, target 'class' (relative performance); rows 0..156 train,
/// 157..208 test.
inline RegressionSplit cpu() {
  auto all = ferry::datasets::read_arff(data_file("cpu.arff"));
  REQUIRE(all.X.rows() == 209);
  ferry::datasets::Labelled d{select_columns(all.X, kCpuFeatures), all.labels};
  auto [tr, te] = ferry::datasets::split_at(d, 157);
  return {std::move(tr.X), std::move(te.X), double_labels(tr.labels), double_labels(te.labels)};
}

/// Pima age regression: age from the six other features; rows 0..575 train, 576..767 test.
inline RegressionSplit pima_age() {
  auto all = ferry::datasets::read_arff(data_file("diabetes.arff"));
  REQUIRE(all.X.rows() == 768);
  const auto& age = column_values(all.X, "age");
  ferry::datasets::Labelled d{select_columns(all.X, kPimaAgeFeatures), all.labels};
  auto [tr, te] = ferry::datasets::split_at(d, 576);
  return {std::move(tr.X), std::move(te.X), std::vector<double>(age.begin(), age.begin() + 576),
          std::vector<double>(age.begin() + 576, age.end())};
}

// --- comparison -------------------------------------------------------------------------------

/// The result of comparing computed values with reference values element by element.
struct Diff {
  double max_rel = 0.0;  ///< Largest |got - want| / |want| over elements with |want| > floor.
  double max_abs = 0.0;  ///< Largest |got - want|.
  std::size_t n = 0;     ///< Elements compared.
  bool ok = true;        ///< Every element within rel * max(|got|, |want|) + floor.
  bool size_ok = true;   ///< Same number of elements.
  std::string worst;     ///< The worst element, for failure messages.
};

/// Compares element-wise: |got - want| <= rel * max(|got|, |want|) + floor[i]
/// (floor has one value per element, or one value for all).
inline Diff compare(const std::vector<double>& got, const std::vector<double>& want, double rel,
                    const std::vector<double>& floor) {
  Diff d;
  if (got.size() != want.size()) {
    d.ok = d.size_ok = false;
    d.worst = "size " + std::to_string(got.size()) + ", expected " + std::to_string(want.size());
    return d;
  }
  double worst_excess = -1.0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double g = got[i], w = want[i];
    const double fl = floor.size() == 1 ? floor[0] : floor.at(i);
    const double diff = std::fabs(g - w);
    const double scale = std::max(std::fabs(g), std::fabs(w));
    const double limit = rel * scale + fl;
    if (!(diff <= limit)) d.ok = false;  // NaN fails
    if (std::isnan(g) != std::isnan(w)) d.ok = false;
    d.max_abs = std::max(d.max_abs, diff);
    if (std::fabs(w) > fl && std::fabs(w) > 0.0) d.max_rel = std::max(d.max_rel, diff / std::fabs(w));
    const double excess = limit > 0 ? diff / limit : diff;
    if (excess > worst_excess || std::isnan(g)) {
      worst_excess = excess;
      char buf[200];
      std::snprintf(buf, sizeof buf, "element %zu: got %.17g, expected %.17g (|diff| %.3g)", i, g,
                    w, diff);
      d.worst = buf;
    }
    ++d.n;
  }
  return d;
}

inline Diff compare(const std::vector<double>& got, const std::vector<double>& want, double rel,
                    double floor) {
  return compare(got, want, rel, std::vector<double>{floor});
}

/// One line of the summary every parity test prints: the case, the fitted parameter, the
/// largest relative and absolute differences from scikit-learn, and the tolerance.
inline void report(const std::string& family, const std::string& name, const std::string& param,
                   const Diff& d, double rel_tol, double abs_floor) {
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "[parity] %-10s %-34s %-16s max rel %9.3e  max abs %9.3e  (n=%zu; tol rel %.0e, "
                "abs floor %.0e)%s",
                family.c_str(), name.c_str(), param.c_str(), d.max_rel, d.max_abs, d.n, rel_tol,
                abs_floor, d.ok ? "" : "  FAIL");
  std::cout << buf << std::endl;
}

/// Compares, reports, and CHECKs one parameter.
inline Diff check_param(const std::string& family, const std::string& name,
                        const std::string& param, const std::vector<double>& got,
                        const std::vector<double>& want, double rel, double floor) {
  Diff d = compare(got, want, rel, floor);
  report(family, name, param, d, rel, floor);
  INFO(family << " " << name << " " << param << ": " << d.worst);
  CHECK(d.size_ok);
  CHECK(d.ok);
  return d;
}

/// Largest value of each parameter over the cases of a test, printed at its end.
struct Summary {
  std::string family;
  std::vector<std::pair<std::string, Diff>> worst;
  std::string scope = "ALL CASES";  ///< What the summary lines cover.

  void add(const std::string& param, const Diff& d) {
    for (auto& [p, w] : worst) {
      if (p == param) {
        w.max_rel = std::max(w.max_rel, d.max_rel);
        w.max_abs = std::max(w.max_abs, d.max_abs);
        w.n += d.n;
        w.ok = w.ok && d.ok;
        return;
      }
    }
    worst.emplace_back(param, d);
  }

  ~Summary() {
    for (const auto& [p, w] : worst) {
      char buf[300];
      std::snprintf(buf, sizeof buf,
                    "[parity] %-10s %-34s %-16s max rel %9.3e  max abs %9.3e  (n=%zu)%s",
                    family.c_str(), scope.c_str(), p.c_str(), w.max_rel, w.max_abs, w.n,
                    w.ok ? "" : "  FAIL");
      std::cout << buf << std::endl;
    }
  }
};

}  // namespace parity
