// Answers in other forms than the message, from the same code as the CLI's, chosen by Accept:
//   POST /v1/compare with `Accept: image/svg+xml`  the chart of `careergraph compare --chart`
//   every answer with a main list, `Accept: text/csv`  one row per element (render/csv.h)
#include "careergraph/v1/compare.pb.h"
#include "render/compare_chart.h"
#include "render/csv.h"
#include "tools/server/endpoints.h"

namespace careergraph::server {

void RegisterRenderings(EndpointRegistry& registry) {
  registry.AddRendering("/v1/compare", {"image/svg+xml", [](const CallContext& ctx, const google::protobuf::Message& m) {
                                          return render::CompareChartSvg(static_cast<const v1::CompareResponse&>(m),
                                                                         ctx.graph().metadata().currency());
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
