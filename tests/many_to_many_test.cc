// Many-to-many against one plain Dijkstra per source on random ladders: every distance and
// every route, for every objective, batches of one source to several batches (more sources
// than lanes), repeated sources and targets.
// The ladder generator's source is compiled in (as tests/synthetic_test.cc does): bench/ is
// not configured in the sanitizer build.
#include "bench/synthetic.cc"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/many_to_many.h"
#include "engine/matrix.h"
#include "engine/search.h"
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

testing::RandomGraphOptions Ladders(int min_positions, int max_positions, double edge_probability) {
  testing::RandomGraphOptions opt;
  opt.min_positions = min_positions;
  opt.max_positions = max_positions;
  opt.edge_probability = edge_probability;
  return opt;
}

TEST(ManyToMany, EveryCellIsDijkstrasDistanceAndRoute) {
  const testing::RandomGraphOptions opt = Ladders(30, 300, 0.03);
  SearchSpace ws;
  std::uint64_t cells = 0;
  for (int seed = 0; seed < 60; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    auto built = CareerGraph::Build(testing::RandomGraph(rng, opt));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    const Vertex n = g.num_positions();
    v1::Weights w;
    const v1::Objective o = RandomObjective(rng, &w);
    auto cost = CostModel::Make(g, o, w);
    ASSERT_TRUE(cost.ok());
    // Every fifth ladder has more sources than a batch has lanes (several batches, the last
    // one partly filled); the others fill one batch partly.
    const std::size_t max_sources = seed % 5 == 0 ? 3 * ManyToMany::kLanes : 40;
    std::vector<Vertex> sources(1 + rng() % max_sources), targets(1 + rng() % 40);
    for (auto& s : sources) s = static_cast<Vertex>(rng() % n);  // repeats on purpose
    for (auto& t : targets) t = static_cast<Vertex>(rng() % n);
    SCOPED_TRACE("seed " + std::to_string(seed));
    ManyToMany m2m(g, *cost);
    std::vector<std::vector<char>> seen(sources.size(), std::vector<char>(targets.size(), 0));
    m2m.Compute(sources, targets, [&](std::size_t i, std::size_t j, double dist, std::span<const EdgeId> path) {
      seen[i][j] = 1;
      ++cells;
      const Vertex s = sources[i], t = targets[j];
      ForwardSearch(g, s, kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
      ASSERT_TRUE(ws.reached(t));
      EXPECT_NEAR(dist, ws.dist(t), 1e-9);
      Vertex cur = s;
      double c = 0;
      for (EdgeId e : path) {
        ASSERT_EQ(g.source(e), cur);
        c += (*cost)(e);
        cur = g.target(e);
      }
      EXPECT_EQ(cur, t);
      EXPECT_NEAR(c, ws.dist(t), 1e-9);
    });
    // Distances alone: the same cells, each exactly Compute's distance.
    std::vector<std::vector<double>> dist(sources.size(), std::vector<double>(targets.size(), kInf));
    m2m.Distances(sources, targets, [&](std::size_t i, std::size_t j, double d) {
      EXPECT_EQ(dist[i][j], kInf) << "cell visited twice";
      dist[i][j] = d;
    });
    for (std::size_t i = 0; i < sources.size(); ++i) {
      ForwardSearch(g, sources[i], kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
      for (std::size_t j = 0; j < targets.size(); ++j) {
        EXPECT_EQ(seen[i][j] != 0, ws.reached(targets[j])) << i << "," << j;
        EXPECT_EQ(dist[i][j] < kInf, ws.reached(targets[j])) << i << "," << j;
        if (ws.reached(targets[j])) {
          EXPECT_NEAR(dist[i][j], ws.dist(targets[j]), 1e-9);
        }
      }
    }
  }
  EXPECT_GT(cells, 3000u);
}

// Fastest costs on these ladders are quarter years, so the sweeps run on float labels
// (many_to_many.h). With years of 24 x those plus 2^-16 the quantum is 2^-16, and a route
// of three or four moves passes 2^24 quanta (256 years), where a float label may round:
// those cells must come from Dijkstra, exactly.
TEST(ManyToMany, FloatLabelsPastTheirExactRangeAreStillExact) {
  const testing::RandomGraphOptions opt = Ladders(80, 200, 0.04);
  SearchSpace ws;
  int far = 0, cells = 0, cells_before = 0;
  for (int seed = 0; seed < 20; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(900 + seed));
    v1::Graph graph = testing::RandomGraph(rng, opt);
    for (auto& t : *graph.mutable_transitions()) t.set_years(t.years() * 24 + std::ldexp(1.0, -16));
    auto built = CareerGraph::Build(graph);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const CareerGraph& g = **built;
    auto cost = CostModel::Make(g, v1::OBJECTIVE_FASTEST, {});
    ASSERT_TRUE(cost.ok());
    std::vector<Vertex> sources(20), targets(20);
    for (auto& v : sources) v = static_cast<Vertex>(rng() % g.num_positions());
    for (auto& v : targets) v = static_cast<Vertex>(rng() % g.num_positions());
    ManyToMany m2m(g, *cost);
    m2m.Compute(sources, targets, [&](std::size_t i, std::size_t j, double dist, std::span<const EdgeId> path) {
      ForwardSearch(g, sources[i], kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
      EXPECT_EQ(dist, ws.dist(targets[j])) << "seed " << seed;
      double c = 0;
      for (EdgeId e : path) c += (*cost)(e);
      EXPECT_EQ(c, dist);
      far += dist >= 256.0;
      ++cells;
    });
    int distances = 0;
    m2m.Distances(sources, targets, [&](std::size_t i, std::size_t j, double dist) {
      ForwardSearch(g, sources[i], kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
      EXPECT_EQ(dist, ws.dist(targets[j])) << "seed " << seed;
      ++distances;
    });
    EXPECT_EQ(distances, cells - cells_before);
    cells_before = cells;
  }
  EXPECT_GT(far, 100);
  EXPECT_GT(cells, far);
}

TEST(ManyToMany, MatrixCellsEqualThePerOriginSearch) {
  const testing::RandomGraphOptions opt = Ladders(50, 200, 0.04);
  MatrixLimits fast, slow;
  fast.many_to_many_min_positions = 0;
  fast.many_to_many_min_origins = 0;
  slow.many_to_many_min_positions = static_cast<std::uint32_t>(-1);
  for (int seed = 0; seed < 30; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(500 + seed));
    auto built = CareerGraph::Build(testing::RandomGraph(rng, opt));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    v1::MatrixRequest req;
    req.set_objective(RandomObjective(rng, req.mutable_weights()));
    for (int i = 0; i < 10; ++i) req.add_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    for (int i = 0; i < 10; ++i) req.add_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    auto a = ComputeMatrix(g, req, fast), b = ComputeMatrix(g, req, slow);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->reachable_cells(), b->reachable_cells());
    for (int i = 0; i < req.from_size(); ++i)
      for (int j = 0; j < req.to_size(); ++j) {
        const auto &x = a->rows(i).cells(j), &y = b->rows(i).cells(j);
        SCOPED_TRACE("seed " + std::to_string(seed) + " cell " + std::to_string(i) + "," + std::to_string(j));
        ASSERT_EQ(x.reachable(), y.reachable());
        EXPECT_NEAR(x.cost(), y.cost(), 1e-9);
        if (req.objective() == v1::OBJECTIVE_FEWEST_MOVES) {
          EXPECT_EQ(x.moves(), y.moves());
          EXPECT_NEAR(x.years(), y.years(), 1e-9);
        }
      }
  }
}

// A ladder whose labels outgrow the caches (18,000 positions x 64 lanes: 4.6 MB of floats,
// 9.2 MB of doubles), so the sweeps also load the next position's heads ahead: the same
// distances and routes as Dijkstra, in floats (fastest) and doubles (safest).
TEST(ManyToMany, LargeLadderLoadingAheadIsStillExact) {
  auto built = CareerGraph::Build(bench::SyntheticLadder({300}));
  ASSERT_TRUE(built.ok());
  const CareerGraph& g = **built;
  ASSERT_GT(static_cast<std::size_t>(g.num_positions()) * ManyToMany::kLanes * sizeof(float), std::size_t{4} << 20);
  std::mt19937 rng(77);
  std::vector<Vertex> sources(6), targets(40);
  for (auto& v : sources) v = static_cast<Vertex>(rng() % g.num_positions());
  for (auto& v : targets) v = static_cast<Vertex>(rng() % g.num_positions());
  SearchSpace ws;
  for (v1::Objective o : {v1::OBJECTIVE_FASTEST, v1::OBJECTIVE_SAFEST}) {
    auto cost = CostModel::Make(g, o, {});
    ASSERT_TRUE(cost.ok());
    std::vector<std::vector<double>> want(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
      ForwardSearch(g, sources[i], kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
      for (Vertex t : targets) want[i].push_back(ws.dist(t));
    }
    ManyToMany m2m(g, *cost);
    int cells = 0;
    m2m.Compute(sources, targets, [&](std::size_t i, std::size_t j, double dist, std::span<const EdgeId> path) {
      EXPECT_NEAR(dist, want[i][j], 1e-9);
      double c = 0;
      for (EdgeId e : path) c += (*cost)(e);
      EXPECT_NEAR(c, dist, 1e-9);
      ++cells;
    });
    int distances = 0;
    m2m.Distances(sources, targets, [&](std::size_t i, std::size_t j, double dist) {
      EXPECT_NEAR(dist, want[i][j], 1e-9);
      ++distances;
    });
    EXPECT_EQ(distances, cells);
    EXPECT_GT(cells, 100);
  }
}

}  // namespace
}  // namespace careergraph
