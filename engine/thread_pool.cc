#include "engine/thread_pool.h"

#include "engine/cancel.h"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace careergraph {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

int WorkersFor(std::size_t count, int workers) {
  if (count == 0) return 1;
  const std::size_t w = static_cast<std::size_t>(std::max(1, workers));
  return static_cast<int>(std::min(w, count));
}

void ParallelFor(std::size_t count, int workers, const std::function<void(std::size_t, int)>& body,
                 std::size_t chunk) {
  if (count == 0) return;
  chunk = std::max<std::size_t>(1, chunk);
  const int n = WorkersFor(count, workers);
  std::atomic<std::size_t> next{0};
  // The first exception thrown by any worker (Cancelled, bad_alloc, ...): the others stop
  // claiming work, and it is rethrown on the calling thread once every worker has joined.
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto run = [&](int worker) {
    try {
      for (;;) {
        if (failed.load(std::memory_order_relaxed)) return;
        const std::size_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
        if (begin >= count) return;
        const std::size_t end = std::min(count, begin + chunk);
        for (std::size_t i = begin; i < end; ++i) body(i, worker);
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed.store(true, std::memory_order_relaxed);
    }
  };
  // Workers run under the caller's cancellation scope (its deadline and shutdown flag), so a
  // parallel loop stops at the same deadline as the query that started it.
  const cancel_internal::State caller = cancel_internal::t_state;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(n - 1));
  for (int w = 1; w < n; ++w)
    threads.emplace_back([&run, &caller, w] {
      std::optional<CancelScope> scope;
      if (caller.active) scope.emplace(caller.deadline, caller.stop);
      run(w);
    });
  run(0);
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

namespace thread_internal {

// The spare thread and the one task it may hold. Its thread runs for the rest of the
// process (detached: nothing joins it at exit), parked on `wake` between tasks.
struct Spare {
  int nice = 0;  // its thread's nice value, its creator's
  std::atomic<bool> claimed{false};  // a caller holds it from StartOnSpare to FinishOnSpare
  std::mutex mutex;
  std::condition_variable wake, done;
  void (*task)(void*) = nullptr;  // the task to run; null once it has returned
  void* context = nullptr;

  void Loop() {
    std::unique_lock lock(mutex);
    for (;;) {
      wake.wait(lock, [&] { return task != nullptr; });
      auto* const run = task;
      void* const with = context;
      lock.unlock();
      run(with);  // RunBoth's task catches what it throws
      lock.lock();
      task = nullptr;
      done.notify_one();
    }
  }
};

namespace {

// The calling thread's nice value (Linux keeps one per thread; a thread starts with its
// creator's).
int ThisThreadNice() {
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  return errno == 0 ? nice : 0;
}

std::mutex g_spare_mutex;
Spare* g_spare = nullptr;  // guarded by g_spare_mutex; never freed (its thread may be parked on it)

Spare* g_left_by_fork = nullptr;  // the parent's, still referenced (not a leak) in a child

// A child of fork() has only the thread that forked: the spare thread is not there, so the
// child starts its own when it first needs one. The lock is held across fork() so the
// child never inherits it held by a thread it does not have.
void LockBeforeFork() { g_spare_mutex.lock(); }
void UnlockInParent() { g_spare_mutex.unlock(); }
void ForgetInChild() {
  if (g_spare != nullptr) g_left_by_fork = g_spare;
  g_spare = nullptr;
  g_spare_mutex.unlock();
}

// Registered when the library loads, before any thread can be in TheSpare: a registration
// on first use could be under way on one thread (its static guard held) while another forks,
// and the child would then wait for that guard forever.
[[maybe_unused]] const int g_fork_handlers = pthread_atfork(LockBeforeFork, UnlockInParent, ForgetInChild);

Spare* TheSpare() {
  std::lock_guard lock(g_spare_mutex);
  if (g_spare == nullptr) {
    auto* spare = new Spare;
    spare->nice = ThisThreadNice();
    // The thread outlives the step that starts it, so it takes no signal: a program that
    // waits for SIGTERM on a thread of its own (sigwait, as `serve` does) blocks it in
    // the threads it starts, and never hears of this one. It starts with every signal
    // blocked, as a thread inherits its creator's mask.
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &before);
    try {
      std::thread([spare] { spare->Loop(); }).detach();
    } catch (const std::system_error&) {  // no thread to be had: the caller's own fails the same way
      pthread_sigmask(SIG_SETMASK, &before, nullptr);
      delete spare;
      return nullptr;
    }
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    g_spare = spare;
  }
  return g_spare;
}

}  // namespace

Spare* StartOnSpare(void (*task)(void*), void* context) {
  Spare* spare = TheSpare();
  // A caller at another priority (the server loads a reloaded graph below its request
  // threads) gets a thread of its own, which has the caller's: the spare thread's cannot be
  // raised again once lowered.
  if (spare == nullptr || spare->nice != ThisThreadNice() ||
      spare->claimed.exchange(true, std::memory_order_acquire))
    return nullptr;
  {
    std::lock_guard lock(spare->mutex);
    spare->task = task;
    spare->context = context;
  }
  spare->wake.notify_one();
  return spare;
}

void FinishOnSpare(Spare* spare) {
  {
    std::unique_lock lock(spare->mutex);
    spare->done.wait(lock, [&] { return spare->task == nullptr; });
  }
  spare->claimed.store(false, std::memory_order_release);
}

}  // namespace thread_internal

}  // namespace careergraph
