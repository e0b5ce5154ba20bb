// The numeric fast path allocates nothing once the calling thread has made one call
// (DESIGN.md principle 6). Global operator new is replaced in this executable to count calls.
// GCC cannot see that this file's operator new and delete are a pair over malloc/free.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <vector>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// Every replaceable form is replaced, so no allocation escapes the count and every delete
// matches its new (ASan checks that pairing in the sanitizer build).
namespace {
void* counted(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
}  // namespace

void* operator new(std::size_t size) {
  if (void* p = counted(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = counted(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace ferry;

// A fitted 6-column binary classifier serves single rows and a small batch, after one warm-up
// call, without one allocation.
void check_serving_allocates_nothing(const Pipeline& p) {
  double row[6] = {1.0, 0.0, 3.0, 4.5, -2.0, 7.0};
  std::vector<double> out(p.n_outputs() + 2), batch(4 * 2);
  std::vector<double> rows(4 * 6, 1.5);
  p.predict_proba(row, 6, out.data(), p.classes().size());  // warm-up: the thread's scratch

  long before = g_allocations.load();
  double sink = 0.0;
  for (int i = 0; i < 1000; ++i) {
    row[0] = i * 0.01;
    p.predict_proba(row, 6, out.data(), p.classes().size());
    p.decision_function(row, 6, out.data(), p.n_outputs());
    p.predict_proba(rows.data(), 4, 6, batch.data());
    sink += out[0] + static_cast<double>(p.predict_index(row, 6));
  }
  CHECK(g_allocations.load() - before == 0);
  CHECK(sink == sink);
}

TEST_CASE("Single-row numeric prediction allocates nothing", "[fast][alloc]") {
  for (int classes : {2, 3}) {
    auto data = testing::make_synthetic(300, 6, classes);
    SimpleImputer imp;
    imp.missing_values = 0.0;
    Pipeline p({{"impute", imp}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
    p.fit(data.X, Target(data.labels));
    Pipeline reg({{"impute", SimpleImputer{}}, {"model", Ridge{}}});
    reg.fit(data.X, Target(data.target));
    Pipeline lasso({{"impute", SimpleImputer{}}, {"model", Lasso{}}});
    lasso.fit(data.X, Target(data.target));
    std::vector<double> counts;
    for (double t : data.target) counts.push_back(std::fabs(t));
    Pipeline poisson({{"scale", StandardScaler{}}, {"model", PoissonRegressor{}}});
    poisson.fit(data.X, Target(counts));
    double row[6] = {1.0, 0.0, 3.0, 4.5, -2.0, 7.0};
    std::vector<double> out(p.n_outputs() + 3), batch(4 * 3);
    std::vector<double> rows(4 * 6, 1.5);
    double sink = 0.0;
    auto calls = [&](int i) {
      row[0] = i * 0.01;
      p.predict_proba(row, 6, out.data(), p.classes().size());
      p.decision_function(row, 6, out.data(), p.n_outputs());
      sink += static_cast<double>(p.predict_index(row, 6));
      sink += reg.predict_value(row, 6);
      sink += lasso.predict_value(row, 6);
      sink += poisson.predict_value(row, 6);
      p.predict_proba(rows.data(), 4, 6, batch.data());
      sink += out[0];
    };
    // Warm-up: the thread's scratch, which a fused single row never needs but Poisson's does.
    calls(0);

    long before = g_allocations.load();
    for (int i = 0; i < 1000; ++i) calls(i);
    CHECK(g_allocations.load() - before == 0);
    CHECK(sink == sink);
  }
}

TEST_CASE("The scaler kinds allocate nothing on the numeric path", "[fast][alloc]") {
  auto data = testing::make_synthetic(300, 6);
  MinMaxScaler mm;
  mm.clip = true;
  RobustScaler rs;
  rs.unit_variance = true;
  MaxAbsScaler ma;
  ma.clip = true;
  Binarizer bz;
  bz.threshold = 0.05;
  for (Norm norm : {Norm::l1, Norm::l2, Norm::max}) {
    Normalizer nz;
    nz.norm = norm;
    Pipeline p({{"minmax", mm}, {"robust", rs}, {"maxabs", ma}, {"norm", nz}, {"bin", bz},
                {"model", LogisticRegression{}}});
    p.fit(data.X, Target(data.labels));
    check_serving_allocates_nothing(p);
  }
}

TEST_CASE("Encoders, indicators and a ColumnTransformer allocate nothing on the numeric path",
          "[fast][alloc]") {
  auto data = testing::make_synthetic(300, 6);
  const std::vector<std::string> names = data.X.schema().names();
  OneHotEncoder onehot;
  onehot.handle_unknown = HandleUnknown::ignore;
  OrdinalEncoder ordinal;
  ordinal.handle_unknown = OrdinalUnknown::use_encoded_value;
  ordinal.unknown_value = -1;
  SimpleImputer imp;
  imp.add_indicator = true;
  MissingIndicator flags;
  flags.features = IndicatorFeatures::all;
  ColumnTransformer ct;
  ct.transformers = {
      {"bins", {{"ordinal", ordinal}, {"onehot", onehot}}, {names[0], names[1]}, false, {}, 0},
      {"flags", {{"missing", flags}}, {names[2]}, false, {}, 0},
      {"num", {{"impute", imp}, {"scale", StandardScaler{}}}, {names[3], names[4]}, false, {}, 0},
  };
  ct.remainder = Remainder::passthrough;
  Pipeline p({{"features", ct}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  check_serving_allocates_nothing(p);
}

TEST_CASE("The feature kinds allocate nothing on the numeric path", "[fast][alloc]") {
  auto data = testing::make_synthetic(300, 6);
  PolynomialFeatures poly;
  poly.degree_range = true;
  poly.min_degree = 2;  // terms below min_degree are multiplied out in place, not stored
  poly.degree = 3;
  PCA pca;
  pca.n_components_mode = PcaComponents::count;
  pca.n_components = 5;
  pca.whiten = true;
  for (KBinsEncode encode : {KBinsEncode::onehot_dense, KBinsEncode::ordinal}) {
    KBinsDiscretizer bins;
    bins.encode = encode;
    Pipeline p({{"poly", poly}, {"pca", pca}, {"bins", bins}, {"model", LogisticRegression{}}});
    p.fit(data.X, Target(data.labels));
    check_serving_allocates_nothing(p);
  }
}

TEST_CASE("Expressions allocate nothing on the numeric path", "[fast][alloc][expr]") {
  auto data = testing::make_synthetic(300, 6);
  Expressions numeric;
  numeric.expressions = {
      {"sum", "x0 + x1 * 2 - x2 / (x3 + 1) + x4 % 0.3 + x5 ** 2", {}},
      {"fns", "log1p(abs(x0)) + exp(-x1) + sqrt(x2 * x2) + pow(x3, 2) + sign(x4) + round(x5 * 10)", {}},
      {"pick", "case when x0 > 0.5 then min(x1, x2, x3) when isnull(x1) then 0 else max(x4, x5) end", {}},
      {"flag", "x0 in (0, 1, 2) or not (x1 < 0.2 and x2 >= 0.1) or x3 == x4", {}},
      {"clip", "clip(coalesce(x0, 0), 0.2, 0.8) + floor(x1 * 3) + ceil(x2 * 3) + if(x3 > 0.5, 1, -1)", {}},
  };
  Expressions words;  // string constants and a made string: the text heap is reused per call
  words.expressions = {{"band", "lower(if(x0 > 0.5, 'HIGH', 'Low'))", {}},
                       {"len", "length(upper(if(x1 > 0.5, 'a', 'bb')))", {}}};
  OneHotEncoder onehot;
  onehot.handle_unknown = HandleUnknown::ignore;
  const std::vector<std::string> names = data.X.schema().names();
  ColumnTransformer ct;
  ct.transformers = {
      {"numeric", {{"expr", numeric}}, names, false, {}, 0},
      {"words", {{"expr", words}, {"onehot", onehot}}, {names[0], names[1]}, false, {}, 0},
  };
  Pipeline p({{"features", ct}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  check_serving_allocates_nothing(p);
}
