// The artifact through the public API: what goes in comes out bit for bit, files are written
// atomically, and every damaged input is refused with an ArtifactError that names the defect.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <stdlib.h>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

using namespace ferry;
using artifact_test::Bytes;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

bool same_bits(const double* a, const double* b, std::size_t n) {
  return std::memcmp(a, b, n * sizeof(double)) == 0;
}

bool same_bits(const Array2D& a, const Array2D& b) {
  return a.rows == b.rows && a.cols == b.cols && same_bits(a.values.data(), b.values.data(), a.values.size());
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && same_bits(a.data(), b.data(), a.size());
}

/// Everything observable about two fitted pipelines agrees, predictions to the bit.
void check_same(const Pipeline& a, const Pipeline& b) {
  const Metadata& ma = a.metadata();
  const Metadata& mb = b.metadata();
  CHECK(ma.ferry_version == mb.ferry_version);
  CHECK(ma.created_utc == mb.created_utc);
  CHECK(ma.training.rows == mb.training.rows);
  CHECK(ma.training.columns == mb.training.columns);
  CHECK(ma.training.class_counts == mb.training.class_counts);
  CHECK(a.input_schema() == b.input_schema());
  CHECK(a.output().task == b.output().task);
  CHECK(a.output().label_type == b.output().label_type);
  CHECK(a.classes() == b.classes());
  REQUIRE(a.steps().size() == b.steps().size());
  for (std::size_t i = 0; i < a.steps().size(); ++i) {
    CHECK(a.steps()[i].name == b.steps()[i].name);
    CHECK(a.steps()[i].step.index() == b.steps()[i].step.index());
  }
  CHECK(a.n_outputs() == b.n_outputs());
  CHECK(a.feature_names_out() == b.feature_names_out());

  const Frame probe = artifact_test::probe_frame();
  const Row row = artifact_test::probe_row();
  CHECK(same_bits(a.transform(probe), b.transform(probe)));
  CHECK(same_bits(a.transform(row), b.transform(row)));
  if (a.output().task == Task::transform) return;
  CHECK(same_bits(a.decision_function(probe), b.decision_function(probe)));
  CHECK(same_bits(a.decision_function(row), b.decision_function(row)));
  const std::vector<Value> pa = a.predict(probe);
  const std::vector<Value> pb = b.predict(probe);
  REQUIRE(pa.size() == pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) {
    CHECK(pa[i].storage().index() == pb[i].storage().index());
    if (pa[i].is_double() && pb[i].is_double()) {
      const double x = pa[i].as_double(), y = pb[i].as_double();
      CHECK(same_bits(&x, &y, 1));
    } else {
      CHECK(pa[i] == pb[i]);
    }
  }
  if (a.output().task == Task::classification) {
    CHECK(same_bits(a.predict_proba(probe), b.predict_proba(probe)));
    CHECK(same_bits(a.predict_proba(row), b.predict_proba(row)));
  }
}

/// Loads through the bytes, checks everything survived, and that writing again gives the same
/// bytes (so no field is lost or reinterpreted on the way).
void check_round_trip(const Pipeline& fitted) {
  const std::map<std::string, std::string> tags{{"owner", "risk-team"}, {"run", "42"}, {"note", "ünïcode ✓"}};
  const Bytes bytes = fitted.to_bytes(tags);
  CHECK(fitted.metadata().tags.empty());  // tags go into the bytes, not into the pipeline

  const Pipeline loaded = Pipeline::from_bytes(bytes);
  REQUIRE(loaded.is_fitted());
  check_same(fitted, loaded);
  CHECK(loaded.metadata().tags == tags);
  CHECK(loaded.to_bytes() == bytes);

  const Pipeline again = Pipeline::from_bytes(bytes.data(), bytes.size());
  CHECK(again.to_bytes() == bytes);
  CHECK(fitted.to_bytes() == Pipeline::from_bytes(fitted.to_bytes()).to_bytes());
}

enum class Outcome { loaded, artifact_error, other_error };

Outcome try_load(const Bytes& bytes, std::string* message = nullptr) {
  try {
    Pipeline p = Pipeline::from_bytes(bytes);
    // Whatever loads must also be usable: predictions either work or throw ferry::Error (e.g. a
    // mutated schema type no longer matches the probe), never crash.
    try {
      (void)p.transform(artifact_test::probe_frame());
      if (p.output().task != Task::transform) (void)p.predict(artifact_test::probe_frame());
    } catch (const ferry::Error&) {
    }
    return Outcome::loaded;
  } catch (const ArtifactError& e) {
    if (message) *message = e.what();
    return Outcome::artifact_error;
  } catch (const std::exception& e) {
    if (message) *message = std::string("not an ArtifactError: ") + e.what();
    return Outcome::other_error;
  } catch (...) {
    if (message) *message = "an exception of unknown type";
    return Outcome::other_error;
  }
}

