#include "tools/server/service.h"

#include <algorithm>
#include <cinttypes>
#include <cstdlib>
#include <optional>

#include "careergraph/v1/service.pb.h"
#include "engine/best_fit_tables.h"
#include "engine/cancel.h"
#include "engine/errors.h"
#include "engine/position_index.h"
#include "tools/server/openapi.h"
#include "tools/server/web_assets.h"

namespace careergraph::server {
namespace {

constexpr std::string_view kHealthPath = "/healthz";
constexpr std::string_view kMetricsPath = "/metrics";
constexpr std::string_view kMetricsType = "text/plain; version=0.0.4; charset=utf-8";
constexpr std::string_view kOpenApiPath = "/v1/openapi.json";

std::vector<std::string> MetricLabels(const EndpointRegistry& registry) {
  std::vector<std::string> out;
  for (const auto& e : registry.endpoints()) out.push_back(e.path);
  out.emplace_back(kHealthPath);
  out.emplace_back(kMetricsPath);
  return out;
}

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view QueryOf(std::string_view target) {
  const auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

// Compares without leaking, through timing, how much of a token was right.
bool SecretEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

// A body whose first non-blank byte opens a JSON object. Sent under a type other than JSON
// (curl -d says application/x-www-form-urlencoded) it is read as JSON; anything else under
// such a type is refused with the header to send.
bool LooksLikeJson(std::string_view body) {
  for (char c : body) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

// The rendering the Accept header asks for ahead of JSON and protobuf, or null. Media ranges
// are read in the order given; one with q=0 is skipped.
const Rendering* ChooseRendering(const Endpoint& ep, std::string_view accept) {
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    std::string range = ToLower(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    range.erase(std::remove(range.begin(), range.end(), ' '), range.end());
    const auto semi = range.find(';');
    if (const auto q = range.find(";q=", semi == std::string::npos ? range.size() : semi); q != std::string::npos &&
        std::strtod(range.c_str() + q + 3, nullptr) <= 0)
      continue;  // refused
    const std::string type = range.substr(0, semi);
    for (const Rendering& r : ep.renderings)
      if (type == r.media_type) return &r;
    if (type == kJsonType || type == kProtobufType || type == "application/protobuf" || type == "*/*" ||
        type == "application/*")
      return nullptr;
  }
  return nullptr;
}

std::string_view MethodsFor(const Endpoint& ep) { return ep.options.method == Method::kGet ? "GET, OPTIONS" : "POST, OPTIONS"; }

}  // namespace

Limits ServingLimits() {
  Limits limits;
  limits.route.build_landmarks = false;
  limits.tradeoffs.build_landmarks = false;
  return limits;
}

Service::Service(ServiceOptions options, std::shared_ptr<GraphHolder> graphs, EndpointRegistry registry)
    : options_(std::move(options)),
      graphs_(std::move(graphs)),
      registry_(std::move(registry)),
      metrics_(MetricLabels(registry_)),
      openapi_(OpenApiJson(registry_,
                           {{std::string(kHealthPath), "liveness and the graph being served", v1::Health::descriptor(), ""},
                            {std::string(kMetricsPath), "Prometheus metrics", nullptr, std::string(kMetricsType)},
                            {std::string(kOpenApiPath), "this description (OpenAPI 3)", nullptr, "application/json"}},
                           CAREERGRAPH_API_VERSION)) {
  // Tables for the graphs this service's searches use them on (/metrics counts a smaller
  // graph as ready without them, by the same limit).
  graphs_->set_table_min_positions(options_.limits.route.landmark_min_positions);
}

Service::Meta Service::UnparsedMeta(std::string peer) const {
  Meta m;
  m.method = "-";
  m.target = "-";
  m.peer = std::move(peer);
  m.endpoint = metrics_.EndpointIndex("");
  return m;
}

HttpResponse Service::ErrorResponse(const Status& st, WireFormat format) const {
  HttpResponse r;
  r.status = LookupError(st.code()).http_status;
  r.content_type = std::string(ContentType(format));
  r.body = Serialize(st.ToProto(), format);
  if (st.code() == v1::UNAUTHENTICATED) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"careergraph\"");
  return r;
}

Service::Plan Service::Prepare(HttpRequest req, Clock::time_point deadline) {
  Plan plan;
  Meta& meta = plan.meta;
  meta.method = req.method;
  meta.target = req.target;
  meta.peer = req.peer;
  meta.origin = req.origin;
  meta.format = ResponseFormat(req.accept);
  const std::string path(PathOf(req.target));
  meta.endpoint = metrics_.EndpointIndex(path);

  auto wrong_method = [&](std::string_view allow) {
    HttpResponse r = ErrorResponse(Status::InvalidArgument(req.method + " " + path + " is not supported; this endpoint takes " +
                                                           std::string(allow.substr(0, allow.find(',')))),
                                   meta.format);
    // The body keeps the registry's INVALID_ARGUMENT; the status line says what HTTP means
    // by it (RFC 9110 15.5.6), with the Allow header that status requires.
    r.status = 405;
    r.headers.emplace_back("Allow", std::string(allow));
    return r;
  };

  // The server's own probes: answered on the spot so they work under any load.
  if (path == kHealthPath || path == kMetricsPath) {
    if (req.method == "OPTIONS") {
      plan.now = Preflight(req, "GET, OPTIONS");
    } else if (req.method != "GET") {
      plan.now = wrong_method("GET, OPTIONS");
    } else if (path == kHealthPath) {
      plan.now = Health(meta.format);
    } else {
      HttpResponse r;
      r.content_type = std::string(kMetricsType);
      r.body = RenderMetrics();
      plan.now = std::move(r);
    }
    return plan;
  }

  const Endpoint* ep = registry_.Find(path);
  if (!ep) {
    // Pages outside the registry: the API's description and the dashboard. Looked up only
    // for paths that are not endpoints, so the /v1 queries pay nothing for them.
    const WebAsset* asset = FindWebAsset(path);
    if (asset || path == kOpenApiPath) {
      if (req.method == "OPTIONS") {
        plan.now = Preflight(req, "GET, OPTIONS");
      } else if (req.method != "GET") {
        plan.now = wrong_method("GET, OPTIONS");
      } else {
        HttpResponse r;
        r.content_type = asset ? std::string(asset->content_type) : std::string(kJsonType);
        r.body = asset ? std::string(asset->body) : openapi_;
        r.headers.emplace_back("Cache-Control", "no-cache");
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        plan.now = std::move(r);
      }
      return plan;
    }
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& e : registry_.endpoints()) scored.emplace_back(EditDistance(path, e.path), e.path);
    for (std::string_view p : {kHealthPath, kMetricsPath}) scored.emplace_back(EditDistance(path, p), std::string(p));
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> close;
    for (const auto& [d, p] : scored)
      if (d <= 3 && close.size() < 3) close.push_back(p);
    plan.now = ErrorResponse(Status::NotFound("no endpoint " + path +
                                              (close.empty() ? std::string("; see GET /v1/graph and POST /v1/route")
                                                             : "; did you mean '" + close.front() + "'?"))
                                 .WithField("path")
                                 .WithSuggestions(std::move(close)),
                             meta.format);
    return plan;
  }

