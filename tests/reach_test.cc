// Reach on a hand-made ladder (earliest arrivals, tie-breaks, move limits, sorting) and
// against every simple path on random small ladders; every request error.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "engine/reach.h"
#include "engine/search.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

// Two equally fast 2-year routes to Staff: via Manager (0.3 x 0.9 = 27%) and via the other
// org (0.9 x 0.2 = 18%); the slow one via Senior is the most likely (0.8 x 0.5 = 40%).
GraphPtr Ladder() {
  return testing::EngineerLadder(true);
}

v1::ReachRequest Req(double within, std::uint32_t max_moves = 0) {
  v1::ReachRequest r;
  r.set_from("Engineer");
  r.set_within_years(within);
  r.set_max_moves(max_moves);
  return r;
}

std::vector<std::string> Ids(const v1::ReachResponse& r) {
  std::vector<std::string> out;
  for (const auto& p : r.positions()) out.push_back(p.position_id());
  return out;
}
using Ids_ = std::vector<std::string>;

const v1::ReachedPosition* Find(const v1::ReachResponse& r, const std::string& id) {
  for (const auto& p : r.positions())
    if (p.position_id() == id) return &p;
  return nullptr;
}

TEST(Reach, EarliestArrivalsSortedByYears) {
  auto g = Ladder();
  auto r = FindReach(*g, Req(2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "mgr", "sr", "staff"}));
  EXPECT_EQ(r->reachable(), 4u);
  EXPECT_FALSE(r->best_probability());
  const auto* staff = Find(*r, "staff");
  ASSERT_NE(staff, nullptr);
  EXPECT_DOUBLE_EQ(staff->years(), 2.0);
  EXPECT_EQ(staff->moves(), 2u);
  // Equally fast: the more likely route wins.
  EXPECT_NEAR(staff->probability(), 0.27, 1e-12);
  EXPECT_EQ(staff->via_id(), "mgr");
  EXPECT_DOUBLE_EQ(staff->pay_change(), 100000);
  EXPECT_FALSE(staff->has_best_probability());
  EXPECT_EQ(r->from_id(), "eng");
}

TEST(Reach, BestProbabilityLooksAtEveryRouteInTheBudget) {
  auto g = Ladder();
  auto req = Req(5);
  req.set_best_probability(true);
  auto r = FindReach(*g, req);
  ASSERT_TRUE(r.ok());
  const auto* staff = Find(*r, "staff");
  ASSERT_NE(staff, nullptr);
  EXPECT_DOUBLE_EQ(staff->years(), 2.0);
  EXPECT_NEAR(staff->probability(), 0.27, 1e-12);
  ASSERT_TRUE(staff->has_best_probability());
  EXPECT_NEAR(staff->best_probability(), 0.4, 1e-12);  // via Senior, 5 years
  req.set_within_years(4.5);
  r = FindReach(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(Find(*r, "staff")->best_probability(), 0.27, 1e-12);
}

TEST(Reach, MoveLimitIsExact) {
  auto g = Ladder();
  auto r = FindReach(*g, Req(0, 1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "mgr", "sr"}));
  EXPECT_TRUE(r->best_probability());
  // A move limit can force a slower route: with 2 moves and no time limit, fine; through a
  // chain that needs 3 moves to be fast, the limit picks the slower direct one.
  auto g2 = MakeEngineGraph({"a|A|x|1|1|0|0", "b|B|x|2|1|0|0", "c|C|x|3|1|0|0", "d|D|x|4|1|0|0"},
                            {"a>b|promotion|1|1", "b>c|promotion|1|1", "c>d|promotion|1|1", "a>d|lateral|5|1"});
  v1::ReachRequest q;
  q.set_from("a");
  q.set_max_moves(2);
  r = FindReach(*g2, q);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(Find(*r, "d")->years(), 5.0);
  EXPECT_EQ(Find(*r, "d")->moves(), 1u);
  q.set_max_moves(3);
  r = FindReach(*g2, q);
  EXPECT_DOUBLE_EQ(Find(*r, "d")->years(), 3.0);
}