std::string hex32(std::uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(v));
  return text;
}

const artifact_test::Data& data() {
  static const artifact_test::Data d = artifact_test::make_data();
  return d;
}

const Bytes& binary_artifact() {
  static const Bytes bytes = artifact_test::fit_binary(data()).to_bytes();
  return bytes;
}

/// A fresh folder under the system temp dir, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ferry-artifact-XXXXXX").string();
    REQUIRE(::mkdtemp(&pattern[0]) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path),
                                                  std::filesystem::directory_iterator()));
  }
};

Bytes read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("artifact: round trip keeps every prediction bit and every stored field", "[artifact]") {
  SECTION("binary logistic regression, string labels, median imputer with a 0 marker") {
    const Pipeline p = artifact_test::fit_binary(data());
    check_round_trip(p);
    const Pipeline loaded = Pipeline::from_bytes(p.to_bytes());
    const auto& impute = std::get<SimpleImputer>(loaded.steps()[0].step);
    CHECK(impute.strategy == ImputeStrategy::median);
    CHECK(impute.missing_values == 0.0);
    const auto& model = std::get<LogisticRegression>(loaded.steps()[2].step);
    CHECK(model.C == 0.5);
    CHECK(model.class_weight_mode == ClassWeightMode::balanced);
    CHECK(loaded.classes() == std::vector<Value>{"neg", "pos"});
  }
  SECTION("multinomial logistic regression, int labels, given class weights") {
    const Pipeline p = artifact_test::fit_multinomial(data());
    check_round_trip(p);
    const Pipeline loaded = Pipeline::from_bytes(p.to_bytes());
    CHECK(loaded.classes() == std::vector<Value>{0, 1, 2});
    CHECK(loaded.n_outputs() == 3);
    const auto& model = std::get<LogisticRegression>(loaded.steps()[2].step);
    CHECK(model.class_weight_mode == ClassWeightMode::given);
    CHECK(model.class_weight == std::vector<std::pair<Value, double>>{{Value(0), 2.0}, {Value(2), 0.5}});
    CHECK_FALSE(std::get<StandardScaler>(loaded.steps()[1].step).with_mean);
  }
  SECTION("bool labels, no penalty, no intercept") {
    const Pipeline p = artifact_test::fit_bool_labels(data());
    check_round_trip(p);
    CHECK(Pipeline::from_bytes(p.to_bytes()).classes() == std::vector<Value>{false, true});
  }
  SECTION("ridge regression, constant imputer") {
    check_round_trip(artifact_test::fit_ridge(data()));
  }
  SECTION("ordinary least squares, most-frequent imputer, scaler without scaling") {
    check_round_trip(artifact_test::fit_linear(data()));
  }
  SECTION("lasso, mean imputer") {
    check_round_trip(artifact_test::fit_lasso(data()));
  }
  SECTION("elastic net with positive coefficients, median imputer with a 0 marker") {
    check_round_trip(artifact_test::fit_elastic_net(data()));
  }
  SECTION("poisson regression, mean imputer") {
    check_round_trip(artifact_test::fit_poisson(data()));
  }
  SECTION("transformers only") {
    const Pipeline p = artifact_test::fit_transform_only(data());
    check_round_trip(p);
    CHECK(Pipeline::from_bytes(p.to_bytes()).output().task == Task::transform);
  }
}

TEST_CASE("artifact: the header is the documented little-endian layout", "[artifact]") {
  const Bytes& a = binary_artifact();
  REQUIRE(a.size() > artifact_test::kHeader);
  CHECK(std::memcmp(a.data(), artifact_test::kMagic, 8) == 0);
  CHECK(artifact_test::get_le(a, 8, 4) == Pipeline::format_version());
  CHECK(Pipeline::format_version() == 3);
  CHECK(artifact_test::get_le(a, 12, 4) == 0);
  CHECK(artifact_test::get_le(a, 16, 8) == a.size() - artifact_test::kHeader);
  CHECK(artifact_test::get_le(a, 24, 4) ==
        artifact_test::crc32_reference(a.data() + artifact_test::kHeader, a.size() - artifact_test::kHeader));
  CHECK(a[artifact_test::kHeader] == 1);  // cereal's byte-order flag: little-endian
  // Writing twice gives the same bytes: nothing address- or time-dependent beyond the fit time.
  const Pipeline p = Pipeline::from_bytes(a);
  CHECK(p.to_bytes() == a);
  CHECK(p.to_bytes() == p.to_bytes());
}

