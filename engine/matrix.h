// Matrix: best-route years and cost from many origins to many destinations.
//
// Design choices:
//  - One single-source Dijkstra per origin under the objective's cost (cost.h) and the
//    request's exclusions, stopped as soon as every destination is settled; never one
//    search per pair (OSRM's table service does the same for small tables).
//  - A cell is exactly what `careergraph route` answers for that pair without resource
//    limits: the objective's best route, its years, moves, success probability and cost.
//    An origin or destination that is itself excluded has no route.
//  - The table size is an explicit limit (max_cells, 10,000 by default); a larger request
//    fails TOO_LARGE before any search runs.
#pragma once

#include <cstdint>

#include "careergraph/v1/matrix.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

struct MatrixLimits {
  std::uint64_t max_cells = 10'000;
};

StatusOr<v1::MatrixResponse> ComputeMatrix(const CareerGraph& g, const v1::MatrixRequest& req,
                                           const MatrixLimits& limits = {});

}  // namespace careergraph
