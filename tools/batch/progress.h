// A progress bar on stderr for long batch runs, drawn only when stderr is a terminal so
// logs, pipes and CI output never see it.
//
// Workers only bump an atomic counter (no locks or I/O in their loops); a background thread
// redraws the line a few times a second.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace careergraph::batch {

bool StderrIsTerminal();

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a new stage: `label` with `total` steps; counter() restarts at zero.
  void Stage(const std::string& label, std::uint64_t total);
  std::atomic<std::uint64_t>& counter() { return done_; }
  // Clears the line (also done by the destructor).
  void Done();

 private:
  void Draw();
  void Loop();

  bool enabled_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  std::string label_;
  std::uint64_t total_ = 0;
  bool stop_ = false;
  bool drawn_ = false;
  std::string last_line_;  // what is on screen, so an unchanged line is not redrawn
  std::thread thread_;
};

}  // namespace careergraph::batch
