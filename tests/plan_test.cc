// Plans on hand-made ladders: exact timed plans for every goal, the policy of the expected
// goal worked out by hand, the time grid's rounding, and every request error.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/plan.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

// Engineer (100k) -> Senior (150k) in 2 years; Engineer -> Manager (180k, mgmt track) in 1;
// Manager -> Staff (200k) in 1; Senior -> Staff in 3.
GraphPtr Ladder() {
  return testing::EngineerLadder(false);
}

v1::PlanRequest Req(const std::string& from, double horizon, v1::PlanGoal goal, double step = 0) {
  v1::PlanRequest r;
  r.set_from(from);
  r.set_horizon_years(horizon);
  r.set_goal(goal);
  r.set_step_years(step);
  return r;
}

std::vector<std::string> Held(const v1::EarningsPlan& p) {
  std::vector<std::string> out;
  for (const auto& s : p.steps()) out.push_back(s.position_id());
  return out;
}

using Ids = std::vector<std::string>;

TEST(PlanEarnings, TakesTheDetourThatPaysMostOverTheHorizon) {
  auto g = Ladder();
  auto r = MakePlan(*g, Req("Engineer", 5, v1::PLAN_GOAL_EARNINGS));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_earnings());
  const auto& p = r->earnings();
  // Stay 1 year (100k) -> Manager for 1 year (180k) -> Staff for 3 years (600k) = 880k,
  // beating Senior at year 2 (650k) and staying put (500k).
  EXPECT_EQ(Held(p), (Ids{"eng", "mgr", "staff"}));
  EXPECT_DOUBLE_EQ(p.total_earnings(), 880000);
  EXPECT_DOUBLE_EQ(p.stay_earnings(), 500000);
  EXPECT_EQ(p.moves(), 2u);
  EXPECT_NEAR(p.probability(), 0.27, 1e-12);
  EXPECT_DOUBLE_EQ(p.end_pay(), 200000);
  EXPECT_EQ(r->steps(), 20u);
  EXPECT_DOUBLE_EQ(r->step_years(), 0.25);
  EXPECT_EQ(r->rounded_transitions(), 0u);
  // When each move happens, in steps and years.
  EXPECT_EQ(p.steps(1).start_step(), 0u);
  EXPECT_EQ(p.steps(1).arrival_step(), 4u);
  EXPECT_DOUBLE_EQ(p.steps(1).arrival_year(), 1.0);
  EXPECT_EQ(p.steps(2).start_step(), 4u);
  EXPECT_DOUBLE_EQ(p.steps(2).arrival_year(), 2.0);
  EXPECT_DOUBLE_EQ(p.steps(0).years_held(), 1.0);
  EXPECT_DOUBLE_EQ(p.steps(0).earnings(), 100000);
  EXPECT_DOUBLE_EQ(p.steps(2).years_held(), 3.0);
  EXPECT_DOUBLE_EQ(p.steps(2).earnings(), 600000);
  EXPECT_EQ(p.steps(1).kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
  EXPECT_EQ(p.steps(1).move_steps(), 4u);
}

TEST(PlanEarnings, TiesGoToFewerMoves) {
  auto g = Ladder();
  auto req = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req.mutable_constraints()->add_avoid_tracks("mgmt");
  auto r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Senior at 2 then Staff at 5 earns the same 650k as Senior alone: one move wins.
  EXPECT_EQ(Held(r->earnings()), (Ids{"eng", "sr"}));
  EXPECT_DOUBLE_EQ(r->earnings().total_earnings(), 650000);
}

