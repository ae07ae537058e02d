#include "engine/objective.h"

#include <array>

namespace careergraph {
namespace {

constexpr std::array<ObjectiveSpec, 4> kObjectives = {{
    {v1::OBJECTIVE_FASTEST, CostKind::kYears, "least total years"},
    {v1::OBJECTIVE_FEWEST_MOVES, CostKind::kMovesThenYears, "fewest moves; among those, fewest years"},
    {v1::OBJECTIVE_SAFEST, CostKind::kRisk, "highest product of the moves' success probabilities"},
    {v1::OBJECTIVE_BEST_FIT, CostKind::kWeighted,
     "least weighted sum of per-move penalties (years, risk, pay shortfall, ambiguity, 1 - leadership)"},
}};

}  // namespace

std::span<const ObjectiveSpec> Objectives() { return kObjectives; }

const ObjectiveSpec* FindObjective(v1::Objective id) {
  if (id == v1::OBJECTIVE_UNSPECIFIED) id = v1::OBJECTIVE_FASTEST;
  for (const auto& o : kObjectives)
    if (o.id == id) return &o;
  return nullptr;
}

}  // namespace careergraph
