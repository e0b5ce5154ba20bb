// Writes the small artifacts the Java tests need beyond tests/data's golden files:
//   nonnull_bool.ferry  columns that do not allow missing values, bool class labels
//   double_labels.ferry float64 class labels
//   verified.ferry      a metric and one verify row {x1: 1.25, x2: 3}
// Usage: ferry_java_test_artifacts OUTPUT_DIR
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "ferry/ferry.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " OUTPUT_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  try {
    std::filesystem::create_directories(dir);
    std::vector<double> x1;
    std::vector<std::int64_t> x2;
    std::vector<ferry::Value> bool_labels;
    std::vector<double> double_labels;
    for (int i = 0; i < 40; ++i) {
      x1.push_back(0.25 * i - 3.0 + ((i * 7) % 5) * 0.5);
      x2.push_back((i * 3) % 11);
      const bool positive = (i % 3 == 0) != (i > 20);
      bool_labels.emplace_back(positive);
      double_labels.push_back(positive ? 2.5 : -1.0);
    }
    ferry::Frame X;
    X.add_float64("x1", x1, /*nullable=*/false).add_int64("x2", x2, {}, /*nullable=*/false);

    ferry::Pipeline nonnull({{"scale", ferry::StandardScaler{}}, {"model", ferry::LogisticRegression{}}});
    nonnull.fit(X, ferry::Target(bool_labels));
    nonnull.save(dir + "/nonnull_bool.ferry", {{"suite", "java"}});

    ferry::Pipeline doubles({{"scale", ferry::StandardScaler{}}, {"model", ferry::LogisticRegression{}}});
    doubles.fit(X, ferry::Target(double_labels));
    doubles.save(dir + "/double_labels.ferry");

    ferry::SaveOptions options;
    options.metrics = {{"accuracy", 0.75}};
    options.verify_rows.add_float64("x1", {1.25}).add_int64("x2", {3});
    nonnull.save(dir + "/verified.ferry", options);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
