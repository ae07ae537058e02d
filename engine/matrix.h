// Matrix: best-route years and cost from many origins to many destinations.
//
// Design choices:
//  - One single-source Dijkstra per origin under the objective's cost (cost.h) and the
//    request's exclusions, stopped as soon as every destination is settled; never one
//    search per pair (OSRM's table service does the same for small tables).
//  - A cell is exactly what `careergraph route` answers for that pair without resource
//    limits: the objective's best route, its years, moves, success probability and cost.
//    An origin or destination that is itself excluded has no route.
//  - Without exclusions, on graphs of at least many_to_many_min_positions, the table is
//    computed by many-to-many sweeps instead (many_to_many.h): many origins share each
//    linear pass over the graph; cells are routes of the same cost.
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
  // Tables without exclusions on graphs this large use many-to-many sweeps. Among routes of
  // equal cost they may pick another than `route` does; on the small ladders people read,
  // the per-origin search keeps cells identical to `route`'s answers.
  std::uint32_t many_to_many_min_positions = 5000;
  // ... and at least this many origins: a batch's sweeps pass over the graph several times
  // however few of its 32 lanes (ManyToMany::kLanes) hold an origin, while a few searches
  // that stop at their destinations are cheap.
  std::uint32_t many_to_many_min_origins = 16;
};

StatusOr<v1::MatrixResponse> ComputeMatrix(const CareerGraph& g, const v1::MatrixRequest& req,
                                           const MatrixLimits& limits = {});

}  // namespace careergraph
