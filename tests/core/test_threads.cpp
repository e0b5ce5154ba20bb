// A fitted pipeline is immutable: many threads predicting at once get the single-thread bits.
#include <catch2/catch.hpp>
#include <cstring>
#include <thread>
#include <vector>

#include "ferry/ferry.hpp"
#include "support/synthetic.hpp"

using namespace ferry;

TEST_CASE("8 threads predict the same bits as one", "[threads]") {
  auto data = testing::make_synthetic(400, 4, 3);
  Pipeline p({{"impute", SimpleImputer{}}, {"scale", StandardScaler{}}, {"model", LogisticRegression{}}});
  p.fit(data.X, Target(data.labels));
  // Loaded from bytes too, so the shared state under test is also what a server holds.
  Pipeline loaded = Pipeline::from_bytes(p.to_bytes());
  const std::size_t n = data.X.rows(), d = 4, k = 3;
  std::vector<double> rows(n * d);
  for (std::size_t j = 0; j < d; ++j)
    for (std::size_t i = 0; i < n; ++i)
      rows[i * d + j] = std::get<std::vector<double>>(data.X.column(j).data)[i];
  std::vector<double> expected(n * k);
  loaded.predict_proba(rows.data(), n, d, expected.data());

  constexpr int kThreads = 8, kRounds = 50;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<double> out(k);
      for (int round = 0; round < kRounds; ++round) {
        for (std::size_t i = 0; i < n; ++i) {
          loaded.predict_proba(rows.data() + i * d, d, out.data(), k);
          if (std::memcmp(out.data(), expected.data() + i * k, k * sizeof(double)) != 0)
            ++mismatches[t];
        }
        if (round % 10 == 0) {  // the Row and Frame paths share the state too
          Array2D batch = loaded.predict_proba(data.X);
          if (std::memcmp(batch.values.data(), expected.data(), n * k * sizeof(double)) != 0)
            ++mismatches[t];
          auto bytes = loaded.to_bytes();  // concurrent saves are safe as well
          if (bytes.empty()) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) CHECK(mismatches[t] == 0);
}
