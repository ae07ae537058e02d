#include "tools/server/table_warmer.h"

#include <chrono>
#include <exception>

#include "engine/cancel.h"
#include "engine/landmarks.h"
#include "tools/server/background.h"

namespace careergraph::server {

void TableWarmer::Start(GraphPtr g) {
  Cancel();
  stop_.store(false);
  thread_ = std::thread([this, g = std::move(g)] {
    LowerThisThreadPriority(kBackgroundNice);
    try {
      const CancelScope scope(std::chrono::steady_clock::time_point::max(), &stop_);
      for (Metric m : {Metric::kYears, Metric::kHops, Metric::kRisk}) (void)g->landmarks(m);
    } catch (const std::exception&) {
      // Stopped (Cancelled), or out of memory: searches stay plain Dijkstra on this graph,
      // exact and slower.
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
