// careergraph/careergraph.h: the one header an embedder needs.
//
//   #include <careergraph/careergraph.h>
//
//   auto engine = careergraph::Engine::Open("default");   // or "onet", a path, a v1::Graph
//   if (!engine) return Fail(engine.error());
//   careergraph::v1::RouteRequest req;
//   req.set_from("Staff Software Engineer");
//   req.set_to("Director of Product");
//   auto route = engine->Route(req);                      // Result<v1::RouteResponse>
//   if (!route) return Fail(route.error());               // v1::Error: code, message, field
//
// Design choices:
//  - One method per query, request message in, response message or v1::Error out (OSRM's
//    osrm/osrm.hpp, LevelDB's include/leveldb/db.h). Each calls the same engine entry point
//    the CLI and the HTTP server call (FindRoute, FindReach, ...), so it gets the same
//    normalisation, defaults, limits and error messages; the error codes are the registry's
//    (the CLI's exit code and the server's HTTP status are looked up from the same code).
//  - The graph is immutable and held by shared pointer. A query takes the current graph when
//    it starts and keeps it to the end, so any number of threads may query one Engine at once,
//    and Reload / Swap replace the graph under them: queries in flight finish on the graph
//    they started with, later ones see the new one. A reload that fails keeps the old graph.
//    This is the HTTP server's graph holder; the Engine uses it unchanged.
//  - A large graph's landmark tables are built when it is opened (as the server does), so
//    the first route is as fast as the rest; a best-fit weighting asked for often gets
//    tables of its own the same way, in the background (engine/best_fit_tables.h). The
//    graph loads in small memory pages and is moved to huge pages in the background once
//    its tables are built (engine/huge_pages.h).
//  - Only the generated careergraph/v1/*.pb.h and std are included: everything else (Boost,
//    the engine's own headers) is private to the library.
#pragma once

#include <memory>
#include <string>

#include "careergraph/result.h"
#include "careergraph/v1/compare.pb.h"
#include "careergraph/v1/error.pb.h"
#include "careergraph/v1/gap.pb.h"
#include "careergraph/v1/graph.pb.h"
#include "careergraph/v1/matrix.pb.h"
#include "careergraph/v1/next.pb.h"
#include "careergraph/v1/plan.pb.h"
#include "careergraph/v1/reach.pb.h"
#include "careergraph/v1/report.pb.h"
#include "careergraph/v1/route.pb.h"
#include "careergraph/v1/service.pb.h"
#include "careergraph/v1/tradeoffs.pb.h"

namespace careergraph {

struct EngineOptions {
  // Threads for Analyze; 0 = one per hardware thread.
  int analysis_threads = 0;
};

class Engine {
 public:
  // A graph source as the CLI's --graph takes it: "" or "default" (the embedded reference
  // ladder), "onet" (the shipped O*NET graph, found under share/careergraph/data beside the
  // installed library, or $CAREERGRAPH_DATA_DIR), or a ladder file or directory in any format
  // `careergraph validate` reads. Fails with the loader's error (NOT_FOUND, INVALID_DATA with
  // file:line, IO_ERROR).
  static Result<Engine> Open(const std::string& source = "default", const EngineOptions& options = {});
  // An in-memory snapshot, checked as a file would be (INVALID_DATA naming the record).
  static Result<Engine> Open(v1::Graph graph, const EngineOptions& options = {});

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  // ---- queries: thread-safe, any number at once ----
  Result<v1::RouteResponse> Route(const v1::RouteRequest& request) const;  // alternatives > 1: K best
  Result<v1::TradeoffsResponse> Tradeoffs(const v1::TradeoffsRequest& request) const;
  Result<v1::PlanResponse> Plan(const v1::PlanRequest& request) const;
  Result<v1::ReachResponse> Reach(const v1::ReachRequest& request) const;
  Result<v1::NextResponse> Next(const v1::NextRequest& request) const;
  Result<v1::CompareResponse> Compare(const v1::CompareRequest& request) const;
  Result<v1::MatrixResponse> Matrix(const v1::MatrixRequest& request) const;
  // What a move (or each move of a route) asks you to learn: the competency gap.
  Result<v1::GapResponse> Gap(const v1::GapRequest& request) const;
  // Positions matching a text, ranked as `careergraph positions --search` and GET /v1/positions.
  Result<v1::PositionsResponse> Positions(const v1::PositionsRequest& request) const;
  // What is loaded: name, version, size, source, load time, generation.
  Result<v1::GraphInfo> Info() const;
  // Batch analysis (`careergraph analyze`): of request.ladders (files or directories) when
  // given, otherwise of the engine's current graph.
  Result<v1::AnalysisReport> Analyze(const v1::AnalyzeRequest& request) const;

  // ---- hot swap: thread-safe with the queries and with each other ----
  // Loads `source` (empty = the current graph's source again) and makes it current.
  Result<v1::ReloadResponse> Reload(const std::string& source = "");
  // Makes an in-memory snapshot current.
  Result<v1::ReloadResponse> Swap(v1::Graph graph);

 private:
  struct State;
  explicit Engine(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// One table of an analysis report as CSV text, the files `careergraph analyze --csv DIR`
// writes: "ladders", "tracks", "track_levels", "positions", "track_switches",
// "level_mapping", "competency_gates", "largest_gaps" or "findings". Empty for an unknown name.
std::string AnalysisTableCsv(const v1::AnalysisReport& report, const std::string& table);

}  // namespace careergraph
