// The exact Pareto front: hand-made fronts by position names, representatives, every
// request error, and the front against brute-force enumeration on hundreds of random graphs.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>

#include "engine/cost.h"
#include "engine/pareto.h"
#include "engine/route.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;
using Path = std::vector<std::string>;

// The same ladder as alternatives_test: six routes from a to d.
//   route      years  p       pay shortfall (max pay 200k)
//   a b m d    5      .288    .4 + .2 + 0       = .6
//   a m d      6      .18     .2 + 0            = .2
//   a b c m d  6.5    .3024   .4 + .25 + .2 + 0 = .85
//   a b c d    7.5    .28     .4 + .25 + 0      = .65
//   a b m c d  8      .216    .4 + .2 + .25 + 0 = .85
//   a m c d    9      .135    .2 + .25 + 0      = .45
GraphPtr Ladder() {
  return MakeEngineGraph(
      {
          "a|Analyst|ops|1|100000|0.1|0.1",
          "b|Senior Analyst|ops|2|120000|0.2|0.2",
          "c|Lead Analyst|ops|3|150000|0.3|0.3",
          "m|Manager|mgmt|3|160000|0.5|0.6",
          "d|Director|mgmt|4|200000|0.7|0.9",
      },
      {
          "a>b|promotion|2|0.8",
          "b>c|promotion|2|0.7",
          "c>d|promotion|3.5|0.5",
          "b>m|track-switch|1|0.6",
          "m>d|promotion|2|0.6",
          "a>m|track-switch|4|0.3",
          "c>m|lateral|0.5|0.9",
          "m>c|lateral|1.5|0.9",
      });
}

v1::TradeoffsRequest Req(std::vector<v1::Criterion> criteria) {
  v1::TradeoffsRequest r;
  r.set_from("Analyst");
  r.set_to("Director");
  for (auto c : criteria) r.add_criteria(c);
  return r;
}

std::vector<Path> Paths(const v1::TradeoffsResponse& resp) {
  std::vector<Path> out;
  for (const auto& tr : resp.routes()) {
    Path p;
    for (const auto& s : tr.route().steps()) p.push_back(s.position_id());
    out.push_back(p);
  }
  return out;
}

TEST(Pareto, YearsAgainstRisk) {
  auto g = Ladder();
  auto resp = FindTradeoffs(*g, Req({v1::CRITERION_YEARS, v1::CRITERION_RISK}));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  // a m d (6, .18) loses to a b m d; a b c d (7.5, .28) loses to a b c m d.
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"}, {"a", "b", "c", "m", "d"}}));
  ASSERT_EQ(resp->routes(0).criteria_size(), 2);
  EXPECT_DOUBLE_EQ(resp->routes(0).criteria(0), 5);
  EXPECT_NEAR(resp->routes(0).criteria(1), -std::log(0.8 * 0.6 * 0.6), 1e-12);
  EXPECT_DOUBLE_EQ(resp->routes(1).criteria(0), 6.5);
  EXPECT_NEAR(resp->routes(1).criteria(1), -std::log(0.8 * 0.7 * 0.9 * 0.6), 1e-12);
  EXPECT_FALSE(resp->truncated());
  EXPECT_EQ(resp->criteria_size(), 2);
  // Step costs are the criteria with weight 1 each.
  EXPECT_NEAR(resp->routes(0).route().totals().cost(), resp->routes(0).criteria(0) + resp->routes(0).criteria(1),
              1e-12);
}

TEST(Pareto, ThreeCriteriaAddTheBestPaidRoute) {
  auto g = Ladder();
  auto resp = FindTradeoffs(*g, Req({v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY}));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp),
            (std::vector<Path>{{"a", "b", "m", "d"}, {"a", "m", "d"}, {"a", "b", "c", "m", "d"}}));
  EXPECT_NEAR(resp->routes(1).criteria(2), 0.2, 1e-12);
}

TEST(Pareto, OrderFollowsTheFirstCriterion) {
  auto g = Ladder();
  auto resp = FindTradeoffs(*g, Req({v1::CRITERION_RISK, v1::CRITERION_YEARS}));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "c", "m", "d"}, {"a", "b", "m", "d"}}));
}

