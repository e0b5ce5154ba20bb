#include "pipeline/kernel.hpp"

#include <vector>

#include "steps/step_ops.hpp"

namespace ferry::detail {

double* scratch_for(const Pipeline::State& st) {
  // Two ping-pong buffers for the transformers plus room for decision values.
  thread_local std::vector<double> buffer;
  const std::size_t need = 3 * st.max_width + 2;
  if (buffer.size() < need) buffer.resize(need);
  return buffer.data();
}

const double* transform_row(const Pipeline::State& st, const double* in, double* scratch) {
  const double* cur = in;
  double* bufs[2] = {scratch, scratch + st.max_width};
  for (std::size_t i = 0; i < st.n_transformers; ++i) {
    double* out = bufs[i % 2];
    std::visit(
        [&](const auto& s) {
          using T = std::decay_t<decltype(s)>;
          if constexpr (!is_model_v<T>) detail::transform_row(s, cur, out);
        },
        st.steps[i].step);
    cur = out;
  }
  return cur;
}

void decision_row(const Pipeline::State& st, const double* in, double* scratch, double* out) {
  const double* x = transform_row(st, in, scratch);
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (is_model_v<T>) detail::decision_row(s, x, out);
      },
      st.steps.back().step);
}

void proba_row(const Pipeline::State& st, const double* in, double* scratch, double* out) {
  double* decision = scratch + 2 * st.max_width;
  decision_row(st, in, scratch, decision);
  proba_from_decision(std::get<LogisticRegression>(st.steps.back().step), decision, out);
}

std::size_t class_from_decision(const Pipeline::State& st, const double* decision) {
  if (st.n_outputs == 1) return decision[0] > 0.0 ? 1 : 0;
  std::size_t best = 0;
  for (std::size_t k = 1; k < st.n_outputs; ++k)
    if (decision[k] > decision[best]) best = k;
  return best;
}

}  // namespace ferry::detail
