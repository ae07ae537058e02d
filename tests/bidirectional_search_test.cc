// The bidirectional fast path for unconstrained routes against brute force on small random
// ladders and against plain Dijkstra on larger ones, for every objective.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/bidirectional_search.h"
#include "engine/cost.h"
#include "engine/route.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

v1::Objective RandomObjective(std::mt19937& rng, v1::Weights* w) {
  const v1::Objective objectives[] = {v1::OBJECTIVE_FASTEST, v1::OBJECTIVE_FEWEST_MOVES, v1::OBJECTIVE_SAFEST,
                                      v1::OBJECTIVE_BEST_FIT};
  const v1::Objective o = objectives[rng() % 4];
  if (o == v1::OBJECTIVE_BEST_FIT) {
    w->set_years(rng() % 3);
    w->set_risk(rng() % 3);
    w->set_pay(rng() % 3);
    w->set_ambiguity(rng() % 3);
    w->set_leadership(rng() % 3);
  }
  return o;
}

// The path is a chain of moves from s to t whose cost is the reported distance.
void ExpectPath(const CareerGraph& g, const CostModel& cost, Vertex s, Vertex t, const std::vector<EdgeId>& path,
                double dist) {
  Vertex cur = s;
  double c = 0;
  for (EdgeId e : path) {
    ASSERT_EQ(g.source(e), cur);
    c += cost(e);
    cur = g.target(e);
  }
  EXPECT_EQ(cur, t);
  EXPECT_NEAR(c, dist, 1e-9);
}

TEST(BidirectionalSearch, MatchesBruteForceOnSmallLadders) {
  BidirectionalSpace space;
  int found = 0;
  for (int seed = 0; seed < 300; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    auto built = CareerGraph::Build(testing::RandomGraph(rng));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    for (int q = 0; q < 6; ++q) {
      v1::Weights w;
      const v1::Objective o = RandomObjective(rng, &w);
      auto cost = CostModel::Make(g, o, w);
      ASSERT_TRUE(cost.ok());
      const Vertex s = static_cast<Vertex>(rng() % g.num_positions()), t = static_cast<Vertex>(rng() % g.num_positions());
      double best = kInf;
      testing::ForEachSimplePath(g, s, t, [](EdgeId) { return true; }, [&](const std::vector<EdgeId>& p) {
        double c = 0;
        for (EdgeId e : p) c += (*cost)(e);
        best = std::min(best, c);
        return true;
      });
      const Meeting m = BidirectionalSearch(g, s, t, *cost, AllowAll{}, space);
      SCOPED_TRACE("seed " + std::to_string(seed) + " query " + std::to_string(q));
      ASSERT_EQ(m.dist == kInf, best == kInf);
      if (best == kInf) continue;
      ++found;
      EXPECT_NEAR(m.dist, best, 1e-9);
      ExpectPath(g, *cost, s, t, MeetingPath(g, space, m), m.dist);
    }
  }
  EXPECT_GT(found, 500);
}

TEST(BidirectionalSearch, FindRouteMatchesDijkstraOnLargerLadders) {
  RouteLimits fast, plain;
  fast.bidirectional_min_positions = 0;
  plain.bidirectional_min_positions = static_cast<std::uint32_t>(-1);
  plain.landmark_min_positions = static_cast<std::uint32_t>(-1);
  testing::RandomGraphOptions opt;
  opt.min_positions = 150;
  opt.max_positions = 400;
  opt.edge_probability = 0.02;
  for (int seed = 0; seed < 20; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(1000 + seed));
    auto built = CareerGraph::Build(testing::RandomGraph(rng, opt));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    for (int q = 0; q < 25; ++q) {
      v1::RouteRequest req;
      req.set_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
      req.set_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
      req.set_objective(RandomObjective(rng, req.mutable_weights()));
      SCOPED_TRACE("seed " + std::to_string(seed) + " " + req.ShortDebugString());
      auto a = FindRoute(g, req, fast), b = FindRoute(g, req, plain);
      ASSERT_EQ(a.ok(), b.ok());
      if (!a.ok()) {
        EXPECT_EQ(a.status().code(), b.status().code());
        continue;
      }
      EXPECT_NEAR(a->routes(0).totals().cost(), b->routes(0).totals().cost(), 1e-9);
      if (req.objective() == v1::OBJECTIVE_FEWEST_MOVES) {
        EXPECT_NEAR(a->routes(0).totals().years(), b->routes(0).totals().years(), 1e-9);
      }
    }
  }
}

TEST(BidirectionalSearch, ConstrainedRequestsKeepTheirSearch) {
  // An avoided track must still be honoured when the fast path is enabled.
  RouteLimits fast;
  fast.bidirectional_min_positions = 0;
  std::mt19937 rng(77);
  for (int seed = 0; seed < 100; ++seed) {
    auto built = CareerGraph::Build(testing::RandomGraph(rng));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    v1::RouteRequest req;
    req.set_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.set_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.mutable_constraints()->add_avoid_tracks(g.tracks()[rng() % g.tracks().size()]);
    auto r = FindRoute(g, req, fast);
    if (!r.ok()) continue;
    for (const auto& step : r->routes(0).steps()) EXPECT_NE(step.track(), req.constraints().avoid_tracks(0));
  }
}

}  // namespace
}  // namespace careergraph
