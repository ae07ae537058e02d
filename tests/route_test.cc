// Routes on a hand-made ladder: exact position sequences for every objective and
// constraint, and every request error with its code and field.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "engine/landmarks.h"
#include "engine/route.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

// Two tracks in one org plus a second org:
//   swe1 -> swe2 -> swe3 (promotions), swe2 -> pm2 (switch), pm2 -> pm3, swe3 -> pm3,
//   swe1 -> ext2 (org change, fast, risky) -> pm3
GraphPtr Ladder() {
  return MakeEngineGraph(
      {
          "swe1|Software Engineer|swe|1|100000|0.1|0.1",
          "swe2|Senior Software Engineer|swe|2|140000|0.2|0.2",
          "swe3|Staff Software Engineer|swe|3|190000|0.3|0.3",
          "pm2|Product Manager|pm|2|150000|0.5|0.4",
          "pm3|Director of Product|pm|3|260000|0.7|0.8",
          "ext2|Senior Engineer Elsewhere|swe|2|130000|0.3|0.2",
      },
      {
          "swe1>swe2|promotion|2|0.8",
          "swe2>swe3|promotion|3|0.7",
          "swe2>pm2|track-switch|1|0.4",
          "pm2>pm3|promotion|3|0.5",
          "swe3>pm3|track-switch|1.5|0.3",
          "swe1>ext2|org-change|1|0.2",
          "ext2>pm3|track-switch|2|0.1",
      });
}

std::vector<std::string> Ids(const v1::Route& r) {
  std::vector<std::string> out;
  for (const auto& s : r.steps()) out.push_back(s.position_id());
  return out;
}

v1::RouteRequest Req(const std::string& from, const std::string& to, v1::Objective o = v1::OBJECTIVE_FASTEST) {
  v1::RouteRequest r;
  r.set_from(from);
  r.set_to(to);
  r.set_objective(o);
  return r;
}

using Path = std::vector<std::string>;

TEST(Route, FastestTakesTheOrgChange) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req("Software Engineer", "Director of Product"));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  ASSERT_EQ(resp->routes_size(), 1);
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "ext2", "pm3"}));
  EXPECT_DOUBLE_EQ(resp->routes(0).totals().years(), 3.0);
  EXPECT_EQ(resp->routes(0).totals().moves(), 2u);
  EXPECT_NEAR(resp->routes(0).totals().probability(), 0.02, 1e-12);
  EXPECT_DOUBLE_EQ(resp->routes(0).totals().start_pay(), 100000);
  EXPECT_DOUBLE_EQ(resp->routes(0).totals().end_pay(), 260000);
}

TEST(Route, SafestMaximisesTheProductOfProbabilities) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req("swe1", "pm3", v1::OBJECTIVE_SAFEST));
  ASSERT_TRUE(resp.ok());
  // 0.8*0.4*0.5 = 0.16 beats 0.8*0.7*0.3 = 0.168? No: 0.168 > 0.16, so via Staff.
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "swe2", "swe3", "pm3"}));
  EXPECT_NEAR(resp->routes(0).totals().probability(), 0.168, 1e-12);
}

TEST(Route, FewestMovesBreaksTiesByYears) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req("swe1", "pm3", v1::OBJECTIVE_FEWEST_MOVES));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "ext2", "pm3"}));
  EXPECT_DOUBLE_EQ(resp->routes(0).totals().cost(), 2.0);
}

TEST(Route, BestFitWeighsRiskAgainstYears) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3", v1::OBJECTIVE_BEST_FIT);
  req.mutable_weights()->set_years(1);
  req.mutable_weights()->set_risk(10);
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  // years + 10 risk: staff route 6.5 + 17.838 = 24.338; pm route 6 + 18.326 = 24.326;
  // org-change route 3 + 39.12.
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "swe2", "pm2", "pm3"}));
  EXPECT_NEAR(resp->routes(0).totals().cost(), 6 - 10 * std::log(0.16), 1e-9);
  // years + 20 risk: staff 42.18 beats pm 42.65.
  req.mutable_weights()->set_risk(20);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "swe2", "swe3", "pm3"}));
}

