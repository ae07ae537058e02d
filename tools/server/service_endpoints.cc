// The service's own endpoints: positions search, graph info and the reload trigger. They
// go through the same registry and machinery as the engine's queries.
#include "careergraph/v1/service.pb.h"
#include "tools/server/endpoints.h"

namespace careergraph::server {
namespace {

// The positions search of `careergraph positions --search TEXT --limit N`: the same ranking
// (PositionIndex::Search) and the same NOT_FOUND with suggestions when nothing matches.
StatusOr<v1::PositionsResponse> ListPositions(const CallContext& ctx, const v1::PositionsRequest& req) {
  const CareerGraph& g = ctx.graph();
  const std::uint32_t limit = req.limit() ? req.limit() : ctx.limits.default_positions;
  if (limit > ctx.limits.max_positions)
    return Status::TooLarge("limit " + std::to_string(limit) + " is above this server's maximum of " +
                            std::to_string(ctx.limits.max_positions) + "; ask for fewer or narrow the search")
        .WithField("limit");
  // One more than asked tells whether there are more.
  auto hits = g.index().Search(req.search(), static_cast<std::size_t>(limit) + 1);
  if (hits.empty() && !req.search().empty()) {
    auto s = g.index().Suggest(req.search());
    Status err = Status::NotFound("no position matches '" + req.search() + "'" +
                                  (s.empty() ? "" : "; did you mean '" + s.front() + "'?"))
                     .WithField("search");
    return std::move(err).WithSuggestions(std::move(s));
  }
  v1::PositionsResponse resp;
  resp.set_more(hits.size() > limit);
  if (hits.size() > limit) hits.resize(limit);
  for (Vertex v : hits) *resp.add_positions() = g.position(v);
  resp.set_total_positions(g.num_positions());
  resp.set_graph_version(g.metadata().version());
  return resp;
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
  RegisterGet<v1::PositionsRequest, v1::PositionsResponse>(registry, "/v1/positions", &ListPositions);
  RegisterGet<v1::GraphInfoRequest, v1::GraphInfo>(registry, "/v1/graph", &DescribeGraph, {.run_inline = true});
  Register<v1::ReloadRequest, v1::ReloadResponse>(registry, "/v1/admin/reload", &ReloadGraph,
                                                  {.admin = true, .empty_body_ok = true, .no_deadline = true});
}

}  // namespace careergraph::server