TEST(PlanEarnings, EndPositionAndEndTrack) {
  auto g = Ladder();
  auto req = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req.mutable_constraints()->add_avoid_tracks("mgmt");
  req.set_end_position("Staff Engineer");
  auto r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Held(r->earnings()), (Ids{"eng", "sr", "staff"}));
  EXPECT_DOUBLE_EQ(r->earnings().steps(2).arrival_year(), 5.0);
  EXPECT_DOUBLE_EQ(r->earnings().steps(2).years_held(), 0.0);
  EXPECT_EQ(r->end_position_id(), "staff");

  auto req2 = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req2.set_end_track("mgmt");
  r = MakePlan(*g, req2);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Manager from year 1: 100k + 4 x 180k.
  EXPECT_EQ(Held(r->earnings()), (Ids{"eng", "mgr"}));
  EXPECT_DOUBLE_EQ(r->earnings().total_earnings(), 820000);
  EXPECT_EQ(r->end_track(), "mgmt");
}

TEST(PlanEarnings, MovesLongerThanTheHorizonAreNeverStarted) {
  auto g = Ladder();
  auto r = MakePlan(*g, Req("sr", 2, v1::PLAN_GOAL_EARNINGS));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Held(r->earnings()), (Ids{"sr"}));
  EXPECT_DOUBLE_EQ(r->earnings().total_earnings(), 300000);
}

TEST(PlanEarnings, CoarseStepRoundsMovesUp) {
  // A 1.1-year move on a 0.5-year grid takes 3 steps (1.5 years); on a 0.1-year grid 11.
  auto g = MakeEngineGraph({"a|A|x|1|100|0|0", "b|B|x|2|200|0|0"}, {"a>b|promotion|1.1|1"});
  auto r = MakePlan(*g, Req("a", 3, v1::PLAN_GOAL_EARNINGS, 0.5));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rounded_transitions(), 1u);
  EXPECT_EQ(r->earnings().steps(1).move_steps(), 3u);
  EXPECT_DOUBLE_EQ(r->earnings().steps(1).arrival_year(), 1.5);
  EXPECT_DOUBLE_EQ(r->earnings().total_earnings(), 1.5 * 100 + 1.5 * 200);
  r = MakePlan(*g, Req("a", 3, v1::PLAN_GOAL_EARNINGS, 0.1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rounded_transitions(), 0u);
  EXPECT_EQ(r->earnings().steps(1).move_steps(), 11u);
  EXPECT_NEAR(r->earnings().total_earnings(), 1.1 * 100 + 1.9 * 200, 1e-9);
}

TEST(PlanPay, BestPaidWithinTheHorizonByTheFastestRoute) {
  auto g = Ladder();
  auto r = MakePlan(*g, Req("eng", 5, v1::PLAN_GOAL_PAY));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_pay());
  const auto& route = r->pay().route();
  ASSERT_EQ(route.steps_size(), 3);
  EXPECT_EQ(route.steps(1).position_id(), "mgr");
  EXPECT_EQ(route.steps(2).position_id(), "staff");
  EXPECT_DOUBLE_EQ(route.totals().years(), 2.0);
  EXPECT_EQ(r->pay().reachable(), 4u);

  r = MakePlan(*g, Req("eng", 1.5, v1::PLAN_GOAL_PAY, 0.5));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pay().route().steps(1).position_id(), "mgr");
  EXPECT_EQ(r->pay().reachable(), 2u);

  auto req = Req("eng", 5, v1::PLAN_GOAL_PAY);
  req.set_end_track("swe");
  req.mutable_constraints()->add_avoid_tracks("mgmt");
  r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pay().route().totals().end_pay(), 200000);
  EXPECT_DOUBLE_EQ(r->pay().route().totals().years(), 5.0);
}

