#include "expr/ast.hpp"

#include <algorithm>

namespace ferry::detail::expr {
namespace {

constexpr std::uint32_t kMany = static_cast<std::uint32_t>(kMaxNodes);

// Indexed by Op.
const OpInfo kOps[kOpCount] = {
    {"number", 0, 0, false},  {"string", 0, 0, false}, {"true", 0, 0, false},
    {"false", 0, 0, false},   {"null", 0, 0, false},   {"column", 0, 0, false},
    {"-", 1, 1, false},       {"+", 2, 2, false},      {"-", 2, 2, false},
    {"*", 2, 2, false},       {"/", 2, 2, false},      {"%", 2, 2, false},
    {"**", 2, 2, false},      {"==", 2, 2, false},     {"!=", 2, 2, false},
    {"<", 2, 2, false},       {"<=", 2, 2, false},     {">", 2, 2, false},
    {">=", 2, 2, false},      {"and", 2, 2, false},    {"or", 2, 2, false},
    {"not", 1, 1, false},     {"in", 2, kMany, false}, {"not in", 2, kMany, false},
    {"if", 3, 3, true},       {"case", 3, kMany, false}, {"isnull", 1, 1, true},
    {"coalesce", 1, kMany, true}, {"abs", 1, 1, true}, {"log", 1, 1, true},
    {"log1p", 1, 1, true},    {"exp", 1, 1, true},     {"sqrt", 1, 1, true},
    {"pow", 2, 2, true},      {"min", 2, kMany, true}, {"max", 2, kMany, true},
    {"clip", 3, 3, true},     {"floor", 1, 1, true},   {"ceil", 1, 1, true},
    {"round", 1, 1, true},    {"sign", 1, 1, true},    {"lower", 1, 1, true},
    {"upper", 1, 1, true},    {"length", 1, 1, true},  {"startswith", 2, 2, true},
    {"endswith", 2, 2, true}, {"contains", 2, 2, true},
};

const char* const kKeywords[] = {"and", "or", "not", "in", "case", "when",
                                 "then", "else", "end", "true", "false", "null"};

}  // namespace

std::string to_string(Pos pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.col); }

const OpInfo& op_info(Op op) { return kOps[static_cast<unsigned>(op)]; }

bool function_op(const std::string& name, Op& op) {
  for (unsigned k = 0; k < kOpCount; ++k)
    if (kOps[k].call && name == kOps[k].name) {
      op = static_cast<Op>(k);
      return true;
    }
  return false;
}

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const OpInfo& info : kOps)
      if (info.call) out.emplace_back(info.name);
    std::sort(out.begin(), out.end());
    return out;
  }();
  return names;
}

bool is_keyword(const std::string& word) {
  return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
}

}  // namespace ferry::detail::expr
