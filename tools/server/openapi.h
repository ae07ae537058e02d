// The OpenAPI 3 description of the HTTP API, generated from the endpoint registry and the
// protobuf descriptors of its request and response messages: a new endpoint or field appears
// in it without anyone writing a line of it. Served at GET /v1/openapi.json.
//
// Design choices:
//  - Built once, when the service starts (the registry is fixed from then on), and served as
//    a string: describing the API costs nothing per request.
//  - Schemas follow protobuf's JSON mapping as the server prints it: lowerCamelCase property
//    names, enums as their value names, 64-bit integers as decimal strings, absent = default.
//    Every message reachable from an endpoint becomes one component named by its full proto
//    name (careergraph.v1.RouteRequest), referenced by $ref; recursion is therefore fine.
//  - GET endpoints list their request's scalar fields as query parameters, POST endpoints take
//    the request message as a JSON or binary protobuf body; every operation's default response
//    is careergraph.v1.Error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tools/server/endpoints.h"

namespace careergraph::server {

// A path the service answers outside the registry (/healthz, /metrics, ...), for the document.
struct ExtraPath {
  std::string path;
  std::string summary;
  const google::protobuf::Descriptor* response = nullptr;  // null: `content_type` text
  std::string content_type;
};

std::string OpenApiJson(const EndpointRegistry& registry, const std::vector<ExtraPath>& extra,
                        std::string_view api_version);

}  // namespace careergraph::server
