#pragma once
// Which vector instructions the kernels use. The baseline is SSE2 (x86-64's own); a processor
// with AVX2 runs the kernels that have an AVX2 form in it. Both give the same bits: the wider
// kernels only copy, or do per lane the IEEE operations of one row, in the same order.

namespace ferry::detail {

/// True when this processor has AVX2 and FERRY_SIMD is not "sse2"; read once per process.
bool use_avx2();

}  // namespace ferry::detail
