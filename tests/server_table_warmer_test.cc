// A reload swaps a large graph in before its landmark tables exist, and the tables are then
// built in the background; requests on it are answered meanwhile.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "engine/route.h"
#include "tests/brute_force.h"
#include "tools/server/graph_holder.h"

namespace careergraph::server {
namespace {

TEST(TableWarmer, ReloadSwapsFirstAndBuildsTablesInTheBackground) {
  std::mt19937 rng(18);
  careergraph::testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 6000;  // above RouteLimits::landmark_min_positions
  opt.edge_probability = 0.001;
  auto built = CareerGraph::Build(careergraph::testing::RandomGraph(rng, opt));
  ASSERT_TRUE(built.ok());
  const GraphPtr g = *built;
  GraphHolder holder([&](const std::string&) -> StatusOr<GraphPtr> { return g; });
  ASSERT_TRUE(holder.Reload("large").ok());
  ASSERT_EQ(holder.Current()->graph, g);

  // Answered whether or not the tables are built yet, without building them.
  RouteLimits server_limits;
  server_limits.build_landmarks = false;
  v1::RouteRequest req;
  req.set_from(g->position(0).id());
  req.set_to(g->position(1).id());
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_LATERAL);
  auto r = FindRoute(*g, req, server_limits);
  EXPECT_TRUE(r.ok() || r.status().code() == v1::NO_ROUTE) << r.status().ToString();

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!g->landmarks_built() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(g->landmarks_built());
}

}  // namespace
}  // namespace careergraph::server
