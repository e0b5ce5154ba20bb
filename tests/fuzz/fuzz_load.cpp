// libFuzzer target for the artifact loader: any bytes either load as a pipeline that can be used,
// or raise ferry::ArtifactError. Anything else (another exception, a crash, an ASan report, an
// allocation over -rss_limit_mb / -malloc_limit_mb) is a bug.
//
// Mutated bytes almost never keep a valid CRC-32, which would stop the fuzzer at the envelope;
// so each input is tried twice: as it is, and with everything after the 28-byte header (or the
// whole input, when shorter) re-wrapped as a payload under a correct header.
//
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DFERRY_BUILD_FUZZERS=ON
//   cmake --build build-fuzz --target ferry_fuzz_load
//   mkdir -p corpus && build-fuzz/tests/ferry_fuzz_load -max_total_time=120 corpus tests/data
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

namespace {

void try_load(const std::uint8_t* data, std::size_t size) {
  try {
    const ferry::Pipeline p = ferry::Pipeline::from_bytes(data, size);
    // A pipeline that loaded must also run: feed it one all-zero numeric row.
    if (p.input_schema().all_numeric()) {
      std::vector<double> row(p.input_schema().size(), 0.0);
      std::vector<double> out(p.n_outputs());
      try {
        if (p.output().task == ferry::Task::transform) {
          (void)p.transform(artifact_test::probe_row());
        } else {
          p.decision_function(row.data(), row.size(), out.data(), out.size());
        }
      } catch (const ferry::Error&) {
        // Refusing the row (wrong type, missing value not allowed) is fine.
      }
    }
  } catch (const ferry::ArtifactError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try_load(data, size);
  const std::size_t skip = size >= artifact_test::kHeader ? artifact_test::kHeader : 0;
  const artifact_test::Bytes payload(data + skip, data + size);
  const artifact_test::Bytes wrapped = artifact_test::wrap(payload);
  try_load(wrapped.data(), wrapped.size());
  return 0;
}
