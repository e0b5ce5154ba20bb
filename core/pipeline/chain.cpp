#include "pipeline/chain.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "ferry/errors.hpp"
#include "steps/step_ops.hpp"

namespace ferry::detail {

double* Arena::num(std::size_t k) {
  if (k > num_left_) throw std::logic_error("ferry: kernel arena too small (doubles)");
  double* p = num_;
  num_ += k;
  num_left_ -= k;
  return p;
}

std::string_view* Arena::str(std::size_t k) {
  if (k > str_left_) throw std::logic_error("ferry: kernel arena too small (strings)");
  std::string_view* p = str_;
  str_ += k;
  str_left_ -= k;
  return p;
}

char* Arena::chars(std::size_t k) {
  if (!text_) throw std::logic_error("ferry: kernel arena without a text heap");
  return text_->take(k);
}

char* TextHeap::take(std::size_t k) {
  while (chunk_ < chunks_.size() && sizes_[chunk_] - used_ < k) {
    ++chunk_;  // the rest of a chunk too small for k bytes stays unused until reset()
    used_ = 0;
  }
  if (chunk_ == chunks_.size()) {
    const std::size_t size = std::max<std::size_t>(k, std::size_t{1} << 16);
    chunks_.push_back(std::make_unique<char[]>(size));
    sizes_.push_back(size);
    used_ = 0;
  }
  char* p = chunks_[chunk_].get() + used_;
  used_ += k;
  return p;
}

void TextHeap::reset() {
  chunk_ = 0;
  used_ = 0;
}

bool any_text(const std::vector<DType>& types) {
  for (DType t : types)
    if (t == DType::string) return true;
  return false;
}

bool reads_text(const Step& step) {
  return std::visit([](const auto& s) { return reads_text_v<std::decay_t<decltype(s)>>; }, step);
}

void check_reads(const NamedStep& step, const std::vector<DType>& types,
                 const std::vector<std::string>& names) {
  if (reads_text(step.step)) return;
  for (std::size_t j = 0; j < types.size(); ++j)
    if (types[j] == DType::string)
      throw SchemaError("column '" + (j < names.size() ? names[j] : std::to_string(j)) +
                        "' is a string column, but step '" + step.name + "' (" +
                        step_kind_name(step.step) +
                        ") reads numbers only (float64, int64, bool): encode it first, for "
                        "example with a OneHotEncoder");
}

namespace {

template <class T, class = void> struct RecordsTypes : std::false_type {};
template <class T>
struct RecordsTypes<T, std::void_t<decltype(std::declval<const T&>().feature_types_in_)>>
    : std::true_type {};

// A step that recorded its input types at fit reads a column as text exactly where it recorded
// a string; a loaded file whose record disagrees with the columns arriving would have it read
// text views that are not there.
void check_text_columns(const NamedStep& ns, const std::string& who,
                        const std::vector<DType>& types, const std::vector<std::string>& names) {
  std::visit(
      [&](const auto& s) {
        if constexpr (RecordsTypes<std::decay_t<decltype(s)>>::value) {
          for (std::size_t j = 0; j < types.size() && j < s.feature_types_in_.size(); ++j)
            if ((s.feature_types_in_[j] == DType::string) != (types[j] == DType::string))
              throw SchemaError(who + ": column '" + (j < names.size() ? names[j] : std::to_string(j)) +
                                "' expected " + dtype_name(s.feature_types_in_[j]) +
                                " as recorded at fit, found " + dtype_name(types[j]));
        }
      },
      ns.step);
}

}  // namespace

ChainInfo chain_info(const std::vector<NamedStep>& steps, std::size_t count,
                     const std::vector<DType>& types_in, const std::vector<std::string>& names_in) {
  ChainInfo info;
  info.widths.push_back(types_in.size());
  info.types.push_back(types_in);
  info.text.push_back(any_text(types_in));
  std::vector<std::string> names = names_in;
  for (std::size_t i = 0; i < count; ++i) {
    const NamedStep& ns = steps[i];
    const std::vector<DType>& types = info.types.back();
    const std::string who = "step '" + ns.name + "' (" + step_kind_name(ns.step) + ")";
    const std::size_t in = std::visit([](const auto& s) { return n_in(s); }, ns.step);
    if (in != types.size())
      throw SchemaError(who + " expects " + std::to_string(in) + " features, found " +
                        std::to_string(types.size()) + " from the step before");
    check_reads(ns, types, names);
    check_text_columns(ns, who, types, names);
    std::vector<DType> out = std::visit([&](const auto& s) { return types_out(s, types); }, ns.step);
    std::size_t num = 0, str = 0;
    std::visit([&](const auto& s) { arena_need(s, num, str); }, ns.step);
    info.num_per_row += num + out.size();
    info.str_per_row += str + (any_text(out) ? out.size() : 0);
    names = std::visit([&](const auto& s) { return names_out(s, names); }, ns.step);
    info.widths.push_back(out.size());
    info.text.push_back(any_text(out));
    info.types.push_back(std::move(out));
  }
  return info;
}

std::vector<std::string> chain_names(const std::vector<NamedStep>& steps, std::size_t count,
                                     std::vector<std::string> names) {
  for (std::size_t i = 0; i < count; ++i)
    names = std::visit([&](const auto& s) { return names_out(s, names); }, steps[i].step);
  return names;
}

Cols run_chain(const std::vector<NamedStep>& steps, std::size_t count, const ChainInfo& info,
               Cols in, std::size_t n, Arena& arena) {
  Cols cur = in;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t w = info.widths[i + 1];
    double* out = arena.num(w * n);
    std::string_view* out_str = info.text[i + 1] ? arena.str(w * n) : nullptr;
    std::visit(
        [&](const auto& s) {
          using T = std::decay_t<decltype(s)>;
          if constexpr (reads_text_v<T>)
            transform_cols(s, cur, out, out_str, n, arena);
          else if constexpr (!is_model_v<T>)
            transform_block(s, cur.num, out, n, n);
        },
        steps[i].step);
    cur = Cols{out, out_str};
  }
  return cur;
}

}  // namespace ferry::detail
