// Compare on a hand-made PM/TPM ladder (best trajectories, crossovers, the expected side's
// bookkeeping), the "Staff Software Engineer: PM or TPM?" question on the default ladder,
// and every request error.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/compare.h"
#include "io/graph_source.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

// Staff SWE (340k) can switch to Senior PM (275k, 1y, 45%) or Staff TPM (315k, 1y, 40%),
// or go to Principal PM directly (360k, 1.5y, 30%).
// PM:  Senior PM -> Principal PM (2.5y) -> Group PM (470k, 3y).
// TPM: Staff TPM -> Principal TPM (405k, 3y).
// `pm_odds` scales the odds of both switches into PM (1 = the odds above); `swe_pay` is the
// start's pay.
GraphPtr Ladder(double pm_odds = 1, int swe_pay = 340000) {
  auto odds = [&](double p) { return std::to_string(p * pm_odds); };
  return MakeEngineGraph(
      {
          "swe6|Staff Software Engineer|swe|6|" + std::to_string(swe_pay) + "|0.39|0.37",
          "pm5|Senior Product Manager|pm|5|275000|0.46|0.48",
          "pm6|Principal Product Manager|pm|6|360000|0.54|0.57",
          "pm7|Group Product Manager|pm|7|470000|0.62|0.66",
          "tpm6|Staff Technical Program Manager|tpm|6|315000|0.44|0.47",
          "tpm7|Principal Technical Program Manager|tpm|7|405000|0.52|0.56",
      },
      {
          "swe6>pm5|track-switch|1|" + odds(0.45),
          "swe6>pm6|track-switch|1.5|" + odds(0.30),
          "pm5>pm6|promotion|2.5|0.7",
          "pm6>pm7|promotion|3|0.65",
          "swe6>tpm6|track-switch|1|0.40",
          "tpm6>tpm7|promotion|3|0.65",
      });
}

v1::CompareRequest Req(double horizon = 6, double step = 0.5) {
  v1::CompareRequest r;
  r.set_from("Staff Software Engineer");
  r.add_tracks("pm");
  r.add_tracks("tpm");
  r.set_horizon_years(horizon);
  r.set_step_years(step);
  return r;
}

std::vector<std::string> Held(const v1::EarningsPlan& p) {
  std::vector<std::string> out;
  for (const auto& s : p.steps()) out.push_back(s.position_id());
  return out;
}
using Ids = std::vector<std::string>;