TEST(Pareto, FourCriteria) {
  auto g = Ladder();
  // Ambiguity entering b .2, c .3, m .5, d .7: a m d 1.2 is the least ambiguous route.
  auto resp = FindTradeoffs(
      *g, Req({v1::CRITERION_AMBIGUITY, v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_LEADERSHIP}));
  ASSERT_TRUE(resp.ok());
  ASSERT_GE(resp->routes_size(), 1);
  EXPECT_EQ(Paths(*resp)[0], (Path{"a", "m", "d"}));
  EXPECT_NEAR(resp->routes(0).criteria(0), 1.2, 1e-12);
  EXPECT_NEAR(resp->routes(0).criteria(3), (1 - 0.6) + (1 - 0.9), 1e-12);
}

TEST(Pareto, ExclusionsHold) {
  auto g = Ladder();
  auto req = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_LATERAL);
  auto resp = FindTradeoffs(*g, req);
  ASSERT_TRUE(resp.ok());
  // Without c -> m, a b m d (5, .288) beats both a m d and a b c d.
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"}}));
  req.mutable_constraints()->add_avoid_positions("Senior Analyst");
  resp = FindTradeoffs(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "m", "d"}}));
}

TEST(Pareto, FrontLimitTruncatesInOrder) {
  auto g = Ladder();
  auto req = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY});
  req.set_max_front(2);
  auto resp = FindTradeoffs(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a", "b", "m", "d"}, {"a", "m", "d"}}));
  EXPECT_TRUE(resp->truncated());
  EXPECT_NE(resp->truncated_reason().find("front size limit of 2"), std::string::npos) << resp->truncated_reason();
  // A limit equal to the front's size is not a truncation.
  req.set_max_front(3);
  resp = FindTradeoffs(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->routes_size(), 3);
  EXPECT_FALSE(resp->truncated());
}

TEST(Pareto, SamePositionIsTheEmptyRoute) {
  auto g = Ladder();
  auto req = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  req.set_to("a");
  auto resp = FindTradeoffs(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Paths(*resp), (std::vector<Path>{{"a"}}));
}

TEST(Pareto, Representatives) {
  // A straight-line front of 6 points in 2-D: extremes first, then the middle.
  std::vector<std::vector<double>> pts = {{0, 10}, {1, 8}, {2, 6}, {3, 4}, {4, 2}, {5, 0}};
  EXPECT_EQ(PickRepresentatives(pts, 2), (std::vector<std::size_t>{0, 5}));
  const auto three = PickRepresentatives(pts, 3);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three.front(), 0u);
  EXPECT_EQ(three.back(), 5u);
  EXPECT_TRUE(three[1] == 2 || three[1] == 3);
  EXPECT_EQ(PickRepresentatives(pts, 1), (std::vector<std::size_t>{0}));
  EXPECT_EQ(PickRepresentatives(pts, 10).size(), 6u);
  EXPECT_TRUE(PickRepresentatives(pts, 0).empty());
  // 3-D: the best in each criterion comes first.
  std::vector<std::vector<double>> p3 = {{0, 5, 5}, {1, 1, 4}, {2, 3, 0}, {1.5, 2, 2}};
  EXPECT_EQ(PickRepresentatives(p3, 3), (std::vector<std::size_t>{0, 1, 2}));

  auto g = Ladder();
  auto req = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY});
  req.set_representatives(2);
  auto resp = FindTradeoffs(*g, req);
  ASSERT_TRUE(resp.ok());
  ASSERT_EQ(resp->routes_size(), 3);  // the whole front is still returned
  // Best years: a b m d (0); best risk: a b c m d (2) - two already, so no pay extreme.
  EXPECT_EQ(std::vector<std::uint32_t>(resp->representatives().begin(), resp->representatives().end()),
            (std::vector<std::uint32_t>{0, 2}));
  EXPECT_TRUE(resp->routes(0).representative());
  EXPECT_FALSE(resp->routes(1).representative());
  EXPECT_TRUE(resp->routes(2).representative());
}

TEST(Pareto, ParseCriteria) {
  auto c = ParseCriteria("years, Risk,pay");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, (std::vector<v1::Criterion>{v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY}));
  auto bad = ParseCriteria("years,salary");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(bad.status().field(), "criteria");
  EXPECT_NE(bad.status().message().find("unknown criterion 'salary'"), std::string::npos);
  bad = ParseCriteria("years");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("at least 2 criteria"), std::string::npos);
  bad = ParseCriteria("years,risk,pay,ambiguity,leadership");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("at most 4 criteria"), std::string::npos);
  bad = ParseCriteria("years,risk,years");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'years' is given twice"), std::string::npos);
  EXPECT_EQ(CriterionName(v1::CRITERION_LEADERSHIP), "leadership");
}

