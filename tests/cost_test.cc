// CostModel: what one move costs under the best-fit objective, term by term (pay,
// ambiguity, leadership, skills, years, risk), and the weights and objectives it refuses.
// (tests/objective_test.cc checks the other objectives' costs and the registry.)
#include "engine/cost.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::FindMove;

// Engineer -> Senior (promotion, 2 years, 50%), Engineer -> Manager (track switch, 1 year,
// 25%), Senior -> Manager (lateral, 3 years, 80%). The Manager's 200k is the top pay.
const std::vector<std::string> kPositions = {"eng|Engineer|swe|1|100000|0.2|0.1",
                                             "sr|Senior Engineer|swe|2|150000|0.4|0.3",
                                             "mgr|Manager|mgmt|2|200000|0.6|0.9"};
const std::vector<std::string> kMoves = {"eng>sr|promotion|2|0.5", "eng>mgr|track-switch|1|0.25",
                                         "sr>mgr|lateral|3|0.8"};

CostModel BestFit(const CareerGraph& g, const std::function<void(v1::Weights*)>& set) {
  v1::Weights w;
  set(&w);
  auto cost = CostModel::Make(g, v1::OBJECTIVE_BEST_FIT, w);
  if (!cost.ok()) throw std::runtime_error(cost.status().ToString());
  return *cost;
}

TEST(CostModel, PayTermPricesHowFarBelowTheTopPayAMoveLands) {
  auto g = testing::MakeEngineGraph(kPositions, kMoves);
  const CostModel cost = BestFit(*g, [](v1::Weights* w) { w->set_pay(2); });
  EXPECT_DOUBLE_EQ(cost(FindMove(*g, "eng", "sr")), 0.5);  // 2 x (200k - 150k) / 200k
  EXPECT_DOUBLE_EQ(cost(FindMove(*g, "eng", "mgr")), 0.0);  // into the top pay
  EXPECT_DOUBLE_EQ(cost(FindMove(*g, "sr", "mgr")), 0.0);
}

TEST(CostModel, AmbiguityAndLeadershipTermsPriceThePositionMovedInto) {
  auto g = testing::MakeEngineGraph(kPositions, kMoves);
  const CostModel ambiguity = BestFit(*g, [](v1::Weights* w) { w->set_ambiguity(0.5); });
  EXPECT_DOUBLE_EQ(ambiguity(FindMove(*g, "eng", "sr")), 0.2);
  EXPECT_DOUBLE_EQ(ambiguity(FindMove(*g, "eng", "mgr")), 0.3);
  const CostModel leadership = BestFit(*g, [](v1::Weights* w) { w->set_leadership(1); });
  EXPECT_DOUBLE_EQ(leadership(FindMove(*g, "eng", "sr")), 0.7);   // 1 - 0.3: far from leadership
  EXPECT_DOUBLE_EQ(leadership(FindMove(*g, "sr", "mgr")), 1 - 0.9);
}

TEST(CostModel, WeightedTermsAddUp) {
  auto g = testing::MakeEngineGraph(kPositions, kMoves);
  const CostModel cost = BestFit(*g, [](v1::Weights* w) {
    w->set_years(1);
    w->set_risk(2);
    w->set_pay(2);
    w->set_ambiguity(0.5);
    w->set_leadership(1);
  });
  const EdgeId promotion = FindMove(*g, "eng", "sr");
  const Vertex senior = g->target(promotion);
  EXPECT_DOUBLE_EQ(cost.PositionPenalty(senior), 0.5 + 0.2 + 0.7);
  EXPECT_DOUBLE_EQ(cost(promotion), 2 + 2 * -std::log(0.5) + 0.5 + 0.2 + 0.7);
  EXPECT_DOUBLE_EQ(cost.Reported(promotion), cost(promotion));
  EXPECT_EQ(cost.objective(), v1::OBJECTIVE_BEST_FIT);
  EXPECT_EQ(cost.kind(), CostKind::kWeighted);
}

