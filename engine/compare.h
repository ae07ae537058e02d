// Compare: two or more options from one position, side by side over a horizon ("Staff
// Software Engineer: PM or TPM?").
//
// Design choices:
//  - An option (a track, or a target position) is something to commit to: each option is
//    a plan (plan.h, PlanProblem::commit) whose first criterion is the time held in the
//    option and whose second is pay. The best trajectory is that EARNINGS plan (every move
//    succeeds), the expected one is that EXPECTED policy (moves fail with their odds, time
//    in the option is an expectation). "Most pay while finishing in the option" would be
//    answered by staying put and switching at the last step, which compares nothing.
//    Every option runs on the same time grid, so they are measured step by step alike.
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
