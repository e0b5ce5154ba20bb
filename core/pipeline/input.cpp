#include "pipeline/input.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ferry/errors.hpp"
#include "pipeline/simd.hpp"

namespace ferry::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxFinite = std::numeric_limits<double>::max();

std::string where(const ColumnSpec& c) { return "column '" + c.name + "'"; }

[[noreturn]] void not_nullable(const ColumnSpec& c, const char* found) {
  throw SchemaError(where(c) + " does not allow missing values, found " + found);
}

bool integral(double v) { return std::isfinite(v) && std::trunc(v) == v; }

// Infinity is not a missing value, and no step gives it a meaning: every kind would turn it into
// NaN or a saturated probability, so it is refused at the door.
[[noreturn]] void not_finite(const ColumnSpec& c, double v) {
  throw SchemaError(where(c) + ": expected a finite number, found " + Value(v).to_string());
}

}  // namespace

void encode_row(const Schema& schema, const Row& row, double* out, std::string_view* text) {
  for (std::size_t j = 0; j < schema.size(); ++j) {
    const ColumnSpec& c = schema[j];
    const Value* v = row.find(c.name);
    if (!v) throw SchemaError("missing column '" + c.name + "' (expected " + dtype_name(c.type) + ")");
    // NaN is missing in every column, a string column too (pandas writes missing strings as NaN).
    if (v->is_null() || (c.type == DType::string && v->is_double() && std::isnan(v->as_double()))) {
      if (!c.nullable) not_nullable(c, v->is_null() ? "null" : "NaN");
      out[j] = kNaN;
      if (text) text[j] = std::string_view();
      continue;
    }
    bool ok = false;
    switch (c.type) {
      case DType::float64:
        if (v->is_double()) { out[j] = v->as_double(); ok = true; }
        else if (v->is_int()) { out[j] = static_cast<double>(v->as_int()); ok = true; }
        if (ok && std::isnan(out[j]) && !c.nullable) not_nullable(c, "NaN");
        if (ok && std::isinf(out[j])) not_finite(c, out[j]);
        break;
      case DType::int64:
        if (v->is_int()) { out[j] = static_cast<double>(v->as_int()); ok = true; }
        else if (v->is_double() && integral(v->as_double())) { out[j] = v->as_double(); ok = true; }
        break;
      case DType::boolean:
        if (v->is_bool()) { out[j] = v->as_bool() ? 1.0 : 0.0; ok = true; }
        break;
      case DType::string:
        if (v->is_string() && text) {
          out[j] = kNaN;
          text[j] = v->as_string();
          ok = true;
        }
        break;
    }
    if (!ok)
      throw SchemaError(where(c) + ": expected " + dtype_name(c.type) + ", found " +
                        v->type_name() + " " + v->to_string());
  }
}

void check_numeric_row(const Schema& schema, const double* row, std::size_t n) {
  if (n != schema.size())
    throw SchemaError("expected " + std::to_string(schema.size()) +
                      " values in schema order, found " + std::to_string(n));
  if (!row) throw SchemaError("expected a pointer to " + std::to_string(n) + " values, found null");
  // The common case in one branch-free pass: float64 columns, finite or (where nullable) NaN.
  bool plain = true;
  for (std::size_t j = 0; j < n; ++j) {
    const ColumnSpec& c = schema[j];
    const double v = row[j];
    plain &= (c.type == DType::float64) & !std::isinf(v) & (c.nullable | !std::isnan(v));
  }
  if (plain) return;
  for (std::size_t j = 0; j < n; ++j) {
    const ColumnSpec& c = schema[j];
    double v = row[j];
    if (std::isnan(v)) {
      if (!c.nullable) not_nullable(c, "NaN");
      continue;
    }
    if (std::isinf(v)) not_finite(c, v);
    if (c.type == DType::int64 && !integral(v))
      throw SchemaError(where(c) + ": expected an int64 value, found " + Value(v).to_string());
    if (c.type == DType::boolean && v != 0.0 && v != 1.0)
      throw SchemaError(where(c) + ": expected a bool value 0 or 1, found " + Value(v).to_string());
    if (c.type == DType::string)
      throw SchemaError(where(c) + " is a string column: use a Row or a Frame, not numbers");
  }
}