TEST_CASE("artifact: save and load through a file", "[artifact]") {
  TempDir dir;
  const std::string path = (dir.path / "model.ferry").string();
  const Pipeline p = artifact_test::fit_binary(data());

  p.save(path, {{"owner", "risk-team"}});
  CHECK(read_all(path) == p.to_bytes({{"owner", "risk-team"}}));
  CHECK(dir.entries() == 1);  // no temporary file left behind
  const Pipeline loaded = Pipeline::load(path);
  check_same(p, loaded);
  CHECK(loaded.metadata().tags.at("owner") == "risk-team");

  // Saving over an existing file replaces it whole.
  artifact_test::fit_ridge(data()).save(path, {{"owner", "other"}});
  CHECK(dir.entries() == 1);
  const Pipeline replaced = Pipeline::load(path);
  CHECK(replaced.output().task == Task::regression);
  CHECK(replaced.metadata().tags.at("owner") == "other");

  SECTION("a folder that does not exist") {
    const std::string bad = (dir.path / "missing" / "model.ferry").string();
    CHECK_THROWS_AS(p.save(bad), ferry::Error);
    CHECK_THROWS_WITH(p.save(bad), Contains(bad) && Contains("No such file or directory"));
    CHECK_THROWS_AS(Pipeline::load(bad), ArtifactError);
    CHECK_THROWS_WITH(Pipeline::load(bad),
                      "cannot open artifact '" + bad + "': No such file or directory");
  }
  SECTION("a folder where a file is expected") {
    CHECK_THROWS_AS(Pipeline::load(dir.path.string()), ArtifactError);
    CHECK_THROWS_WITH(Pipeline::load(dir.path.string()), Contains(dir.path.string()));
  }
  SECTION("a file that is not an artifact names the path and the defect") {
    const std::string text = (dir.path / "notes.txt").string();
    std::ofstream(text) << "just some text, long enough to hold a header";
    CHECK_THROWS_AS(Pipeline::load(text), ArtifactError);
    CHECK_THROWS_WITH(Pipeline::load(text),
                      StartsWith("'" + text + "': not a ferry artifact (bad magic bytes"));
  }
  SECTION("an empty file") {
    const std::string empty = (dir.path / "empty.ferry").string();
    std::ofstream(empty).close();
    CHECK_THROWS_WITH(Pipeline::load(empty),
                      "'" + empty + "': not a ferry artifact: 0 bytes, a header needs 28");
  }
}

TEST_CASE("artifact: header defects are refused with a message naming them", "[artifact]") {
  const Bytes& good = binary_artifact();
  const std::size_t payload = good.size() - artifact_test::kHeader;
  Bytes b;

  CHECK_THROWS_WITH(Pipeline::from_bytes(Bytes{}), "not a ferry artifact: 0 bytes, a header needs 28");
  CHECK_THROWS_WITH(Pipeline::from_bytes(nullptr, 0), "not a ferry artifact: 0 bytes, a header needs 28");
  CHECK_THROWS_WITH(Pipeline::from_bytes(Bytes(good.begin(), good.begin() + 10)),
                    "not a ferry artifact: 10 bytes, a header needs 28");

  b = good;
  b[1] = 'G';
  CHECK_THROWS_WITH(Pipeline::from_bytes(b),
                    "not a ferry artifact (bad magic bytes: expected 89 46 52 59 0d 0a 1a 0a, found "
                    "89 47 52 59 0d 0a 1a 0a)");
  // A PNG file: same recipe, other letters.
  b = good;
  std::memcpy(b.data(), "\x89PNG\r\n\x1a\n", 8);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b), StartsWith("not a ferry artifact (bad magic bytes"));

  b = good;
  artifact_test::set_le(b, 8, 4, 4);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b), "artifact format 4 is newer than this library (reads up to 3)");
  artifact_test::set_le(b, 8, 0xFFFFFFFFu, 4);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b),
                    "artifact format 4294967295 is newer than this library (reads up to 3)");
  artifact_test::set_le(b, 8, 0, 4);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b),
                    "artifact format 0 does not exist (format versions start at 1; this library "
                    "reads 1 to 3)");

  b = good;
  artifact_test::set_le(b, 12, 4, 4);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b),
                    "artifact flags 0x00000004 are not understood (format 3 defines no flags, "
                    "expected 0x00000000)");

  b = Bytes(good.begin(), good.begin() + artifact_test::kHeader + 400);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b), "truncated: header promises " + std::to_string(payload) +
                                                 " bytes of payload, 400 present");
  b = good;
  artifact_test::set_le(b, 16, std::uint64_t{1} << 62, 8);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b), "truncated: header promises 4611686018427387904 bytes of "
                                             "payload, " + std::to_string(payload) + " present");
  b = good;
  b.push_back(0);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b), "trailing bytes: header promises " + std::to_string(payload) +
                                                 " bytes of payload, " + std::to_string(payload + 1) +
                                                 " present");

  b = good;
  b[artifact_test::kHeader + 40] ^= 0x10;
  const std::uint32_t stored = static_cast<std::uint32_t>(artifact_test::get_le(good, 24, 4));
  const std::uint32_t actual = artifact_test::crc32_reference(b.data() + artifact_test::kHeader, payload);
  CHECK_THROWS_WITH(Pipeline::from_bytes(b),
                    "checksum mismatch: header says " + hex32(stored) + ", payload has " + hex32(actual));
}

