// Best-fit tables: which weightings are worth them, when a host is asked to build them,
// which ones are kept, that a route on them is still the least-cost route (brute force),
// that they are really read (fewer positions settled), and that a stopped build keeps
// nothing.
// The ladder generator's source is compiled in (as tests/synthetic_test.cc does): bench/ is
// not configured in the sanitizer build.
#include "bench/synthetic.cc"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include "engine/best_fit_tables.h"
#include "engine/cancel.h"
#include "engine/cost.h"
#include "engine/landmarks.h"
#include "engine/route.h"
#include "tests/brute_force.h"

namespace careergraph {
namespace {

v1::Weights Weights(double years, double risk, double pay = 0, double ambiguity = 0, double leadership = 0) {
  v1::Weights w;
  w.set_years(years);
  w.set_risk(risk);
  w.set_pay(pay);
  w.set_ambiguity(ambiguity);
  w.set_leadership(leadership);
  return w;
}

// A ladder of `n` positions, each promoted to the next: large enough for a host to want
// tables (BestFitTables::kMinPositions), quick to build.
GraphPtr Chain(int n) {
  v1::Graph g;
  g.mutable_metadata()->set_name("chain");
  for (int i = 0; i < n; ++i) {
    auto* p = g.add_positions();
    p->set_id("p" + std::to_string(i));
    p->set_title("Position " + std::to_string(i));
    p->set_track("t");
    p->set_org("o");
    p->set_level(i + 1);
    p->set_annual_pay(1000.0 * (i + 1));
    p->set_ambiguity(0.5);
    p->set_leadership(0.5);
    if (i > 0) {
      auto* t = g.add_transitions();
      t->set_from("p" + std::to_string(i - 1));
      t->set_to(p->id());
      t->set_kind(v1::TRANSITION_KIND_PROMOTION);
      t->set_years(1 + i % 3);
      t->set_probability(0.5 + 0.1 * (i % 5));
    }
  }
  auto built = CareerGraph::Build(std::move(g));
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  return *built;
}

bool Same(const v1::Weights& a, const v1::Weights& b) { return a.SerializeAsString() == b.SerializeAsString(); }

TEST(BestFitTables, OnlyWeightingsBeyondYearsAreWorthTables) {
  EXPECT_FALSE(BestFitTables::Worthwhile(Weights(1, 0)));  // fastest's metric: its table bounds it
  EXPECT_FALSE(BestFitTables::Worthwhile(Weights(3, 0)));
  EXPECT_TRUE(BestFitTables::Worthwhile(Weights(1, 0.5)));
  EXPECT_TRUE(BestFitTables::Worthwhile(Weights(0, 0, 2)));
  v1::Weights skills;
  skills.set_skills(1);
  EXPECT_TRUE(BestFitTables::Worthwhile(skills));
  // Not worth it: never counted, never built.
  auto g = Chain(BestFitTables::kMinPositions);
  for (std::uint64_t i = 0; i < 2 * BestFitTables::kWantedAfterUses; ++i)
    EXPECT_EQ(g->best_fit_tables().Find(Weights(1, 0)), nullptr);
  EXPECT_FALSE(g->best_fit_tables().Wanted(*g).has_value());
  EXPECT_FALSE(g->best_fit_tables().Build(*g, Weights(1, 0)));
  EXPECT_EQ(g->best_fit_tables().size(), 0u);
}

TEST(BestFitTables, AWeightingIsWantedOnceAskedForOftenOnALargeEnoughGraph) {
  auto g = Chain(BestFitTables::kMinPositions);
  BestFitTables& tables = g->best_fit_tables();
  const v1::Weights w = Weights(1, 0.5, 2);
  for (std::uint64_t i = 1; i < BestFitTables::kWantedAfterUses; ++i) EXPECT_EQ(tables.Find(w), nullptr);
  EXPECT_FALSE(tables.Wanted(*g).has_value()) << "asked for " << BestFitTables::kWantedAfterUses - 1 << " times";
  EXPECT_EQ(tables.Find(w), nullptr);
  auto wanted = tables.Wanted(*g);
  ASSERT_TRUE(wanted.has_value());
  EXPECT_TRUE(Same(*wanted, w)) << wanted->ShortDebugString();

  ASSERT_TRUE(tables.Build(*g, *wanted));
  EXPECT_FALSE(tables.Build(*g, w)) << "built twice";
  EXPECT_FALSE(tables.Wanted(*g).has_value());
  const auto found = tables.Find(w);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->sites(), std::vector<Vertex>(g->landmarks(Metric::kYears).sites().begin(),
                                                g->landmarks(Metric::kYears).sites().begin() + found->size()));
  EXPECT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables.MemoryBytes(), found->MemoryBytes());
  EXPECT_GE(tables.MemoryBytes(), 64u * g->num_positions());