namespace {

bool plain_float(const ColumnSpec& c) { return c.type == DType::float64 && c.nullable; }

// Columns j and j + 1 of n rows (both float64, NaN allowed) into their places in the block,
// two rows at a time: two loads, two unpacks and two stores move four values. Returns false when
// a value is infinite. Only copies: the bits are those of the scalar loop.
bool gather_pair(const double* rows, std::size_t d, std::size_t j, std::size_t n, double* block) {
  double* x0 = block + j * n;
  double* x1 = x0 + n;
  std::size_t i = 0;
  unsigned bad = 0;
#if defined(__SSE2__)
  const __m128d max = _mm_set1_pd(kMaxFinite);
  const __m128d sign = _mm_set1_pd(-0.0);
  __m128d flags = _mm_setzero_pd();
  for (; i + 2 <= n; i += 2) {
    // The first pair's pass also asks for the rows a block further on, so that they arrive
    // from memory while this block is transformed (the caller reads blocks in order).
    // (An address, not a pointer past the array: a prefetch never faults.)
    if (j == 0) {
      const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(rows) + (i + n) * d * sizeof(double);
      for (std::uintptr_t at = from; at < from + 2 * d * sizeof(double); at += 64)  // both rows' lines
        _mm_prefetch(reinterpret_cast<const char*>(at), _MM_HINT_T0);
    }
    const __m128d a = _mm_loadu_pd(rows + i * d + j);        // row i:     x0, x1
    const __m128d b = _mm_loadu_pd(rows + (i + 1) * d + j);  // row i + 1: x0, x1
    _mm_storeu_pd(x0 + i, _mm_unpacklo_pd(a, b));
    _mm_storeu_pd(x1 + i, _mm_unpackhi_pd(a, b));
    flags = _mm_or_pd(flags, _mm_cmpgt_pd(_mm_andnot_pd(sign, a), max));
    flags = _mm_or_pd(flags, _mm_cmpgt_pd(_mm_andnot_pd(sign, b), max));
  }
  bad = static_cast<unsigned>(_mm_movemask_pd(flags));
#endif
  for (; i < n; ++i) {
    const double v0 = rows[i * d + j], v1 = rows[i * d + j + 1];
    x0[i] = v0;
    x1[i] = v1;
    bad |= static_cast<unsigned>(std::fabs(v0) > kMaxFinite) | static_cast<unsigned>(std::fabs(v1) > kMaxFinite);
  }
  return bad == 0;
}

#if defined(__x86_64__) && defined(__GNUC__)
// Columns j to j + 3 of n rows (all float64, NaN allowed) into their places in the block, four
// rows at a time in AVX2: four loads, a 4 x 4 transpose and four stores move sixteen values.
// Returns false when a value is infinite. Only copies, like gather_pair.
[[gnu::target("avx2")]] bool gather_quad_avx2(const double* rows, std::size_t d, std::size_t j,
                                              std::size_t n, double* block) {
  double* x0 = block + j * n;
  double* x1 = x0 + n;
  double* x2 = x1 + n;
  double* x3 = x2 + n;
  const __m256d max = _mm256_set1_pd(kMaxFinite);
  const __m256d sign = _mm256_set1_pd(-0.0);
  __m256d flags = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    if (j == 0) {  // as in gather_pair: the rows a block further on, while this one is worked
      const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(rows) + (i + n) * d * sizeof(double);
      for (std::uintptr_t at = from; at < from + 4 * d * sizeof(double); at += 64)
        _mm_prefetch(reinterpret_cast<const char*>(at), _MM_HINT_T0);
    }
    const __m256d r0 = _mm256_loadu_pd(rows + i * d + j);
    const __m256d r1 = _mm256_loadu_pd(rows + (i + 1) * d + j);
    const __m256d r2 = _mm256_loadu_pd(rows + (i + 2) * d + j);
    const __m256d r3 = _mm256_loadu_pd(rows + (i + 3) * d + j);
    const __m256d t0 = _mm256_unpacklo_pd(r0, r1);  // r0[0] r1[0] r0[2] r1[2]
    const __m256d t1 = _mm256_unpackhi_pd(r0, r1);  // r0[1] r1[1] r0[3] r1[3]
    const __m256d t2 = _mm256_unpacklo_pd(r2, r3);
    const __m256d t3 = _mm256_unpackhi_pd(r2, r3);
    _mm256_storeu_pd(x0 + i, _mm256_permute2f128_pd(t0, t2, 0x20));
    _mm256_storeu_pd(x1 + i, _mm256_permute2f128_pd(t1, t3, 0x20));
    _mm256_storeu_pd(x2 + i, _mm256_permute2f128_pd(t0, t2, 0x31));
    _mm256_storeu_pd(x3 + i, _mm256_permute2f128_pd(t1, t3, 0x31));
    flags = _mm256_or_pd(flags, _mm256_cmp_pd(_mm256_andnot_pd(sign, r0), max, _CMP_GT_OQ));
    flags = _mm256_or_pd(flags, _mm256_cmp_pd(_mm256_andnot_pd(sign, r1), max, _CMP_GT_OQ));
    flags = _mm256_or_pd(flags, _mm256_cmp_pd(_mm256_andnot_pd(sign, r2), max, _CMP_GT_OQ));
    flags = _mm256_or_pd(flags, _mm256_cmp_pd(_mm256_andnot_pd(sign, r3), max, _CMP_GT_OQ));
  }
  unsigned bad = static_cast<unsigned>(_mm256_movemask_pd(flags));
  for (; i < n; ++i) {
    const double* r = rows + i * d + j;
    x0[i] = r[0];
    x1[i] = r[1];
    x2[i] = r[2];
    x3[i] = r[3];
    for (int c = 0; c < 4; ++c) bad |= static_cast<unsigned>(std::fabs(r[c]) > kMaxFinite);
  }
  return bad == 0;
}
#endif

}  // namespace

