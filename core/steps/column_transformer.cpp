#include <algorithm>
#include <set>

#include "pipeline/chain.hpp"
#include "pipeline/chain_fit.hpp"
#include "steps/checks.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {

// The fitted layout: each kept branch's chain shape and output offset; derived by prepare().
struct ColumnPlan {
  struct Branch {
    std::size_t index = 0;  // into transformers (a position: copies of the step stay valid)
    ChainInfo chain;
    bool text_in = false;
    std::size_t offset = 0;
  };
  std::vector<Branch> branches;  // branches that are not dropped, in order
  std::size_t remainder_offset = 0;
  std::vector<DType> types_out;
  std::size_t num_per_row = 0, str_per_row = 0;
};

namespace {

constexpr const char* kName = "ColumnTransformer";

std::string branch_label(const ColumnBranch& b) { return std::string(kName) + " branch '" + b.name + "'"; }

// Copies columns idx of a typed block into dst (same layout, k = idx.size() columns).
void gather(Cols in, const std::vector<std::size_t>& idx, const std::vector<DType>& types,
            std::size_t n, double* num, std::string_view* str) {
  for (std::size_t q = 0; q < idx.size(); ++q) {
    const std::size_t c = idx[q];
    std::copy(in.num + c * n, in.num + (c + 1) * n, num + q * n);
    if (str && types[c] == DType::string) std::copy(in.str + c * n, in.str + (c + 1) * n, str + q * n);
  }
}

}  // namespace

void check_params(const ColumnTransformer& s) {
  if (static_cast<unsigned>(s.remainder) > 1)
    throw ParameterError(std::string(kName) + ": remainder expected drop or passthrough, found " +
                         std::to_string(static_cast<unsigned>(s.remainder)));
  std::set<std::string> names;
  for (const ColumnBranch& b : s.transformers) {
    if (b.name.empty() || b.name.find("__") != std::string::npos)
      throw ParameterError(std::string(kName) + ": expected branch names that are non-empty and "
                           "free of '__', found '" + b.name + "'");
    if (!names.insert(b.name).second)
      throw ParameterError(std::string(kName) + ": expected unique branch names, found '" + b.name +
                           "' twice");
    if (b.drop && !b.steps.empty())
      throw ParameterError(branch_label(b) + ": a dropped branch expected no steps, found " +
                           std::to_string(b.steps.size()));
    std::set<std::string> step_names;
    for (const NamedStep& ns : b.steps) {
      if (is_model(ns.step))
        throw ParameterError(branch_label(b) + ": expected transformers only, found the model '" +
                             ns.name + "' (" + step_kind_name(ns.step) + ")");
      if (ns.name.empty() || !step_names.insert(ns.name).second)
        throw ParameterError(branch_label(b) + ": expected unique non-empty step names, found '" +
                             ns.name + "'");
      std::visit([](const auto& st) { check_params(st); }, ns.step);
    }
  }
}

void fit(ColumnTransformer& s, const FitInput& in) {
  const std::size_t d = static_cast<std::size_t>(in.X.cols());
  s.n_features_in_ = d;
  s.feature_names_in_ = *in.names;
  s.feature_types_in_ = *in.types;
  std::vector<bool> used(d, false);
  for (ColumnBranch& b : s.transformers) {
    b.indices_.clear();
    for (const std::string& c : b.columns) {
      auto it = std::find(s.feature_names_in_.begin(), s.feature_names_in_.end(), c);
      if (it == s.feature_names_in_.end()) {
        std::string known;
        for (std::size_t j = 0; j < d && j < 20; ++j) known += (j ? ", " : "") + s.feature_names_in_[j];
        throw SchemaError(branch_label(b) + ": column '" + c +
                          "' is not among the input columns (" + known + (d > 20 ? ", ..." : "") + ")");
      }
      const std::size_t j = static_cast<std::size_t>(it - s.feature_names_in_.begin());
      b.indices_.push_back(j);
      used[j] = true;
    }
  }
  s.remainder_indices_.clear();
  for (std::size_t j = 0; j < d; ++j)
    if (!used[j]) s.remainder_indices_.push_back(j);
  const Eigen::Index n = in.X.rows();
  for (ColumnBranch& b : s.transformers) {
    b.n_features_out_ = b.drop ? 0 : b.indices_.size();
    if (b.drop || b.steps.empty()) continue;
    FitData sub;
    const std::size_t k = b.indices_.size();
    sub.X.resize(n, static_cast<Eigen::Index>(k));
    bool text = false;
    for (std::size_t q = 0; q < k; ++q) {
      const std::size_t j = b.indices_[q];
      sub.X.col(static_cast<Eigen::Index>(q)) = in.X.col(static_cast<Eigen::Index>(j));
      sub.names.push_back(s.feature_names_in_[j]);
      sub.types.push_back(s.feature_types_in_[j]);
      text |= s.feature_types_in_[j] == DType::string;
    }
    if (text) {
      sub.text.resize(static_cast<std::size_t>(n) * k);
      for (Eigen::Index r = 0; r < n; ++r)
        for (std::size_t q = 0; q < k; ++q)
          sub.text[static_cast<std::size_t>(r) * k + q] =
              in.text[static_cast<std::size_t>(r) * d + b.indices_[q]];
    }
    try {
      b.n_features_out_ = fit_chain(b.steps, b.steps.size(), std::move(sub), in.weight).types.size();
    } catch (const SchemaError& e) {
      throw SchemaError(branch_label(b) + ": " + e.what());
    } catch (const ParameterError& e) {
      throw ParameterError(branch_label(b) + ": " + e.what());
    }
  }
  if (!s.verbose_feature_names_out) {
    prepare(s);
    std::vector<std::string> names = names_out(s, s.feature_names_in_);
    std::set<std::string> seen;
    for (const std::string& name : names)
      if (!seen.insert(name).second)
        throw SchemaError(std::string(kName) + ": output name '" + name +
                          "' is not unique; set verbose_feature_names_out=True to prefix names "
                          "with their branch");
  }
}

