#include "engine/cancel.h"

namespace careergraph {

CancelScope::CancelScope(Clock::time_point deadline, const std::atomic<bool>* stop) {
  auto& s = cancel_internal::t_state;
  was_active_ = s.active;
  was_deadline_ = s.deadline;
  was_stop_ = s.stop;
  s.active = true;
  s.deadline = deadline;
  s.stop = stop;
  s.ticks = 0;
}

CancelScope::~CancelScope() {
  auto& s = cancel_internal::t_state;
  s.active = was_active_;
  s.deadline = was_deadline_;
  s.stop = was_stop_;
}

namespace cancel_internal {

void Check() {
  const State& s = t_state;
  if (s.stop && s.stop->load(std::memory_order_relaxed)) throw Cancelled(true);
  if (s.deadline != std::chrono::steady_clock::time_point::max() && std::chrono::steady_clock::now() > s.deadline)
    throw Cancelled(false);
}

}  // namespace cancel_internal
}  // namespace careergraph
