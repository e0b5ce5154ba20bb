#include "pipeline/kernel.hpp"

#include <algorithm>
#include <vector>

#include "steps/step_ops.hpp"

namespace ferry::detail {

Scratch scratch_for(const Pipeline::State& st) {
  // One thread_local for both buffers: inside a shared library (the JNI one) every thread_local
  // access is a call, paid on every single-row prediction.
  struct Buffers {
    std::vector<double> numbers;
    std::vector<std::string_view> texts;
    TextHeap heap;
  };
  thread_local Buffers buffers;
  const std::size_t d = st.schema.size();
  // The decision area is twice n_outputs wide: predict_index keeps one row's values in its tail.
  const std::size_t decision = 2 * std::max<std::size_t>(st.n_outputs, 1);
  const std::size_t need_num = (d + decision + st.chain.num_per_row) * kBlockRows;
  const std::size_t need_str = ((st.text_input ? d : 0) + st.chain.str_per_row) * kBlockRows;
  if (buffers.numbers.size() < need_num) buffers.numbers.resize(need_num);
  if (buffers.texts.size() < need_str) buffers.texts.resize(need_str);
  double* base = buffers.numbers.data();
  std::string_view* text = buffers.texts.data();
  Scratch s;
  s.input = base;
  s.decision = base + d * kBlockRows;
  s.input_str = st.text_input ? text : nullptr;
  s.arena = Arena(base + (d + decision) * kBlockRows, st.chain.num_per_row * kBlockRows,
                  text + (st.text_input ? d * kBlockRows : 0), st.chain.str_per_row * kBlockRows,
                  &buffers.heap);
  s.text = &buffers.heap;
  return s;
}

const double* transform_block(const Pipeline::State& st, Cols in, std::size_t n,
                              const Scratch& scratch) {
  scratch.text->reset();  // the strings of the block before are no longer read
  Arena arena = scratch.arena;
  return run_chain(st.steps, st.n_transformers, st.chain, in, n, arena).num;
}

namespace {

// Model decision values, column by column into the scratch.
const double* model_block(const Pipeline::State& st, Cols in, std::size_t n,
                          const Scratch& scratch) {
  if (st.fused) {
    fused_decision(*st.fused, in.num, scratch.decision, n);
    return scratch.decision;
  }
  const double* x = transform_block(st, in, n, scratch);
  std::visit(
      [&](const auto& s) {
        if constexpr (is_model_v<std::decay_t<decltype(s)>>)
          detail::decision_block(s, x, scratch.decision, n, n);
      },
      st.steps.back().step);
  return scratch.decision;
}

}  // namespace

void decision_block(const Pipeline::State& st, Cols in, std::size_t n, const Scratch& scratch,
                    double* out) {
  const double* d = model_block(st, in, n, scratch);
  const std::size_t K = st.n_outputs;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < K; ++k) out[i * K + k] = d[k * n + i];
}

void proba_block(const Pipeline::State& st, Cols in, std::size_t n, const Scratch& scratch,
                 double* out) {
  const double* d = model_block(st, in, n, scratch);
  detail::proba_block(std::get<LogisticRegression>(st.steps.back().step), d, n, n, out);
}

// A fused single row with at most this many outputs keeps its decision values on the stack and
// never touches the thread's scratch (a thread_local lookup, a call inside the JNI library).
constexpr std::size_t kRowOutputs = 16;

void decision_row(const Pipeline::State& st, const double* row, double* out) {
  if (st.fused) return fused_decision(*st.fused, row, out, 1);
  decision_block(st, Cols{row, nullptr}, 1, scratch_for(st), out);
}

void proba_row(const Pipeline::State& st, const double* row, double* out) {
  if (st.fused && st.n_outputs <= kRowOutputs) {
    double decision[kRowOutputs];
    fused_decision(*st.fused, row, decision, 1);
    return detail::proba_block(std::get<LogisticRegression>(st.steps.back().step), decision, 1, 1, out);
  }
  proba_block(st, Cols{row, nullptr}, 1, scratch_for(st), out);
}

std::size_t class_from_decision(const Pipeline::State& st, const double* decision) {
  if (st.n_outputs == 1) return decision[0] > 0.0 ? 1 : 0;
  std::size_t best = 0;
  for (std::size_t k = 1; k < st.n_outputs; ++k)
    if (decision[k] > decision[best]) best = k;
  return best;
}

}  // namespace ferry::detail
