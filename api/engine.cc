// careergraph::Engine (include/careergraph/careergraph.h): each method is one engine entry
// point run on the graph current when the call starts, exactly as the HTTP server's
// endpoints run them (tools/server/endpoints.cc), and the server's GraphHolder for loading,
// reloading and swapping.
#include "careergraph/careergraph.h"

#include <exception>
#include <mutex>
#include <optional>
#include <utility>

#include "engine/analysis.h"
#include "engine/compare.h"
#include "engine/gap.h"
#include "engine/limits.h"
#include "engine/matrix.h"
#include "engine/next_moves.h"
#include "engine/pareto.h"
#include "engine/plan.h"
#include "engine/positions.h"
#include "engine/reach.h"
#include "engine/thread_pool.h"
#include "engine/route.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "io/validate.h"
#include "tools/batch/runner.h"
#include "tools/server/graph_holder.h"

namespace careergraph {
namespace {

// The source a swapped-in snapshot is known by (GraphInfo.source); never a path or a name
// OpenGraph takes, so reloading it cannot pick up a file of that name.
constexpr char kInMemory[] = "<in-memory>";

// An in-memory snapshot checked as the readers check a file (io/validate.h) before
// CareerGraph::Build's own checks.
StatusOr<GraphPtr> BuildSnapshot(v1::Graph graph) {
  io::LoadResult checked;
  io::ValidateGraph(graph, io::SourceMap{}, &checked.findings, io::ValidateOptions{.warnings = false});
  if (Status st = checked.FirstError(); !st.ok()) return st;
  return CareerGraph::Build(std::move(graph));
}

template <typename T>
Result<T> ToResult(StatusOr<T> r) {
  if (!r.ok()) return r.status().ToProto();
  return std::move(r).value();
}

}  // namespace

struct Engine::State {
  explicit State(const EngineOptions& o) : options(o), holder([this](const std::string& spec) { return Load(spec); }) {}

  StatusOr<GraphPtr> Load(const std::string& spec) {
    if (spec != kInMemory) return io::OpenGraph(spec);
    if (!pending)
      return Status(v1::FAILED_PRECONDITION,
                    "an in-memory graph has no source to reload from; pass a source or Swap in a graph")
          .WithField("graph");
    return *pending;
  }

  // The graph a query runs on: taken once, kept to the end of the call.
  server::SnapshotPtr Current() const { return holder.Current(); }

  // Runs `query` on the current graph; an exception from deep inside becomes INTERNAL, as
  // nothing may escape a library call.
  template <typename Resp, typename F>
  Result<Resp> Run(F&& query) const {
    server::SnapshotPtr snap = Current();
    try {
      return ToResult<Resp>(query(*snap));
    } catch (const std::exception& e) {
      return Status::Internal(std::string("query failed: ") + e.what()).ToProto();
    }
  }

  Result<v1::ReloadResponse> Swap(StatusOr<GraphPtr> graph) {
    std::lock_guard<std::mutex> lock(swap_mu);
    pending = std::move(graph);
    auto r = holder.Reload(kInMemory);
    pending.reset();
    return ToResult(std::move(r));
  }

