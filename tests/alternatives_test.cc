// K best simple routes: exact position sequences on a hand-made ladder, every option and
// error, and the whole list against brute-force enumeration on hundreds of random graphs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "engine/alternatives.h"
#include "engine/route.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;
using Path = std::vector<std::string>;

// Analyst a -> Senior Analyst b -> Lead Analyst c -> Director d, with a Manager m beside:
// six simple routes from a to d, each with its own number of years:
//   a b m d 5 | a m d 6 | a b c m d 6.5 | a b c d 7.5 | a b m c d 8 | a m c d 9
std::vector<std::string> Positions() {
  return {
      "a|Analyst|ops|1|100000|0.1|0.1",
      "b|Senior Analyst|ops|2|120000|0.2|0.2",
      "c|Lead Analyst|ops|3|150000|0.3|0.3",
      "m|Manager|mgmt|3|160000|0.5|0.6",
      "d|Director|mgmt|4|200000|0.7|0.9",
  };
}
std::vector<std::string> Transitions() {
  return {
      "a>b|promotion|2|0.8",    "b>c|promotion|2|0.7",    "c>d|promotion|3.5|0.5", "b>m|track-switch|1|0.6",
      "m>d|promotion|2|0.6",    "a>m|track-switch|4|0.3", "c>m|lateral|0.5|0.9",   "m>c|lateral|1.5|0.9",
  };
}
GraphPtr Ladder() { return MakeEngineGraph(Positions(), Transitions()); }

v1::RouteRequest Req(std::uint32_t k, v1::Objective o = v1::OBJECTIVE_FASTEST) {
  v1::RouteRequest r;
  r.set_from("Analyst");
  r.set_to("Director");
  r.set_objective(o);
  r.set_alternatives(k);
  return r;
}

std::vector<Path> Paths(const v1::RouteResponse& resp) {
  std::vector<Path> out;
  for (const auto& r : resp.routes()) {
    Path p;
    for (const auto& s : r.steps()) p.push_back(s.position_id());
    out.push_back(p);
  }
  return out;
}
std::vector<double> Years(const v1::RouteResponse& resp) {
  std::vector<double> out;
  for (const auto& r : resp.routes()) out.push_back(r.totals().years());
  return out;
}

TEST(Alternatives, AllSixRoutesInOrderOfYears) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req(10));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"},
                                             {"a", "m", "d"},
                                             {"a", "b", "c", "m", "d"},
                                             {"a", "b", "c", "d"},
                                             {"a", "b", "m", "c", "d"},
                                             {"a", "m", "c", "d"}}));
  EXPECT_EQ(Years(*resp), (std::vector<double>{5, 6, 6.5, 7.5, 8, 9}));
  EXPECT_EQ(resp->routes_found(), 6u);  // fewer than the 10 asked for: all there are
  EXPECT_FALSE(resp->truncated());
  EXPECT_EQ(resp->routes(2).totals().cost(), 6.5);
}

TEST(Alternatives, FirstKOnly) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req(2));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"}, {"a", "m", "d"}}));
  EXPECT_EQ(resp->routes_found(), 2u);
}

TEST(Alternatives, OneOrZeroMeansJustTheBest) {
  auto g = Ladder();
  for (std::uint32_t k : {0u, 1u}) {
    auto resp = FindRoute(*g, Req(k));
    ASSERT_TRUE(resp.ok());
    EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"}}));
  }
}

TEST(Alternatives, SafestOrdersByProbability) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req(3, v1::OBJECTIVE_SAFEST));
  ASSERT_TRUE(resp.ok());
  // p: abcmd .3024, abmd .288, abcd .28, abmcd .216, amd .18, amcd .135
  EXPECT_EQ(Paths(*resp),
            (std::vector<Path>{{"a", "b", "c", "m", "d"}, {"a", "b", "m", "d"}, {"a", "b", "c", "d"}}));
  EXPECT_NEAR(resp->routes(0).totals().probability(), 0.8 * 0.7 * 0.9 * 0.6, 1e-12);
}

TEST(Alternatives, MaxOverlapKeepsRoutesThatDifferEnough) {
  auto g = Ladder();
  auto req = Req(10);
  req.set_max_overlap(0.5);
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  // a b c d shares 2 of 3 moves with a b c m d; a m c d shares 2 of 3 with a b m c d.
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"},
                                             {"a", "m", "d"},
                                             {"a", "b", "c", "m", "d"},
                                             {"a", "b", "m", "c", "d"}}));
  EXPECT_EQ(resp->routes_found(), 4u);
}