  // A small graph's routes are one-way searches without tables: a host is never asked.
  auto small = Chain(100);
  for (std::uint64_t i = 0; i < 2 * BestFitTables::kWantedAfterUses; ++i) small->best_fit_tables().Find(w);
  EXPECT_FALSE(small->best_fit_tables().Wanted(*small).has_value());
}

TEST(BestFitTables, AKeptTableGivesWayOnlyToAWeightingAskedForTwiceAsOften) {
  auto g = Chain(BestFitTables::kMinPositions);
  BestFitTables& tables = g->best_fit_tables();
  std::vector<v1::Weights> kept;
  for (std::size_t k = 0; k < BestFitTables::kMaxWeightings; ++k) {
    kept.push_back(Weights(1, 0.25 * static_cast<double>(k + 1)));
    ASSERT_TRUE(tables.Build(*g, kept.back()));
  }
  for (std::uint64_t i = 0; i < 40; ++i)
    for (const auto& w : kept) ASSERT_NE(tables.Find(w), nullptr);
  const v1::Weights newcomer = Weights(2, 1, 1);
  for (int i = 0; i < 80; ++i) EXPECT_EQ(tables.Find(newcomer), nullptr);
  EXPECT_FALSE(tables.Wanted(*g).has_value()) << "80 uses against 40: not twice as many";
  EXPECT_EQ(tables.Find(newcomer), nullptr);
  auto wanted = tables.Wanted(*g);
  ASSERT_TRUE(wanted.has_value()) << "81 uses against 40";
  EXPECT_TRUE(Same(*wanted, newcomer));
  // The least used kept table makes room.
  for (int i = 0; i < 5; ++i) ASSERT_NE(tables.Find(kept[1]), nullptr);
  ASSERT_TRUE(tables.Build(*g, newcomer));
  EXPECT_EQ(tables.size(), BestFitTables::kMaxWeightings);
  EXPECT_NE(tables.Find(newcomer), nullptr);
  EXPECT_NE(tables.Find(kept[1]), nullptr);
  int gone = 0;
  for (const auto& w : kept) gone += tables.Find(w) == nullptr;
  EXPECT_EQ(gone, 1);
}

TEST(BestFitTables, LargeGraphsKeepFewerTables) {
  EXPECT_EQ(BestFitTables::Capacity(5000, 50000), BestFitTables::kMaxWeightings);
  EXPECT_EQ(BestFitTables::Capacity(100020, 1001450), BestFitTables::kMaxWeightings);  // 6.4 MB each
  // 1M positions: 64 MB a table, 160 MB (16 bytes a transition) for all.
  EXPECT_EQ(BestFitTables::Capacity(1000020, 10000000), 2u);
  EXPECT_EQ(BestFitTables::Capacity(3000000, 10000000), 1u);  // always room for one
  EXPECT_EQ(BestFitTables::Capacity(0, 0), BestFitTables::kMaxWeightings);
}

TEST(BestFitTables, AStoppedBuildKeepsNothing) {
  auto g = Chain(BestFitTables::kMinPositions);
  g->landmarks(Metric::kYears);
  std::atomic<bool> stop{true};
  {
    const CancelScope scope(std::chrono::steady_clock::time_point::max(), &stop);
    EXPECT_THROW(g->best_fit_tables().Build(*g, Weights(1, 0.5)), Cancelled);
  }
  EXPECT_EQ(g->best_fit_tables().size(), 0u);
  EXPECT_TRUE(g->best_fit_tables().Build(*g, Weights(1, 0.5)));
}

// Routes read the weighting's own tables once built: still the least cost (brute force on
// small random ladders), every objective term weighed.
TEST(BestFitTables, RoutesOnTheTablesMatchBruteForce) {
  for (int seed = 0; seed < 150; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    auto g = testing::RandomEngineGraph(rng);
    RouteLimits limits;
    limits.landmark_min_positions = 0;
    limits.bidirectional_min_positions = 0;
    v1::RouteRequest req;
    req.set_objective(v1::OBJECTIVE_BEST_FIT);
    *req.mutable_weights() = Weights(rng() % 3, rng() % 3, rng() % 3, rng() % 3, rng() % 3);
    auto cost = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, req.weights());
    ASSERT_TRUE(cost.ok());
    const bool built = g->best_fit_tables().Build(*g, cost->weights());
    EXPECT_EQ(built, BestFitTables::Worthwhile(cost->weights()));
    for (int q = 0; q < 6; ++q) {
      const Vertex s = static_cast<Vertex>(rng() % g->num_positions()), t = static_cast<Vertex>(rng() % g->num_positions());
      req.set_from(g->position(s).id());
      req.set_to(g->position(t).id());
      SCOPED_TRACE("seed " + std::to_string(seed) + " " + req.ShortDebugString());
      const double want = testing::LeastPathCost(*g, s, t, [&](EdgeId e) { return (*cost)(e); });
      auto got = FindRoute(*g, req, limits);
      if (std::isinf(want)) {
        ASSERT_FALSE(got.ok());
        EXPECT_EQ(got.status().code(), v1::NO_ROUTE);
        continue;
      }
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_NEAR(got->routes(0).totals().cost(), want, 1e-9);
    }
  }
}