  EngineOptions options;
  Limits limits;  // the engine's defaults (engine/limits.h), as the CLI uses
  std::mutex swap_mu;  // one Swap's graph in `pending` at a time
  std::optional<StatusOr<GraphPtr>> pending;
  server::GraphHolder holder;
};

Engine::Engine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Result<Engine> Engine::Open(const std::string& source, const EngineOptions& options) {
  auto state = std::make_unique<State>(options);
  auto loaded = state->holder.Reload(source.empty() ? "default" : source);
  if (!loaded.ok()) return loaded.status().ToProto();
  return Engine(std::move(state));
}

Result<Engine> Engine::Open(v1::Graph graph, const EngineOptions& options) {
  auto state = std::make_unique<State>(options);
  auto loaded = state->Swap(BuildSnapshot(std::move(graph)));
  if (!loaded.ok()) return loaded.error();
  return Engine(std::move(state));
}

Result<v1::ReloadResponse> Engine::Reload(const std::string& source) { return ToResult(state_->holder.Reload(source)); }

Result<v1::ReloadResponse> Engine::Swap(v1::Graph graph) { return state_->Swap(BuildSnapshot(std::move(graph))); }

Result<v1::RouteResponse> Engine::Route(const v1::RouteRequest& req) const {
  return state_->Run<v1::RouteResponse>([&](const server::GraphSnapshot& s) { return FindRoute(*s.graph, req, state_->limits.route); });
}

Result<v1::TradeoffsResponse> Engine::Tradeoffs(const v1::TradeoffsRequest& req) const {
  return state_->Run<v1::TradeoffsResponse>([&](const server::GraphSnapshot& s) { return FindTradeoffs(*s.graph, req, state_->limits.tradeoffs); });
}

Result<v1::PlanResponse> Engine::Plan(const v1::PlanRequest& req) const {
  return state_->Run<v1::PlanResponse>([&](const server::GraphSnapshot& s) { return MakePlan(*s.graph, req, state_->limits.plan); });
}

Result<v1::ReachResponse> Engine::Reach(const v1::ReachRequest& req) const {
  return state_->Run<v1::ReachResponse>([&](const server::GraphSnapshot& s) { return FindReach(*s.graph, req, state_->limits.reach); });
}

Result<v1::NextResponse> Engine::Next(const v1::NextRequest& req) const {
  return state_->Run<v1::NextResponse>([&](const server::GraphSnapshot& s) { return FindNextMoves(*s.graph, req, state_->limits.next); });
}

Result<v1::CompareResponse> Engine::Compare(const v1::CompareRequest& req) const {
  return state_->Run<v1::CompareResponse>([&](const server::GraphSnapshot& s) { return CompareOptions(*s.graph, req, state_->limits.compare); });
}

Result<v1::MatrixResponse> Engine::Matrix(const v1::MatrixRequest& req) const {
  return state_->Run<v1::MatrixResponse>([&](const server::GraphSnapshot& s) { return ComputeMatrix(*s.graph, req, state_->limits.matrix); });
}

Result<v1::GapResponse> Engine::Gap(const v1::GapRequest& req) const {
  return state_->Run<v1::GapResponse>([&](const server::GraphSnapshot& s) { return FindGap(*s.graph, req, state_->limits.gap); });
}

Result<v1::PositionsResponse> Engine::Positions(const v1::PositionsRequest& req) const {
  return state_->Run<v1::PositionsResponse>([&](const server::GraphSnapshot& s) { return ListPositions(*s.graph, req, state_->limits.positions); });
}

Result<v1::GraphInfo> Engine::Info() const {
  return state_->Run<v1::GraphInfo>([](const server::GraphSnapshot& s) -> StatusOr<v1::GraphInfo> { return s.Info(); });
}

Result<v1::AnalysisReport> Engine::Analyze(const v1::AnalyzeRequest& req) const {
  const int threads = state_->options.analysis_threads;
  if (req.ladders_size() > 0) {
    batch::BatchOptions batch;
    batch.ladders.assign(req.ladders().begin(), req.ladders().end());
    batch.analyze = req.options();
    batch.threads = threads;
    try {
      return ToResult(batch::RunBatch(batch));
    } catch (const std::exception& e) {
      return Status::Internal(std::string("analysis failed: ") + e.what()).ToProto();
    }
  }
  // The current graph: loaded and validated already, so the report's validation is empty.
  return state_->Run<v1::AnalysisReport>([&](const server::GraphSnapshot& s) -> StatusOr<v1::AnalysisReport> {
    auto resolved = ResolveAnalyzeOptions(req.options());
    if (!resolved.ok()) return resolved.status();
    v1::LadderReport ladder = AnalyzeLadder(s.graph, *resolved, ResolveThreads(threads));
    ladder.set_source(s.source);
    v1::AnalysisReport report;
    *report.mutable_options() = *resolved;
    *report.add_ladders() = std::move(ladder);
    CAREERGRAPH_RETURN_IF_ERROR(CompleteReport(&report));
    return report;
  });
}

}  // namespace careergraph