bool gather_rows(const Schema& schema, const double* rows, std::size_t n, double* block) {
  const std::size_t d = schema.size();
  bool ok = true;
#if defined(__x86_64__) && defined(__GNUC__)
  const bool avx2 = use_avx2();
#endif
  for (std::size_t j = 0; j < d; ++j) {
    const ColumnSpec& c = schema[j];
#if defined(__x86_64__) && defined(__GNUC__)
    if (avx2 && j + 3 < d && plain_float(c) && plain_float(schema[j + 1]) &&
        plain_float(schema[j + 2]) && plain_float(schema[j + 3])) {
      ok &= gather_quad_avx2(rows, d, j, n, block);
      j += 3;
      continue;
    }
#endif
    if (j + 1 < d && plain_float(c) && plain_float(schema[j + 1])) {
      ok &= gather_pair(rows, d, j, n, block);
      ++j;
      continue;
    }
    const double* src = rows + j;
    double* x = block + j * n;
    // The test rides along with the copy while the value is in a register. The flags are OR-ed
    // as integers: an exact, reorderable reduction, so the loop needs no serial FP chain.
    unsigned bad = 0;
    switch (c.type) {
      case DType::float64:
        if (c.nullable) {  // NaN allowed, infinity not
          for (std::size_t i = 0; i < n; ++i) {
            const double v = src[i * d];
            x[i] = v;
            bad |= static_cast<unsigned>(std::fabs(v) > kMaxFinite);
          }
        } else {  // neither NaN nor infinity: only finite values pass <=
          for (std::size_t i = 0; i < n; ++i) {
            const double v = src[i * d];
            x[i] = v;
            bad |= static_cast<unsigned>(!(std::fabs(v) <= kMaxFinite));
          }
        }
        break;
      case DType::int64:
        for (std::size_t i = 0; i < n; ++i) {
          const double v = src[i * d];
          x[i] = v;
          bad |= static_cast<unsigned>(std::isnan(v) ? !c.nullable : !integral(v));
        }
        break;
      case DType::boolean:
        for (std::size_t i = 0; i < n; ++i) {
          const double v = src[i * d];
          x[i] = v;
          bad |= static_cast<unsigned>(std::isnan(v) ? !c.nullable : (v != 0.0 && v != 1.0));
        }
        break;
      case DType::string:
        bad = n > 0;
        break;
    }
    ok &= bad == 0;
  }
  return ok;
}

