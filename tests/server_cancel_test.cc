// Cancellation: a query past its deadline stops computing and frees its worker; a graceful
// stop abandons work still running after the drain; /metrics counts both.
#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "bench/synthetic.cc"
#include "careergraph/v1/plan.pb.h"
#include "engine/cancel.h"
#include "engine/plan.h"
#include "engine/reach.h"
#include "tests/test_util.h"
#include "tools/server/server.h"

namespace careergraph::server {
namespace {

using Clock = std::chrono::steady_clock;

// ~10k positions: big enough that a 50-year expected-value plan runs for seconds.
const v1::Graph& BigLadder() {
  static const v1::Graph g = bench::SyntheticLadder({170});
  return g;
}

v1::PlanRequest SlowPlan() {
  v1::PlanRequest req;
  req.set_from(BigLadder().positions(0).id());
  req.set_horizon_years(50);
  req.set_step_years(1.0 / 52);
  req.set_goal(v1::PLAN_GOAL_EXPECTED);
  return req;
}

TEST(Cancel, APassedDeadlineStopsAPlan) {
  auto g = CareerGraph::Build(BigLadder());
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  PlanLimits limits;
  limits.horizon.max_states = 1'000'000'000;
  bool stopped = false;
  try {
    CancelScope scope(Clock::now() + std::chrono::milliseconds(50));
    (void)MakePlan(**g, SlowPlan(), limits);
  } catch (const Cancelled& c) {
    stopped = true;
    EXPECT_FALSE(c.shutdown);
  }
  EXPECT_TRUE(stopped);
}

TEST(Cancel, TheShutdownFlagStopsASearch) {
  auto g = CareerGraph::Build(BigLadder());
  ASSERT_TRUE(g.ok());
  std::atomic<bool> stop{true};
  v1::ReachRequest req;
  req.set_from(BigLadder().positions(0).id());
  req.set_within_years(0);
  req.set_max_moves(20);
  bool stopped = false;
  try {
    CancelScope scope(Clock::time_point::max(), &stop);
    (void)FindReach(**g, req);
  } catch (const Cancelled& c) {
    stopped = true;
    EXPECT_TRUE(c.shutdown);
  }
  EXPECT_TRUE(stopped);
}

TEST(Cancel, WithoutAScopeNothingIsStopped) {
  // The CLI and batch runs open no scope: the same search runs to its answer.
  auto g = CareerGraph::Build(BigLadder());
  ASSERT_TRUE(g.ok());
  v1::ReachRequest req;
  req.set_from(BigLadder().positions(0).id());
  req.set_within_years(3);
  auto r = FindReach(**g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->reachable(), 0u);
}

TEST(Cancel, ServerFreesTheWorkerAndCountsIt) {
  const std::string path = careergraph::testing::TempPath("big.pb");
  {
    std::ofstream out(path, std::ios::binary);
    ASSERT_TRUE(BigLadder().SerializeToOstream(&out));
  }
  ServerOptions o;
  o.graph = path;
  o.transport.host = "127.0.0.1";
  o.transport.port = 0;
  o.transport.threads = 1;  // one worker: the next request waits unless the first one stops
  o.transport.deadline = std::chrono::milliseconds(200);
  o.service.log_requests = false;
  auto started = Server::Start(std::move(o));
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  auto& server = **started;
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(60, 0);
  const std::string slow = R"({"from":")" + BigLadder().positions(0).id() +
                           R"(","horizonYears":50,"stepYears":0.0192307692307692,"goal":"expected"})";
  auto r = c.Post("/v1/plan", slow, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 504) << r->body;
  // The query stops computing (it is counted as it unwinds) ...
  std::string metrics;
  for (int i = 0; i < 500 && metrics.find("careergraph_cancelled_queries_total 1\n") == std::string::npos; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto mr = c.Get("/metrics");  // answered on the I/O thread, never behind the worker
    ASSERT_TRUE(mr);
    metrics = mr->body;
  }
  EXPECT_NE(metrics.find("careergraph_cancelled_queries_total 1\n"), std::string::npos) << metrics;
  // ... and the only worker answers the next request.
  auto quick = c.Get("/v1/positions?limit=1");
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->status, 200) << quick->body;
}

}  // namespace
}  // namespace careergraph::server
