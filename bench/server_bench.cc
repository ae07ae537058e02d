// Route queries as direct library calls: the baseline the HTTP load test
// (bench/server_load.sh) is set beside, so the difference is the server's overhead.
//
//   BM_ServerDirectRoute/<graph>       FindRoute on request messages already built
//   BM_ServerDirectRouteJson/<graph>   what a server worker does for a JSON request minus HTTP:
//                                      parse the body, FindRoute, print the answer as JSON, with
//                                      the server's codec (tools/server/codec.h)
//
// <graph> is "default" (the embedded ladder) and, when CAREERGRAPH_BENCH_GRAPH names a
// ladder, "graph" (that ladder). The queries are JSON RouteRequest bodies, one per line,
// from CAREERGRAPH_BENCH_DEFAULT_QUERIES / CAREERGRAPH_BENCH_GRAPH_QUERIES (the files
// server_load.sh gives wrk); without them the default ladder runs one built-in query, so a
// smoke run needs no setup. Every query is answered once before timing; one that fails
// fails the benchmark instead of timing an error path.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "engine/route.h"
#include "io/graph_source.h"
#include "tools/server/codec.h"

namespace careergraph::bench {
namespace {

struct Workload {
  GraphPtr graph;
  std::vector<std::string> bodies;
  std::vector<v1::RouteRequest> requests;
  std::string error;
};

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

Workload Load(const std::string& spec, const std::string& queries_path) {
  Workload w;
  auto g = io::OpenGraph(spec);
  if (!g.ok()) {
    w.error = g.status().ToString();
    return w;
  }
  w.graph = *g;
  if (queries_path.empty()) {
    w.bodies.push_back(R"({"from":"swe-l3","to":"pm-l5"})");
  } else {
    std::ifstream in(queries_path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) w.bodies.push_back(line);
    if (w.bodies.empty()) w.error = "no queries in " + queries_path;
  }
  for (const auto& body : w.bodies) {
    v1::RouteRequest req;
    if (!google::protobuf::util::JsonStringToMessage(body, &req).ok()) {
      w.error = "bad query: " + body;
      return w;
    }
    if (auto r = FindRoute(*w.graph, req); !r.ok()) {
      w.error = "query " + body + " fails: " + r.status().ToString();
      return w;
    }
    w.requests.push_back(std::move(req));
  }
  return w;
}

const Workload& DefaultWorkload() {
  static const Workload w = Load("default", Env("CAREERGRAPH_BENCH_DEFAULT_QUERIES"));
  return w;
}

const Workload& GraphWorkload() {
  static const Workload w = Load(Env("CAREERGRAPH_BENCH_GRAPH"), Env("CAREERGRAPH_BENCH_GRAPH_QUERIES"));
  return w;
}

void DirectRoute(benchmark::State& state, const Workload& (*workload)()) {
  const Workload& w = workload();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = FindRoute(*w.graph, w.requests[i++ % w.requests.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.counters["qps"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void DirectRouteJson(benchmark::State& state, const Workload& (*workload)()) {
  const Workload& w = workload();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  std::size_t i = 0;
  for (auto _ : state) {
    v1::RouteRequest req;
    (void)server::ParseBody(w.bodies[i++ % w.bodies.size()], server::WireFormat::kJson, &req);
    auto r = FindRoute(*w.graph, req);
    std::string out = server::Serialize(*r, server::WireFormat::kJson);
    benchmark::DoNotOptimize(out);
  }
  state.counters["qps"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

const bool kRegistered = [] {
  benchmark::RegisterBenchmark("BM_ServerDirectRoute/default", DirectRoute, &DefaultWorkload);
  benchmark::RegisterBenchmark("BM_ServerDirectRouteJson/default", DirectRouteJson, &DefaultWorkload);
  if (!Env("CAREERGRAPH_BENCH_GRAPH").empty()) {
    benchmark::RegisterBenchmark("BM_ServerDirectRoute/graph", DirectRoute, &GraphWorkload);
    benchmark::RegisterBenchmark("BM_ServerDirectRouteJson/graph", DirectRouteJson, &GraphWorkload);
  }
  return true;
}();

}  // namespace
}  // namespace careergraph::bench
