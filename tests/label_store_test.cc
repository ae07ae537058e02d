// LabelStore and the constrained routes' rules: which partial routes a position keeps, the
// order they are settled in, how a route is read back, and what max_years / max_moves ask.
#include "engine/label_store.h"

#include <gtest/gtest.h>

#include <vector>

namespace careergraph {
namespace {

using Store = LabelStore<ResourceLabel>;
constexpr auto kRoot = Store::kNone;

// A partial route at position v: `cost` so far, `years`, `moves`, made by move `edge` from `parent`.
ResourceLabel At(Vertex v, double cost, double years, std::uint32_t moves, std::uint32_t parent = kRoot,
                 EdgeId edge = kNoEdge) {
  return {cost, years, moves, v, 0, parent, edge, false};
}

TEST(LabelStore, WithoutLimitsTheCheapestPartialRouteAloneIsKept) {
  const ResourceRules rules(0, 0);  // no max_years, no max_moves: cost alone decides
  Store labels;
  labels.Reset(3);
  EXPECT_TRUE(labels.Insert(1, At(1, 5, 2, 1), 5, rules));
  // Cheaper, though longer and with more moves: it retires the first.
  EXPECT_TRUE(labels.Insert(1, At(1, 4, 9, 3), 4, rules));
  // Dearer than the one kept: dropped.
  EXPECT_FALSE(labels.Insert(1, At(1, 4.5, 1, 1), 4.5, rules));
  // Another position is another bucket.
  EXPECT_TRUE(labels.Insert(2, At(2, 7, 1, 1), 7, rules));
  EXPECT_EQ(labels.size(), 3u);  // the retired label still counts against the budget
  EXPECT_EQ(labels.PopLive(), 1u);
  EXPECT_EQ(labels.PopLive(), 2u);
  EXPECT_EQ(labels.PopLive(), kRoot);  // the retired label 0 is skipped
}

TEST(LabelStore, UnderLimitsADearerButShorterRouteIsKept) {
  const ResourceRules rules(10, 4);  // max_years 10, max_moves 4
  Store labels;
  labels.Reset(1);
  EXPECT_TRUE(labels.Insert(0, At(0, 4, 9, 3), 4, rules));
  EXPECT_TRUE(labels.Insert(0, At(0, 5, 2, 3), 5, rules));   // dearer, fewer years
  EXPECT_TRUE(labels.Insert(0, At(0, 6, 9, 1), 6, rules));   // dearer, fewer moves
  EXPECT_FALSE(labels.Insert(0, At(0, 6, 9, 3), 6, rules));  // worse than the first in every way
  // Costs and years equal up to rounding count as equal: no duplicate is kept.
  EXPECT_FALSE(labels.Insert(0, At(0, 4 + 1e-12, 9 - 1e-12, 3), 4, rules));
  EXPECT_EQ(labels.PopLive(), 0u);
  EXPECT_EQ(labels.PopLive(), 1u);
  EXPECT_EQ(labels.PopLive(), 2u);
  EXPECT_EQ(labels.PopLive(), kRoot);
}

TEST(LabelStore, EqualKeysSettleInTheOrderTheyWereAdded) {
  const ResourceRules rules(10, 0);
  Store labels;
  labels.Reset(4);
  for (Vertex v : {3u, 1u, 2u, 0u}) labels.Insert(v, At(v, 1, 4 - v, 1), 1.0, rules);
  labels.Insert(0, At(0, 0.5, 9, 1), 0.5, rules);  // a lower key first, whatever its age
  std::vector<Vertex> order;
  for (Store::Id id; (id = labels.PopLive()) != kRoot;) order.push_back(labels[id].v);
  EXPECT_EQ(order, (std::vector<Vertex>{0, 3, 1, 2, 0}));
}

TEST(LabelStore, ARouteIsReadBackThroughItsParents) {
  const ResourceRules rules(0, 0);
  Store labels;
  labels.Reset(4);
  labels.Insert(0, At(0, 0, 0, 0), 0, rules);                    // 0: the start
  labels.Insert(1, At(1, 2, 2, 1, 0, 7), 2, rules);              // 1: move 7 into position 1
  ResourceLabel next_leg = At(1, 2, 2, 1, 1, kNoEdge);           // 2: a via position reached, no move
  next_leg.stage = 1;
  labels.Insert(2, next_leg, 2, rules);
  labels.Insert(3, At(3, 5, 5, 2, 2, 11), 5, rules);             // 3: move 11 into position 3
  std::vector<EdgeId> moves;
  labels.AppendMovesBack(3, &moves);
  EXPECT_EQ(moves, (std::vector<EdgeId>{11, 7}));  // last move first
  moves.clear();
  labels.AppendMovesBack(0, &moves);
  EXPECT_TRUE(moves.empty());
}

TEST(LabelStore, ResetForgetsTheLastSearch) {
  const ResourceRules rules(0, 0);
  Store labels;
  labels.Reset(2);
  labels.Insert(1, At(1, 1, 1, 1), 1, rules);
  labels.Reset(2);
  EXPECT_EQ(labels.size(), 0u);
  EXPECT_EQ(labels.PopLive(), kRoot);
  // The cheap label of the last search no longer dominates.
  EXPECT_TRUE(labels.Insert(1, At(1, 3, 3, 1), 3, rules));
  EXPECT_EQ(labels.PopLive(), 0u);
}

TEST(ResourceRules, APartialRouteIsFeasibleWhenItsBoundsFitTheLimits) {
  // Three positions: 0 and 1 still 2 years and 1 move from the target, 2 cannot reach it.
  ResourceBounds bounds;
  bounds.cost = {2, 2, kInf};
  bounds.years = {2, 2, kInf};
  bounds.moves = {1, 1, kInf};
  const ResourceRules rules(10, 4);
  EXPECT_TRUE(rules.Feasible(At(0, 0, 8, 3), bounds));     // 8 + 2 years, 3 + 1 moves: exactly at the limits
  EXPECT_FALSE(rules.Feasible(At(0, 0, 8.5, 0), bounds));  // 10.5 years
  EXPECT_FALSE(rules.Feasible(At(1, 0, 0, 4), bounds));    // 5 moves
  EXPECT_FALSE(rules.Feasible(At(2, 0, 0, 0), bounds));    // no way on
  const ResourceRules no_limits(0, 0);
  EXPECT_TRUE(no_limits.Feasible(At(1, 0, 90, 40), bounds));
  EXPECT_FALSE(no_limits.Feasible(At(2, 0, 0, 0), bounds));
}

}  // namespace
}  // namespace careergraph
