// The numeric fast path and the batch path run the same kernel as the Row path: same bits for a
// row alone, inside any batch, at any position.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

using namespace ferry;

namespace {

std::vector<double> numeric_rows(const Frame& X) {
  std::vector<double> m(X.rows() * X.cols());
  for (std::size_t j = 0; j < X.cols(); ++j) {
    const auto& col = std::get<std::vector<double>>(X.column(j).data);
    for (std::size_t i = 0; i < X.rows(); ++i) m[i * X.cols() + j] = col[i];
  }
  return m;
}

bool same_bits(const double* a, const double* b, std::size_t n) {
  return std::memcmp(a, b, n * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("Single-row, batch and Row paths give identical bits", "[fast]") {
  for (int classes : {2, 3}) {
    auto data = testing::make_synthetic(517, 5, classes);
    SimpleImputer imp;
    imp.missing_values = 0.0;
    Pipeline p({{"impute", imp}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
    p.fit(data.X, Target(data.labels));
    const std::size_t k = p.classes().size(), d = 5, n = data.X.rows();
    std::vector<double> rows = numeric_rows(data.X);

    std::vector<double> batch(n * k);
    p.predict_proba(rows.data(), n, d, batch.data());
    Array2D frame_batch = p.predict_proba(data.X);
    CHECK(same_bits(batch.data(), frame_batch.values.data(), n * k));

    std::vector<double> one(k);
    for (std::size_t i = 0; i < n; ++i) {
      p.predict_proba(rows.data() + i * d, d, one.data(), k);
      REQUIRE(same_bits(one.data(), batch.data() + i * k, k));
      auto via_row = p.predict_proba(data.X.row(i));
      REQUIRE(same_bits(via_row.data(), one.data(), k));
      CHECK(p.classes()[p.predict_index(rows.data() + i * d, d)] == p.predict(data.X.row(i)));
    }
    // Any sub-batch at any offset.
    for (std::size_t start : {0u, 1u, 255u, 256u, 300u}) {
      for (std::size_t len : {1u, 7u, 200u}) {
        if (start + len > n) continue;
        std::vector<double> part(len * k);
        p.predict_proba(rows.data() + start * d, len, d, part.data());
        CHECK(same_bits(part.data(), batch.data() + start * k, len * k));
      }
    }
    std::vector<double> dec(p.n_outputs());
    p.decision_function(rows.data(), d, dec.data(), dec.size());
    Array2D dec_frame = p.decision_function(data.X);
    CHECK(same_bits(dec.data(), dec_frame.row(0), dec.size()));
  }
}

TEST_CASE("The fast path checks width, buffer and values", "[fast]") {
  auto data = testing::make_synthetic(50, 3);
  Pipeline p({{"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  double row[3] = {1.0, 2.0, 3.0};
  double out[2];
  CHECK_THROWS_WITH(p.predict_proba(row, 2, out, 2), "expected 3 values in schema order, found 2");
  CHECK_THROWS_WITH(p.predict_proba(row, 3, out, 3),
                    "predict_proba: expected an output buffer of 2 values, found 3");
  row[1] = std::nan("");
  CHECK_THROWS_WITH(p.predict_proba(row, 3, out, 2),
                    "column 'x1' does not allow missing values, found NaN");
  CHECK_THROWS_WITH(p.predict_value(row, 3), "predict_value: this pipeline has no regressor");

  Pipeline reg({{"m", Ridge{}}});
  reg.fit(data.X, Target(data.target));
  double r2[3] = {1.0, 2.0, 3.0};
  Value v = reg.predict(Row{{"x0", 1.0}, {"x1", 2.0}, {"x2", 3.0}});
  double fast = reg.predict_value(r2, 3);
  CHECK(std::memcmp(&fast, &std::get<double>(v.storage()), sizeof(double)) == 0);
}

TEST_CASE("Large batches split over threads give the same bits and the first row's error",
          "[fast][threads]") {
  auto data = testing::make_synthetic(300, 3);
  Pipeline p({{"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  const std::size_t n = 100000, d = 3;  // above the split threshold on any machine with 2+ cores
  std::vector<double> rows(n * d);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) rows[i * d + j] = static_cast<double>((i * 7 + j * 13) % 101) / 10.0;
  std::vector<double> batch(n * 2), one(2);
  p.predict_proba(rows.data(), n, d, batch.data());
  for (std::size_t i = 0; i < n; i += 997) {
    p.predict_proba(rows.data() + i * d, d, one.data(), 2);
    REQUIRE(same_bits(one.data(), batch.data() + i * 2, 2));
  }
  p.predict_proba(rows.data() + (n - 1) * d, d, one.data(), 2);
  CHECK(same_bits(one.data(), batch.data() + (n - 1) * 2, 2));
  // Bad rows in both halves: the error names the earlier one, as a sequential run would.
  rows[90000 * d + 1] = std::nan("");
  rows[10 * d + 2] = std::nan("");
  CHECK_THROWS_WITH(p.predict_proba(rows.data(), n, d, batch.data()),
                    "column 'x2' does not allow missing values, found NaN");
}

TEST_CASE("The batch path checks int64 and bool columns as the single-row path does", "[fast]") {
  Frame X;
  X.add_int64("n", {1, 2, 3, 4, 5, 6});
  X.add_bool("flag", {1, 0, 1, 0, 0, 1});
  Pipeline p({{"model", LogisticRegression{}}});
  p.fit(X, Target(std::vector<std::string>{"a", "b", "a", "b", "b", "a"}));
  std::vector<double> rows = {1, 0, 2, 1, 3, 0};
  std::vector<double> out(6);
  p.predict_proba(rows.data(), 3, 2, out.data());
  rows[2] = 2.5;
  CHECK_THROWS_WITH(p.predict_proba(rows.data(), 3, 2, out.data()),
                    "column 'n': expected an int64 value, found 2.5");
  rows[2] = 2;
  rows[5] = 2;
  CHECK_THROWS_WITH(p.predict_proba(rows.data(), 3, 2, out.data()),
                    "column 'flag': expected a bool value 0 or 1, found 2");
}

TEST_CASE("transform from numeric rows equals transform from a frame, int columns included",
          "[fast]") {
  Frame X;
  X.add_int64("n", {1, 2, 3, 4, 5, 6}, {1, 1, 0, 1, 1, 1});
  X.add_float64("x", {0.5, 1.5, 2.5, 0.0, 4.5, 5.5});
  SimpleImputer imp;
  imp.missing_values = 0.0;
  Pipeline p({{"impute", imp}, {"scale", StandardScaler{}}});
  p.fit(X);
  std::vector<double> rows = {1, 0.5, 2, 1.5, std::nan(""), 2.5, 4, 0.0, 5, 4.5, 6, 5.5};
  Array2D a = p.transform(rows.data(), 6, 2);
  Array2D b = p.transform(X);
  REQUIRE(a.values.size() == b.values.size());
  CHECK(same_bits(a.values.data(), b.values.data(), a.values.size()));
}

TEST_CASE("Batch gathers of many float columns refuse infinity wherever it is", "[fast]") {
  // Six nullable float columns (an imputer takes NaN): gathered four, then two, at a time.
  auto data = testing::make_synthetic(200, 6);
  Pipeline p({{"impute", SimpleImputer{}}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  const std::size_t n = 37, d = 6;  // 37 rows: full groups of four rows and a tail
  std::vector<double> rows = numeric_rows(data.X);
  rows.resize(n * d);
  std::vector<double> out(n * 2);
  for (std::size_t i : {0u, 5u, 35u, 36u})
    for (std::size_t j = 0; j < d; ++j)
      for (double bad : {HUGE_VAL, -HUGE_VAL}) {
        std::vector<double> x = rows;
        x[i * d + j] = bad;
        std::string alone, batch;
        try {
          p.predict_proba(x.data() + i * d, d, out.data(), 2);
        } catch (const SchemaError& e) {
          alone = e.what();
        }
        try {
          p.predict_proba(x.data(), n, d, out.data());
        } catch (const SchemaError& e) {
          batch = e.what();
        }
        CHECK(!alone.empty());
        CHECK(batch == alone);
      }
  p.predict_proba(rows.data(), n, d, out.data());  // NaN passes: the imputer takes it
  rows[3 * d + 2] = std::nan("");
  CHECK_NOTHROW(p.predict_proba(rows.data(), n, d, out.data()));
}
