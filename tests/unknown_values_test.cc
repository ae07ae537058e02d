// Missing is not zero: a position whose pay, ambiguity or leadership the ladder does not give
// carries it as unknown into every answer (unset fields, never 0), and a query that needs the
// value names the positions that lack it.
#include <gtest/gtest.h>

#include "engine/analysis.h"
#include "engine/compare.h"
#include "engine/next_moves.h"
#include "engine/pareto.h"
#include "engine/plan.h"
#include "engine/reach.h"
#include "engine/route.h"
#include "engine/tracks.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

// Engineer (100k) -> Senior (pay unknown) -> Staff (200k); Engineer -> Mystery (nothing known)
// -> Staff. Mystery's ambiguity and leadership are unknown too.
GraphPtr Ladder() {
  return MakeEngineGraph({"eng|Engineer|swe|1|100000|0.2|0.1", "sen|Senior|swe|2|?|0.3|0.2",
                          "staff|Staff|swe|3|200000|0.4|0.3", "mys|Mystery|ops|2|?|?|?"},
                         {"eng>sen|promotion|2|0.8", "sen>staff|promotion|3|0.5", "eng>mys|track-switch|1|0.5",
                          "mys>staff|track-switch|1|0.5"});
}

TEST(UnknownValues, TheGraphCountsThemAndKeepsThemOutOfMaxPay) {
  auto g = Ladder();
  EXPECT_EQ(g->unknown_count(Attribute::kPay), 2u);
  EXPECT_EQ(g->unknown_count(Attribute::kAmbiguity), 1u);
  EXPECT_EQ(g->unknown_count(Attribute::kLeadership), 1u);
  EXPECT_FALSE(Known(g->pay(g->index().FindId("sen"))));
  EXPECT_DOUBLE_EQ(g->max_pay(), 200000);
}

