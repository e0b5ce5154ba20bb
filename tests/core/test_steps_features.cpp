// PolynomialFeatures, PCA and KBinsDiscretizer on small cases worked out by hand; parity with
// scikit-learn on real data is in python/tests/test_parity_features.py.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "ferry/ferry.hpp"

using namespace ferry;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

template <class T> const T& step_of(const Pipeline& p, std::size_t i = 0) {
  return std::get<T>(p.steps()[i].step);
}

Pipeline fit_one(Step step, const Frame& X) {
  Pipeline p({{"step", std::move(step)}});
  p.fit(X);
  return p;
}

Frame two_columns() {
  Frame X;
  X.add_float64("a", {2.0, 3.0, -1.0});
  X.add_float64("b", {5.0, 7.0, 0.5});
  return X;
}

}  // namespace

TEST_CASE("PolynomialFeatures: scikit-learn's terms, order and names", "[steps][poly]") {
  Pipeline p = fit_one(PolynomialFeatures{}, two_columns());
  CHECK(step_of<PolynomialFeatures>(p).n_output_features_ == 6);
  CHECK(p.feature_names_out() == std::vector<std::string>{"1", "a", "b", "a^2", "a b", "b^2"});
  CHECK(p.transform(Row{{"a", 3.0}, {"b", 7.0}}) == std::vector<double>{1, 3, 7, 9, 21, 49});

  PolynomialFeatures inter;
  inter.interaction_only = true;
  inter.degree = 3;
  Frame X = two_columns();
  X.add_float64("c", {1.0, 2.0, 4.0});
  Pipeline q = fit_one(inter, X);
  CHECK(q.feature_names_out() ==
        std::vector<std::string>{"1", "a", "b", "c", "a b", "a c", "b c", "a b c"});
  CHECK(q.transform(Row{{"a", 2.0}, {"b", 3.0}, {"c", 5.0}}) ==
        std::vector<double>{1, 2, 3, 5, 6, 10, 15, 30});

  // degree (2, 3) without bias: only the terms of degree 2 and 3, lower ones still multiplied in
  // scikit-learn's order.
  PolynomialFeatures range;
  range.degree_range = true;
  range.min_degree = 2;
  range.degree = 3;
  range.include_bias = false;
  Pipeline r = fit_one(range, two_columns());
  CHECK(r.feature_names_out() == std::vector<std::string>{"a^2", "a b", "b^2", "a^3", "a^2 b",
                                                          "a b^2", "b^3"});
  CHECK(r.transform(Row{{"a", 2.0}, {"b", 3.0}}) == std::vector<double>{4, 6, 9, 8, 12, 18, 27});
  range.include_bias = true;
  CHECK(fit_one(range, two_columns()).feature_names_out().front() == "1");

  PolynomialFeatures zero;
  zero.degree = 0;
  Pipeline z = fit_one(zero, two_columns());
  CHECK(z.transform(Row{{"a", 2.0}, {"b", 3.0}}) == std::vector<double>{1});
}

TEST_CASE("PolynomialFeatures: bad parameters and input are refused clearly", "[steps][poly]") {
  PolynomialFeatures bad;
  bad.degree_range = true;
  bad.min_degree = 3;
  bad.degree = 2;
  CHECK_THROWS_AS(Pipeline({{"poly", bad}}), ParameterError);
  CHECK_THROWS_WITH(Pipeline({{"poly", bad}}),
                    "PolynomialFeatures: degree=(min_degree, max_degree) must be non-negative "
                    "integers that fulfil min_degree <= max_degree, got (3, 2)");
  PolynomialFeatures empty;
  empty.degree = 0;
  empty.include_bias = false;
  CHECK_THROWS_WITH(Pipeline({{"poly", empty}}),
                    StartsWith("PolynomialFeatures: degree 0 with include_bias=False would give "
                               "an empty output"));

  Frame missing;
  missing.add_float64("a", {1.0, kNaN});
  Pipeline p({{"poly", PolynomialFeatures{}}});
  CHECK_THROWS_AS(p.fit(missing), SchemaError);
  CHECK_THROWS_WITH(p.fit(missing), Contains("cannot take missing values"));

  Frame wide;
  for (int j = 0; j < 300; ++j) wide.add_float64("x" + std::to_string(j), {1.0, 2.0});
  PolynomialFeatures cubic;
  cubic.degree = 3;
  Pipeline w({{"poly", cubic}});
  CHECK_THROWS_AS(w.fit(wide), SchemaError);
  CHECK_THROWS_WITH(w.fit(wide), StartsWith("PolynomialFeatures: degree 3 over 300 features "
                                            "expected at most 1048576 terms"));
}