void prepare(ColumnTransformer& s) {
  auto plan = std::make_shared<ColumnPlan>();
  std::size_t offset = 0;
  for (std::size_t i = 0; i < s.transformers.size(); ++i) {
    ColumnBranch& b = s.transformers[i];
    if (b.drop) continue;
    for (NamedStep& ns : b.steps) std::visit([](auto& st) { prepare(st); }, ns.step);
    ColumnPlan::Branch pb;
    pb.index = i;
    std::vector<DType> types;
    std::vector<std::string> names;
    for (std::size_t j : b.indices_) {
      types.push_back(s.feature_types_in_[j]);
      names.push_back(s.feature_names_in_[j]);
    }
    pb.text_in = any_text(types);
    pb.chain = chain_info(b.steps, b.steps.size(), types, names);
    if (pb.chain.widths.back() != b.n_features_out_)
      throw ArtifactError(branch_label(b) + ": n_features_out_ expected " +
                          std::to_string(pb.chain.widths.back()) + " (its steps' output), found " +
                          std::to_string(b.n_features_out_));
    pb.offset = offset;
    offset += pb.chain.widths.back();
    const auto& out = pb.chain.types.back();
    plan->types_out.insert(plan->types_out.end(), out.begin(), out.end());
    plan->num_per_row += b.indices_.size() + pb.chain.num_per_row;
    plan->str_per_row += (pb.text_in ? b.indices_.size() : 0) + pb.chain.str_per_row;
    plan->branches.push_back(std::move(pb));
  }
  plan->remainder_offset = offset;
  if (s.remainder == Remainder::passthrough)
    for (std::size_t j : s.remainder_indices_) plan->types_out.push_back(s.feature_types_in_[j]);
  s.plan_ = std::move(plan);
}

std::size_t n_out(const ColumnTransformer& s) { return s.plan_ ? s.plan_->types_out.size() : 0; }

std::vector<DType> types_out(const ColumnTransformer& s, const std::vector<DType>&) {
  return s.plan_ ? s.plan_->types_out : std::vector<DType>{};
}

void arena_need(const ColumnTransformer& s, std::size_t& num, std::size_t& str) {
  num = s.plan_ ? s.plan_->num_per_row : 0;
  str = s.plan_ ? s.plan_->str_per_row : 0;
}

void transform_cols(const ColumnTransformer& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena) {
  const ColumnPlan& plan = *s.plan_;
  auto put = [&](Cols src, std::size_t width, const std::vector<DType>& types, std::size_t offset) {
    std::copy(src.num, src.num + width * n, out + offset * n);
    if (out_str && src.str)
      for (std::size_t q = 0; q < width; ++q)
        if (types[q] == DType::string)
          std::copy(src.str + q * n, src.str + (q + 1) * n, out_str + (offset + q) * n);
  };
  for (const ColumnPlan::Branch& b : plan.branches) {
    const ColumnBranch& spec = s.transformers[b.index];
    const auto& idx = spec.indices_;
    double* num = arena.num(idx.size() * n);
    std::string_view* str = b.text_in ? arena.str(idx.size() * n) : nullptr;
    gather(in, idx, s.feature_types_in_, n, num, str);
    const Cols result =
        run_chain(spec.steps, spec.steps.size(), b.chain, Cols{num, str}, n, arena);
    put(result, b.chain.widths.back(), b.chain.types.back(), b.offset);
  }
  if (s.remainder == Remainder::passthrough) {
    std::size_t q = plan.remainder_offset;
    for (std::size_t j : s.remainder_indices_) {
      std::copy(in.num + j * n, in.num + (j + 1) * n, out + q * n);
      if (out_str && s.feature_types_in_[j] == DType::string)
        std::copy(in.str + j * n, in.str + (j + 1) * n, out_str + q * n);
      ++q;
    }
  }
}

