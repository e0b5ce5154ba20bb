// Writes the golden artifacts into a folder and prints the expected predictions as C++ for
// tests/core/test_artifact_golden.cpp. Built with the tests, never run by ctest: golden files are
// written once per format version and committed, and each one stays in the tests forever, so that
// every version ever written stays readable. This library writes the current format only, so
// write into a scratch folder and copy just the new format's files (golden_v<current>_*) into
// tests/data: the older names written here are not the committed older files.
//
//   ferry_make_golden /tmp/golden && cp /tmp/golden/golden_v3_* tests/data/
//
// The fit time stored in metadata is replaced by a fixed one, so a re-run on the same code gives
// byte-identical files.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "artifact/artifact.hpp"
#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

namespace {

constexpr const char* kCreated = "2025-06-01T12:00:00Z";

void print_doubles(const char* name, const std::vector<double>& values) {
  std::printf("  const std::vector<double> %s = {", name);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      std::printf("%sNAN", i ? ", " : "");
    } else {
      std::printf("%s%a", i ? ", " : "", values[i]);
    }
  }
  std::printf("};\n");
}

void write_golden(const std::string& dir, const std::string& file, const ferry::Pipeline& fitted,
                  const std::map<std::string, std::string>& tags,
                  const ferry::Frame& probe = artifact_test::probe_frame()) {
  const auto bytes = fitted.to_bytes(tags);
  auto state = ferry::detail::decode_artifact(bytes.data(), bytes.size());
  state->metadata.created_utc = kCreated;
  const std::string path = dir + "/" + file;
  ferry::detail::write_file_atomically(path, ferry::detail::encode_artifact(*state));

  // Expected values come from loading the written file, as the test will.
  const ferry::Pipeline p = ferry::Pipeline::load(path);
  std::printf("// %s (%zu bytes)\n", file.c_str(), bytes.size());
  print_doubles("transform", p.transform(probe).values);
  if (p.output().task != ferry::Task::transform) {
    print_doubles("decision", p.decision_function(probe).values);
    std::vector<double> predicted;
    for (const ferry::Value& v : p.predict(probe)) {
      if (v.is_double()) predicted.push_back(v.as_double());
      else std::printf("  // label %s\n", v.to_string().c_str());
    }
    if (!predicted.empty()) print_doubles("predicted", predicted);
  }
  if (p.output().task == ferry::Task::classification) {
    print_doubles("proba", p.predict_proba(probe).values);
  }
  std::printf("  // class_counts:");
  for (auto c : p.metadata().training.class_counts) std::printf(" %llu", static_cast<unsigned long long>(c));
  std::printf("\n\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <output folder>\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  try {
    const artifact_test::Data d = artifact_test::make_data();
    const std::map<std::string, std::string> tags{{"owner", "ferry-tests"}, {"purpose", "golden"}};
    write_golden(dir, "golden_v1.ferry", artifact_test::fit_binary(d), tags);
    write_golden(dir, "golden_v1_multinomial.ferry", artifact_test::fit_multinomial(d), tags);
    write_golden(dir, "golden_v1_ridge.ferry", artifact_test::fit_ridge(d), tags);
    write_golden(dir, "golden_v1_linear.ferry", artifact_test::fit_linear(d), tags);
    write_golden(dir, "golden_v1_transform.ferry", artifact_test::fit_transform_only(d), tags);
    write_golden(dir, "golden_v2_scalers.ferry", artifact_test::fit_scalers(d), tags);
    write_golden(dir, "golden_v2_maxabs_binarizer.ferry", artifact_test::fit_maxabs_binarizer(d), tags);
    write_golden(dir, "golden_v2_lasso.ferry", artifact_test::fit_lasso(d), tags);
    write_golden(dir, "golden_v2_elastic_net.ferry", artifact_test::fit_elastic_net(d), tags);
    write_golden(dir, "golden_v2_poisson.ferry", artifact_test::fit_poisson(d), tags);
    write_golden(dir, "golden_v2_encoders.ferry", artifact_test::fit_encoders(d), tags,
                 artifact_test::probe_frame_text());
    write_golden(dir, "golden_v2_text_impute.ferry", artifact_test::fit_text_imputers(d), tags,
                 artifact_test::probe_frame_text());
    write_golden(dir, "golden_v2_features.ferry", artifact_test::fit_features(d), tags);
    write_golden(dir, "golden_v2_expressions.ferry", artifact_test::fit_expressions(d), tags,
                 artifact_test::probe_frame_text());
    write_golden(dir, "golden_v3_logistic_l1.ferry", artifact_test::fit_logistic_l1(d), tags);
    write_golden(dir, "golden_v3_logistic_ovr.ferry", artifact_test::fit_logistic_ovr(d), tags);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ferry_make_golden: %s\n", e.what());
    return 1;
  }
  return 0;
}
