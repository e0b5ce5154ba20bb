#include "expr/eval.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ferry::detail::expr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool null_str(std::string_view s) { return s.data() == nullptr; }

// x % y with the sign of y, as Python's float %: CPython's float_rem, with IEEE results where
// Python raises (y == 0 gives NaN).
double mod(double x, double y) {
  double m = std::fmod(x, y);
  if (m != 0.0) {
    if ((y < 0.0) != (m < 0.0)) m += y;
  } else {
    m = std::copysign(0.0, y);
  }
  return m;
}

// pow with null in, null out (C's pow(NaN, 0) and pow(1, NaN) are 1).
double power(double x, double y) { return std::isnan(x) || std::isnan(y) ? kNaN : std::pow(x, y); }

// Ties to even, whatever the floating-point rounding mode: round(2.5) = 2, round(-0.5) = -0.0.
double round_even(double x) {
  double r = std::round(x);  // ties away from zero
  if (std::fabs(x - std::trunc(x)) == 0.5) r = 2.0 * std::round(x / 2.0);
  return r;
}

double sign(double x) { return std::isnan(x) ? kNaN : x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : 0.0; }

// SQL's three-valued logic over 1 (true), 0 (false) and NaN (null).
double and3(double a, double b) {
  if (a == 0.0 || b == 0.0) return 0.0;
  return std::isnan(a) || std::isnan(b) ? kNaN : 1.0;
}
double or3(double a, double b) {
  if (a == 1.0 || b == 1.0) return 1.0;
  return std::isnan(a) || std::isnan(b) ? kNaN : 0.0;
}

double truth(bool b) { return b ? 1.0 : 0.0; }

// A comparison of numbers: null when either side is.
template <class Cmp>
void compare_num(double* a, const double* b, std::size_t n, Cmp cmp) {
  for (std::size_t i = 0; i < n; ++i)
    a[i] = std::isnan(a[i]) || std::isnan(b[i]) ? kNaN : truth(cmp(a[i], b[i]));
}

// A comparison of strings, bytewise (Unicode code point order for UTF-8): null when either is.
template <class Cmp>
void compare_str(double* out, const std::string_view* a, const std::string_view* b, std::size_t n,
                 Cmp cmp) {
  for (std::size_t i = 0; i < n; ++i)
    out[i] = null_str(a[i]) || null_str(b[i]) ? kNaN : truth(cmp(a[i].compare(b[i])));
}

// A test on two strings (startswith, ...): null when either is.
template <class Test>
void test_str(double* out, const std::string_view* a, const std::string_view* b, std::size_t n,
              Test test) {
  for (std::size_t i = 0; i < n; ++i)
    out[i] = null_str(a[i]) || null_str(b[i]) ? kNaN : truth(test(a[i], b[i]));
}

template <class F>
void map(double* a, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; ++i) a[i] = f(a[i]);
}

template <class F>
void map2(double* a, const double* b, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; ++i) a[i] = f(a[i], b[i]);
}

// lower() and upper(): ASCII letters only; a string with nothing to change is not copied.
void change_case(std::string_view* s, std::size_t n, bool upper, Arena& arena) {
  const char from = upper ? 'a' : 'A';
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view v = s[i];
    auto hit = [&](char c) { return c >= from && c <= from + 25; };
    if (null_str(v) || std::none_of(v.begin(), v.end(), hit)) continue;
    char* out = arena.chars(v.size());
    for (std::size_t k = 0; k < v.size(); ++k)
      out[k] = hit(v[k]) ? static_cast<char>(v[k] + ('a' - 'A') * (upper ? -1 : 1)) : v[k];
    s[i] = std::string_view(out, v.size());
  }
}

// Characters (UTF-8 code points): the bytes that do not continue a character.
double length(std::string_view s) {
  std::size_t count = 0;
  for (char c : s) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return static_cast<double>(count);
}

