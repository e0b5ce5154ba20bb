#include "pipeline/parallel.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <thread>
#include <vector>

namespace ferry::detail {

std::size_t batch_threads() {
  static const std::size_t threads = [] {
    if (const char* env = std::getenv("FERRY_NUM_THREADS")) {
      long v = std::strtol(env, nullptr, 10);
      if (v >= 1) return static_cast<std::size_t>(v);
    }
    return std::max<std::size_t>(1, std::thread::hardware_concurrency());
  }();
  return threads;
}

void run_parts(std::size_t n_rows, std::size_t parts,
               const std::function<void(std::size_t, std::size_t)>& fn) {
  std::vector<std::exception_ptr> errors(parts);
  std::vector<std::thread> workers;
  workers.reserve(parts - 1);
  const std::size_t step = (n_rows + parts - 1) / parts;
  auto run = [&](std::size_t part) {
    const std::size_t begin = part * step, end = std::min(n_rows, begin + step);
    try {
      fn(begin, end);
    } catch (...) {
      errors[part] = std::current_exception();
    }
  };
  for (std::size_t part = 1; part < parts; ++part) workers.emplace_back(run, part);
  run(0);
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace ferry::detail
