// Compare: two or more options from one position, side by side over a horizon ("Staff
// Software Engineer: PM or TPM?").
//
// Design choices:
//  - An option is a place to finish (a track, or a target position), so each option is a
//    plan (plan.h) with that finish: the best trajectory is the EARNINGS plan that ends in
//    the option (every move succeeds), the expected one is the EXPECTED policy that first
//    maximises the chance of ending in the option and then expected pay. Both run on the
//    same time grid, so every option is measured in the same units, step by step.
//  - Per whole year the response samples both trajectories: pay, level, ambiguity,
//    leadership and cumulative earnings (expected ones are expectations over where the
//    policy has you). The per-step series are kept too, for charts.
//  - The ceiling of an option is its best-paid position reachable within the horizon; its
//    top is its best-paid position reachable at all, with the fastest years to each, from
//    one unbounded Dijkstra shared by all options.
//  - A crossover is a time step where the leader of a series (best or expected pay) changes
//    between two options; differences under a cent are ties, not leads.
//  - The winner has the most expected earnings over the horizon: it already weighs what an
//    option pays by the chance of getting there. The verdict is one line built from the
//    numbers above.
#pragma once

#include <cstdint>

#include "careergraph/v1/compare.pb.h"
#include "engine/career_graph.h"
#include "engine/plan.h"
#include "engine/status.h"

namespace careergraph {

struct CompareLimits {
  PlanLimits plan;
  std::uint32_t min_options = 2;
  std::uint32_t max_options = 8;
};

StatusOr<v1::CompareResponse> CompareOptions(const CareerGraph& g, const v1::CompareRequest& req,
                                             const CompareLimits& limits = {});

}  // namespace careergraph
