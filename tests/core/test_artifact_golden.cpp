// Every format version ever written stays readable: the golden files in tests/data were written
// by format versions 1 to 3 (golden_v<N>_..., tests/tools/make_golden.cpp) and committed. They must load, carry the
// metadata they were written with, and predict exactly the bits below on fixed rows.
//
// The expected values are hex-float literals: exact bits, and the same spelling C's %a prints.
// If one of these fails after a change to a step's row kernel, that change alters the
// predictions of every model already deployed: fix the change, not the numbers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;

namespace {

std::string golden(const std::string& name) { return std::string(FERRY_TEST_DATA_DIR) + "/" + name; }

/// Bit equality, element by element, so a failure names the element.
void check_bits(const std::vector<double>& found, const std::vector<double>& expected) {
  REQUIRE(found.size() == expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    INFO("element " << i << ": found " << found[i] << ", expected " << expected[i]);
    CHECK(std::memcmp(&found[i], &expected[i], sizeof(double)) == 0);
  }
}

std::vector<double> as_doubles(const std::vector<Value>& values) {
  std::vector<double> out;
  for (const Value& v : values) out.push_back(v.as_double());
  return out;
}

/// What every golden file shares: the metadata written by the generator and the input schema
/// (the synthetic data's five columns, then any extra ones).
Pipeline load_golden(const std::string& name, const std::vector<ColumnSpec>& extra = {},
                     const std::set<std::string>& not_nullable = {}) {
  const std::string path = golden(name);
  const Pipeline p = Pipeline::load(path);
  const Metadata& m = p.metadata();
  CHECK(m.ferry_version == "0.1.0");
  CHECK(m.created_utc == "2025-06-01T12:00:00Z");
  CHECK(m.tags == std::map<std::string, std::string>{{"owner", "ferry-tests"}, {"purpose", "golden"}});
  CHECK(m.training.rows == 120);
  CHECK(m.training.columns == 5 + extra.size());
  std::vector<ColumnSpec> columns{{"age", DType::float64, true},
                                  {"plas", DType::float64, true},
                                  {"mass", DType::float64, true},
                                  {"visits", DType::int64, true},
                                  {"smoker", DType::boolean, true}};
  columns.insert(columns.end(), extra.begin(), extra.end());
  for (ColumnSpec& c : columns) c.nullable = !not_nullable.count(c.name);
  CHECK(p.input_schema() == Schema(columns));
  // What the file says, whatever this library writes: golden_v<N>_... files are format N.
  const unsigned format = p.artifact_format_version();
  CHECK(format == static_cast<unsigned>(name.at(8) - '0'));
  // Re-written by this library, a golden file loads to the same pipeline and re-writes to the
  // same bytes. (Not the golden bytes: Metadata and SimpleImputer gained class version 2, which
  // the writer uses.) The model id depends on the steps alone, so it survives the re-write.
  const std::vector<std::uint8_t> again = p.to_bytes();
  const Pipeline reloaded = Pipeline::from_bytes(again);
  CHECK(reloaded.to_bytes() == again);
  CHECK(reloaded.model_id() == p.model_id());

  return p;
}

std::vector<std::string> step_names(const Pipeline& p) {
  std::vector<std::string> out;
  for (const NamedStep& s : p.steps()) out.push_back(s.name + ":" + step_kind_name(s.step));
  return out;
}

}  // namespace

TEST_CASE("artifact golden v1: binary logistic regression", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v1.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:LogisticRegression"});
  CHECK(p.output().task == Task::classification);
  CHECK(p.output().label_type == DType::string);
  CHECK(p.classes() == std::vector<Value>{"neg", "pos"});
  CHECK(p.metadata().training.class_counts == std::vector<std::uint64_t>{61, 59});

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.1a7375ad29e9ep+0, -0x1.3b2f9f318d1efp+0, 0x1.ca092f8028f5cp-4,
              0x0p+0, 0x1.361d06a8fa214p+0, -0x1.d26fb81a61ae2p-7, 0x1.de7e81558adbfp-1,
              0x1.b0c6cbf09f2c3p+0, 0x0p+0, 0x1.ff65bc5267a52p-5, 0x1.d71199482b228p-1,
              0x1.27b38c514daedp-3, -0x1.5ae51308977e1p-1, 0x0p+0, -0x1.24e66d71ae81ap-1,
              -0x1.aa0811f39e2c1p-3, -0x1.d06e9968bcdf7p-4, 0x1.ca092f8028f5cp-4, 0x0p+0});
  check_bits(p.decision_function(probe).values,
             {-0x1.4557da95e0cd2p+2, 0x1.f8833ed6161b6p+1, 0x1.20c7be136591fp+0, -0x1.3b416ee067b1fp+0});
  check_bits(p.predict_proba(probe).values,
             {0x1.fcd8962d4a1f2p-1, 0x1.93b4e95af073ep-8, 0x1.3819805aee7cp-6, 0x1.f63f33fd288c2p-1,
              0x1.f4c7b681d3c4cp-3, 0x1.82ce125f8b0edp-1, 0x1.8c5397bd383ffp-1, 0x1.ceb1a10b1f003p-3});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "pos", "neg"});
}