TEST(Alternatives, MaxStretchBoundsTheCost) {
  auto g = Ladder();
  auto req = Req(10);
  req.set_max_stretch(1.3);  // at most 6.5 years
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Years(*resp), (std::vector<double>{5, 6, 6.5}));
  EXPECT_EQ(resp->routes_found(), 3u);
}

TEST(Alternatives, ExclusionsHold) {
  auto g = Ladder();
  auto req = Req(3);
  req.mutable_constraints()->add_avoid_positions("Manager");
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "c", "d"}}));
  EXPECT_EQ(resp->routes_found(), 1u);

  req = Req(10);
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_LATERAL);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"}, {"a", "m", "d"}, {"a", "b", "c", "d"}}));
}

TEST(Alternatives, MaxMovesAndMaxYearsAreExact) {
  auto g = Ladder();
  auto req = Req(10);
  req.mutable_constraints()->set_max_moves(3);
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(Paths(*resp),
            (std::vector<Path>{{"a", "b", "m", "d"}, {"a", "m", "d"}, {"a", "b", "c", "d"}, {"a", "m", "c", "d"}}));

  req = Req(10);
  req.mutable_constraints()->set_max_years(7);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Years(*resp), (std::vector<double>{5, 6, 6.5}));

  // The safest route (a b c m d) has 4 moves; within 2 there is only a m d.
  req = Req(5, v1::OBJECTIVE_SAFEST);
  req.mutable_constraints()->set_max_moves(2);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "m", "d"}}));
}

TEST(Alternatives, ParallelTransitionsAreOneRoute) {
  auto t = Transitions();
  t.push_back("b>m|lateral|3|0.9");  // a slower second way from b to m
  auto g = MakeEngineGraph(Positions(), t);
  auto resp = FindRoute(*g, Req(10));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->routes_size(), 6);
  EXPECT_EQ(Years(*resp), (std::vector<double>{5, 6, 6.5, 7.5, 8, 9}));
  // Safest takes the safer of the two b -> m moves.
  resp = FindRoute(*g, Req(10, v1::OBJECTIVE_SAFEST));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->routes_size(), 6);
  EXPECT_EQ(Paths(*resp)[0], (Path{"a", "b", "m", "d"}));
  EXPECT_NEAR(resp->routes(0).totals().probability(), 0.8 * 0.9 * 0.6, 1e-12);
}

TEST(Alternatives, ZeroCostMovesStillGiveSimpleRoutes) {
  // Under safest, moves with probability 1 cost nothing: x <-> y is a free cycle.
  auto g = MakeEngineGraph({"s|S|t|1|1|0|0", "x|X|t|1|1|0|0", "y|Y|t|1|1|0|0", "t|T|t|1|1|0|0"},
                           {"s>x|lateral|1|1", "x>y|lateral|1|1", "y>x|lateral|1|1", "x>t|lateral|1|0.5",
                            "y>t|lateral|1|0.5", "s>y|lateral|1|1"});
  v1::RouteRequest req;
  req.set_from("s");
  req.set_to("t");
  req.set_objective(v1::OBJECTIVE_SAFEST);
  req.set_alternatives(10);
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  std::set<Path> seen;
  for (const auto& p : Paths(*resp)) {
    EXPECT_EQ(std::set<std::string>(p.begin(), p.end()).size(), p.size()) << "not simple";
    EXPECT_TRUE(seen.insert(p).second) << "repeated";
  }
  EXPECT_EQ(seen, (std::set<Path>{{"s", "x", "t"}, {"s", "y", "t"}, {"s", "x", "y", "t"}, {"s", "y", "x", "t"}}));
}

TEST(Alternatives, SamePositionIsOneEmptyRoute) {
  auto g = Ladder();
  auto req = Req(5);
  req.set_to("Analyst");
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a"}}));
  EXPECT_EQ(resp->routes_found(), 1u);
}

