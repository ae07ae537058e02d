// Batch analysis speed: betweenness against Boost.Graph's Brandes in the same run, the ladder
// analysis in process, and `careergraph analyze` end to end over a corpus with 1 and 2
// threads and with 2 MPI ranks.
//
//   BM_BetweennessBoost16          the floor: Brandes over the 16 fixed sources of
//                                  ../shared/peers, built from Boost.Graph's own
//                                  detail::graph::brandes_dijkstra_shortest_paths exactly as
//                                  ../shared/peers/cpp/peer_boost.cpp does (Boost 1.74 has no
//                                  source-subset entry point)
//   BM_Betweenness16/threads:N     BetweennessFromSources, same sources: target <= floor with
//                                  1 thread, <= floor / 1.8 with 2
//   BM_AnalyzeLadder1k/threads:N   AnalyzeLadder on the ~1k synthetic ladder (exact)
//   BM_LargeAnalyze100k/threads:N  AnalyzeLadder on the ~100k synthetic ladder (128 sampled
//                                  sources, a mobility search from every position)
//   BM_LargeCli{Corpus,100k}/mode  the binary on 1,000 one-company ladders (60 positions
//                                  each) or on the ~100k ladder: mode 0 = --threads 1,
//                                  1 = --threads 2, 2 = mpirun -np 2 --distributed --threads 1;
//                                  the MPI report is checked byte for byte against mode 0's
//
// The graph for the betweenness pair is ../shared/peers' medium graph when it has been
// generated (CAREERGRAPH_PEERS_MEDIUM, default /tmp/peers_medium: run
// `python3 ../shared/peers/gen_graph.py --scale medium --out /tmp/peers_medium`), so the
// checksum can be compared with results.md; otherwise the ~100k synthetic ladder with 16
// spread sources. Both implementations' checksums (sum of betweenness) are compared before
// timing; a mismatch fails the benchmark. BM_Large* are left out of CI's smoke run.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/graph/betweenness_centrality.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stack>
#include <string>
#include <vector>

#include "bench/synthetic.h"
#include "engine/analysis.h"
#include "engine/betweenness.h"
#include "io/load.h"

namespace careergraph::bench {
namespace {

namespace fs = std::filesystem;

struct BcFixture {
  GraphPtr g;
  std::vector<Vertex> sources;
  std::string label;
  std::string error;
};

GraphPtr BuildOrDie(v1::Graph snapshot, std::string* error) {
  auto g = CareerGraph::Build(std::move(snapshot));
  if (!g.ok()) {
    *error = g.status().ToString();
    return nullptr;
  }
  return *g;
}

const GraphPtr& Synthetic100k() {
  static const GraphPtr g = [] {
    std::string error;
    GraphPtr g = BuildOrDie(SyntheticLadder(SyntheticOptions::Medium()), &error);
    if (!g) std::fprintf(stderr, "synthetic ladder: %s\n", error.c_str());
    return g;
  }();
  return g;
}

const BcFixture& Bc() {
  static const BcFixture f = [] {
    BcFixture f;
    const char* env = std::getenv("CAREERGRAPH_PEERS_MEDIUM");
    const std::string dir = env ? env : "/tmp/peers_medium";
    std::ifstream q(dir + "/queries.tsv");
    if (q) {
      io::LoadResult loaded = io::LoadLadders({dir});
      if (loaded.has_errors()) {
        f.error = "loading " + dir + ": " + loaded.FirstError().ToString();
        return f;
      }
      f.g = BuildOrDie(std::move(loaded.graph), &f.error);
      if (!f.g) return f;
      std::string line;
      while (std::getline(q, line))
        if (line.rfind("bc_sources\t", 0) == 0) {
          std::stringstream ss(line.substr(11));
          std::string id;
          while (std::getline(ss, id, ',')) {
            auto v = f.g->index().Resolve(id, "bc_sources");
            if (!v.ok()) {
              f.error = v.status().ToString();
              return f;
            }
            f.sources.push_back(*v);
          }
        }
      f.label = "peers medium";
    } else {
      f.g = Synthetic100k();
      if (!f.g) {
        f.error = "no graph";
        return f;
      }
      for (Vertex i = 0; i < 16; ++i)
        f.sources.push_back(static_cast<Vertex>((static_cast<std::uint64_t>(i) * 2654435761u + 12345) %
                                                f.g->num_positions()));
      f.label = "synthetic 100k";
    }
    if (f.sources.size() != 16) f.error = "expected 16 bc sources in " + dir + "/queries.tsv";
    return f;
  }();
  return f;
}

// ../shared/peers/cpp/peer_boost.cpp's source-subset Brandes, on the engine's CSR and years.
class BoostBrandes {
 public:
  explicit BoostBrandes(const CareerGraph& g)
      : g_(g), n_(g.num_positions()), incoming_(n_), dist_(n_), dependency_(n_), path_count_(n_), cent_(n_) {
    g.csr();  // Boost's copy of the topology is built on first use: not inside a timed loop
  }

