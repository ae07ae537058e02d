// What a name that resolves to no position costs: the suggestions of the error ("did you mean
// ...?"), which compare the name with every distinct title (and, up to 200k positions, every
// id). A hit is one hash lookup and is timed beside them as the baseline.
//
//   BM_ResolveHit             an id that exists
//   BM_ResolveTypoId          an id with one letter wrong ("c812-pm-6" -> "c812-pn-6")
//   BM_ResolveTypoTitle       a title with one letter wrong, on a ladder whose titles are all
//                             distinct (each title names its org: the peers' ladders, O*NET)
//   BM_ResolveWord            a word no name is close to ("stafff"): the suggestions fall back
//                             to the titles holding it
//
// Ladders: the 100k synthetic preset (bench/synthetic.h; 60 distinct titles, ids compared)
// and the same ladder with distinct titles ("Staff Software Engineer, Org 812"), each with
// its tracks, so every miss also tries the name as an abbreviated title (tracks.h).
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/synthetic.h"
#include "engine/position_index.h"

namespace careergraph::bench {
namespace {

struct Ladder {
  v1::Graph graph;  // its tracks: a name may be an abbreviated title ("Staff SWE")
  std::vector<v1::Position> positions;
  std::unique_ptr<PositionIndex> index;
};

const Ladder& GetLadder(bool distinct_titles) {
  static std::map<bool, std::unique_ptr<Ladder>> cache;
  auto& slot = cache[distinct_titles];
  if (!slot) {
    slot = std::make_unique<Ladder>();
    slot->graph = SyntheticLadder(SyntheticOptions::Medium());
    slot->positions.assign(slot->graph.positions().begin(), slot->graph.positions().end());
    if (distinct_titles)
      for (auto& p : slot->positions) p.set_title(p.title() + ", " + p.org());
    slot->index = std::make_unique<PositionIndex>(slot->positions, &slot->graph.metadata().tracks());
  }
  return *slot;
}

void Resolve(benchmark::State& state, bool distinct_titles, const std::string& query, bool hit) {
  const Ladder& l = GetLadder(distinct_titles);
  const auto first = l.index->Resolve(query);
  if (first.ok() != hit) {
    state.SkipWithError(("'" + query + "' " + (hit ? "did not resolve" : "resolved")).c_str());
    return;
  }
  const std::size_t suggestions = first.ok() ? 0 : first.status().suggestions().size();
  for (auto _ : state) {
    auto r = l.index->Resolve(query);
    benchmark::DoNotOptimize(r);
  }
  state.counters["positions"] = static_cast<double>(l.positions.size());
  state.counters["suggestions"] = static_cast<double>(suggestions);
}

void BM_ResolveHit(benchmark::State& s) { Resolve(s, false, SyntheticPositionId(812, 2, 6), true); }
void BM_ResolveTypoId(benchmark::State& s) {
  std::string id = SyntheticPositionId(812, 2, 6);
  id[id.find("pm") + 1] = 'n';
  Resolve(s, false, id, false);
}
void BM_ResolveTypoTitle(benchmark::State& s) {
  const Ladder& l = GetLadder(true);
  std::string title = l.positions[SyntheticPosition(812, 2, 6)].title();
  title[title.find("Product") + 2] = 'i';  // "Priduct"
  Resolve(s, true, title, false);
}
void BM_ResolveWord(benchmark::State& s) { Resolve(s, true, "stafff", false); }

BENCHMARK(BM_ResolveHit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ResolveTypoId)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResolveTypoTitle)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResolveWord)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace careergraph::bench
