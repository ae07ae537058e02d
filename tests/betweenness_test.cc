// Betweenness and routes cut: known values on tiny ladders, exact results against brute-force
// enumeration of every simple path and against Boost.Graph's Brandes, the sampled estimate
// against the exact value within its stated bound, and bit-identical results whatever the
// thread count or the split of the sources.
#include <gtest/gtest.h>

#include <boost/graph/betweenness_centrality.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "engine/betweenness.h"
#include "engine/search.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

// Brandes' definition evaluated literally: for every ordered pair, every simple path, the
// shortest ones counted, each interior position credited with its share.
std::vector<double> BruteBetweenness(const CareerGraph& g) {
  const Vertex n = g.num_positions();
  std::vector<double> bc(n, 0.0);
  for (Vertex s = 0; s < n; ++s)
    for (Vertex t = 0; t < n; ++t) {
      if (s == t) continue;
      double best = kInf;
      std::vector<std::vector<Vertex>> shortest;
      testing::ForEachSimplePath(g, s, t, [](EdgeId) { return true; }, [&](const std::vector<EdgeId>& path) {
        double cost = 0;
        for (EdgeId e : path) cost += g.years(e);
        if (cost < best) {
          best = cost;
          shortest.clear();
        }
        if (cost == best) {
          std::vector<Vertex> interior;
          for (std::size_t i = 0; i + 1 < path.size(); ++i) interior.push_back(g.target(path[i]));
          shortest.push_back(std::move(interior));
        }
        return true;
      });
      for (const auto& interior : shortest)
        for (Vertex v : interior) bc[v] += 1.0 / static_cast<double>(shortest.size());
    }
  return bc;
}

std::vector<char> Reachable(const CareerGraph& g, Vertex s, Vertex removed) {
  std::vector<char> seen(g.num_positions(), 0);
  if (s == removed) return seen;
  std::vector<Vertex> stack = {s};
  seen[s] = 1;
  while (!stack.empty()) {
    const Vertex u = stack.back();
    stack.pop_back();
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const Vertex v = g.target(e);
      if (v != removed && !seen[v]) {
        seen[v] = 1;
        stack.push_back(v);
      }
    }
  }
  return seen;
}

// Remove each position in turn and count the (s, t) pairs that lose every route.
std::vector<std::uint64_t> BruteRouteCuts(const CareerGraph& g) {
  const Vertex n = g.num_positions();
  std::vector<std::uint64_t> cuts(n, 0);
  for (Vertex s = 0; s < n; ++s) {
    const auto all = Reachable(g, s, kNoVertex);
    for (Vertex v = 0; v < n; ++v) {
      if (v == s) continue;
      const auto without = Reachable(g, s, v);
      for (Vertex t = 0; t < n; ++t)
        if (t != s && t != v && all[t] && !without[t]) ++cuts[v];
    }
  }
  return cuts;
}

GraphPtr Random(std::mt19937& rng, const testing::RandomGraphOptions& opt) {
  auto g = CareerGraph::Build(testing::RandomGraph(rng, opt));
  if (!g.ok()) throw std::runtime_error(g.status().ToString());
  return *g;
}

