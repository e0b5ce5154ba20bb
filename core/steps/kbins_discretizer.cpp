#include <algorithm>
#include <cmath>
#include <limits>

#include "steps/checks.hpp"
#include "steps/kbins_edges.hpp"
#include "steps/step_ops.hpp"
#include "steps/sources.hpp"

namespace ferry::detail {
namespace {

constexpr const char* kName = "KBinsDiscretizer";
constexpr double kInf = std::numeric_limits<double>::infinity();

std::size_t requested_bins(const KBinsDiscretizer& s, std::size_t j) {
  return s.n_bins_per_feature.empty() ? s.n_bins : s.n_bins_per_feature[j];
}

// Edges for one column with at least two distinct values, before narrow bins are dropped.
std::vector<double> raw_edges(const KBinsDiscretizer& s, std::vector<double> column,
                              std::size_t bins, double lo, double hi, std::size_t j) {
  switch (s.strategy) {
    case KBinsStrategy::uniform: return numpy_linspace(lo, hi, bins + 1);
    case KBinsStrategy::quantile: {
      std::sort(column.begin(), column.end());
      std::vector<double> edges = numpy_linspace(0.0, 100.0, bins + 1);
      for (double& e : edges) e = numpy_percentile(column, e, s.quantile_method);
      return edges;
    }
    case KBinsStrategy::kmeans: {
      if (column.size() < bins)
        throw SchemaError(std::string(kName) + ": feature " + std::to_string(j) +
                          ": n_samples=" + std::to_string(column.size()) +
                          " should be >= n_clusters=" + std::to_string(bins) +
                          " (strategy='kmeans' clusters each column into n_bins)");
      const std::vector<double> centers = kmeans_centers(column, bins, lo, hi);
      std::vector<double> edges{lo};
      for (std::size_t c = 0; c + 1 < bins; ++c) edges.push_back((centers[c + 1] + centers[c]) * 0.5);
      edges.push_back(hi);
      return edges;
    }
  }
  return {};
}

}  // namespace

void check_params(const KBinsDiscretizer& s) {
  if (s.n_bins_per_feature.empty() && s.n_bins < 2)
    throw ParameterError(std::string(kName) + ": n_bins expected an integer >= 2, found " +
                         std::to_string(s.n_bins));
  for (std::size_t j = 0; j < s.n_bins_per_feature.size(); ++j)
    if (s.n_bins_per_feature[j] < 2)
      throw ParameterError(std::string(kName) + ": n_bins expected at least 2 bins for every "
                           "feature, found " + std::to_string(s.n_bins_per_feature[j]) +
                           " at index " + std::to_string(j));
}

void fit(KBinsDiscretizer& s, const FitInput& in) {
  const auto n = static_cast<std::size_t>(in.X.rows());
  const auto p = static_cast<std::size_t>(in.X.cols());
  if (!s.n_bins_per_feature.empty() && s.n_bins_per_feature.size() != p)
    throw SchemaError(std::string(kName) + ": n_bins must be a scalar or array of shape "
                      "(n_features,): found " + std::to_string(s.n_bins_per_feature.size()) +
                      " values for " + std::to_string(p) + " features");
  if (s.subsample != 0 && n > s.subsample)
    throw SchemaError(std::string(kName) + ": " + std::to_string(n) + " rows exceed subsample=" +
                      std::to_string(s.subsample) + "; scikit-learn would bin a random subsample "
                      "of them, ferry bins every row: set subsample=None (or at least " +
                      std::to_string(n) + ")");
  for (Eigen::Index i = 0; i < in.weight.size(); ++i)
    if (in.weight[i] != 1.0)
      throw SchemaError(std::string(kName) + ": sample weights are not supported, found weight " +
                        num(in.weight[i]) + " at row " + std::to_string(i) +
                        ": fit without sample_weight");
  s.bin_edges_.assign(p, {});
  s.n_bins_.assign(p, 0);
  for (std::size_t j = 0; j < p; ++j) {
    std::vector<double> column(n);
    for (std::size_t i = 0; i < n; ++i)
      column[i] = in.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    const auto [lo_it, hi_it] = std::minmax_element(column.begin(), column.end());
    const double lo = *lo_it, hi = *hi_it;
    if (lo == hi) {  // scikit-learn: one bin, and every value maps to 0
      s.bin_edges_[j] = {-kInf, kInf};
      s.n_bins_[j] = 1;
      continue;
    }
    std::vector<double> edges = raw_edges(s, std::move(column), requested_bins(s, j), lo, hi, j);
    if (s.strategy != KBinsStrategy::uniform) {
      // Bins 1e-8 wide or less go: each edge is kept if it passes the one before it (kept or
      // not) by more than that, as scikit-learn's ediff1d mask.
      std::vector<double> kept{edges[0]};
      for (std::size_t e = 1; e < edges.size(); ++e)
        if (edges[e] - edges[e - 1] > 1e-8) kept.push_back(edges[e]);
      edges = std::move(kept);
    }
    s.n_bins_[j] = edges.size() - 1;
    s.bin_edges_[j] = std::move(edges);
  }
  s.n_features_in_ = p;
}

std::size_t n_out(const KBinsDiscretizer& s) {
  if (s.encode == KBinsEncode::ordinal) return s.n_features_in_;
  std::size_t total = 0;
  for (std::size_t b : s.n_bins_) total += b;
  return total;
}

// A value's bin is how many inner edges are <= it (numpy's searchsorted side='right' on
// bin_edges_[j][1:-1]).
void transform_block(const KBinsDiscretizer& s, const double* in, double* out, std::size_t n,
                     std::size_t ld) {
  std::size_t col = 0;
  for (std::size_t j = 0; j < s.n_features_in_; ++j) {
    const double* x = in + j * ld;
    const std::vector<double>& edges = s.bin_edges_[j];
    const double* first = edges.data() + 1;
    const double* last = edges.data() + edges.size() - 1;
    const std::size_t bins = s.n_bins_[j];
    if (s.encode == KBinsEncode::ordinal) {
      double* o = out + j * ld;
      for (std::size_t i = 0; i < n; ++i)
        o[i] = static_cast<double>(std::upper_bound(first, last, x[i]) - first);
    } else {
      for (std::size_t b = 0; b < bins; ++b)
        for (std::size_t i = 0; i < n; ++i) out[(col + b) * ld + i] = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        const auto b = static_cast<std::size_t>(std::upper_bound(first, last, x[i]) - first);
        out[(col + b) * ld + i] = 1.0;
      }
      col += bins;
    }
  }
}