TEST_CASE("artifact: every truncation of a real artifact is refused", "[artifact]") {
  for (const Pipeline& p : {artifact_test::fit_binary(data()), artifact_test::fit_multinomial(data()),
                            artifact_test::fit_ridge(data())}) {
    const Bytes good = p.to_bytes({{"k", "v"}});
    std::size_t accepted = 0;
    for (std::size_t n = 0; n < good.size(); ++n) {
      std::string message;
      const Outcome o = try_load(Bytes(good.begin(), good.begin() + n), &message);
      if (o != Outcome::artifact_error) {
        INFO("length " << n << " of " << good.size() << ": " << message);
        CHECK(o == Outcome::artifact_error);
        ++accepted;
      }
    }
    CHECK(accepted == 0);
  }
}

TEST_CASE("artifact: every single-bit flip of a real artifact is refused", "[artifact]") {
  const Bytes& good = binary_artifact();
  const std::size_t n = std::min<std::size_t>(good.size(), 4096);
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes b = good;
      b[i] = static_cast<std::uint8_t>(b[i] ^ (1u << bit));
      std::string message;
      const Outcome o = try_load(b, &message);
      if (o != Outcome::artifact_error) {
        INFO("byte " << i << " bit " << bit << ": " << message);
        CHECK(o == Outcome::artifact_error);
        ++accepted;
      }
    }
  }
  CHECK(accepted == 0);
}

TEST_CASE("artifact: forged payloads with a correct checksum are refused by name", "[artifact]") {
  for (const auto& forgery : artifact_test::forgeries(binary_artifact())) {
    INFO(forgery.what);
    CHECK_THROWS_AS(Pipeline::from_bytes(forgery.artifact), ArtifactError);
    CHECK_THROWS_WITH(Pipeline::from_bytes(forgery.artifact),
                      StartsWith("corrupt payload: ") && Contains(forgery.message));
  }
}

