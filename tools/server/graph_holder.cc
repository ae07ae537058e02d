#include "tools/server/graph_holder.h"

#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <vector>

#include "engine/landmarks.h"
#include "engine/route.h"
#include "io/graph_source.h"
#include "tools/server/background.h"

namespace careergraph::server {

v1::GraphInfo GraphSnapshot::Info() const {
  v1::GraphInfo info;
  const auto& md = graph->metadata();
  info.set_name(md.name());
  info.set_version(md.version());
  info.set_currency(md.currency());
  info.set_description(md.description());
  info.set_positions(graph->num_positions());
  info.set_transitions(graph->num_transitions());
  info.set_tracks(static_cast<std::uint32_t>(graph->tracks().size()));
  info.set_orgs(static_cast<std::uint32_t>(graph->orgs().size()));
  info.set_source(source);
  info.set_loaded_at(FormatTime(loaded_at));
  info.set_loaded_at_unix_ms(
      std::chrono::duration_cast<std::chrono::milliseconds>(loaded_at.time_since_epoch()).count());
  info.set_generation(generation);
  info.set_load_seconds(load_seconds);
  *info.mutable_sources() = md.sources();
  return info;
}

class GraphHolder::Reaper {
 public:
  // Frees `s` on the reaper's thread, or here once the reaper is closed.
  void Dispose(const GraphSnapshot* s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (open_) {
        queue_.push_back(s);
        cv_.notify_one();
        return;
      }
    }
    delete s;
  }

  // The reaper's thread: frees what it is handed until Close, and what is queued then.
  void Run() {
    LowerThisThreadPriority(kBackgroundNice);
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return !open_ || !queue_.empty(); });
      if (queue_.empty()) return;
      std::vector<const GraphSnapshot*> batch;
      batch.swap(queue_);
      lock.unlock();
      for (const GraphSnapshot* s : batch) delete s;
      lock.lock();
    }
  }

  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = false;
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<const GraphSnapshot*> queue_;
  bool open_ = true;
};

GraphHolder::GraphHolder() : GraphHolder(&io::OpenGraph) {}

GraphHolder::GraphHolder(Loader loader) : loader_(std::move(loader)), reaper_(std::make_shared<Reaper>()) {
  reaper_thread_ = std::thread([r = reaper_] { r->Run(); });
}

GraphHolder::~GraphHolder() {
  warmer_.Cancel();
  reaper_->Close();
  reaper_thread_.join();
}

SnapshotPtr GraphHolder::Current() const {
  std::lock_guard<std::mutex> lock(ptr_mu_);
  return current_;
}

StatusOr<v1::ReloadResponse> GraphHolder::ReloadRequested(const std::string& requested) {
  std::string configured;
  {
    std::lock_guard<std::mutex> reload_lock(reload_mu_);
    configured = configured_;
  }
  if (requested.empty() || requested == configured) return Reload(requested);
  auto refuse = [&] {
    reloads_failed_.fetch_add(1, std::memory_order_relaxed);
    return Status(v1::FAILED_PRECONDITION,
                  "reload reads only the graph this server was started with ('" + configured + "')" +
                      (reload_dir_.empty() ? std::string("; start it with --reload-dir DIR to reload snapshots from DIR")
                                           : " or a file inside the reload directory '" + reload_dir_ + "'") +
                      "; '" + requested + "' is neither")
        .WithField("graph");
  };
  if (reload_dir_.empty()) return refuse();
  // Both sides with symbolic links and ".." resolved: a link inside the directory that points
  // out of it is outside.
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(reload_dir_, ec);
  if (ec) return refuse();
  const fs::path wanted = fs::path(requested).is_absolute() ? fs::path(requested) : fs::path(reload_dir_) / requested;
  const fs::path resolved = fs::weakly_canonical(wanted, ec);
  if (ec) return refuse();
  const fs::path rel = resolved.lexically_relative(dir);
  if (rel.empty() || rel == "." || *rel.begin() == "..") return refuse();
  return Reload(resolved.string());
}

StatusOr<v1::ReloadResponse> GraphHolder::Reload(const std::string& requested) {
  std::lock_guard<std::mutex> reload_lock(reload_mu_);
  SnapshotPtr old = Current();
  std::string spec = requested;
  if (spec.empty()) spec = old ? old->source : "default";
  if (configured_.empty()) configured_ = spec;
  // The first load has nobody to make way for; a reload loads on a thread of its own at a
  // lower priority than the request threads, whoever asked for it.
  if (!old) return LoadAndSwap(spec, old);
  StatusOr<v1::ReloadResponse> result = Status::Internal("the reload thread did not run");
  std::thread loader([&] {
    LowerThisThreadPriority(kReloadNice);
    result = LoadAndSwap(spec, old);
  });
  loader.join();
  return result;
}

StatusOr<v1::ReloadResponse> GraphHolder::LoadAndSwap(const std::string& spec, const SnapshotPtr& old) {
  const auto start = std::chrono::steady_clock::now();
  auto fail = [&](Status st) -> StatusOr<v1::ReloadResponse> {
    reloads_failed_.fetch_add(1, std::memory_order_relaxed);
    return st;
  };
  StatusOr<GraphPtr> loaded = [&]() -> StatusOr<GraphPtr> {
    // The loader reads files; a throw from deep inside a reader must not take the server down.
    try {
      return loader_(spec);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("loading the graph failed: ") + e.what());
    }
  }();
  if (!loaded.ok()) {
    Status st = loaded.status();
    const std::string outcome = old ? "was refused; the current graph keeps serving" : "could not be loaded";
    return fail(Status(st.code(), "graph '" + spec + "' " + outcome + ": " + st.ToString())
                    .WithField("graph")
                    .WithSuggestions(std::vector<std::string>(st.suggestions())));
  }
  if (!*loaded || (*loaded)->num_positions() == 0)
    return fail(Status::InvalidData("graph '" + spec + "' has no positions" +
                                    (old ? "; the current graph keeps serving" : ""))
                    .WithField("graph"));

  // Freed by the reaper, whichever thread lets go of it last.
  std::shared_ptr<GraphSnapshot> next(new GraphSnapshot, [r = reaper_](const GraphSnapshot* s) { r->Dispose(s); });
  next->graph = *loaded;
  next->source = spec;
  next->loaded_at = std::chrono::system_clock::now();
  next->generation = old ? old->generation + 1 : 1;
  next->load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  v1::ReloadResponse resp;
  if (old) *resp.mutable_previous() = old->Info();
  *resp.mutable_current() = next->Info();
  {
    std::lock_guard<std::mutex> lock(ptr_mu_);
    current_ = std::move(next);
  }
  reloads_ok_.fetch_add(1, std::memory_order_relaxed);
  // Landmark tables for goal-directed searches, built after the swap and off the request
  // path (table_warmer.h); the replaced graph's build, if still going, stops.
  if (warm_tables_ && (*loaded)->num_positions() >= table_min_positions_)
    warmer_.Start(*loaded);
  else
    warmer_.Cancel();
  return resp;
}

std::string FormatTime(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace careergraph::server