TEST_CASE("PCA: both exact solvers, signs, variance fractions and whitening", "[steps][pca]") {
  // Centered already; the covariance is diag(2/3, 8/3): axes b then a.
  Frame X;
  X.add_float64("a", {1.0, -1.0, 0.0, 0.0});
  X.add_float64("b", {0.0, 0.0, 2.0, -2.0});
  for (PcaSolver solver : {PcaSolver::full, PcaSolver::covariance_eigh, PcaSolver::auto_}) {
    PCA pca;
    pca.svd_solver = solver;
    Pipeline p = fit_one(pca, X);
    const auto& s = step_of<PCA>(p);
    REQUIRE(s.n_components_ == 2);
    CHECK_THAT(s.components_[0], WithinAbs(0.0, 1e-15));
    CHECK_THAT(s.components_[1], WithinRel(1.0, 1e-15));  // the largest loading is positive
    CHECK_THAT(s.components_[2], WithinRel(1.0, 1e-15));
    CHECK_THAT(s.explained_variance_[0], WithinRel(8.0 / 3.0, 1e-14));
    CHECK_THAT(s.explained_variance_[1], WithinRel(2.0 / 3.0, 1e-14));
    CHECK_THAT(s.explained_variance_ratio_[0], WithinRel(0.8, 1e-14));
    CHECK_THAT(s.singular_values_[0], WithinRel(std::sqrt(8.0), 1e-14));
    CHECK(s.noise_variance_ == 0.0);
    CHECK(s.n_samples_ == 4);
    CHECK(p.feature_names_out() == std::vector<std::string>{"pca0", "pca1"});
    const auto t = p.transform(Row{{"a", 1.0}, {"b", 3.0}});
    CHECK_THAT(t[0], WithinRel(3.0, 1e-14));
    CHECK_THAT(t[1], WithinRel(1.0, 1e-14));
  }

  PCA half;
  half.n_components_mode = PcaComponents::variance;
  half.variance = 0.5;  // the first component explains 0.8 > 0.5
  half.whiten = true;
  Pipeline h = fit_one(half, X);
  CHECK(step_of<PCA>(h).n_components_ == 1);
  CHECK_THAT(step_of<PCA>(h).noise_variance_, WithinRel(2.0 / 3.0, 1e-14));
  CHECK_THAT(h.transform(Row{{"a", 5.0}, {"b", 2.0}})[0], WithinRel(2.0 / std::sqrt(8.0 / 3.0), 1e-14));
}

TEST_CASE("PCA: bad parameters and data are refused clearly", "[steps][pca]") {
  PCA zero;
  zero.n_components_mode = PcaComponents::count;
  zero.n_components = 0;
  CHECK_THROWS_AS(Pipeline({{"pca", zero}}), ParameterError);
  PCA fraction;
  fraction.n_components_mode = PcaComponents::variance;
  fraction.variance = 1.0;
  CHECK_THROWS_WITH(Pipeline({{"pca", fraction}}),
                    "PCA: n_components expected a float in (0, 1) (a fraction of the variance), "
                    "found 1");

  PCA three;
  three.n_components_mode = PcaComponents::count;
  three.n_components = 3;
  Pipeline p({{"pca", three}});
  CHECK_THROWS_AS(p.fit(two_columns()), SchemaError);
  CHECK_THROWS_WITH(p.fit(two_columns()),
                    "PCA: n_components=3 must be between 0 and min(n_samples, n_features)=2 with "
                    "svd_solver='full'");
  Frame one;
  one.add_float64("a", {1.0});
  one.add_float64("b", {2.0});
  Pipeline q({{"pca", PCA{}}});
  CHECK_THROWS_WITH(q.fit(one), StartsWith("PCA: expected at least 2 samples, found n_samples=1"));
  Frame flat;
  flat.add_float64("a", {1.0, 1.0, 1.0});
  CHECK_THROWS_WITH(q.fit(flat), StartsWith("PCA: expected data with some variance"));
  Frame missing;
  missing.add_float64("a", {1.0, kNaN, 3.0});
  CHECK_THROWS_WITH(q.fit(missing), Contains("cannot take missing values"));
}

