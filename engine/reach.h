// Reach: every position reachable from a start within a budget of years (and moves), with
// the earliest arrival, the moves and probability of that route, and its pay; the career
// analogue of an isochrone.
//
// Design choices:
//  - Without a move limit, the earliest arrivals are one Dijkstra in years, bounded by the
//    horizon. Ties between equally fast routes go to the more likely one, then to fewer
//    moves: the heap is keyed by years only, which stays exact because every move takes
//    positive years (a position's label can only be improved from strictly earlier ones),
//    and the tie-break happens in the relaxation.
//  - With --max-moves (or when the best probability over all routes in the budget is asked
//    for) the question is a resource-constrained one: the fastest route may use too many
//    moves, the most likely one may be too slow. It is answered exactly by label setting
//    over (years, -ln p, moves) with Pareto dominance (Martins, "On a multicriteria
//    shortest path problem", EJOR 1984), processed in order of years so the first label
//    settled at a position is its earliest arrival under the move limit. A label budget
//    bounds the work; past it the query fails TOO_LARGE.
//  - Filters exclude positions moved into; the start is where the person is.
#pragma once

#include <cstdint>

#include "careergraph/v1/reach.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

struct ReachLimits {
  double max_years = 50;
  std::uint32_t max_moves = 100;
  std::uint64_t max_labels = 5'000'000;
};

StatusOr<v1::ReachResponse> FindReach(const CareerGraph& g, const v1::ReachRequest& req, const ReachLimits& limits = {});

}  // namespace careergraph
