#include "steps/category_table.hpp"

#include <charconv>
#include <cstring>
#include <functional>

namespace ferry::detail {
namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer: every input bit reaches the slot
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_number(double v) {
  v += 0.0;  // -0.0 becomes 0.0: equal values hash alike
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return mix(bits);
}

std::uint64_t hash_text(std::string_view v) { return mix(std::hash<std::string_view>{}(v)); }

double as_number(const Value& v) {
  if (v.is_int()) return static_cast<double>(v.as_int());
  if (v.is_bool()) return v.as_bool() ? 1.0 : 0.0;
  return v.as_double();
}

}  // namespace

bool CategoryTable::build(const std::vector<Value>& categories) {
  text_.clear();
  numbers_.clear();
  position_.clear();
  std::size_t count = 0, strings = 0;
  for (const Value& v : categories) {
    count += v.is_null() ? 0 : 1;
    strings += v.is_string() ? 1 : 0;
  }
  if (strings != 0 && strings != count) return false;
  text_mode_ = strings > 0;
  std::size_t size = 4;
  while (size < 2 * count) size *= 2;
  slots_.assign(size, 0);
  mask_ = size - 1;
  for (std::size_t p = 0; p < categories.size(); ++p) {
    const Value& v = categories[p];
    if (v.is_null()) continue;
    const bool is_text = v.is_string();
    if (is_text ? find(std::string_view(v.as_string())) >= 0 : find(as_number(v)) >= 0) return false;
    const std::uint64_t h = is_text ? hash_text(v.as_string()) : hash_number(as_number(v));
    std::size_t s = h & mask_;
    while (slots_[s] != 0) s = (s + 1) & mask_;
    const std::size_t entry = position_.size();
    text_.push_back(is_text ? v.as_string() : std::string());
    numbers_.push_back(is_text ? 0.0 : as_number(v));
    position_.push_back(static_cast<std::int64_t>(p));
    slots_[s] = static_cast<std::uint32_t>(entry + 1);
  }
  return true;
}

std::int64_t CategoryTable::find(std::string_view v) const {
  if (slots_.empty() || !text_mode_) return -1;
  for (std::size_t s = hash_text(v) & mask_; slots_[s] != 0; s = (s + 1) & mask_) {
    const std::size_t e = slots_[s] - 1;
    if (text_[e] == v) return position_[e];
  }
  return -1;
}

std::int64_t CategoryTable::find(double v) const {
  if (slots_.empty() || text_mode_) return -1;
  for (std::size_t s = hash_number(v) & mask_; slots_[s] != 0; s = (s + 1) & mask_) {
    const std::size_t e = slots_[s] - 1;
    if (numbers_[e] == v) return position_[e];
  }
  return -1;
}

std::string python_str(const Value& v, bool numeric_column) {
  if (v.is_null()) return numeric_column ? "nan" : "None";
  if (v.is_string()) return v.as_string();
  if (v.is_bool()) return v.as_bool() ? "True" : "False";
  if (v.is_int()) return std::to_string(v.as_int());
  // Python's repr of a float: the shortest round-trip digits, with ".0" on whole numbers.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double());
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".eni") == std::string::npos) s += ".0";
  return s;
}

}  // namespace ferry::detail