TEST_CASE("KBinsDiscretizer: uniform, quantile and kmeans edges; one-hot and ordinal",
          "[steps][kbins]") {
  Frame X;
  X.add_float64("a", {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0});
  X.add_float64("flat", std::vector<double>(11, 4.0));
  KBinsDiscretizer uniform;
  uniform.strategy = KBinsStrategy::uniform;
  uniform.encode = KBinsEncode::ordinal;
  Pipeline u = fit_one(uniform, X);
  const auto& s = step_of<KBinsDiscretizer>(u);
  CHECK(s.bin_edges_[0] == std::vector<double>{0, 2, 4, 6, 8, 10});
  CHECK(s.bin_edges_[1] == std::vector<double>{-kInf, kInf});  // constant: one bin
  CHECK(s.n_bins_ == std::vector<std::size_t>{5, 1});
  // A value on an edge goes to the bin above it; outside the range to the end bins.
  CHECK(u.transform(Row{{"a", 2.0}, {"flat", 9.0}}) == std::vector<double>{1, 0});
  CHECK(u.transform(Row{{"a", 1.999}, {"flat", -9.0}}) == std::vector<double>{0, 0});
  CHECK(u.transform(Row{{"a", 10.0}, {"flat", 4.0}}) == std::vector<double>{4, 0});
  CHECK(u.transform(Row{{"a", -50.0}, {"flat", 4.0}}) == std::vector<double>{0, 0});
  CHECK(u.transform(Row{{"a", 50.0}, {"flat", 4.0}}) == std::vector<double>{4, 0});
  CHECK(u.feature_names_out() == std::vector<std::string>{"a", "flat"});

  // numpy's averaged_inverted_cdf on 1..8: (n q - 1) integral at q = .25, .5, .75, so the mean of
  // the two neighbours.
  Frame Q;
  Q.add_float64("q", {8.0, 1.0, 7.0, 2.0, 6.0, 3.0, 5.0, 4.0});
  KBinsDiscretizer quantile;
  quantile.n_bins = 4;
  Pipeline q = fit_one(quantile, Q);
  CHECK(step_of<KBinsDiscretizer>(q).bin_edges_[0] == std::vector<double>{1, 2.5, 4.5, 6.5, 8});
  CHECK(q.feature_names_out() == std::vector<std::string>{"q_0.0", "q_1.0", "q_2.0", "q_3.0"});
  CHECK(q.transform(Row{{"q", 4.5}}) == std::vector<double>{0, 0, 1, 0});
  quantile.quantile_method = QuantileMethod::linear;
  CHECK(step_of<KBinsDiscretizer>(fit_one(quantile, Q)).bin_edges_[0] ==
        std::vector<double>{1, 2.75, 4.5, 6.25, 8});

  // Narrow bins go: with most values equal, the quantile edges are 1, 1, 1, 1, 1, 2 and only
  // the first and the last stay.
  Frame tied;
  tied.add_float64("t", {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0});
  KBinsDiscretizer narrow;
  narrow.encode = KBinsEncode::ordinal;
  const Pipeline nt = fit_one(narrow, tied);
  CHECK(step_of<KBinsDiscretizer>(nt).bin_edges_[0] == std::vector<double>{1, 2});
  CHECK(step_of<KBinsDiscretizer>(nt).n_bins_ == std::vector<std::size_t>{1});

  Frame K;
  K.add_float64("k", {0.0, 0.1, 0.2, 10.0, 10.1, 10.2});
  KBinsDiscretizer kmeans;
  kmeans.strategy = KBinsStrategy::kmeans;
  kmeans.n_bins = 2;
  kmeans.encode = KBinsEncode::ordinal;
  Pipeline k = fit_one(kmeans, K);
  const auto& ke = step_of<KBinsDiscretizer>(k).bin_edges_[0];
  REQUIRE(ke.size() == 3);
  CHECK(ke[0] == 0.0);
  CHECK_THAT(ke[1], WithinRel(5.1, 1e-14));
  CHECK(ke[2] == 10.2);
  CHECK(k.transform(Row{{"k", 5.0}}) == std::vector<double>{0});
  CHECK(k.transform(Row{{"k", 5.2}}) == std::vector<double>{1});

  KBinsDiscretizer per;
  per.n_bins_per_feature = {3, 2};
  per.strategy = KBinsStrategy::uniform;
  Pipeline pf = fit_one(per, X);
  CHECK(pf.feature_names_out() == std::vector<std::string>{"a_0.0", "a_1.0", "a_2.0", "flat_0.0"});
  CHECK(pf.transform(Row{{"a", 9.0}, {"flat", 4.0}}) == std::vector<double>{0, 0, 1, 1});
}