bool BitEqual(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

double Id(const CareerGraph& g, const std::vector<double>& bc, const std::string& id) {
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (g.position(v).id() == id) return bc[v];
  throw std::runtime_error("no position " + id);
}

const std::vector<std::string> kChain = {"a|A|t|1|1|0|0", "b|B|t|2|1|0|0", "c|C|t|3|1|0|0"};

TEST(Betweenness, ChainCreditsTheMiddle) {
  auto g = MakeEngineGraph(kChain, {"a>b|promotion|1|1", "b>c|promotion|1|1"});
  const auto bc = Betweenness(*g);
  EXPECT_EQ(Id(*g, bc, "a"), 0);
  EXPECT_EQ(Id(*g, bc, "b"), 1);  // a -> c
  EXPECT_EQ(Id(*g, bc, "c"), 0);
  const auto cuts = RouteCuts(*g);
  EXPECT_EQ(cuts, (std::vector<std::uint64_t>{0, 1, 0}));
}

TEST(Betweenness, TiedRoutesShareTheCredit) {
  const std::vector<std::string> pos = {"s|S|t|1|1|0|0", "x|X|t|2|1|0|0", "y|Y|u|2|1|0|0", "t|T|t|3|1|0|0"};
  auto tied = MakeEngineGraph(pos, {"s>x|promotion|1|1", "s>y|track-switch|2|1", "x>t|promotion|2|1",
                                    "y>t|track-switch|1|1"});
  auto bc = Betweenness(*tied);
  EXPECT_EQ(Id(*tied, bc, "x"), 0.5);
  EXPECT_EQ(Id(*tied, bc, "y"), 0.5);
  // Two disjoint routes: neither middle position alone disconnects s from t.
  EXPECT_EQ(RouteCuts(*tied), (std::vector<std::uint64_t>{0, 0, 0, 0}));

  auto faster = MakeEngineGraph(pos, {"s>x|promotion|1|1", "s>y|track-switch|2|1", "x>t|promotion|1.5|1",
                                      "y>t|track-switch|1|1"});
  bc = Betweenness(*faster);
  EXPECT_EQ(Id(*faster, bc, "x"), 1);
  EXPECT_EQ(Id(*faster, bc, "y"), 0);
}

TEST(Betweenness, ExactMatchesBruteForceOnRandomGraphs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    testing::RandomGraphOptions opt;
    opt.edge_probability = round % 2 ? 0.35 : 0.2;
    opt.allow_self_loops = round % 3 == 0;
    auto g = Random(rng, opt);
    const auto want = BruteBetweenness(*g);
    const auto got = Betweenness(*g);
    ASSERT_EQ(got.size(), want.size());
    for (Vertex v = 0; v < g->num_positions(); ++v)
      ASSERT_NEAR(got[v], want[v], 1e-9 * std::max(1.0, want[v])) << "round " << round << " vertex " << v;
  }
}

TEST(Betweenness, ParallelMovesCountAsSeparateRoutes) {
  // Two moves a -> b of the same length are two fastest routes, as Boost.Graph counts them.
  v1::Graph snap = testing::MakeGraph({"a|A|t|1|1|0|0", "b|B|t|2|1|0|0", "c|C|t|3|1|0|0", "d|D|u|2|1|0|0"},
                                      {"a>b|promotion|1|1", "a>b|lateral|1|0.5", "a>d|track-switch|1|1",
                                       "b>c|promotion|1|1", "d>c|track-switch|1|1"});
  auto g = CareerGraph::Build(snap);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const auto bc = Betweenness(**g);
  EXPECT_NEAR(Id(**g, bc, "b"), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(Id(**g, bc, "d"), 1.0 / 3.0, 1e-15);
  const auto want = BruteBetweenness(**g);
  for (Vertex v = 0; v < 4; ++v) EXPECT_NEAR(bc[v], want[v], 1e-12);
}

TEST(Betweenness, MatchesBoostGraphBrandes) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    testing::RandomGraphOptions opt;
    opt.min_positions = 40;
    opt.max_positions = 120;
    opt.edge_probability = 0.06;
    auto g = Random(rng, opt);
    const Csr& csr = g->csr();
    std::vector<double> boost_bc(g->num_positions(), 0.0);
    auto vidx = boost::get(boost::vertex_index, csr);
    auto eidx = boost::get(boost::edge_index, csr);
    boost::brandes_betweenness_centrality(
        csr, boost::centrality_map(boost::make_iterator_property_map(boost_bc.begin(), vidx))
                 .weight_map(boost::make_iterator_property_map(g->years_column().begin(), eidx)));
    const auto ours = Betweenness(*g, 2);
    for (Vertex v = 0; v < g->num_positions(); ++v)
      ASSERT_NEAR(ours[v], boost_bc[v], 1e-9 * std::max(1.0, boost_bc[v])) << "round " << round << " vertex " << v;
  }
}

