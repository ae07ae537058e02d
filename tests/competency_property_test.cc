// The `skills` best-fit weight, the `skills` trade-off criterion and the max_gap / max_growth
// exclusions against brute-force enumeration of simple paths on random graphs with random
// competency profiles. The oracle computes each move's gap from the snapshot's profiles
// with the README's formula, independently of engine/competency.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "engine/pareto.h"
#include "engine/route.h"
#include "tests/brute_force.h"

namespace careergraph {
namespace {

// gap(from -> to) = sum over what `to` asks of importance x max(0, need - held), held = the
// level `from` names, else 0 (the scale minimum); growth = the largest max(0, need - held).
struct Oracle {
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> moves;  // (from id, to id) -> gap, growth

  explicit Oracle(const v1::Graph& s) {
    for (const auto& from : s.positions())
      for (const auto& to : s.positions()) {
        double gap = 0, growth = 0;
        for (const auto& need : to.competencies()) {
          double held = 0;
          for (const auto& h : from.competencies())
            if (h.competency() == need.competency()) held = h.level();
          const double grow = std::max(0.0, need.level() - held);
          gap += (need.has_importance() ? need.importance() : 1.0) * grow;
          growth = std::max(growth, grow);
        }
        moves[{from.id(), to.id()}] = {gap, growth};
      }
  }
  std::pair<double, double> Of(const CareerGraph& g, EdgeId e) const {
    return moves.at({g.position(g.source(e)).id(), g.position(g.target(e)).id()});
  }
};

TEST(CompetencyProperty, SkillsObjectiveAndGapLimitsMatchBruteForce) {
  int found = 0, blocked = 0;
  for (int seed = 1; seed <= 300; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    testing::RandomGraphOptions opt;
    opt.competencies = 1 + seed % 4;
    const v1::Graph snapshot = testing::RandomGraph(rng, opt);
    auto built = CareerGraph::Build(snapshot);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const CareerGraph& g = **built;
    const Oracle oracle(snapshot);
    const Vertex n = g.num_positions();
    for (int q = 0; q < 4; ++q) {
      const Vertex s = static_cast<Vertex>(rng() % n), t = static_cast<Vertex>(rng() % n);
      const double w_years = static_cast<double>(rng() % 3), w_skills = 0.5 * static_cast<double>(1 + rng() % 4);
      const bool limit_gap = rng() % 2, limit_growth = rng() % 2;
      const double max_gap = static_cast<double>(rng() % 8), max_growth = static_cast<double>(rng() % 4);
      v1::RouteRequest req;
      req.set_from(g.position(s).id());
      req.set_to(g.position(t).id());
      req.set_objective(v1::OBJECTIVE_BEST_FIT);
      req.mutable_weights()->set_years(w_years);
      req.mutable_weights()->set_skills(w_skills);
      if (limit_gap) req.mutable_constraints()->set_max_gap(max_gap);
      if (limit_growth) req.mutable_constraints()->set_max_growth(max_growth);

      bool any = false;
      double best = 0;
      auto allowed = [&](EdgeId e) {
        const auto [gap, growth] = oracle.Of(g, e);
        return (!limit_gap || gap <= max_gap) && (!limit_growth || growth <= max_growth);
      };
      testing::ForEachSimplePath(g, s, t, allowed, [&](const std::vector<EdgeId>& path) {
        double cost = 0;
        for (EdgeId e : path) cost += w_years * g.years(e) + w_skills * oracle.Of(g, e).first;
        if (!any || cost < best) best = cost;
        any = true;
        return true;
      });
      RouteLimits limits;
      if (seed % 2) limits.landmark_min_positions = 0;  // goal-directed too
      auto r = FindRoute(g, req, limits);
      if (!any) {
        ASSERT_FALSE(r.ok()) << "seed " << seed;
        EXPECT_EQ(r.status().code(), v1::NO_ROUTE);
        ++blocked;
        continue;
      }
      ASSERT_TRUE(r.ok()) << "seed " << seed << ": " << r.status().ToString();
      ++found;
      EXPECT_NEAR(r->routes(0).totals().cost(), best, 1e-9) << "seed " << seed;
      // Every move of the answer within the limits, as the oracle computes them.
      for (int i = 1; i < r->routes(0).steps_size(); ++i) {
        const auto& from = r->routes(0).steps(i - 1).position_id();
        const auto& to = r->routes(0).steps(i).position_id();
        const auto [gap, growth] = oracle.moves.at({from, to});
        if (limit_gap) {
          EXPECT_LE(gap, max_gap);
        }
        if (limit_growth) {
          EXPECT_LE(growth, max_growth);
        }
      }
    }
  }
  EXPECT_GT(found, 300);
  EXPECT_GT(blocked, 50);
}

TEST(CompetencyProperty, SkillsCriterionFrontMatchesBruteForce) {
  for (int seed = 1; seed <= 120; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    testing::RandomGraphOptions opt;
    opt.competencies = 3;
    opt.max_positions = 7;
    const v1::Graph snapshot = testing::RandomGraph(rng, opt);
    auto built = CareerGraph::Build(snapshot);
    ASSERT_TRUE(built.ok());
    const CareerGraph& g = **built;
    const Oracle oracle(snapshot);
    const Vertex s = static_cast<Vertex>(rng() % g.num_positions()), t = static_cast<Vertex>(rng() % g.num_positions());
    if (s == t) continue;
    // All (years, gap) values of simple paths, reduced to the non-dominated set.
    std::vector<std::pair<double, double>> all;
    testing::ForEachSimplePath(g, s, t, [](EdgeId) { return true; }, [&](const std::vector<EdgeId>& path) {
      double years = 0, gap = 0;
      for (EdgeId e : path) years += g.years(e), gap += oracle.Of(g, e).first;
      all.emplace_back(years, gap);
      return true;
    });
    std::set<std::pair<double, double>> front;
    for (const auto& a : all) {
      bool dominated = false;
      for (const auto& b : all)
        dominated |= b.first <= a.first + 1e-9 && b.second <= a.second + 1e-9 &&
                     (b.first < a.first - 1e-9 || b.second < a.second - 1e-9);
      if (!dominated) front.insert({std::round(a.first * 1e6) / 1e6, std::round(a.second * 1e6) / 1e6});
    }
    v1::TradeoffsRequest req;
    req.set_from(g.position(s).id());
    req.set_to(g.position(t).id());
    req.add_criteria(v1::CRITERION_YEARS);
    req.add_criteria(v1::CRITERION_SKILLS);
    auto r = FindTradeoffs(g, req);
    if (front.empty()) {
      EXPECT_FALSE(r.ok());
      continue;
    }
    ASSERT_TRUE(r.ok()) << "seed " << seed << ": " << r.status().ToString();
    std::set<std::pair<double, double>> got;
    for (const auto& route : r->routes())
      got.insert({std::round(route.criteria(0) * 1e6) / 1e6, std::round(route.criteria(1) * 1e6) / 1e6});
    EXPECT_EQ(got, front) << "seed " << seed;
  }
}

}  // namespace
}  // namespace careergraph
