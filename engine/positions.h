// Positions search: the positions whose id, title, org or track match a text, ranked by
// PositionIndex::Search (exact title, title prefix, substring; then by title), one page at a
// time. The HTTP server's GET /v1/positions and the library facade both answer with it.
#pragma once

#include <cstdint>

#include "careergraph/v1/service.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

struct PositionsLimits {
  std::uint32_t default_limit = 100;  // PositionsRequest.limit 0
  std::uint32_t max_limit = 1000;     // a larger limit is TOO_LARGE
};

// NOT_FOUND with "did you mean" suggestions when nothing matches a non-empty search.
StatusOr<v1::PositionsResponse> SearchPositions(const CareerGraph& g, const v1::PositionsRequest& req,
                                                const PositionsLimits& limits = {});

}  // namespace careergraph