TEST(RouteCuts, MatchBruteForceOnRandomGraphs) {
  std::mt19937 rng(19);
  for (int round = 0; round < 300; ++round) {
    testing::RandomGraphOptions opt;
    opt.max_positions = 12;
    opt.edge_probability = round % 2 ? 0.25 : 0.12;
    opt.allow_self_loops = round % 4 == 0;
    auto g = Random(rng, opt);
    ASSERT_EQ(RouteCuts(*g), BruteRouteCuts(*g)) << "round " << round;
  }
}

TEST(Betweenness, IdenticalBitsWhateverTheThreadCount) {
  std::mt19937 rng(23);
  testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 400;
  opt.edge_probability = 0.02;
  auto g = Random(rng, opt);
  const auto one = Betweenness(*g, 1);
  for (int threads : {2, 3, 4, 7}) EXPECT_TRUE(BitEqual(one, Betweenness(*g, threads))) << threads << " threads";
  const auto cuts = RouteCuts(*g, 1);
  EXPECT_EQ(cuts, RouteCuts(*g, 3));
}

TEST(Betweenness, AnySplitOfTheSourcesMergesToTheSameBits) {
  std::mt19937 rng(29);
  testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 200;
  opt.edge_probability = 0.03;
  auto g = Random(rng, opt);
  const BetweennessSources src = AllSources(g->num_positions());
  std::vector<std::size_t> all(src.vertices.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const BetweennessPartial whole = AccumulateSources(*g, src, all, true, 1);
  for (int shards : {2, 3, 5}) {
    BetweennessPartial merged;
    for (int r = shards - 1; r >= 0; --r) {  // merge in an order no single process would use
      std::vector<std::size_t> mine;
      for (std::size_t i = static_cast<std::size_t>(r); i < all.size(); i += static_cast<std::size_t>(shards))
        mine.push_back(i);
      merged.Merge(AccumulateSources(*g, src, mine, true, 2));
    }
    EXPECT_EQ(merged.routes_cut, whole.routes_cut);
    for (Vertex v = 0; v < g->num_positions(); ++v) ASSERT_TRUE(merged.dependency[v] == whole.dependency[v]) << v;
  }
}

TEST(Betweenness, SampledEstimateIsWithinItsBound) {
  std::mt19937 rng(31);
  for (int round = 0; round < 12; ++round) {
    testing::RandomGraphOptions opt;
    opt.min_positions = 60;
    opt.max_positions = 150;
    opt.edge_probability = 0.04;
    auto g = Random(rng, opt);
    const Vertex n = g->num_positions();
    const auto exact_bc = Betweenness(*g);
    const auto exact_cuts = RouteCuts(*g);
    for (std::uint32_t draws : {16u, 64u, 256u}) {
      const BetweennessEstimate est = EstimateBetweenness(*g, draws, 1000 + round, 0.05, 2);
      ASSERT_TRUE(est.sources.sampled);
      EXPECT_EQ(est.sources.draws, draws);
      EXPECT_DOUBLE_EQ(est.epsilon, std::sqrt(std::log(2.0 * n / 0.05) / (2.0 * draws)));
      const double bound = est.epsilon * n * (n - 2.0);
      for (Vertex v = 0; v < n; ++v) {
        EXPECT_LE(std::abs(est.betweenness[v] - exact_bc[v]), bound) << "round " << round << " v " << v;
        EXPECT_LE(std::abs(est.routes_cut[v] - static_cast<double>(exact_cuts[v])), bound);
      }
    }
  }
}

TEST(Betweenness, SampledEstimateIsUnbiasedEnoughToRankTheBottleneck) {
  // A hub every cross-track route goes through: even 32 draws find it first.
  std::vector<std::string> pos, moves;
  for (int i = 0; i < 30; ++i) {
    pos.push_back("l" + std::to_string(i) + "|L" + std::to_string(i) + "|left|1|1|0|0");
    pos.push_back("r" + std::to_string(i) + "|R" + std::to_string(i) + "|right|3|1|0|0");
    moves.push_back("l" + std::to_string(i) + ">hub|promotion|1|1");
    moves.push_back("hub>r" + std::to_string(i) + "|promotion|1|1");
  }
  pos.push_back("hub|Hub|mid|2|1|0|0");
  auto g = MakeEngineGraph(pos, moves);
  const BetweennessEstimate est = EstimateBetweenness(*g, 32, 5, 0.05);
  const auto it = std::max_element(est.betweenness.begin(), est.betweenness.end());
  EXPECT_EQ(g->position(static_cast<Vertex>(it - est.betweenness.begin())).id(), "hub");
  EXPECT_EQ(Id(*g, Betweenness(*g), "hub"), 900);  // 30 x 30 pairs
}

TEST(Betweenness, SamplesArePureFunctionsOfTheSeed) {
  const auto a = SampleSources(1000, 64, 42), b = SampleSources(1000, 64, 42), c = SampleSources(1000, 64, 43);
  EXPECT_EQ(a.vertices, b.vertices);
  EXPECT_EQ(a.multiplicity, b.multiplicity);
  EXPECT_NE(a.vertices, c.vertices);
  std::uint32_t total = 0;
  for (auto m : a.multiplicity) total += m;
  EXPECT_EQ(total, 64u);
  EXPECT_DOUBLE_EQ(a.scale, 1000.0 / 64.0);
}

TEST(Betweenness, FromListedSourcesIsTheUnscaledPartialSum) {
  std::mt19937 rng(37);
  testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 50;
  opt.edge_probability = 0.08;
  auto g = Random(rng, opt);
  const std::vector<Vertex> sources = {3, 17, 3, 40};
  auto got = BetweennessFromSources(*g, sources, 2);
  ASSERT_TRUE(got.ok());
  // Against single-source runs added up by hand.
  std::vector<double> want(g->num_positions(), 0.0);
  BrandesWorkspace ws(*g);
  for (Vertex s : sources) {
    ws.Run(s);
    for (std::size_t i = 1; i < ws.order().size(); ++i) want[ws.order()[i]] += ws.dependency(ws.order()[i]);
  }
  for (Vertex v = 0; v < g->num_positions(); ++v) EXPECT_NEAR((*got)[v], want[v], 1e-12 * std::max(1.0, want[v]));
  // Every source: the exact betweenness.
  std::vector<Vertex> every(g->num_positions());
  for (Vertex v = 0; v < g->num_positions(); ++v) every[v] = v;
  EXPECT_TRUE(BitEqual(*BetweennessFromSources(*g, every), Betweenness(*g)));

  auto bad = BetweennessFromSources(*g, std::vector<Vertex>{50});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_NE(bad.status().message().find("betweenness source 50 is not a position"), std::string::npos);
}

TEST(ExactSum, OrderDoesNotChangeTheBits) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> d(0, 1e6);
  std::vector<double> xs(1000);
  for (auto& x : xs) x = d(rng);
  ExactSum forward, backward, halves_a, halves_b;
  for (double x : xs) forward.Add(x);
  for (auto it = xs.rbegin(); it != xs.rend(); ++it) backward.Add(*it);
  for (std::size_t i = 0; i < xs.size(); ++i) (i % 2 ? halves_a : halves_b).Add(xs[i]);
  halves_b.Add(halves_a);
  EXPECT_TRUE(forward == backward);
  EXPECT_TRUE(forward == halves_b);
  double plain = 0;
  for (double x : xs) plain += x;
  EXPECT_NEAR(forward.value(), plain, 1e-6);
  EXPECT_TRUE(ExactSum::FromParts(forward.high(), forward.low()) == forward);
}

TEST(Betweenness, HoeffdingDrawsInvertEpsilon) {
  const std::uint32_t k = DrawsForEpsilon(100000, 0.05, 0.05);
  EXPECT_LE(HoeffdingEpsilon(100000, k, 0.05), 0.05);
  EXPECT_GT(HoeffdingEpsilon(100000, k - 1, 0.05), 0.05);
}

}  // namespace
}  // namespace careergraph
