// The engine's queries as HTTP endpoints: one line each.
#include "tools/server/endpoints.h"

#include "engine/compare.h"
#include "engine/gap.h"
#include "engine/matrix.h"
#include "engine/next_moves.h"
#include "engine/pareto.h"
#include "engine/plan.h"
#include "engine/reach.h"
#include "engine/route.h"
#include "engine/tracks.h"

namespace careergraph::server {

// Each query gets its section of the server's limits (ServiceOptions::limits).
void RegisterQueryEndpoints(EndpointRegistry& registry) {
  // Routes; with RouteRequest.alternatives > 1 the K best routes (FindRoute dispatches).
  Register<v1::RouteRequest, v1::RouteResponse>(registry, "/v1/route", &FindRoute);
  Register<v1::TradeoffsRequest, v1::TradeoffsResponse>(registry, "/v1/tradeoffs", &FindTradeoffs);
  Register<v1::PlanRequest, v1::PlanResponse>(registry, "/v1/plan", &MakePlan);
  Register<v1::ReachRequest, v1::ReachResponse>(registry, "/v1/reach", &FindReach);
  Register<v1::NextRequest, v1::NextResponse>(registry, "/v1/next", &FindNextMoves);
  Register<v1::CompareRequest, v1::CompareResponse>(registry, "/v1/compare", &CompareOptions);
  Register<v1::MatrixRequest, v1::MatrixResponse>(registry, "/v1/matrix", &ComputeMatrix);
  RegisterGet<v1::TracksRequest, v1::TracksResponse>(registry, "/v1/tracks", &DescribeTracks);
  Register<v1::GapRequest, v1::GapResponse>(registry, "/v1/gap", &FindGap);

  // ---- a new query: one line here, in the form above ----
}

EndpointRegistry DefaultEndpoints() {
  EndpointRegistry registry;
  RegisterQueryEndpoints(registry);
  RegisterServiceEndpoints(registry);
  RegisterRenderings(registry);
  return registry;
}

void EndpointRegistry::Add(Endpoint e) {
  for (auto& existing : endpoints_) {
    if (existing.path == e.path) {
      existing = std::move(e);
      return;
    }
  }
  endpoints_.push_back(std::move(e));
}

void EndpointRegistry::AddRendering(std::string_view path, Rendering r) {
  for (auto& e : endpoints_) {
    if (e.path == path) {
      e.renderings.push_back(std::move(r));
      return;
    }
  }
}

const Endpoint* EndpointRegistry::Find(std::string_view path) const {
  for (const auto& e : endpoints_)
    if (e.path == path) return &e;
  return nullptr;
}

}  // namespace careergraph::server
