#include "pipeline/simd.hpp"

#include <cstdlib>
#include <cstring>

namespace ferry::detail {

bool use_avx2() {
#if defined(__x86_64__) && defined(__GNUC__)
  // FERRY_SIMD=sse2 keeps the baseline kernels: to compare the two, or to rule the wider out.
  static const bool avx2 = [] {
    const char* simd = std::getenv("FERRY_SIMD");
    if (simd && std::strcmp(simd, "sse2") == 0) return false;
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return avx2;
#else
  return false;
#endif
}

}  // namespace ferry::detail
