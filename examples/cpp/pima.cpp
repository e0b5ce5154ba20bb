// The Pima demo: fit SimpleImputer (zeros as missing) -> StandardScaler -> LogisticRegression on a
// fixed 75/25 split of the Pima Indians Diabetes data, save the pipeline as one artifact file, load
// it back and predict the held-out rows with the loaded copy.
//
// Usage: ferry_pima_demo [ARTIFACT_PATH]   (default: pima.ferry in the current folder)
// The data come from $FERRY_DATA_DIR or <build>/data, filled by scripts/demo or scripts/test.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "datasets.hpp"
#include "ferry/ferry.hpp"

namespace {

// The columns the model sees. 'preg' (number of pregnancies) is left out: 0 is a real value
// there, while in plas, pres, skin, insu and mass a 0 means "not measured". Until ferry has a
// ColumnTransformer, a SimpleImputer applies to every column it is given, so giving it 'preg'
// would wrongly treat zero pregnancies as missing. pedi and age never hold a 0, so imputing
// zeros in them changes nothing.
const std::vector<std::string> kFeatures = {"plas", "pres", "skin", "insu", "mass", "pedi", "age"};
const std::string kPositive = "tested_positive";
constexpr std::size_t kTrainRows = 576;  // the first 576 rows train, the last 192 test

// The chosen columns of a labelled table, in kFeatures order.
ferry::datasets::Labelled select_columns(const ferry::datasets::Labelled& data,
                                         const std::vector<std::string>& names) {
  ferry::datasets::Labelled out;
  for (const std::string& name : names) {
    const ferry::FrameColumn& column = data.X.column(name);
    out.X.add_float64(name, std::get<std::vector<double>>(column.data), column.spec.nullable);
  }
  out.labels = data.labels;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string artifact = argc > 1 ? argv[1] : "pima.ferry";
    const std::string arff = ferry::datasets::data_dir() + "/diabetes.arff";

    const ferry::datasets::Labelled all =
        select_columns(ferry::datasets::read_arff(arff), kFeatures);
    const auto [train, test] = ferry::datasets::split_at(all, kTrainRows);
    std::printf("Pima Indians Diabetes (diabetes.arff from Debian's weka package)\n");
    std::printf("  %zu rows: %zu to train, %zu to test; features:", all.X.rows(), train.X.rows(),
                test.X.rows());
    for (const std::string& name : kFeatures) std::printf(" %s", name.c_str());
    std::printf("\n\n");

    // imputer (zeros as missing, column means) -> scaler -> logistic regression (C = 1)
    ferry::SimpleImputer impute;
    impute.missing_values = 0.0;
    impute.strategy = ferry::ImputeStrategy::mean;
    ferry::LogisticRegression model;
    model.C = 1.0;
    ferry::Pipeline pipe({{"impute", impute}, {"scale", ferry::StandardScaler{}}, {"model", model}});
    pipe.fit(train.X, ferry::Target(train.labels));

    const auto& fitted = std::get<ferry::LogisticRegression>(pipe.steps().back().step);
    std::printf("Fitted impute -> scale -> model: %d Newton iterations\n", fitted.n_iter_);
    pipe.save(artifact, {{"owner", "risk-team"}});
    std::printf("Saved %s\n", artifact.c_str());

    // Everything below uses the pipeline read back from the file.
    const ferry::Pipeline loaded = ferry::Pipeline::load(artifact);
    const ferry::Metadata& meta = loaded.metadata();
    std::printf("Loaded %s: ferry %s, created %s, owner=%s, trained on %llu rows\n\n",
                artifact.c_str(), meta.ferry_version.c_str(), meta.created_utc.c_str(),
                meta.tags.count("owner") ? meta.tags.at("owner").c_str() : "?",
                static_cast<unsigned long long>(meta.training.rows));

    const std::vector<ferry::Value>& classes = loaded.classes();
    std::printf("Classes (predict_proba column order):");
    for (std::size_t k = 0; k < classes.size(); ++k)
      std::printf(" [%zu] %s", k, classes[k].to_string().c_str());
    std::printf("\n");
    const auto positive = static_cast<std::size_t>(
        std::find(classes.begin(), classes.end(), ferry::Value(kPositive)) - classes.begin());
    if (positive == classes.size()) throw std::runtime_error("no class " + kPositive);

    const std::vector<ferry::Value> predicted = loaded.predict(test.X);
    std::size_t correct = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i)
      if (predicted[i] == ferry::Value(test.labels[i])) ++correct;
    std::printf("Test accuracy: %.4f (%zu of %zu rows)\n\n",
                static_cast<double>(correct) / static_cast<double>(predicted.size()), correct,
                predicted.size());

    const ferry::Array2D proba = loaded.predict_proba(test.X);
    const ferry::Array2D before = pipe.predict_proba(test.X);
    std::printf("First five test rows (a 0 in plas..mass means not measured: the imputer fills in\n"
                "the training mean), with P(%s) from the loaded pipeline:\n",
                kPositive.c_str());
    std::printf("  %-4s %6s %6s %6s %6s %6s %6s %6s  %-16s %s\n", "row", "plas", "pres", "skin",
                "insu", "mass", "pedi", "age", "actual", "P");
    for (std::size_t i = 0; i < 5 && i < proba.rows; ++i) {
      std::printf("  %-4zu", kTrainRows + i);
      for (const std::string& name : kFeatures)
        std::printf(" %6g", std::get<std::vector<double>>(test.X.column(name).data)[i]);
      std::printf("  %-16s %.4f\n", test.labels[i].c_str(), proba(i, positive));
    }
    const bool same = proba.values.size() == before.values.size() &&
                      std::memcmp(proba.values.data(), before.values.data(),
                                  proba.values.size() * sizeof(double)) == 0;
    std::printf("\nLoaded pipeline reproduces the fitted one bit for bit on all %zu test rows: %s\n",
                proba.rows, same ? "yes" : "NO");
    return same ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ferry_pima_demo: %s\n", e.what());
    return 1;
  }
}