// On the benchmarks' synthetic ladder (1k positions, 17 companies) the tables bound best
// fit as tightly as a fixed objective's: fewer positions settled than on the years table,
// the same costs. (Not a law of every graph: where the penalties dwarf the years, a
// landmark bound in the mixed cost can be the weaker one; on ladders it is the tighter.)
TEST(BestFitTables, RoutesOnTheTablesSettleFewerPositionsOnALadder) {
  auto built = CareerGraph::Build(bench::SyntheticLadder(bench::SyntheticOptions::Small()));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const CareerGraph& g = **built;
  RouteLimits with, without;
  for (RouteLimits* l : {&with, &without}) l->landmark_min_positions = l->bidirectional_min_positions = 0;
  without.best_fit_tables = false;
  const v1::Weights w = Weights(1, 0.5, 2, 0.5, 0.5);
  ASSERT_TRUE(g.best_fit_tables().Build(g, w));
  std::mt19937 rng(7);
  std::uint64_t settled_with = 0, settled_without = 0;
  int routes = 0;
  for (int q = 0; q < 60; ++q) {
    v1::RouteRequest req;
    req.set_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.set_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.set_objective(v1::OBJECTIVE_BEST_FIT);
    *req.mutable_weights() = w;
    auto a = FindRoute(g, req, with), b = FindRoute(g, req, without);
    ASSERT_EQ(a.ok(), b.ok()) << req.ShortDebugString();
    if (!a.ok()) continue;
    ++routes;
    EXPECT_NEAR(a->routes(0).totals().cost(), b->routes(0).totals().cost(), 1e-9) << req.ShortDebugString();
    settled_with += a->settled();
    settled_without += b->settled();
  }
  ASSERT_GT(routes, 20);
  EXPECT_LT(settled_with, settled_without * 3 / 4) << routes << " routes: " << settled_with << " against " << settled_without;
}

// Queries on two threads while tables are built and replaced on a third (ThreadSanitizer
// runs this): every answer keeps its cost, whichever tables it found or missed.
TEST(BestFitTables, QueriesRunWhileTablesAreBuiltAndReplaced) {
  auto built = CareerGraph::Build(bench::SyntheticLadder(bench::SyntheticOptions::Small()));
  ASSERT_TRUE(built.ok());
  const CareerGraph& g = **built;
  RouteLimits limits;
  limits.landmark_min_positions = limits.bidirectional_min_positions = 0;
  g.landmarks(Metric::kYears);
  std::vector<v1::RouteRequest> requests;
  std::vector<double> want;
  std::mt19937 rng(3);
  for (int q = 0; q < 24; ++q) {
    v1::RouteRequest req;
    req.set_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.set_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    req.set_objective(v1::OBJECTIVE_BEST_FIT);
    *req.mutable_weights() = Weights(1, 0.25 * static_cast<double>(q % 6), 1);
    RouteLimits plain = limits;
    plain.best_fit_tables = false;
    auto r = FindRoute(g, req, plain);
    want.push_back(r.ok() ? r->routes(0).totals().cost() : -1);
    requests.push_back(std::move(req));
  }
  std::atomic<int> wrong{0};
  auto ask = [&] {
    for (int round = 0; round < 20; ++round)
      for (std::size_t i = 0; i < requests.size(); ++i) {
        auto r = FindRoute(g, requests[i], limits);
        const double got = r.ok() ? r->routes(0).totals().cost() : -1;
        if (std::fabs(got - want[i]) > 1e-9) ++wrong;
      }
  };
  std::thread a(ask), b(ask);
  for (int k = 0; k < 6; ++k) g.best_fit_tables().Build(g, Weights(1, 0.25 * k, 1));
  a.join();
  b.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(g.best_fit_tables().size(), BestFitTables::kMaxWeightings);
}

}  // namespace
}  // namespace careergraph