TEST_CASE("artifact golden v1: multinomial logistic regression", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v1_multinomial.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"prep_1:SimpleImputer", "prep_2:StandardScaler",
                                                  "model:LogisticRegression"});
  CHECK(p.output().task == Task::classification);
  CHECK(p.output().label_type == DType::int64);
  CHECK(p.classes() == std::vector<Value>{0, 1, 2});
  CHECK(p.metadata().training.class_counts == std::vector<std::uint64_t>{46, 33, 41});
  const auto& model = std::get<LogisticRegression>(p.steps()[2].step);
  CHECK(model.class_weight_mode == ClassWeightMode::given);
  CHECK(model.class_weight == std::vector<std::pair<Value, double>>{{Value(0), 2.0}, {Value(2), 0.5}});

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {0x1.9ca9c1537d401p+0, 0x1.b37a98b633758p+1, 0x1.155a44fb9008cp+1, 0x0p+0, 0x0p+0,
              0x1.0bcac18a9acfbp+2, 0x1.2071e24f93b9p+2, 0x1.d8c2987e41263p+1, 0x1.923cd398bb6f2p+1,
              0x1.11490ed3bea59p+1, 0x1.848496b2022d5p+1, 0x1.5b3cb3b4501bp+2, 0x0p+0,
              0x1.41ca42e095f28p+0, 0x0p+0, 0x1.334d64644cee5p+1, 0x1.130a0f9b7ed0fp+2,
              0x1.7a3546cb6751cp+1, 0x1.e2af6450e0ebcp+0, 0x1.11490ed3bea59p+1});
  check_bits(p.decision_function(probe).values,
             {0x1.5f5714c5a6c7ap+2, -0x1.88b5e88ecc5bp-2, -0x1.46cbb63cba06ap+2, -0x1.a90457748c70cp+1,
              0x1.cedf5a945e55cp-1, 0x1.354c80cf74cbp+1, 0x1.5b5ea89e49dp+1, -0x1.e0d137eb04aacp-1,
              -0x1.c654b5471165p+0, 0x1.525e4704c669p-1, 0x1.f09d3736e7ecp-4, -0x1.9071edeba3ap-1});
  check_bits(p.predict_proba(probe).values,
             {0x1.fe8cf487c405ep-1, 0x1.6fc658bcb3c4p-9, 0x1.a28fbfa336af1p-16, 0x1.59734cd9dd5bep-9,
              0x1.70e0168557294p-3, 0x1.a26e8711d0585p-1, 0x1.eda8d4ac481fbp-1, 0x1.9962eab35d512p-6,
              0x1.6304ff873d6fbp-7, 0x1.1971f5f46a742p-1, 0x1.4824e5fd14542p-2, 0x1.09ee5c342d876p-3});
  CHECK(p.predict(probe) == std::vector<Value>{0, 2, 0, 0});
}

TEST_CASE("artifact golden v1: ridge regression", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v1_ridge.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:Ridge"});
  CHECK(p.output().task == Task::regression);
  CHECK(p.classes().empty());
  CHECK(std::get<Ridge>(p.steps()[2].step).alpha == 0.3);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.b60f89da8c8c5p-2, -0x1.5eab1a77451bbp-1, -0x1.8b889cdeb84f7p+0,
              -0x1.6345601344a41p-1, 0x1.361d06a8fa214p+0, -0x1.3dfc36f34029p+1, 0x1.aef633937f5a1p-1,
              0x1.98f10a52be8edp+0, 0x1.70ef6d9ddaf93p+0, 0x1.ff65bc5267a52p-5, 0x1.a1386b1eb5facp-1,
              -0x1.6d050b99614fbp+1, -0x1.26f967f88973cp-2, -0x1.6345601344a41p-1,
              -0x1.24e66d71ae81ap-1, 0x1.f3f8e1d016a25p-4, 0x1.a6076640c042ap-4, 0x1.5c9b1dc8a2714p-2,
              0x1.70ef6d9ddaf93p+0});
  const std::vector<double> expected{0x1.76184451ecd83p+6, 0x1.6be8f515f4cc2p+7, 0x1.6b66deedb5c19p+6,
                                     0x1.f04e35b4fb52p+6};
  check_bits(p.decision_function(probe).values, expected);
  check_bits(as_doubles(p.predict(probe)), expected);
}

