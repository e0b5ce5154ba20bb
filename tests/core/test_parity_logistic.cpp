// Parity with scikit-learn 1.9.1: LogisticRegression (binary on Pima and breast_cancer,
// multinomial on wine) against LogisticRegression(solver='newton-cholesky', tol=1e-12), which
// lands at the optimum to ~1e-12 on these data (see "reference_accuracy" in reference.json).
// ferry runs with its default max_iter and tol: it must reach the optimum by itself.
#include <cmath>
#include <string>
#include <vector>

#include "core/test_parity_support.hpp"

namespace {

using parity::json;

constexpr double kCoefRel = 1e-6;     // coef_, intercept_: relative
constexpr double kCoefFloor = 1e-10;  // absolute floor (intercepts fixed at 0, sums near 0)
constexpr double kProbaAbs = 1e-6;    // predict_proba: absolute

ferry::LogisticRegression model_from(const json& c) {
  ferry::LogisticRegression lr;
  if (c.at("penalty").get<std::string>() == "none") {
    lr.penalty = ferry::Penalty::none;
  } else {
    lr.penalty = ferry::Penalty::l2;
    lr.C = c.at("C").get<double>();
  }
  lr.fit_intercept = c.at("fit_intercept").get<bool>();
  if (!c.at("class_weight").is_null()) {
    REQUIRE(c.at("class_weight").get<std::string>() == "balanced");
    lr.class_weight_mode = ferry::ClassWeightMode::balanced;
  }
  return lr;
}

// The preprocessing make_reference.py applies before the model, fitted on train without weights.
std::vector<ferry::NamedStep> preprocessing(const std::string& data) {
  ferry::StandardScaler sc;
  if (data == "pima") {
    ferry::SimpleImputer imp;
    imp.strategy = ferry::ImputeStrategy::mean;
    imp.missing_values = 0.0;
    return {{"impute", imp}, {"scale", sc}};
  }
  return {{"scale", sc}};
}

ferry::Target target_of(const std::string& data, const std::vector<std::string>& labels) {
  if (data == "pima") return ferry::Target(labels);  // tested_negative / tested_positive
  return ferry::Target(parity::int_labels(labels));  // 0/1 (breast_cancer), 0/1/2 (wine)
}

void check_case(const std::string& data_name, const parity::Split& data, const json& c,
                parity::Summary& summary) {
  const std::string name = c.at("name").get<std::string>();
  INFO("logistic case " << name);
  const bool weighted = c.at("weighted").get<bool>();
  const ferry::Target y = target_of(data_name, data.train.labels);

  // Unweighted: one pipeline, preprocessing + model. Weighted: the preprocessing is fitted
  // without weights (as in the reference) and the model alone gets the weights.
  std::vector<ferry::NamedStep> steps;
  ferry::Frame X_train = data.train.X, X_test = data.test.X;
  std::vector<double> w;
  if (weighted) {
    ferry::Pipeline prep(preprocessing(data_name));
    prep.fit(data.train.X);
    X_train = parity::matrix_frame(prep.transform(data.train.X));
    X_test = parity::matrix_frame(prep.transform(data.test.X));
    w = parity::weights(X_train.rows());
  } else {
    steps = preprocessing(data_name);
  }
  steps.push_back({"model", model_from(c)});
  ferry::Pipeline pipe(steps);
  pipe.fit(X_train, y, w);
  const auto& lr = std::get<ferry::LogisticRegression>(pipe.steps().back().step);

  // classes_
  const json& classes = c.at("classes");
  REQUIRE(pipe.classes().size() == classes.size());
  for (std::size_t k = 0; k < classes.size(); ++k) CHECK(pipe.classes()[k] == parity::label(classes[k]));

  // coef_: 1 x features (binary, for classes[1]) or classes x features.
  const json& coef = c.at("coef");
  CHECK(lr.coef_.rows == coef.size());
  CHECK(lr.coef_.cols == coef.at(0).size());
  summary.add("coef_", parity::check_param("logistic", name, "coef_", lr.coef_.values,
                                           parity::flat(coef), kCoefRel, kCoefFloor));
  summary.add("intercept_", parity::check_param("logistic", name, "intercept_", lr.intercept_,
                                                parity::flat(c.at("intercept")), kCoefRel,
                                                kCoefFloor));

  // predict_proba on the test rows, absolute.
  const ferry::Array2D proba = pipe.predict_proba(X_test);
  summary.add("predict_proba", parity::check_param("logistic", name, "predict_proba",
                                                   proba.values, parity::flat(c.at("proba")),
                                                   0.0, kProbaAbs));

  // predict: the same class for every test row.
  const std::vector<ferry::Value> pred = pipe.predict(X_test);
  const json& want = c.at("predict");
  REQUIRE(pred.size() == want.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < pred.size(); ++i)
    if (pred[i] != parity::label(want[i])) ++mismatches;
  std::cout << "[parity] logistic   " << name << ": predict mismatches " << mismatches << " of "
            << pred.size() << "; Newton iterations ferry " << lr.n_iter_ << ", scikit-learn "
            << c.at("n_iter").get<int>() << std::endl;
  CHECK(mismatches == 0);
  // Newton converges in a handful of iterations here (scikit-learn: 5 to 10). Using every
  // allowed iteration means the solver stalled short of the optimum, even when the coefficients
  // happen to land inside the tolerance.
  INFO("ferry used all " << lr.max_iter << " Newton iterations: it did not converge");
  CHECK(lr.n_iter_ < lr.max_iter);

  // Multinomial convention: intercepts sum to zero; coefficients of a feature sum to zero.
  if (classes.size() > 2) {
    double isum = 0.0, csum_max = 0.0, cmax = 0.0;
    for (double b : lr.intercept_) isum += b;
    for (std::size_t j = 0; j < lr.coef_.cols; ++j) {
      double s = 0.0;
      for (std::size_t k = 0; k < lr.coef_.rows; ++k) {
        s += lr.coef_(k, j);
        cmax = std::max(cmax, std::fabs(lr.coef_(k, j)));
      }
      csum_max = std::max(csum_max, std::fabs(s));
    }
    std::cout << "[parity] logistic   " << name << ": sum of intercepts " << isum
              << ", largest |sum over classes of a coefficient| " << csum_max << std::endl;
    CHECK(std::fabs(isum) <= 1e-10);
    CHECK(csum_max <= 1e-9 * std::max(1.0, cmax));
  }
}

void run(const std::string& data_name, const parity::Split& data) {
  parity::Summary summary{"logistic", {}, "ALL " + data_name + " cases"};
  std::size_t n = 0;
  for (const json& c : parity::reference().at("logistic")) {
    if (c.at("data").get<std::string>() != data_name) continue;
    check_case(data_name, data, c, summary);
    ++n;
  }
  CHECK(n > 0);
}

}  // namespace

TEST_CASE("parity: LogisticRegression on scaled Pima matches scikit-learn's optimum",
          "[parity][logistic]") {
  run("pima", parity::pima());
}

TEST_CASE("parity: LogisticRegression on scaled breast_cancer matches scikit-learn's optimum",
          "[parity][logistic]") {
  run("breast_cancer", parity::breast_cancer());
}

TEST_CASE("parity: multinomial LogisticRegression on scaled wine matches scikit-learn's optimum",
          "[parity][logistic]") {
  run("wine", parity::wine());
}
