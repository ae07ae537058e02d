// Answers in other forms than the message, from the same code as the CLI's, chosen by Accept:
//   POST /v1/compare with `Accept: image/svg+xml`  the chart of `careergraph compare --chart`
//   POST /v1/route with `Accept: image/svg+xml`    the best route on the ladder, as
//                                                  `careergraph export --format svg --route`
//   every answer with a main list, `Accept: text/csv`  one row per element (render/csv.h)
#include "careergraph/v1/compare.pb.h"
#include "careergraph/v1/route.pb.h"
#include "render/compare_chart.h"
#include "render/csv.h"
#include "render/ladder_svg.h"
#include "tools/server/endpoints.h"

namespace careergraph::server {

void RegisterRenderings(EndpointRegistry& registry) {
  registry.AddRendering("/v1/compare", {"image/svg+xml", [](const CallContext& ctx, const google::protobuf::Message& m) {
                                          return render::CompareChartSvg(static_cast<const v1::CompareResponse&>(m),
                                                                         ctx.graph().metadata().currency());
                                        }});
  registry.AddRendering("/v1/route", {"image/svg+xml", [](const CallContext& ctx, const google::protobuf::Message& m) {
                                        const auto& r = static_cast<const v1::RouteResponse&>(m);
                                        const CareerGraph& g = ctx.graph();
                                        std::vector<const v1::Position*> positions;
                                        for (Vertex v = 0; v < g.num_positions(); ++v) positions.push_back(&g.position(v));
                                        std::vector<std::string> ids;
                                        std::string title;
                                        if (r.routes_size() > 0 && r.routes(0).steps_size() > 0) {
                                          for (const auto& s : r.routes(0).steps()) ids.push_back(s.position_id());
                                          title = r.routes(0).steps(0).title() + " to " +
                                                  r.routes(0).steps(r.routes(0).steps_size() - 1).title();
                                        }
                                        return render::LadderSvg(positions, ids, title, g.metadata().currency());
                                      }});
  std::vector<std::string> tabular;
  for (const Endpoint& e : registry.endpoints())
    if (!render::CsvRowPaths(e.response_type).empty()) tabular.push_back(e.path);
  for (const std::string& path : tabular)
    registry.AddRendering(path, {"text/csv", [](const CallContext&, const google::protobuf::Message& m) {
                                   return render::ToCsv(m);
                                 }});
}

}  // namespace careergraph::server