TEST_CASE("artifact golden v1: ordinary least squares", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v1_linear.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:LinearRegression"});
  CHECK(p.output().task == Task::regression);
  CHECK(std::get<SimpleImputer>(p.steps()[0].step).strategy == ImputeStrategy::most_frequent);
  CHECK_FALSE(std::get<StandardScaler>(p.steps()[1].step).with_std);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.3d704d56859cep+4, -0x1.abaaace933058p+4, -0x1.bd0c534ccd8dp+2, -0x1.3aaaaaaaaaaabp+1,
              -0x1.4cccccccccccdp-2, 0x1.1a8fb2a97a632p+4, -0x1.469450bb312d4p+5, 0x1.1179d65999398p+3,
              0x1.4555555555555p+1, 0x1.599999999999ap-1, 0x1.d1f6552f4c64p-1, 0x1.dc555316ccfa8p+4,
              -0x1.cf4314d333634p+4, -0x1.d555555555558p-2, -0x1.4cccccccccccdp-2,
              -0x1.0ae09aad0b39cp+3, -0x1.baaace933058p+0, 0x1.0bceb2ccc9ccp+0, 0x1.1555555555554p-1,
              0x1.599999999999ap-1});
  const std::vector<double> expected{0x1.7d2aace113e3fp+6, 0x1.6b6ed031f9c11p+7, 0x1.63109a172ae84p+6,
                                     0x1.f0db2e0476a9fp+6};
  check_bits(p.decision_function(probe).values, expected);
  check_bits(as_doubles(p.predict(probe)), expected);
}

TEST_CASE("artifact golden v1: transformers only", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v1_transform.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler"});
  CHECK(p.output().task == Task::transform);
  CHECK(std::get<SimpleImputer>(p.steps()[0].step).keep_empty_features);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.1ad257d1e7f95p+0, -0x1.5eab1a77451bbp-1, -0x1.8b889cdeb84f7p+0,
              -0x1.6345601344a41p-1, 0x1.361d06a8fa214p+0, -0x1.256010a5dc9aap-50, 0x1.aef633937f5a1p-1,
              0x1.98f10a52be8edp+0, 0x1.70ef6d9ddaf93p+0, 0x1.ff65bc5267a52p-5, 0x1.d6568b25e30f7p-1,
              -0x1.6d050b99614fbp+1, -0x1.26f967f88973cp-2, -0x1.6345601344a41p-1,
              -0x1.24e66d71ae81ap-1, -0x1.acfa56829d04p-3, 0x1.a6076640c042ap-4, 0x1.5c9b1dc8a2714p-2,
              0x1.70ef6d9ddaf93p+0});
}

TEST_CASE("artifact golden v1: string categories through a ColumnTransformer", "[artifact][golden]") {
  // smoker passes straight to the model, so it may not be missing; the others are imputed or
  // encoded.
  const Pipeline p =
      load_golden("golden_v2_encoders.ferry", {{"region", DType::string, true}}, {"smoker"});
  CHECK(step_names(p) == std::vector<std::string>{"features:ColumnTransformer",
                                                  "model:LogisticRegression"});
  CHECK(p.input_schema().columns().back().type == DType::string);
  const auto& ct = std::get<ColumnTransformer>(p.steps()[0].step);
  CHECK(ct.transformers.size() == 2);
  CHECK(std::get<OneHotEncoder>(ct.transformers[0].steps[0].step).categories_[0].size() == 6);

  const Frame probe = artifact_test::probe_frame_text();
  check_bits(p.transform(probe).values,
             {0x0p+0, 0x1p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0,
             -0x1.5c643e2df3dd7p+0, -0x1.1ad257d1e7f95p+0, -0x1.391939a04ad58p+0, 0x0p+0, 0x0p+0,
             0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x1p+0,
             0x1.361d06a8fa214p+0, -0x1.256010a5dc9aap-50, 0x1.e362c6025c36ep-1, 0x1p+0, 0x0p+0,
             0x0p+0, 0x0p+0, 0x0p+0, 0x1p+0, 0x0p+0, 0x1p+0, 0x0p+0, 0x0p+0, 0x0p+0,
             0x1.ff65bc5267a52p-5, 0x1.d6568b25e30f7p-1, -0x1.1e580ec6f4194p-49, 0x0p+0, 0x0p+0,
             0x0p+0, 0x0p+0, 0x0p+0, 0x1p+0, 0x0p+0, 0x0p+0, 0x1p+0, 0x0p+0, 0x0p+0,
             -0x1.24e66d71ae81ap-1, -0x1.acfa56829d04p-3, -0x1.ac12ad956bc3bp-4, 0x1p+0});
  check_bits(p.decision_function(probe).values,
             {-0x1.ccd61da470edcp+2, 0x1.794007d0e346p+2, 0x1.11930155e333cp+0,
             0x1.0c8fb11b1ddf7p-2});
  check_bits(p.predict_proba(probe).values,
             {0x1.ff9e45a5157d3p-1, 0x1.86e96baa0b3afp-11, 0x1.680a87a0f2fp-9,
             0x1.fe97f5785f0d1p-1, 0x1.05cbbd97a54bcp-2, 0x1.7d1a21342d5a2p-1,
             0x1.bd3decd5024b8p-2, 0x1.216109957eda4p-1});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "pos", "pos"});
}