TEST(Route, StepsCarryMovesPayAndCumulativeYears) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3");
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_ORG_CHANGE);
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  const auto& r = resp->routes(0);
  ASSERT_EQ(Ids(r), (Path{"swe1", "swe2", "pm2", "pm3"}));
  EXPECT_EQ(r.steps(1).kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_EQ(r.steps(2).kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
  EXPECT_DOUBLE_EQ(r.steps(2).cumulative_years(), 3.0);
  EXPECT_DOUBLE_EQ(r.steps(2).pay_change(), 10000);
  EXPECT_DOUBLE_EQ(r.steps(3).cumulative_years(), 6.0);
  EXPECT_DOUBLE_EQ(r.steps(3).ambiguity(), 0.7);
  EXPECT_DOUBLE_EQ(r.steps(3).leadership(), 0.8);
  EXPECT_DOUBLE_EQ(r.steps(3).probability(), 0.5);
}

TEST(Route, AvoidPositionTrackOrgAndKind) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3");
  req.mutable_constraints()->add_avoid_positions("Senior Engineer Elsewhere");
  req.mutable_constraints()->add_avoid_positions("pm2");
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "swe2", "swe3", "pm3"}));
}

TEST(Route, ViaPassesThroughInOrder) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3");
  req.mutable_constraints()->add_via("Product Manager");
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "swe2", "pm2", "pm3"}));
}

TEST(Route, MaxMovesAndMaxYearsAreExact) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3", v1::OBJECTIVE_SAFEST);
  req.mutable_constraints()->set_max_moves(2);
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "ext2", "pm3"}));

  req = Req("swe1", "pm3", v1::OBJECTIVE_SAFEST);
  req.mutable_constraints()->set_max_years(6.0);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"swe1", "swe2", "pm2", "pm3"}));
}

TEST(Route, NoPayCutAndMaxAmbiguity) {
  auto g = MakeEngineGraph({"a|A|x|1|100|0.1|0", "b|B|x|2|90|0.1|0", "c|C|x|3|200|0.9|0", "d|D|x|3|250|0.2|0"},
                           {"a>b|lateral|1|1", "b>d|promotion|1|1", "a>c|promotion|3|1", "c>d|lateral|1|1"});
  auto req = Req("a", "d");
  auto resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"a", "b", "d"}));
  req.mutable_constraints()->set_no_pay_cut(true);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"a", "c", "d"}));
  req.mutable_constraints()->set_max_ambiguity(0.5);
  resp = FindRoute(*g, req);
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), v1::NO_ROUTE);
  EXPECT_NE(resp.status().message().find("blocked by constraints.max_ambiguity 0.5"), std::string::npos) << resp.status().message();
  EXPECT_NE(resp.status().message().find("or by constraints.no_pay_cut"), std::string::npos) << resp.status().message();
  req.mutable_constraints()->set_no_pay_cut(false);
  resp = FindRoute(*g, req);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(Ids(resp->routes(0)), (Path{"a", "b", "d"}));
}

TEST(Route, NoRouteNamesTheBlockingConstraint) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3");
  req.mutable_constraints()->set_max_years(2.5);
  auto resp = FindRoute(*g, req);
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), v1::NO_ROUTE);
  EXPECT_NE(resp.status().message().find("constraints.max_years 2.5"), std::string::npos) << resp.status().message();
  EXPECT_NE(resp.status().message().find("2 moves, 3 years"), std::string::npos) << resp.status().message();
}

TEST(Route, NoRouteWhenUnreachable) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req("pm3", "swe1"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), v1::NO_ROUTE);
  EXPECT_NE(resp.status().message().find("cannot be reached"), std::string::npos) << resp.status().message();
}

TEST(Route, NoRouteWhenTargetExcluded) {
  auto g = Ladder();
  auto req = Req("swe1", "pm3");
  req.mutable_constraints()->add_avoid_tracks("pm");
  auto resp = FindRoute(*g, req);
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), v1::NO_ROUTE);
  EXPECT_NE(resp.status().message().find("the target 'Director of Product' is excluded: its track 'pm' is avoided"),
            std::string::npos)
      << resp.status().message();
}

TEST(Route, UnknownPositionSuggestsTheClosestTitle) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req("Staf Software Engineer", "pm3"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), v1::NOT_FOUND);
  EXPECT_EQ(resp.status().field(), "from");
  EXPECT_NE(resp.status().message().find("did you mean 'Staff Software Engineer'"), std::string::npos)
      << resp.status().message();
  ASSERT_FALSE(resp.status().suggestions().empty());
  EXPECT_EQ(resp.status().suggestions()[0], "Staff Software Engineer");
}

