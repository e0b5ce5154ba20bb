#include <algorithm>
#include <limits>
#include <set>

#include "data/utf8.hpp"
#include "expr/check.hpp"
#include "expr/error.hpp"
#include "expr/eval.hpp"
#include "expr/nulls.hpp"
#include "expr/parser.hpp"
#include "expr/print.hpp"
#include "expr/program.hpp"
#include "steps/checks.hpp"
#include "steps/step_ops.hpp"

namespace ferry {
namespace detail {
namespace {

constexpr const char* kName = "Expressions";

// "Expressions: expression 'older' ("agee >= 30")", the start of every message about one.
std::string label(const NamedExpression& e) {
  std::string out = std::string(kName) + ": expression '" + e.name + "'";
  if (e.source.size() <= 80 && e.source.find('\n') == std::string::npos)
    out += " (\"" + e.source + "\")";
  return out;
}

// Parses and checks one expression (against the columns when given); ExprError becomes E.
template <class E>
ExprTree parse_checked(const NamedExpression& e, const expr::Columns* columns) {
  try {
    ExprTree tree;
    static_cast<expr::Tree&>(tree) = expr::parse(e.source);
    expr::check_types(tree, columns);
    return tree;
  } catch (const expr::ExprError& err) {
    throw E(label(e) + ": " + err.what());
  }
}

void expect_tree(const NamedExpression& e) {
  if (!e.tree_) throw NotFittedError(label(e) + " is not fitted: call fit first");
}

}  // namespace

void check_params(const Expressions& s) {
  if (s.expressions.empty())
    throw ParameterError(std::string(kName) + ": expected at least one expression, found none");
  std::set<std::string> names;
  for (const NamedExpression& e : s.expressions) {
    parse_checked<ParameterError>(e, nullptr);  // everything that needs no schema
    if (e.name.empty())
      throw ParameterError(std::string(kName) + ": expected a non-empty name for the expression \"" +
                           e.source + "\", found \"\"");
    if (!names.insert(e.name).second)
      throw ParameterError(std::string(kName) + ": expected unique names, found '" + e.name +
                           "' twice");
  }
}

void fit(Expressions& s, const FitInput& in) {
  s.n_features_in_ = static_cast<std::size_t>(in.X.cols());
  s.feature_names_in_ = *in.names;
  s.feature_types_in_ = *in.types;
  const expr::Columns columns{s.feature_names_in_, s.feature_types_in_};
  for (NamedExpression& e : s.expressions)
    e.tree_ = std::make_shared<ExprTree>(parse_checked<SchemaError>(e, &columns));
}

void prepare(Expressions& s) {
  auto ps = std::make_shared<ExprPrograms>();
  for (const NamedExpression& e : s.expressions) {
    if (!e.tree_) {  // not fitted
      s.programs_.reset();
      return;
    }
    ps->programs.push_back(expr::compile(*e.tree_));
    ps->registers = std::max(ps->registers, ps->programs.back().registers);
    ps->text = ps->text || ps->programs.back().text;
  }
  s.programs_ = std::move(ps);
}

std::size_t n_out(const Expressions& s) { return s.expressions.size(); }

std::vector<DType> types_out(const Expressions& s, const std::vector<DType>&) {
  std::vector<DType> out;
  for (const NamedExpression& e : s.expressions)
    out.push_back(e.tree_ ? expr::dtype_of(e.tree_->nodes.back().type) : DType::float64);
  return out;
}

void arena_need(const Expressions& s, std::size_t& num, std::size_t& str) {
  num = s.programs_ ? s.programs_->registers : 0;
  str = s.programs_ && s.programs_->text ? s.programs_->registers : 0;
}

void transform_cols(const Expressions& s, Cols in, double* out, std::string_view* out_str,
                    std::size_t n, Arena& arena) {
  const ExprPrograms& ps = *s.programs_;
  double* num = arena.num(ps.registers * n);
  std::string_view* str = ps.text ? arena.str(ps.registers * n) : nullptr;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t q = 0; q < ps.programs.size(); ++q) {
    const expr::Program& p = ps.programs[q];
    expr::run(p, in, n, num, str, arena);
    double* o = out + q * n;
    if (p.type == expr::Type::string) {
      std::copy(str, str + n, out_str + q * n);
      std::fill(o, o + n, kNaN);  // text columns hold NaN among the numbers
    } else {
      // One NaN for null, whatever NaN the arithmetic made: the same bits in every language.
      for (std::size_t i = 0; i < n; ++i) o[i] = num[i] == num[i] ? num[i] : kNaN;
    }
  }
}

void validate(const Expressions& s) {
  expect_fitted_width(kName, s.n_features_in_);
  expect_size(kName, "feature_names_in_", s.n_features_in_, s.feature_names_in_.size());
  expect_size(kName, "feature_types_in_", s.n_features_in_, s.feature_types_in_.size());
  for (DType t : s.feature_types_in_)
    if (static_cast<unsigned>(t) > static_cast<unsigned>(DType::boolean))
      throw ArtifactError(std::string(kName) + ": feature_types_in_ has an unknown type id " +
                          std::to_string(static_cast<unsigned>(t)));
  if (s.expressions.empty())
    throw ArtifactError(std::string(kName) + ": expected at least one expression, found none");
  std::set<std::string> names;
  const expr::Columns columns{s.feature_names_in_, s.feature_types_in_};
  for (const NamedExpression& e : s.expressions) {
    if (e.name.empty() || !names.insert(e.name).second ||
        utf8_error_at(e.name) != std::string::npos)
      throw ArtifactError(std::string(kName) + ": expected unique non-empty UTF-8 names, found '" +
                          e.name + "'");
    if (e.source.size() > expr::kMaxSourceBytes || utf8_error_at(e.source) != std::string::npos)
      throw ArtifactError(label(e) + ": expected UTF-8 source text of at most " +
                          std::to_string(expr::kMaxSourceBytes) + " bytes, found " +
                          std::to_string(e.source.size()) + " bytes");
    if (!e.tree_) throw ArtifactError(label(e) + ": expected its checked tree, found none");
    const expr::Tree& stored = *e.tree_;
    expr::Tree checked = stored;
    try {
      expr::check_shape(stored);
      expr::check_types(checked, &columns);
    } catch (const expr::ExprError& err) {
      throw ArtifactError(label(e) + ": stored tree: " + err.what());
    }
    for (std::size_t k = 0; k < stored.nodes.size(); ++k) {
      const expr::Node& a = stored.nodes[k];
      const expr::Node& b = checked.nodes[k];
      if (a.type != b.type || (a.op == expr::Op::column && a.column != b.column))
        throw ArtifactError(label(e) + ": stored tree: node " + std::to_string(k) +
                            " expected type " + expr::type_name(b.type) + " (column " +
                            std::to_string(b.column) + "), found " + expr::type_name(a.type) +
                            " (column " + std::to_string(a.column) + ")");
    }
  }
}

std::vector<std::string> names_out(const Expressions& s, const std::vector<std::string>&) {
  std::vector<std::string> out;
  for (const NamedExpression& e : s.expressions) out.push_back(e.name);
  return out;
}

std::vector<bool> missing_out(const Expressions& s, const std::vector<bool>& in) {
  // Before fit the columns are not resolved: nothing is known to flow (as for an unfitted
  // ColumnTransformer); fit asks again with the fitted trees.
  std::vector<bool> out;
  for (const NamedExpression& e : s.expressions)
    out.push_back(e.tree_ && expr::may_be_null(*e.tree_, in));
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const Expressions& s, std::size_t) {
  std::vector<std::vector<std::size_t>> out;
  for (const NamedExpression& e : s.expressions) {
    std::vector<std::size_t> read;
    if (e.tree_)
      for (const expr::Node& node : e.tree_->nodes)
        if (node.op == expr::Op::column) read.push_back(node.column);
    std::sort(read.begin(), read.end());
    read.erase(std::unique(read.begin(), read.end()), read.end());
    out.push_back(std::move(read));
  }
  return out;
}

}  // namespace detail

DType expression_type(const NamedExpression& expression) {
  detail::expect_tree(expression);
  return detail::expr::dtype_of(expression.tree_->nodes.back().type);
}

std::string expression_tree(const NamedExpression& expression) {
  detail::expect_tree(expression);
  return detail::expr::to_sexpr(*expression.tree_);
}

}  // namespace ferry
