// ObjectiveBound (engine/objective_bound.h), A*'s potential for routes: for every registered
// objective, and for best fit with weights on each of its terms (skills included), the bound
// never exceeds the true cost to the target (brute force on random small ladders with
// competency profiles), is consistent along every move, and is zero at the target.
#include "engine/objective_bound.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/objective.h"
#include "engine/search.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

struct Case {
  std::string name;
  v1::Objective objective;
  v1::Weights weights;
  bool prunes = true;  // whether the bound should often be above 0 (a per-position penalty
                       // alone bounds nothing once some position has none)
};

// Every registered objective as a request gives it (best fit with no weights means years),
// then best fit weighting each term on its own and all of them together.
std::vector<Case> Cases() {
  std::vector<Case> out;
  for (const ObjectiveSpec& spec : Objectives()) out.push_back({v1::Objective_Name(spec.id), spec.id, {}});
  auto best_fit = [&](std::string name, bool prunes, auto set) {
    v1::Weights w;
    set(&w);
    out.push_back({"best fit, " + name, v1::OBJECTIVE_BEST_FIT, w, prunes});
  };
  best_fit("risk", true, [](v1::Weights* w) { w->set_risk(1); });
  best_fit("pay", false, [](v1::Weights* w) { w->set_pay(2); });
  best_fit("ambiguity", false, [](v1::Weights* w) { w->set_ambiguity(1); });
  best_fit("leadership", false, [](v1::Weights* w) { w->set_leadership(1); });
  best_fit("skills", true, [](v1::Weights* w) { w->set_skills(1); });
  best_fit("every term", true, [](v1::Weights* w) {
    w->set_years(1);
    w->set_risk(0.5);
    w->set_pay(2);
    w->set_ambiguity(0.5);
    w->set_leadership(0.5);
    w->set_skills(0.75);
  });
  return out;
}

GraphPtr RandomLadder(int seed) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  testing::RandomGraphOptions opt;
  opt.competencies = 3;
  return testing::RandomEngineGraph(rng, opt);
}

TEST(ObjectiveBound, NeverAboveTheTrueCostForAnyObjective) {
  const std::vector<Case> cases = Cases();
  std::vector<int> positive(cases.size(), 0);
  for (int seed = 0; seed < 60; ++seed) {
    const GraphPtr g = RandomLadder(seed);
    for (std::size_t c = 0; c < cases.size(); ++c) {
      auto cost = CostModel::Make(*g, cases[c].objective, cases[c].weights);
      ASSERT_TRUE(cost.ok()) << cases[c].name << ": " << cost.status().ToString();
      for (Vertex t = 0; t < g->num_positions(); ++t) {
        const ObjectiveBound h(*g, *cost, t);
        EXPECT_EQ(h(t), 0.0) << cases[c].name;
        for (Vertex v = 0; v < g->num_positions(); ++v) {
          const double d = testing::LeastPathCost(*g, v, t, [&](EdgeId e) { return (*cost)(e); });
          if (d == kInf) continue;
          EXPECT_LE(h(v), d + 1e-9 * std::max(1.0, d))
              << cases[c].name << ", seed " << seed << ", " << v << " -> " << t;
          positive[c] += h(v) > 0;
        }
      }
    }
  }
  for (std::size_t c = 0; c < cases.size(); ++c) {
    if (!cases[c].prunes) continue;
    EXPECT_GT(positive[c], 100) << cases[c].name << ": the bound hardly ever prunes";
  }
}

TEST(ObjectiveBound, ConsistentAlongEveryMoveForAnyObjective) {
  const std::vector<Case> cases = Cases();
  for (int seed = 0; seed < 60; ++seed) {
    const GraphPtr g = RandomLadder(seed);
    for (const Case& c : cases) {
      auto cost = CostModel::Make(*g, c.objective, c.weights);
      ASSERT_TRUE(cost.ok());
      for (Vertex t = 0; t < g->num_positions(); ++t) {
        const ObjectiveBound h(*g, *cost, t);
        for (EdgeId e = 0; e < g->num_transitions(); ++e) {
          const double hu = h(g->source(e)), hw = h(g->target(e));
          if (hw == ObjectiveBound::kInfinity) continue;
          EXPECT_LE(hu, (*cost)(e) + hw + 1e-9 * std::max(1.0, hu))
              << c.name << ", seed " << seed << ", move " << e << ", target " << t;
        }
      }
    }
  }
}

TEST(ObjectiveBound, WithoutTablesItIsZero) {
  auto g = testing::EngineerLadder(false);
  const ObjectiveBound none;
  for (Vertex v = 0; v < g->num_positions(); ++v) EXPECT_EQ(none(v), 0.0);
  EXPECT_FALSE(g->landmarks_built());
}

}  // namespace
}  // namespace careergraph
