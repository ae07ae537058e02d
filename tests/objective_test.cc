// Objectives are registered units: every value of the proto's Objective enum has one, with
// a cost that matches its definition and a landmark bound that never overestimates.
#include <cmath>

#include <gtest/gtest.h>

#include "engine/choices.h"
#include "engine/cost.h"
#include "engine/objective.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

TEST(Objective, EveryProtoValueHasAUnit) {
  const auto* type = v1::Objective_descriptor();
  for (int i = 0; i < type->value_count(); ++i) {
    const auto id = static_cast<v1::Objective>(type->value(i)->number());
    const ObjectiveSpec* spec = FindObjective(id);
    ASSERT_NE(spec, nullptr) << type->value(i)->name() << " has no unit in engine/objective.cc";
    EXPECT_FALSE(spec->help.empty());
    if (id != v1::OBJECTIVE_UNSPECIFIED) {
      EXPECT_EQ(spec->id, id);
      EXPECT_NE(ChoiceName(id), "unspecified");
    }
  }
  EXPECT_EQ(FindObjective(v1::OBJECTIVE_UNSPECIFIED)->id, v1::OBJECTIVE_FASTEST);
  EXPECT_EQ(FindObjective(static_cast<v1::Objective>(42)), nullptr);
  EXPECT_EQ(Objectives().size(), static_cast<std::size_t>(type->value_count() - 1));
}

TEST(Objective, CostsFollowTheirDefinitions) {
  auto g = testing::MakeEngineGraph({"a|Engineer|swe|1|100000|0.2|0.1", "b|Senior|swe|2|150000|0.4|0.3"},
                                    {"a>b|promotion|2|0.5"});
  const EdgeId e = 0;
  auto fastest = CostModel::Make(*g, v1::OBJECTIVE_FASTEST, {});
  auto moves = CostModel::Make(*g, v1::OBJECTIVE_FEWEST_MOVES, {});
  auto safest = CostModel::Make(*g, v1::OBJECTIVE_SAFEST, {});
  v1::Weights w;
  w.set_risk(2);
  w.set_ambiguity(1);
  auto fit = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, w);
  ASSERT_TRUE(fastest.ok() && moves.ok() && safest.ok() && fit.ok());
  EXPECT_DOUBLE_EQ((*fastest)(e), 2.0);
  EXPECT_DOUBLE_EQ((*moves)(e), 1.0 + CostModel::kTieBreak * 2.0);
  EXPECT_DOUBLE_EQ(moves->Reported(e), 1.0);
  EXPECT_DOUBLE_EQ((*safest)(e), -std::log(0.5));
  EXPECT_DOUBLE_EQ((*fit)(e), 2 * -std::log(0.5) + 0.4);
  // Weights belong to best-fit only; a negative weight is refused by field.
  auto wrong = CostModel::Make(*g, v1::OBJECTIVE_SAFEST, w);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "weights");
  v1::Weights neg;
  neg.set_pay(-1);
  auto bad = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, neg);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "weights.pay");
  // All-zero best-fit weights mean years = 1.
  auto plain = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_DOUBLE_EQ((*plain)(e), 2.0);
}

}  // namespace
}  // namespace careergraph