TEST(Reach, SortsAndLimits) {
  auto g = Ladder();
  auto req = Req(0);
  req.set_sort(v1::REACH_SORT_PAY);
  auto r = FindReach(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (Ids_{"staff", "mgr", "sr", "ext"}));
  req.set_sort(v1::REACH_SORT_PROBABILITY);
  r = FindReach(*g, req);
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "sr", "mgr", "staff"}));
  req.set_sort(v1::REACH_SORT_MOVES);
  r = FindReach(*g, req);
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "mgr", "sr", "staff"}));
  req.set_limit(2);
  r = FindReach(*g, req);
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "mgr"}));
  EXPECT_EQ(r->reachable(), 4u);
}

TEST(Reach, FiltersApplyToPositionsMovedInto) {
  auto g = Ladder();
  auto req = Req(0);
  req.mutable_constraints()->add_avoid_tracks("mgmt");
  auto r = FindReach(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Find(*r, "staff")->via_id(), "ext");
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_ORG_CHANGE);
  r = FindReach(*g, req);
  EXPECT_EQ(Find(*r, "staff")->via_id(), "sr");
  EXPECT_DOUBLE_EQ(Find(*r, "staff")->years(), 5.0);
  req = Req(0);
  req.set_min_leadership(0.25);
  r = FindReach(*g, req);
  EXPECT_EQ(Ids(*r), (Ids_{"mgr", "staff"}));
}

// ---- against every simple path ----

