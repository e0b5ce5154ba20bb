#include "pipeline/state.hpp"

#include <algorithm>

#include "ferry/errors.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {

void finalize(Pipeline::State& st) {
  if (st.steps.empty()) throw ArtifactError("pipeline: expected at least one step, found none");
  if (st.schema.size() == 0) throw ArtifactError("pipeline: expected at least one input column, found none");
  st.has_model = false;
  st.n_transformers = 0;
  for (std::size_t i = 0; i < st.steps.size(); ++i) {
    NamedStep& ns = st.steps[i];
    bool model = is_model(ns.step);
    if (model && i + 1 != st.steps.size())
      throw ArtifactError("pipeline: step '" + ns.name + "' (" + step_kind_name(ns.step) +
                          ") is a model, expected only as the last step, found at position " +
                          std::to_string(i) + " of " + std::to_string(st.steps.size()));
    for (std::size_t k = 0; k < i; ++k)
      if (st.steps[k].name == ns.name)
        throw ArtifactError("pipeline: expected unique step names, found '" + ns.name + "' twice");
    std::visit([](auto& s) { prepare(s); }, ns.step);
    if (model) st.has_model = true;
    else ++st.n_transformers;
  }
  std::vector<DType> types;
  for (const ColumnSpec& c : st.schema.columns()) types.push_back(c.type);
  st.text_input = any_text(types);
  st.chain = chain_info(st.steps, st.n_transformers, types, st.schema.names());
  st.widths = st.chain.widths;
  if (st.chain.text.back())
    throw ArtifactError("pipeline: the transformers' output has a string column: a model or the "
                        "transform output needs numbers (encode it, for example with a "
                        "OneHotEncoder)");
  if (st.has_model) {
    const NamedStep& ns = st.steps.back();
    const std::size_t in = std::visit([](const auto& s) { return n_in(s); }, ns.step);
    if (in != st.widths.back())
      throw ArtifactError("pipeline: step '" + ns.name + "' (" + step_kind_name(ns.step) +
                          ") expects " + std::to_string(in) + " features, found " +
                          std::to_string(st.widths.back()) + " from the step before");
    st.n_outputs = std::visit([](const auto& s) { return n_out(s); }, ns.step);
    st.fused = fuse_linear(st.steps, st.n_transformers);
  } else {
    st.n_outputs = st.widths.back();
  }

  // The output description must agree with the model.
  const Step* last = st.has_model ? &st.steps.back().step : nullptr;
  const auto* logistic = last ? std::get_if<LogisticRegression>(last) : nullptr;
  const Task expected = !last ? Task::transform : logistic ? Task::classification : Task::regression;
  if (st.output.task != expected)
    throw ArtifactError(std::string("pipeline: output task expected ") +
                        (expected == Task::transform ? "transform" : expected == Task::classification ? "classification" : "regression") +
                        " for the last step, found task " +
                        std::to_string(static_cast<unsigned>(st.output.task)));
  st.n_proba = 0;
  if (logistic) {
    if (st.output.classes.size() != logistic->n_classes_)
      throw ArtifactError("pipeline: expected " + std::to_string(logistic->n_classes_) +
                          " classes for the model, found " +
                          std::to_string(st.output.classes.size()));
    st.n_proba = logistic->n_classes_;
  } else if (!st.output.classes.empty()) {
    throw ArtifactError("pipeline: expected no classes for a " +
                        std::string(last ? "regressor" : "transform-only pipeline") + ", found " +
                        std::to_string(st.output.classes.size()));
  }
}

}  // namespace ferry::detail