TEST(Compare, BestTrajectoriesCommitToTheOption) {
  auto g = Ladder();
  auto r = CompareOptions(*g, Req());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->options_size(), 2);
  const auto& pm = r->options(0);
  const auto& tpm = r->options(1);
  EXPECT_EQ(pm.label(), "pm");
  EXPECT_EQ(pm.track(), "pm");
  ASSERT_TRUE(pm.reachable());
  // Committing = in PM by year 3 and staying. Two ways in: Senior PM at year 1 (45%), or
  // Principal PM at 1.5 (30%). The best plan takes the slower, same-level one, which earns
  // more: 1.5 x 340k + 3 x 360k + 1.5 x 470k (Group PM at 4.5). Through Senior PM it would
  // be 340k + 2.5 x 275k + 2.5 x 360k.
  ASSERT_EQ(pm.entries_size(), 2);
  EXPECT_EQ(pm.entries(0).entry_id(), "pm5");
  EXPECT_DOUBLE_EQ(pm.entries(0).years(), 1);
  EXPECT_DOUBLE_EQ(pm.entries(0).probability(), 0.45);
  EXPECT_EQ(pm.entries(0).level_change(), -1);
  EXPECT_DOUBLE_EQ(pm.entries(0).pay_change(), -65000);
  EXPECT_DOUBLE_EQ(pm.entries(0).best_earnings(), 1927500);
  EXPECT_EQ(pm.entries(1).entry_id(), "pm6");
  EXPECT_DOUBLE_EQ(pm.entries(1).best_earnings(), 2295000);
  EXPECT_DOUBLE_EQ(pm.commit_by_years(), 3);
  EXPECT_EQ(Held(pm.best_plan()), (Ids{"swe6", "pm6", "pm7"}));
  EXPECT_DOUBLE_EQ(pm.best_earnings(), 2295000);
  EXPECT_DOUBLE_EQ(pm.best_years_in(), 4.5);
  // TPM: Staff TPM at 1, Principal TPM at 4: 340k + 3 x 315k + 2 x 405k.
  EXPECT_EQ(Held(tpm.best_plan()), (Ids{"swe6", "tpm6", "tpm7"}));
  EXPECT_DOUBLE_EQ(tpm.best_earnings(), 2095000);

  // Per year: level, pay and cumulative earnings along the best plan.
  ASSERT_EQ(pm.years_size(), 7);
  EXPECT_EQ(pm.years(1).best_position_id(), "swe6");
  EXPECT_DOUBLE_EQ(pm.years(1).best_pay(), 340000);
  EXPECT_EQ(pm.years(2).best_level(), 6);
  EXPECT_DOUBLE_EQ(pm.years(1).best_cumulative(), 340000);
  EXPECT_EQ(pm.years(4).best_position_id(), "pm6");
  EXPECT_DOUBLE_EQ(pm.years(6).best_cumulative(), 2295000);
  EXPECT_NEAR(pm.years(6).best_ambiguity(), 0.62, 1e-12);
  EXPECT_NEAR(pm.years(6).best_leadership(), 0.66, 1e-12);
  ASSERT_EQ(pm.series_size(), 13);  // every half-year step, 0..6
  EXPECT_DOUBLE_EQ(pm.series(7).year(), 3.5);
  EXPECT_DOUBLE_EQ(pm.series(7).best_pay(), 360000);

  // Ceilings: within 6 years PM reaches Group PM (1.5 + 3 = 4.5 years); TPM tops out.
  EXPECT_EQ(pm.ceiling_id(), "pm7");
  EXPECT_DOUBLE_EQ(pm.ceiling_years(), 4.5);
  EXPECT_EQ(pm.top_id(), "pm7");
  EXPECT_EQ(tpm.ceiling_id(), "tpm7");
  EXPECT_DOUBLE_EQ(tpm.entry_years(), 1);
}

TEST(Compare, CrossoversOfTheBestPay) {
  auto g = Ladder();
  auto r = CompareOptions(*g, Req());
  ASSERT_TRUE(r.ok());
  // PM leads from year 1 (still Staff SWE, then Principal PM), TPM from 4 (Principal TPM),
  // PM again from 4.5 (Group PM).
  std::vector<std::tuple<std::string, std::string, double>> best;
  for (const auto& c : r->crossovers())
    if (c.series() == "best") best.emplace_back(c.leader_before(), c.leader_after(), c.year());
  ASSERT_EQ(best.size(), 2u);
  EXPECT_EQ(best[0], std::make_tuple(std::string("pm"), std::string("tpm"), 4.0));
  EXPECT_EQ(best[1], std::make_tuple(std::string("tpm"), std::string("pm"), 4.5));
}

TEST(Compare, ExpectedSideAddsUp) {
  auto g = Ladder();
  auto r = CompareOptions(*g, Req());
  ASSERT_TRUE(r.ok());
  for (const auto& o : r->options()) {
    SCOPED_TRACE(o.label());
    // Expected earnings never exceed the best case, and the yearly rows add up to them.
    EXPECT_LE(o.expected_earnings(), o.best_earnings() + 1e-6);
    EXPECT_NEAR(o.years(o.years_size() - 1).expected_cumulative(), o.expected_earnings(), 1e-6);
    double sum = 0;
    for (int i = 0; i + 1 < o.series_size(); ++i) sum += 0.5 * o.series(i).expected_pay();
    EXPECT_NEAR(sum, o.expected_earnings(), 1e-6);
    // Year 0 is certain; the chance of being in the option only grows (no way back here).
    EXPECT_DOUBLE_EQ(o.years(0).expected_pay(), 340000);
    EXPECT_DOUBLE_EQ(o.years(0).in_option_probability(), 0);
    for (int i = 1; i < o.years_size(); ++i)
      EXPECT_GE(o.years(i).in_option_probability() + 1e-12, o.years(i - 1).in_option_probability());
    EXPECT_NEAR(o.end_probability(), o.years(o.years_size() - 1).in_option_probability(), 1e-12);
    EXPECT_GT(o.expected_years_in(), 0);
  }
  // TPM's first year: 40% chance to be a Staff TPM at 315k, else still Staff SWE.
  EXPECT_NEAR(r->options(1).years(1).expected_pay(), 0.4 * 315000 + 0.6 * 340000, 1e-6);
  EXPECT_NEAR(r->options(1).years(1).in_option_probability(), 0.4, 1e-12);
  EXPECT_NEAR(r->options(1).years(1).expected_level(), 6, 1e-12);
}