  double Run(const std::vector<Vertex>& sources) {
    const Csr& csr = g_.csr();
    auto vidx = boost::get(boost::vertex_index, csr);
    auto wmap = boost::make_iterator_property_map(g_.years_column().begin(), boost::get(boost::edge_index, csr));
    std::fill(cent_.begin(), cent_.end(), 0.0);
    boost::detail::graph::brandes_dijkstra_shortest_paths<decltype(wmap)> sp(wmap);
    std::stack<Vertex> ordered;
    for (Vertex s : sources) {
      for (std::size_t w = 0; w < n_; ++w) {
        incoming_[w].clear();
        path_count_[w] = 0;
        dependency_[w] = 0;
      }
      path_count_[s] = 1;
      sp(csr, s, ordered, boost::make_iterator_property_map(incoming_.begin(), vidx),
         boost::make_iterator_property_map(dist_.begin(), vidx),
         boost::make_iterator_property_map(path_count_.begin(), vidx), vidx);
      while (!ordered.empty()) {
        const Vertex w = ordered.top();
        ordered.pop();
        for (const auto& vw : incoming_[w]) {
          const Vertex v = boost::source(vw, csr);
          dependency_[v] += double(path_count_[v]) / double(path_count_[w]) * (1.0 + dependency_[w]);
        }
        if (w != s) cent_[w] += dependency_[w];
      }
    }
    double sum = 0;
    for (double c : cent_) sum += c;
    return sum;
  }