TEST(CostModel, SkillsTermPricesTheGapFromTheProfileLeft) {
  v1::Graph s = testing::MakeGraph(kPositions, kMoves);
  auto* design = s.mutable_metadata()->add_competencies();
  design->set_id("design");
  design->set_scale_min(0);
  design->set_scale_max(5);
  // Engineer holds design 1; Senior asks 3 at half importance; Manager asks 2.
  auto ask = [&](int position, double level, double importance) {
    auto* r = s.mutable_positions(position)->add_competencies();
    r->set_competency("design");
    r->set_level(level);
    if (importance < 1) r->set_importance(importance);
  };
  ask(0, 1, 1);
  ask(1, 3, 0.5);
  ask(2, 2, 1);
  auto g = CareerGraph::Build(s);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const CostModel cost = BestFit(**g, [](v1::Weights* w) {
    w->set_years(1);
    w->set_skills(2);
  });
  EXPECT_DOUBLE_EQ(cost(FindMove(**g, "eng", "sr")), 2 + 2 * (0.5 * 2));  // 2 levels to grow, half weighted
  EXPECT_DOUBLE_EQ(cost(FindMove(**g, "eng", "mgr")), 1 + 2 * 1.0);
  EXPECT_DOUBLE_EQ(cost(FindMove(**g, "sr", "mgr")), 3 + 0.0);  // the Senior holds more than asked
  // Without a skills weight the gap costs nothing.
  const CostModel years = BestFit(**g, [](v1::Weights* w) { w->set_years(1); });
  EXPECT_DOUBLE_EQ(years(FindMove(**g, "eng", "sr")), 2.0);
}

TEST(CostModel, WithoutAnyPayThePayTermIsZero) {
  auto g = testing::MakeEngineGraph({"a|Intern|swe|1|0|0.1|0.1", "b|Junior|swe|2|0|0.2|0.2"},
                                    {"a>b|promotion|1|0.9"});
  const CostModel cost = BestFit(*g, [](v1::Weights* w) { w->set_pay(3); });
  EXPECT_EQ(cost(FindMove(*g, "a", "b")), 0.0);
}

TEST(CostModel, AWeightOnAValueSomePositionLacksIsRefused) {
  // The Senior's pay is unknown.
  auto g = testing::MakeEngineGraph({"eng|Engineer|swe|1|100000|0.2|0.1", "sr|Senior Engineer|swe|2|?|0.4|0.3"},
                                    {"eng>sr|promotion|2|0.5"});
  v1::Weights pay;
  pay.set_pay(1);
  auto refused = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, pay);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(refused.status().field(), "weights.pay");
  EXPECT_NE(refused.status().message().find("'Senior Engineer' (sr)"), std::string::npos)
      << refused.status().message();
  // Weights on values every position has are fine, and so is an objective without pay.
  v1::Weights ambiguity;
  ambiguity.set_ambiguity(1);
  EXPECT_TRUE(CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, ambiguity).ok());
  EXPECT_TRUE(CostModel::Make(*g, v1::OBJECTIVE_FASTEST, {}).ok());
}

TEST(CostModel, WeightsMustBeFiniteAndTheObjectiveKnown) {
  auto g = testing::MakeEngineGraph(kPositions, kMoves);
  v1::Weights w;
  w.set_years(std::numeric_limits<double>::quiet_NaN());
  auto nan = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, w);
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.status().field(), "weights.years");
  w.set_years(1);
  w.set_risk(std::numeric_limits<double>::infinity());
  auto inf = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, w);
  ASSERT_FALSE(inf.ok());
  EXPECT_EQ(inf.status().field(), "weights.risk");
  auto unknown = CostModel::Make(*g, static_cast<v1::Objective>(42), {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "objective");
  // Unspecified means fastest.
  auto unspecified = CostModel::Make(*g, v1::OBJECTIVE_UNSPECIFIED, {});
  ASSERT_TRUE(unspecified.ok());
  EXPECT_EQ(unspecified->objective(), v1::OBJECTIVE_FASTEST);
  EXPECT_DOUBLE_EQ((*unspecified)(FindMove(*g, "sr", "mgr")), 3.0);
}

}  // namespace
}  // namespace careergraph