TEST(Alternatives, Errors) {
  auto g = Ladder();
  auto code = [&](const v1::RouteRequest& r) {
    auto resp = FindRoute(*g, r);
    return resp.ok() ? v1::ERROR_CODE_UNSPECIFIED : resp.status().code();
  };
  auto field = [&](const v1::RouteRequest& r) { return FindRoute(*g, r).status().field(); };

  auto r = Req(101);
  EXPECT_EQ(code(r), v1::TOO_LARGE);
  EXPECT_EQ(field(r), "alternatives");

  r = Req(3);
  r.mutable_constraints()->add_via("Manager");
  EXPECT_EQ(code(r), v1::INVALID_ARGUMENT);
  EXPECT_EQ(field(r), "constraints.via");
  EXPECT_NE(FindRoute(*g, r).status().message().find("via"), std::string::npos);

  for (double f : {-0.1, 1.5, std::nan("")}) {
    r = Req(3);
    r.set_max_overlap(f);
    EXPECT_EQ(code(r), v1::INVALID_ARGUMENT) << f;
    EXPECT_EQ(field(r), "max_overlap");
  }
  for (double s : {0.5, -1.0, HUGE_VAL}) {
    r = Req(3);
    r.set_max_stretch(s);
    EXPECT_EQ(code(r), v1::INVALID_ARGUMENT) << s;
    EXPECT_EQ(field(r), "max_stretch");
  }

  r = Req(3);
  r.set_from("Analystt");
  EXPECT_EQ(code(r), v1::NOT_FOUND);
  r = Req(3);
  r.set_to("Chief");
  EXPECT_EQ(code(r), v1::NOT_FOUND);

  r = Req(3);
  r.set_from("Director");
  r.set_to("Analyst");
  EXPECT_EQ(code(r), v1::NO_ROUTE);
  r = Req(3);
  r.mutable_constraints()->add_avoid_tracks("mgmt");
  EXPECT_EQ(code(r), v1::NO_ROUTE);  // the target itself is excluded
}