TEST(UnknownValues, ARouteLeavesThemUnsetAndTheirChangesToo) {
  auto g = Ladder();
  v1::RouteRequest req;
  req.set_from("eng");
  req.set_to("staff");
  req.set_objective(v1::OBJECTIVE_FEWEST_MOVES);
  req.mutable_constraints()->add_avoid_positions("mys");
  auto r = FindRoute(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& steps = r->routes(0).steps();
  ASSERT_EQ(steps.size(), 3);
  EXPECT_TRUE(steps[0].has_pay());
  EXPECT_FALSE(steps[0].has_pay_change());  // the start has no move
  EXPECT_FALSE(steps[1].has_pay());         // Senior's pay is unknown
  EXPECT_FALSE(steps[1].has_pay_change());
  EXPECT_TRUE(steps[1].has_ambiguity());
  EXPECT_TRUE(steps[2].has_pay());
  EXPECT_FALSE(steps[2].has_pay_change());  // from an unknown pay
  EXPECT_DOUBLE_EQ(r->routes(0).totals().end_pay(), 200000);
}

TEST(UnknownValues, AWeightOrCriterionOnAnUnknownValueNamesThePositions) {
  auto g = Ladder();
  v1::RouteRequest req;
  req.set_from("eng");
  req.set_to("staff");
  req.set_objective(v1::OBJECTIVE_BEST_FIT);
  req.mutable_weights()->set_pay(1);
  auto r = FindRoute(*g, req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(r.status().field(), "weights.pay");
  EXPECT_NE(r.status().message().find("2 positions lack it: 'Senior' (sen), 'Mystery' (mys)"), std::string::npos)
      << r.status().message();
  // Years and risk need no position value: the same graph answers them.
  req.mutable_weights()->Clear();
  req.mutable_weights()->set_years(1);
  auto years_only = FindRoute(*g, req);
  EXPECT_TRUE(years_only.ok()) << years_only.status().ToString();

  v1::TradeoffsRequest t;
  t.set_from("eng");
  t.set_to("staff");
  t.add_criteria(v1::CRITERION_YEARS);
  t.add_criteria(v1::CRITERION_LEADERSHIP);
  auto tr = FindTradeoffs(*g, t);
  ASSERT_FALSE(tr.ok());
  EXPECT_EQ(tr.status().field(), "criteria[1]");
  EXPECT_NE(tr.status().message().find("'Mystery' (mys)"), std::string::npos) << tr.status().message();

  req.mutable_weights()->Clear();
  req.set_objective(v1::OBJECTIVE_FASTEST);
  req.mutable_constraints()->set_max_ambiguity(0.5);
  auto c = FindRoute(*g, req);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "constraints.max_ambiguity");
}

TEST(UnknownValues, APlanNeedsThePayOfWhatItCanReachOnly) {
  auto g = Ladder();
  v1::PlanRequest req;
  req.set_from("staff");  // nothing leaves Staff: every reachable pay is known
  req.set_horizon_years(5);
  EXPECT_TRUE(MakePlan(*g, req).ok());
  req.set_from("eng");
  auto p = MakePlan(*g, req);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_NE(p.status().message().find("a plan needs every position's pay"), std::string::npos) << p.status().message();
  EXPECT_NE(p.status().message().find("'Senior' (sen)"), std::string::npos) << p.status().message();
  // Avoiding the positions without pay makes the plan answerable.
  req.mutable_constraints()->add_avoid_positions("sen");
  req.mutable_constraints()->add_avoid_positions("mys");
  auto ok = MakePlan(*g, req);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  req.set_goal(v1::PLAN_GOAL_PAY);
  req.mutable_constraints()->Clear();
  EXPECT_FALSE(MakePlan(*g, req).ok());
}

TEST(UnknownValues, NextAndReachRankUnknownPayLastAndLeaveItUnset) {
  auto g = Ladder();
  v1::NextRequest n;
  n.set_from("eng");
  n.set_sort(v1::NEXT_SORT_PAY);
  auto moves = FindNextMoves(*g, n);
  ASSERT_TRUE(moves.ok()) << moves.status().ToString();
  ASSERT_EQ(moves->moves_size(), 2);
  for (const auto& m : moves->moves()) {
    EXPECT_FALSE(m.has_pay()) << m.title();
    EXPECT_FALSE(m.has_pay_change()) << m.title();
    EXPECT_TRUE(m.has_ceiling_pay()) << m.title();  // Staff, 200k, is reachable from both
    EXPECT_DOUBLE_EQ(m.ceiling_pay(), 200000);
    EXPECT_EQ(m.why(0), "pay unknown");
  }
  bool mystery = false;
  for (const auto& m : moves->moves())
    if (m.title() == "Mystery") {
      mystery = true;
      EXPECT_FALSE(m.has_leadership());
    }
  EXPECT_TRUE(mystery);

  v1::ReachRequest r;
  r.set_from("eng");
  r.set_within_years(10);
  r.set_sort(v1::REACH_SORT_PAY);
  auto reach = FindReach(*g, r);
  ASSERT_TRUE(reach.ok()) << reach.status().ToString();
  ASSERT_EQ(reach->positions_size(), 3);
  EXPECT_EQ(reach->positions(0).title(), "Staff");
  EXPECT_DOUBLE_EQ(reach->positions(0).pay_change(), 100000);
  EXPECT_FALSE(reach->positions(1).has_pay());
  EXPECT_FALSE(reach->positions(2).has_pay());
}

TEST(UnknownValues, TracksAndAnalysisLeaveThemOutOfMeansAndChanges) {
  auto g = Ladder();
  v1::TracksRequest t;
  t.set_track("swe");
  auto tracks = DescribeTracks(*g, t);
  ASSERT_TRUE(tracks.ok()) << tracks.status().ToString();
  const auto& ladder = tracks->tracks(0).ladder();
  ASSERT_EQ(ladder.size(), 3);
  EXPECT_TRUE(ladder[0].has_pay());
  EXPECT_FALSE(ladder[1].has_pay());
  EXPECT_TRUE(ladder[1].has_ambiguity());

  auto o = ResolveAnalyzeOptions(v1::AnalyzeOptions());
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  const v1::LadderReport rep = AnalyzeLadder(g, *o, 1);
  for (const auto& b : rep.levels()) {
    if (b.level() != 2) continue;
    EXPECT_EQ(b.positions(), 2u);
    EXPECT_EQ(b.positions_with_pay(), 0u);
    EXPECT_DOUBLE_EQ(b.ambiguity_mean(), 0.3);  // Mystery's unknown ambiguity is left out, not averaged as 0
  }
}

}  // namespace
}  // namespace careergraph