TEST_CASE("artifact golden v1: lasso", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v2_lasso.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:Lasso"});
  CHECK(p.output().task == Task::regression);
  const auto& model = std::get<Lasso>(p.steps()[2].step);
  CHECK(model.alpha == 2.0);
  CHECK(model.max_iter == 1000);
  CHECK(model.tol == 1e-12);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.1ad257d1e7f95p+0, -0x1.5eab1a77451bbp-1, -0x1.8b889cdeb84f7p+0,
              -0x1.6345601344a41p-1, 0x1.361d06a8fa214p+0, -0x1.256010a5dc9aap-50, 0x1.aef633937f5a1p-1,
              0x1.98f10a52be8edp+0, 0x1.70ef6d9ddaf93p+0, 0x1.ff65bc5267a52p-5, 0x1.d6568b25e30f7p-1,
              -0x1.6d050b99614fbp+1, -0x1.26f967f88973cp-2, -0x1.6345601344a41p-1,
              -0x1.24e66d71ae81ap-1, -0x1.acfa56829d04p-3, 0x1.a6076640c042ap-4, 0x1.5c9b1dc8a2714p-2,
              0x1.70ef6d9ddaf93p+0});
  const std::vector<double> expected{0x1.94d3c73c2f2d8p+6, 0x1.555f61f6bc55ep+7, 0x1.82f7d505b0442p+6,
                                     0x1.fada903a1df8cp+6};
  check_bits(p.decision_function(probe).values, expected);
  check_bits(as_doubles(p.predict(probe)), expected);
}

TEST_CASE("artifact golden v1: elastic net, positive coefficients", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v2_elastic_net.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:ElasticNet"});
  CHECK(p.output().task == Task::regression);
  const auto& model = std::get<ElasticNet>(p.steps()[2].step);
  CHECK(model.alpha == 0.3);
  CHECK(model.l1_ratio == 0.7);
  CHECK(model.positive);
  for (double c : model.coef_) CHECK(c >= 0.0);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.1a7375ad29e9ep+0, -0x1.3b2f9f318d1efp+0, 0x1.ca092f8028f5cp-4,
              0x0p+0, 0x1.361d06a8fa214p+0, -0x1.d26fb81a61ae2p-7, 0x1.de7e81558adbfp-1,
              0x1.b0c6cbf09f2c3p+0, 0x0p+0, 0x1.ff65bc5267a52p-5, 0x1.d71199482b228p-1,
              0x1.27b38c514daedp-3, -0x1.5ae51308977e1p-1, 0x0p+0, -0x1.24e66d71ae81ap-1,
              -0x1.aa0811f39e2c1p-3, -0x1.d06e9968bcdf7p-4, 0x1.ca092f8028f5cp-4, 0x0p+0});
  const std::vector<double> expected{0x1.609b5c0a57e5cp+6, 0x1.63a169a2ba23cp+7, 0x1.134886947fdd2p+7,
                                     0x1.ec1dbb340d734p+6};
  check_bits(p.decision_function(probe).values, expected);
  check_bits(as_doubles(p.predict(probe)), expected);
}

TEST_CASE("artifact golden v1: poisson regression", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v2_poisson.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:PoissonRegressor"});
  CHECK(p.output().task == Task::regression);
  CHECK(std::get<PoissonRegressor>(p.steps()[2].step).alpha == 0.05);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.1ad257d1e7f95p+0, -0x1.5eab1a77451bbp-1, -0x1.8b889cdeb84f7p+0,
              -0x1.6345601344a41p-1, 0x1.361d06a8fa214p+0, -0x1.256010a5dc9aap-50, 0x1.aef633937f5a1p-1,
              0x1.98f10a52be8edp+0, 0x1.70ef6d9ddaf93p+0, 0x1.ff65bc5267a52p-5, 0x1.d6568b25e30f7p-1,
              -0x1.6d050b99614fbp+1, -0x1.26f967f88973cp-2, -0x1.6345601344a41p-1,
              -0x1.24e66d71ae81ap-1, -0x1.acfa56829d04p-3, 0x1.a6076640c042ap-4, 0x1.5c9b1dc8a2714p-2,
              0x1.70ef6d9ddaf93p+0});
  // exp of the linear predictor: the mean, which predict returns too.
  const std::vector<double> expected{0x1.8db84c304506p+6, 0x1.6c4be185fe7f4p+7, 0x1.715bf87f5f1f5p+6,
                                     0x1.ec8743b335146p+6};
  check_bits(p.decision_function(probe).values, expected);
  check_bits(as_doubles(p.predict(probe)), expected);
}

