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
//   BM_ResolveOwnTracks{Word,Alias}
//                             on the ladder with each org's own tracks (ids "c812-pm", as a
//                             YAML ladder of many orgs writes them): a one-word miss, and an
//                             abbreviated title every org has ("Sr Data Scientist")
//
// Ladders: the 100k synthetic preset (bench/synthetic.h; 60 distinct titles, ids compared)
// and the same ladder with distinct titles ("Staff Software Engineer, Org 812"), or with each
// org's tracks its own, each with its tracks, so every miss also tries the name as an
// abbreviated title (tracks.h).
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
  PositionList positions;
  std::unique_ptr<PositionIndex> index;
};

enum class Shape { kShared, kDistinctTitles, kOwnTracks };

const Ladder& GetLadder(Shape shape) {
  static std::map<Shape, std::unique_ptr<Ladder>> cache;
  auto& slot = cache[shape];
  if (!slot) {
    slot = std::make_unique<Ladder>();
    slot->graph = SyntheticLadder(SyntheticOptions::Medium());
    for (const auto& p : slot->graph.positions()) slot->positions.push_back(p);
    if (shape == Shape::kDistinctTitles)
      for (auto& p : slot->positions) p.set_title(p.title() + ", " + p.org());
    if (shape == Shape::kOwnTracks) {
      std::map<std::string, v1::Track> shared;
      for (const auto& t : slot->graph.metadata().tracks()) shared[t.id()] = t;
      google::protobuf::RepeatedPtrField<v1::Track> own;
      std::string last;
      for (auto& p : slot->positions) {
        const std::string id = p.org() + "-" + p.track();
        if (id != last) {  // a company's positions of a track are listed together
          v1::Track* t = own.Add();
          *t = shared[p.track()];
          t->set_id(id);
          last = id;
        }
        p.set_track(id);
      }
      *slot->graph.mutable_metadata()->mutable_tracks() = std::move(own);
    }
    slot->index = std::make_unique<PositionIndex>(slot->positions, &slot->graph.metadata().tracks());
  }
  return *slot;
}

void Resolve(benchmark::State& state, Shape shape, const std::string& query, bool hit) {
  const Ladder& l = GetLadder(shape);
  const auto first = l.index->Resolve(query);
  if (first.ok() != hit) {
    state.SkipWithError(("'" + query + "' " + (hit ? "did not resolve" : "resolved")).c_str());
    return;
  }
  const std::size_t suggestions = first.ok() ? 0 : first.status().suggestions().size();
  AsServed();
  for (auto _ : state) {
    auto r = l.index->Resolve(query);
    benchmark::DoNotOptimize(r);
  }
  state.counters["positions"] = static_cast<double>(l.positions.size());
  state.counters["suggestions"] = static_cast<double>(suggestions);
}

void BM_ResolveHit(benchmark::State& s) { Resolve(s, Shape::kShared, SyntheticPositionId(812, 2, 6), true); }
void BM_ResolveTypoId(benchmark::State& s) {
  std::string id = SyntheticPositionId(812, 2, 6);
  id[id.find("pm") + 1] = 'n';
  Resolve(s, Shape::kShared, id, false);
}
void BM_ResolveTypoTitle(benchmark::State& s) {
  const Ladder& l = GetLadder(Shape::kDistinctTitles);
  std::string title = l.positions[SyntheticPosition(812, 2, 6)].title();
  title[title.find("Product") + 2] = 'i';  // "Priduct"
  Resolve(s, Shape::kDistinctTitles, title, false);
}
void BM_ResolveWord(benchmark::State& s) { Resolve(s, Shape::kDistinctTitles, "stafff", false); }
void BM_ResolveOwnTracksWord(benchmark::State& s) { Resolve(s, Shape::kOwnTracks, "stafff", false); }
// "Senior Data Scientist" as people shorten it: every org has one, so it names 1,667
// positions and the answer is the error listing them.
void BM_ResolveOwnTracksAlias(benchmark::State& s) { Resolve(s, Shape::kOwnTracks, "Sr Data Scientist", false); }

BENCHMARK(BM_ResolveHit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ResolveTypoId)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResolveTypoTitle)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResolveWord)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResolveOwnTracksWord)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResolveOwnTracksAlias)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace careergraph::bench
