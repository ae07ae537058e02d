// RunBoth: both halves run to the end, on two threads, the second of them the process's
// spare thread when it is free; errors come back to the caller; a busy spare thread or a
// forked child never makes a step wait.
#include "engine/thread_pool.h"
#include "tests/test_util.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>

#include <atomic>
#include <csignal>
#include <stdexcept>
#include <thread>
#include <vector>

namespace careergraph {
namespace {

TEST(RunBoth, RunsBothHalvesOnTwoThreadsAndTheFirstOnTheSameSpareThreadEachTime) {
  thread_local int steps_here = 0;  // first halves run on this thread
  std::thread::id a_thread, b_thread;
  int a_value = 0, b_value = 0, a_steps = 0;
  RunBoth(true, [&] { a_thread = std::this_thread::get_id(), a_value = 1, a_steps = ++steps_here; },
          [&] { b_thread = std::this_thread::get_id(), b_value = 2; });
  EXPECT_EQ(a_value, 1);
  EXPECT_EQ(b_value, 2);
  EXPECT_EQ(b_thread, std::this_thread::get_id());
  EXPECT_NE(a_thread, b_thread);
  // No thread is started per step: the next steps' first halves run where the first one's did.
  for (int i = 0; i < 3; ++i) RunBoth(true, [&] { a_steps = ++steps_here; }, [] {});
  EXPECT_EQ(a_steps, 4);
  EXPECT_EQ(steps_here, 0);  // none of them here
}

TEST(RunBoth, TheSpareThreadTakesNoSignalsTheCallerWouldTake) {
  // A program waiting for SIGTERM with sigwait blocks it in its own threads; a signal must
  // never land on a thread it does not know of, whatever the mask of the step that made it.
  sigset_t none, before;
  sigemptyset(&none);
  ASSERT_EQ(pthread_sigmask(SIG_SETMASK, &none, &before), 0);
  bool term_blocked = false, hup_blocked = false, checked = false;
  RunBoth(
      true,
      [&] {
        sigset_t mask;
        checked = pthread_sigmask(SIG_BLOCK, nullptr, &mask) == 0;
        term_blocked = sigismember(&mask, SIGTERM) == 1;
        hup_blocked = sigismember(&mask, SIGHUP) == 1;
      },
      [] {});
  sigset_t after;
  ASSERT_EQ(pthread_sigmask(SIG_SETMASK, &before, &after), 0);
  EXPECT_TRUE(checked);
  EXPECT_TRUE(term_blocked);
  EXPECT_TRUE(hup_blocked);
  EXPECT_EQ(sigismember(&after, SIGTERM), 0) << "the caller's own mask is left as it was";
}

TEST(RunBoth, InSequenceWhenNotParallel) {
  std::vector<int> order;
  RunBoth(false, [&] { order.push_back(1); }, [&] { order.push_back(2); });
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(RunBoth, AnErrorInEitherHalfReachesTheCallerAfterBothEndAndTheNextStepRuns) {
  std::atomic<bool> b_ended{false};
  EXPECT_THROW(RunBoth(true, [] { throw std::runtime_error("first half"); }, [&] { b_ended = true; }),
               std::runtime_error);
  EXPECT_TRUE(b_ended);
  std::atomic<bool> a_ended{false};
  try {
    RunBoth(true, [&] { a_ended = true; }, [] { throw std::logic_error("second half"); });
    ADD_FAILURE() << "no error";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "second half");
  }
  EXPECT_TRUE(a_ended);
  try {  // both: the caller's own half's error
    RunBoth(true, [] { throw std::runtime_error("a"); }, [] { throw std::logic_error("b"); });
    ADD_FAILURE() << "no error";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "b");
  }
  int after_a = 0, after_b = 0;  // one each: the halves run at the same time
  RunBoth(true, [&] { after_a = 1; }, [&] { after_b = 10; });
  EXPECT_EQ(after_a + after_b, 11);
}

TEST(RunBoth, AStepInsideAStepRunsOnAThreadOfItsOwn) {
  int inner_a = 0, inner_b = 0, outer_b = 0;
  std::thread::id spare, inner;
  RunBoth(
      true,
      [&] {
        spare = std::this_thread::get_id();
        RunBoth(true, [&] { inner = std::this_thread::get_id(), inner_a = 1; }, [&] { inner_b = 1; });
      },
      [&] { outer_b = 1; });
  EXPECT_EQ(inner_a + inner_b + outer_b, 3);
  EXPECT_NE(inner, spare);
}

TEST(RunBoth, CallersOnManyThreadsAtOnceEachGetBothHalvesRun) {
  constexpr int kCallers = 4, kSteps = 300;
  std::vector<long> sums(kCallers, 0);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c)
    callers.emplace_back([&sums, c] {
      for (int i = 0; i < kSteps; ++i) {
        long a = 0, b = 0;
        RunBoth(true, [&] { a = i; }, [&] { b = 2 * i; });
        sums[c] += a + b;
      }
    });
  for (auto& t : callers) t.join();
  for (int c = 0; c < kCallers; ++c) EXPECT_EQ(sums[c], 3L * kSteps * (kSteps - 1) / 2) << "caller " << c;
}

int ThisThreadNice() { return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))); }

TEST(RunBoth, TheFirstHalfRunsAtTheCallersPriority) {
  RunBoth(true, [] {}, [] {});  // the spare thread, at this thread's priority
  const int usual = ThisThreadNice();
  int caller = usual, first_half = usual;
  std::thread lowered([&] {  // as the server's reload thread does
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), usual + 3) != 0) return;
    caller = ThisThreadNice();
    RunBoth(true, [&] { first_half = ThisThreadNice(); }, [] {});
  });
  lowered.join();
  if (caller == usual) GTEST_SKIP() << "this system does not let a thread lower its priority";
  EXPECT_EQ(first_half, caller);
  int again = usual + 100;
  RunBoth(true, [&] { again = ThisThreadNice(); }, [] {});
  EXPECT_EQ(again, usual);
}

TEST(RunBoth, AForkedChildRunsStepsWithoutItsParentsSpareThread) {
  if (testing::kThreadSanitizer)
    GTEST_SKIP() << "ThreadSanitizer does not support threads started after a multi-threaded fork";
  RunBoth(true, [] {}, [] {});  // the parent's spare thread is running
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(10);  // a step waiting for the parent's thread would hang: end it instead
    int a = 0, b = 0;
    RunBoth(true, [&] { a = 1; }, [&] { b = 1; });
    RunBoth(true, [&] { a += 1; }, [&] { b += 1; });
    _exit(a == 2 && b == 2 ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "the child did not end by itself (signal " << WTERMSIG(status) << ")";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace careergraph
