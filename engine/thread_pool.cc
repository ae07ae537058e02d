#include "engine/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace careergraph {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

int WorkersFor(std::size_t count, int workers) {
  if (count == 0) return 1;
  const std::size_t w = static_cast<std::size_t>(std::max(1, workers));
  return static_cast<int>(std::min(w, count));
}

void ParallelFor(std::size_t count, int workers, const std::function<void(std::size_t, int)>& body,
                 std::size_t chunk) {
  if (count == 0) return;
  chunk = std::max<std::size_t>(1, chunk);
  const int n = WorkersFor(count, workers);
  std::atomic<std::size_t> next{0};
  auto run = [&](int worker) {
    for (;;) {
      const std::size_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
      if (begin >= count) return;
      const std::size_t end = std::min(count, begin + chunk);
      for (std::size_t i = begin; i < end; ++i) body(i, worker);
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(n - 1));
  for (int w = 1; w < n; ++w) threads.emplace_back(run, w);
  run(0);
  for (auto& t : threads) t.join();
}

}  // namespace careergraph
