#include <algorithm>
#include <cstdint>
#include <limits>

#include "steps/checks.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "PolynomialFeatures";
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// Ceilings on the expansion, lower degrees included (they are built on the way), so neither a
// fit nor a loaded file can ask for unbounded memory: a million columns is far past any use.
constexpr std::size_t kMaxTerms = std::size_t{1} << 20;
constexpr std::size_t kMaxFactors = std::size_t{1} << 24;

// C(a, b), or kNone once it passes kMaxTerms. With b <= a / 2 the partial products C(a, i) grow
// with i (at least doubling), so the first one past the ceiling settles it, i stays below 21,
// and r * (a - i) cannot overflow once (a - i) / (i + 1) is known to be within the ceiling.
std::size_t choose(std::size_t a, std::size_t b) {
  if (b > a) return 0;
  if (b > a - b) b = a - b;
  std::size_t r = 1;
  for (std::size_t i = 0; i < b; ++i) {
    if ((a - i) / (i + 1) > kMaxTerms) return kNone;  // C(a, i + 1) >= (a - i) / (i + 1)
    r = r * (a - i) / (i + 1);
    if (r > kMaxTerms) return kNone;
  }
  return r;
}

struct Counts {
  std::size_t full = 0;     // terms of degree 1..degree (what the expansion builds)
  std::size_t factors = 0;  // their factors
  std::size_t out = 0;      // output columns
  bool too_many = false;
};

Counts count_terms(const PolynomialFeatures& s, std::size_t n) {
  Counts c;
  const std::size_t lowest = s.min_degree > 1 ? s.min_degree : 1;
  for (std::size_t d = 1; d <= s.degree; ++d) {
    const std::size_t k = s.interaction_only ? choose(n, d) : choose(n + d - 1, d);
    if (k == 0) break;  // interaction_only past n columns: no term of this degree or above
    if (k == kNone || k > kMaxTerms - c.full || k > (kMaxFactors - c.factors) / d) {
      c.too_many = true;
      return c;
    }
    c.full += k;
    c.factors += k * d;
    if (d >= lowest) c.out += k;
  }
  if (s.include_bias) ++c.out;
  return c;
}

std::string degree_text(const PolynomialFeatures& s) {
  return s.degree_range ? "(" + std::to_string(s.min_degree) + ", " + std::to_string(s.degree) + ")"
                        : std::to_string(s.degree);
}

std::string too_many_text(const PolynomialFeatures& s, std::size_t n) {
  return std::string(kName) + ": degree " + degree_text(s) + " over " + std::to_string(n) +
         " features expected at most " + std::to_string(kMaxTerms) + " terms and " +
         std::to_string(kMaxFactors) + " factors (lower degrees included), found more: lower "
         "the degree, set interaction_only=True or select fewer features";
}

}  // namespace

void check_params(const PolynomialFeatures& s) {
  if (!s.degree_range && s.min_degree != 0)
    throw ParameterError(std::string(kName) + ": an int degree expected min_degree 0, found " +
                         std::to_string(s.min_degree));
  if (s.min_degree > s.degree)
    throw ParameterError(std::string(kName) + ": degree=(min_degree, max_degree) must be "
                         "non-negative integers that fulfil min_degree <= max_degree, got " +
                         degree_text(s));
  if (s.degree == 0 && !s.include_bias)
    throw ParameterError(std::string(kName) + ": degree " + degree_text(s) +
                         " with include_bias=False would give an empty output: expected a "
                         "degree above 0 or include_bias=True");
}

void fit(PolynomialFeatures& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.cols());
  const Counts c = count_terms(s, n);
  if (c.too_many) throw SchemaError(too_many_text(s, n));
  s.n_features_in_ = n;
  s.n_output_features_ = c.out;
}

std::size_t n_out(const PolynomialFeatures& s) { return s.n_output_features_; }

