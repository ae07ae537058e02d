// Plans and exploration against the floor: one plain Dijkstra (ForwardSearch in years, no
// target) over the same graph from the same start, measured in the same run.
//
//   BM_PlanDijkstra     the floor: full single-source Dijkstra in years
//   BM_PlanEarnings     plan --goal earnings, 10-year horizon, 0.25-year steps (40 steps)
//                       target: <= 40x the floor in time, <= 2x the graph's MemoryBytes()
//   BM_PlanExpected     plan --goal expected, same horizon (for reference)
//   BM_Reach            reach --within-years 5 (and 10): target <= 1.5x the floor
//   BM_ReachBestProb    reach --within-years 5 --best-probability (label search, reference)
//   BM_Next             next (5-year lookahead after each move): target <= 1.5x the floor
//   BM_Compare          compare --tracks swe,pm, 10 years (reference)
//   BM_Matrix           matrix 10 x 10 fastest (reference)
//
// Every benchmark reports x_dijkstra = its mean time per query / the floor's, with the floor
// measured once per graph just before (minimum of 5 runs), so the ratio is read from one
// process on one machine. Both sides are thread CPU time, so other processes competing for
// the cores do not skew the ratio. Plans also report work_bytes (the solver's allocations) and
// x_graph_memory = work_bytes / CareerGraph::MemoryBytes(). Graphs: bench/synthetic.h
// presets, "1k" and "100k"; the start is company 0, SWE level 5.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "bench/synthetic.h"
#include "engine/compare.h"
#include "engine/matrix.h"
#include "engine/next_moves.h"
#include "engine/plan.h"
#include "engine/reach.h"
#include "engine/search.h"

namespace careergraph::bench {
namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Fixture {
  GraphPtr g;
  Vertex source = 0;
  double dijkstra_seconds = 0;
  std::string error;
};

double DijkstraOnce(const CareerGraph& g, Vertex s, SearchSpace& ws) {
  const double t0 = CpuSeconds();
  ForwardSearch(g, s, kNoVertex, [&](EdgeId e) { return g.years(e); }, AllowAll{}, NoPotential{}, ws);
  return CpuSeconds() - t0;
}

const Fixture& GetFixture(const std::string& size) {
  static std::map<std::string, std::unique_ptr<Fixture>> cache;
  auto& f = cache[size];
  if (f) return *f;
  f = std::make_unique<Fixture>();
  auto g = CareerGraph::Build(SyntheticLadder(size == "1k" ? SyntheticOptions::Small() : SyntheticOptions::Medium()));
  if (!g.ok()) {
    f->error = g.status().ToString();
    return *f;
  }
  f->g = *g;
  f->source = SyntheticPosition(0, 0, 5);
  SearchSpace ws;
  double best = 1e30;
  for (int i = 0; i < 5; ++i) best = std::min(best, DijkstraOnce(*f->g, f->source, ws));
  f->dijkstra_seconds = best;
  return *f;
}

bool Ready(benchmark::State& state, const Fixture& f) {
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return false;
  }
  state.counters["positions"] = f.g->num_positions();
  state.counters["transitions"] = f.g->num_transitions();
  return true;
}

// Runs `query` in the benchmark loop and reports its mean time against the floor's.
template <typename Query>
void Timed(benchmark::State& state, const Fixture& f, Query&& query) {
  std::int64_t n = 0;
  const double t0 = CpuSeconds();
  AsServed();
  for (auto _ : state) {
    query();
    ++n;
  }
  const double per = (CpuSeconds() - t0) / static_cast<double>(std::max<std::int64_t>(n, 1));
  state.counters["x_dijkstra"] = per / f.dijkstra_seconds;
  state.counters["dijkstra_ms"] = f.dijkstra_seconds * 1e3;
}

void BM_PlanDijkstra(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  SearchSpace ws;
  std::uint64_t settled = 0;
  Timed(state, f, [&] {
    settled = ForwardSearch(*f.g, f.source, kNoVertex, [&](EdgeId e) { return f.g->years(e); }, AllowAll{},
                            NoPotential{}, ws);
    benchmark::DoNotOptimize(settled);
  });
  state.counters["settled"] = static_cast<double>(settled);
}

void Plan(benchmark::State& state, const std::string& size, v1::PlanGoal goal) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  v1::PlanRequest req;
  req.set_from(f.g->position(f.source).id());
  req.set_horizon_years(10);
  req.set_step_years(0.25);
  req.set_goal(goal);
  auto first = MakePlan(*f.g, req);
  if (!first.ok()) {
    state.SkipWithError(first.status().ToString().c_str());
    return;
  }
  Timed(state, f, [&] {
    auto r = MakePlan(*f.g, req);
    benchmark::DoNotOptimize(r);
  });
  const double graph = static_cast<double>(f.g->MemoryBytes());
  state.counters["states"] = static_cast<double>(first->states());
  state.counters["work_MB"] = static_cast<double>(first->work_bytes()) / 1e6;
  state.counters["graph_MB"] = graph / 1e6;
  state.counters["x_graph_memory"] = static_cast<double>(first->work_bytes()) / graph;
  state.counters["earnings"] =
      goal == v1::PLAN_GOAL_EARNINGS ? first->earnings().total_earnings() : first->expected().expected_earnings();
}

