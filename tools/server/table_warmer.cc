#include "tools/server/table_warmer.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <exception>

#include "engine/landmarks.h"

namespace careergraph::server {

// Nice value of the table-building thread: well below the request threads (0).
constexpr int kBackgroundNice = 10;

void TableWarmer::Start(GraphPtr g) {
  Wait();
  thread_ = std::thread([g = std::move(g)] {
    // Advisory: where lowering the priority is not allowed the tables are built all the same.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kBackgroundNice);
    try {
      for (Metric m : {Metric::kYears, Metric::kHops, Metric::kRisk}) (void)g->landmarks(m);
    } catch (const std::exception&) {
      // Out of memory: searches stay plain Dijkstra on this graph, exact and slower.
    }
  });
}

void TableWarmer::Wait() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace careergraph::server
