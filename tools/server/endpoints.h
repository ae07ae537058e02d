// The endpoint registry: how an engine query becomes an HTTP endpoint in one line.
//
//   Register<v1::RouteRequest, v1::RouteResponse>(registry, "/v1/route", &FindRoute);
//
// Everything else is generic (service.h): the body is parsed as JSON or binary protobuf by
// Content-Type (GET endpoints read the query string instead), the function runs on the
// graph snapshot current when the request started, the answer is serialised as the Accept
// header asks, and a failed Status becomes a careergraph.v1.Error with the HTTP status from
// the error registry (engine/errors.h).
//
// The function may be any of
//   StatusOr<Resp> F(const CareerGraph&, const Req&)
//   StatusOr<Resp> F(const CareerGraph&, const Req&, const Limits&)   (a function pointer;
//        Limits is value-initialised, then ApplyLimits(ctx, &limits) sets the server's
//        configured limits where an overload for that Limits type exists)
//   StatusOr<Resp> F(const CallContext&, const Req&)                  (service endpoints that
//        need more than the graph: its load time, the reload machinery)
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>

#include "engine/career_graph.h"
#include "engine/limits.h"
#include "engine/status.h"
#include "tools/server/graph_holder.h"

namespace careergraph::server {

// What an endpoint function sees besides its request.
struct CallContext {
  const GraphSnapshot& snapshot;
  const Limits& limits;  // the server's one limits configuration (engine/limits.h)
  std::chrono::steady_clock::time_point deadline;
  GraphHolder* graphs = nullptr;  // the reload machinery (admin endpoints)

  const CareerGraph& graph() const { return *snapshot.graph; }
};

enum class Method { kGet, kPost };

struct EndpointOptions {
  Method method = Method::kPost;
  bool admin = false;           // requires the admin token (Authorization: Bearer TOKEN)
  bool run_inline = false;      // cheap: answered on the I/O thread, never queued or refused
  bool empty_body_ok = false;   // an empty POST body is the empty request message
  bool no_deadline = false;     // runs to completion (reloading a large graph outlasts a query)
  bool background = false;      // long admin work: runs on the transport's admin thread, never
                                // taking a query worker for its seconds (a reload)
};

// Another form of an endpoint's answer, chosen by the Accept header: the compare chart as
// image/svg+xml. Errors stay careergraph.v1.Error in JSON or protobuf. Only an endpoint that
// has renderings looks at Accept for them, so the others pay nothing.
struct Rendering {
  std::string media_type;  // "image/svg+xml"
  std::function<std::string(const CallContext&, const google::protobuf::Message& response)> render;
};

struct Endpoint {
  using Call = std::function<StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const CallContext&, const google::protobuf::Message&)>;

  std::string path;
  EndpointOptions options;
  const google::protobuf::Descriptor* request_type = nullptr;
  const google::protobuf::Descriptor* response_type = nullptr;
  std::function<std::unique_ptr<google::protobuf::Message>()> new_request;
  Call call;
  std::vector<Rendering> renderings;
};

class EndpointRegistry {
 public:
  void Add(Endpoint e);  // a path registered again replaces the earlier one
  // Adds a rendering to the endpoint at `path` (which must be registered).
  void AddRendering(std::string_view path, Rendering r);
  const Endpoint* Find(std::string_view path) const;
  const std::vector<Endpoint>& endpoints() const { return endpoints_; }

 private:
  std::vector<Endpoint> endpoints_;
};

// The server's configured limits for engine limit structs that have them; any other limits
// type keeps the engine's defaults.
void ApplyLimits(const CallContext& ctx, RouteLimits* limits);
void ApplyLimits(const CallContext& ctx, TradeoffsLimits* limits);
void ApplyLimits(const CallContext& ctx, MatrixLimits* limits);
namespace internal {

template <typename Resp, typename Req, typename L>
StatusOr<Resp> Invoke(StatusOr<Resp> (*fn)(const CareerGraph&, const Req&, const L&), const CallContext& ctx,
                      const Req& req) {
  return fn(ctx.graph(), req, ctx.limits.Of<L>());
}

template <typename Resp, typename Req, typename F>
StatusOr<Resp> Invoke(const F& fn, const CallContext& ctx, const Req& req) {
  if constexpr (std::is_invocable_v<const F&, const CallContext&, const Req&>) {
    return fn(ctx, req);
  } else {
    static_assert(std::is_invocable_v<const F&, const CareerGraph&, const Req&>,
                  "an endpoint function takes (const CareerGraph&, const Req&[, const Limits&]) or "
                  "(const CallContext&, const Req&) and returns StatusOr<Resp>");
    return fn(ctx.graph(), req);
  }
}

}  // namespace internal

template <typename Req, typename Resp, typename F>
void Register(EndpointRegistry& registry, std::string path, F fn, EndpointOptions options = {}) {
  static_assert(std::is_base_of_v<google::protobuf::Message, Req> && std::is_base_of_v<google::protobuf::Message, Resp>,
                "requests and responses are protobuf messages");
  Endpoint e;
  e.path = std::move(path);
  e.options = options;
  e.request_type = Req::descriptor();
  e.response_type = Resp::descriptor();
  e.new_request = [] { return std::make_unique<Req>(); };
  e.call = [fn](const CallContext& ctx,
                const google::protobuf::Message& m) -> StatusOr<std::unique_ptr<google::protobuf::Message>> {
    StatusOr<Resp> out = internal::Invoke<Resp>(fn, ctx, static_cast<const Req&>(m));
    if (!out.ok()) return out.status();
    return std::unique_ptr<google::protobuf::Message>(std::make_unique<Resp>(std::move(out).value()));
  };
  registry.Add(std::move(e));
}

// GET endpoint whose request message comes from the query string.
template <typename Req, typename Resp, typename F>
void RegisterGet(EndpointRegistry& registry, std::string path, F fn, EndpointOptions options = {}) {
  options.method = Method::kGet;
  Register<Req, Resp>(registry, std::move(path), std::move(fn), options);
}

// The engine's queries: POST /v1/route, ... (endpoints.cc).
void RegisterQueryEndpoints(EndpointRegistry& registry);
// The service's own: GET /v1/positions, GET /v1/graph, POST /v1/admin/reload
// (service_endpoints.cc).
void RegisterServiceEndpoints(EndpointRegistry& registry);
// Answers drawn for people: the compare chart as SVG (render_endpoints.cc).
void RegisterRenderings(EndpointRegistry& registry);
// All of them.
EndpointRegistry DefaultEndpoints();

}  // namespace careergraph::server
