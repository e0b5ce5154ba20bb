// Parity with scikit-learn 1.9.1: LinearRegression and Ridge (exact solves) on weka's cpu data
// and on Pima (age from the other features), against tests/data/reference.json.
#include <string>
#include <vector>

#include "core/test_parity_support.hpp"

namespace {

using parity::json;

constexpr double kRel = 1e-6;      // coef_, intercept_, predictions: relative
constexpr double kFloor = 1e-10;   // absolute floor (intercept fixed at 0)

std::vector<ferry::NamedStep> preprocessing(const std::string& data) {
  ferry::StandardScaler sc;
  if (data == "pima_age") {
    ferry::SimpleImputer imp;
    imp.strategy = ferry::ImputeStrategy::mean;
    imp.missing_values = 0.0;
    return {{"impute", imp}, {"scale", sc}};
  }
  return {{"scale", sc}};
}

ferry::Step model_from(const json& c) {
  const bool fi = c.at("fit_intercept").get<bool>();
  if (c.at("model").get<std::string>() == "ridge") {
    ferry::Ridge r;
    r.alpha = c.at("alpha").get<double>();
    r.fit_intercept = fi;
    return r;
  }
  ferry::LinearRegression m;
  m.fit_intercept = fi;
  return m;
}

void check_case(const std::string& data_name, const parity::RegressionSplit& data, const json& c,
                parity::Summary& summary) {
  const std::string name = c.at("name").get<std::string>();
  INFO("regression case " << name);

  std::vector<ferry::NamedStep> steps;
  ferry::Frame X_train = data.train, X_test = data.test;
  std::vector<double> w;
  if (c.at("weighted").get<bool>()) {
    ferry::Pipeline prep(preprocessing(data_name));
    prep.fit(data.train);
    X_train = parity::matrix_frame(prep.transform(data.train));
    X_test = parity::matrix_frame(prep.transform(data.test));
    w = parity::weights(X_train.rows());
  } else {
    steps = preprocessing(data_name);
  }
  steps.push_back({"model", model_from(c)});
  ferry::Pipeline pipe(steps);
  pipe.fit(X_train, ferry::Target(data.y_train), w);

  std::vector<double> coef, intercept;
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, ferry::Ridge> ||
                      std::is_same_v<M, ferry::LinearRegression>) {
          coef = m.coef_;
          intercept = {m.intercept_};
          if constexpr (std::is_same_v<M, ferry::LinearRegression>) {
            std::cout << "[parity] regression " << name << ": rank_ ferry " << m.rank_
                      << ", scikit-learn " << c.at("rank").get<std::size_t>() << std::endl;
            CHECK(m.rank_ == c.at("rank").get<std::size_t>());
          }
        } else {
          FAIL("the last step is not a regression model");
        }
      },
      pipe.steps().back().step);

  summary.add("coef_", parity::check_param("regression", name, "coef_", coef,
                                           parity::flat(c.at("coef")), kRel, kFloor));
  summary.add("intercept_", parity::check_param("regression", name, "intercept_", intercept,
                                                parity::flat(c.at("intercept")), kRel, kFloor));

  std::vector<double> pred;
  for (const ferry::Value& v : pipe.predict(X_test)) pred.push_back(v.as_double());
  summary.add("predict", parity::check_param("regression", name, "predict", pred,
                                             parity::flat(c.at("predict")), kRel, kFloor));
}

void run(const std::string& data_name, const parity::RegressionSplit& data) {
  parity::Summary summary{"regression", {}, "ALL " + data_name + " cases"};
  std::size_t n = 0;
  for (const json& c : parity::reference().at("regression")) {
    if (c.at("data").get<std::string>() != data_name) continue;
    check_case(data_name, data, c, summary);
    ++n;
  }
  CHECK(n > 0);
}

}  // namespace

TEST_CASE("parity: LinearRegression and Ridge on scaled cpu data match scikit-learn",
          "[parity][regression]") {
  run("cpu", parity::cpu());
}

TEST_CASE("parity: LinearRegression and Ridge on scaled Pima (age) match scikit-learn",
          "[parity][regression]") {
  run("pima_age", parity::pima_age());
}
