// Cancellation: every long-running engine loop stops at its caller's deadline or shutdown.
//
// Design choices:
//  - The caller opens a CancelScope (a deadline, and optionally a flag that a shutdown sets)
//    on the thread that runs the query; engine loops call PollCancel() once per unit of work
//    (a settled position, a plan state, a betweenness source). Nothing about cancellation is
//    passed through the query signatures, so every query and every front end gets it alike.
//  - PollCancel is a thread-local counter: one clock read every 1024 calls, so a query stops
//    within a few milliseconds of its deadline at no measurable cost to the search.
//  - A cancelled query unwinds by throwing Cancelled, which the scope's owner turns into a
//    DEADLINE_EXCEEDED answer (engine code holds its memory in RAII containers, so unwinding
//    frees it). Without a scope, PollCancel does nothing: the CLI and batch runs compute to
//    the end.
//  - Threads a query starts through ParallelFor (thread_pool.h) run under the caller's scope:
//    the same deadline and shutdown flag; a Cancelled thrown there reaches the caller.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <exception>
#include <algorithm>

namespace careergraph {

struct Cancelled : std::exception {
  explicit Cancelled(bool by_shutdown) : shutdown(by_shutdown) {}
  const char* what() const noexcept override {
    return shutdown ? "the query was stopped: the server is shutting down" : "the query was stopped at its deadline";
  }
  bool shutdown;  // stopped by the shutdown flag rather than the deadline
};

class CancelScope {
 public:
  using Clock = std::chrono::steady_clock;
  // `stop` may be null; Clock::time_point::max() means no deadline.
  CancelScope(Clock::time_point deadline, const std::atomic<bool>* stop = nullptr);
  ~CancelScope();
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  bool was_active_;
  Clock::time_point was_deadline_;
  const std::atomic<bool>* was_stop_;
};

namespace cancel_internal {
struct State {
  bool active = false;
  std::uint32_t ticks = 0;
  std::chrono::steady_clock::time_point deadline{};
  const std::atomic<bool>* stop = nullptr;
};
inline thread_local State t_state;
void Check();  // throws Cancelled when the deadline passed or the flag is set
}  // namespace cancel_internal

// Checks now, whatever the counter says: before a large allocation or other long step.
inline void CheckCancelNow() {
  if (cancel_internal::t_state.active) cancel_internal::Check();
}

// Fills `v` with `n` copies of `x` a block at a time, checking for cancellation between
// blocks: a plan's tables run to hundreds of megabytes, whose first touch alone takes long.
template <typename Vec, typename T>
void AssignCancellable(Vec& v, std::size_t n, const T& x) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  v.clear();
  v.reserve(n);
  while (v.size() < n) {
    CheckCancelNow();
    v.insert(v.end(), std::min(kBlock, n - v.size()), x);
  }
}

// Called from the engine's loops; cheap enough for the innermost one.
inline void PollCancel() {
  auto& s = cancel_internal::t_state;
  if (!s.active || (++s.ticks & 1023u) != 0) return;
  cancel_internal::Check();
}

}  // namespace careergraph