bool member(const MemberSet& set, double x) {
  return std::binary_search(set.numbers.begin(), set.numbers.end(), x);
}
bool member(const MemberSet& set, std::string_view x) {
  return std::binary_search(set.texts.begin(), set.texts.end(), x,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

}  // namespace

void run(const Program& p, Cols in, std::size_t n, double* num, std::string_view* str,
         Arena& arena) {
  for (const Instr& ins : p.code) {
    double* a = num + ins.base * n;
    const double* b = a + n;
    std::string_view* s = str ? str + ins.base * n : nullptr;
    auto R = [&](std::size_t k) { return num + (ins.base + k) * n; };
    auto S = [&](std::size_t k) { return str + (ins.base + k) * n; };
    switch (ins.code) {
      case Code::load_num:
        std::copy(in.num + ins.imm * n, in.num + (ins.imm + 1) * n, a);
        break;
      case Code::load_str:
        std::copy(in.str + ins.imm * n, in.str + (ins.imm + 1) * n, s);
        break;
      case Code::const_num: std::fill(a, a + n, p.numbers[ins.imm]); break;
      case Code::const_str: std::fill(s, s + n, std::string_view(p.texts[ins.imm])); break;
      case Code::null_str: std::fill(s, s + n, std::string_view()); break;
      case Code::neg: map(a, n, [](double x) { return -x; }); break;
      case Code::add: map2(a, b, n, [](double x, double y) { return x + y; }); break;
      case Code::sub: map2(a, b, n, [](double x, double y) { return x - y; }); break;
      case Code::mul: map2(a, b, n, [](double x, double y) { return x * y; }); break;
      case Code::div: map2(a, b, n, [](double x, double y) { return x / y; }); break;
      case Code::mod: map2(a, b, n, mod); break;
      case Code::power: map2(a, b, n, power); break;
      case Code::eq_num: compare_num(a, b, n, [](double x, double y) { return x == y; }); break;
      case Code::ne_num: compare_num(a, b, n, [](double x, double y) { return x != y; }); break;
      case Code::lt_num: compare_num(a, b, n, [](double x, double y) { return x < y; }); break;
      case Code::le_num: compare_num(a, b, n, [](double x, double y) { return x <= y; }); break;
      case Code::gt_num: compare_num(a, b, n, [](double x, double y) { return x > y; }); break;
      case Code::ge_num: compare_num(a, b, n, [](double x, double y) { return x >= y; }); break;
      case Code::eq_str: compare_str(a, s, S(1), n, [](int c) { return c == 0; }); break;
      case Code::ne_str: compare_str(a, s, S(1), n, [](int c) { return c != 0; }); break;
      case Code::lt_str: compare_str(a, s, S(1), n, [](int c) { return c < 0; }); break;
      case Code::le_str: compare_str(a, s, S(1), n, [](int c) { return c <= 0; }); break;
      case Code::gt_str: compare_str(a, s, S(1), n, [](int c) { return c > 0; }); break;
      case Code::ge_str: compare_str(a, s, S(1), n, [](int c) { return c >= 0; }); break;
      case Code::and_: map2(a, b, n, and3); break;
      case Code::or_: map2(a, b, n, or3); break;
      case Code::not_:
        map(a, n, [](double x) { return std::isnan(x) ? kNaN : 1.0 - x; });
        break;
      case Code::in_num: {
        const MemberSet& set = p.sets[ins.imm];
        map(a, n, [&](double x) {
          return std::isnan(x) ? kNaN : member(set, x) ? 1.0 : set.has_null ? kNaN : 0.0;
        });
        break;
      }
      case Code::in_str: {
        const MemberSet& set = p.sets[ins.imm];
        for (std::size_t i = 0; i < n; ++i)
          a[i] = null_str(s[i]) ? kNaN : member(set, s[i]) ? 1.0 : set.has_null ? kNaN : 0.0;
        break;
      }
      case Code::if_num: {  // a null condition takes the else branch, as SQL's CASE
        const double* x = R(1);
        const double* y = R(2);
        for (std::size_t i = 0; i < n; ++i) a[i] = a[i] == 1.0 ? x[i] : y[i];
        break;
      }
      case Code::if_str: {
        const std::string_view* x = S(1);
        const std::string_view* y = S(2);
        for (std::size_t i = 0; i < n; ++i) s[i] = a[i] == 1.0 ? x[i] : y[i];
        break;
      }
      case Code::case_num:
      case Code::case_str:
        for (std::size_t i = 0; i < n; ++i) {
          std::size_t pick = ins.arity - 1;  // else
          for (std::size_t c = 0; c + 1 < ins.arity; c += 2)
            if (R(c)[i] == 1.0) {
              pick = c + 1;
              break;
            }
          if (ins.code == Code::case_num) a[i] = R(pick)[i];
          else s[i] = S(pick)[i];
        }
        break;
      case Code::isnull_num: map(a, n, [](double x) { return truth(std::isnan(x)); }); break;
      case Code::isnull_str:
        for (std::size_t i = 0; i < n; ++i) a[i] = truth(null_str(s[i]));
        break;
      case Code::coalesce_num:
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t c = 1; std::isnan(a[i]) && c < ins.arity; ++c) a[i] = R(c)[i];
        break;
      case Code::coalesce_str:
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t c = 1; null_str(s[i]) && c < ins.arity; ++c) s[i] = S(c)[i];
        break;
      case Code::abs: map(a, n, [](double x) { return std::fabs(x); }); break;
      case Code::log: map(a, n, [](double x) { return std::log(x); }); break;
      case Code::log1p: map(a, n, [](double x) { return std::log1p(x); }); break;
      case Code::exp: map(a, n, [](double x) { return std::exp(x); }); break;
      case Code::sqrt: map(a, n, [](double x) { return std::sqrt(x); }); break;
      case Code::floor: map(a, n, [](double x) { return std::floor(x); }); break;
      case Code::ceil: map(a, n, [](double x) { return std::ceil(x); }); break;
      case Code::round: map(a, n, round_even); break;
      case Code::sign: map(a, n, sign); break;
      case Code::min:
      case Code::max: {  // null if any is; else the first smallest (largest), as Python's
        const bool lo = ins.code == Code::min;
        for (std::size_t i = 0; i < n; ++i) {
          double m = a[i];
          for (std::size_t c = 1; c < ins.arity; ++c) {
            const double v = R(c)[i];
            if (std::isnan(v) || std::isnan(m)) m = kNaN;
            else if (lo ? v < m : v > m) m = v;
          }
          a[i] = m;
        }
        break;
      }
      case Code::clip: {  // numpy's order: raise to lo, then lower to hi
        const double* lo = R(1);
        const double* hi = R(2);
        for (std::size_t i = 0; i < n; ++i) {
          if (std::isnan(a[i]) || std::isnan(lo[i]) || std::isnan(hi[i])) {
            a[i] = kNaN;
            continue;
          }
          const double t = a[i] < lo[i] ? lo[i] : a[i];
          a[i] = t > hi[i] ? hi[i] : t;
        }
        break;
      }
      case Code::lower: change_case(s, n, false, arena); break;
      case Code::upper: change_case(s, n, true, arena); break;
      case Code::length:
        for (std::size_t i = 0; i < n; ++i) a[i] = null_str(s[i]) ? kNaN : length(s[i]);
        break;
      case Code::startswith:
        test_str(a, s, S(1), n, [](std::string_view x, std::string_view y) {
          return x.substr(0, y.size()) == y;
        });
        break;
      case Code::endswith:
        test_str(a, s, S(1), n, [](std::string_view x, std::string_view y) {
          return x.size() >= y.size() && x.substr(x.size() - y.size()) == y;
        });
        break;
      case Code::contains:
        test_str(a, s, S(1), n, [](std::string_view x, std::string_view y) {
          return x.find(y) != std::string_view::npos;
        });
        break;
    }
  }
}

}  // namespace ferry::detail::expr
