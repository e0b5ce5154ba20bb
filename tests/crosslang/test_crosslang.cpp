// The cross-language identity suite, C++ side: every case written by make_cases.py (artifact,
// input rows, Python's outputs as 64-bit patterns) must give the very same bits here, from the
// single-row calls, the batch (Frame) calls and, for all-numeric schemas, the double* fast paths.
// The folder comes from the environment variable FERRY_CROSSLANG_DIR (ctest sets it); without it
// the test fails. Formats: tests/crosslang/README.md.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ferry/ferry.hpp"

using json = nlohmann::json;

namespace {

std::string crosslang_dir() {
  const char* dir = std::getenv("FERRY_CROSSLANG_DIR");
  if (dir == nullptr || *dir == '\0')
    FAIL("FERRY_CROSSLANG_DIR is not set: it must name the folder make_cases.py wrote "
         "(ctest's crosslang.generate fixture writes <build>/tests/crosslang)");
  return dir;
}

json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot open " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

std::uint64_t bits_of(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

double double_of_hex(const std::string& hex) {
  if (hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
    FAIL("expected 16 lowercase hex digits, found '" << hex << "'");
  const std::uint64_t b = std::stoull(hex, nullptr, 16);
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

std::string hex_of(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%016" PRIx64 " (%.17g)", bits_of(x), x);
  return buf;
}

/// A typed JSON cell ({"t":..,"v":..} or null) as a ferry::Value.
ferry::Value decode(const json& cell) {
  if (cell.is_null()) return ferry::Value();
  const std::string t = cell.at("t").get<std::string>();
  const json& v = cell.at("v");
  if (t == "f") return ferry::Value(double_of_hex(v.get<std::string>()));
  if (t == "i") return ferry::Value(v.get<std::int64_t>());
  if (t == "b") return ferry::Value(v.get<bool>());
  if (t == "s") return ferry::Value(v.get<std::string>());
  FAIL("unknown cell type '" << t << "'");
  return {};
}

/// Same alternative and, for doubles, the same bits.
bool same_value(const ferry::Value& a, const ferry::Value& b) {
  if (a.is_double() && b.is_double()) return bits_of(a.as_double()) == bits_of(b.as_double());
  return a == b;
}

/// Every double of got (n_rows x width, row-major) has the bits of expected[method].
void check_matrix(const std::string& where, const json& expected, std::size_t row,
                  const double* got, std::size_t width) {
  const json& want = expected.at(row);
  REQUIRE(want.size() == width);
  for (std::size_t j = 0; j < width; ++j) {
    const double w = double_of_hex(want.at(j).get<std::string>());
    if (bits_of(got[j]) != bits_of(w)) {
      FAIL(where << ": row " << row << " column " << j << ": C++ gave " << hex_of(got[j])
                 << ", Python gave " << hex_of(w));
    }
  }
}

void check_case(const std::string& dir, const json& entry) {
  const std::string name = entry.at("name").get<std::string>();
  INFO("case " << name);
  ferry::Pipeline pipe = ferry::Pipeline::load(dir + "/" + entry.at("artifact").get<std::string>());
  const json rows_doc = read_json(dir + "/" + entry.at("rows").get<std::string>());
  const json expected = read_json(dir + "/" + entry.at("expected").get<std::string>());
  const ferry::Schema& schema = pipe.input_schema();

  // The schema recorded in rows.json is the artifact's.
  const json& cols = rows_doc.at("columns");
  REQUIRE(cols.size() == schema.size());
  for (std::size_t j = 0; j < schema.size(); ++j) {
    CHECK(cols[j].at("name").get<std::string>() == schema[j].name);
    CHECK(cols[j].at("type").get<std::string>() == ferry::dtype_name(schema[j].type));
    CHECK(cols[j].at("nullable").get<bool>() == schema[j].nullable);
  }

  std::vector<ferry::Row> rows;
  for (const json& r : rows_doc.at("rows")) {
    ferry::Row row;
    for (const auto& col : schema.columns()) row.set(col.name, decode(r.at(col.name)));
    rows.push_back(std::move(row));
  }
  const std::size_t n = rows.size();
  REQUIRE(n == expected.at("n_rows").get<std::size_t>());
  REQUIRE(n > 0);
  const ferry::Frame frame = ferry::Frame::from_rows(schema, rows);
  REQUIRE(frame.rows() == n);

  // The model id and the verify rows (recomputed by load) are Python's.
  CHECK(pipe.model_id() == expected.at("model_id").get<std::string>());
  CHECK(pipe.metadata().verify.rows.size() == expected.at("verify_rows").get<std::size_t>());

  // Classes, typed.
  const json& want_classes = expected.at("classes");
  REQUIRE(pipe.classes().size() == want_classes.size());
  for (std::size_t k = 0; k < want_classes.size(); ++k)
    CHECK(same_value(pipe.classes()[k], decode(want_classes[k])));

  // The numeric matrix for the fast paths: schema order, missing = NaN, bool = 0/1.
  const bool numeric = schema.all_numeric();
  CHECK(numeric == entry.at("all_numeric").get<bool>());
  std::vector<double> matrix;
  if (numeric) {
    matrix.resize(n * schema.size());
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < schema.size(); ++j) {
        const ferry::Value* v = rows[i].find(schema[j].name);
        double x = std::numeric_limits<double>::quiet_NaN();
        if (v->is_double()) x = v->as_double();
        else if (v->is_int()) x = static_cast<double>(v->as_int());
        else if (v->is_bool()) x = v->as_bool() ? 1.0 : 0.0;
        matrix[i * schema.size() + j] = x;
      }
    }
  }
  const std::size_t width_in = schema.size();

  // Explanations: per decision value, the parts in schema order then the intercept.
  if (expected.contains("explain")) {
    const json& want = expected.at("explain");
    REQUIRE(want.size() == n);
    for (std::size_t i = 0; i < n; ++i) {
      const ferry::Explanation e = pipe.explain(rows[i]);
      std::vector<double> flat;
      for (std::size_t r = 0; r < e.intercept.size(); ++r) {
        flat.insert(flat.end(), e.contributions.row(r), e.contributions.row(r) + e.contributions.cols);
        flat.push_back(e.intercept[r]);
      }
      REQUIRE(flat.size() == want.at(i).size());
      check_matrix(name + " explain", want, i, flat.data(), flat.size());
    }
  }

  const json& outputs = expected.at("outputs");
  std::size_t checked = 0;
  for (const std::string method : {"predict_proba", "decision_function", "transform"}) {
    if (!outputs.contains(method)) continue;
    const json& want = outputs.at(method);
    REQUIRE(want.size() == n);
    const std::size_t width = want.at(0).size();
    // batch (Frame)
    ferry::Array2D batch = method == "predict_proba"       ? pipe.predict_proba(frame)
                           : method == "decision_function" ? pipe.decision_function(frame)
                                                           : pipe.transform(frame);
    REQUIRE(batch.rows == n);
    REQUIRE(batch.cols == width);
    for (std::size_t i = 0; i < n; ++i)
      check_matrix(name + " " + method + " batch", want, i, batch.row(i), width);
    // single rows
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> one = method == "predict_proba"       ? pipe.predict_proba(rows[i])
                                : method == "decision_function" ? pipe.decision_function(rows[i])
                                                                : pipe.transform(rows[i]);
      REQUIRE(one.size() == width);
      check_matrix(name + " " + method + " single row", want, i, one.data(), width);
    }
    // double* fast paths (no transform fast path exists)
    if (numeric && method != "transform") {
      // predict_proba writes one value per class; decision_function n_outputs() values (1 for
      // binary classifiers and regressors)
      REQUIRE(width == (method == "predict_proba" ? pipe.classes().size() : pipe.n_outputs()));
      std::vector<double> out(n * width, -1.0);
      if (method == "predict_proba")
        pipe.predict_proba(matrix.data(), n, width_in, out.data());
      else
        pipe.decision_function(matrix.data(), n, width_in, out.data());
      for (std::size_t i = 0; i < n; ++i)
        check_matrix(name + " " + method + " double* batch", want, i, out.data() + i * width,
                     width);
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> one(width, -1.0);
        if (method == "predict_proba")
          pipe.predict_proba(matrix.data() + i * width_in, width_in, one.data(), width);
        else
          pipe.decision_function(matrix.data() + i * width_in, width_in, one.data(), width);
        check_matrix(name + " " + method + " double* single row", want, i, one.data(), width);
      }
    }
    ++checked;
  }