TEST_CASE("artifact: payloads that parse but describe no valid pipeline are refused",
          "[artifact]") {
  using artifact_test::after_string;
  using artifact_test::length_prefixed;
  using artifact_test::wrap;
  const Bytes binary = artifact_test::payload_of(binary_artifact());
  Bytes p;

  SECTION("classes out of order") {
    // Each class is a Value: tag 4 (string), then the length-prefixed text.
    p = binary;
    const std::size_t neg = artifact_test::find_string(p, "neg");
    const std::size_t pos = artifact_test::find_string(p, "pos");
    REQUIRE(pos == neg + 11 + 1);
    std::memcpy(&p[neg + 8], "pos", 3);
    std::memcpy(&p[pos + 8], "neg", 3);
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      "invalid artifact: output: expected classes sorted and unique, found \"pos\" "
                      "before \"neg\" at position 1");
  }
  SECTION("duplicate step names") {
    p = artifact_test::payload_of(artifact_test::fit_multinomial(data()).to_bytes());
    const std::size_t at = artifact_test::find_string(p, "prep_2");
    p[at + 8 + 5] = '1';
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      "invalid artifact: steps: expected unique step names, found \"prep_1\" twice");
  }
  SECTION("duplicate column names") {
    p = binary;
    const std::size_t at = artifact_test::find_string(p, "mass");
    std::memcpy(&p[at + 8], "plas", 4);
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      "corrupt payload: schema: expected unique column names, found \"plas\" twice");
  }
  SECTION("a column name that is not UTF-8") {
    p = binary;
    const std::size_t at = artifact_test::find_string(p, "age");
    p[at + 8] = 0xFF;
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      "corrupt payload: schema: name of column 0: expected UTF-8 text, found an "
                      "invalid byte sequence at byte 0");
  }
  SECTION("an output task that disagrees with its classes") {
    // OutputSpec follows the last column: its class version (u32), then the task byte.
    p = binary;
    const std::size_t task = after_string(p, "smoker") + 2 + 4;
    REQUIRE(p[task] == 1);
    p[task] = 2;
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      "invalid artifact: output: expected no classes for task regression, found 2");
  }
  SECTION("a training summary that disagrees with the schema") {
    // No tags: after created_utc come the tag count (u64), TrainingSummary's class version (u32),
    // rows (u64), columns (u64).
    p = binary;
    const std::string created = Pipeline::from_bytes(binary_artifact()).metadata().created_utc;
    const std::size_t columns = after_string(p, created) + 8 + 4 + 8;
    REQUIRE(artifact_test::get_le(p, columns, 8) == 5);
    artifact_test::set_le(p, columns, 6, 8);
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      "invalid artifact: metadata: training summary expected 5 columns (the "
                      "schema's), found 6");
  }
  SECTION("a fitted value the step refuses (NaN scale)") {
    const Pipeline fitted = Pipeline::from_bytes(binary_artifact());
    const double scale = std::get<StandardScaler>(fitted.steps()[1].step).scale_.at(0);
    Bytes needle(8);
    std::memcpy(needle.data(), &scale, 8);  // little-endian host, as the format
    p = binary;
    const std::size_t at = artifact_test::find(p, needle);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::memcpy(&p[at], &nan, 8);
    CHECK_THROWS_AS(Pipeline::from_bytes(wrap(p)), ArtifactError);
    CHECK_THROWS_WITH(Pipeline::from_bytes(wrap(p)),
                      StartsWith("invalid artifact: step \"scale\": StandardScaler: "));
  }
}

TEST_CASE("artifact: random bytes and mutated payloads only ever raise ArtifactError",
          "[artifact]") {
  // Mutated payloads carry a correct checksum, so they exercise the parser and the validation;
  // a few of them still describe a valid pipeline and load, which is allowed.
  const auto inputs = artifact_test::damaged_inputs(binary_artifact());
  std::size_t loaded = 0, refused = 0, escaped = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::string message;
    switch (try_load(inputs[i], &message)) {
      case Outcome::loaded: ++loaded; break;
      case Outcome::artifact_error: ++refused; break;
      case Outcome::other_error:
        ++escaped;
        INFO("input " << i << " (" << inputs[i].size() << " bytes): " << message);
        CHECK(false);
        break;
    }
  }
  INFO(loaded << " loaded, " << refused << " refused");
  CHECK(escaped == 0);
  CHECK(refused > loaded);
}

TEST_CASE("artifact: nothing is written that the reader would refuse", "[artifact]") {
  const Pipeline p = artifact_test::fit_binary(data());
  CHECK_THROWS_AS(p.to_bytes({{"owner", "caf\xE9"}}), ParameterError);  // Latin-1, not UTF-8
  CHECK_THROWS_WITH(p.to_bytes({{"owner", "caf\xE9"}}),
                    "cannot write the artifact: metadata: tag \"owner\": expected UTF-8 text, found "
                    "an invalid byte sequence at byte 3");
  CHECK_THROWS_WITH(p.to_bytes({{"\xC0\x80", "overlong NUL"}}),
                    "cannot write the artifact: metadata: tag key: expected UTF-8 text, found an "
                    "invalid byte sequence at byte 0");
  TempDir dir;
  const std::string path = (dir.path / "model.ferry").string();
  CHECK_THROWS_AS(p.save(path, {{"owner", "caf\xE9"}}), ParameterError);
  CHECK(dir.entries() == 0);
  // Valid UTF-8 of every length goes through.
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  CHECK(Pipeline::from_bytes(p.to_bytes({{text, text}})).metadata().tags.at(text) == text);
}
