// Competency gates: the competencies that gate promotions and track switches and the moves
// with the largest gaps, counted by hand on a small ladder with profiles; absent without a
// catalogue.
#include <gtest/gtest.h>

#include <optional>
#include <utility>

#include "engine/analysis.h"
#include "engine/competency_gates.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

// Profiles (competency level, importance 1 unless given):
//   e1 Engineer          code 2, design 1
//   e2 Senior Engineer   code 3, design 2, people 1
//   e3 Staff Engineer    code 3, design 4, people 2
//   m2 Manager           people 3, design 1
//   m3 Director          people 4, design 2 (importance 0)
//   d2 Designer          craft 3, design 2
//   d3 Senior Designer   craft 3, design 2
// Moves and what each asks to grow (from the profile of the position left; a competency the
// source does not name counts at 0):
//   e1>e2 promotion      code +1, design +1, people +1         gap 3
//   e2>e3 promotion      design +2, people +1                  gap 3
//   m2>m3 promotion      people +1, design +1 (importance 0)   gap 1
//   d2>d3 promotion      nothing                               gap 0
//   e2>m2 track switch   people +2                             gap 2
//   e1>d2 track switch   craft +3, design +1                   gap 4
//   m2>e2 track switch   code +3, design +1                    gap 4
//   e3>e2 lateral        nothing                               gap 0
GraphPtr GatedLadder() {
  v1::Graph g = testing::MakeGraph(
      {"e1|Engineer|eng|1|100|0.1|0.1", "e2|Senior Engineer|eng|2|150|0.2|0.2", "e3|Staff Engineer|eng|3|200|0.3|0.3",
       "m2|Manager|mgr|2|160|0.3|0.5", "m3|Director|mgr|3|260|0.5|0.7", "d2|Designer|des|2|140|0.2|0.2",
       "d3|Senior Designer|des|3|180|0.3|0.3"},
      {"e1>e2|promotion|2|0.8", "e2>e3|promotion|3|0.6", "m2>m3|promotion|3|0.5", "d2>d3|promotion|2|0.7",
       "e2>m2|track-switch|1|0.5", "e1>d2|track-switch|1|0.5", "m2>e2|track-switch|1|0.8", "e3>e2|lateral|1|0.9"});
  for (const auto& [id, name] : {std::pair{"code", "Code"}, {"design", "Design"}, {"people", "People"},
                                  {"craft", "Craft"}}) {
    auto* c = g.mutable_metadata()->add_competencies();
    c->set_id(id);
    c->set_name(name);
    c->set_scale_min(0);
    c->set_scale_max(5);
  }
  auto need = [&](const std::string& pos, const std::string& competency, double level,
                  std::optional<double> importance = std::nullopt) {
    for (auto& p : *g.mutable_positions())
      if (p.id() == pos) {
        auto* r = p.add_competencies();
        r->set_competency(competency);
        r->set_level(level);
        if (importance) r->set_importance(*importance);
      }
  };
  need("e1", "code", 2), need("e1", "design", 1);
  need("e2", "code", 3), need("e2", "design", 2), need("e2", "people", 1);
  need("e3", "code", 3), need("e3", "design", 4), need("e3", "people", 2);
  need("m2", "people", 3), need("m2", "design", 1);
  need("m3", "people", 4), need("m3", "design", 2, 0.0);
  need("d2", "craft", 3), need("d2", "design", 2);
  need("d3", "craft", 3), need("d3", "design", 2);
  auto built = CareerGraph::Build(std::move(g));
  if (!built.ok()) throw std::runtime_error(built.status().ToString());
  return *built;
}

std::string Ids(const v1::GatedMoves& k) {
  std::string s;
  for (const auto& c : k.competencies()) s += (s.empty() ? "" : " ") + c.competency();
  return s;
}

TEST(CompetencyGates, PromotionsCountedByHand) {
  const auto gates = FindCompetencyGates(*GatedLadder(), 10);
  ASSERT_TRUE(gates.has_value());
  const auto& p = gates->promotions();
  EXPECT_EQ(p.moves(), 4u);
  EXPECT_EQ(p.gated_moves(), 3u);  // d2>d3 asks nothing
  EXPECT_EQ(p.gating_competencies(), 3u);
  // design and people gate 3 each, design by more on average (4/3 against 1); code gates 1.
  ASSERT_EQ(Ids(p), "design people code");
  EXPECT_EQ(p.competencies(0).name(), "Design");
  EXPECT_EQ(p.competencies(0).moves(), 3u);
  EXPECT_DOUBLE_EQ(p.competencies(0).share(), 0.75);
  EXPECT_DOUBLE_EQ(p.competencies(0).mean_growth(), 4.0 / 3.0);
  EXPECT_EQ(p.competencies(1).moves(), 3u);  // m2>m3's design counts although its importance is 0
  EXPECT_DOUBLE_EQ(p.competencies(1).mean_growth(), 1.0);
  EXPECT_EQ(p.competencies(2).moves(), 1u);
  EXPECT_DOUBLE_EQ(p.competencies(2).share(), 0.25);
}