TEST_CASE("KBinsDiscretizer: bad parameters and input are refused clearly", "[steps][kbins]") {
  KBinsDiscretizer one;
  one.n_bins = 1;
  CHECK_THROWS_WITH(Pipeline({{"bins", one}}),
                    "KBinsDiscretizer: n_bins expected an integer >= 2, found 1");
  KBinsDiscretizer per;
  per.n_bins_per_feature = {3, 2, 4};
  Pipeline p({{"bins", per}});
  CHECK_THROWS_WITH(p.fit(two_columns()),
                    "KBinsDiscretizer: n_bins must be a scalar or array of shape (n_features,): "
                    "found 3 values for 2 features");
  KBinsDiscretizer small;
  small.subsample = 2;
  Pipeline s({{"bins", small}});
  CHECK_THROWS_WITH(s.fit(two_columns()),
                    StartsWith("KBinsDiscretizer: 3 rows exceed subsample=2; scikit-learn would "
                               "bin a random subsample"));
  KBinsDiscretizer kmeans;
  kmeans.strategy = KBinsStrategy::kmeans;
  Pipeline k({{"bins", kmeans}});
  CHECK_THROWS_WITH(k.fit(two_columns()),
                    StartsWith("KBinsDiscretizer: feature 0: n_samples=3 should be >= "
                               "n_clusters=5"));
  Pipeline w({{"bins", KBinsDiscretizer{}}});
  CHECK_THROWS_WITH(w.fit(two_columns(), Target(), {1.0, 2.0, 1.0}),
                    StartsWith("KBinsDiscretizer: sample weights are not supported, found weight 2 "
                               "at row 1"));
  w.fit(two_columns(), Target(), {1.0, 1.0, 1.0});  // unit weights are no weights
  Frame missing;
  missing.add_float64("a", {1.0, kNaN, 3.0});
  CHECK_THROWS_WITH(w.fit(missing), Contains("cannot take missing values"));
}

TEST_CASE("The feature kinds chain: polynomial, PCA and bins before a model", "[steps][features]") {
  Frame X;
  std::vector<double> a, b;
  std::vector<std::string> y;
  for (int i = 0; i < 40; ++i) {
    a.push_back(std::sin(i * 0.7) * 3.0);
    b.push_back(std::cos(i * 1.3) + i * 0.05);
    y.push_back(a.back() * b.back() > 0 ? "pos" : "neg");
  }
  X.add_float64("a", a).add_float64("b", b);
  PCA pca;
  pca.n_components_mode = PcaComponents::count;
  pca.n_components = 3;
  KBinsDiscretizer bins;
  bins.n_bins = 3;
  Pipeline p({{"poly", PolynomialFeatures{}}, {"pca", pca}, {"bins", bins},
              {"model", LogisticRegression{}}});
  p.fit(X, Target(y));
  CHECK(p.feature_names_out().size() == 9);
  CHECK(p.feature_names_out()[0] == "pca0_0.0");
  const auto proba = p.predict_proba(Row{{"a", 1.0}, {"b", 2.0}});
  CHECK_THAT(proba[0] + proba[1], WithinRel(1.0, 1e-12));
  // Missing values are refused at serving, since no step imputes them.
  CHECK_THROWS_AS(p.predict_proba(Row{{"a", kNaN}, {"b", 2.0}}), SchemaError);
}
