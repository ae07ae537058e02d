// careergraph serve: the engine over HTTP for dashboards and services (tools/server/).
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "tools/cli/command.h"
#include "tools/cli/route_options.h"
#include "tools/server/server.h"

namespace careergraph::cli {
namespace {

RunFn SetupServe(CLI::App& sub) {
  struct State {
    GraphOption graph;
    server::ServerOptions opts;
    long long deadline_ms = 10'000;
    bool quiet = false;
  };
  auto st = std::make_shared<State>();
  auto& t = st->opts.transport;
  auto& s = st->opts.service;
  AddGraphOption(sub, &st->graph);
  sub.add_option("--port,-p", t.port, "TCP port (0 = any free port; the one chosen is printed)")->check(CLI::Range(0LL, 65535LL))
      ->capture_default_str();
  sub.add_option("--host", t.host, "Address to listen on (127.0.0.1 = this machine only; 0.0.0.0 = every interface)")
      ->capture_default_str();
  sub.add_option("--threads", t.threads, "Worker threads answering queries (0 = one per core)")->check(CLI::Range(0LL, 1024LL))
      ->capture_default_str();
  sub.add_option("--io-threads", t.io_threads, "Threads reading and writing connections")->check(CLI::Range(1LL, 256LL))
      ->capture_default_str();
  sub.add_option("--queue", t.queue, "Requests that may wait for a worker; beyond that the server answers 503")
      ->check(CLI::Range(0LL, 1000000LL))
      ->capture_default_str();
  sub.add_option("--max-body", t.max_body, "Largest request body in bytes (larger: 413)")->check(CLI::Range(1LL, 1073741824LL))
      ->capture_default_str();
  sub.add_option("--deadline-ms", st->deadline_ms, "Per-request deadline in milliseconds (past it: 504)")
      ->check(CLI::Range(1LL, 3'600'000LL))
      ->capture_default_str();
  sub.add_option("--admin-token", s.admin_token,
                 "Enables POST /v1/admin/reload for clients sending 'Authorization: Bearer TOKEN' (prefer the "
                 "environment variable: command lines are visible to other users)")
      ->envname("CAREERGRAPH_ADMIN_TOKEN");
  sub.add_option("--reload-dir", st->opts.reload_dir,
                 "Directory POST /v1/admin/reload may load other snapshots from (default: only the --graph "
                 "itself)")
      ->check(CLI::ExistingDirectory);
  sub.add_option("--cors-origin", s.cors_origins,
                 "Browser origin allowed to call the API, e.g. https://dash.example.com ('*' = any; repeat for more)")
      ->delimiter(',');
  sub.add_option("--max-alternatives", s.limits.route.max_alternatives, "Most alternatives a route request may ask for")
      ->check(CLI::Range(1LL, 100000LL))
      ->capture_default_str();
  sub.add_option("--max-front", s.limits.tradeoffs.max_front, "Most trade-off front routes a request may ask for")
      ->check(CLI::Range(1LL, 1000000LL))
      ->capture_default_str();
  sub.add_option("--max-matrix-cells", s.limits.matrix.max_cells, "Most origin x destination cells one matrix request may ask for")
      ->check(CLI::Range(1LL, 100000000LL))
      ->capture_default_str();
  sub.add_option("--max-positions", s.limits.positions.max_limit, "Most positions one /v1/positions call returns")
      ->check(CLI::Range(1LL, 10000000LL))
      ->capture_default_str();
  sub.add_flag("--quiet,-q", st->quiet, "Do not log one line per request to stderr");
  sub.footer(
      "Endpoints: POST /v1/route, /v1/tradeoffs, /v1/plan, /v1/reach, /v1/next, /v1/compare, /v1/matrix take\n"
      "the request message (careergraph.v1.RouteRequest, ...) as JSON\n"
      "(protobuf JSON mapping) or binary protobuf (Content-Type: application/x-protobuf) and answer in the\n"
      "format Accept asks for (JSON by default). GET /v1/positions?search=TEXT&limit=N, GET /v1/graph,\n"
      "GET /healthz, GET /metrics (Prometheus). POST /v1/admin/reload {\"graph\": PATH} with the admin token\n"
      "reloads --graph, or PATH inside --reload-dir.\n"
      "Errors are careergraph.v1.Error with the HTTP status of the error code (400, 404, 413, 422, 503, ...).\n"
      "Signals: SIGHUP reloads the graph (a bad one is refused, the old one keeps serving); SIGTERM or SIGINT\n"
      "stops accepting, finishes the requests in progress and exits.\n"
      "Example: careergraph serve --graph ladder.pb --port 8080 &\n"
      "         curl -s localhost:8080/v1/route -H 'Content-Type: application/json' \\\n"
      "              -d '{\"from\": \"Software Engineer\", \"to\": \"Senior Product Manager\"}'");
  return [st]() -> int {
    st->opts.graph = st->graph.graph;
    st->opts.transport.deadline = std::chrono::milliseconds(st->deadline_ms);
    st->opts.service.log_requests = !st->quiet;
    // Signals are taken synchronously by this thread (sigwait); every server thread is
    // started after the mask is set and inherits it, so none of them is interrupted.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    auto started = server::Server::Start(st->opts);
    if (!started.ok()) return ReportError(started.status());
    server::Server& srv = **started;
    {
      const auto snap = srv.graphs().Current();
      const auto& md = snap->graph->metadata();
      std::fprintf(stderr,
                   "careergraph: serving '%s' version %s (%u positions, %u transitions) from %s on http://%s:%u\n",
                   md.name().c_str(), md.version().c_str(), snap->graph->num_positions(),
                   snap->graph->num_transitions(), snap->source.c_str(), st->opts.transport.host.c_str(),
                   static_cast<unsigned>(srv.port()));
      std::fflush(stderr);
    }
    for (;;) {
      int sig = 0;
      if (sigwait(&signals, &sig) != 0) continue;
      if (sig == SIGHUP) {
        auto r = srv.Reload();
        if (r.ok())
          std::fprintf(stderr, "careergraph: reloaded '%s': version %s -> %s (%u positions)\n",
                       r->current().source().c_str(), r->previous().version().c_str(), r->current().version().c_str(),
                       r->current().positions());
        else
          std::fprintf(stderr, "careergraph: reload failed: %s\n", r.status().ToString().c_str());
        std::fflush(stderr);
        continue;
      }
      std::fprintf(stderr, "careergraph: stopping: finishing the requests in progress\n");
      std::fflush(stderr);
      srv.Stop();
      std::fprintf(stderr, "careergraph: stopped\n");
      return 0;
    }
  };
}

const bool kServeRegistered = RegisterCommand({"serve", "Serve the engine over HTTP (JSON and protobuf) for dashboards and services", 80, SetupServe});

}  // namespace
}  // namespace careergraph::cli