TEST(Route, TitlesResolveCaseInsensitively) {
  auto g = Ladder();
  auto resp = FindRoute(*g, Req("  software ENGINEER ", "director of product"));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
}

TEST(Route, RequestErrorsNameTheField) {
  auto g = Ladder();
  struct Case {
    std::function<void(v1::RouteRequest*)> mutate;
    v1::ErrorCode code;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](v1::RouteRequest* r) { r->set_to(""); }, v1::INVALID_ARGUMENT, "to"},
      {[](v1::RouteRequest* r) { r->mutable_constraints()->add_avoid_tracks("nope"); }, v1::NOT_FOUND,
       "constraints.avoid_tracks"},
      {[](v1::RouteRequest* r) { r->mutable_constraints()->add_avoid_orgs("Initech"); }, v1::NOT_FOUND,
       "constraints.avoid_orgs"},
      {[](v1::RouteRequest* r) { r->mutable_constraints()->add_via("Nobody"); }, v1::NOT_FOUND, "via[0]"},
      {[](v1::RouteRequest* r) { r->mutable_constraints()->set_max_ambiguity(1.5); }, v1::INVALID_ARGUMENT,
       "constraints.max_ambiguity"},
      {[](v1::RouteRequest* r) { r->mutable_constraints()->set_max_years(-1); }, v1::INVALID_ARGUMENT,
       "constraints.max_years"},
      {[](v1::RouteRequest* r) {
         r->set_objective(v1::OBJECTIVE_BEST_FIT);
         r->mutable_weights()->set_risk(-1);
       },
       v1::INVALID_ARGUMENT, "weights.risk"},
      {[](v1::RouteRequest* r) { r->mutable_constraints()->add_avoid_kinds(static_cast<v1::TransitionKind>(9)); },
       v1::INVALID_ARGUMENT, "constraints.avoid_kinds"},
      {[](v1::RouteRequest* r) { r->set_alternatives(1000); }, v1::TOO_LARGE, "alternatives"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto req = Req("swe1", "pm3");
    cases[i].mutate(&req);
    auto resp = FindRoute(*g, req);
    ASSERT_FALSE(resp.ok()) << "case " << i;
    EXPECT_EQ(resp.status().code(), cases[i].code) << "case " << i << ": " << resp.status().ToString();
    EXPECT_EQ(resp.status().field(), cases[i].field) << "case " << i << ": " << resp.status().ToString();
  }
}

TEST(Route, GoalDirectedSearchAgreesWithDijkstra) {
  auto g = Ladder();
  RouteLimits alt;
  alt.landmark_min_positions = 0;  // force landmarks on this tiny graph
  for (auto o : {v1::OBJECTIVE_FASTEST, v1::OBJECTIVE_FEWEST_MOVES, v1::OBJECTIVE_SAFEST}) {
    auto a = FindRoute(*g, Req("swe1", "pm3", o));
    auto b = FindRoute(*g, Req("swe1", "pm3", o), alt);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_DOUBLE_EQ(a->routes(0).totals().cost(), b->routes(0).totals().cost());
  }
}

TEST(Route, WithoutLeaveToBuildLandmarksOnlyBuiltTablesAreUsed) {
  auto g = Ladder();
  RouteLimits one_off;
  one_off.landmark_min_positions = 0;
  one_off.build_landmarks = false;
  EXPECT_FALSE(g->landmarks_built());
  EXPECT_FALSE(g->GoalDirected(0, false));
  EXPECT_TRUE(g->GoalDirected(0, true));
  EXPECT_FALSE(g->GoalDirected(g->num_positions() + 1, true));
  auto plain = FindRoute(*g, Req("swe1", "pm3"), one_off);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(g->landmarks_built()) << "a one-off query built the tables";

  (void)g->landmarks(Metric::kYears);
  (void)g->landmarks(Metric::kHops);
  EXPECT_FALSE(g->landmarks_built()) << "built with one metric missing";
  (void)g->landmarks(Metric::kRisk);
  EXPECT_TRUE(g->landmarks_built());
  EXPECT_TRUE(g->GoalDirected(0, false));
  auto directed = FindRoute(*g, Req("swe1", "pm3"), one_off);
  ASSERT_TRUE(directed.ok()) << directed.status().ToString();
  EXPECT_EQ(directed->routes(0).ShortDebugString(), plain->routes(0).ShortDebugString());
}

}  // namespace
}  // namespace careergraph
