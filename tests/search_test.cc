// The search kernels (engine/search.h): ForwardSearch as Dijkstra and as A*, its stopping
// rules and hooks, ReverseSearch, and ExtractPath, on the engineer ladder and against brute
// force on random small ladders.
#include "engine/search.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <vector>

#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

// Engineer -> Senior (2 years) -> Staff (3 years); Engineer -> Manager (1 year) -> Staff (1 year).
struct Ladder {
  GraphPtr g = testing::EngineerLadder(false);
  Vertex eng = g->index().FindId("eng"), sr = g->index().FindId("sr"), staff = g->index().FindId("staff"),
         mgr = g->index().FindId("mgr");
};

double Years(const CareerGraph& g, EdgeId e) { return g.years(e); }

// The positions an ExtractPath route visits after the start.
std::vector<Vertex> Heads(const CareerGraph& g, const std::vector<EdgeId>& path) {
  std::vector<Vertex> out;
  for (EdgeId e : path) out.push_back(g.target(e));
  return out;
}

TEST(ForwardSearch, FindsTheFastestRouteUpTheLadder) {
  Ladder l;
  const CareerGraph& g = *l.g;
  SearchSpace ws;
  ForwardSearch(g, l.eng, l.staff, [&](EdgeId e) { return Years(g, e); }, AllowAll{}, NoPotential{}, ws);
  EXPECT_EQ(ws.dist(l.staff), 2.0);  // through the Manager, not 5 through the Senior
  EXPECT_EQ(Heads(g, ExtractPath(g, ws, l.staff)), (std::vector<Vertex>{l.mgr, l.staff}));
  EXPECT_TRUE(ExtractPath(g, ws, l.eng).empty());
}

TEST(ForwardSearch, RefusedMovesAreNotTaken) {
  Ladder l;
  const CareerGraph& g = *l.g;
  SearchSpace ws;
  const EdgeId switch_to_mgmt = testing::FindMove(g, "eng", "mgr");
  ForwardSearch(g, l.eng, kNoVertex, [&](EdgeId e) { return Years(g, e); },
                [&](EdgeId e) { return e != switch_to_mgmt; }, NoPotential{}, ws);
  EXPECT_EQ(ws.dist(l.staff), 5.0);
  EXPECT_EQ(Heads(g, ExtractPath(g, ws, l.staff)), (std::vector<Vertex>{l.sr, l.staff}));
  EXPECT_FALSE(ws.reached(l.mgr));
  EXPECT_EQ(ws.dist(l.mgr), kInf);
  EXPECT_EQ(ws.pred(l.mgr), kNoEdge);
}

TEST(ForwardSearch, StopsOnceTheTargetIsSettled) {
  Ladder l;
  const CareerGraph& g = *l.g;
  SearchSpace ws;
  // Settled in order: Engineer (0 years), Manager (1); the Manager's moves are not looked at.
  const auto settled = ForwardSearch(g, l.eng, l.mgr, [&](EdgeId e) { return Years(g, e); }, AllowAll{}, NoPotential{}, ws);
  EXPECT_EQ(settled, 2u);
  EXPECT_TRUE(ws.settled(l.mgr));
  EXPECT_EQ(ws.dist(l.mgr), 1.0);
  EXPECT_EQ(ws.dist(l.sr), 2.0);  // reached from the Engineer, not settled
  EXPECT_FALSE(ws.settled(l.sr));
  EXPECT_FALSE(ws.reached(l.staff));
}

TEST(ForwardSearch, MaxDistStopsAfterTheFirstPositionBeyondIt) {
  // a -1-> b -2-> c -3-> d: within 2 years, c (3 years) is the first beyond and the last settled.
  auto g = testing::MakeEngineGraph({"a|A|swe|1|1|0|0", "b|B|swe|2|2|0|0", "c|C|swe|3|3|0|0", "d|D|swe|4|4|0|0"},
                                    {"a>b|promotion|1|1", "b>c|promotion|2|1", "c>d|promotion|3|1"});
  SearchSpace ws;
  const auto settled =
      ForwardSearch(*g, 0, kNoVertex, [&](EdgeId e) { return Years(*g, e); }, AllowAll{}, NoPotential{}, ws, 2.0);
  EXPECT_EQ(settled, 3u);
  EXPECT_TRUE(ws.settled(2));
  EXPECT_FALSE(ws.reached(3));
}

TEST(ForwardSearch, OnSettleSeesPositionsInOrderAndMayStop) {
  Ladder l;
  const CareerGraph& g = *l.g;
  SearchSpace ws;
  std::vector<std::pair<Vertex, double>> seen;
  ForwardSearch(g, l.eng, kNoVertex, [&](EdgeId e) { return Years(g, e); }, AllowAll{}, NoPotential{}, ws, kInf,
                [&](Vertex v, double d) { seen.emplace_back(v, d); });
  // The Senior and the Staff are both 2 years away; either may come first.
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], std::make_pair(l.eng, 0.0));
  EXPECT_EQ(seen[1], std::make_pair(l.mgr, 1.0));
  EXPECT_EQ(seen[2].second, 2.0);
  EXPECT_EQ(seen[3].second, 2.0);
  // A hook returning false ends the search at that position.
  seen.clear();
  const auto settled = ForwardSearch(g, l.eng, kNoVertex, [&](EdgeId e) { return Years(g, e); }, AllowAll{},
                                     NoPotential{}, ws, kInf, [&](Vertex v, double d) {
                                       seen.emplace_back(v, d);
                                       return v != l.mgr;
                                     });
  EXPECT_EQ(settled, 2u);
  EXPECT_EQ(seen.back().first, l.mgr);
  EXPECT_FALSE(ws.reached(l.staff));  // the Manager's moves were not relaxed
}

