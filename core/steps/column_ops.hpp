#pragma once
// Column-wise steps (imputer, scalers, binarizer) described as elementwise operations on each
// column. The arithmetic of each operation is written once, here: the steps' own kernels run
// their operations through apply_column_ops, and the fused kernel (pipeline/fused_linear.hpp)
// runs a whole chain of them in one pass, so both give the same bits.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "ferry/step.hpp"

namespace ferry::detail {

/// What an operation does to a value v, with its two parameters a and b.
enum class ColumnOpKind : std::uint8_t {
  impute,   // v is NaN or equals a: b; else v
  sub,      // v - a
  div,      // v / a
  sub_div,  // (v - a) / b, two roundings
  mul_add,  // v * a + b, two roundings
  clip,     // below a: a; above b: b; else v (NaN stays)
  above,    // v > a: 1; else 0 (NaN gives 0)
};

/// One elementwise operation on a numeric column.
struct ColumnOp {
  ColumnOpKind kind = ColumnOpKind::sub;
  double a = 0.0;
  double b = 0.0;
};

/// The operations one step does to one column, in order (at most two: a scaling and a clip).
/// Fixed capacity: the kernels build these per call and never allocate.
struct ColumnOps {
  ColumnOp op[2];
  std::size_t size = 0;
  /// Appends an operation; a kind describing itself with more than two is a bug, refused here.
  void add(ColumnOpKind kind, double a = 0.0, double b = 0.0) {
    if (size == 2) throw std::logic_error("ferry: a step has more than two column operations");
    op[size++] = ColumnOp{kind, a, b};
  }
};

/// Two doubles as one SIMD value (a GCC/Clang vector extension: SSE2 on x86-64). Each lane's
/// arithmetic is the IEEE operation on a double, so a pair gives the bits of two doubles.
typedef double DoublePair __attribute__((vector_size(16)));

/// x as a value of T: itself for double, in every lane for a vector of doubles. (Always inlined,
/// as column_op: a kernel compiled for a wider instruction set takes them in as its own code.)
template <class T> [[gnu::always_inline]] inline T splat(double x) {
  if constexpr (std::is_same_v<T, double>) return x;
  else return x - T{};  // x in every lane: x - 0 is x exactly, -0 and NaN included
}

/// One operation of kind K on v (double, or a vector of doubles for several rows at once); a and
/// b are the operation's parameters as T. The one definition of each operation's arithmetic.
template <ColumnOpKind K, class T>
[[gnu::always_inline]] inline T column_op(T v, T a, T b) {
  if constexpr (K == ColumnOpKind::impute) {
    return ((v != v) | (v == a)) ? b : v;  // branch-free; a NaN marker equals nothing
  } else if constexpr (K == ColumnOpKind::sub) {
    return v - a;
  } else if constexpr (K == ColumnOpKind::div) {
    return v / a;
  } else if constexpr (K == ColumnOpKind::sub_div) {
    return (v - a) / b;
  } else if constexpr (K == ColumnOpKind::mul_add) {
    return v * a + b;
  } else if constexpr (K == ColumnOpKind::clip) {
    return v < a ? a : (v > b ? b : v);
  } else {
    static_assert(K == ColumnOpKind::above);
    return v > a ? splat<T>(1.0) : splat<T>(0.0);
  }
}

/// Calls fn(std::integral_constant<ColumnOpKind, kind>{}): a run-time kind made a compile-time one.
template <class Fn>
inline decltype(auto) with_kind(ColumnOpKind kind, Fn&& fn) {
  using K = ColumnOpKind;
  switch (kind) {
    case K::impute: return fn(std::integral_constant<K, K::impute>{});
    case K::sub: return fn(std::integral_constant<K, K::sub>{});
    case K::div: return fn(std::integral_constant<K, K::div>{});
    case K::sub_div: return fn(std::integral_constant<K, K::sub_div>{});
    case K::mul_add: return fn(std::integral_constant<K, K::mul_add>{});
    case K::clip: return fn(std::integral_constant<K, K::clip>{});
    case K::above: break;
  }
  return fn(std::integral_constant<K, K::above>{});
}

/// Applies op to n values of T from src to dst (src may be dst). Len is std::size_t, or a
/// std::integral_constant for a fixed length.
template <class T, class Len>
inline void apply_column_op(const ColumnOp& op, const T* src, T* dst, Len n) {
  // Locals: dst cannot alias them, so the loops over double vectorize.
  const T a = splat<T>(op.a), b = splat<T>(op.b);
  with_kind(op.kind, [&](auto kind) {
    for (std::size_t i = 0; i < n; ++i) dst[i] = column_op<decltype(kind)::value>(src[i], a, b);
  });
}

/// Applies k operations in order to n values: out[i] = op_k(... op_1(in[i])). in may be out.
template <class T, class Len>
inline void apply_column_ops(const ColumnOp* ops, std::size_t k, const T* in, T* out, Len n) {
  if (k == 0) {
    if (in != out)
      for (std::size_t i = 0; i < n; ++i) out[i] = in[i];
    return;
  }
  apply_column_op(ops[0], in, out, n);
  for (std::size_t q = 1; q < k; ++q) apply_column_op(ops[q], out, out, n);
}

/// (v - center) / scale, either part left out when not asked for: the operations of a column of
/// StandardScaler and RobustScaler (two roundings and a division, as scikit-learn computes it).
inline ColumnOps center_and_scale(bool centers, double center, bool scales, double scale) {
  ColumnOps ops;
  if (centers && scales) ops.add(ColumnOpKind::sub_div, center, scale);
  else if (centers) ops.add(ColumnOpKind::sub, center);
  else if (scales) ops.add(ColumnOpKind::div, scale);
  return ops;
}

// --- per kind, defined in steps/<kind>.cpp: the operations of fitted column j ----------------
ColumnOps column_ops(const StandardScaler& s, std::size_t j);
ColumnOps column_ops(const MinMaxScaler& s, std::size_t j);
ColumnOps column_ops(const MaxAbsScaler& s, std::size_t j);
ColumnOps column_ops(const RobustScaler& s, std::size_t j);
ColumnOps column_ops(const Binarizer& s, std::size_t j);
/// Column j of a SimpleImputer whose columns are all numeric (see columnwise()).
ColumnOps column_ops(const SimpleImputer& s, std::size_t j);

/// True when output column j of the fitted step is input column j through column_ops(s, j) for
/// every j: always for the scalers and the binarizer; for a SimpleImputer with numeric columns
/// only, none dropped and no indicators.
bool columnwise(const StandardScaler&);
bool columnwise(const MinMaxScaler&);
bool columnwise(const MaxAbsScaler&);
bool columnwise(const RobustScaler&);
bool columnwise(const Binarizer&);
bool columnwise(const SimpleImputer& s);

/// True for the kinds that have column_ops.
template <class T, class = void> struct HasColumnOps : std::false_type {};
template <class T>
struct HasColumnOps<T, std::void_t<decltype(column_ops(std::declval<const T&>(), std::size_t{}))>>
    : std::true_type {};

/// Runs a column-wise step over a block (column j at [j * ld, j * ld + n)): each column through
/// its column_ops(s, j).
template <class Step>
void transform_columns(const Step& s, const double* in, double* out, std::size_t n,
                       std::size_t ld) {
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    const ColumnOps ops = column_ops(s, j);
    apply_column_ops(ops.op, ops.size, in + j * ld, out + j * ld, n);
  }
}

}  // namespace ferry::detail
