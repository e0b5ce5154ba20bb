// Parity with scikit-learn 1.9.1: SimpleImputer and StandardScaler, fitted attributes and
// transforms, against tests/data/reference.json (tests/reference/make_reference.py).
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/test_parity_support.hpp"

namespace {

using parity::json;

constexpr double kRel = 1e-12;    // fitted attributes and transforms: relative
constexpr double kFloor = 1e-14;  // absolute floor for values near 0

ferry::ImputeStrategy strategy_from(const std::string& s) {
  if (s == "mean") return ferry::ImputeStrategy::mean;
  if (s == "median") return ferry::ImputeStrategy::median;
  if (s == "most_frequent") return ferry::ImputeStrategy::most_frequent;
  if (s == "constant") return ferry::ImputeStrategy::constant;
  throw std::runtime_error("unknown strategy " + s);
}

ferry::SimpleImputer zeros_as_missing_mean() {
  ferry::SimpleImputer imp;
  imp.strategy = ferry::ImputeStrategy::mean;
  imp.missing_values = 0.0;
  return imp;
}

}  // namespace

TEST_CASE("parity: SimpleImputer on Pima (zeros as missing) matches scikit-learn",
          "[parity][imputer]") {
  const parity::Split data = parity::pima();
  parity::Summary summary{"imputer", {}};
  for (const json& c : parity::reference().at("imputer")) {
    const std::string name = c.at("name").get<std::string>();
    INFO("imputer case " << name);
    ferry::SimpleImputer imp;
    imp.strategy = strategy_from(c.at("strategy").get<std::string>());
    imp.missing_values = c.at("missing_values").get<double>();
    imp.fill_value = c.at("fill_value").get<double>();

    ferry::Pipeline pipe({{"impute", imp}});
    pipe.fit(data.train.X);
    const auto& fitted = std::get<ferry::SimpleImputer>(pipe.steps().at(0).step);
    summary.add("statistics_",
                parity::check_param("imputer", name, "statistics_", fitted.statistics_,
                                    parity::flat(c.at("statistics")), kRel, kFloor));

    const ferry::Array2D out = pipe.transform(data.test.X);
    summary.add("transform",
                parity::check_param("imputer", name, "transform",
                                    parity::rows_of(out, c.at("rows")),
                                    parity::flat(c.at("transform")), kRel, kFloor));
  }
}

namespace {

// The training and test features a scaler case is fitted on, as make_reference.py builds them.
parity::Split scaler_data(const std::string& data) {
  if (data == "pima_imputed") {
    parity::Split s = parity::pima();
    ferry::Pipeline imp({{"impute", zeros_as_missing_mean()}});
    imp.fit(s.train.X);
    s.train.X = parity::matrix_frame(imp.transform(s.train.X));
    s.test.X = parity::matrix_frame(imp.transform(s.test.X));
    return s;
  }
  if (data == "breast_cancer") return parity::breast_cancer();
  if (data == "breast_cancer_constant") return parity::breast_cancer_constant();
  throw std::runtime_error("unknown scaler data " + data);
}

}  // namespace

TEST_CASE("parity: StandardScaler (Pima imputed, breast_cancer, constant columns, weights) "
          "matches scikit-learn",
          "[parity][scaler]") {
  parity::Summary summary{"scaler", {}};
  for (const json& c : parity::reference().at("scaler")) {
    const std::string name = c.at("name").get<std::string>();
    INFO("scaler case " << name);
    const parity::Split data = scaler_data(c.at("data").get<std::string>());

    ferry::StandardScaler sc;
    sc.with_mean = c.at("with_mean").get<bool>();
    sc.with_std = c.at("with_std").get<bool>();
    ferry::Pipeline pipe({{"scale", sc}});
    if (c.at("weighted").get<bool>()) {
      // A transform-only pipeline still takes weights through fit(X, y, w); y is unused.
      const std::size_t n = data.train.X.rows();
      pipe.fit(data.train.X, ferry::Target(std::vector<double>(n, 0.0)), parity::weights(n));
    } else {
      pipe.fit(data.train.X);
    }
    const auto& fitted = std::get<ferry::StandardScaler>(pipe.steps().at(0).step);

    const std::vector<double> n_seen = parity::flat(c.at("n_samples_seen"));
    const std::vector<double> ref_mean =
        c.at("mean").is_null() ? std::vector<double>{} : parity::flat(c.at("mean"));
    if (!c.at("mean").is_null())
      summary.add("mean_", parity::check_param("scaler", name, "mean_", fitted.mean_, ref_mean,
                                               kRel, kFloor));
    if (!c.at("var").is_null()) {
      // The error of any two-pass variance is about n*eps*var + (n*eps*mean)^2 (Chan, Golub,
      // LeVeque; scikit-learn's constant-feature bound): allow that much around 0.
      const double eps = std::numeric_limits<double>::epsilon();
      std::vector<double> floor(ref_mean.size());
      for (std::size_t j = 0; j < floor.size(); ++j) {
        const double t = n_seen.at(j) * eps * ref_mean[j];
        floor[j] = kFloor + t * t;
      }
      parity::Diff d = parity::compare(fitted.var_, parity::flat(c.at("var")), kRel, floor);
      parity::report("scaler", name, "var_", d, kRel, kFloor);
      INFO("var_: " << d.worst);
      CHECK(d.ok);
      summary.add("var_", d);
    }
    if (!c.at("scale").is_null())
      summary.add("scale_", parity::check_param("scaler", name, "scale_", fitted.scale_,
                                                parity::flat(c.at("scale")), kRel, kFloor));
    {
      std::vector<double> got_seen = fitted.n_samples_seen_;
      summary.add("n_samples_seen_",
                  parity::check_param("scaler", name, "n_samples_seen_", got_seen, n_seen, 1e-15,
                                      0.0));
    }

    // Transform: x - mean is exact only to about eps * |mean|, so the floor of column j is
    // 1e-14 * max(1, |mean_j| / scale_j).
    const ferry::Array2D out = pipe.transform(data.test.X);
    const std::vector<double> want = parity::flat(c.at("transform"));
    const std::vector<double> ref_scale =
        c.at("scale").is_null() ? std::vector<double>{} : parity::flat(c.at("scale"));
    const std::size_t cols = out.cols;
    std::vector<double> floor(want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      const std::size_t j = i % (cols ? cols : 1);
      const double m = ref_mean.empty() ? 0.0 : std::fabs(ref_mean.at(j));
      const double s = ref_scale.empty() ? 1.0 : ref_scale.at(j);
      floor[i] = kFloor * std::max(1.0, m / s);
    }
    parity::Diff d = parity::compare(parity::rows_of(out, c.at("rows")), want, kRel, floor);
    parity::report("scaler", name, "transform", d, kRel, kFloor);
    INFO("transform: " << d.worst);
    CHECK(d.ok);
    summary.add("transform", d);
  }
}