TEST(Pareto, Errors) {
  auto g = Ladder();
  auto status = [&](const v1::TradeoffsRequest& r) { return FindTradeoffs(*g, r).status(); };
  auto r = Req({v1::CRITERION_YEARS});
  EXPECT_EQ(status(r).code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(status(r).field(), "criteria");
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY, v1::CRITERION_AMBIGUITY,
           v1::CRITERION_LEADERSHIP});
  EXPECT_EQ(status(r).code(), v1::INVALID_ARGUMENT);
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_YEARS});
  EXPECT_EQ(status(r).code(), v1::INVALID_ARGUMENT);
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_UNSPECIFIED});
  EXPECT_EQ(status(r).code(), v1::INVALID_ARGUMENT);

  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.set_from("Analist");
  EXPECT_EQ(status(r).code(), v1::NOT_FOUND);
  EXPECT_EQ(status(r).field(), "from");
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.set_to("CEO");
  EXPECT_EQ(status(r).code(), v1::NOT_FOUND);

  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.mutable_constraints()->add_via("Manager");
  EXPECT_EQ(status(r).code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(status(r).field(), "constraints.via");
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.mutable_constraints()->set_max_moves(3);
  EXPECT_EQ(status(r).field(), "constraints.max_moves");
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.mutable_constraints()->set_max_years(3);
  EXPECT_EQ(status(r).field(), "constraints.max_years");
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.mutable_constraints()->add_avoid_tracks("sales");
  EXPECT_EQ(status(r).code(), v1::NOT_FOUND);

  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.set_max_front(5000);
  EXPECT_EQ(status(r).code(), v1::TOO_LARGE);
  EXPECT_EQ(status(r).field(), "max_front");
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.set_time_limit_seconds(-1);
  EXPECT_EQ(status(r).code(), v1::INVALID_ARGUMENT);
  r.set_time_limit_seconds(1e9);
  EXPECT_EQ(status(r).code(), v1::TOO_LARGE);
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.set_representatives(5000);
  EXPECT_EQ(status(r).code(), v1::TOO_LARGE);

  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.set_from("Director");
  r.set_to("Analyst");
  EXPECT_EQ(status(r).code(), v1::NO_ROUTE);
  r = Req({v1::CRITERION_YEARS, v1::CRITERION_RISK});
  r.mutable_constraints()->add_avoid_positions("Manager");
  r.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_PROMOTION);
  EXPECT_EQ(status(r).code(), v1::NO_ROUTE);
  EXPECT_NE(status(r).message().find("no route from 'Analyst' to 'Director'"), std::string::npos)
      << status(r).message();
}

TEST(Pareto, CriteriaAreTheBestFitPenalties) {
  std::mt19937 rng(7);
  auto built = CareerGraph::Build(testing::RandomGraph(rng));
  ASSERT_TRUE(built.ok());
  const CareerGraph& g = **built;
  const std::pair<v1::Criterion, void (v1::Weights::*)(double)> terms[] = {
      {v1::CRITERION_YEARS, &v1::Weights::set_years},
      {v1::CRITERION_RISK, &v1::Weights::set_risk},
      {v1::CRITERION_PAY, &v1::Weights::set_pay},
      {v1::CRITERION_AMBIGUITY, &v1::Weights::set_ambiguity},
      {v1::CRITERION_LEADERSHIP, &v1::Weights::set_leadership}};
  for (const auto& [criterion, set] : terms) {
    v1::Weights w;
    (w.*set)(1.0);
    auto cost = CostModel::Make(g, v1::OBJECTIVE_BEST_FIT, w);
    ASSERT_TRUE(cost.ok());
    for (EdgeId e = 0; e < g.num_transitions(); ++e)
      EXPECT_DOUBLE_EQ(CriterionCost(g, criterion, e), (*cost)(e)) << CriterionName(criterion);
  }
}

// ---- against brute force ----

constexpr double kTol = 1e-9;

bool Dominates(const std::vector<double>& a, const std::vector<double>& b) {
  bool better = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] > b[i] + kTol) return false;
    if (a[i] < b[i] - kTol) better = true;
  }
  return better;
}
bool Same(const std::vector<double>& a, const std::vector<double>& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::fabs(a[i] - b[i]) > kTol) return false;
  return true;
}

