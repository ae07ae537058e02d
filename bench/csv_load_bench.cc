// Loading a directory of TSV tables in process, as `--graph DIR` does: the fast reader
// (io/csv_snapshot.h) and CareerGraph::Build, on bench/synthetic.h's ladders written in the
// peers' form (nodes.tsv: id, name, company, track, level, pay, ambiguity, leadership;
// edges.tsv: src, dst, years, probability, kind; ids are the positions' numbers).
//
//   BM_LoadTsvDir<g>_One   the moves read on one thread
//   BM_LoadTsvDir<g>_Two   the moves read in chunks on two threads beside the positions
//   BM_LoadTsvDir100kTextIds_{One,Two}   the same with the positions' own text ids
//                          ("co00042:SWE:L3"), so every endpoint is found by hashing
//
// The peers' `load` figure (engine_peer) times the same call in a fresh process, where first
// touches of memory cost more; here the process is warm, so these read the work itself. The
// tables are written once to ${TMPDIR:-/tmp}/careergraph-bench/tsv-<g>/, and every load is
// checked to give the ladder's positions and transitions before it is timed.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "bench/synthetic.h"
#include "engine/career_graph.h"
#include "io/atomic_file.h"
#include "io/csv_snapshot.h"

namespace careergraph::bench {
namespace {

struct TsvDir {
  std::string path;
  std::size_t positions = 0, transitions = 0;
};

// The ladder of `preset` ("1k" or "100k") as a peers-style TSV directory, written once; its
// positions named by number, or with `text_ids` by their own ids.
const TsvDir& Dir(const std::string& preset, bool text_ids = false) {
  static std::map<std::string, TsvDir> cache;
  const std::string key = preset + (text_ids ? "-text" : "");
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto built = CareerGraph::Build(SyntheticLadder(preset == "1k" ? SyntheticOptions::Small() : SyntheticOptions::Medium()));
  if (!built.ok()) std::abort();
  const CareerGraph& g = **built;
  auto id = [&](Vertex v) { return text_ids ? g.position(v).id() : std::to_string(v); };
  std::string nodes = "id\tname\tcompany\ttrack\tlevel\tpay\tambiguity\tleadership\n";
  for (Vertex v = 0; v < g.num_positions(); ++v) {
    const v1::Position& p = g.position(v);
    nodes += id(v) + "\t" + p.title() + "\t" + p.org() + "\t" + p.track() + "\t" + std::to_string(p.level()) + "\t";
    AppendNumber(&nodes, p.annual_pay());
    nodes += "\t";
    AppendNumber(&nodes, p.ambiguity());
    nodes += "\t";
    AppendNumber(&nodes, p.leadership());
    nodes += "\n";
  }
  std::string edges = "src\tdst\tyears\tprobability\tkind\n";
  for (EdgeId e = 0; e < g.num_transitions(); ++e) {
    edges += id(g.source(e)) + "\t" + id(g.target(e)) + "\t";
    AppendNumber(&edges, g.years(e));
    edges += "\t";
    AppendNumber(&edges, g.probability(e));
    edges += "\t" + std::string(TransitionKindName(g.kind(e))) + "\n";
  }
  const char* tmp = std::getenv("TMPDIR");
  const std::filesystem::path dir = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / "careergraph-bench" / ("tsv-" + key);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!io::WriteFileAtomic((dir / "nodes.tsv").string(), nodes).ok() ||
      !io::WriteFileAtomic((dir / "edges.tsv").string(), edges).ok())
    std::abort();
  return cache.emplace(key, TsvDir{dir.string(), g.num_positions(), g.num_transitions()}).first->second;
}

void LoadTsvDir(benchmark::State& state, const std::string& preset, io::CsvThreads threads, bool text_ids = false) {
  const TsvDir& dir = Dir(preset, text_ids);
  auto load = [&] {
    auto parts = io::ReadCsvDirectory(dir.path, threads);
    if (!parts) return StatusOr<std::shared_ptr<const CareerGraph>>(Status::InvalidData("the fast reader declined"));
    return CareerGraph::Build(std::move(*parts));
  };
  auto first = load();
  if (!first.ok() || (*first)->num_positions() != dir.positions || (*first)->num_transitions() != dir.transitions) {
    state.SkipWithError("the directory does not load as the ladder it was written from");
    return;
  }
  for (auto _ : state) {
    auto g = load();
    benchmark::DoNotOptimize(g);
  }
  state.counters["MB"] = static_cast<double>(std::filesystem::file_size(dir.path + "/nodes.tsv") +
                                             std::filesystem::file_size(dir.path + "/edges.tsv")) /
                         1e6;
}

void BM_LoadTsvDir1k_One(benchmark::State& state) { LoadTsvDir(state, "1k", io::CsvThreads::kOne); }
void BM_LoadTsvDir1k_Two(benchmark::State& state) { LoadTsvDir(state, "1k", io::CsvThreads::kTwo); }
void BM_LoadTsvDir100k_One(benchmark::State& state) { LoadTsvDir(state, "100k", io::CsvThreads::kOne); }
void BM_LoadTsvDir100k_Two(benchmark::State& state) { LoadTsvDir(state, "100k", io::CsvThreads::kTwo); }
void BM_LoadTsvDir100kTextIds_One(benchmark::State& state) { LoadTsvDir(state, "100k", io::CsvThreads::kOne, true); }
void BM_LoadTsvDir100kTextIds_Two(benchmark::State& state) { LoadTsvDir(state, "100k", io::CsvThreads::kTwo, true); }

BENCHMARK(BM_LoadTsvDir1k_One)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadTsvDir1k_Two)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadTsvDir100k_One)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LoadTsvDir100k_Two)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LoadTsvDir100kTextIds_One)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LoadTsvDir100kTextIds_Two)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace careergraph::bench
