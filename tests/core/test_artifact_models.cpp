// Load-time validation of the Lasso, ElasticNet and PoissonRegressor fields: a payload that parses
// but carries an inconsistent or non-finite field is refused with an ArtifactError naming the step,
// the field and the value. Fields are found by the documented layout (core/artifact/FORMAT.md).
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;
using artifact_test::Bytes;

namespace {

const artifact_test::Data& data() {
  static const artifact_test::Data d = artifact_test::make_data();
  return d;
}

// The model's fields start after its name, its kind id (u16) and its class version (u32: the
// type's first appearance in the payload).
std::size_t model_fields(const Bytes& payload) {
  return artifact_test::after_string(payload, "model") + 2 + 4;
}

double f64_at(const Bytes& p, std::size_t at) {
  double v;
  std::memcpy(&v, &p[at], 8);
  return v;
}

void put_f64(Bytes& p, std::size_t at, double v) { std::memcpy(&p[at], &v, 8); }

std::string load_error(const Bytes& payload) {
  try {
    (void)Pipeline::from_bytes(artifact_test::wrap(payload));
  } catch (const ArtifactError& e) {
    return e.what();
  }
  return "loaded";
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("artifact: Lasso fields are checked on load", "[artifact][enet]") {
  const Bytes good = artifact_test::payload_of(artifact_test::fit_lasso(data()).to_bytes());
  const std::size_t at = model_fields(good);
  const std::size_t p = 5;
  // alpha f64, fit_intercept bool, max_iter i32, tol f64, positive bool, coef_ (count, values),
  // intercept_ f64, n_iter_ i32, dual_gap_ f64, n_features_in_ u64.
  REQUIRE(f64_at(good, at) == 2.0);
  REQUIRE(artifact_test::get_le(good, at + 22, 8) == p);
  const std::size_t coef = at + 30, intercept = coef + 8 * p, n_iter = intercept + 8,
                    gap = n_iter + 4;
  const std::string prefix = "invalid artifact: step \"model\": Lasso: ";
  CHECK(load_error(good) == "loaded");

  Bytes b = good;
  put_f64(b, coef + 8, kNaN);
  CHECK(load_error(b) == prefix + "coef_[1] expected a finite value, found nan");
  b = good;
  put_f64(b, intercept, kInf);
  CHECK(load_error(b) == prefix + "intercept_[0] expected a finite value, found inf");
  b = good;
  put_f64(b, gap, kNaN);
  CHECK(load_error(b) == prefix + "dual_gap_[0] expected a finite value, found nan");
  b = good;
  artifact_test::set_le(b, n_iter, 1001, 4);
  CHECK(load_error(b) == prefix + "n_iter_ expected a count from 0 to max_iter (1000), found 1001");
  b = good;
  put_f64(b, at, -2.0);
  CHECK(load_error(b) == prefix + "alpha expected a finite number >= 0, found -2");
  b = good;
  artifact_test::set_le(b, at + 9, 0, 4);
  CHECK(load_error(b) == prefix + "max_iter expected an integer >= 1, found 0");
  b = good;
  put_f64(b, at + 13, kNaN);
  CHECK(load_error(b) == prefix + "tol expected a finite number >= 0, found nan");
  b = good;
  b[at + 21] = 1;  // positive, but the fit has a negative coefficient
  CHECK_THAT(load_error(b), Catch::Matchers::StartsWith(prefix + "coef_["));
  CHECK_THAT(load_error(b), Catch::Matchers::Contains("expected >= 0 (positive=True), found -"));
  b = good;
  b[at + 8] = 0;  // fit_intercept false, yet an intercept is stored
  CHECK_THAT(load_error(b), Catch::Matchers::StartsWith(prefix + "intercept_ expected 0 (fit_intercept=False), found "));
}

TEST_CASE("artifact: ElasticNet fields are checked on load", "[artifact][enet]") {
  const Bytes good = artifact_test::payload_of(artifact_test::fit_elastic_net(data()).to_bytes());
  const std::size_t at = model_fields(good);
  const std::size_t p = 5;
  // alpha, l1_ratio f64, fit_intercept bool, max_iter i32, tol f64, positive bool, coef_, ...
  REQUIRE(f64_at(good, at) == 0.3);
  REQUIRE(f64_at(good, at + 8) == 0.7);
  REQUIRE(good[at + 29] == 1);
  REQUIRE(artifact_test::get_le(good, at + 30, 8) == p);
  const std::string prefix = "invalid artifact: step \"model\": ElasticNet: ";
  CHECK(load_error(good) == "loaded");

  Bytes b = good;
  put_f64(b, at + 8, 1.5);
  CHECK(load_error(b) == prefix + "l1_ratio expected a number in [0, 1], found 1.5");
  b = good;
  put_f64(b, at + 38, -0.25);  // coef_[0] negative while positive=True
  CHECK(load_error(b) == prefix + "coef_[0] expected >= 0 (positive=True), found -0.25");
  b = good;
  // One coefficient fewer than n_features_in_: drop its 8 bytes and fix the count.
  artifact_test::set_le(b, at + 30, p - 1, 8);
  b.erase(b.begin() + static_cast<std::ptrdiff_t>(at + 38), b.begin() + static_cast<std::ptrdiff_t>(at + 46));
  CHECK(load_error(b) == prefix + "coef_ expected 5 values, found 4");
}

TEST_CASE("artifact: PoissonRegressor fields are checked on load", "[artifact][poisson]") {
  const Bytes good = artifact_test::payload_of(artifact_test::fit_poisson(data()).to_bytes());
  const std::size_t at = model_fields(good);
  const std::size_t p = 5;
  // alpha f64, fit_intercept bool, max_iter i32, tol f64, coef_ (count, values), intercept_ f64,
  // n_iter_ i32, n_features_in_ u64.
  REQUIRE(f64_at(good, at) == 0.05);
  REQUIRE(artifact_test::get_le(good, at + 21, 8) == p);
  const std::size_t coef = at + 29, intercept = coef + 8 * p, n_iter = intercept + 8;
  const std::string prefix = "invalid artifact: step \"model\": PoissonRegressor: ";
  CHECK(load_error(good) == "loaded");

  Bytes b = good;
  put_f64(b, coef, kInf);
  CHECK(load_error(b) == prefix + "coef_[0] expected a finite value, found inf");
  b = good;
  put_f64(b, at + 13, 0.0);
  CHECK(load_error(b) == prefix + "tol expected a finite number > 0, found 0");
  b = good;
  put_f64(b, at, kNaN);
  CHECK(load_error(b) == prefix + "alpha expected a finite number >= 0, found nan");
  b = good;
  artifact_test::set_le(b, n_iter, 0xFFFFFFFFu, 4);  // -1
  CHECK(load_error(b) == prefix + "n_iter_ expected a count from 0 to max_iter (100), found -1");
  b = good;
  b[at + 8] = 0;
  CHECK_THAT(load_error(b), Catch::Matchers::StartsWith(prefix + "intercept_ expected 0 (fit_intercept=False), found "));
}

TEST_CASE("artifact: LogisticRegression's penalty fields are checked on load", "[artifact][l1]") {
  const Bytes good = artifact_test::payload_of(artifact_test::fit_logistic_ovr(data()).to_bytes());
  // The model is the last step; class version 2 ends with l1_ratio f64 and multi_class u8.
  const std::size_t l1_ratio = good.size() - 9, multi_class = good.size() - 1;
  REQUIRE(f64_at(good, l1_ratio) == 0.6);
  REQUIRE(good[multi_class] == 1);
  const std::size_t penalty = model_fields(good);
  REQUIRE(good[penalty] == 3);
  const std::string prefix = "invalid artifact: step \"model\": LogisticRegression: ";
  CHECK(load_error(good) == "loaded");

  Bytes b = good;
  put_f64(b, l1_ratio, 1.5);
  CHECK(load_error(b) == prefix + "l1_ratio expected a number in [0, 1], found 1.5");
  put_f64(b, l1_ratio, -0.25);
  CHECK(load_error(b) == prefix + "l1_ratio expected a number in [0, 1], found -0.25");
  put_f64(b, l1_ratio, kNaN);
  CHECK(load_error(b) == prefix + "l1_ratio expected a number in [0, 1], found nan");
  b = good;
  b[multi_class] = 2;
  CHECK(load_error(b) ==
        "corrupt payload: LogisticRegression.multi_class: expected a value from 0 to 1, found 2");
  b = good;
  b[penalty] = 4;
  CHECK(load_error(b) ==
        "corrupt payload: LogisticRegression.penalty: expected a value from 0 to 3, found 4");
  // Class version 2 in a file that says format 2 (the metadata, written first, is format 3's
  // too).
  CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(good, 2)),
                    Catch::Matchers::EndsWith(": class version 2 is written from artifact format "
                                              "3 on, found in a format 2 file"));
}

TEST_CASE("artifact: a version-1 LogisticRegression has only l2 and none", "[artifact][l1]") {
  std::ifstream in(std::string(FERRY_TEST_DATA_DIR) + "/golden_v1.ferry", std::ios::binary);
  const Bytes file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Bytes payload = artifact_test::payload_of(file);
  const std::size_t penalty = model_fields(payload);
  REQUIRE(payload[penalty] == 0);  // l2
  CHECK(load_error(payload) == "loaded");
  payload[penalty] = 2;  // l1, which class version 1 never had
  CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(payload, 1)),
                    "corrupt payload: LogisticRegression.penalty: expected a value from 0 to 1, "
                    "found 2");
}
