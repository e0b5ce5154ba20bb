#pragma once
// Small deterministic data sets for tests that need no real data.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ferry/ferry.hpp"

namespace ferry::testing {

/// A frame of `cols` float64 columns x0.. with `rows` rows from a fixed linear congruential
/// sequence, plus labels from a noisy linear rule (classes "a"/"b" or a/b/c when classes == 3).
struct Synthetic {
  Frame X;
  std::vector<std::string> labels;
  std::vector<double> target;  // a noisy linear regression target
};

inline Synthetic make_synthetic(std::size_t rows, std::size_t cols, int classes = 2,
                                std::uint64_t seed = 42) {
  std::uint64_t state = seed;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  std::vector<std::vector<double>> data(cols, std::vector<double>(rows));
  Synthetic s;
  for (std::size_t i = 0; i < rows; ++i) {
    double score = 0.0, t = 1.0;
    for (std::size_t j = 0; j < cols; ++j) {
      double v = 10.0 * next() - 3.0 + static_cast<double>(j);
      data[j][i] = v;
      score += (j % 2 ? -0.4 : 0.3) * v;
      t += 0.5 * static_cast<double>(j + 1) * v;
    }
    score += 2.0 * (next() - 0.5);
    s.target.push_back(t + next());
    if (classes == 2) s.labels.push_back(score > 0.3 ? "b" : "a");
    else s.labels.push_back(score > 1.5 ? "c" : score > -0.5 ? "b" : "a");
  }
  for (std::size_t j = 0; j < cols; ++j) s.X.add_float64("x" + std::to_string(j), data[j]);
  return s;
}

}  // namespace ferry::testing
