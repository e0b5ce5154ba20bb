// Vectors of four doubles pass between always-inlined helpers only, never across a call, so
// GCC's note that their ABI depends on -mavx does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "pipeline/fused_linear.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "pipeline/simd.hpp"
#include "steps/linear_terms.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

// Rows a column's operations run on at once, in SIMD registers.
constexpr std::size_t kChunk = 8;

// The most operations per column a pass is compiled for; longer sequences take interpreted_pass.
constexpr std::size_t kMaxCompiled = 2;

// Four doubles: the AVX2 pass's registers.
typedef double DoubleQuad __attribute__((vector_size(32)));

// A vector V at any address of a double: a column starts anywhere.
template <class V>
using Unaligned [[gnu::aligned(alignof(double)), gnu::may_alias]] = V;

// The operations K... applied in order to v.
template <ColumnOpKind... K, class T>
[[gnu::always_inline]] inline T apply_sequence(T v, [[maybe_unused]] const ColumnOp* ops) {
  [[maybe_unused]] std::size_t q = 0;
  ((v = column_op<K>(v, splat<T>(ops[q].a), splat<T>(ops[q].b)), ++q), ...);
  return v;
}

// A column's pass over n rows: kChunk rows at a time as vectors V through chunk(V*), the rest
// one by one through one(double); each result times the coefficient into each output. Each lane
// is one row's IEEE arithmetic, so every V gives the same bits.
template <class V, class Chunk, class One>
[[gnu::always_inline]] inline void run_pass(const double* x, std::size_t n, const double* coef,
                                            std::size_t p, std::size_t outputs, double* out,
                                            Chunk chunk, One one) {
  constexpr std::size_t vectors = kChunk / (sizeof(V) / sizeof(double));
  std::size_t i = 0;
  for (; i + kChunk <= n; i += kChunk) {
    V v[vectors];
    for (std::size_t t = 0; t < vectors; ++t) v[t] = reinterpret_cast<const Unaligned<V>*>(x + i)[t];
    chunk(v);
    for (std::size_t r = 0; r < outputs; ++r) {
      const V c = splat<V>(coef[r * p]);
      auto* o = reinterpret_cast<Unaligned<V>*>(out + r * n + i);
      for (std::size_t t = 0; t < vectors; ++t) o[t] += c * v[t];
    }
  }
  for (; i < n; ++i) {
    const double v = one(x[i]);
    for (std::size_t r = 0; r < outputs; ++r) out[r * n + i] += coef[r * p] * v;
  }
}

// The pass for operations K... known at compile time: no dispatch per row.
template <class V, ColumnOpKind... K>
[[gnu::always_inline]] inline void compiled_body(const ColumnOp* ops, const double* x,
                                                 std::size_t n, const double* coef, std::size_t p,
                                                 std::size_t outputs, double* out) {
  constexpr std::size_t vectors = kChunk / (sizeof(V) / sizeof(double));
  // A local copy: stores to out cannot change it, so the parameters stay in registers.
  ColumnOp local[sizeof...(K) + 1];  // (+ 1: no zero-length arrays)
  std::copy(ops, ops + sizeof...(K), local);
  run_pass<V>(
      x, n, coef, p, outputs, out,
      [&](V* v) __attribute__((always_inline)) {
        for (std::size_t t = 0; t < vectors; ++t) v[t] = apply_sequence<K...>(v[t], local);
      },
      [&](double v) __attribute__((always_inline)) { return apply_sequence<K...>(v, local); });
}