TEST(ReachProperty, MatchesEverySimplePath) {
  std::mt19937 rng(31337);
  int nonempty = 0;
  for (int iter = 0; iter < 500; ++iter) {
    SCOPED_TRACE("iteration " + std::to_string(iter));
    testing::RandomGraphOptions opt;
    opt.edge_probability = 0.35;
    auto gr = CareerGraph::Build(testing::RandomGraph(rng, opt));
    ASSERT_TRUE(gr.ok());
    const CareerGraph& g = **gr;
    const Vertex s = static_cast<Vertex>(rng() % g.num_positions());
    v1::ReachRequest req;
    req.set_from(g.position(s).id());
    const double within = rng() % 3 == 0 ? 0.0 : 0.25 * (1 + rng() % 16);
    const std::uint32_t max_moves = rng() % 3 == 0 ? 1 + static_cast<std::uint32_t>(rng() % 3) : 0;
    req.set_within_years(within);
    req.set_max_moves(max_moves);
    req.set_best_probability(rng() % 2 == 0);
    std::set<std::string> avoid_tracks;
    if (rng() % 4 == 0) {
      avoid_tracks.insert(g.position(static_cast<Vertex>(rng() % g.num_positions())).track());
      req.mutable_constraints()->add_avoid_tracks(*avoid_tracks.begin());
    }
    auto allow = [&](EdgeId e) { return !avoid_tracks.count(g.position(g.target(e)).track()); };
    auto r = FindReach(g, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const bool labels = max_moves > 0 || req.best_probability();
    EXPECT_EQ(r->best_probability(), labels);
    std::uint32_t reachable = 0;
    for (Vertex t = 0; t < g.num_positions(); ++t) {
      if (t == s) continue;
      double earliest = kInf, best_p = 0, p_at_earliest = 0;
      std::vector<std::tuple<double, std::uint32_t, double>> routes;
      testing::ForEachSimplePath(g, s, t, allow, [&](const std::vector<EdgeId>& path) {
        double y = 0, p = 1;
        for (EdgeId e : path) y += g.years(e), p *= g.probability(e);
        if ((within > 0 && y > within + 1e-9) || (max_moves > 0 && path.size() > max_moves)) return true;
        routes.emplace_back(y, static_cast<std::uint32_t>(path.size()), p);
        best_p = std::max(best_p, p);
        if (y < earliest - 1e-9) {
          earliest = y;
          p_at_earliest = p;
        } else if (std::fabs(y - earliest) <= 1e-9) {
          p_at_earliest = std::max(p_at_earliest, p);
        }
        return true;
      });
      const v1::ReachedPosition* got = Find(*r, g.position(t).id());
      if (earliest == kInf) {
        EXPECT_EQ(got, nullptr) << g.position(t).id() << " is not reachable in the budget";
        continue;
      }
      ++reachable;
      ASSERT_NE(got, nullptr) << g.position(t).id();
      EXPECT_NEAR(got->years(), earliest, 1e-9);
      EXPECT_NEAR(got->probability(), p_at_earliest, 1e-12);
      // The reported route is one of the routes in the budget.
      bool exists = false;
      for (const auto& [y, m, p] : routes)
        exists |= std::fabs(y - got->years()) <= 1e-9 && m == got->moves() && std::fabs(p - got->probability()) <= 1e-12;
      EXPECT_TRUE(exists) << "no route with the reported years, moves and probability";
      if (labels) {
        ASSERT_TRUE(got->has_best_probability());
        EXPECT_NEAR(got->best_probability(), best_p, 1e-12);
      }
    }
    EXPECT_EQ(r->reachable(), reachable);
    nonempty += reachable > 0;
  }
  EXPECT_GT(nonempty, 300);
}

// ---- request errors ----

TEST(ReachErrors, EveryBadRequestNamesItsField) {
  auto g = Ladder();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Bad {
    std::string name;
    std::function<void(v1::ReachRequest*)> change;
    v1::ErrorCode code;
    std::string field;
  };
  const std::vector<Bad> cases = {
      {"unknown start", [](auto* r) { r->set_from("Engneer"); }, v1::NOT_FOUND, "from"},
      {"negative years", [](auto* r) { r->set_within_years(-1); }, v1::INVALID_ARGUMENT, "within_years"},
      {"NaN years", [&](auto* r) { r->set_within_years(nan); }, v1::INVALID_ARGUMENT, "within_years"},
      {"years past the limit", [](auto* r) { r->set_within_years(51); }, v1::TOO_LARGE, "within_years"},
      {"moves past the limit", [](auto* r) { r->set_max_moves(101); }, v1::TOO_LARGE, "max_moves"},
      {"unknown sort", [](auto* r) { r->set_sort(static_cast<v1::ReachSort>(9)); }, v1::INVALID_ARGUMENT, "sort"},
      {"via", [](auto* r) { r->mutable_constraints()->add_via("sr"); }, v1::INVALID_ARGUMENT, "constraints.via"},
      {"route max moves", [](auto* r) { r->mutable_constraints()->set_max_moves(1); }, v1::INVALID_ARGUMENT,
       "constraints.max_moves"},
      {"route max years", [](auto* r) { r->mutable_constraints()->set_max_years(1); }, v1::INVALID_ARGUMENT,
       "constraints.max_years"},
      {"min leadership < 0", [](auto* r) { r->set_min_leadership(-0.1); }, v1::INVALID_ARGUMENT, "min_leadership"},
      {"unknown avoided org", [](auto* r) { r->mutable_constraints()->add_avoid_orgs("Initech"); }, v1::NOT_FOUND,
       "constraints.avoid_orgs"},
  };
  for (const auto& c : cases) {
    auto req = Req(3);
    c.change(&req);
    auto r = FindReach(*g, req);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r.status().field(), c.field) << c.name << ": " << r.status().ToString();
  }
}

TEST(ReachErrors, LabelBudgetIsExplicit) {
  auto g = Ladder();
  ReachLimits limits;
  limits.max_labels = 2;
  auto req = Req(0);
  req.set_best_probability(true);
  auto r = FindReach(*g, req, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::TOO_LARGE);
}

}  // namespace
}  // namespace careergraph