TEST_CASE("artifact golden v1: the scaler kinds, transformers only", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v2_scalers.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"minmax:MinMaxScaler", "impute:SimpleImputer",
                                                  "robust:RobustScaler", "norm:Normalizer"});
  CHECK(p.output().task == Task::transform);
  const auto& minmax = std::get<MinMaxScaler>(p.steps()[0].step);
  CHECK(minmax.feature_range == std::array<double, 2>{-1.0, 2.0});
  CHECK(minmax.clip);
  CHECK(minmax.n_samples_seen_ == 120);
  const auto& robust = std::get<RobustScaler>(p.steps()[2].step);
  CHECK(robust.quantile_range == std::array<double, 2>{10.0, 90.0});
  CHECK(robust.unit_variance);
  CHECK(std::get<Normalizer>(p.steps()[3].step).norm == Norm::l1);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.0fb7a7e26e788p-2, -0x1.ff0883ff7af96p-3, -0x1.de9a12f989582p-3, -0x1.01770ca10f5edp-2,
              0x0p+0, 0x1.8e0cdfaf83b88p-3, 0x0p+0, 0x1.2b4959b25c0aap-3, 0x1.fa7faa7b4c16cp-3,
              0x1.a6150e116a13p-2, 0x1.467a8179288acp-5, 0x1.80247cb5f9a62p-3, -0x1.8b8f38baef0ddp-1,
              0x0p+0, 0x0p+0, -0x1.aa99d63dba582p-4, -0x1.96fb099a75139p-5, 0x1.1d1963e8267a4p-9,
              0x1.201552272628cp-3, 0x1.681aa6b0efb31p-1});
}

TEST_CASE("artifact golden v1: MaxAbsScaler and Binarizer before a logistic regression",
          "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v2_maxabs_binarizer.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"maxabs:MaxAbsScaler", "impute:SimpleImputer",
                                                  "binarize:Binarizer", "model:LogisticRegression"});
  CHECK(p.output().task == Task::classification);
  CHECK(p.classes() == std::vector<Value>{"neg", "pos"});
  CHECK(p.metadata().training.class_counts == std::vector<std::uint64_t>{61, 59});
  CHECK(std::get<MaxAbsScaler>(p.steps()[0].step).clip);
  CHECK(std::get<Binarizer>(p.steps()[2].step).threshold == 0.6);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x1p+0, 0x1p+0, 0x1p+0, 0x1p+0, 0x1p+0, 0x1p+0,
              0x1p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x1p+0, 0x1p+0, 0x0p+0, 0x1p+0});
  check_bits(p.decision_function(probe).values,
             {-0x1.26994c9c2865ep+2, 0x1.c11884d5818f8p+1, -0x1.cf2f6468119ep-2, 0x1.707f121ab1ab8p-1});
  check_bits(p.predict_proba(probe).values,
             {0x1.faeb9a7291d7fp-1, 0x1.4519635b8a026p-7, 0x1.dc46ddec021cp-6, 0x1.f11dc9109fef2p-1,
              0x1.38ee4619447bap-1, 0x1.8e2373cd7708dp-2, 0x1.4f504cf3bd9f6p-2, 0x1.5857d98621305p-1});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "neg", "pos"});
}

TEST_CASE("artifact golden v1: string imputer, indicators and ordinal codes", "[artifact][golden]") {
  const Pipeline p =
      load_golden("golden_v2_text_impute.ferry", {{"region", DType::string, true}},
                  {"visits", "smoker"});  // passed straight to the model
  const auto& ct = std::get<ColumnTransformer>(p.steps()[0].step);
  const auto& imputer = std::get<SimpleImputer>(ct.transformers[0].steps[0].step);
  CHECK(imputer.text_statistics_[0] == "north");
  CHECK(imputer.indicator_features_ == std::vector<std::size_t>{0});
  CHECK(std::holds_alternative<OrdinalEncoder>(ct.transformers[0].steps[1].step));
  CHECK(std::holds_alternative<MissingIndicator>(ct.transformers[1].steps[0].step));

  const Frame probe = artifact_test::probe_frame_text();
  check_bits(p.transform(probe).values,
             {0x1p+1, 0x0p+0, 0x0p+0, -0x1.5c643e2df3dd7p+0, -0x1.1ad257d1e7f95p+0,
             -0x1.5eab1a77451bbp-1, 0x0p+0, 0x0p+0, 0x0p+0, 0x0p+0, 0x1p+0, 0x1.361d06a8fa214p+0,
             -0x1.256010a5dc9aap-50, 0x1.aef633937f5a1p-1, 0x1.4p+2, 0x1p+0, 0x1p+1, 0x1p+0,
             0x0p+0, 0x1.ff65bc5267a52p-5, 0x1.d6568b25e30f7p-1, -0x1.6d050b99614fbp+1, 0x1p+1,
             0x0p+0, -0x1p+0, 0x0p+0, 0x0p+0, -0x1.24e66d71ae81ap-1, -0x1.acfa56829d04p-3,
             0x1.a6076640c042ap-4, 0x1.8p+1, 0x1p+0});
  check_bits(p.decision_function(probe).values,
             {-0x1.91cdd403c35acp+2, 0x1.6fa62c4858d72p+2, -0x1.e759170517186p+0,
             0x1.fe16a8cc2d81fp-1});
  check_bits(p.predict_proba(probe).values,
             {0x1.ff0a770debd1cp-1, 0x1.eb11e4285c725p-10, 0x1.a220f8b5e2ap-9,
             0x1.fe5ddf074a1d6p-1, 0x1.bd994841f53bbp-1, 0x1.099adef82b113p-3,
             0x1.1425f75e8e6ecp-2, 0x1.75ed0450b8c8ap-1});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "neg", "pos"});
}

