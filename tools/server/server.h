// Server: the graph holder, the service and the HTTP transport put together, which is what
// `careergraph serve` and the tests run.
//
//   ServerOptions opts;
//   opts.graph = "ladder.pb";
//   opts.transport.port = 0;                  // any free port
//   auto server = Server::Start(opts);        // serving when it returns
//   ... (*server)->port() ...
//   (*server)->Reload();                      // what SIGHUP does
//   (*server)->Stop();                        // what SIGTERM does: graceful
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "careergraph/v1/service.pb.h"
#include "engine/status.h"
#include "tools/server/endpoints.h"
#include "tools/server/graph_holder.h"
#include "tools/server/http_server.h"
#include "tools/server/service.h"

namespace careergraph::server {

struct ServerOptions {
  std::string graph = "default";  // as --graph: "default", "onet" or a path
  // Where POST /v1/admin/reload may read other snapshots from (graph_holder.h); empty = only
  // `graph` itself.
  std::string reload_dir;
  TransportOptions transport;
  ServiceOptions service;
};

class Server {
 public:
  // Loads the graph (refusing to start on a bad one), binds and starts serving.
  static StatusOr<std::unique_ptr<Server>> Start(ServerOptions options, EndpointRegistry endpoints = DefaultEndpoints(),
                                                 GraphHolder::Loader loader = nullptr);
  ~Server();

  std::uint16_t port() const { return http_->port(); }
  // Loads `spec` (empty = the current source) and swaps it in; the old graph keeps serving
  // when it fails.
  StatusOr<v1::ReloadResponse> Reload(const std::string& spec = "") { return graphs_->Reload(spec); }
  void Stop() { http_->Stop(); }

  Service& service() { return *service_; }
  GraphHolder& graphs() { return *graphs_; }
  HttpServer& http() { return *http_; }

 private:
  Server() = default;
  std::shared_ptr<GraphHolder> graphs_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> http_;  // last: stopped and destroyed first
};

}  // namespace careergraph::server
