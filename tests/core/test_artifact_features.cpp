// PolynomialFeatures, PCA and KBinsDiscretizer through the artifact: every field comes back,
// predictions to the bit, and a loaded field inconsistent with the others is refused with an
// ArtifactError naming the step and the field.
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

Frame small_frame() {
  Frame X;
  X.add_float64("a", {1.0, 2.0, 3.0, 5.25, 4.5});
  X.add_float64("b", {10.0, 21.0, 30.0, 40.5, 12.0});
  return X;
}

void put_u64(Bytes& payload, std::size_t at, std::uint64_t value) { std::memcpy(&payload[at], &value, 8); }

Bytes payload_of_fitted(Step step) {
  Pipeline p({{"s", std::move(step)}});
  p.fit(small_frame());
  return artifact_test::payload_of(p.to_bytes());
}

void check_refused(const Bytes& payload, const std::string& message) {
  CHECK_THROWS_AS(Pipeline::from_bytes(artifact_test::wrap(payload)), ArtifactError);
  CHECK_THROWS_WITH(Pipeline::from_bytes(artifact_test::wrap(payload)),
                    StartsWith("invalid artifact: step \"s\": " + message));
}

}  // namespace

TEST_CASE("artifact: the feature kinds round-trip field by field and bit for bit",
          "[artifact][features]") {
  PolynomialFeatures poly;
  poly.degree_range = true;
  poly.min_degree = 1;
  poly.degree = 2;
  poly.interaction_only = true;
  PCA pca;
  pca.n_components_mode = PcaComponents::count;
  pca.n_components = 4;
  pca.whiten = true;
  pca.svd_solver = PcaSolver::full;
  KBinsDiscretizer bins;
  bins.n_bins_per_feature = {3, 4, 2, 3};
  bins.strategy = KBinsStrategy::kmeans;
  bins.subsample = 0;
  Pipeline p({{"impute", SimpleImputer{}}, {"poly", poly}, {"pca", pca}, {"bins", bins},
              {"model", LogisticRegression{}}});
  const artifact_test::Data d = artifact_test::make_data();
  p.fit(d.X, Target(d.binary));
  const Pipeline q = Pipeline::from_bytes(p.to_bytes());

  const auto& pa = std::get<PolynomialFeatures>(p.steps()[1].step);
  const auto& pb = std::get<PolynomialFeatures>(q.steps()[1].step);
  CHECK(pb.degree_range);
  CHECK(pb.min_degree == 1);
  CHECK(pb.degree == 2);
  CHECK(pb.interaction_only);
  CHECK(pb.include_bias);
  CHECK(pb.n_output_features_ == 16);  // 1 + 5 + 10
  CHECK(pb.factors_ == pa.factors_);
  CHECK(pb.cofactor_ == pa.cofactor_);
  const auto& ca = std::get<PCA>(p.steps()[2].step);
  const auto& cb = std::get<PCA>(q.steps()[2].step);
  CHECK(cb.n_components_mode == PcaComponents::count);
  CHECK(cb.whiten);
  CHECK(cb.svd_solver == PcaSolver::full);
  CHECK(cb.components_ == ca.components_);
  CHECK(cb.explained_variance_ == ca.explained_variance_);
  CHECK(cb.explained_variance_ratio_ == ca.explained_variance_ratio_);
  CHECK(cb.singular_values_ == ca.singular_values_);
  CHECK(cb.mean_ == ca.mean_);
  CHECK(cb.noise_variance_ == ca.noise_variance_);
  CHECK(cb.n_samples_ == 120);
  CHECK(cb.offset_ == ca.offset_);
  CHECK(cb.divisor_ == ca.divisor_);
  const auto& ka = std::get<KBinsDiscretizer>(p.steps()[3].step);
  const auto& kb = std::get<KBinsDiscretizer>(q.steps()[3].step);
  CHECK(kb.n_bins_per_feature == ka.n_bins_per_feature);
  CHECK(kb.strategy == KBinsStrategy::kmeans);
  CHECK(kb.subsample == 0);
  CHECK(kb.bin_edges_ == ka.bin_edges_);
  CHECK(kb.n_bins_ == ka.n_bins_);

  const Frame probe = artifact_test::probe_frame();
  const Array2D ta = p.transform(probe), tb = q.transform(probe);
  REQUIRE(ta.values.size() == tb.values.size());
  CHECK(std::memcmp(ta.values.data(), tb.values.data(), ta.values.size() * sizeof(double)) == 0);
  CHECK(q.predict_proba(probe).values == p.predict_proba(probe).values);
  CHECK(q.feature_names_out() == p.feature_names_out());
  CHECK(q.to_bytes() == p.to_bytes());
}