TEST_CASE("artifact golden v1: PolynomialFeatures, KBinsDiscretizer and PCA before a logistic "
          "regression", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v2_features.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "poly:PolynomialFeatures",
                                                  "bins:KBinsDiscretizer", "pca:PCA",
                                                  "model:LogisticRegression"});
  CHECK(p.classes() == std::vector<Value>{"neg", "pos"});
  const auto& poly = std::get<PolynomialFeatures>(p.steps()[2].step);
  CHECK(poly.interaction_only);
  CHECK(!poly.include_bias);
  CHECK(poly.n_output_features_ == 15);
  const auto& bins = std::get<KBinsDiscretizer>(p.steps()[3].step);
  CHECK(bins.strategy == KBinsStrategy::kmeans);
  CHECK(bins.encode == KBinsEncode::ordinal);
  CHECK(bins.n_bins_.size() == 15);
  const auto& pca = std::get<PCA>(p.steps()[4].step);
  CHECK(pca.n_components_mode == PcaComponents::variance);
  CHECK(pca.variance == 0.9);
  CHECK(pca.whiten);
  CHECK(pca.svd_solver == PcaSolver::covariance_eigh);
  CHECK(pca.n_components_ == 12);
  CHECK(pca.n_samples_ == 120);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {0x1.ac11fd6940dadp-2, -0x1.a57c4a031e5fp+0, -0x1.499d60f83feccp-1,
              0x1.d82044bb2b1e6p+0, 0x1.ca0c994762bcfp-1, -0x1.553be16b5e50cp+0,
              -0x1.aadf48e3ccdb8p-4, 0x1.1a08dc76027c5p+1, -0x1.001708a1226aap+0,
              0x1.17554015d165fp+0, -0x1.02ad4561bafd3p-1, 0x1.bb94896161fa8p+0,
              0x1.8acbc40866f89p-1, 0x1.377817c81dfb3p+0, -0x1.e22899bf1af3ap-2,
              -0x1.8cf52fd82a437p-3, 0x1.84edb090e7c7dp+1, -0x1.b165160f45bfdp-3,
              0x1.4ee54511c02fp+0, -0x1.4621c4800010ap-2, 0x1.ff7755780f1e6p-2,
              0x1.03afc99fedb09p+0, -0x1.6073a752b878dp-1, 0x1.704255b22a3bp+0,
              -0x1.80a46b2c57ce5p-1, 0x1.c5e197b2facccp-4, -0x1.86cd722f2af4bp-13,
              0x1.367ebb403ad9dp-1, 0x1.26023161513cbp-7, -0x1.1000c0837f068p+1,
              0x1.1c277e31bc671p-1, -0x1.970c75631d6bbp-1, -0x1.0850ab803bc13p+0,
              0x1.22d550cd9e16bp+0, 0x1.8b270f1100d97p+0, -0x1.72b1d75c4e05p-2,
              -0x1.d0b214ab4e032p-3, 0x1.744625f8187bap-2, -0x1.093bad4dec6e8p-1,
              -0x1.b09cf923bd1dfp-1, -0x1.7668dd37c1b16p-2, 0x1.a4cfbf0821131p-2,
              0x1.034514fce3b8bp-2, -0x1.233fe492f7898p-5, -0x1.92d10491cad5cp+0,
              -0x1.db1c741fafee8p-5, 0x1.ce37bf429a013p-1, -0x1.d09251c9ba9f2p-5});
  check_bits(p.decision_function(probe).values,
             {-0x1.5b5ecbdcfa0d1p+2, 0x1.22a01a72096e3p+2, -0x1.58c0235fbd5dcp+1,
              -0x1.f3b4d9e391d0ap-2});
  check_bits(p.predict_proba(probe).values,
             {0x1.fdc2ac1d187b8p-1, 0x1.1ea9f173c23dfp-8, 0x1.59b3f0d6940cp-7,
              0x1.fa99303ca5afdp-1, 0x1.df8e7abe6a63p-1, 0x1.038c2a0cace7cp-4,
              0x1.3d40a7534bd68p-1, 0x1.857eb1596853p-2});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "neg", "neg"});
}

