#include "tools/server/table_warmer.h"

#include <chrono>
#include <exception>

#include "engine/best_fit_tables.h"
#include "engine/cancel.h"
#include "engine/huge_pages.h"
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
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_.store(false);
    ready_ = false;
  }
  building_ = g.get();
  thread_ = std::thread([this, g = std::move(g)] {
    LowerThisThreadPriority(kBackgroundNice);
    bool tables = false;
    try {
      const CancelScope scope(std::chrono::steady_clock::time_point::max(), &stop_);
      for (Metric m : {Metric::kYears, Metric::kHops, Metric::kRisk}) (void)g->landmarks(m);
      tables = true;
      SetReady();
      // The graph and its tables were loaded and built in small pages (engine/huge_pages.h);
      // searches read them in huge ones from here on.
      PromoteToHugePages(&stop_);
      if (!stop_.load()) promoted_.store(g.get());
      // Then, for as long as the graph is served, the tables of the best-fit weightings its
      // requests ask for most (best_fit_tables.h), one at a time as each becomes wanted.
      std::unique_lock<std::mutex> lock(mu_);
      while (!stop_.load()) {
        lock.unlock();
        if (auto w = g->best_fit_tables().Wanted(*g); w && g->best_fit_tables().Build(*g, *w))
          PromoteToHugePages(&stop_);  // the new tables' blocks
        lock.lock();
        cv_.wait_for(lock, kWantedPoll, [this] { return stop_.load(); });
      }
    } catch (const Cancelled&) {
      if (!tables) {
        std::lock_guard<std::mutex> lock(stopped_mu_);
        stopped_.push_back(g);
      }
    } catch (const std::exception&) {
      // Out of memory: searches stay plain Dijkstra (or on the years table) on this graph,
      // exact and slower.
    }
    SetReady();
  });
}

void TableWarmer::SetReady() {
  std::lock_guard<std::mutex> lock(mu_);
  ready_ = true;
  cv_.notify_all();
}

void TableWarmer::Wait() {
  if (!thread_.joinable()) return;
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return ready_; });
}

void TableWarmer::Cancel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_.store(true);
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  promoted_.store(nullptr);  // after the thread, which may have set it meanwhile
}

}  // namespace careergraph::server
