// The bidirectional fast path for unconstrained routes against brute force on small random
// ladders and against plain Dijkstra on larger ones, for every objective.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/bidirectional_search.h"
#include "engine/cost.h"
#include "engine/landmarks.h"
#include "engine/objective_bound.h"
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

// Random queries (objective, best-fit weights, s, t) on random small ladders: check(g, cost,
// s, t, best) with `best` the least cost over every simple path (kInf when none).
template <typename Check>
void ForEachRandomQuery(unsigned seed0, int graphs, int queries, Check check) {
  for (int seed = 0; seed < graphs; ++seed) {
    std::mt19937 rng(seed0 + static_cast<unsigned>(seed));
    testing::RandomGraphOptions opt;
    opt.allow_self_loops = seed % 4 == 3;
    auto built = CareerGraph::Build(testing::RandomGraph(rng, opt));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    for (int q = 0; q < queries; ++q) {
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
      SCOPED_TRACE("seed " + std::to_string(seed0 + seed) + " query " + std::to_string(q) + " " +
                   v1::Objective_Name(o) + " " + w.ShortDebugString());
      check(g, *cost, s, t, best);
    }
  }
}

TEST(BidirectionalSearch, MatchesBruteForceOnSmallLadders) {
  BidirectionalSpace space;
  int found = 0;
  ForEachRandomQuery(0, 300, 6, [&](const CareerGraph& g, const CostModel& cost, Vertex s, Vertex t, double best) {
    const Meeting m = BidirectionalSearch(g, s, t, cost, AllowAll{}, space);
    ASSERT_EQ(m.dist == kInf, best == kInf);
    if (best == kInf) return;
    ++found;
    EXPECT_NEAR(m.dist, best, 1e-9);
    ExpectPath(g, cost, s, t, MeetingPath(g, space, m), m.dist);
  });
  EXPECT_GT(found, 500);
}

// Bidirectional A* on the averaged landmark potential (ObjectiveBound::Averaged), every
// objective and random best-fit weights, on random ladders whose tables are built.
TEST(BidirectionalSearch, AveragedLandmarkPotentialMatchesBruteForce) {
  BidirectionalSpace space;
  int found = 0, pruned = 0;
  ForEachRandomQuery(5000, 300, 8, [&](const CareerGraph& g, const CostModel& cost, Vertex s, Vertex t, double best) {
    const ObjectiveBound bound(g, cost, s, t);
    const std::uint64_t plain = BidirectionalSearch(g, s, t, cost, AllowAll{}, space).settled;
    const Meeting m = BidirectionalSearch(g, s, t, cost, AllowAll{}, space, bound);
    ASSERT_EQ(m.dist == kInf, best == kInf);
    pruned += m.settled < plain;
    if (best == kInf) return;
    ++found;
    EXPECT_NEAR(m.dist, best, 1e-9);
    ExpectPath(g, cost, s, t, MeetingPath(g, space, m), m.dist);
  });
  EXPECT_GT(found, 700);
  EXPECT_GT(pruned, 100);  // the potential does steer the search
}

// The averaged potential is consistent for both sides: p(u) - p(v) <= w(u, v) on every move
// (the forward side's reduced length, and the backward side's, which is the same).
TEST(BidirectionalSearch, AveragedPotentialIsConsistent) {
  int checked = 0;
  for (int seed = 0; seed < 60; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(7000 + seed));
    auto built = CareerGraph::Build(testing::RandomGraph(rng));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    for (int q = 0; q < 4; ++q) {
      v1::Weights w;
      const v1::Objective o = RandomObjective(rng, &w);
      auto cost = CostModel::Make(g, o, w);
      ASSERT_TRUE(cost.ok());
      const Vertex s = static_cast<Vertex>(rng() % g.num_positions()), t = static_cast<Vertex>(rng() % g.num_positions());
      const ObjectiveBound bound(g, *cost, s, t);
      for (EdgeId e = 0; e < g.num_transitions(); ++e) {
        const double pu = bound.Averaged(g.source(e)), pv = bound.Averaged(g.target(e));
        if (pu == kInf || pv == kInf) continue;  // off every s-t route: never relaxed
        EXPECT_LE(pu - pv, (*cost)(e) + 1e-9) << "seed " << seed << " move " << e;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(BidirectionalSearch, FindRouteMatchesDijkstraOnLargerLadders) {
  // fast: bidirectional A* on the landmark tables (odd seeds) or bidirectional Dijkstra
  // (even seeds, where the tables are neither built nor allowed to be).
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
    fast.landmark_min_positions = seed % 2 ? 0 : static_cast<std::uint32_t>(-1);
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

// Without built tables, a server's or the CLI's limits (build_landmarks = false) keep the
// plain bidirectional search and never build tables on the request path; once built, the
// same requests take bidirectional A* (seen in their settled counts) with the same costs.
TEST(BidirectionalSearch, TablesAreUsedOnlyOnceBuiltWhenLimitsSaySo) {
  testing::RandomGraphOptions opt;
  opt.min_positions = 300;
  opt.max_positions = 400;
  opt.edge_probability = 0.02;
  std::mt19937 rng(4242);
  auto built = CareerGraph::Build(testing::RandomGraph(rng, opt));
  ASSERT_TRUE(built.ok());
  const CareerGraph& g = **built;
  RouteLimits serving;
  serving.bidirectional_min_positions = 0;
  serving.landmark_min_positions = 0;
  serving.build_landmarks = false;
  std::vector<v1::RouteRequest> requests;
  std::vector<StatusOr<v1::RouteResponse>> before;
  for (int q = 0; q < 40; ++q) {
    v1::RouteRequest req;
    req.set_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.set_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    before.push_back(FindRoute(g, req, serving));
    requests.push_back(req);
  }
  EXPECT_FALSE(g.landmarks_built()) << "an unconstrained route built the tables";
  for (Metric m : {Metric::kYears, Metric::kHops, Metric::kRisk}) g.landmarks(m);
  int differ = 0, found = 0;
  for (std::size_t q = 0; q < requests.size(); ++q) {
    auto after = FindRoute(g, requests[q], serving);
    ASSERT_EQ(after.ok(), before[q].ok());
    if (!after.ok()) continue;
    ++found;
    EXPECT_NEAR(after->routes(0).totals().cost(), before[q]->routes(0).totals().cost(), 1e-9);
    differ += after->settled() != before[q]->settled();
  }
  EXPECT_GT(found, 20);
  EXPECT_GT(differ, 5);
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