TEST_CASE("artifact golden v2: expressions of every result type before an encoder and a logistic "
          "regression", "[artifact][golden][expr]") {
  // plas, visits and region may stay missing: the expressions reading them never give null.
  const Pipeline p = load_golden("golden_v2_expressions.ferry", {{"region", DType::string, true}},
                                 {"age", "mass", "smoker"});
  CHECK(step_names(p) == std::vector<std::string>{"features:ColumnTransformer",
                                                  "scale:StandardScaler",
                                                  "model:LogisticRegression"});
  const auto& ct = std::get<ColumnTransformer>(p.steps()[0].step);
  const auto& derived = std::get<Expressions>(ct.transformers[0].steps[0].step);
  REQUIRE(derived.expressions.size() == 5);
  CHECK(derived.expressions[4].source == "if(mass == 0, 1, 0) + if(isnull(plas), 0.5, 0)");
  CHECK(expression_tree(derived.expressions[4]) ==
        "(+ (if (== mass 0) 1 0) (if (isnull plas) 0.5 0))");
  const auto& words = std::get<Expressions>(ct.transformers[1].steps[0].step);
  CHECK(expression_type(words.expressions[1]) == DType::string);
  const auto& onehot = std::get<OneHotEncoder>(ct.transformers[1].steps[1].step);
  CHECK(onehot.categories_[1] == std::vector<Value>{"few", "many", "some"});

  const Frame probe = artifact_test::probe_frame_text();
  check_bits(p.transform(probe).values,
             {-0x1.0000000000004p+1, -0x1.3373df9242c95p+0, -0x1.1c16f2e2ee94cp+0,
              -0x1.e52cc16d87f1p-2, -0x1.9204613fe43p-2, -0x1.91a5561517624p-2,
              -0x1.91a5561517622p-2, 0x1.9faa09051bec8p+0, -0x1.2e2c507d00df2p-1,
              -0x1.2394d27497b8cp-2, -0x1.83091e6a7f7e6p-2, 0x1.70ef6d9ddaf93p+0,
              -0x1.6a09e667f3bd2p-1, -0x1.70d949388cfc5p-1, 0x1.0000000000003p-1,
              0x1.c58b4302fe8bp+0, -0x1.48318903466e2p-4, 0x1.0e2777572bb1ep+1,
              0x1.7dea8f964bfa6p+0, 0x1.465655f122ffdp+1, -0x1.91a5561517622p-2,
              -0x1.3b54dab46d75bp-1, -0x1.2e2c507d00df2p-1, -0x1.2394d27497b8cp-2,
              -0x1.83091e6a7f7e6p-2, -0x1.6345601344a42p-1, 0x1.6a09e667f3bd3p+0,
              -0x1.70d949388cfc5p-1, 0x1.0000000000003p-1, -0x1.08d5b774a5b0bp+1,
              0x1.e5f9afc287d98p-1, -0x1.e52cc16d87f1p-2, 0x1.b02b1bbe48806p+1,
              -0x1.91a5561517624p-2, -0x1.91a5561517622p-2, -0x1.3b54dab46d75bp-1,
              -0x1.2e2c507d00df2p-1, 0x1.c1856f1e69e79p+1, -0x1.83091e6a7f7e6p-2,
              -0x1.6345601344a42p-1, -0x1.6a09e667f3bd2p-1, 0x1.635ab3cf75188p+0,
              0x1.0000000000003p-1, -0x1.396f14713cep-2, -0x1.48318903466e2p-4,
              -0x1.e52cc16d87f1p-2, -0x1.9204613fe43p-2, -0x1.91a5561517624p-2,
              -0x1.91a5561517622p-2, -0x1.3b54dab46d75bp-1, -0x1.2e2c507d00df2p-1,
              -0x1.2394d27497b8cp-2, -0x1.83091e6a7f7e6p-2, -0x1.6345601344a42p-1,
              -0x1.6a09e667f3bd2p-1, 0x1.635ab3cf75188p+0});
  check_bits(p.decision_function(probe).values,
             {-0x1.ba628a3c2b88ep+2, 0x1.0dec2d5d067fbp+3, 0x1.0d43828017064p-1,
              -0x1.6f8dd317b88d6p+0});
  check_bits(p.predict_proba(probe).values,
             {0x1.ff7da5bfa51a1p-1, 0x1.04b480b5cbeaap-10, 0x1.c739cb80e3p-13,
              0x1.ffe38c6347f1dp-1, 0x1.7c633de8074b8p-2, 0x1.41ce610bfc5a4p-1,
              0x1.9d978d02e4481p-1, 0x1.89a1cbf46edfbp-3});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "pos", "neg"});
  CHECK(p.metadata().training.class_counts == std::vector<std::uint64_t>{61, 59});
}

