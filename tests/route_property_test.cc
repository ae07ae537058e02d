// Every objective and every constraint checked against brute-force enumeration of simple
// paths on hundreds of random small graphs.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/route.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

struct Oracle {
  bool found = false;
  double cost = 0;
};

// Brute force: the cheapest walk that visits the via positions in order, each leg a simple
// path, with all constraints checked on the whole route.
Oracle BruteForce(const CareerGraph& g, const ResolvedRoute& r) {
  std::vector<Vertex> points = {r.from};
  points.insert(points.end(), r.via.begin(), r.via.end());
  points.push_back(r.to);
  Oracle best;
  for (Vertex v : points)
    if (!r.filter.VertexOk(v)) return best;
  std::vector<EdgeId> route;
  std::function<void(std::size_t)> leg = [&](std::size_t i) {
    if (i + 1 == points.size()) {
      double cost = 0, years = 0;
      for (EdgeId e : route) cost += r.cost(e), years += g.years(e);
      if (r.max_moves && route.size() > r.max_moves) return;
      if (r.max_years > 0 && years > r.max_years + 1e-9) return;
      if (!best.found || cost < best.cost) best = {true, cost};
      return;
    }
    testing::ForEachSimplePath(
        g, points[i], points[i + 1], [&](EdgeId e) { return r.filter(e); },
        [&](const std::vector<EdgeId>& p) {
          route.insert(route.end(), p.begin(), p.end());
          leg(i + 1);
          route.resize(route.size() - p.size());
          return true;
        });
  };
  leg(0);
  return best;
}

double PathCost(const CareerGraph& g, const ResolvedRoute& r, const std::vector<EdgeId>& edges, Vertex from) {
  double c = 0;
  Vertex cur = from;
  for (EdgeId e : edges) {
    EXPECT_EQ(g.source(e), cur);
    EXPECT_TRUE(r.filter(e));
    c += r.cost(e);
    cur = g.target(e);
  }
  EXPECT_EQ(cur, r.to);
  return c;
}

void CheckRandom(int seed, const std::function<void(std::mt19937&, const CareerGraph&, v1::RouteRequest*)>& shape,
                 bool force_landmarks, bool bidirectional = false) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  auto built = CareerGraph::Build(testing::RandomGraph(rng));
  ASSERT_TRUE(built.ok());
  const CareerGraph& g = **built;
  const Vertex n = g.num_positions();
  RouteLimits limits;
  if (force_landmarks) limits.landmark_min_positions = 0;
  // Unconstrained routes by the bidirectional search: A* on the averaged landmark potential
  // with force_landmarks, plain bidirectional Dijkstra without.
  if (bidirectional) limits.bidirectional_min_positions = 0;
  for (int q = 0; q < 6; ++q) {
    v1::RouteRequest req;
    req.set_from(g.position(static_cast<Vertex>(rng() % n)).id());
    req.set_to(g.position(static_cast<Vertex>(rng() % n)).id());
    const v1::Objective objectives[] = {v1::OBJECTIVE_FASTEST, v1::OBJECTIVE_FEWEST_MOVES, v1::OBJECTIVE_SAFEST, v1::OBJECTIVE_BEST_FIT};
    req.set_objective(objectives[rng() % 4]);
    if (req.objective() == v1::OBJECTIVE_BEST_FIT) {
      auto* w = req.mutable_weights();
      w->set_years(rng() % 3);
      w->set_risk(rng() % 3);
      w->set_pay(rng() % 3);
      w->set_ambiguity(rng() % 3);
      w->set_leadership(rng() % 3);
    }
    shape(rng, g, &req);
    auto r = ResolveRoute(g, req, limits);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const Oracle want = BruteForce(g, *r);
    auto got = FindRoute(g, req, limits);
    SCOPED_TRACE("seed " + std::to_string(seed) + " query " + std::to_string(q) + " " + req.ShortDebugString());
    if (!want.found) {
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.status().code(), v1::NO_ROUTE) << got.status().ToString();
      continue;
    }
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    auto path = SolveRoute(g, *r, limits);
    ASSERT_TRUE(path.ok() && path->found);
    EXPECT_NEAR(PathCost(g, *r, path->edges, r->from), want.cost, 1e-9);
    // Reported totals match the path.
    const auto& t = got->routes(0).totals();
    const double want_reported = req.objective() == v1::OBJECTIVE_FEWEST_MOVES ? std::round(want.cost) : want.cost;
    EXPECT_NEAR(t.cost(), want_reported, 1e-9);
    if (r->max_moves) {
      EXPECT_LE(t.moves(), r->max_moves);
    }
    if (r->max_years > 0) {
      EXPECT_LE(t.years(), r->max_years + 1e-9);
    }
  }
}

