// The scaler kinds (MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer, Binarizer) through the
// artifact: every field comes back, predictions to the bit, and a loaded field that disagrees
// with the others is refused with an ArtifactError naming the step and the field.
#include <catch2/catch.hpp>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;
using artifact_test::Bytes;
using Catch::Matchers::StartsWith;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Columns whose fitted values are distinct doubles, so a test can find one in the payload.
Frame small_frame() {
  Frame X;
  X.add_float64("a", {1.0, 2.0, 3.0, 5.25});
  X.add_float64("b", {10.0, 20.0, 30.0, 40.5});
  return X;
}


/// Refits one step on small_frame, replaces one double of its payload, and loads the result.
void check_refused(Step step, double found, double replacement, const std::string& message) {
  Pipeline p({{"s", std::move(step)}});
  p.fit(small_frame());
  Bytes payload = artifact_test::payload_of(p.to_bytes());
  artifact_test::put_double(payload, artifact_test::find_double(payload, found, "a"), replacement);
  CHECK_THROWS_AS(Pipeline::from_bytes(artifact_test::wrap(payload)), ArtifactError);
  CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(payload)),
                    StartsWith("invalid artifact: step \"s\": " + message));
}

}  // namespace

TEST_CASE("artifact: the scaler kinds round-trip field by field and bit for bit",
          "[artifact][scalers]") {
  MinMaxScaler mm;
  mm.feature_range = {-1.0, 2.0};
  mm.clip = true;
  RobustScaler rs;
  rs.quantile_range = {10.0, 90.0};
  rs.unit_variance = true;
  MaxAbsScaler ma;
  ma.clip = true;
  Normalizer nz;
  nz.norm = Norm::l1;
  Binarizer bz;
  bz.threshold = 0.125;
  Pipeline p({{"minmax", mm}, {"impute", SimpleImputer{}}, {"robust", rs}, {"maxabs", ma},
              {"norm", nz}, {"bin", bz}, {"model", LogisticRegression{}}});
  const artifact_test::Data d = artifact_test::make_data();
  p.fit(d.X, Target(d.binary));
  const Pipeline q = Pipeline::from_bytes(p.to_bytes());

  const auto& a = std::get<MinMaxScaler>(p.steps()[0].step);
  const auto& b = std::get<MinMaxScaler>(q.steps()[0].step);
  CHECK(b.feature_range == a.feature_range);
  CHECK(b.clip);
  CHECK(b.min_ == a.min_);
  CHECK(b.scale_ == a.scale_);
  CHECK(b.data_min_ == a.data_min_);
  CHECK(b.data_max_ == a.data_max_);
  CHECK(b.data_range_ == a.data_range_);
  CHECK(b.n_samples_seen_ == 120);
  const auto& ra = std::get<RobustScaler>(p.steps()[2].step);
  const auto& rb = std::get<RobustScaler>(q.steps()[2].step);
  CHECK(rb.quantile_range == ra.quantile_range);
  CHECK(rb.unit_variance);
  CHECK(rb.center_ == ra.center_);
  CHECK(rb.scale_ == ra.scale_);
  const auto& xa = std::get<MaxAbsScaler>(p.steps()[3].step);
  const auto& xb = std::get<MaxAbsScaler>(q.steps()[3].step);
  CHECK(xb.max_abs_ == xa.max_abs_);
  CHECK(xb.scale_ == xa.scale_);
  CHECK(std::get<Normalizer>(q.steps()[4].step).norm == Norm::l1);
  CHECK(std::get<Binarizer>(q.steps()[5].step).threshold == 0.125);

  const Frame probe = artifact_test::probe_frame();
  const Array2D ta = p.transform(probe), tb = q.transform(probe);
  REQUIRE(ta.values.size() == tb.values.size());
  CHECK(std::memcmp(ta.values.data(), tb.values.data(), ta.values.size() * sizeof(double)) == 0);
  CHECK(q.predict_proba(probe).values == p.predict_proba(probe).values);
  CHECK(q.to_bytes() == p.to_bytes());
}

TEST_CASE("artifact: a scaler field inconsistent with the others is refused on load",
          "[artifact][scalers]") {
  // MinMaxScaler: data_max_[0] 5.25 becomes 6.25, which disagrees with data_range_ and scale_.
  check_refused(MinMaxScaler{}, 5.25, 6.25,
                "MinMaxScaler: feature 0: expected data_range_, scale_ and min_ 5.25, ");
  MinMaxScaler ranged;
  ranged.feature_range = {0.125, 0.875};
  check_refused(ranged, 0.875, 0.0625,
                "MinMaxScaler: feature_range expected (min, max) of finite numbers with min < "
                "max, found (0.125, 0.0625)");
  // MaxAbsScaler: max_abs_[1] 40.5 and its scale_ are both in the payload; the first is max_abs_.
  Pipeline maxabs({{"s", MaxAbsScaler{}}});
  maxabs.fit(small_frame());
  {
    Bytes payload = artifact_test::payload_of(maxabs.to_bytes());
    Bytes needle(8);
    const double v = 40.5;
    std::memcpy(needle.data(), &v, 8);
    const std::size_t steps = artifact_test::find_string(payload, "a");  // after the metadata
    artifact_test::put_double(payload, artifact_test::find(payload, needle, steps), 41.5);
    CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(payload)),
                      "invalid artifact: step \"s\": MaxAbsScaler: scale_[1] expected 41.5 (from "
                      "max_abs_), found 40.5");
  }
  // RobustScaler on a: median 2.5, numpy's quartiles 1.75 and 3.5625, so scale_ 1.8125.
  check_refused(RobustScaler{}, 1.8125, -1.8125,
                "RobustScaler: scale_[0] expected a positive value, found -1.8125");
  check_refused(RobustScaler{}, 2.5, kNaN,
                "RobustScaler: feature 0: expected center_ and scale_ both NaN");
  Binarizer bz;
  bz.threshold = 0.375;
  check_refused(bz, 0.375, kNaN, "Binarizer: threshold expected a finite number, found nan");

  // Normalizer: the norm byte follows the step's name, its kind id (u16) and class version (u32).
  Normalizer nz;
  Pipeline p({{"norm", nz}});
  Frame X;
  X.add_float64("a", {1.0, 2.0});
  p.fit(X);
  Bytes payload = artifact_test::payload_of(p.to_bytes());
  const std::size_t at = artifact_test::after_string(payload, "norm") + 2 + 4;
  REQUIRE(payload.at(at) == 1);  // l2
  payload[at] = 3;
  CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(payload)),
                    "corrupt payload: Normalizer.norm: expected a value from 0 to 2, found 3");
}