  const std::string_view allow = MethodsFor(*ep);
  if (req.method == "OPTIONS") {
    plan.now = Preflight(req, allow);
    return plan;
  }
  if (req.method != (ep->options.method == Method::kGet ? "GET" : "POST")) {
    plan.now = wrong_method(allow);
    return plan;
  }
  if (ep->options.admin) {
    if (auto denied = CheckAdmin(req)) {
      plan.now = ErrorResponse(*denied, meta.format);
      return plan;
    }
  }
  WireFormat in = WireFormat::kJson;
  if (ep->options.method == Method::kPost && !(req.body.empty() && ep->options.empty_body_ok)) {
    auto f = BodyFormat(req.content_type);
    if (f.ok()) {
      in = *f;
    } else if (!LooksLikeJson(req.body)) {
      plan.now = ErrorResponse(f.status(), meta.format);
      return plan;
    }
    // Otherwise a JSON document under another type (curl -d sends a form type): read as JSON.
  }
  if (ep->options.run_inline) {
    plan.now = Execute(*ep, req, in, deadline, &meta);
    return plan;
  }
  plan.deadline = !ep->options.no_deadline;
  plan.background = ep->options.background;
  const Clock::time_point until = plan.deadline ? deadline : Clock::time_point::max();
  plan.work = [this, ep, req = std::move(req), in, until](Meta* m) { return Execute(*ep, req, in, until, m); };
  return plan;
}

HttpResponse Service::Execute(const Endpoint& ep, const HttpRequest& req, WireFormat in, Clock::time_point deadline,
                              Meta* meta) {
  try {
    if (Clock::now() > deadline)
      return ErrorResponse(Status(v1::DEADLINE_EXCEEDED,
                                  "the request waited for a worker past its deadline; retry, or ask the operator to "
                                  "raise --threads or --deadline-ms"),
                           meta->format);
    SnapshotPtr snap = graphs_->Current();
    if (!snap) return ErrorResponse(Status::Internal("no graph is loaded"), meta->format);
    meta->graph_version = snap->version();

    std::unique_ptr<google::protobuf::Message> request = ep.new_request();
    Status parsed;
    if (ep.options.method == Method::kGet) {
      parsed = ParseQuery(ParseQueryString(QueryOf(req.target)), request.get());
    } else if (!(req.body.empty() && ep.options.empty_body_ok)) {
      parsed = ParseBody(req.body, in, request.get());
    }
    if (!parsed.ok()) return ErrorResponse(parsed, meta->format);

    const CallContext ctx{*snap, options_.limits, deadline, graphs_.get()};
    std::optional<StatusOr<std::unique_ptr<google::protobuf::Message>>> answer;
    try {
      // The engine's loops poll this scope: past the deadline (or once the server abandons
      // its work on shutdown) the query unwinds and the worker is free again.
      CancelScope scope(deadline, &abandon_);
      answer.emplace(ep.call(ctx, *request));
    } catch (const Cancelled& c) {
      cancelled_.fetch_add(1, std::memory_order_relaxed);
      return ErrorResponse(
          Status(v1::DEADLINE_EXCEEDED,
                 c.shutdown ? "the server is shutting down and stopped this query; retry against another instance"
                            : "the query was stopped at this server's deadline; ask a smaller question (a shorter "
                              "horizon, fewer options or cells) or ask the operator to raise --deadline-ms"),
          meta->format);
    }
    auto& out = *answer;
    if (!out.ok()) return ErrorResponse(out.status(), meta->format);

    HttpResponse r;
    const Rendering* drawn = ep.renderings.empty() ? nullptr : ChooseRendering(ep, req.accept);
    if (drawn) {
      r.content_type = drawn->media_type;
      r.body = drawn->render(ctx, **out);
    } else {
      r.content_type = std::string(ContentType(meta->format));
      r.body = Serialize(**out, meta->format);
    }
    r.headers.emplace_back("X-Graph-Version", meta->graph_version);
    return r;
  } catch (const std::exception& e) {
    if (options_.log) std::fprintf(options_.log, "careergraph serve: %s %s failed: %s\n", req.method.c_str(),
                                   req.target.c_str(), e.what());
  } catch (...) {
    if (options_.log) std::fprintf(options_.log, "careergraph serve: %s %s failed with an unknown exception\n",
                                   req.method.c_str(), req.target.c_str());
  }
  return ErrorResponse(Status::Internal("internal error answering " + ep.path + "; the server log has the details"),
                       meta->format);
}

std::optional<Status> Service::CheckAdmin(const HttpRequest& req) const {
  if (options_.admin_token.empty())
    return Status(v1::FAILED_PRECONDITION,
                  "admin endpoints are disabled on this server; start it with --admin-token TOKEN (or the "
                  "CAREERGRAPH_ADMIN_TOKEN environment variable) to enable them");
  std::string_view auth = req.authorization;
  constexpr std::string_view kScheme = "bearer ";
  if (auth.size() < kScheme.size() || ToLower(auth.substr(0, kScheme.size())) != kScheme)
    return Status(v1::UNAUTHENTICATED, "this endpoint needs the header 'Authorization: Bearer TOKEN' with the "
                                       "server's admin token")
        .WithField("Authorization");
  if (!SecretEquals(auth.substr(kScheme.size()), options_.admin_token))
    return Status(v1::UNAUTHENTICATED, "the admin token in the Authorization header is wrong").WithField("Authorization");
  return std::nullopt;
}

bool Service::OriginAllowed(std::string_view origin) const {
  for (const auto& o : options_.cors_origins)
    if (o == "*" || o == origin) return true;
  return false;
}

HttpResponse Service::Preflight(const HttpRequest& req, std::string_view allow) const {
  HttpResponse r;
  r.status = 204;
  r.headers.emplace_back("Allow", std::string(allow));
  if (!req.origin.empty() && OriginAllowed(req.origin)) {
    r.headers.emplace_back("Access-Control-Allow-Methods", std::string(allow));
    r.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization");
    r.headers.emplace_back("Access-Control-Max-Age", "600");
  }
  return r;
}

HttpResponse Service::Health(WireFormat format) const {
  v1::Health h;
  const bool draining = draining_.load();
  h.set_status(draining ? "draining" : "ok");
  if (SnapshotPtr snap = graphs_->Current()) {
    h.set_graph_version(snap->version());
    h.set_generation(snap->generation);
  }
  h.set_uptime_seconds(std::chrono::duration<double>(Clock::now() - started_).count());
  HttpResponse r;
  // A draining server tells load balancers to send new work elsewhere.
  r.status = draining ? 503 : 200;
  r.content_type = std::string(ContentType(format));
  r.body = Serialize(h, format);
  return r;
}

void Service::Complete(const Meta& meta, HttpResponse* r, Clock::time_point start) {
  if (!meta.origin.empty() && OriginAllowed(meta.origin)) {
    const bool any = std::find(options_.cors_origins.begin(), options_.cors_origins.end(), "*") !=
                     options_.cors_origins.end();
    r->headers.emplace_back("Access-Control-Allow-Origin", any ? "*" : meta.origin);
    if (!any) r->headers.emplace_back("Vary", "Origin");
    r->headers.emplace_back("Access-Control-Expose-Headers", "X-Graph-Version");
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  metrics_.Record(meta.endpoint, r->status, seconds);
  if (options_.log_requests && options_.log) Log(meta, *r, seconds);
}

void Service::Log(const Meta& meta, const HttpResponse& r, double seconds) {
  std::string line = FormatTime(std::chrono::system_clock::now());
  line += ' ';
  line += meta.peer.empty() ? "-" : meta.peer;
  line += ' ';
  line += meta.method;
  line += ' ';
  line += meta.target.size() > 512 ? meta.target.substr(0, 512) + "..." : meta.target;
  char buf[96];
  std::snprintf(buf, sizeof buf, " %d %.3fms %zuB", r.status, seconds * 1e3, r.body.size());
  line += buf;
  if (!meta.graph_version.empty()) line += " graph=" + meta.graph_version;
  line += '\n';
  // One fwrite per line: stdio locks the stream, so concurrent lines never interleave.
  std::fwrite(line.data(), 1, line.size(), options_.log);
}

std::string Service::RenderMetrics() const {
  std::string out;
  metrics_.Render(&out);
  out += "# HELP careergraph_cancelled_queries_total Queries stopped at their deadline or by a shutdown.\n"
         "# TYPE careergraph_cancelled_queries_total counter\ncareergraph_cancelled_queries_total " +
         std::to_string(cancelled()) + "\n";
  auto gauge = [&out](const char* name, const char* help, const char* type, const std::string& value,
                      const std::string& labels = "") {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name +
           (labels.empty() ? "" : "{" + labels + "}") + " " + value + "\n";
  };
  if (SnapshotPtr snap = graphs_->Current()) {
    const auto& md = snap->graph->metadata();
    gauge("careergraph_graph_info", "The graph being served (always 1; the labels carry the facts).", "gauge", "1",
          "name=\"" + LabelValue(md.name()) + "\",version=\"" + LabelValue(md.version()) + "\",source=\"" +
              LabelValue(snap->source) + "\"");
    gauge("careergraph_graph_generation", "1 for the graph loaded at start, +1 per successful reload.", "gauge",
          std::to_string(snap->generation));
    gauge("careergraph_graph_positions", "Positions in the graph being served.", "gauge",
          std::to_string(snap->graph->num_positions()));
    gauge("careergraph_graph_transitions", "Transitions in the graph being served.", "gauge",
          std::to_string(snap->graph->num_transitions()));
    char ts[32];
    std::snprintf(ts, sizeof ts, "%.3f",
                  std::chrono::duration<double>(snap->loaded_at.time_since_epoch()).count());
    gauge("careergraph_graph_loaded_timestamp_seconds", "When the graph being served was loaded (Unix time).",
          "gauge", ts);
    // Tables exist only on graphs large enough for goal-directed search; a smaller one is ready
    // as it is.
    const bool too_small = snap->graph->num_positions() < options_.limits.route.landmark_min_positions;
    const bool tables_ready = too_small || snap->graph->landmarks_built();
    gauge("careergraph_graph_landmarks_ready",
          "1 once the graph's landmark tables are built (after a start or reload, in the background; constrained "
          "routes, alternatives and trade-offs search without them until then), or when the graph is too small "
          "to use them.",
          "gauge", tables_ready ? "1" : "0");
    // A graph too small for tables has no blocks worth promoting either.
    gauge("careergraph_graph_huge_pages_ready",
          "1 once the graph's and its tables' large arrays have been moved to huge pages (in the background, "
          "after the tables; loads use small pages, which cost less to make on a VM that hands free memory back "
          "to its host; searches are a few percent faster after), or when the graph is too small to have any.",
          "gauge", too_small || graphs_->InHugePages(snap->graph.get()) ? "1" : "0");
    gauge("careergraph_graph_best_fit_tables",
          "Best-fit weightings with landmark tables of their own (built in the background for the weightings "
          "requests ask for most; engine/best_fit_tables.h).",
          "gauge", std::to_string(snap->graph->best_fit_tables().size()));
  }
  out += "# HELP careergraph_graph_reloads_total Reload attempts, by result.\n"
         "# TYPE careergraph_graph_reloads_total counter\n";
  out += "careergraph_graph_reloads_total{result=\"ok\"} " + std::to_string(graphs_->reloads_ok()) + "\n";
  out += "careergraph_graph_reloads_total{result=\"error\"} " + std::to_string(graphs_->reloads_failed()) + "\n";
  if (gauges_) {
    const LoadGauges g = gauges_();
    gauge("careergraph_workers", "Worker threads answering queries.", "gauge", std::to_string(g.workers));
    gauge("careergraph_queue_capacity", "Requests that may wait for a worker before new ones get 503.", "gauge",
          std::to_string(g.queue_capacity));
    gauge("careergraph_requests_running", "Requests being answered by a worker now.", "gauge",
          std::to_string(g.running));
    gauge("careergraph_requests_queued", "Requests waiting for a worker now.", "gauge", std::to_string(g.queued));
    gauge("careergraph_connections", "Open client connections.", "gauge", std::to_string(g.connections));
  }
  char up[32];
  std::snprintf(up, sizeof up, "%.3f", std::chrono::duration<double>(Clock::now() - started_).count());
  gauge("careergraph_uptime_seconds", "Seconds since the server started.", "gauge", up);
  return out;
}

}  // namespace careergraph::server
