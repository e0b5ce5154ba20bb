#include "pipeline/kernel.hpp"

#include <algorithm>
#include <vector>

#include "steps/step_ops.hpp"

namespace ferry::detail {

Scratch scratch_for(const Pipeline::State& st) {
  thread_local std::vector<double> buffer;
  const std::size_t width = std::max<std::size_t>(st.max_width, 1);
  const std::size_t need =
      (st.schema.size() + 2 * width + std::max<std::size_t>(st.n_outputs, 1)) * kBlockRows;
  if (buffer.size() < need) buffer.resize(need);
  double* base = buffer.data();
  return {base, base + st.schema.size() * kBlockRows,
          base + (st.schema.size() + 2 * width) * kBlockRows};
}

const double* transform_block(const Pipeline::State& st, const double* in, std::size_t n,
                              std::size_t ld, const Scratch& scratch) {
  const double* cur = in;
  const std::size_t width = std::max<std::size_t>(st.max_width, 1) * kBlockRows;
  double* bufs[2] = {scratch.features, scratch.features + width};
  for (std::size_t i = 0; i < st.n_transformers; ++i) {
    double* out = bufs[i % 2];
    std::visit(
        [&](const auto& s) {
          if constexpr (!is_model_v<std::decay_t<decltype(s)>>)
            detail::transform_block(s, cur, out, n, ld);
        },
        st.steps[i].step);
    cur = out;
  }
  return cur;
}

namespace {

// Model decision values, column by column into the scratch.
const double* model_block(const Pipeline::State& st, const double* in, std::size_t n,
                          std::size_t ld, const Scratch& scratch) {
  const double* x = transform_block(st, in, n, ld, scratch);
  std::visit(
      [&](const auto& s) {
        if constexpr (is_model_v<std::decay_t<decltype(s)>>)
          detail::decision_block(s, x, scratch.decision, n, ld);
      },
      st.steps.back().step);
  return scratch.decision;
}

}  // namespace

void decision_block(const Pipeline::State& st, const double* in, std::size_t n, std::size_t ld,
                    const Scratch& scratch, double* out) {
  const double* d = model_block(st, in, n, ld, scratch);
  const std::size_t K = st.n_outputs;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < K; ++k) out[i * K + k] = d[k * ld + i];
}

void proba_block(const Pipeline::State& st, const double* in, std::size_t n, std::size_t ld,
                 const Scratch& scratch, double* out) {
  const double* d = model_block(st, in, n, ld, scratch);
  detail::proba_block(std::get<LogisticRegression>(st.steps.back().step), d, n, ld, out);
}

std::size_t class_from_decision(const Pipeline::State& st, const double* decision) {
  if (st.n_outputs == 1) return decision[0] > 0.0 ? 1 : 0;
  std::size_t best = 0;
  for (std::size_t k = 1; k < st.n_outputs; ++k)
    if (decision[k] > decision[best]) best = k;
  return best;
}

}  // namespace ferry::detail
