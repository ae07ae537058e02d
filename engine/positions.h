// Listing and searching positions: `careergraph positions` and GET /v1/positions.
#pragma once

#include <cstdint>

#include "careergraph/v1/service.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

struct PositionsLimits {
  std::uint32_t default_limit = 100;  // a request without limit gets this many
  std::uint32_t max_limit = 1000;     // the most one request may ask for
};

// The positions matching `search` (all when empty), ranked as PositionIndex::Search ranks them
// (exact title, title prefix, substring; then by title). NOT_FOUND with suggestions when a
// non-empty search matches nothing; TOO_LARGE when limit is above the maximum.
StatusOr<v1::PositionsResponse> ListPositions(const CareerGraph& g, const v1::PositionsRequest& req,
                                              const PositionsLimits& limits = {});

}  // namespace careergraph