TEST(ForwardSearch, AStarWithAnExactPotentialGoesStraightToTheTarget) {
  Ladder l;
  const CareerGraph& g = *l.g;
  auto years = [&](EdgeId e) { return Years(g, e); };
  SearchSpace ws;
  ReverseSearch(g, l.staff, years, AllowAll{}, ws);
  std::vector<double> to_staff(g.num_positions());
  for (Vertex v = 0; v < g.num_positions(); ++v) to_staff[v] = ws.dist(v);
  const auto settled =
      ForwardSearch(g, l.eng, l.staff, years, AllowAll{}, [&](Vertex v) { return to_staff[v]; }, ws);
  EXPECT_EQ(ws.dist(l.staff), 2.0);
  EXPECT_EQ(settled, 3u);  // Engineer, Manager, Staff: the Senior (5 years via) is never settled
  EXPECT_FALSE(ws.settled(l.sr));
  EXPECT_EQ(Heads(g, ExtractPath(g, ws, l.staff)), (std::vector<Vertex>{l.mgr, l.staff}));
}

TEST(ForwardSearch, AStarStopsAtOnceWhenThePotentialRulesTheTargetOut) {
  Ladder l;
  SearchSpace ws;
  const auto settled = ForwardSearch(*l.g, l.staff, l.eng, [&](EdgeId e) { return Years(*l.g, e); }, AllowAll{},
                                     [](Vertex) { return kInf; }, ws);
  EXPECT_EQ(settled, 1u);
  EXPECT_FALSE(ws.reached(l.eng));
}

TEST(ForwardSearch, DijkstraAndAStarMatchBruteForceOnRandomLadders) {
  // One SearchSpace for every search, so its generations wrap (every 127 searches) many times.
  SearchSpace ws, rev;
  int reachable = 0;
  for (int seed = 0; seed < 150; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    const GraphPtr graph = testing::RandomEngineGraph(rng);
    const CareerGraph& g = *graph;
    auto risk = [&](EdgeId e) { return g.risk(e); };
    const Vertex s = static_cast<Vertex>(rng() % g.num_positions());
    ForwardSearch(g, s, kNoVertex, risk, AllowAll{}, NoPotential{}, ws);
    for (Vertex t = 0; t < g.num_positions(); ++t) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", " + std::to_string(s) + " -> " + std::to_string(t));
      const double want = testing::LeastPathCost(g, s, t, risk);
      ASSERT_EQ(ws.reached(t), want < kInf);
      if (want == kInf) continue;
      ++reachable;
      EXPECT_NEAR(ws.dist(t), want, 1e-9);
      double along = 0;
      Vertex at = s;
      for (EdgeId e : ExtractPath(g, ws, t)) {
        ASSERT_EQ(g.source(e), at);
        along += risk(e);
        at = g.target(e);
      }
      EXPECT_EQ(at, t);
      EXPECT_NEAR(along, want, 1e-9);
    }
    // A* towards each target with the exact distances as its potential gives the same answers.
    for (Vertex t = 0; t < g.num_positions(); ++t) {
      ReverseSearch(g, t, risk, AllowAll{}, rev);
      const double want = testing::LeastPathCost(g, s, t, risk);
      SearchSpace astar;
      ForwardSearch(g, s, t, risk, AllowAll{}, [&](Vertex v) { return rev.dist(v); }, astar);
      EXPECT_EQ(astar.reached(t), want < kInf) << "seed " << seed << " target " << t;
      if (want < kInf) {
        EXPECT_NEAR(astar.dist(t), want, 1e-9) << "seed " << seed << " target " << t;
      }
    }
  }
  EXPECT_GT(reachable, 300);
}

TEST(ReverseSearch, GivesEachPositionsDistanceToTheTarget) {
  SearchSpace ws;
  for (int seed = 0; seed < 100; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    const GraphPtr graph = testing::RandomEngineGraph(rng);
    const CareerGraph& g = *graph;
    auto years = [&](EdgeId e) { return g.years(e); };
    const Vertex t = static_cast<Vertex>(rng() % g.num_positions());
    // Org changes refused, so the filter is exercised too.
    auto allow = [&](EdgeId e) { return g.kind(e) != v1::TRANSITION_KIND_ORG_CHANGE; };
    ReverseSearch(g, t, years, allow, ws);
    for (Vertex v = 0; v < g.num_positions(); ++v) {
      const double want = testing::LeastPathCost(g, v, t, years, allow);
      ASSERT_EQ(ws.dist(v), want) << "seed " << seed << " from " << v;  // years are quarters: exact sums
      if (want < kInf && v != t) {
        EXPECT_EQ(g.source(ws.pred(v)), v);  // the first move of v's route to the target
      }
    }
  }
}

}  // namespace
}  // namespace careergraph