// The verdict's first line when the harder way in does not flip the winner: PM pays more at
// every shared level and its switch is the harder one (30% vs 40%), but the best committed
// policy still earns more in PM; the line says how much of the lead the odds take.
TEST(Compare, HarderEntryThatDoesNotFlipTheWinnerIsNamed) {
  auto g = Ladder();
  auto r = CompareOptions(*g, Req());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winner(), "pm");
  EXPECT_GT(r->options(0).best_earnings(), r->options(1).best_earnings());
  EXPECT_EQ(r->verdict(),
            "pm over tpm: it earns more both ways over the next 6 years, expected $2,075,227 vs $2,010,424, and "
            "$2,295,000 vs $2,095,000 if every move succeeds. The switch into pm is the harder one (30% vs 40% per "
            "attempt), which cuts its lead from $200,000 when every move succeeds to $64,803 expected.");
}

// With both switches into PM a third as likely and a start paid below both tracks (so waiting
// outside costs), the harder entry flips the expected winner: PM still earns more when every
// move succeeds, TPM in expectation.
TEST(Compare, HarderEntryThatFlipsTheExpectedWinner) {
  auto g = Ladder(1.0 / 3, 250000);
  auto r = CompareOptions(*g, Req());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winner(), "tpm");
  EXPECT_GT(r->options(0).best_earnings(), r->options(1).best_earnings());
  EXPECT_EQ(r->verdict().rfind("pm pays more if you get in, but tpm is the better bet over the next 6 years", 0), 0u)
      << r->verdict();
  EXPECT_NE(r->verdict().find("because the switch into pm is the harder one (10% vs 40% per attempt)"),
            std::string::npos)
      << r->verdict();
}

TEST(Compare, TargetPositionsAndUnreachableOptions) {
  auto g = Ladder();
  v1::CompareRequest req;
  req.set_from("swe6");
  req.add_targets("Group Product Manager");
  req.add_targets("Principal Technical Program Manager");
  req.set_horizon_years(4);
  req.set_step_years(0.5);
  auto r = CompareOptions(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->options(0).label(), "Group Product Manager");
  EXPECT_EQ(r->options(0).target_id(), "pm7");
  // Group PM is 4.5 years away at best: not within 4.
  EXPECT_FALSE(r->options(0).reachable());
  EXPECT_DOUBLE_EQ(r->options(0).entry_years(), 4.5);
  EXPECT_TRUE(r->options(1).reachable());
  EXPECT_EQ(r->winner(), "Principal Technical Program Manager");
  EXPECT_NE(r->verdict().find("only Principal Technical Program Manager can be finished"), std::string::npos)
      << r->verdict();
  EXPECT_NE(r->verdict().find("Group Product Manager needs 4.5 years"), std::string::npos) << r->verdict();
}

