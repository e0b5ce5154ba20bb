#include "pipeline/chain_fit.hpp"

#include <cmath>

#include "ferry/errors.hpp"
#include "pipeline/chain.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {
namespace {

std::string describe(const NamedStep& s) {
  return "step '" + s.name + "' (" + step_kind_name(s.step) + ")";
}

// Applies a fitted step to every row, one row at a time through the prediction kernels.
FitData apply(const NamedStep& ns, const FitData& in) {
  FitData out;
  const Eigen::Index n = in.X.rows();
  const std::size_t d = in.types.size();
  out.types = std::visit([&](const auto& s) { return types_out(s, in.types); }, ns.step);
  out.names = std::visit([&](const auto& s) { return names_out(s, in.names); }, ns.step);
  const std::size_t w = out.types.size();
  out.X.resize(n, static_cast<Eigen::Index>(w));
  const bool text_out = any_text(out.types);
  if (text_out) out.text.resize(static_cast<std::size_t>(n) * w);
  // Made strings must outlive every later step's fit (a passthrough may carry them on).
  out.heap = in.heap ? in.heap : std::make_shared<TextHeap>();
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (reads_text_v<T>) {
          std::size_t num = 0, str = 0;
          arena_need(s, num, str);
          std::vector<double> num_buf(num);
          std::vector<std::string_view> str_buf(str);
          for (Eigen::Index r = 0; r < n; ++r) {
            Arena arena(num_buf.data(), num, str_buf.data(), str, out.heap.get());
            const std::size_t row = static_cast<std::size_t>(r);
            Cols c{in.X.row(r).data(), in.text.empty() ? nullptr : in.text.data() + row * d};
            transform_cols(s, c, out.X.row(r).data(), text_out ? out.text.data() + row * w : nullptr,
                           1, arena);
          }
        } else if constexpr (!is_model_v<T>) {
          for (Eigen::Index r = 0; r < n; ++r)
            transform_block(s, in.X.row(r).data(), out.X.row(r).data(), 1, 1);
        }
      },
      ns.step);
  return out;
}

}  // namespace

FitData fit_chain(std::vector<NamedStep>& steps, std::size_t count, FitData data,
                  const Eigen::VectorXd& weight) {
  for (std::size_t i = 0; i < count; ++i) {
    NamedStep& ns = steps[i];
    check_reads(ns, data.types, data.names);
    if (!takes_missing(ns.step)) {  // also inside a branch, where the schema check cannot see
      for (Eigen::Index r = 0; r < data.X.rows(); ++r)
        for (Eigen::Index c = 0; c < data.X.cols(); ++c)
          if (data.types[static_cast<std::size_t>(c)] != DType::string &&
              !std::isfinite(data.X(r, c)))
            throw SchemaError(describe(ns) + ": expected finite features, found " +
                              Value(data.X(r, c)).to_string() + " in feature '" +
                              data.names[static_cast<std::size_t>(c)] + "' at row " +
                              std::to_string(r) + " (it cannot take missing values: impute them first)");
    }
    FitInput in{view(data.X), weight};
    in.names = &data.names;
    in.types = &data.types;
    in.text = data.text.empty() ? nullptr : data.text.data();
    std::visit([&](auto& s) {
      fit(s, in);
      prepare(s);
    }, ns.step);
    const std::size_t out = std::visit([](const auto& s) { return n_out(s); }, ns.step);
    if (out == 0)
      throw SchemaError(describe(ns) + ": expected at least one output feature, found none "
                        "(every column was missing at fit)");
    data = apply(ns, data);
  }
  return data;
}

}  // namespace ferry::detail
