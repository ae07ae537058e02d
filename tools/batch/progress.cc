#include "tools/batch/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace careergraph::batch {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled) : enabled_(enabled) {
  if (enabled_) thread_ = std::thread([this] { Loop(); });
}

Progress::~Progress() {
  Done();
}

void Progress::Stage(const std::string& label, std::uint64_t total) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  label_ = label;
  total_ = total;
  done_.store(0, std::memory_order_relaxed);
}

void Progress::Draw() {
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const std::uint64_t total = total_ == 0 ? 1 : total_;
  const double frac = done >= total ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  std::string label = label_;
  if (label.size() > 40) label = "..." + label.substr(label.size() - 37);
  char line[160];
  std::snprintf(line, sizeof line, "[%s] %3d%% %llu/%llu %s", bar.c_str(), static_cast<int>(frac * 100),
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), label.c_str());
  if (line == last_line_) return;
  last_line_ = line;
  std::fprintf(stderr, "\r\033[K%s", line);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (total_ > 0) Draw();
    cv_.wait_for(lock, std::chrono::milliseconds(200));
  }
}

void Progress::Done() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
    if (drawn_) {
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    }
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace careergraph::batch