// The front as a set of vectors, sorted lexicographically.
std::vector<std::vector<double>> BruteFront(const CareerGraph& g, Vertex s, Vertex t,
                                            const std::vector<v1::Criterion>& criteria, const RouteFilter& f) {
  std::vector<std::vector<double>> all;
  if (!f.VertexOk(s) || !f.VertexOk(t)) return all;
  testing::ForEachSimplePath(
      g, s, t, [&](EdgeId e) { return f(e); },
      [&](const std::vector<EdgeId>& p) {
        std::vector<double> v(criteria.size(), 0.0);
        for (EdgeId e : p)
          for (std::size_t i = 0; i < criteria.size(); ++i) v[i] += CriterionCost(g, criteria[i], e);
        all.push_back(v);
        return true;
      });
  std::vector<std::vector<double>> front;
  for (const auto& p : all) {
    bool dominated = false;
    for (const auto& q : all)
      if (Dominates(q, p)) dominated = true;
    if (dominated) continue;
    bool dup = false;
    for (const auto& q : front)
      if (Same(p, q)) dup = true;
    if (!dup) front.push_back(p);
  }
  std::sort(front.begin(), front.end());
  return front;
}

void CheckRandom(int seed, bool exclusions, bool landmarks = false) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  testing::RandomGraphOptions go;
  go.edge_probability = 0.25 + 0.05 * static_cast<double>(seed % 4);
  v1::Graph snap = testing::RandomGraph(rng, go);
  if (seed % 5 == 0) {  // parallel transitions with different trade-offs
    const int m = snap.transitions_size();
    for (int i = 0; i < m; ++i)
      if (rng() % 3 == 0) {
        auto* tr = snap.add_transitions();
        *tr = snap.transitions(i);
        tr->set_years(0.25 * static_cast<double>(1 + rng() % 16));
        tr->set_probability(static_cast<double>(1 + rng() % 20) / 20.0);
      }
  }
  auto built = CareerGraph::Build(snap);
  ASSERT_TRUE(built.ok());
  const CareerGraph& g = **built;
  const Vertex n = g.num_positions();
  for (int q = 0; q < 4; ++q) {
    const Vertex s = static_cast<Vertex>(rng() % n), t = static_cast<Vertex>(rng() % n);
    std::vector<v1::Criterion> pool = {v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY,
                                       v1::CRITERION_AMBIGUITY, v1::CRITERION_LEADERSHIP};
    std::shuffle(pool.begin(), pool.end(), rng);
    pool.resize(2 + rng() % 3);
    v1::Constraints c;
    if (exclusions) switch (rng() % 4) {
        case 0: c.add_avoid_positions(g.position(static_cast<Vertex>(rng() % n)).id()); break;
        case 1: c.add_avoid_kinds(static_cast<v1::TransitionKind>(1 + rng() % 4)); break;
        case 2: c.set_max_ambiguity(0.1 * static_cast<double>(3 + rng() % 8)); break;
        default: c.set_no_pay_cut(true);
      }
    auto filter = RouteFilter::Make(g, c);
    ASSERT_TRUE(filter.ok());
    std::string names;
    for (auto k : pool) names += CriterionName(k) + " ";
    SCOPED_TRACE("seed " + std::to_string(seed) + " query " + std::to_string(q) + " " + std::to_string(s) + "->" +
                 std::to_string(t) + " " + names + c.ShortDebugString());
    const auto want = BruteFront(g, s, t, pool, *filter);
    ParetoOptions opt;
    if (landmarks) opt.landmark_min_positions = 0;
    auto got = ParetoFront(g, s, t, pool, *filter, opt);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_FALSE(got->truncated);
    auto show = [](const std::vector<std::vector<double>>& pts) {
      std::string out;
      for (const auto& p : pts) {
        out += "(";
        for (double x : p) out += std::to_string(x) + " ";
        out += ") ";
      }
      return out;
    };
    std::vector<std::vector<double>> got_points;
    for (const auto& r : got->front) got_points.push_back(r.criteria);
    ASSERT_EQ(got->front.size(), want.size()) << "got " << show(got_points) << "want " << show(want);
    // The same set of vectors (matched within rounding), sorted by the first criterion.
    std::vector<char> matched(want.size(), 0);
    for (std::size_t i = 0; i < got->front.size(); ++i) {
      const auto& r = got->front[i];
      bool found = false;
      for (std::size_t j = 0; j < want.size() && !found; ++j)
        if (!matched[j] && Same(r.criteria, want[j])) matched[j] = found = true;
      EXPECT_TRUE(found) << "front point " << i << " is not on the brute-force front: " << show(got_points);
      if (i > 0) {
        EXPECT_LE(got->front[i - 1].criteria[0], r.criteria[0] + kTol);
      }
      // The route is real: contiguous, simple, allowed, and has the vector it reports.
      Vertex cur = s;
      std::set<Vertex> seen = {s};
      std::vector<double> v(pool.size(), 0.0);
      for (EdgeId e : r.edges) {
        ASSERT_EQ(g.source(e), cur);
        EXPECT_TRUE((*filter)(e));
        for (std::size_t k = 0; k < pool.size(); ++k) v[k] += CriterionCost(g, pool[k], e);
        cur = g.target(e);
        EXPECT_TRUE(seen.insert(cur).second) << "not simple";
      }
      EXPECT_EQ(cur, t);
      EXPECT_TRUE(Same(v, r.criteria));
    }
  }
}

