#include "steps/sources.hpp"

#include <algorithm>
#include <stdexcept>

#include "steps/step_ops.hpp"

namespace ferry::detail {

Sources identity_sources(std::size_t n) {
  Sources out(n);
  for (std::size_t j = 0; j < n; ++j) out[j] = {j};
  return out;
}

Sources all_sources(std::size_t n_out, std::size_t n_in) {
  std::vector<std::size_t> every(n_in);
  for (std::size_t j = 0; j < n_in; ++j) every[j] = j;
  return Sources(n_out, every);
}

Sources compose(const Sources& step, const Sources& before) {
  Sources out(step.size());
  for (std::size_t j = 0; j < step.size(); ++j) {
    for (std::size_t k : step[j]) out[j].insert(out[j].end(), before.at(k).begin(), before.at(k).end());
    std::sort(out[j].begin(), out[j].end());
    out[j].erase(std::unique(out[j].begin(), out[j].end()), out[j].end());
  }
  return out;
}

Sources step_sources(const Step& step, std::size_t n_in) {
  return std::visit(
      [&](const auto& s) -> Sources {
        if constexpr (is_model_v<std::decay_t<decltype(s)>>)
          throw std::logic_error("ferry: a model has no output sources");
        else
          return sources_out(s, n_in);
      },
      step);
}

}  // namespace ferry::detail
