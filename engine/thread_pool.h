// Data-parallel loops for the batch analysis (ParallelFor hands out indices [0, count) to a
// few worker threads), and two-way steps of a load (RunBoth, below).
//
// Design choices:
//  - Work is claimed dynamically in small chunks from one atomic counter, so uneven items
//    (one large ladder among small ones, sources reaching different parts of a graph)
//    balance themselves; there is no queue and no per-item allocation.
//  - A worker index in [0, workers) is passed to the body so it can keep per-worker
//    scratch space and accumulators without locks. Which worker gets which item is not
//    deterministic; callers that need thread-count-independent results must combine
//    per-worker partials with an associative, exact operation (see betweenness.h).
//  - ParallelFor starts its threads per call and joins them before returning: its loops run
//    for milliseconds to minutes, so a persistent pool would save nothing measurable. A
//    load's two-way steps take well under a millisecond at 1k positions, so RunBoth keeps
//    one spare thread for the process instead (see there).
//  - The calling thread is worker 0, so ParallelFor with one worker spawns nothing.
//  - Workers inherit the caller's cancellation scope (cancel.h): a parallel loop inside a
//    query stops at the query's deadline. An exception in any worker stops the others from
//    claiming more work and is rethrown to the caller after every worker has joined.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <thread>

namespace careergraph {

// 0 means "one per hardware thread"; anything else is taken as is (at least 1).
int ResolveThreads(int requested);

// Calls body(index, worker) once for every index in [0, count), on up to `workers`
// threads (never more than `count`). Returns when every call has returned. `chunk` is how
// many consecutive indices a worker claims at a time.
void ParallelFor(std::size_t count, int workers, const std::function<void(std::size_t index, int worker)>& body,
                 std::size_t chunk = 1);

// The number of workers ParallelFor will actually use for `count` items.
int WorkersFor(std::size_t count, int workers);

namespace thread_internal {
struct Spare;
// Starts task(context) on the process's spare thread (started on first use) and returns
// it; nullptr when another caller's task has it (or no thread could be started).
Spare* StartOnSpare(void (*task)(void*), void* context);
// Waits until the task started on `spare` has returned, then frees it for the next caller.
void FinishOnSpare(Spare* spare);
}  // namespace thread_internal

// Two halves of one step side by side (Build's positions and edges; the CSV reader's scan
// and read of a large table): `a` on a second thread and `b` on this one when `parallel`,
// else `a` then `b`. Both always run to the end; an exception from either is rethrown here
// after both are done (`b`'s when both throw).
//
// The second thread is the process's spare one, parked between steps: loading a ladder
// takes three such steps, and starting a thread for each cost about 0.1 ms of a 1k-position
// load's 1 ms. A caller that finds it busy (a step inside `a`, or another thread's step)
// starts a thread of its own, so steps never wait for each other; so does a caller at
// another CPU priority than the spare thread's, so `a` always runs at the caller's.
template <typename A, typename B>
void RunBoth(bool parallel, A&& a, B&& b) {
  if (!parallel) {
    a();
    b();
    return;
  }
  std::exception_ptr error;
  auto run_a = [&]() noexcept {
    try {
      a();
    } catch (...) {
      error = std::current_exception();
    }
  };
  using RunA = decltype(run_a);
  std::optional<std::thread> own;
  thread_internal::Spare* spare =
      thread_internal::StartOnSpare([](void* f) { (*static_cast<RunA*>(f))(); }, &run_a);
  if (spare == nullptr) own.emplace(run_a);
  auto join = [&] {
    if (own) own->join();
    else thread_internal::FinishOnSpare(spare);
  };
  try {
    b();
  } catch (...) {
    join();
    throw;
  }
  join();
  if (error) std::rethrow_exception(error);
}

}  // namespace careergraph
