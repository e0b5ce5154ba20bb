// Pipeline::explain: a linear model's decision values split into parts per input column,
// followed back through the transformers by which input features each feature reads.
#include <cmath>
#include <string>

#include "ferry/errors.hpp"
#include "ferry/pipeline.hpp"
#include "pipeline/state.hpp"
#include "steps/linear_terms.hpp"
#include "steps/sources.hpp"

namespace ferry {

Explanation Pipeline::explain(const Row& row) const {
  const State& st = fitted("explain");
  if (!st.has_model)
    throw ParameterError("explain: expected a pipeline ending in a linear model, found none (its "
                         "last step is a transformer)");
  const detail::LinearTerms terms = detail::linear_terms(st.steps.back());

  // Which input columns each model feature comes from.
  detail::Sources sources = detail::identity_sources(st.schema.size());
  for (std::size_t i = 0; i < st.n_transformers; ++i)
    sources = detail::compose(detail::step_sources(st.steps[i].step, st.widths[i]), sources);

  const std::vector<double> z = transform(row);
  if (z.size() != terms.features || sources.size() != terms.features)
    throw ArtifactError("explain: expected " + std::to_string(terms.features) +
                        " model features, found " + std::to_string(z.size()));
  const std::size_t n_cols = st.schema.size();
  Explanation e;
  e.columns = st.schema.names();
  e.contributions = Array2D(terms.rows, n_cols);
  e.intercept = terms.intercept;
  for (std::size_t r = 0; r < terms.rows; ++r)
    for (std::size_t j = 0; j < terms.features; ++j) {
      const double part = terms.coef[r * terms.features + j] * z[j];
      const std::vector<std::size_t>& from = sources[j];
      if (from.empty()) {
        e.intercept[r] += part;
        continue;
      }
      const double share = part / static_cast<double>(from.size());
      for (std::size_t c : from) e.contributions(r, c) += share;
    }
  e.decision = decision_function(row);
  if (terms.log_link)
    for (double& d : e.decision) d = std::log(d);
  return e;
}

}  // namespace ferry
