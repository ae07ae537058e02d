// TableWarmer: builds a freshly loaded graph's landmark tables in the background, at a lower
// CPU priority than the threads serving requests.
//
// Design choices:
//  - Unconstrained routes need no tables (bidirectional_search.h); only goal-directed
//    searches for constrained routes, alternatives and trade-offs use them, and those fall
//    back to plain Dijkstra, exact and slower, until the tables exist (the server's limits
//    never let a request build them: RouteLimits::build_landmarks = false). So a reload
//    swaps the new graph in as soon as it is loaded and validated, and this thread builds
//    its tables afterwards, off the request path: the first query after a start or reload
//    never pays for them, and a reload under load takes as long as loading.
//  - The thread lowers its own nice value (Linux keeps one per thread), so on a busy
//    machine the scheduler prefers the request threads; the tables then take longer, and
//    requests do not queue behind them.
//  - One build at a time: a new Start first waits for the previous one (reloads are
//    serialised anyway, and a build takes seconds). The destructor waits too, so the
//    thread never outlives the server.
#pragma once

#include <thread>

#include "engine/career_graph.h"

namespace careergraph::server {

class TableWarmer {
 public:
  TableWarmer() = default;
  TableWarmer(const TableWarmer&) = delete;
  TableWarmer& operator=(const TableWarmer&) = delete;
  ~TableWarmer() { Wait(); }

  // Builds `g`'s landmark tables for every metric on a background thread.
  void Start(GraphPtr g);
  // Returns once the build in progress, if any, is done.
  void Wait();

 private:
  std::thread thread_;
};

}  // namespace careergraph::server
