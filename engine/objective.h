// Route objectives: each one registered unit, found here by its proto value.
//
// A unit is the objective's per-move cost (CostModel evaluates it from the graph's columns),
// its admissible lower bound for goal-directed search (ObjectiveBound builds it from the
// landmark tables of the cost's terms), and its help. Both switch over CostKind with no
// default branch and the engine compiles with -Werror=switch, so a new kind that one of them
// forgets does not build; tests/objective_test.cc checks that every value of the proto's
// Objective enum has a unit here, so a new proto value without one fails a test. The name is
// the Choices registry's ("fewest-moves").
#pragma once

#include <span>
#include <string_view>

#include "careergraph/v1/route.pb.h"

namespace careergraph {

enum class CostKind {
  kYears,           // years(e)                                     bound: years landmarks
  kMovesThenYears,  // 1 + tie-break x years(e)                     bound: hop landmarks
  kRisk,            // -ln p(e)                                      bound: risk landmarks
  kWeighted,        // the weighted penalties of Weights            bound: the weighted sum of the terms' bounds
};

struct ObjectiveSpec {
  v1::Objective id;
  CostKind cost;
  std::string_view help;
};

// Every objective, in the proto's order (OBJECTIVE_UNSPECIFIED, which means fastest, excluded).
std::span<const ObjectiveSpec> Objectives();
// The unit of `id`; OBJECTIVE_UNSPECIFIED gives fastest's; null for a value with no unit.
const ObjectiveSpec* FindObjective(v1::Objective id);

}  // namespace careergraph
