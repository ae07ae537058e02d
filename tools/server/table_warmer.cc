#include "tools/server/table_warmer.h"

#include <chrono>
#include <exception>

#include "engine/cancel.h"
#include "engine/landmarks.h"
#include "tools/server/background.h"

namespace careergraph::server {

void TableWarmer::Start(GraphPtr g) {
  if (thread_.joinable() && building_ == g.get()) return;  // the same graph again: keep going
  Cancel();
  {
    std::lock_guard<std::mutex> lock(stopped_mu_);
    std::erase_if(stopped_, [](const auto& w) { return w.expired(); });
    for (const auto& w : stopped_)
      if (w.lock() == g) return;
  }
  stop_.store(false);
  building_ = g.get();
  thread_ = std::thread([this, g = std::move(g)] {
    LowerThisThreadPriority(kBackgroundNice);
    try {
      const CancelScope scope(std::chrono::steady_clock::time_point::max(), &stop_);
      for (Metric m : {Metric::kYears, Metric::kHops, Metric::kRisk}) (void)g->landmarks(m);
    } catch (const Cancelled&) {
      std::lock_guard<std::mutex> lock(stopped_mu_);
      stopped_.push_back(g);
    } catch (const std::exception&) {
      // Out of memory: searches stay plain Dijkstra on this graph, exact and slower.
    }
  });
}

void TableWarmer::Wait() {
  if (thread_.joinable()) thread_.join();
}

void TableWarmer::Cancel() {
  stop_.store(true);
  Wait();
}

}  // namespace careergraph::server