// Two years on a one-year grid, worked by hand:
//   t=1: at Engineer staying (100k) ties attempting Manager (100k + nothing after) -> stay.
//   t=0: stay 200k; attempt Manager 100k + 0.3 x 180k + 0.7 x 100k = 224k; Senior 200k.
TEST(PlanExpected, BackwardInductionByHand) {
  auto g = Ladder();
  auto r = MakePlan(*g, Req("eng", 2, v1::PLAN_GOAL_EXPECTED, 1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_expected());
  const auto& x = r->expected();
  EXPECT_NEAR(x.expected_earnings(), 224000, 1e-6);
  EXPECT_DOUBLE_EQ(x.stay_earnings(), 200000);
  ASSERT_GE(x.policy_size(), 2);
  EXPECT_EQ(x.policy(0).position_id(), "eng");
  EXPECT_EQ(x.policy(0).from_step(), 0u);
  EXPECT_EQ(x.policy(0).to_step(), 0u);
  EXPECT_FALSE(x.policy(0).stay());
  EXPECT_EQ(x.policy(0).target_id(), "mgr");
  EXPECT_NEAR(x.policy(0).value(), 224000, 1);
  EXPECT_EQ(x.policy(1).position_id(), "eng");
  EXPECT_TRUE(x.policy(1).stay());
  // Most likely: the attempt fails (70%) and you stay an Engineer.
  ASSERT_EQ(x.most_likely_size(), 1);
  EXPECT_FALSE(x.most_likely(0).succeeded());
  EXPECT_NEAR(x.most_likely(0).probability(), 0.7, 1e-12);
  EXPECT_NEAR(x.most_likely_probability(), 0.7, 1e-12);
  EXPECT_EQ(x.most_likely_end_id(), "eng");
  ASSERT_EQ(x.end_distribution_size(), 2);
  EXPECT_EQ(x.end_distribution(0).position_id(), "eng");
  EXPECT_NEAR(x.end_distribution(0).probability(), 0.7, 1e-12);
  EXPECT_EQ(x.end_distribution(1).position_id(), "mgr");
  EXPECT_NEAR(x.end_distribution(1).probability(), 0.3, 1e-12);
  EXPECT_NEAR(x.expected_end_pay(), 0.7 * 100000 + 0.3 * 180000, 1e-6);
}

// With a finish in the mgmt track the chance of ending there comes first:
//   t=1 at Engineer: attempting Manager gives P = 0.3 (staying 0) -> attempt.
//   t=0: attempt Manager P = 0.3 + 0.7 x 0.3 = 0.51 beats staying (0.3) and Senior (0).
TEST(PlanExpected, FinishFirstThenPay) {
  auto g = Ladder();
  auto req = Req("eng", 2, v1::PLAN_GOAL_EXPECTED, 1);
  req.set_end_track("mgmt");
  auto r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& x = r->expected();
  EXPECT_NEAR(x.end_probability(), 0.51, 1e-12);
  // 100k + 0.3 x 180k + 0.7 x 100k.
  EXPECT_NEAR(x.expected_earnings(), 224000, 1e-6);
  ASSERT_GE(x.policy_size(), 1);
  EXPECT_EQ(x.policy(0).position_id(), "eng");
  EXPECT_EQ(x.policy(0).target_id(), "mgr");
  EXPECT_EQ(x.policy(0).to_step(), 1u);  // attempts again at year 1 after a failure
}

TEST(PlanExpected, CertainMovesMatchTheEarningsPlan) {
  auto g = MakeEngineGraph({"a|A|x|1|100|0|0", "b|B|x|2|200|0|0", "c|C|y|2|150|0|0", "d|D|x|3|400|0|0"},
                           {"a>b|promotion|2|1", "a>c|lateral|0.5|1", "c>d|promotion|1|1", "b>d|promotion|3|1"});
  auto e = MakePlan(*g, Req("a", 6, v1::PLAN_GOAL_EARNINGS));
  auto x = MakePlan(*g, Req("a", 6, v1::PLAN_GOAL_EXPECTED));
  ASSERT_TRUE(e.ok() && x.ok());
  EXPECT_NEAR(x->expected().expected_earnings(), e->earnings().total_earnings(), 1e-6);
  EXPECT_NEAR(x->expected().most_likely_probability(), 1.0, 1e-12);
  EXPECT_EQ(x->expected().most_likely_end_id(), "d");
}

TEST(PlanExpected, PolicyValueEqualsTheSumOfExpectedPayPerStep) {
  auto g = Ladder();
  auto r = MakePlan(*g, Req("eng", 6, v1::PLAN_GOAL_EXPECTED));
  ASSERT_TRUE(r.ok());
  // Staying is the floor; moving up only helps in expectation here.
  EXPECT_GT(r->expected().expected_earnings(), r->expected().stay_earnings());
  double total = 0;
  for (const auto& p : r->expected().end_distribution()) total += p.probability();
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(Plan, FiltersApplyToPositionsMovedInto) {
  auto g = Ladder();
  auto req = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req.set_min_leadership(0.5);  // only Manager qualifies; the start is where you are
  auto r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Held(r->earnings()), (Ids{"eng", "mgr"}));
  req = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req.mutable_constraints()->set_max_ambiguity(0.25);
  r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Held(r->earnings()), (Ids{"eng", "sr"}));
  req = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_TRACK_SWITCH);
  req.mutable_constraints()->add_avoid_positions("Senior Engineer");
  r = MakePlan(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Held(r->earnings()), (Ids{"eng"}));
}