TEST(ParetoProperty, FrontMatchesBruteForce) {
  for (int seed = 0; seed < 300; ++seed) CheckRandom(seed, false);
}

TEST(ParetoProperty, WithExclusions) {
  for (int seed = 1000; seed < 1200; ++seed) CheckRandom(seed, true);
}

TEST(ParetoProperty, GoalDirectedBoundsMatchBruteForce) {
  for (int seed = 5000; seed < 5300; ++seed) CheckRandom(seed, seed % 2 == 0, /*landmarks=*/true);
}

TEST(ParetoProperty, ZeroCostMoves) {
  // Probability-1 moves, equal positions: many routes share a vector; each vector once.
  for (int seed = 2000; seed < 2100; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    v1::Graph snap = testing::RandomGraph(rng);
    for (auto& tr : *snap.mutable_transitions())
      if (rng() % 2) tr.set_probability(1.0);
    for (auto& p : *snap.mutable_positions())
      if (rng() % 2) p.set_ambiguity(0.0);
    auto built = CareerGraph::Build(snap);
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    auto filter = RouteFilter::Make(g, {});
    const std::vector<v1::Criterion> crit = {v1::CRITERION_RISK, v1::CRITERION_AMBIGUITY};
    const Vertex s = 0, t = g.num_positions() - 1;
    const auto want = BruteFront(g, s, t, crit, *filter);
    ParetoOptions opt;
    if (seed % 2) opt.landmark_min_positions = 0;
    auto got = ParetoFront(g, s, t, crit, *filter, opt);
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(got->front.size(), want.size()) << "seed " << seed;
    for (const auto& r : got->front) {
      bool on = false;
      for (const auto& w : want) on |= Same(r.criteria, w);
      EXPECT_TRUE(on) << "seed " << seed;
    }
  }
}

TEST(ParetoProperty, TruncatedFrontIsAnExactPrefix) {
  for (int seed = 3000; seed < 3100; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    testing::RandomGraphOptions go;
    go.min_positions = 7;
    go.edge_probability = 0.4;
    auto built = CareerGraph::Build(testing::RandomGraph(rng, go));
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    auto filter = RouteFilter::Make(g, {});
    const std::vector<v1::Criterion> crit = {v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_LEADERSHIP};
    const Vertex s = 0, t = g.num_positions() - 1;
    const auto want = BruteFront(g, s, t, crit, *filter);
    ParetoOptions opt;
    opt.max_front = 1 + static_cast<std::uint32_t>(rng() % 4);
    if (seed % 2) opt.landmark_min_positions = 0;
    auto got = ParetoFront(g, s, t, crit, *filter, opt);
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(got->front.size(), std::min<std::size_t>(opt.max_front, want.size())) << "seed " << seed;
    EXPECT_EQ(got->truncated, want.size() > opt.max_front) << "seed " << seed;
    // A prefix in the first criterion: every returned point is on the front, and no front
    // point is missing below the last returned first criterion.
    for (const auto& r : got->front) {
      bool on = false;
      for (const auto& w : want) on |= Same(r.criteria, w);
      EXPECT_TRUE(on) << "seed " << seed;
    }
    if (!got->front.empty() && got->truncated)
      for (const auto& w : want)
        if (w[0] < got->front.back().criteria[0] - kTol) {
          bool returned = false;
          for (const auto& r : got->front) returned |= Same(r.criteria, w);
          EXPECT_TRUE(returned) << "seed " << seed;
        }
  }
}

TEST(ParetoProperty, LabelBudgetTruncates) {
  auto g = Ladder();
  auto filter = RouteFilter::Make(*g, {});
  ParetoOptions opt;
  opt.max_labels = 3;
  auto got = ParetoFront(*g, 0, 4, {v1::CRITERION_YEARS, v1::CRITERION_RISK}, *filter, opt);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->truncated);
  EXPECT_NE(got->truncated_reason.find("label budget of 3"), std::string::npos);
}

}  // namespace
}  // namespace careergraph