void BM_PlanEarnings(benchmark::State& state, const std::string& size) { Plan(state, size, v1::PLAN_GOAL_EARNINGS); }
void BM_PlanExpected(benchmark::State& state, const std::string& size) { Plan(state, size, v1::PLAN_GOAL_EXPECTED); }

void Reach(benchmark::State& state, const std::string& size, double years, bool best_probability) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  v1::ReachRequest req;
  req.set_from(f.g->position(f.source).id());
  req.set_within_years(years);
  req.set_best_probability(best_probability);
  req.set_limit(1000);
  auto first = FindReach(*f.g, req);
  if (!first.ok()) {
    state.SkipWithError(first.status().ToString().c_str());
    return;
  }
  Timed(state, f, [&] {
    auto r = FindReach(*f.g, req);
    benchmark::DoNotOptimize(r);
  });
  state.counters["reachable"] = first->reachable();
  state.counters["settled"] = static_cast<double>(first->settled());
}

void BM_Reach5(benchmark::State& state, const std::string& size) { Reach(state, size, 5, false); }
void BM_Reach10(benchmark::State& state, const std::string& size) { Reach(state, size, 10, false); }
void BM_ReachBestProb5(benchmark::State& state, const std::string& size) { Reach(state, size, 5, true); }

void BM_Next(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  v1::NextRequest req;
  req.set_from(f.g->position(f.source).id());
  auto first = FindNextMoves(*f.g, req);
  if (!first.ok()) {
    state.SkipWithError(first.status().ToString().c_str());
    return;
  }
  Timed(state, f, [&] {
    auto r = FindNextMoves(*f.g, req);
    benchmark::DoNotOptimize(r);
  });
  state.counters["moves"] = first->moves_total();
  state.counters["settled"] = static_cast<double>(first->settled());
}

void BM_Compare(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  v1::CompareRequest req;
  req.set_from(f.g->position(f.source).id());
  req.add_tracks("swe");
  req.add_tracks("pm");
  req.set_horizon_years(10);
  auto first = CompareOptions(*f.g, req);
  if (!first.ok()) {
    state.SkipWithError(first.status().ToString().c_str());
    return;
  }
  Timed(state, f, [&] {
    auto r = CompareOptions(*f.g, req);
    benchmark::DoNotOptimize(r);
  });
}

void BM_Matrix(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  v1::MatrixRequest req;
  const std::uint32_t companies = f.g->num_positions() / (kSyntheticTracks * kSyntheticLevels);
  for (std::uint32_t i = 0; i < 10; ++i) {
    req.add_from(SyntheticPositionId(i * companies / 10, 0, 3));
    req.add_to(SyntheticPositionId((i * companies / 10 + companies / 2) % companies, 2, 8));
  }
  auto first = ComputeMatrix(*f.g, req);
  if (!first.ok()) {
    state.SkipWithError(first.status().ToString().c_str());
    return;
  }
  Timed(state, f, [&] {
    auto r = ComputeMatrix(*f.g, req);
    benchmark::DoNotOptimize(r);
  });
  state.counters["reachable_cells"] = first->reachable_cells();
  state.counters["settled"] = static_cast<double>(first->settled());
}

#define CAREERGRAPH_PLAN_BENCH(fn, size) \
  BENCHMARK_CAPTURE(fn, size, std::string(#size))->Unit(benchmark::kMillisecond)

CAREERGRAPH_PLAN_BENCH(BM_PlanDijkstra, 1k);
CAREERGRAPH_PLAN_BENCH(BM_PlanEarnings, 1k);
CAREERGRAPH_PLAN_BENCH(BM_PlanExpected, 1k);
CAREERGRAPH_PLAN_BENCH(BM_Reach5, 1k);
CAREERGRAPH_PLAN_BENCH(BM_Next, 1k);
CAREERGRAPH_PLAN_BENCH(BM_Compare, 1k);
CAREERGRAPH_PLAN_BENCH(BM_Matrix, 1k);
CAREERGRAPH_PLAN_BENCH(BM_PlanDijkstra, 100k);
CAREERGRAPH_PLAN_BENCH(BM_PlanEarnings, 100k);
CAREERGRAPH_PLAN_BENCH(BM_PlanExpected, 100k);
CAREERGRAPH_PLAN_BENCH(BM_Reach5, 100k);
CAREERGRAPH_PLAN_BENCH(BM_Reach10, 100k);
CAREERGRAPH_PLAN_BENCH(BM_ReachBestProb5, 100k);
CAREERGRAPH_PLAN_BENCH(BM_Next, 100k);
CAREERGRAPH_PLAN_BENCH(BM_Compare, 100k);
CAREERGRAPH_PLAN_BENCH(BM_Matrix, 100k);

}  // namespace
}  // namespace careergraph::bench
