#include "pipeline/fused_linear.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>

#include "steps/linear_terms.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

// Rows a column's operations run on at once, as pairs in SIMD registers.
constexpr std::size_t kChunk = 8;
constexpr std::size_t kPairs = kChunk / 2;

// The most operations per column a pass is compiled for; longer sequences take interpreted_pass.
constexpr std::size_t kMaxCompiled = 2;

// Adds c * v into a chunk of decision values (unaligned: a column starts anywhere).
inline void add_chunk(double* out, DoublePair c, const DoublePair* v) {
  DoublePair acc[kPairs];
  std::memcpy(acc, out, sizeof acc);
  for (std::size_t t = 0; t < kPairs; ++t) acc[t] += c * v[t];
  std::memcpy(out, acc, sizeof acc);
}

// The operations K... applied in order to v.
template <ColumnOpKind... K, class T>
inline T apply_sequence(T v, [[maybe_unused]] const ColumnOp* ops) {
  [[maybe_unused]] std::size_t q = 0;
  ((v = column_op<K>(v, splat<T>(ops[q].a), splat<T>(ops[q].b)), ++q), ...);
  return v;
}

// A column's pass with its sequence of operations known at compile time: no dispatch per row.
template <ColumnOpKind... K>
void compiled_pass(const ColumnOp* ops, std::size_t, const double* x, std::size_t n,
                   const double* coef, std::size_t p, std::size_t outputs, double* out) {
  // A local copy: stores to out cannot change it, so the parameters stay in registers.
  ColumnOp local[sizeof...(K) + 1];  // (+ 1: no zero-length arrays)
  std::copy(ops, ops + sizeof...(K), local);
  std::size_t i = 0;
  for (; i + kChunk <= n; i += kChunk) {
    DoublePair v[kPairs];
    std::memcpy(v, x + i, sizeof v);
    for (std::size_t t = 0; t < kPairs; ++t) v[t] = apply_sequence<K...>(v[t], local);
    for (std::size_t r = 0; r < outputs; ++r)
      add_chunk(out + r * n + i, splat<DoublePair>(coef[r * p]), v);
  }
  for (; i < n; ++i) {
    const double v = apply_sequence<K...>(x[i], local);
    for (std::size_t r = 0; r < outputs; ++r) out[r * n + i] += coef[r * p] * v;
  }
}

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
  std::size_t i = 0;
  for (; i + kChunk <= n; i += kChunk) {
    DoublePair v[kPairs];
    std::memcpy(v, x + i, sizeof v);
    apply_column_ops(ops, k, v, v, std::integral_constant<std::size_t, kPairs>{});
    for (std::size_t r = 0; r < outputs; ++r)
      add_chunk(out + r * n + i, splat<DoublePair>(coef[r * p]), v);
  }
  for (; i < n; ++i) {
    double v = x[i];
    apply_column_ops(ops, k, &v, &v, std::integral_constant<std::size_t, 1>{});
    for (std::size_t r = 0; r < outputs; ++r) out[r * n + i] += coef[r * p] * v;
  }
}

// The compiled pass and row function for ops[0, k) when k <= kMaxCompiled, reading the kinds
// one at a time.
template <ColumnOpKind... K>
std::pair<ColumnPass, ColumnRow> kernels_for(const ColumnOp* ops, std::size_t k) {
  constexpr std::size_t known = sizeof...(K);
  if (k == known) return {&compiled_pass<K...>, &compiled_row<K...>};
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
