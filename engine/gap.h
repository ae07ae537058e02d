// The gap query: what a move, or each move of a route, asks you to learn (`careergraph gap`,
// POST /v1/gap), and the gap columns of route answers.
//
// Design choices:
//  - A gap compares two profiles, so `from -> to` needs no transition between them: "what
//    would I have to learn to become a Principal PM" is a fair question with no direct move.
//  - Along several steps (via, or the steps of the best route) what the person holds is
//    carried forward (competency.h), starting from their own levels (`have`) over the
//    start position's profile.
//  - The formula lives in competency.h; this file only resolves names and fills messages.
#pragma once

#include <string>
#include <vector>

#include "careergraph/v1/compare.pb.h"
#include "careergraph/v1/gap.pb.h"
#include "careergraph/v1/next.pb.h"
#include "careergraph/v1/plan.pb.h"
#include "careergraph/v1/route.pb.h"
#include "careergraph/v1/tradeoffs.pb.h"
#include "engine/career_graph.h"
#include "engine/competency.h"
#include "engine/status.h"

namespace careergraph {

struct GapLimits {
  std::uint32_t max_via = 8;
};

StatusOr<v1::GapResponse> FindGap(const CareerGraph& g, const v1::GapRequest& req, const GapLimits& limits = {});

// The competencies to grow for `gap`, largest weighted growth first, at most `top` (ids).
std::vector<std::string> GrowIds(const CareerGraph& g, const MoveGap& gap, std::size_t top = 3);

// The move from -> to and its gap (Competencies::Explain) as the message the gap query answers
// with: each competency's part, with the catalogue's name and scale label, and what to grow.
v1::MoveGapInfo DescribeMoveGap(const CareerGraph& g, Vertex from, Vertex to, const MoveGap& gap);

// Fills each route's step gaps (carried forward from `have` over the start's profile), the
// competencies to grow and the total gap. Fails as PersonLevels on a bad `have`.
Status AnnotateRouteGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                         v1::RouteResponse* resp);
// The same for the other answers that show moves: each next move's gap from the start; each
// plan step's gap carried forward along the plan (earnings plan; the pay plan's route; for the
// expected plan, each attempt's gap from what is surely held at its position); each trade-off
// route's steps as a route's; each
// compare entry's gap along its way in (start -> via -> entry).
Status AnnotateNextGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                        v1::NextResponse* resp);
Status AnnotatePlanGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                        v1::PlanResponse* resp);
Status AnnotateTradeoffsGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                             v1::TradeoffsResponse* resp);
Status AnnotateCompareGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                           v1::CompareResponse* resp);

}  // namespace careergraph