TEST(Plan, NoPlanFinishesThereExplainsWhy) {
  auto g = Ladder();
  auto req = Req("eng", 1.5, v1::PLAN_GOAL_EARNINGS);
  req.set_end_position("staff");
  auto r = MakePlan(*g, req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::NO_ROUTE);
  EXPECT_NE(r.status().message().find("fastest route there takes 2 years"), std::string::npos)
      << r.status().message();

  req = Req("staff", 5, v1::PLAN_GOAL_EXPECTED);
  req.set_end_position("eng");
  r = MakePlan(*g, req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::NO_ROUTE);
  EXPECT_NE(r.status().message().find("cannot be reached"), std::string::npos) << r.status().message();

  req = Req("eng", 5, v1::PLAN_GOAL_PAY);
  req.set_end_track("mgmt");
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_TRACK_SWITCH);
  r = MakePlan(*g, req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("exclusions"), std::string::npos) << r.status().message();

  req = Req("eng", 5, v1::PLAN_GOAL_EARNINGS);
  req.set_end_position("mgr");
  req.mutable_constraints()->add_avoid_positions("mgr");
  r = MakePlan(*g, req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("it is excluded"), std::string::npos) << r.status().message();

  // Fits in real years, not once rounded to the grid.
  // Two 0.6-year moves take 1.2 years, but 2 x 1 year on a half-year grid.
  auto g2 = MakeEngineGraph({"a|A|x|1|100|0|0", "b|B|x|2|200|0|0", "c|C|x|3|300|0|0"},
                            {"a>b|promotion|0.6|1", "b>c|promotion|0.6|1"});
  req = Req("a", 1.5, v1::PLAN_GOAL_EARNINGS, 0.5);
  req.set_end_position("c");
  r = MakePlan(*g2, req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("rounded up"), std::string::npos) << r.status().message();
}

// ---- one test per request error ----

struct BadRequest {
  std::string name;
  std::function<void(v1::PlanRequest*)> change;
  v1::ErrorCode code;
  std::string field;
};

