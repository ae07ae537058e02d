// Flags shared by the commands that ask route questions (route, and the ones built on it),
// turned into a careergraph.v1.RouteRequest.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"
#include "tools/cli/request_flags.h"

namespace careergraph::cli {

struct GraphOption {
  std::string graph = "default";
};
void AddGraphOption(CLI::App& sub, GraphOption* opt);

// The route flags, each bound to a field of careergraph.v1.RouteRequest.
struct RouteOptions {
  std::unique_ptr<RequestFlags> flags;
  StatusOr<v1::RouteRequest> ToRequest() const;
};
void AddRouteOptions(CLI::App& sub, RouteOptions* opts, bool require_endpoints);

// Answers a route request: the best route, or K alternatives when asked.
StatusOr<v1::RouteResponse> RunRouteQuery(const CareerGraph& g, const v1::RouteRequest& req);

// Human table for a RouteResponse.
std::string RenderRouteTable(const v1::RouteResponse& resp, const std::string& currency);

}  // namespace careergraph::cli
