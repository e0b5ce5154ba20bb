// DESIGN.md principle 5: a loader never allocates more than the bytes in front of it can
// describe. This executable replaces the global operator new to record the largest single
// allocation made while damaged artifacts are loaded: a size tag believed before it is checked
// shows up here as a huge request, even when it would happen to fit in memory.
//
// Under AddressSanitizer the replacement is compiled out (ASan owns the allocator); ctest runs
// this executable with ASAN_OPTIONS=max_allocation_size_mb=64:allocator_may_return_null=0
// instead, so an oversized request aborts the test.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>

#include "core/test_artifact_support.hpp"
#include "ferry/ferry.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define FERRY_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FERRY_TEST_UNDER_ASAN 1
#endif
#endif

#if !defined(FERRY_TEST_UNDER_ASAN)
namespace {

std::atomic<bool> g_tracking{false};
std::atomic<std::size_t> g_largest{0};

void note(std::size_t size) {
  if (!g_tracking.load(std::memory_order_relaxed)) return;
  std::size_t seen = g_largest.load(std::memory_order_relaxed);
  while (size > seen && !g_largest.compare_exchange_weak(seen, size, std::memory_order_relaxed)) {
  }
}

void* allocate(std::size_t size) {
  note(size);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void* allocate(std::size_t size, std::align_val_t alignment) {
  note(size);
  void* p = nullptr;
  const auto a = static_cast<std::size_t>(alignment);
  if (::posix_memalign(&p, a < sizeof(void*) ? sizeof(void*) : a, size == 0 ? 1 : size) == 0) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, std::align_val_t a) { return allocate(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return allocate(size, a); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return allocate(size, a);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return allocate(size, a);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
#endif

namespace {

using artifact_test::Bytes;

// Far above anything a few-kilobyte input can honestly describe, far below what a believed size
// tag asks for.
constexpr std::size_t kLimit = std::size_t{4} << 20;  // 4 MiB

struct Result {
  std::size_t largest = 0;        // largest single allocation over all inputs
  std::size_t largest_input = 0;  // index of the input that made it
  std::size_t refused = 0;
  std::size_t loaded = 0;
  std::size_t escaped = 0;        // exceptions other than ArtifactError
};

Result load_all(const std::vector<Bytes>& inputs) {
  Result r;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
#if !defined(FERRY_TEST_UNDER_ASAN)
    g_largest.store(0);
    g_tracking.store(true);
#endif
    try {
      ferry::Pipeline p = ferry::Pipeline::from_bytes(inputs[i]);
      ++r.loaded;
    } catch (const ferry::ArtifactError&) {
      ++r.refused;
    } catch (...) {
      ++r.escaped;
    }
#if !defined(FERRY_TEST_UNDER_ASAN)
    g_tracking.store(false);
    if (g_largest.load() > r.largest) {
      r.largest = g_largest.load();
      r.largest_input = i;
    }
#endif
  }
  return r;
}

}  // namespace

TEST_CASE("artifact allocation: damaged artifacts never cause a large allocation",
          "[artifact][alloc]") {
  const artifact_test::Data d = artifact_test::make_data();
  for (const ferry::Pipeline& fitted :
       {artifact_test::fit_binary(d), artifact_test::fit_multinomial(d), artifact_test::fit_ridge(d),
        artifact_test::fit_lasso(d), artifact_test::fit_elastic_net(d), artifact_test::fit_poisson(d),
        artifact_test::fit_expressions(d)}) {
    const Bytes good = fitted.to_bytes({{"owner", "alloc-test"}});
    const std::vector<Bytes> inputs = artifact_test::damaged_inputs(good, 2000, 4000);
    const Result r = load_all(inputs);
    INFO(inputs.size() << " inputs from a " << good.size() << "-byte artifact: " << r.refused
                       << " refused, " << r.loaded << " loaded; largest allocation " << r.largest
                       << " bytes, by input " << r.largest_input << " ("
                       << inputs[r.largest_input].size() << " bytes)");
    CHECK(r.escaped == 0);
    CHECK(r.refused > 0);
    CHECK(r.largest <= kLimit);
  }
}

TEST_CASE("artifact allocation: forged size tags are refused before allocating", "[artifact][alloc]") {
  const artifact_test::Data d = artifact_test::make_data();
  const Bytes good = artifact_test::fit_binary(d).to_bytes();
  // A 2^40 (or 10^6) size tag in each length-prefixed field the forgeries reach, one at a time.
  for (const auto& forgery : artifact_test::forgeries(good)) {
    INFO(forgery.what);
    const Result r = load_all({forgery.artifact});
    CHECK(r.refused == 1);
    CHECK(r.largest <= kLimit);
  }
  // Every 8-byte window of the payload that reads as a small count (the size tags among them)
  // overwritten with 2^40: none may be believed. (A window straddling two fields may instead
  // land in a number and still load; that is fine.)
  const Bytes payload = artifact_test::payload_of(good);
  std::vector<Bytes> inputs;
  for (std::size_t at = 1; at + 8 <= payload.size(); ++at) {
    const std::uint64_t value = artifact_test::get_le(payload, at, 8);
    if (value == 0 || value > 64) continue;
    Bytes p = payload;
    artifact_test::set_le(p, at, std::uint64_t{1} << 40, 8);
    inputs.push_back(artifact_test::wrap(p));
  }
  REQUIRE(inputs.size() > 10);
  const Result r = load_all(inputs);
  INFO(inputs.size() << " forged size tags; largest allocation " << r.largest);
  CHECK(r.escaped == 0);
  CHECK(r.refused > 0);
  CHECK(r.largest <= kLimit);
}
