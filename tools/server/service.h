// Service: the HTTP API over the engine, independent of the transport that carries it.
//
// The transport (http_server.h) reads a request and calls Prepare(), which does the cheap
// part at once (routing, method, admin token, CORS preflight, Content-Type) and either
// answers or hands back the work to run on a worker: parse the body, take the current graph
// snapshot, call the endpoint, serialise the answer. Every response, whoever produced it,
// passes through Complete(), which adds the CORS headers, records the metrics and writes
// the log line.
//
// Errors are always a careergraph.v1.Error body (JSON or binary per Accept) whose HTTP
// status is the error registry's for its code (engine/errors.h): an endpoint cannot invent
// a status of its own, and the CLI's exit code for the same error comes from the same row.
// A few HTTP matters map onto registry codes: unknown path -> NOT_FOUND (404); unsupported
// Content-Type or a malformed body -> INVALID_ARGUMENT (400); a wrong method ->
// INVALID_ARGUMENT in the body, 405 with an Allow header on the status line (the one status
// not the registry's: HTTP requires it). A JSON object body is read as JSON whatever its
// Content-Type (curl -d sends a form type); admin endpoints without a configured token ->
// FAILED_PRECONDITION (403); a missing or wrong token -> UNAUTHENTICATED (401).
// Paths that are not endpoints are looked up, after the registry, among the dashboard's files
// (web_assets.h) and /v1/openapi.json (openapi.h, generated when the service is built).
// Nothing thrown inside an endpoint escapes: it becomes INTERNAL (500) with a generic
// message, and the detail goes to the server log only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/status.h"
#include "tools/server/codec.h"
#include "tools/server/endpoints.h"
#include "tools/server/graph_holder.h"
#include "tools/server/metrics.h"

namespace careergraph::server {

using Clock = std::chrono::steady_clock;

struct HttpRequest {
  std::string method;  // "GET", "POST", "OPTIONS", ...
  std::string target;  // path and query as sent: "/v1/positions?search=pm"
  std::string content_type;
  std::string accept;
  std::string authorization;
  std::string origin;
  std::string body;
  std::string peer;  // "127.0.0.1:41234", for the log
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The server's limits: the engine's defaults, except that requests never build landmark
// tables (the graph holder builds them in the background after a load, table_warmer.h;
// searches are plain until then). `serve`'s flags set fields of it.
Limits ServingLimits();

struct ServiceOptions {
  // Admin endpoints answer only when set, and then only to "Authorization: Bearer TOKEN".
  std::string admin_token;
  // Origins allowed to call from a browser ("*" = any); empty = no CORS headers.
  std::vector<std::string> cors_origins;
  Limits limits = ServingLimits();
  bool log_requests = true;
  std::FILE* log = stderr;
};

// Load figures the transport knows and /metrics reports.
struct LoadGauges {
  std::size_t workers = 0, queue_capacity = 0, running = 0, queued = 0, connections = 0;
};

class Service {
 public:
  Service(ServiceOptions options, std::shared_ptr<GraphHolder> graphs, EndpointRegistry registry);

  // What the transport carries from Prepare to Complete.
  struct Meta {
    std::string method, target, peer, origin;
    WireFormat format = WireFormat::kJson;  // of the response (from Accept)
    std::size_t endpoint = 0;               // metrics label
    std::string graph_version;              // set by the work when it ran
  };

  struct Plan {
    Meta meta;
    std::optional<HttpResponse> now;            // answered already
    std::function<HttpResponse(Meta*)> work;    // otherwise: run on a worker
    bool deadline = true;                       // false: `work` runs to completion
    bool background = false;                    // run on the admin thread, not a query worker
  };

  Plan Prepare(HttpRequest request, Clock::time_point deadline);

  // Responses the transport makes itself (413 for an oversized body, 503 when the pool is
  // full, 504 at the deadline, 400 for a malformed request).
  HttpResponse ErrorResponse(const Status& st, WireFormat format) const;
  // Meta for a request the transport could not parse.
  Meta UnparsedMeta(std::string peer) const;

  // Adds CORS headers, records metrics, logs. `start` is when the request was read.
  void Complete(const Meta& meta, HttpResponse* response, Clock::time_point start);

  void SetLoadGauges(std::function<LoadGauges()> fn) { gauges_ = std::move(fn); }
  void SetDraining(bool draining) { draining_.store(draining); }
  // Stops every query still computing (they answer 504) and every one started after: what a
  // graceful stop does once its drain timeout has passed.
  void Abandon() { abandon_.store(true); }
  // Queries stopped at their deadline or by Abandon.
  std::uint64_t cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  std::string RenderMetrics() const;
  const Metrics& metrics() const { return metrics_; }
  GraphHolder& graphs() { return *graphs_; }
  const ServiceOptions& options() const { return options_; }

 private:
  HttpResponse Execute(const Endpoint& ep, const HttpRequest& req, WireFormat in, Clock::time_point deadline,
                       Meta* meta);
  HttpResponse Health(WireFormat format) const;
  HttpResponse Preflight(const HttpRequest& req, std::string_view allow) const;
  std::optional<Status> CheckAdmin(const HttpRequest& req) const;
  bool OriginAllowed(std::string_view origin) const;
  void Log(const Meta& meta, const HttpResponse& r, double seconds);

  ServiceOptions options_;
  std::shared_ptr<GraphHolder> graphs_;
  EndpointRegistry registry_;
  Metrics metrics_;
  std::function<LoadGauges()> gauges_;
  std::atomic<bool> draining_{false};
  std::atomic<bool> abandon_{false};
  std::atomic<std::uint64_t> cancelled_{0};
  Clock::time_point started_ = Clock::now();
  std::string openapi_;  // GET /v1/openapi.json, generated from registry_ (openapi.h)
};

}  // namespace careergraph::server