TEST_CASE("artifact: a feature-kind field inconsistent with the others is refused on load",
          "[artifact][features]") {
  // PolynomialFeatures' fields follow its name, kind id (u16) and class version (u32):
  // min_degree, degree (u64), three bools, n_output_features_ (u64), n_features_in_ (u64).
  Bytes poly = payload_of_fitted(PolynomialFeatures{});
  const std::size_t fields = artifact_test::after_string(poly, "s") + 2 + 4;
  {
    Bytes bad = poly;
    put_u64(bad, fields + 19, 7);
    check_refused(bad, "PolynomialFeatures: n_output_features_ expected 6 (from the degree and 2 "
                       "features), found 7");
  }
  {
    Bytes bad = poly;
    put_u64(bad, fields + 8, 100000);  // the degree: an expansion far past the ceiling
    check_refused(bad, "PolynomialFeatures: degree 100000 over 2 features expected at most");
  }
  {
    Bytes bad = poly;
    put_u64(bad, fields, 3);  // min_degree 3 with an int degree 2
    check_refused(bad, "PolynomialFeatures: an int degree expected min_degree 0, found 3");
  }

  PCA pca;
  pca.svd_solver = PcaSolver::full;
  Pipeline fitted({{"s", pca}});
  Frame three = small_frame();
  three.add_float64("c", {0.5, -2.0, 7.25, 3.0, 1.0});
  fitted.fit(three);
  const auto& s = std::get<PCA>(fitted.steps()[0].step);
  const Bytes good = artifact_test::payload_of(fitted.to_bytes());
  {
    Bytes bad = good;
    artifact_test::put_double(bad, artifact_test::find_double(bad, s.components_[0], "a"),
                              2.0 * s.components_[0]);
    check_refused(bad, "PCA: component 0: expected a unit-length row of components_");
  }
  {
    Bytes bad = good;
    artifact_test::put_double(bad, artifact_test::find_double(bad, s.explained_variance_[1], "a"),
                              2.0 * s.explained_variance_[0]);
    check_refused(bad, "PCA: component 1: expected explained_variance_ in descending order");
  }
  {
    Bytes bad = good;
    artifact_test::put_double(bad, artifact_test::find_double(bad, s.mean_[0], "a"),
                              std::numeric_limits<double>::infinity());
    check_refused(bad, "PCA: mean_[0] expected a finite value, found inf");
  }

  KBinsDiscretizer bins;
  bins.strategy = KBinsStrategy::uniform;
  bins.encode = KBinsEncode::ordinal;
  Pipeline kb({{"s", bins}});
  kb.fit(small_frame());
  const auto& edges = std::get<KBinsDiscretizer>(kb.steps()[0].step).bin_edges_[0];
  const Bytes kgood = artifact_test::payload_of(kb.to_bytes());
  {
    Bytes bad = kgood;
    artifact_test::put_double(bad, artifact_test::find_double(bad, edges[2], "a"), 100.0);
    check_refused(bad, "KBinsDiscretizer: feature 0: bin_edges_ expected ascending, found");
  }
  {
    Bytes bad = kgood;
    artifact_test::put_double(bad, artifact_test::find_double(bad, edges[1], "a"),
                              std::numeric_limits<double>::quiet_NaN());
    check_refused(bad, "KBinsDiscretizer: feature 0: bin_edges_[1] expected a finite value");
  }
}
