// Landmark bounds (engine/landmarks.h): in every metric they are admissible (never above the
// true distance) and consistent on random small ladders, checked against brute force; exact
// towards a landmark; and the landmarks are chosen farthest-first.
#include "engine/landmarks.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "engine/search.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

constexpr Metric kMetrics[] = {Metric::kYears, Metric::kHops, Metric::kRisk};

std::function<double(EdgeId)> CostOf(const CareerGraph& g, Metric m) {
  switch (m) {
    case Metric::kYears: return [&g](EdgeId e) { return g.years(e); };
    case Metric::kHops: return [](EdgeId) { return 1.0; };
    case Metric::kRisk: return [&g](EdgeId e) { return g.risk(e); };
  }
  return nullptr;
}

std::string Name(Metric m) { return m == Metric::kYears ? "years" : m == Metric::kHops ? "moves" : "risk"; }

TEST(Landmarks, BoundsNeverExceedTheTrueDistanceOnRandomLadders) {
  int bounded = 0;
  for (int seed = 0; seed < 120; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    testing::RandomGraphOptions opt;
    opt.allow_self_loops = seed % 3 == 0;
    const GraphPtr graph = testing::RandomEngineGraph(rng, opt);
    const CareerGraph& g = *graph;
    const std::vector<Vertex> chosen = Landmarks::Choose(g, Landmarks::kMaxLandmarks);
    for (Metric m : kMetrics) {
      const Landmarks lm = Landmarks::Compute(g, m, chosen);
      const auto cost = CostOf(g, m);
      for (Vertex t = 0; t < g.num_positions(); ++t) {
        const Landmarks::Potential h(&lm, t, 1.0);
        for (Vertex v = 0; v < g.num_positions(); ++v) {
          SCOPED_TRACE("seed " + std::to_string(seed) + ", " + Name(m) + ", " + std::to_string(v) + " -> " +
                       std::to_string(t));
          const double d = testing::LeastPathCost(g, v, t, cost);
          EXPECT_GE(h(v), 0.0);
          if (d == kInf) continue;  // any bound is admissible, and infinity proves it
          EXPECT_LE(h(v), d + 1e-9);
          bounded += h(v) > 0;
        }
      }
    }
  }
  EXPECT_GT(bounded, 2000);  // the bounds are not trivially zero
}

TEST(Landmarks, BoundsAreConsistentAlongEveryMove) {
  // A* on the monotone radix heap relies on h(u) <= cost(u, w) + h(w) for every move u -> w.
  for (int seed = 0; seed < 120; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    const GraphPtr graph = testing::RandomEngineGraph(rng);
    const CareerGraph& g = *graph;
    const std::vector<Vertex> chosen = Landmarks::Choose(g, 4);
    for (Metric m : kMetrics) {
      const Landmarks lm = Landmarks::Compute(g, m, chosen);
      const auto cost = CostOf(g, m);
      for (Vertex t = 0; t < g.num_positions(); ++t) {
        const Landmarks::Potential h(&lm, t, 1.0);
        for (EdgeId e = 0; e < g.num_transitions(); ++e)
          EXPECT_LE(h(g.source(e)), cost(e) + h(g.target(e)) + 1e-9)
              << "seed " << seed << ", " << Name(m) << ", move " << e << ", target " << t;
      }
    }
  }
}

TEST(Landmarks, TowardsALandmarkTheBoundIsTheDistance) {
  for (int seed = 0; seed < 60; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    const GraphPtr graph = testing::RandomEngineGraph(rng);
    const CareerGraph& g = *graph;
    const std::vector<Vertex> chosen = Landmarks::Choose(g, Landmarks::kMaxLandmarks);
    const Landmarks lm = Landmarks::Compute(g, Metric::kYears, chosen);
    ASSERT_EQ(lm.size(), static_cast<int>(chosen.size()));
    for (Vertex landmark : chosen) {
      const Landmarks::Potential h(&lm, landmark, 1.0), twice(&lm, landmark, 2.0);
      for (Vertex v = 0; v < g.num_positions(); ++v) {
        const double d = testing::LeastPathCost(g, v, landmark, CostOf(g, Metric::kYears));
        if (d == kInf) {
          EXPECT_EQ(h(v), Landmarks::kInfinity) << "seed " << seed << ": " << v << " cannot reach the landmark";
        } else {
          EXPECT_EQ(h(v), d) << "seed " << seed << ": from " << v;  // years are quarters: exact
          EXPECT_EQ(twice(v), 2 * d);
        }
      }
    }
  }
}

TEST(Landmarks, ChosenFarthestFirst) {
  // Engineer -> Senior (2 years) -> Staff (3); Engineer -> Manager (1) -> Staff (1).
  auto g = testing::EngineerLadder(false);
  const Vertex eng = g->index().FindId("eng"), sr = g->index().FindId("sr"), staff = g->index().FindId("staff");
  // First the position farthest from the first one (the Senior, 2 years from the Engineer,
  // ahead of the Staff Engineer at the same distance), then the one farthest from the chosen
  // (the Staff Engineer, 3 years on), then the Engineer; the Manager adds nothing after that.
  EXPECT_EQ(Landmarks::Choose(*g, 16), (std::vector<Vertex>{sr, staff, eng}));
  EXPECT_EQ(Landmarks::Choose(*g, 2), (std::vector<Vertex>{sr, staff}));
}

TEST(Landmarks, TablesAreBuiltOncePerMetricOnFirstUse) {
  auto g = testing::EngineerLadder(true);
  EXPECT_FALSE(g->landmarks_built());
  const Landmarks& years = g->landmarks(Metric::kYears);
  EXPECT_EQ(&g->landmarks(Metric::kYears), &years);
  EXPECT_FALSE(g->landmarks_built());  // moves and risk still to come
  g->landmarks(Metric::kHops);
  g->landmarks(Metric::kRisk);
  EXPECT_TRUE(g->landmarks_built());
}

}  // namespace
}  // namespace careergraph