TEST(Compare, StaffSoftwareEngineerPmOrTpmOnTheDefaultLadder) {
  auto g = CareerGraph::Build(io::DefaultLadder());
  ASSERT_TRUE(g.ok());
  v1::CompareRequest req;
  req.set_from("Staff Software Engineer");
  req.add_tracks("pm");
  req.add_tracks("tpm");
  req.set_horizon_years(10);
  auto r = CompareOptions(**g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& pm = r->options(0);
  const auto& tpm = r->options(1);
  // Both best plans switch at the same level and climb to director inside the decade.
  EXPECT_EQ(Held(pm.best_plan()), (Ids{"swe-l6", "pm-l6", "pm-l7", "pm-l8"}));
  EXPECT_EQ(Held(tpm.best_plan()), (Ids{"swe-l6", "tpm-l6", "tpm-l7", "tpm-l8"}));
  EXPECT_DOUBLE_EQ(pm.best_earnings(), 4455000);
  EXPECT_DOUBLE_EQ(tpm.best_earnings(), 4027500);
  // The best committed policies: PM's harder switch (30% vs 40%) leaves it a small lead.
  EXPECT_EQ(r->winner(), "pm");
  EXPECT_NEAR(pm.expected_earnings(), 3648159, 1);
  EXPECT_NEAR(tpm.expected_earnings(), 3586623, 1);
  EXPECT_EQ(pm.top_id(), "pm-l10");
  EXPECT_EQ(tpm.top_id(), "tpm-l8");
  // The verdict names its drivers: same-level pay, the harder entry, ambiguity and leadership.
  std::string all;
  for (const auto& l : r->verdict_lines()) all += l + "\n";
  EXPECT_NE(all.find("Product Management pays more at every level they share"), std::string::npos) << all;
  EXPECT_NE(all.find("The switch into Product Management is the harder one (30% vs 40% per attempt), which cuts its "
                     "lead from $427,500 when every move succeeds to $61,537 expected."),
            std::string::npos) << all;
  EXPECT_NE(all.find("Product Management carries more ambiguity and sits closer to leadership"), std::string::npos)
      << all;
  EXPECT_NE(all.find("ceiling beyond: Chief Product Officer $1,030,000 vs Director of Program Management $530,000"),
            std::string::npos) << all;
  // Over twenty years the higher PM ceiling widens the lead in expectation.
  req.set_horizon_years(20);
  r = CompareOptions(**g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winner(), "pm");
}

TEST(CompareErrors, EveryBadRequestNamesItsField) {
  auto g = Ladder();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Bad {
    std::string name;
    std::function<void(v1::CompareRequest*)> change;
    v1::ErrorCode code;
    std::string field;
  };
  const std::vector<Bad> cases = {
      {"unknown start", [](auto* r) { r->set_from("Staff Astronaut"); }, v1::NOT_FOUND, "from"},
      {"tracks and targets", [](auto* r) { r->add_targets("pm7"); }, v1::INVALID_ARGUMENT, "targets"},
      {"one option", [](auto* r) { r->clear_tracks(); r->add_tracks("pm"); }, v1::INVALID_ARGUMENT, "tracks"},
      {"no options", [](auto* r) { r->clear_tracks(); }, v1::INVALID_ARGUMENT, "tracks"},
      {"too many options",
       [](auto* r) {
         for (int i = 0; i < 8; ++i) r->add_tracks("swe");
       },
       v1::TOO_LARGE, "tracks"},
      {"unknown track", [](auto* r) { r->add_tracks("design"); }, v1::NOT_FOUND, "tracks[2]"},
      {"unknown target", [](auto* r) { r->clear_tracks(); r->add_targets("pm7"); r->add_targets("CTO"); },
       v1::NOT_FOUND, "targets[1]"},
      {"same option twice", [](auto* r) { r->add_tracks("PM"); }, v1::INVALID_ARGUMENT, "tracks[2]"},
      {"zero horizon", [](auto* r) { r->set_horizon_years(0); }, v1::INVALID_ARGUMENT, "horizon_years"},
      {"NaN horizon", [&](auto* r) { r->set_horizon_years(nan); }, v1::INVALID_ARGUMENT, "horizon_years"},
      {"horizon past the limit", [](auto* r) { r->set_horizon_years(80); }, v1::TOO_LARGE, "horizon_years"},
      {"step too small", [](auto* r) { r->set_step_years(0.001); }, v1::INVALID_ARGUMENT, "step_years"},
      {"horizon not whole steps", [](auto* r) { r->set_horizon_years(6.2); }, v1::INVALID_ARGUMENT,
       "horizon_years"},
      {"via", [](auto* r) { r->mutable_constraints()->add_via("pm5"); }, v1::INVALID_ARGUMENT, "constraints.via"},
      {"min leadership", [](auto* r) { r->set_min_leadership(-1); }, v1::INVALID_ARGUMENT, "min_leadership"},
  };
  for (const auto& c : cases) {
    auto req = Req();
    c.change(&req);
    auto r = CompareOptions(*g, req);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r.status().field(), c.field) << c.name << ": " << r.status().ToString();
  }
}

TEST(CompareErrors, StateLimitIsExplicit) {
  auto g = Ladder();
  CompareLimits limits;
  limits.plan.horizon.max_states = 50;
  auto r = CompareOptions(*g, Req(), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::TOO_LARGE);
}

}  // namespace
}  // namespace careergraph
