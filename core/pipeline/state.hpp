#pragma once
// The fitted state behind a ferry::Pipeline: what the artifact stores plus what is derived from
// it on construction (widths for the row kernel). Immutable once built.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ferry/metadata.hpp"
#include "ferry/pipeline.hpp"
#include "ferry/schema.hpp"
#include "ferry/step.hpp"
#include "pipeline/chain.hpp"
#include "pipeline/fused_linear.hpp"

namespace ferry {

struct Pipeline::State {
  // Stored in the artifact.
  std::vector<NamedStep> steps;
  Schema schema;
  OutputSpec output;
  Metadata metadata;

  // Read from the envelope on load; the library's own version for a pipeline fitted here.
  std::uint32_t format_version = 0;

  // Derived by detail::finalize().
  detail::ChainInfo chain;           // the transformers' shape: widths, types, arena needs
  std::vector<std::size_t> widths;  // chain.widths: input width of step i; back(): final width
  bool text_input = false;          // some input column is a string column
  std::size_t n_transformers = 0;   // steps before the model (all steps when there is none)
  bool has_model = false;
  std::size_t n_outputs = 0;        // decision values (model) or final width (transform-only)
  std::size_t n_proba = 0;          // probabilities per row (classifiers)
  std::optional<detail::FusedLinear> fused;  // the one-pass form of transformers and model, if any
};

namespace detail {
/// Computes the derived fields and checks the chain (widths agree, model last, output spec
/// consistent with the model); throws ArtifactError naming the first inconsistency.
void finalize(Pipeline::State& state);
}  // namespace detail

}  // namespace ferry
