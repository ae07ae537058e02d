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
//  - The thread runs at kBackgroundNice (background.h), so on a busy machine the scheduler
//    prefers the request threads; the tables then take longer, and requests do not queue
//    behind them.
//  - One build at a time, and only for the graph being served: Start first stops the
//    build in progress (its searches poll a cancellation flag, engine/cancel.h, so it ends
//    within milliseconds) instead of waiting for it. A reload under load used to wait for
//    the previous graph's tables, which at low priority took most of the reload's time.
//  - A graph whose build was stopped half-way is never given tables again: the engine
//    builds each table under std::call_once, and calling it again after a build unwound
//    by an exception is not reliable everywhere (it hangs under ThreadSanitizer's
//    pthread_once, and on some libstdc++ targets). Its searches stay plain Dijkstra, exact
//    and slower; in the server such a graph has already been replaced.
//  - Once the tables are built, the thread stays with the graph it warmed: every
//    kWantedPoll it asks the graph for the best-fit weighting its requests want tables for
//    (BestFitTables::Wanted: asked for often enough, and worth keeping) and builds them, at
//    the same low priority. A request never builds them; until they exist it searches on
//    the years table, exact either way.
//  - With the tables built, the thread promotes the blocks of the graph and its tables to
//    huge pages (PromoteToHugePages, engine/huge_pages.h: loads use small pages, which cost
//    less to make on a VM that hands free memory back to its host), again after each
//    best-fit table, at the same low priority.
//  - The destructor stops the build too, so the thread never outlives the server.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/career_graph.h"

namespace careergraph::server {

class TableWarmer {
 public:
  TableWarmer() = default;
  TableWarmer(const TableWarmer&) = delete;
  TableWarmer& operator=(const TableWarmer&) = delete;
  ~TableWarmer() { Cancel(); }

  // Builds `g`'s landmark tables for every metric on a background thread, after stopping
  // the build in progress (unless that is `g`'s own); does nothing for a graph whose build
  // was stopped before. Not thread-safe: one caller at a time (the holder's reloads are).
  void Start(GraphPtr g);
  // Returns once the landmark tables of the graph being warmed are built (or their build
  // ended without them); the thread then goes on with best-fit tables until Cancel.
  void Wait();
  // Stops the build in progress, if any, and returns once its thread has ended.
  void Cancel();
  // Whether `g`'s blocks have been promoted to huge pages (after its tables were built).
  bool InHugePages(const CareerGraph* g) const { return g != nullptr && promoted_.load() == g; }

 private:
  static constexpr std::chrono::milliseconds kWantedPoll{100};
  void SetReady();

  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;               // guards ready_; cv_ wakes Wait and the polling thread
  std::condition_variable cv_;
  bool ready_ = false;
  const CareerGraph* building_ = nullptr;  // the graph of thread_ (compared, never read)
  std::atomic<const CareerGraph*> promoted_{nullptr};  // the graph last promoted (compared, never read)
  std::mutex stopped_mu_;
  std::vector<std::weak_ptr<const CareerGraph>> stopped_;  // builds stopped half-way
};

}  // namespace careergraph::server
