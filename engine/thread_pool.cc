#include "engine/thread_pool.h"

#include "engine/cancel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
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
  // The first exception thrown by any worker (Cancelled, bad_alloc, ...): the others stop
  // claiming work, and it is rethrown on the calling thread once every worker has joined.
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto run = [&](int worker) {
    try {
      for (;;) {
        if (failed.load(std::memory_order_relaxed)) return;
        const std::size_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
        if (begin >= count) return;
        const std::size_t end = std::min(count, begin + chunk);
        for (std::size_t i = begin; i < end; ++i) body(i, worker);
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed.store(true, std::memory_order_relaxed);
    }
  };
  // Workers run under the caller's cancellation scope (its deadline and shutdown flag), so a
  // parallel loop stops at the same deadline as the query that started it.
  const cancel_internal::State caller = cancel_internal::t_state;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(n - 1));
  for (int w = 1; w < n; ++w)
    threads.emplace_back([&run, &caller, w] {
      std::optional<CancelScope> scope;
      if (caller.active) scope.emplace(caller.deadline, caller.stop);
      run(w);
    });
  run(0);
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace careergraph