FrameBinding bind_frame(const Schema& schema, const Frame& frame) {
  FrameBinding b;
  b.columns.reserve(schema.size());
  for (const ColumnSpec& c : schema.columns()) {
    auto idx = frame.schema().index_of(c.name);
    if (!idx) throw SchemaError("missing column '" + c.name + "' (expected " + dtype_name(c.type) + ")");
    const FrameColumn& fc = frame.column(*idx);
    DType t = fc.spec.type;
    bool ok = t == c.type || (c.type == DType::float64 && t == DType::int64);
    if (!ok)
      throw SchemaError(where(c) + ": expected " + dtype_name(c.type) + ", found " + dtype_name(t));
    if (const auto* values = std::get_if<std::vector<double>>(&fc.data)) {
      for (std::size_t i = 0; i < values->size(); ++i) {
        const double v = (*values)[i];
        if (std::isinf(v))
          throw SchemaError(where(c) + ": expected a finite number, found " + Value(v).to_string() +
                            " at row " + std::to_string(i));
        if (std::isnan(v) && !c.nullable)
          throw SchemaError(where(c) + " does not allow missing values, found NaN at row " +
                            std::to_string(i));
      }
    } else if (!c.nullable) {
      for (std::size_t i = 0; i < frame.rows(); ++i)
        if (fc.is_missing(i))
          throw SchemaError(where(c) + " does not allow missing values, found null at row " +
                            std::to_string(i));
    }
    b.columns.push_back(&fc);
  }
  return b;
}

void encode_rows(const FrameBinding& binding, std::size_t begin, std::size_t end, double* out,
                 std::string_view* text) {
  const std::size_t n = end - begin;
  for (std::size_t j = 0; j < binding.columns.size(); ++j) {
    const FrameColumn& fc = *binding.columns[j];
    const bool has_mask = !fc.valid.empty();
    double* o = out + j * n;
    switch (fc.data.index()) {
      case 0: {
        const auto& v = std::get<0>(fc.data);
        std::copy(v.begin() + static_cast<std::ptrdiff_t>(begin),
                  v.begin() + static_cast<std::ptrdiff_t>(end), o);
        break;
      }
      case 1: {
        const auto& v = std::get<1>(fc.data);
        for (std::size_t i = begin; i < end; ++i)
          o[i - begin] = has_mask && !fc.valid[i] ? kNaN : static_cast<double>(v[i]);
        break;
      }
      case 2: {
        const auto& v = std::get<2>(fc.data);
        for (std::size_t i = begin; i < end; ++i)
          o[i - begin] = has_mask && !fc.valid[i] ? kNaN : (v[i] ? 1.0 : 0.0);
        break;
      }
      case 3: {
        const auto& v = std::get<3>(fc.data);
        std::string_view* t = text + j * n;
        for (std::size_t i = begin; i < end; ++i) {
          o[i - begin] = kNaN;
          t[i - begin] = has_mask && !fc.valid[i] ? std::string_view() : std::string_view(v[i]);
        }
        break;
      }
      default: {
        const auto& v = std::get<4>(fc.data);
        std::string_view* t = text + j * n;
        for (std::size_t i = begin; i < end; ++i) {
          const std::int32_t code = v.codes[i];
          o[i - begin] = kNaN;
          t[i - begin] = code < 0 ? std::string_view()
                                  : std::string_view(v.dictionary[static_cast<std::size_t>(code)]);
        }
        break;
      }
    }
  }
}

}  // namespace ferry::detail
