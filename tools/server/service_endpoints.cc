// The service's own endpoints: positions search, graph info and the reload trigger. They
// go through the same registry and machinery as the engine's queries.
#include "careergraph/v1/service.pb.h"
#include "engine/positions.h"
#include "tools/server/endpoints.h"

namespace careergraph::server {
namespace {

// The same listing as `careergraph positions`, within this server's page limits.
StatusOr<v1::PositionsResponse> Positions(const CallContext& ctx, const v1::PositionsRequest& req) {
  return ListPositions(ctx.graph(), req, ctx.limits.positions);
}

StatusOr<v1::GraphInfo> DescribeGraph(const CallContext& ctx, const v1::GraphInfoRequest&) {
  return ctx.snapshot.Info();
}

StatusOr<v1::ReloadResponse> ReloadGraph(const CallContext& ctx, const v1::ReloadRequest& req) {
  if (!ctx.graphs) return Status::Internal("this server has no reload machinery");
  return ctx.graphs->ReloadRequested(req.graph());
}

}  // namespace

void RegisterServiceEndpoints(EndpointRegistry& registry) {
  RegisterGet<v1::PositionsRequest, v1::PositionsResponse>(registry, "/v1/positions", &Positions);
  RegisterGet<v1::GraphInfoRequest, v1::GraphInfo>(registry, "/v1/graph", &DescribeGraph, {.run_inline = true});
  Register<v1::ReloadRequest, v1::ReloadResponse>(registry, "/v1/admin/reload", &ReloadGraph,
                                                  {.admin = true, .empty_body_ok = true, .no_deadline = true, .background = true});
}

}  // namespace careergraph::server