  if (outputs.contains("predict")) {
    const json& want = outputs.at("predict");
    REQUIRE(want.size() == n);
    const std::vector<ferry::Value> batch = pipe.predict(frame);
    REQUIRE(batch.size() == n);
    const bool regression = expected.at("task").get<std::string>() == "regression";
    for (std::size_t i = 0; i < n; ++i) {
      const ferry::Value w = decode(want.at(i));
      const ferry::Value one = pipe.predict(rows[i]);
      if (!same_value(batch[i], w))
        FAIL(name << " predict batch row " << i << ": C++ gave " << batch[i].to_string()
                  << ", Python gave " << w.to_string());
      if (!same_value(one, w))
        FAIL(name << " predict single row " << i << ": C++ gave " << one.to_string()
                  << ", Python gave " << w.to_string());
      if (numeric) {
        const double* x = matrix.data() + i * width_in;
        if (regression) {
          const double v = pipe.predict_value(x, width_in);
          if (bits_of(v) != bits_of(w.as_double()))
            FAIL(name << " predict_value row " << i << ": C++ gave " << hex_of(v)
                      << ", Python gave " << hex_of(w.as_double()));
        } else {
          const std::size_t k = pipe.predict_index(x, width_in);
          REQUIRE(k < pipe.classes().size());
          if (!same_value(pipe.classes()[k], w))
            FAIL(name << " predict_index row " << i << ": C++ gave class "
                      << pipe.classes()[k].to_string() << ", Python gave " << w.to_string());
        }
      }
    }
    ++checked;
  }
  REQUIRE(checked == entry.at("outputs").size());
}

}  // namespace

TEST_CASE("every crosslang case gives Python's bits from C++", "[crosslang]") {
  const std::string dir = crosslang_dir();
  const json index = read_json(dir + "/index.json");
  REQUIRE(index.at("format").get<int>() == 1);
  const json& cases = index.at("cases");
  REQUIRE(!cases.empty());
  // every step kind this build knows must appear in some case
  std::vector<std::string> seen;
  for (const json& entry : cases)
    for (const json& s : entry.at("steps")) seen.push_back(s.get<std::string>());
  for (const json& kind : index.at("step_kinds")) {
    INFO("step kind " << kind.get<std::string>());
    CHECK(std::find(seen.begin(), seen.end(), kind.get<std::string>()) != seen.end());
  }
  for (const json& entry : cases) {
    SECTION(entry.at("name").get<std::string>()) { check_case(dir, entry); }
  }
}