TEST(Alternatives, MoveOverlapCountsSharedPositionPairs) {
  auto g = Ladder();
  auto edge = [&](const std::string& a, const std::string& b) {
    const Vertex u = *g->index().Resolve(a, "x"), v = *g->index().Resolve(b, "x");
    for (EdgeId e = g->out_begin(u); e < g->out_end(u); ++e)
      if (g->target(e) == v) return e;
    ADD_FAILURE() << a << ">" << b;
    return EdgeId{0};
  };
  const std::vector<EdgeId> abcd = {edge("a", "b"), edge("b", "c"), edge("c", "d")};
  const std::vector<EdgeId> abcmd = {edge("a", "b"), edge("b", "c"), edge("c", "m"), edge("m", "d")};
  EXPECT_DOUBLE_EQ(MoveOverlap(*g, abcd, abcmd), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(MoveOverlap(*g, abcmd, abcd), 0.5);
  EXPECT_DOUBLE_EQ(MoveOverlap(*g, {}, abcd), 0.0);
}

// ---- against brute force ----

struct Enumerated {
  std::vector<EdgeId> edges;
  double cost;
};

// Every simple route satisfying the request, one per position sequence (the cheapest
// parallel transition), sorted by cost.
std::vector<Enumerated> AllRoutes(const CareerGraph& g, const ResolvedRoute& r) {
  std::map<std::vector<Vertex>, Enumerated> best;
  if (!r.filter.VertexOk(r.from) || !r.filter.VertexOk(r.to)) return {};
  testing::ForEachSimplePath(
      g, r.from, r.to, [&](EdgeId e) { return r.filter(e); },
      [&](const std::vector<EdgeId>& p) {
        double cost = 0, years = 0;
        for (EdgeId e : p) cost += r.cost(e), years += g.years(e);
        if (r.max_moves && p.size() > r.max_moves) return true;
        if (r.max_years > 0 && years > r.max_years + 1e-9) return true;
        std::vector<Vertex> seq = {r.from};
        for (EdgeId e : p) seq.push_back(g.target(e));
        auto it = best.find(seq);
        if (it == best.end() || cost < it->second.cost) best[seq] = {p, cost};
        return true;
      });
  std::vector<Enumerated> out;
  for (auto& [seq, e] : best) out.push_back(e);
  std::sort(out.begin(), out.end(), [](const Enumerated& a, const Enumerated& b) { return a.cost < b.cost; });
  return out;
}

// Checks one returned route: contiguous from `from` to `to`, simple, allowed, within the
// resource limits, and costing what it says.
void CheckRoute(const CareerGraph& g, const ResolvedRoute& r, const PathResult& p) {
  Vertex cur = r.from;
  std::set<Vertex> seen = {cur};
  double cost = 0, years = 0;
  for (EdgeId e : p.edges) {
    ASSERT_EQ(g.source(e), cur);
    EXPECT_TRUE(r.filter(e));
    cost += r.cost(e);
    years += g.years(e);
    cur = g.target(e);
    EXPECT_TRUE(seen.insert(cur).second) << "route is not simple";
  }
  EXPECT_EQ(cur, r.to);
  EXPECT_NEAR(cost, p.cost, 1e-9);
  if (r.max_moves) {
    EXPECT_LE(p.edges.size(), r.max_moves);
  }
  if (r.max_years > 0) {
    EXPECT_LE(years, r.max_years + 1e-9);
  }
}

std::vector<Vertex> Sequence(const CareerGraph& g, Vertex from, const std::vector<EdgeId>& edges) {
  std::vector<Vertex> seq = {from};
  for (EdgeId e : edges) seq.push_back(g.target(e));
  return seq;
}

struct Shape {
  bool exclusions = false;
  bool resources = false;
  bool parallel = false;
  bool overlap = false;
  bool stretch = false;
  bool landmarks = false;  // the goal-directed tree large graphs use
};

void CheckRandom(int seed, const Shape& shape) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  testing::RandomGraphOptions go;
  go.edge_probability = 0.25 + 0.05 * static_cast<double>(seed % 4);
  v1::Graph snap = testing::RandomGraph(rng, go);
  if (shape.parallel) {
    const int m = snap.transitions_size();
    for (int i = 0; i < m; ++i)
      if (rng() % 3 == 0) {
        auto* t = snap.add_transitions();
        *t = snap.transitions(i);
        t->set_years(0.25 * static_cast<double>(1 + rng() % 16));
        t->set_probability(static_cast<double>(1 + rng() % 20) / 20.0);
      }
  }
  auto built = CareerGraph::Build(snap);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const CareerGraph& g = **built;
  const Vertex n = g.num_positions();
  for (int q = 0; q < 4; ++q) {
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
    auto* c = req.mutable_constraints();
    if (shape.exclusions) switch (rng() % 5) {
        case 0: c->add_avoid_positions(g.position(static_cast<Vertex>(rng() % n)).id()); break;
        case 1: c->add_avoid_tracks(g.tracks()[rng() % g.tracks().size()]); break;
        case 2: c->add_avoid_kinds(static_cast<v1::TransitionKind>(1 + rng() % 4)); break;
        case 3: c->set_max_ambiguity(0.1 * static_cast<double>(3 + rng() % 8)); break;
        default: c->set_no_pay_cut(true);
      }
    if (shape.resources) {
      if (rng() % 2) c->set_max_moves(1 + rng() % 5);
      if (rng() % 2 || c->max_moves() == 0) c->set_max_years(0.25 * static_cast<double>(4 + rng() % 40));
    }
    const std::uint32_t k = 1 + rng() % 12;
    req.set_alternatives(k);
    if (shape.overlap) req.set_max_overlap(0.25 * static_cast<double>(1 + rng() % 3));
    if (shape.stretch) req.set_max_stretch(1.0 + 0.25 * static_cast<double>(rng() % 6));
    SCOPED_TRACE("seed " + std::to_string(seed) + " query " + std::to_string(q) + " " + req.ShortDebugString());

    auto r = ResolveRoute(g, req, RouteLimits{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const auto all = AllRoutes(g, *r);
    AlternativesOptions opt;
    opt.k = k;
    opt.max_overlap = req.max_overlap();
    opt.max_stretch = req.max_stretch();
    if (shape.landmarks) opt.landmark_min_positions = 0;
    auto got = KShortestRoutes(g, *r, opt);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_FALSE(got->truncated);
    std::set<std::vector<Vertex>> distinct;
    for (const auto& p : got->routes) {
      CheckRoute(g, *r, p);
      EXPECT_TRUE(distinct.insert(Sequence(g, r->from, p.edges)).second) << "same position sequence twice";
    }
    for (std::size_t i = 1; i < got->routes.size(); ++i)
      EXPECT_LE(got->routes[i - 1].cost, got->routes[i].cost + 1e-9) << "not best first";

    if (!shape.overlap) {
      // Exactly the K cheapest (ties: the same costs), cut at the stretch.
      std::size_t want = std::min<std::size_t>(k, all.size());
      if (shape.stretch && !all.empty())
        while (want > 0 && all[want - 1].cost > req.max_stretch() * all[0].cost + 1e-9) --want;
      ASSERT_EQ(got->routes.size(), want);
      for (std::size_t i = 0; i < want; ++i) EXPECT_NEAR(got->routes[i].cost, all[i].cost, 1e-9) << "rank " << i;
    } else {
      // Each kept route overlaps every better kept one by at most F; a route skipped while
      // the list was still open overlaps some kept route at most as costly by more than F.
      const double f = req.max_overlap();
      for (std::size_t i = 0; i < got->routes.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          EXPECT_LE(MoveOverlap(g, got->routes[i].edges, got->routes[j].edges), f + 1e-12);
      ASSERT_LE(got->routes.size(), k);
      const double limit = got->routes.size() == k ? got->routes.back().cost - 1e-9 : HUGE_VAL;
      for (const auto& e : all) {
        if (e.cost >= limit) break;
        const auto seq = Sequence(g, r->from, e.edges);
        if (distinct.count(seq)) continue;
        bool blocked = false;
        for (const auto& p : got->routes)
          if (p.cost <= e.cost + 1e-9 && MoveOverlap(g, e.edges, p.edges) > f + 1e-12) blocked = true;
        EXPECT_TRUE(blocked) << "a route of cost " << e.cost << " was skipped without reason";
      }
    }
    // Through the request API too: same count, NO_ROUTE when there is none.
    auto resp = FindRoute(g, req);
    if (all.empty()) {
      ASSERT_FALSE(resp.ok());
      EXPECT_EQ(resp.status().code(), v1::NO_ROUTE);
    } else {
      ASSERT_TRUE(resp.ok()) << resp.status().ToString();
      if (k > 1) {
        EXPECT_EQ(resp->routes_found(), got->routes.size());
        EXPECT_EQ(resp->routes_size(), static_cast<int>(got->routes.size()));
      }
    }
  }
}

TEST(AlternativesProperty, KBestMatchBruteForce) {
  for (int seed = 0; seed < 250; ++seed) CheckRandom(seed, {});
}

TEST(AlternativesProperty, WithExclusions) {
  for (int seed = 1000; seed < 1200; ++seed) CheckRandom(seed, {.exclusions = true});
}

TEST(AlternativesProperty, WithMaxMovesAndMaxYears) {
  for (int seed = 2000; seed < 2200; ++seed) CheckRandom(seed, {.exclusions = seed % 2 == 0, .resources = true});
}

TEST(AlternativesProperty, WithParallelTransitions) {
  for (int seed = 3000; seed < 3150; ++seed)
    CheckRandom(seed, {.exclusions = seed % 2 == 0, .resources = seed % 3 == 0, .parallel = true});
}

TEST(AlternativesProperty, GoalDirectedTreeMatchesBruteForce) {
  for (int seed = 7000; seed < 7250; ++seed)
    CheckRandom(seed, {.exclusions = seed % 2 == 0, .parallel = seed % 3 == 0, .landmarks = true});
}

TEST(AlternativesProperty, WithMaxStretch) {
  for (int seed = 4000; seed < 4150; ++seed) CheckRandom(seed, {.stretch = true});
}

TEST(AlternativesProperty, WithMaxOverlap) {
  for (int seed = 5000; seed < 5200; ++seed) CheckRandom(seed, {.exclusions = seed % 2 == 0, .overlap = true});
}

TEST(AlternativesProperty, LargerGraphsAndK) {
  // Denser graphs with up to a few thousand simple routes, K up to 60.
  for (int seed = 6000; seed < 6040; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    testing::RandomGraphOptions go;
    go.min_positions = 8;
    go.max_positions = 10;
    go.edge_probability = 0.4;
    auto built = CareerGraph::Build(testing::RandomGraph(rng, go));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    v1::RouteRequest req;
    req.set_from(g.position(0).id());
    req.set_to(g.position(g.num_positions() - 1).id());
    req.set_objective(seed % 2 ? v1::OBJECTIVE_SAFEST : v1::OBJECTIVE_FASTEST);
    auto r = ResolveRoute(g, req, RouteLimits{});
    ASSERT_TRUE(r.ok());
    const auto all = AllRoutes(g, *r);
    AlternativesOptions opt;
    opt.k = 60;
    if (seed % 2 == 0) opt.landmark_min_positions = 0;
    auto got = KShortestRoutes(g, *r, opt);
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(got->routes.size(), std::min<std::size_t>(60, all.size())) << "seed " << seed;
    for (std::size_t i = 0; i < got->routes.size(); ++i) {
      CheckRoute(g, *r, got->routes[i]);
      EXPECT_NEAR(got->routes[i].cost, all[i].cost, 1e-9) << "seed " << seed << " rank " << i;
    }
  }
}

}  // namespace
}  // namespace careergraph