TEST_CASE("artifact golden v3: binary logistic regression with an L1 penalty", "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v3_logistic_l1.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:LogisticRegression"});
  CHECK(p.classes() == std::vector<Value>{"neg", "pos"});
  const auto& model = std::get<LogisticRegression>(p.steps()[2].step);
  CHECK(model.penalty == Penalty::l1);
  CHECK(model.C == 0.05);
  CHECK(model.multi_class == MultiClass::multinomial);
  REQUIRE(model.coef_.values.size() == 5);
  CHECK(std::count(model.coef_.values.begin(), model.coef_.values.end(), 0.0) >= 1);

  const Frame probe = artifact_test::probe_frame();
  // The preprocessing is golden_v1_transform.ferry's (mean imputer, scaler): the same bits.
  check_bits(p.transform(probe).values,
             Pipeline::load(golden("golden_v1_transform.ferry")).transform(probe).values);
  check_bits(p.decision_function(probe).values,
             {-0x1.75c08bb514359p-1, 0x1.31faf1a1d5abep-2, 0x1.00cb939a5296bp-2, -0x1.025efd43dc629p-2});
  check_bits(p.predict_proba(probe).values,
             {0x1.597fa279b2192p-1, 0x1.4d00bb0c9bcddp-2, 0x1.b411ae65a09f2p-2, 0x1.25f728cd2fb07p-1,
              0x1.c022b2da1982p-2, 0x1.1feea692f33fp-1, 0x1.202049b4f0039p-1, 0x1.bfbf6c961ff8ep-2});
  CHECK(p.predict(probe) == std::vector<Value>{"neg", "pos", "pos", "neg"});
}

TEST_CASE("artifact golden v3: one-vs-rest logistic regression with an elastic-net penalty",
          "[artifact][golden]") {
  const Pipeline p = load_golden("golden_v3_logistic_ovr.ferry");
  CHECK(step_names(p) == std::vector<std::string>{"impute:SimpleImputer", "scale:StandardScaler",
                                                  "model:LogisticRegression"});
  CHECK(p.classes() == std::vector<Value>{0, 1, 2});
  CHECK(p.metadata().training.class_counts == std::vector<std::uint64_t>{46, 33, 41});
  const auto& model = std::get<LogisticRegression>(p.steps()[2].step);
  CHECK(model.penalty == Penalty::elasticnet);
  CHECK(model.l1_ratio == 0.6);
  CHECK(model.multi_class == MultiClass::ovr);
  CHECK(model.class_weight_mode == ClassWeightMode::balanced);

  const Frame probe = artifact_test::probe_frame();
  check_bits(p.transform(probe).values,
             {-0x1.5c643e2df3dd7p+0, -0x1.1a7375ad29e9ep+0, -0x1.5eab1a77451bbp-1, -0x1.8b889cdeb84f7p+0,
              -0x1.6345601344a41p-1, 0x1.361d06a8fa214p+0, -0x1.d26fb81a61ae2p-7, 0x1.aef633937f5a1p-1,
              0x1.98f10a52be8edp+0, 0x1.70ef6d9ddaf93p+0, 0x1.ff65bc5267a52p-5, 0x1.d71199482b228p-1,
              -0x1.6d050b99614fbp+1, -0x1.26f967f88973cp-2, -0x1.6345601344a41p-1,
              -0x1.24e66d71ae81ap-1, -0x1.aa0811f39e2c1p-3, 0x1.a6076640c042ap-4, 0x1.5c9b1dc8a2714p-2,
              0x1.70ef6d9ddaf93p+0});
  check_bits(p.decision_function(probe).values,
             {0x1.ed8487003c1ccp+1, -0x1.033519a35642ep-2, -0x1.03c359259015fp+2, -0x1.ad9df987d5b4ep+1,
              0x1.0e0a4b8cb3e1p-3, 0x1.16df1ef8db0a2p+1, 0x1.4871211d09183p+0, -0x1.241ac1400c0c8p+0,
              -0x1.1e3ad8069c892p-1, -0x1.1d547f0e7901p-6, -0x1.9aa15d5c57e2ep-3, -0x1.555bcd1162c31p-2});
  check_bits(p.predict_proba(probe).values,
             {0x1.5dd04436fc151p-1, 0x1.383e8b18c6c7p-2, 0x1.841d8f2821df3p-7, 0x1.78c282af4e5c5p-6,
              0x1.7483fbdc11ff7p-2, 0x1.39f7edfc7c8d6p-1, 0x1.20a2c34e01089p-1, 0x1.650b77ab6752fp-3,
              0x1.0c34bd8e4a458p-2, 0x1.7457338c8d83ep-2, 0x1.5214cd17dfc5dp-2, 0x1.3993ff5b92b65p-2});
  CHECK(p.predict(probe) == std::vector<Value>{0, 2, 0, 0});
}
