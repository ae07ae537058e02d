// GraphHolder: the graph the server answers from, swapped atomically on reload.
//
// Design choices:
//  - A request takes one snapshot (a shared_ptr to an immutable GraphSnapshot) when it
//    starts and uses it to the end, so a reload never mixes two graphs inside one answer and
//    in-flight requests finish on the graph they started with; the old graph goes when its
//    last request lets go.
//  - The pointer is guarded by a mutex held only to copy or replace it: taking a snapshot is
//    one lock and one reference-count increment, and loading (seconds for a large graph)
//    happens outside the lock, so serving never waits for a reload.
//  - Reloads are serialised with each other. A new graph must load, validate (the readers'
//    errors and CareerGraph::Build's checks) and hold at least one position; otherwise the
//    reload fails with the loader's error and the old graph keeps serving.
//  - An admin reload (ReloadRequested: the HTTP endpoint) reads only the graph the server
//    was started with or a file inside the configured reload directory (serve --reload-dir),
//    symbolic links resolved first; anything else is refused before it is opened, so the
//    endpoint cannot be pointed at /etc/passwd. The server's own reloads (start, SIGHUP,
//    Reload) are not limited.
//  - Everything a reload does while the server answers runs off the request threads, at a
//    lower CPU priority (background.h): loading and building the new graph on a thread of
//    its own at kReloadNice (whoever asked, SIGHUP's thread or the admin endpoint's), then
//    the new graph's landmark tables (landmarks.h) after the swap at kBackgroundNice
//    (table_warmer.h), so a reload takes as long as loading and no request waits for the
//    tables. Once the new graph is in, the replaced graph's table build stops rather than
//    being waited for; a refused reload leaves the serving graph's build running.
//  - A replaced graph is freed on a background thread too, whichever thread lets go of it
//    last: at a million positions freeing takes a tenth of a second or more, which the
//    last request on the old graph would otherwise pay.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "careergraph/v1/service.pb.h"
#include "engine/career_graph.h"
#include "engine/route.h"
#include "engine/status.h"
#include "tools/server/table_warmer.h"

namespace careergraph::server {

struct GraphSnapshot {
  GraphPtr graph;
  std::string source;  // the spec it was loaded from: "default", "onet" or a path
  std::chrono::system_clock::time_point loaded_at;
  std::uint64_t generation = 0;
  double load_seconds = 0;

  const std::string& version() const { return graph->metadata().version(); }
  v1::GraphInfo Info() const;
};

using SnapshotPtr = std::shared_ptr<const GraphSnapshot>;

class GraphHolder {
 public:
  // Turns a spec into a built graph; io::OpenGraph unless a test substitutes another.
  using Loader = std::function<StatusOr<GraphPtr>(const std::string& spec)>;

  GraphHolder();
  explicit GraphHolder(Loader loader);
  ~GraphHolder();
  GraphHolder(const GraphHolder&) = delete;
  GraphHolder& operator=(const GraphHolder&) = delete;

  // Loads `spec` and makes it current (the first load and every reload).
  // `spec` empty = the source of the current graph.
  StatusOr<v1::ReloadResponse> Reload(const std::string& spec = "");

  // As Reload, for a spec a client sent: only the configured graph (the first one loaded),
  // or with a reload directory set, a file inside it (a relative spec is taken inside it).
  StatusOr<v1::ReloadResponse> ReloadRequested(const std::string& spec);
  // The directory ReloadRequested may read snapshots from; empty = none.
  void set_reload_dir(std::string dir) { reload_dir_ = std::move(dir); }

  // Null until the first successful Reload.
  SnapshotPtr Current() const;

  std::uint64_t reloads_ok() const { return reloads_ok_.load(std::memory_order_relaxed); }
  std::uint64_t reloads_failed() const { return reloads_failed_.load(std::memory_order_relaxed); }

  // Whether graphs are given landmark tables in the background after loading (on unless a
  // test turns it off to watch requests run without them). Set before the first Reload.
  void set_warm_tables(bool warm) { warm_tables_ = warm; }
  // The least graph given tables: the served limits' RouteLimits::landmark_min_positions,
  // the size from which their searches use tables at all (the Service sets it from its
  // limits). Set before the first Reload.
  void set_table_min_positions(std::uint32_t positions) { table_min_positions_ = positions; }
  // Whether `g` (the current graph) has had its blocks promoted to huge pages in the
  // background, after its tables (table_warmer.h, engine/huge_pages.h).
  bool InHugePages(const CareerGraph* g) const { return warmer_.InHugePages(g); }

  // Frees snapshots handed to it on a thread of its own (see above). Shared with every
  // snapshot's deleter, which may outlive the holder: once closed, a snapshot is freed where
  // it is let go.
  class Reaper;

 private:
  StatusOr<v1::ReloadResponse> LoadAndSwap(const std::string& spec, const SnapshotPtr& old);

  Loader loader_;
  std::mutex reload_mu_;       // one reload at a time
  mutable std::mutex ptr_mu_;  // guards current_ only
  SnapshotPtr current_;
  std::string configured_;  // the first spec loaded (guarded by reload_mu_)
  std::string reload_dir_;  // set before serving
  std::atomic<std::uint64_t> reloads_ok_{0}, reloads_failed_{0};
  bool warm_tables_ = true;
  std::uint32_t table_min_positions_ = RouteLimits{}.landmark_min_positions;
  std::shared_ptr<Reaper> reaper_;
  std::thread reaper_thread_;
  TableWarmer warmer_;  // last, so it is destroyed (and stopped) first
};

// RFC 3339 in UTC with milliseconds: "2026-01-31T12:34:56.789Z".
std::string FormatTime(std::chrono::system_clock::time_point t);

}  // namespace careergraph::server
