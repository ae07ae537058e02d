#include "tools/cli/route_options.h"

#include "engine/cost.h"
#include "engine/route.h"
#include "tools/cli/command.h"

namespace careergraph::cli {

void AddGraphOption(CLI::App& sub, GraphOption* opt) {
  sub.add_option("--graph,-g", opt->graph,
                 "Ladder to query: 'default' (embedded reference ladder), 'onet', or a file/directory "
                 "(.pb .json .textproto .yaml .csv/.tsv)")
      ->capture_default_str();
}

void AddRouteOptions(CLI::App& sub, RouteOptions* o, bool require_endpoints) {
  o->flags = std::make_unique<RequestFlags>(sub, v1::RouteRequest::descriptor());
  RequestFlags& f = *o->flags;
  auto* from = f.Value("--from", "from", "Start position (id or title, case-insensitive)");
  auto* to = f.Value("--to", "to", "Target position (id or title)");
  if (require_endpoints) {
    from->required();
    to->required();
  }
  f.Value("--objective", "objective", "What the route minimises (default fastest)");
  f.Pairs("--weights", "weights",
          "best-fit weights, e.g. years=1,risk=2,pay=1,ambiguity=0.5,leadership=1,skills=0.5 (per move: years, "
          "risk=-ln p, pay shortfall vs the best-paid position (0..1), ambiguity, 1-leadership, competency gap)");
  f.Constraints("constraints.", /*routes=*/true);
  f.Map("--have", "have", "Your own competency levels, NAME=LEVEL,... or @FILE (a YAML file of competency: level; replace the start position's profile)");
  f.Value("--alternatives,-k", "alternatives", "Return the K best simple routes, best first");
  f.Value("--max-overlap", "max_overlap", "Alternatives share at most this fraction of moves with a better one");
  f.Value("--max-stretch", "max_stretch", "Alternatives cost at most this multiple of the best");
}

StatusOr<v1::RouteRequest> RouteOptions::ToRequest() const {
  v1::RouteRequest req;
  CAREERGRAPH_RETURN_IF_ERROR(flags->Fill(&req));
  return req;
}

StatusOr<v1::RouteResponse> RunRouteQuery(const CareerGraph& g, const v1::RouteRequest& req) {
  return FindRoute(g, req, CliLimits().route);
}

}  // namespace careergraph::cli