TEST(PlanErrors, EveryBadRequestNamesItsField) {
  auto g = Ladder();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<BadRequest> cases = {
      {"unknown start", [](auto* r) { r->set_from("Enginer"); }, v1::NOT_FOUND, "from"},
      {"zero horizon", [](auto* r) { r->set_horizon_years(0); }, v1::INVALID_ARGUMENT, "horizon_years"},
      {"negative horizon", [](auto* r) { r->set_horizon_years(-1); }, v1::INVALID_ARGUMENT, "horizon_years"},
      {"NaN horizon", [&](auto* r) { r->set_horizon_years(nan); }, v1::INVALID_ARGUMENT, "horizon_years"},
      {"horizon past the limit", [](auto* r) { r->set_horizon_years(51); }, v1::TOO_LARGE, "horizon_years"},
      {"step below a week", [](auto* r) { r->set_step_years(0.01); }, v1::INVALID_ARGUMENT, "step_years"},
      {"NaN step", [&](auto* r) { r->set_step_years(nan); }, v1::INVALID_ARGUMENT, "step_years"},
      {"step longer than horizon", [](auto* r) { r->set_step_years(6); }, v1::INVALID_ARGUMENT, "step_years"},
      {"horizon not whole steps", [](auto* r) { r->set_horizon_years(5.1); }, v1::INVALID_ARGUMENT, "horizon_years"},
      {"unknown goal", [](auto* r) { r->set_goal(static_cast<v1::PlanGoal>(9)); }, v1::INVALID_ARGUMENT, "goal"},
      {"end track and position", [](auto* r) { r->set_end_track("swe"); r->set_end_position("staff"); },
       v1::INVALID_ARGUMENT, "end_position"},
      {"unknown end track", [](auto* r) { r->set_end_track("design"); }, v1::NOT_FOUND, "end_track"},
      {"unknown end position", [](auto* r) { r->set_end_position("CEO"); }, v1::NOT_FOUND, "end_position"},
      {"via", [](auto* r) { r->mutable_constraints()->add_via("sr"); }, v1::INVALID_ARGUMENT, "constraints.via"},
      {"max moves", [](auto* r) { r->mutable_constraints()->set_max_moves(2); }, v1::INVALID_ARGUMENT,
       "constraints.max_moves"},
      {"max years", [](auto* r) { r->mutable_constraints()->set_max_years(2); }, v1::INVALID_ARGUMENT,
       "constraints.max_years"},
      {"min leadership > 1", [](auto* r) { r->set_min_leadership(1.5); }, v1::INVALID_ARGUMENT, "min_leadership"},
      {"max ambiguity > 1", [](auto* r) { r->mutable_constraints()->set_max_ambiguity(2); }, v1::INVALID_ARGUMENT,
       "constraints.max_ambiguity"},
      {"unknown avoided track", [](auto* r) { r->mutable_constraints()->add_avoid_tracks("ops"); }, v1::NOT_FOUND,
       "constraints.avoid_tracks"},
      {"unknown avoided position", [](auto* r) { r->mutable_constraints()->add_avoid_positions("Chef"); },
       v1::NOT_FOUND, "constraints.avoid_positions"},
  };
  for (const auto& c : cases) {
    for (auto goal : {v1::PLAN_GOAL_EARNINGS, v1::PLAN_GOAL_PAY, v1::PLAN_GOAL_EXPECTED}) {
      auto req = Req("eng", 5, goal);
      c.change(&req);
      auto r = MakePlan(*g, req);
      ASSERT_FALSE(r.ok()) << c.name;
      EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
      EXPECT_EQ(r.status().field(), c.field) << c.name << ": " << r.status().ToString();
      EXPECT_FALSE(r.status().message().empty()) << c.name;
    }
  }
}

TEST(PlanErrors, StateLimitIsExplicit) {
  auto g = Ladder();
  PlanLimits limits;
  limits.horizon.max_states = 40;  // 4 positions x 21 steps = 84
  auto r = MakePlan(*g, Req("eng", 5, v1::PLAN_GOAL_EARNINGS, 0.25), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::TOO_LARGE);
  EXPECT_NE(r.status().message().find("84 states"), std::string::npos) << r.status().message();
  r = MakePlan(*g, Req("eng", 5, v1::PLAN_GOAL_EARNINGS, 0.5), limits);
  EXPECT_FALSE(r.ok());
  r = MakePlan(*g, Req("eng", 5, v1::PLAN_GOAL_EARNINGS, 1), limits);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST(PlanErrors, UnknownStartSuggestsTheClosestTitle) {
  auto g = Ladder();
  auto r = MakePlan(*g, Req("Staf Engineer", 5, v1::PLAN_GOAL_EARNINGS));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("Staff Engineer"), std::string::npos) << r.status().ToString();
}

}  // namespace
}  // namespace careergraph