void validate(const ColumnTransformer& s) {
  expect_enum(kName, "remainder", static_cast<unsigned>(s.remainder), 2);
  expect_fitted_width(kName, s.n_features_in_);
  const std::size_t d = s.n_features_in_;
  expect_size(kName, "feature_names_in_", d, s.feature_names_in_.size());
  expect_size(kName, "feature_types_in_", d, s.feature_types_in_.size());
  for (DType t : s.feature_types_in_)
    if (static_cast<unsigned>(t) > static_cast<unsigned>(DType::boolean))
      throw ArtifactError(std::string(kName) + ": feature_types_in_ has an unknown type id " +
                          std::to_string(static_cast<unsigned>(t)));
  std::vector<bool> used(d, false);
  std::set<std::string> names;
  for (const ColumnBranch& b : s.transformers) {
    if (!names.insert(b.name).second || b.name.empty())
      throw ArtifactError(std::string(kName) + ": expected unique non-empty branch names, found '" +
                          b.name + "'");
    expect_size(kName, "indices_ of a branch", b.columns.size(), b.indices_.size());
    for (std::size_t q = 0; q < b.indices_.size(); ++q) {
      const std::size_t j = b.indices_[q];
      if (j >= d || s.feature_names_in_[j] != b.columns[q])
        throw ArtifactError(branch_label(b) + ": column '" + b.columns[q] +
                            "' expected at its input position, found position " + std::to_string(j));
      used[j] = true;
    }
    if (b.drop && !b.steps.empty())
      throw ArtifactError(branch_label(b) + ": a dropped branch expected no steps");
    std::set<std::string> step_names;
    for (const NamedStep& ns : b.steps) {
      if (is_model(ns.step) || !step_names.insert(ns.name).second)
        throw ArtifactError(branch_label(b) + ": expected transformers with unique names, found '" +
                            ns.name + "' (" + step_kind_name(ns.step) + ")");
      try {
        std::visit([](const auto& st) { validate(st); }, ns.step);
      } catch (const std::exception& e) {
        throw ArtifactError(branch_label(b) + " step '" + ns.name + "': " + e.what());
      }
    }
  }
  std::vector<std::size_t> remainder;
  for (std::size_t j = 0; j < d; ++j)
    if (!used[j]) remainder.push_back(j);
  if (remainder != s.remainder_indices_)
    throw ArtifactError(std::string(kName) +
                        ": remainder_indices_ expected the columns no branch names");
}

std::vector<std::string> names_out(const ColumnTransformer& s, const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const ColumnBranch& b : s.transformers) {
    if (b.drop) continue;
    std::vector<std::string> sub;
    for (std::size_t j : b.indices_) sub.push_back(j < in.size() ? in[j] : std::to_string(j));
    for (std::string& name : chain_names(b.steps, b.steps.size(), std::move(sub)))
      out.push_back(s.verbose_feature_names_out ? b.name + "__" + name : name);
  }
  if (s.remainder == Remainder::passthrough)
    for (std::size_t j : s.remainder_indices_)
      out.push_back(s.verbose_feature_names_out ? "remainder__" + in[j] : in[j]);
  return out;
}

std::vector<bool> missing_out(const ColumnTransformer& s, const std::vector<bool>& in) {
  std::vector<bool> out;
  for (const ColumnBranch& b : s.transformers) {
    if (b.drop) continue;
    std::vector<bool> flags;
    for (std::size_t j : b.indices_) flags.push_back(j < in.size() && in[j]);
    for (const NamedStep& ns : b.steps)
      flags = std::visit([&](const auto& st) { return missing_out(st, flags); }, ns.step);
    out.insert(out.end(), flags.begin(), flags.end());
  }
  if (s.remainder == Remainder::passthrough)
    for (std::size_t j : s.remainder_indices_) out.push_back(j < in.size() && in[j]);
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const ColumnTransformer& s, std::size_t) {
  std::vector<std::vector<std::size_t>> out;
  for (const ColumnBranch& b : s.transformers) {
    if (b.drop) continue;
    Sources branch(b.indices_.size());  // in the CT's input positions
    for (std::size_t q = 0; q < b.indices_.size(); ++q) branch[q] = {b.indices_[q]};
    for (const NamedStep& ns : b.steps) branch = compose(step_sources(ns.step, branch.size()), branch);
    out.insert(out.end(), branch.begin(), branch.end());
  }
  if (s.remainder == Remainder::passthrough)
    for (std::size_t j : s.remainder_indices_) out.push_back({j});
  return out;
}

}  // namespace ferry::detail
