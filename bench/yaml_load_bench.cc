// Reading compact YAML ladders (io/yaml_reader.h): the fast path against the general
// (yaml-cpp) path, on the same text in the same run.
//
//   BM_YamlRead{Default,1k,100k}_{General,Fast}   the reader alone: text -> LadderPart
//   BM_YamlLoad100k                                what `--graph ladder.yaml` pays: the read,
//                                                  the whole-ladder checks and Build
//
// The 1k and 100k ladders are bench/synthetic.h's Small() and Medium() presets written as a
// person writes a large ladder (SyntheticLadderYaml below): a track per company and track
// whose levels are one flow mapping a line, each with the promotion out of it, so the
// promotions are generated; the in-company moves of every twentieth company as explicit
// transitions. The 100k text is ~17 MB. It is also written to
// ${TMPDIR:-/tmp}/careergraph-bench/synthetic-100k.yaml, for measuring a whole process's
// time and peak memory with `careergraph validate` (bench/README.md, "YAML ladders").
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "bench/synthetic.h"
#include "engine/career_graph.h"
#include "io/atomic_file.h"
#include "io/default_ladder.h"
#include "io/load.h"
#include "io/yaml_reader.h"

namespace careergraph::bench {
namespace {

const char* KindName(v1::TransitionKind k) {
  switch (k) {
    case v1::TRANSITION_KIND_LATERAL: return "lateral";
    case v1::TRANSITION_KIND_TRACK_SWITCH: return "track_switch";
    case v1::TRANSITION_KIND_ORG_CHANGE: return "org_change";
    default: return "promotion";
  }
}

// `options`' synthetic ladder as compact YAML (see the top of this file).
std::string SyntheticLadderYaml(const SyntheticOptions& options) {
  const v1::Graph g = SyntheticLadder(options);
  const v1::TransitionTable& t = g.transition_table();
  // The promotion out of each position (to the next level of its track).
  std::vector<int> promotion(static_cast<std::size_t>(g.positions_size()), -1);
  for (int e = 0; e < t.from_size(); ++e)
    if (t.kind(e) == v1::TRANSITION_KIND_PROMOTION && t.to(e) == t.from(e) + 1) promotion[t.from(e)] = e;

  std::string y;
  y.reserve(static_cast<std::size_t>(g.positions_size()) * 180);
  y += "# bench/yaml_load_bench.cc: bench/synthetic.h's ladder as a person would write it\n";
  y += "name: \"" + g.metadata().name() + "\"\nversion: \"" + g.metadata().version() + "\"\ncurrency: USD\n";
  y += "description: >-\n  " + g.metadata().description() + "\n";
  y += "sources:\n  - name: \"" + g.metadata().sources(0).name() + "\"\n    licence: " +
       g.metadata().sources(0).licence() + "\n";
  y += "tracks:\n";
  const int per_track = static_cast<int>(kSyntheticLevels);
  for (int first = 0; first < g.positions_size(); first += per_track) {
    const v1::Position& head = g.positions(first);
    y += "  - id: " + head.id().substr(0, head.id().rfind('-')) + "\n";
    y += "    name: " + head.description() + "\n";
    y += "    org: " + head.org() + "\n";
    y += "    levels:\n";
    for (int i = first; i < first + per_track; ++i) {
      const v1::Position& p = g.positions(i);
      // `level` is left to default to the level's place in the list, which it is.
      y += "      - {id: " + p.id() + ", title: " + p.title() + ", pay: ";
      AppendNumber(&y, p.annual_pay());
      y += ", ambiguity: ";
      AppendNumber(&y, p.ambiguity());
      y += ", leadership: ";
      AppendNumber(&y, p.leadership());
      if (const int e = promotion[static_cast<std::size_t>(i)]; e >= 0) {
        y += ", promotion: {years: ";
        AppendNumber(&y, t.years(e));
        y += ", probability: ";
        AppendNumber(&y, t.probability(e));
        y += "}";
      }
      y += "}\n";
    }
  }
  y += "transitions:   # in-company moves of every twentieth company\n";
  const std::uint32_t per_company = kSyntheticTracks * kSyntheticLevels;
  for (int e = 0; e < t.from_size(); ++e) {
    const std::uint32_t company = t.from(e) / per_company;
    if (company % 20 != 0 || t.to(e) / per_company != company || t.kind(e) == v1::TRANSITION_KIND_PROMOTION) continue;
    y += "  - from: " + g.positions(static_cast<int>(t.from(e))).id() + "\n    to: " +
         g.positions(static_cast<int>(t.to(e))).id() + "\n    kind: " + KindName(t.kind(e)) + "\n    years: ";
    AppendNumber(&y, t.years(e));
    y += "\n    probability: ";
    AppendNumber(&y, t.probability(e));
    y += "\n";
  }
  return y;
}

const std::string& LadderText(const std::string& preset) {
  static std::map<std::string, std::string> cache;
  auto it = cache.find(preset);
  if (it != cache.end()) return it->second;
  std::string text;
  if (preset == "default") {
    text = std::string(io::kDefaultLadderYaml);
  } else {
    text = SyntheticLadderYaml(preset == "1k" ? SyntheticOptions::Small() : SyntheticOptions::Medium());
    if (preset == "100k") {
      const char* tmp = std::getenv("TMPDIR");
      const std::filesystem::path dir = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / "careergraph-bench";
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      (void)io::WriteFileAtomic((dir / "synthetic-100k.yaml").string(), text);
    }
  }
  return cache.emplace(preset, std::move(text)).first->second;
}

// The part must be the ladder: every position read, no error.
bool Check(benchmark::State& state, const io::LadderPart& part, int positions) {
  for (const auto& f : part.findings)
    if (f.severity() == v1::ERROR) {
      state.SkipWithError(("the ladder does not read: " + f.message()).c_str());
      return false;
    }
  if (positions && part.graph.positions_size() != positions) {
    state.SkipWithError("positions lost");
    return false;
  }
  return true;
}

void YamlRead(benchmark::State& state, const std::string& preset, bool fast) {
  const std::string& text = LadderText(preset);
  const int positions = preset == "1k" ? 1020 : preset == "100k" ? 100020 : 0;
  if (fast && !io::ReadYamlLadderFast(text, "ladder.yaml")) {
    state.SkipWithError("the fast path does not take this ladder");
    return;
  }
  for (auto _ : state) {
    io::LadderPart part = fast ? io::ReadYamlLadder(text, "ladder.yaml") : io::ReadYamlLadderGeneral(text, "ladder.yaml");
    if (!Check(state, part, positions)) return;
    benchmark::DoNotOptimize(part.graph.positions_size());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_YamlReadDefault_General(benchmark::State& s) { YamlRead(s, "default", false); }
void BM_YamlReadDefault_Fast(benchmark::State& s) { YamlRead(s, "default", true); }
void BM_YamlRead1k_General(benchmark::State& s) { YamlRead(s, "1k", false); }
void BM_YamlRead1k_Fast(benchmark::State& s) { YamlRead(s, "1k", true); }
void BM_YamlRead100k_General(benchmark::State& s) { YamlRead(s, "100k", false); }
void BM_YamlRead100k_Fast(benchmark::State& s) { YamlRead(s, "100k", true); }
BENCHMARK(BM_YamlReadDefault_General)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_YamlReadDefault_Fast)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_YamlRead1k_General)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YamlRead1k_Fast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YamlRead100k_General)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_YamlRead100k_Fast)->Unit(benchmark::kMillisecond);

void BM_YamlLoad100k(benchmark::State& state) {
  const std::string& text = LadderText("100k");
  for (auto _ : state) {
    const io::LoadResult r = io::LoadLadderBytes(text, "ladder.yaml");
    if (r.has_errors()) {
      state.SkipWithError(("the ladder does not load: " + r.FirstError().message()).c_str());
      return;
    }
    auto g = CareerGraph::Build(r.graph);
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize((*g)->num_positions());
  }
}
BENCHMARK(BM_YamlLoad100k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace careergraph::bench