// The pass in SSE2 (the x86-64 baseline; on other targets, what the compiler makes of pairs).
template <ColumnOpKind... K>
void compiled_pass(const ColumnOp* ops, std::size_t, const double* x, std::size_t n,
                   const double* coef, std::size_t p, std::size_t outputs, double* out) {
  compiled_body<DoublePair, K...>(ops, x, n, coef, p, outputs, out);
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same pass in AVX2, for processors that have it (chosen at run time): twice the lanes.
// No FMA: AVX2 alone does not enable it, and -ffp-contract=off would forbid it anyway.
template <ColumnOpKind... K>
[[gnu::target("avx2")]] void compiled_pass_avx2(const ColumnOp* ops, std::size_t, const double* x,
                                                 std::size_t n, const double* coef, std::size_t p,
                                                 std::size_t outputs, double* out) {
  compiled_body<DoubleQuad, K...>(ops, x, n, coef, p, outputs, out);
}
#endif

template <ColumnOpKind... K>
double compiled_row(const ColumnOp* ops, std::size_t, double v) {
  return apply_sequence<K...>(v, ops);
}

double interpreted_row(const ColumnOp* ops, std::size_t k, double v) {
  apply_column_ops(ops, k, &v, &v, std::integral_constant<std::size_t, 1>{});
  return v;
}

// Any sequence of operations, dispatched on each operation's kind once per chunk.
void interpreted_pass(const ColumnOp* ops, std::size_t k, const double* x, std::size_t n,
                      const double* coef, std::size_t p, std::size_t outputs, double* out) {
  constexpr std::size_t pairs = kChunk / 2;
  run_pass<DoublePair>(
      x, n, coef, p, outputs, out,
      [&](DoublePair* v) {
        apply_column_ops(ops, k, v, v, std::integral_constant<std::size_t, pairs>{});
      },
      [&](double v) { return interpreted_row(ops, k, v); });
}

// The compiled pass and row function for ops[0, k) when k <= kMaxCompiled, reading the kinds
// one at a time.
template <ColumnOpKind... K>
std::pair<ColumnPass, ColumnRow> kernels_for(const ColumnOp* ops, std::size_t k) {
  constexpr std::size_t known = sizeof...(K);
  if (k == known) {
#if defined(__x86_64__) && defined(__GNUC__)
    if (use_avx2()) return {&compiled_pass_avx2<K...>, &compiled_row<K...>};
#endif
    return {&compiled_pass<K...>, &compiled_row<K...>};
  }
  if constexpr (known < kMaxCompiled) {
    return with_kind(ops[known].kind, [&](auto kind) {
      return kernels_for<K..., decltype(kind)::value>(ops, k);
    });
  } else {
    return {&interpreted_pass, &interpreted_row};
  }
}

// The model's decision values are its linear predictor (PoissonRegressor's are exp of it).
bool identity_link(const Step& model) {
  return std::visit(
      [](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        return is_model_v<T> && !std::is_same_v<T, PoissonRegressor>;
      },
      model);
}

// Appends a transformer's operations to each column's; false when it is not column-wise.
bool append_ops(const Step& step, std::vector<std::vector<ColumnOp>>& columns) {
  return std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (HasColumnOps<T>::value) {
          if (!columnwise(s) || s.n_features_in_ != columns.size()) return false;
          for (std::size_t j = 0; j < columns.size(); ++j) {
            const ColumnOps ops = column_ops(s, j);
            columns[j].insert(columns[j].end(), ops.op, ops.op + ops.size);
          }
          return true;
        } else {
          return false;
        }
      },
      step);
}

}  // namespace

std::optional<FusedLinear> fuse_linear(const std::vector<NamedStep>& steps,
                                       std::size_t n_transformers) {
  if (n_transformers >= steps.size() || !identity_link(steps.back().step)) return std::nullopt;
  LinearTerms terms = linear_terms(steps.back());
  std::vector<std::vector<ColumnOp>> columns(terms.features);
  for (std::size_t t = 0; t < n_transformers; ++t)
    if (!append_ops(steps[t].step, columns)) return std::nullopt;
  FusedLinear f;
  f.first.push_back(0);
  for (const auto& ops : columns) {
    const auto [pass, row] = kernels_for<>(ops.data(), ops.size());
    f.pass.push_back(pass);
    f.row.push_back(row);
    f.ops.insert(f.ops.end(), ops.begin(), ops.end());
    f.first.push_back(f.ops.size());
  }
  f.outputs = terms.rows;
  f.coef = std::move(terms.coef);
  f.intercept = std::move(terms.intercept);
  return f;
}

void fused_decision(const FusedLinear& f, const double* in, double* out, std::size_t n) {
  const std::size_t p = f.pass.size(), R = f.outputs;
  // linear_block's order for every row: 0, then + coef * x feature after feature, then the
  // intercept.
  if (n == 1 && R == 1) {  // one row, one output: the sum stays in a register, not in out[0]
    double sum = 0.0;
    for (std::size_t j = 0; j < p; ++j)
      sum += f.coef[j] * f.row[j](f.ops.data() + f.first[j], f.first[j + 1] - f.first[j], in[j]);
    out[0] = sum + f.intercept[0];
    return;
  }
  if (n == 1) {  // one row: no block loops to set up
    for (std::size_t r = 0; r < R; ++r) out[r] = 0.0;
    for (std::size_t j = 0; j < p; ++j) {
      const double v = f.row[j](f.ops.data() + f.first[j], f.first[j + 1] - f.first[j], in[j]);
      for (std::size_t r = 0; r < R; ++r) out[r] += f.coef[r * p + j] * v;
    }
    for (std::size_t r = 0; r < R; ++r) out[r] += f.intercept[r];
    return;
  }
  for (std::size_t t = 0; t < R * n; ++t) out[t] = 0.0;
  for (std::size_t j = 0; j < p; ++j)
    f.pass[j](f.ops.data() + f.first[j], f.first[j + 1] - f.first[j], in + j * n, n,
              f.coef.data() + j, p, R, out);
  for (std::size_t r = 0; r < R; ++r) {
    const double b = f.intercept[r];
    for (std::size_t i = 0; i < n; ++i) out[r * n + i] += b;
  }
}

}  // namespace ferry::detail