TEST(CompetencyGates, TrackSwitchesCountedByHandAndCutAtTop) {
  const auto all = FindCompetencyGates(*GatedLadder(), 10);
  ASSERT_TRUE(all.has_value());
  const auto& t = all->track_switches();
  EXPECT_EQ(t.moves(), 3u);
  EXPECT_EQ(t.gated_moves(), 3u);
  // design gates 2; code and craft 1 each with mean growth 3 (tied: by id); people 1 with 2.
  EXPECT_EQ(Ids(t), "design code craft people");
  EXPECT_DOUBLE_EQ(t.competencies(0).share(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(t.competencies(0).mean_growth(), 1.0);
  EXPECT_DOUBLE_EQ(t.competencies(1).mean_growth(), 3.0);
  EXPECT_DOUBLE_EQ(t.competencies(3).mean_growth(), 2.0);

  const auto top2 = FindCompetencyGates(*GatedLadder(), 2);
  ASSERT_TRUE(top2.has_value());
  EXPECT_EQ(Ids(top2->track_switches()), "design code");
  EXPECT_EQ(top2->track_switches().gating_competencies(), 4u);  // how many the cut list left out
  EXPECT_EQ(top2->largest_gaps_size(), 2);
}

TEST(CompetencyGates, LargestGapsOfEveryKind) {
  const auto gates = FindCompetencyGates(*GatedLadder(), 10);
  ASSERT_TRUE(gates.has_value());
  // Moves with a gap above 0, largest first, ties by the position left and then entered.
  std::string order;
  for (const auto& m : gates->largest_gaps()) order += (order.empty() ? "" : " ") + m.move().from_id() + ">" + m.move().to_id();
  EXPECT_EQ(order, "e1>d2 m2>e2 e1>e2 e2>e3 e2>m2 m2>m3");
  EXPECT_EQ(gates->largest_gaps(0).kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
  const auto& first = gates->largest_gaps(0).move();
  EXPECT_EQ(first.from_title(), "Engineer");
  EXPECT_EQ(first.to_title(), "Designer");
  EXPECT_DOUBLE_EQ(first.gap(), 4);
  EXPECT_DOUBLE_EQ(first.max_growth(), 3);
  ASSERT_EQ(first.grow_size(), 2);
  EXPECT_EQ(first.grow(0), "craft");
  EXPECT_EQ(first.grow(1), "design");
  EXPECT_EQ(gates->largest_gaps(5).kind(), v1::TRANSITION_KIND_PROMOTION);
  const auto& last = gates->largest_gaps(5).move();
  // Each competency's part, as `careergraph gap` shows it: people +1 and design +1 at importance 0.
  ASSERT_EQ(last.competencies_size(), 2);
  EXPECT_EQ(last.competencies(1).competency(), "design");
  EXPECT_DOUBLE_EQ(last.competencies(1).growth(), 1);
  EXPECT_DOUBLE_EQ(last.competencies(1).weighted(), 0);
  EXPECT_DOUBLE_EQ(last.gap(), 1);  // design's growth weighs 0
  EXPECT_EQ(last.grow(0), "people");
}

TEST(CompetencyGates, PartOfTheLadderReportOnlyWithACatalogue) {
  auto o = ResolveAnalyzeOptions({});
  ASSERT_TRUE(o.ok());
  o->set_top(3);
  const auto with = AnalyzeLadder(GatedLadder(), *o);
  ASSERT_TRUE(with.has_competency_gates());
  EXPECT_EQ(with.competency_gates().largest_gaps_size(), 3);
  EXPECT_EQ(with.competency_gates().promotions().competencies_size(), 3);

  const auto without = AnalyzeLadder(
      testing::MakeEngineGraph({"a|A|t|1|100|0.1|0.1", "b|B|t|2|150|0.2|0.2"}, {"a>b|promotion|1|1"}), *o);
  EXPECT_FALSE(without.has_competency_gates());
  EXPECT_FALSE(FindCompetencyGates(*testing::MakeEngineGraph({"a|A|t|1|100|0.1|0.1"}, {}), 10).has_value());
}

}  // namespace
}  // namespace careergraph