void validate(const KBinsDiscretizer& s) {
  try {
    check_params(s);
  } catch (const ParameterError& e) {
    throw ArtifactError(e.what());
  }
  const std::size_t p = s.n_features_in_;
  expect_fitted_width(kName, p);
  if (!s.n_bins_per_feature.empty()) expect_size(kName, "n_bins", p, s.n_bins_per_feature.size());
  expect_size(kName, "n_bins_", p, s.n_bins_.size());
  expect_size(kName, "bin_edges_", p, s.bin_edges_.size());
  for (std::size_t j = 0; j < p; ++j) {
    const std::string at = std::string(kName) + ": feature " + std::to_string(j) + ": ";
    const std::vector<double>& e = s.bin_edges_[j];
    const std::size_t bins = s.n_bins_[j];
    if (bins < 1 || bins > requested_bins(s, j))
      throw ArtifactError(at + "n_bins_ expected 1 to " + std::to_string(requested_bins(s, j)) +
                          ", found " + std::to_string(bins));
    if (e.size() != bins + 1)
      throw ArtifactError(at + "bin_edges_ expected " + std::to_string(bins + 1) +
                          " edges (n_bins_ + 1), found " + std::to_string(e.size()));
    if (bins == 1 && e[0] == -kInf && e[1] == kInf) continue;  // a constant column
    for (std::size_t k = 0; k < e.size(); ++k) {
      if (!std::isfinite(e[k]))
        throw ArtifactError(at + "bin_edges_[" + std::to_string(k) + "] expected a finite value, "
                            "found " + num(e[k]));
      if (k > 0 && !(e[k - 1] <= e[k]))
        throw ArtifactError(at + "bin_edges_ expected ascending, found " + num(e[k]) + " after " +
                            num(e[k - 1]));
    }
  }
}

// scikit-learn's: the input names (ordinal), or "<name>_<bin>.0" per bin (one-hot: its inner
// OneHotEncoder's categories are the bin indices as floats).
std::vector<std::string> names_out(const KBinsDiscretizer& s, const std::vector<std::string>& in) {
  if (s.encode == KBinsEncode::ordinal) return in;
  std::vector<std::string> out;
  for (std::size_t j = 0; j < s.n_bins_.size() && j < in.size(); ++j)
    for (std::size_t b = 0; b < s.n_bins_[j]; ++b)
      out.push_back(in[j] + "_" + std::to_string(b) + ".0");
  return out;
}

std::vector<bool> missing_out(const KBinsDiscretizer& s, const std::vector<bool>& in) {
  if (s.encode == KBinsEncode::ordinal) return in;
  std::vector<bool> out;
  for (std::size_t j = 0; j < s.n_bins_.size() && j < in.size(); ++j)
    out.insert(out.end(), s.n_bins_[j], in[j]);
  return out;
}

std::vector<std::vector<std::size_t>> sources_out(const KBinsDiscretizer& s, std::size_t n_in) {
  if (s.encode == KBinsEncode::ordinal) return identity_sources(n_in);
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t j = 0; j < s.n_bins_.size(); ++j)
    out.insert(out.end(), s.n_bins_[j], std::vector<std::size_t>{j});
  return out;
}

}  // namespace ferry::detail