// The terms in scikit-learn's order, built as its dense transform builds them: the terms of
// degree d that start with column f are f times each term of degree d - 1 whose first column is
// f or later (after f, with interaction_only); `index` marks where those runs start.
void prepare(PolynomialFeatures& s) {
  s.factors_.clear();
  s.term_start_.assign(1, 0);
  s.cofactor_.clear();
  const std::size_t n = s.n_features_in_;
  if (n == 0) return;  // not fitted
  std::vector<std::uint32_t> factors;     // every term of degree 1..degree
  std::vector<std::size_t> start{0};      // term t's factors: [start[t], start[t + 1])
  std::vector<std::size_t> parent;        // the term of one degree less, or kNone
  std::vector<std::size_t> degree_of;
  if (s.degree >= 1) {
    for (std::size_t f = 0; f < n; ++f) {
      factors.push_back(static_cast<std::uint32_t>(f));
      start.push_back(factors.size());
      parent.push_back(kNone);
      degree_of.push_back(1);
    }
    std::vector<std::size_t> index(n + 1);
    for (std::size_t f = 0; f <= n; ++f) index[f] = f;
    for (std::size_t d = 2; d <= s.degree; ++d) {
      const std::size_t end = index.back(), before = parent.size();
      std::vector<std::size_t> next;
      for (std::size_t f = 0; f < n && f + 1 < index.size(); ++f) {
        std::size_t from = index[f];
        next.push_back(parent.size());
        if (s.interaction_only) from += index[f + 1] - index[f];
        if (end <= from) break;
        for (std::size_t t = from; t < end; ++t) {
          factors.push_back(static_cast<std::uint32_t>(f));
          for (std::size_t m = start[t]; m < start[t + 1]; ++m) factors.push_back(factors[m]);
          start.push_back(factors.size());
          parent.push_back(t);
          degree_of.push_back(d);
        }
      }
      next.push_back(parent.size());
      index = std::move(next);
      if (parent.size() == before) break;  // nothing of this degree: nothing above it either
    }
  }
  // The output keeps the bias and the last terms, those of degree max(1, min_degree) and up.
  const std::size_t lowest = s.min_degree > 1 ? s.min_degree : 1;
  std::size_t skip = 0;
  while (skip < degree_of.size() && degree_of[skip] < lowest) ++skip;
  const std::size_t bias = s.include_bias ? 1 : 0;
  if (bias) {
    s.term_start_.push_back(0);
    s.cofactor_.push_back(kNone);
  }
  for (std::size_t t = skip; t < parent.size(); ++t) {
    s.factors_.insert(s.factors_.end(), factors.begin() + static_cast<std::ptrdiff_t>(start[t]),
                      factors.begin() + static_cast<std::ptrdiff_t>(start[t + 1]));
    s.term_start_.push_back(s.factors_.size());
    s.cofactor_.push_back(parent[t] != kNone && parent[t] >= skip ? bias + parent[t] - skip
                                                                  : kNone);
  }
}

void transform_block(const PolynomialFeatures& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  const std::size_t terms = s.cofactor_.size();
  for (std::size_t k = 0; k < terms; ++k) {
    double* o = out + k * ld;
    const std::size_t b = s.term_start_[k], e = s.term_start_[k + 1];
    if (b == e) {
      for (std::size_t i = 0; i < n; ++i) o[i] = 1.0;
    } else if (e - b == 1) {
      const double* x = in + s.factors_[b] * ld;
      for (std::size_t i = 0; i < n; ++i) o[i] = x[i];
    } else if (s.cofactor_[k] != kNone) {
      // The earlier column times this term's first factor: scikit-learn's product, same bits.
      const double* c = out + s.cofactor_[k] * ld;
      const double* x = in + s.factors_[b] * ld;
      for (std::size_t i = 0; i < n; ++i) o[i] = c[i] * x[i];
    } else {
      // Not an output column (below min_degree): the same products, from the last factor back.
      for (std::size_t i = 0; i < n; ++i) {
        double v = in[s.factors_[e - 1] * ld + i];
        for (std::size_t m = e - 1; m-- > b;) v = v * in[s.factors_[m] * ld + i];
        o[i] = v;
      }
    }
  }
}

void validate(const PolynomialFeatures& s) {
  try {
    check_params(s);
  } catch (const ParameterError& e) {
    throw ArtifactError(e.what());
  }
  expect_fitted_width(kName, s.n_features_in_);
  const Counts c = count_terms(s, s.n_features_in_);
  if (c.too_many) throw ArtifactError(too_many_text(s, s.n_features_in_));
  if (c.out != s.n_output_features_)
    throw ArtifactError(std::string(kName) + ": n_output_features_ expected " +
                        std::to_string(c.out) + " (from the degree and " +
                        std::to_string(s.n_features_in_) + " features), found " +
                        std::to_string(s.n_output_features_));
}

// scikit-learn's get_feature_names_out: "1" for the bias, else the factors as "x0 x1^2".
std::vector<std::string> names_out(const PolynomialFeatures& s,
                                   const std::vector<std::string>& in) {
  std::vector<std::string> out;
  out.reserve(s.cofactor_.size());
  for (std::size_t k = 0; k < s.cofactor_.size(); ++k) {
    const std::size_t b = s.term_start_[k], e = s.term_start_[k + 1];
    if (b == e) {
      out.emplace_back("1");
      continue;
    }
    std::string name;
    for (std::size_t m = b; m < e;) {
      std::size_t r = m;
      while (r < e && s.factors_[r] == s.factors_[m]) ++r;
      if (!name.empty()) name += ' ';
      name += in.at(s.factors_[m]);
      if (r - m > 1) name += "^" + std::to_string(r - m);
      m = r;
    }
    out.push_back(std::move(name));
  }
  return out;
}

std::vector<bool> missing_out(const PolynomialFeatures& s, const std::vector<bool>& in) {
  std::vector<bool> out(s.cofactor_.size(), false);
  for (std::size_t k = 0; k < out.size(); ++k)
    for (std::size_t m = s.term_start_[k]; m < s.term_start_[k + 1]; ++m)
      if (s.factors_[m] < in.size() && in[s.factors_[m]]) out[k] = true;
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const PolynomialFeatures& s, std::size_t) {
  std::vector<std::vector<std::size_t>> out(s.cofactor_.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    for (std::size_t m = s.term_start_[k]; m < s.term_start_[k + 1]; ++m) out[k].push_back(s.factors_[m]);
    std::sort(out[k].begin(), out[k].end());
    out[k].erase(std::unique(out[k].begin(), out[k].end()), out[k].end());
  }
  return out;  // the bias term reads nothing
}

}  // namespace ferry::detail