TEST(RouteProperty, EveryObjectiveMatchesBruteForce) {
  for (int seed = 0; seed < 150; ++seed)
    CheckRandom(seed, [](std::mt19937&, const CareerGraph&, v1::RouteRequest*) {}, seed % 2 == 0);
}

TEST(RouteProperty, BidirectionalSearchesMatchBruteForce) {
  for (int seed = 3000; seed < 3200; ++seed)
    CheckRandom(seed, [](std::mt19937&, const CareerGraph&, v1::RouteRequest*) {}, seed % 2 == 0, true);
}

// One random exclusion of each kind a request can make.
void AddRandomExclusion(std::mt19937& rng, const CareerGraph& g, v1::Constraints* c) {
  switch (rng() % 6) {
    case 0: c->add_avoid_positions(g.position(static_cast<Vertex>(rng() % g.num_positions())).id()); break;
    case 1: c->add_avoid_tracks(g.tracks()[rng() % g.tracks().size()]); break;
    case 2: c->add_avoid_orgs(g.orgs()[rng() % g.orgs().size()]); break;
    case 3: c->add_avoid_kinds(static_cast<v1::TransitionKind>(1 + rng() % 4)); break;
    case 4: c->set_max_ambiguity(0.1 * static_cast<double>(1 + rng() % 10)); break;
    default: c->set_no_pay_cut(true);
  }
}

TEST(RouteProperty, ExclusionsMatchBruteForce) {
  for (int seed = 1000; seed < 1150; ++seed)
    CheckRandom(
        seed,
        [](std::mt19937& rng, const CareerGraph& g, v1::RouteRequest* req) {
          AddRandomExclusion(rng, g, req->mutable_constraints());
        },
        seed % 2 == 1);
}

// The same exclusions through the bidirectional search (A* on the tables for odd seeds).
TEST(RouteProperty, BidirectionalExclusionsMatchBruteForce) {
  for (int seed = 4000; seed < 4200; ++seed)
    CheckRandom(
        seed,
        [](std::mt19937& rng, const CareerGraph& g, v1::RouteRequest* req) {
          for (int i = 0, k = 1 + static_cast<int>(rng() % 2); i < k; ++i)
            AddRandomExclusion(rng, g, req->mutable_constraints());
        },
        seed % 2 == 1, true);
}

TEST(RouteProperty, ResourceLimitsMatchBruteForce) {
  for (int seed = 2000; seed < 2200; ++seed)
    CheckRandom(
        seed,
        [](std::mt19937& rng, const CareerGraph&, v1::RouteRequest* req) {
          auto* c = req->mutable_constraints();
          if (rng() % 2) c->set_max_moves(1 + static_cast<unsigned>(rng() % 4));
          if (rng() % 2) c->set_max_years(0.25 * static_cast<double>(1 + rng() % 24));
          if (rng() % 3 == 0) c->set_no_pay_cut(true);
        },
        false);
}

TEST(RouteProperty, ViaMatchesBruteForce) {
  for (int seed = 3000; seed < 3150; ++seed)
    CheckRandom(
        seed,
        [](std::mt19937& rng, const CareerGraph& g, v1::RouteRequest* req) {
          auto* c = req->mutable_constraints();
          const int k = 1 + static_cast<int>(rng() % 2);
          for (int i = 0; i < k; ++i) c->add_via(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
          if (rng() % 2) c->set_max_moves(2 + static_cast<unsigned>(rng() % 5));
          if (rng() % 3 == 0) c->set_max_years(0.25 * static_cast<double>(4 + rng() % 30));
        },
        seed % 2 == 0);
}

// Via positions with exclusions and no limits: one bidirectional search per leg.
TEST(RouteProperty, BidirectionalViaMatchesBruteForce) {
  for (int seed = 5000; seed < 5200; ++seed)
    CheckRandom(
        seed,
        [](std::mt19937& rng, const CareerGraph& g, v1::RouteRequest* req) {
          auto* c = req->mutable_constraints();
          const int k = 1 + static_cast<int>(rng() % 3);
          for (int i = 0; i < k; ++i) c->add_via(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
          if (rng() % 2) c->add_avoid_kinds(static_cast<v1::TransitionKind>(1 + rng() % 4));
          if (rng() % 3 == 0) c->set_no_pay_cut(true);
        },
        seed % 2 == 0, true);
}

}  // namespace
}  // namespace careergraph
