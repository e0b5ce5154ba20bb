#pragma once
// Splits a large batch into contiguous row ranges run on several threads. Each row still goes
// through the same kernel, so results are the same bits whatever the split.
#include <cstddef>
#include <functional>

namespace ferry::detail {

/// Below this many rows a batch runs on the calling thread: starting threads would cost more.
inline constexpr std::size_t kRowsPerThread = 32768;

/// Threads a batch may use: $FERRY_NUM_THREADS when set (>= 1), else the hardware's count.
std::size_t batch_threads();

/// Runs fn over `parts` contiguous ranges of [0, n_rows) on as many threads. If ranges throw, the
/// exception of the earliest range is rethrown, as a sequential run would have thrown.
void run_parts(std::size_t n_rows, std::size_t parts,
               const std::function<void(std::size_t, std::size_t)>& fn);

/// Calls fn(begin, end) over [0, n_rows): on the calling thread, allocating nothing, unless the
/// batch is large enough to split over threads.
template <class Fn>
void parallel_rows(std::size_t n_rows, Fn&& fn) {
  const std::size_t threads = batch_threads();
  const std::size_t parts = n_rows / kRowsPerThread < threads ? n_rows / kRowsPerThread : threads;
  if (parts <= 1) {
    fn(std::size_t{0}, n_rows);
    return;
  }
  run_parts(n_rows, parts, fn);
}

}  // namespace ferry::detail