 private:
  using Edge = boost::graph_traits<Csr>::edge_descriptor;
  const CareerGraph& g_;
  std::size_t n_;
  std::vector<std::vector<Edge>> incoming_;
  std::vector<double> dist_, dependency_;
  std::vector<boost::graph_traits<Csr>::degree_size_type> path_count_;
  std::vector<double> cent_;
};

double EngineBc(const BcFixture& f, int threads) {
  auto bc = BetweennessFromSources(*f.g, f.sources, threads);
  double sum = 0;
  for (double x : *bc) sum += x;
  return sum;
}

void BM_BetweennessBoost16(benchmark::State& state) {
  const BcFixture& f = Bc();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  BoostBrandes boost_bc(*f.g);
  const double floor = boost_bc.Run(f.sources), ours = EngineBc(f, 1);
  if (std::abs(floor - ours) > 1e-9 * std::abs(floor))
    return state.SkipWithError(("checksums differ: boost " + std::to_string(floor) + ", engine " +
                                std::to_string(ours)).c_str());
  double sum = 0;
  for (auto _ : state) benchmark::DoNotOptimize(sum = boost_bc.Run(f.sources));
  state.SetLabel(f.label);
  state.counters["checksum"] = sum;
  state.counters["positions"] = f.g->num_positions();
}
BENCHMARK(BM_BetweennessBoost16)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Betweenness16(benchmark::State& state) {
  const BcFixture& f = Bc();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const int threads = static_cast<int>(state.range(0));
  double sum = 0;
  for (auto _ : state) benchmark::DoNotOptimize(sum = EngineBc(f, threads));
  state.SetLabel(f.label);
  state.counters["checksum"] = sum;
}
BENCHMARK(BM_Betweenness16)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void AnalyzeBench(benchmark::State& state, const GraphPtr& g) {
  if (!g) return state.SkipWithError("no graph");
  auto opts = ResolveAnalyzeOptions({});
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    v1::LadderReport r = AnalyzeLadder(g, *opts, threads);
    benchmark::DoNotOptimize(r.positions_size());
  }
  state.counters["positions"] = g->num_positions();
  state.counters["transitions"] = g->num_transitions();
}

void BM_AnalyzeLadder1k(benchmark::State& state) {
  static const GraphPtr g = [] {
    std::string error;
    return BuildOrDie(SyntheticLadder(SyntheticOptions::Small()), &error);
  }();
  AnalyzeBench(state, g);
}
BENCHMARK(BM_AnalyzeLadder1k)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LargeAnalyze100k(benchmark::State& state) { AnalyzeBench(state, Synthetic100k()); }
BENCHMARK(BM_LargeAnalyze100k)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()
    ->Iterations(1);

// ---- the binary, end to end -----------------------------------------------------------------

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string CareergraphBin() {
  if (const char* env = std::getenv("CAREERGRAPH_BIN")) return env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return (self.parent_path().parent_path() / "careergraph").string();  // BUILD/bench/.. = BUILD
}

fs::path WorkDir() {
  const char* tmp = std::getenv("TMPDIR");
  return fs::path(tmp ? tmp : "/tmp") / "careergraph-analyze-bench";
}

bool WriteSnapshot(const v1::Graph& g, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  return g.SerializeToOstream(&out) && out.good();
}

// 1,000 one-company ladders (seeds 1..1000); written once and reused.
std::string Corpus() {
  const fs::path dir = WorkDir() / "corpus1000";
  const fs::path done = dir / ".complete";
  if (fs::exists(done)) return dir.string();
  fs::create_directories(dir);
  for (std::uint32_t i = 1; i <= 1000; ++i) {
    SyntheticOptions o;
    o.companies = 1;
    o.seed = i;
    char name[32];
    std::snprintf(name, sizeof name, "ladder-%04u.pb", i);
    if (!WriteSnapshot(SyntheticLadder(o), dir / name)) return "";
  }
  std::ofstream(done) << "ok\n";
  return dir.string();
}

std::string Ladder100k() {
  const fs::path dir = WorkDir() / "large";
  const fs::path file = dir / "synthetic-100k.pb";
  if (fs::exists(file)) return file.string();
  fs::create_directories(dir);
  const fs::path partial = dir / "synthetic-100k.pb.tmp";
  if (!WriteSnapshot(SyntheticLadder(SyntheticOptions::Medium()), partial)) return "";
  fs::rename(partial, file);
  return file.string();
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void CliBench(benchmark::State& state, const std::string& input, const std::string& tag) {
  if (input.empty()) return state.SkipWithError("could not write the corpus");
  const std::string bin = CareergraphBin();
  if (!fs::exists(bin)) return state.SkipWithError(("no careergraph binary at " + bin).c_str());
  const int mode = static_cast<int>(state.range(0));
  const fs::path out = WorkDir() / (tag + "-" + std::to_string(mode) + ".pb");
  const char* mpiexec_env = std::getenv("CAREERGRAPH_MPIEXEC");
  const std::string mpiexec = mpiexec_env ? mpiexec_env : "mpirun";
  std::string cmd;
  if (mode == 2)
    cmd = mpiexec + " --allow-run-as-root --oversubscribe -np 2 " + Quote(bin) + " analyze --distributed --threads 1";
  else
    cmd = Quote(bin) + " analyze --threads " + (mode == 0 ? "1" : "2");
  // The report goes to --out; stdout gets the binary encoding, not JSON: printing the
  // corpus report (33 MB) as JSON with protobuf's one-threaded printer takes longer than
  // analysing it, and would hide how the analysis scales.
  cmd += " " + Quote(input) + " --out " + Quote(out.string()) + " --format pb >/dev/null 2>&1";
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = std::system(cmd.c_str());
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (rc != 0) return state.SkipWithError(("failed (" + std::to_string(rc) + "): " + cmd).c_str());
  }
  if (mode == 2) {
    const fs::path single = WorkDir() / (tag + "-0.pb");
    if (fs::exists(single) && ReadAll(single.string()) != ReadAll(out.string()))
      return state.SkipWithError("the 2-rank report differs from the single-process report");
    state.SetLabel("mpirun -np 2, report identical");
  } else {
    state.SetLabel(mode == 0 ? "--threads 1" : "--threads 2");
  }
}

void BM_LargeCliCorpus(benchmark::State& state) { CliBench(state, Corpus(), "corpus"); }
BENCHMARK(BM_LargeCliCorpus)->ArgName("mode")->DenseRange(0, 2)->UseManualTime()->Iterations(1)
    ->Unit(benchmark::kSecond);

void BM_LargeCli100k(benchmark::State& state) { CliBench(state, Ladder100k(), "large"); }
BENCHMARK(BM_LargeCli100k)->ArgName("mode")->DenseRange(0, 2)->UseManualTime()->Iterations(1)
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace careergraph::bench
