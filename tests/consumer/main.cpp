// Fits a tiny pipeline on synthetic data through the installed ferry package, round-trips it
// through artifact bytes and checks that the loaded copy answers with the same bits.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <ferry/ferry.hpp>

int main() {
  try {
    // Two features; the label is 1 when x1 + 0.5 * x2 is large, with some overlap.
    const std::size_t n = 200;
    std::vector<double> x1(n), x2(n);
    std::vector<std::int64_t> y(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / static_cast<double>(n);
      x1[i] = 10.0 * t + std::sin(7.0 * static_cast<double>(i));
      x2[i] = 3.0 * std::cos(3.0 * static_cast<double>(i));
      y[i] = (x1[i] + 0.5 * x2[i] + 2.0 * std::sin(13.0 * static_cast<double>(i)) > 5.0) ? 1 : 0;
    }
    ferry::Frame X;
    X.add_float64("x1", x1).add_float64("x2", x2);

    ferry::Pipeline pipe({{"scale", ferry::StandardScaler{}}, {"model", ferry::LogisticRegression{}}});
    pipe.fit(X, ferry::Target(y));

    const std::vector<std::uint8_t> bytes = pipe.to_bytes({{"owner", "consumer-test"}});
    const ferry::Pipeline loaded = ferry::Pipeline::from_bytes(bytes);

    const ferry::Row row{{"x1", 7.5}, {"x2", -1.0}};
    const std::vector<double> p0 = pipe.predict_proba(row);
    const std::vector<double> p1 = loaded.predict_proba(row);
    if (p1.size() != 2 || loaded.classes().size() != 2) {
      std::fprintf(stderr, "consumer: expected 2 classes, found %zu\n", p1.size());
      return 1;
    }
    if (std::memcmp(p0.data(), p1.data(), p0.size() * sizeof(double)) != 0) {
      std::fprintf(stderr, "consumer: loaded pipeline disagrees: %a vs %a\n", p0[1], p1[1]);
      return 1;
    }
    if (!(p1[1] > 0.5 && p1[1] < 1.0)) {
      std::fprintf(stderr, "consumer: implausible probability %.17g\n", p1[1]);
      return 1;
    }
    std::printf("ferry %s: %zu artifact bytes, P(class %s | x1=7.5, x2=-1) = %.6f\n",
                ferry::kVersion, bytes.size(), loaded.classes()[1].to_string().c_str(), p1[1]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
}
