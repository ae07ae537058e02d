// The engine as a peer of ../shared/peers/run_peers.sh (ENGINE_CMD):
//
//   engine_peer GRAPH_DIR TASK [--scale S] [--budget SECONDS] [--cheap SECONDS] [--reps N]
//
// GRAPH_DIR holds gen_graph.py's nodes.tsv, edges.tsv and queries.tsv. The graph is loaded
// the way a user's would be: io::OpenGraph on the directory, as `--graph DIR` does (the
// CSV/TSV reader maps id,name,company,track,level,pay,... and src,dst,years,probability,
// kind by header name; every error is checked, the whole-ladder warnings are not computed),
// then CareerGraph::Build. Output follows the peers'
// contract (README "Output contract"): one JSON line for `load`, then one for TASK, with
// "seconds" covering only the engine call, the median of --reps runs when the first run
// is cheaper than --cheap seconds.
//
//   sssp  ForwardSearch (OBJECTIVE_FASTEST cost model, no target)   checksum: sum of finite distances
//   st    FindRoute fastest (ALT A* past 5k positions;    checksum: route years
//         landmark tables built before timing, their
//         time reported as preprocess_seconds)
//   ksp   FindRoute with alternatives = k                  checksum: sum of the k route years
//         (engine/alternatives.h: Yen-Lawler with
//         postponed node classification)
//   bc    BetweennessFromSources (engine/betweenness.h)    checksum: sum over positions
//   apsp  ManyToMany::Distances (engine/many_to_many.h:    checksum: sum of finite distances
//         64 sources a sweep) into an n*n matrix
//
// Positions are found by their id (the node number in nodes.tsv), so the queries are the
// peers' exactly even though the engine numbers vertices itself.
#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/betweenness.h"
#include "engine/cost.h"
#include "engine/landmarks.h"
#include "engine/many_to_many.h"
#include "engine/route.h"
#include "engine/search.h"
#include "io/graph_source.h"

namespace careergraph::peer {
namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Args {
  std::string graph_dir, task, scale;
  double budget = 120.0, cheap = 15.0;
  int reps = 3;
};

struct Queries {
  std::map<std::string, std::string> kv;
  std::uint64_t n = 0, m = 0;
  std::string source, target;  // position ids
  int k = 10;
  bool bc_all = false;
  std::vector<std::string> bc_sources;
};

Queries ReadQueries(const std::string& dir) {
  Queries q;
  std::ifstream f(dir + "/queries.tsv");
  if (!f) throw std::runtime_error("cannot open " + dir + "/queries.tsv");
  std::string line;
  std::getline(f, line);  // header
  while (std::getline(f, line)) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) q.kv[line.substr(0, tab)] = line.substr(tab + 1);
  }
  auto get = [&](const char* key) -> const std::string& {
    auto it = q.kv.find(key);
    if (it == q.kv.end()) throw std::runtime_error(dir + "/queries.tsv has no '" + key + "'");
    return it->second;
  };
  q.n = std::stoull(get("n"));
  q.m = std::stoull(get("m"));
  q.source = get("source");
  q.target = get("target");
  q.k = std::stoi(get("k"));
  const std::string& bs = get("bc_sources");
  if (bs == "all") {
    q.bc_all = true;
  } else {
    std::stringstream ss(bs);
    std::string tok;
    while (std::getline(ss, tok, ',')) q.bc_sources.push_back(tok);
  }
  return q;
}

std::string JNum(double x) {
  if (!std::isfinite(x)) return "null";
  char b[64];
  auto r = std::to_chars(b, b + sizeof b, x);  // shortest round trip
  return std::string(b, r.ptr);
}

std::string JStr(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

double RssMb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return std::round(static_cast<double>(ru.ru_maxrss) / 102.4) / 10.0;
}

int Threads() {
  const char* t = std::getenv("OMP_NUM_THREADS");
  return t ? std::atoi(t) : 0;
}

class Reporter {
 public:
  Reporter(std::string scale, const Queries& q) : scale_(std::move(scale)), q_(q) {}

  void Emit(const std::string& task, double seconds, double checksum, const std::vector<double>& runs,
            const std::string& extra) const {
    const bool skipped = seconds < 0;
    std::string s = "{\"peer\": \"engine\", \"task\": " + JStr(task) + ", \"scale\": " + JStr(scale_) +
                    ", \"seconds\": " + (skipped ? "null" : JNum(seconds)) +
                    ", \"checksum\": " + (skipped ? "null" : JNum(checksum));
    if (!runs.empty()) {
      s += ", \"runs\": [";
      for (std::size_t i = 0; i < runs.size(); ++i) s += (i ? ", " : "") + JNum(runs[i]);
      s += "], \"reps\": " + std::to_string(runs.size());
    }
    s += ", \"n\": " + std::to_string(q_.n) + ", \"m\": " + std::to_string(q_.m) +
         ", \"version\": " + JStr(CAREERGRAPH_VERSION) + ", \"threads\": " + std::to_string(Threads()) +
         ", \"rss_mb\": " + JNum(RssMb());
    if (!extra.empty()) s += ", " + extra;
    std::printf("%s}\n", s.c_str());
    std::fflush(stdout);
  }
  void Skip(const std::string& task, const std::string& reason) const {
    Emit(task, -1, 0, {}, "\"skipped\": " + JStr(reason));
  }

 private:
  std::string scale_;
  const Queries& q_;
};

// Times run(), with the checksum computed outside the timed region by check(), and repeats
// it to the median of --reps when the first run is cheap, as the peers do. describe()
// gives the extra JSON fields, after the runs.
template <typename Run, typename Check, typename Describe>
void Measure(const Reporter& rep, const Args& a, const std::string& task, Run run, Check check, Describe describe) {
  std::string extra;
  std::vector<double> runs;
  auto t0 = Clock::now();
  run();
  runs.push_back(Since(t0));
  const double checksum = check();
  if (runs[0] < a.cheap) {
    for (int i = 1; i < a.reps; ++i) {
      auto t1 = Clock::now();
      run();
      runs.push_back(Since(t1));
      const double again = check();
      if (!(again == checksum ||
            std::fabs(again - checksum) <= 1e-9 * std::max(std::fabs(again), std::fabs(checksum))))
        extra += std::string(extra.empty() ? "" : ", ") + "\"note\": \"checksum differs between repetitions\"";
    }
  }
  const std::string described = describe();
  extra = described + (described.empty() || extra.empty() ? "" : ", ") + extra;
  std::vector<double> sorted = runs;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t h = sorted.size() / 2;
  const double median = sorted.size() % 2 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
  rep.Emit(task, median, checksum, runs, extra);
}

bool OverBudget(const Reporter& rep, const Args& a, const std::string& task, double per, std::size_t units,
                const char* what) {
  const double est = per * static_cast<double>(units);
  if (est <= a.budget) return false;
  char b[256];
  std::snprintf(b, sizeof b, "estimated %.0fs > budget %.0fs (%s: %.4fs x %zu)", est, a.budget, what, per, units);
  rep.Skip(task, b);
  return true;
}

Vertex Find(const CareerGraph& g, const std::string& id) {
  const std::uint32_t v = g.index().FindId(id);
  if (v == PositionIndex::kNotFound) throw std::runtime_error("queries.tsv names position '" + id + "', not in the graph");
  return v;
}

int Main(const Args& a) {
  const Queries q = ReadQueries(a.graph_dir);
  const Reporter rep(a.scale.empty() ? (q.kv.count("scale") ? q.kv.at("scale") : "?") : a.scale, q);

  // Exactly what `careergraph route --graph DIR` does: read, check for errors, build.
  const auto t0 = Clock::now();
  auto opened = io::OpenGraph(a.graph_dir);
  if (!opened.ok()) {
    std::fprintf(stderr, "engine_peer: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  const GraphPtr gp = *opened;
  const CareerGraph& g = *gp;
  rep.Emit("load", Since(t0), g.num_transitions(), {}, "\"api\": \"io::OpenGraph(dir)\"");
  if (g.num_positions() != q.n || g.num_transitions() != q.m)
    throw std::runtime_error("loaded " + std::to_string(g.num_positions()) + " positions / " +
                             std::to_string(g.num_transitions()) + " transitions; queries.tsv says " +
                             std::to_string(q.n) + " / " + std::to_string(q.m));

  const Vertex s = Find(g, q.source);
  const Vertex n = g.num_positions();
  auto fastest = CostModel::Make(g, v1::OBJECTIVE_FASTEST, {});
  SearchSpace ws;
  auto sum_reached = [&] {
    double sum = 0;
    for (Vertex v = 0; v < n; ++v)
      if (ws.reached(v)) sum += ws.dist(v);
    return sum;
  };
  auto route_request = [&](std::uint32_t alternatives) {
    v1::RouteRequest req;
    req.set_from(q.source);
    req.set_to(q.target);
    req.set_objective(v1::OBJECTIVE_FASTEST);
    req.set_alternatives(alternatives);
    return req;
  };
  const int threads = std::max(Threads(), 1);

  if (a.task == "sssp") {
    std::uint64_t settled = 0;
    Measure(
        rep, a, "sssp",
        [&] { settled = ForwardSearch(g, s, kNoVertex, *fastest, AllowAll{}, NoPotential{}, ws); }, sum_reached,
        [&] {
          return "\"api\": \"ForwardSearch (CostModel OBJECTIVE_FASTEST, no target)\", \"settled\": " + std::to_string(settled);
        });
  } else if (a.task == "st") {
    Find(g, q.target);
    const RouteLimits limits;
    double preprocess = 0;
    if (g.num_positions() >= limits.landmark_min_positions) {
      const auto tp = Clock::now();
      g.landmarks(Metric::kYears);
      preprocess = Since(tp);
    }
    const v1::RouteRequest req = route_request(0);
    StatusOr<v1::RouteResponse> resp = Status::Internal("not run");
    Measure(
        rep, a, "st", [&] { resp = FindRoute(g, req, limits); },
        [&] {
          if (!resp.ok()) throw std::runtime_error(resp.status().ToString());
          return resp->routes(0).totals().years();
        },
        [&] {
          return std::string("\"api\": \"FindRoute fastest (") +
                 (preprocess > 0 ? "bidirectional A* on the landmark tables, built before timing"
                                 : "Dijkstra stopping at the target") +
                 ")\", \"preprocess_seconds\": " + JNum(preprocess) +
                 ", \"settled\": " + std::to_string(resp.ok() ? resp->settled() : 0);
        });
  } else if (a.task == "ksp") {
    const v1::RouteRequest req = route_request(static_cast<std::uint32_t>(q.k));
    StatusOr<v1::RouteResponse> resp = Status::Internal("not run");
    Measure(
        rep, a, "ksp", [&] { resp = FindRoute(g, req); },
        [&] {
          if (!resp.ok()) throw std::runtime_error(resp.status().ToString());
          double sum = 0;
          for (const auto& r : resp->routes()) sum += r.totals().years();
          return sum;
        },
        [&] {
          return "\"k\": " + std::to_string(q.k) +
                 ", \"api\": \"FindRoute with alternatives=k (Yen-Lawler, postponed node classification)\"" +
                 ", \"settled\": " + std::to_string(resp.ok() ? resp->settled() : 0);
        });
  } else if (a.task == "bc") {
    std::vector<Vertex> sources;
    if (q.bc_all) {
      for (Vertex v = 0; v < n; ++v) sources.push_back(v);
    } else {
      for (const auto& id : q.bc_sources) sources.push_back(Find(g, id));
    }
    const auto tp = Clock::now();
    (void)BetweennessFromSources(g, std::span<const Vertex>(sources.data(), 1), threads);
    if (OverBudget(rep, a, "bc", Since(tp), sources.size(), "1-source pilot")) return 0;
    std::vector<double> bc;
    Measure(
        rep, a, "bc", [&] { bc = *BetweennessFromSources(g, sources, threads); },
        [&] {
          double sum = 0;
          for (double x : bc) sum += x;
          return sum;
        },
        [&] {
          return "\"sources\": " + std::to_string(sources.size()) +
                 ", \"api\": \"BetweennessFromSources (Brandes, exact fixed-point accumulation)\"";
        });
  } else if (a.task == "apsp") {
    const auto tp = Clock::now();
    ForwardSearch(g, s, kNoVertex, *fastest, AllowAll{}, NoPotential{}, ws);
    if (OverBudget(rep, a, "apsp", Since(tp), n, "1-source pilot")) return 0;
    if (static_cast<double>(n) * n * sizeof(double) > 4e9) {
      rep.Skip("apsp", "an n*n distance matrix would exceed 4 GB");
      return 0;
    }
    std::vector<double> d(static_cast<std::size_t>(n) * n);
    std::vector<Vertex> all(n);
    std::iota(all.begin(), all.end(), Vertex{0});
    Measure(
        rep, a, "apsp",
        [&] {
          // Every position as a source and as a target; the sweeps' set-up (ordering the
          // positions, laying out the moves) is part of the time.
          ManyToMany m2m(g, *fastest);
          std::fill(d.begin(), d.end(), kInf);
          m2m.Distances(all, all, [&](std::size_t u, std::size_t v, double x) { d[u * n + v] = x; });
        },
        [&] {
          double sum = 0;
          for (double x : d)
            if (std::isfinite(x)) sum += x;
          return sum;
        },
        [] { return std::string("\"api\": \"ManyToMany::Distances, all sources x all targets, into an n*n matrix\""); });
  } else {
    std::fprintf(stderr, "engine_peer: unknown task '%s' (sssp, st, ksp, bc, apsp)\n", a.task.c_str());
    return 2;
  }
  return 0;
}

}  // namespace
}  // namespace careergraph::peer

int main(int argc, char** argv) {
  careergraph::peer::Args a;
  std::vector<std::string> pos;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string s = argv[i];
      auto next = [&]() -> std::string {
        if (i + 1 >= argc) throw std::runtime_error("missing value for " + s);
        return argv[++i];
      };
      if (s == "--scale") a.scale = next();
      else if (s == "--budget") a.budget = std::stod(next());
      else if (s == "--cheap") a.cheap = std::stod(next());
      else if (s == "--reps") a.reps = std::stoi(next());
      else pos.push_back(s);
    }
    if (pos.size() != 2) {
      std::fprintf(stderr,
                   "usage: %s GRAPH_DIR {sssp|st|ksp|bc|apsp} [--scale S] [--budget s] [--cheap s] [--reps n]\n",
                   argv[0]);
      return 2;
    }
    a.graph_dir = pos[0];
    a.task = pos[1];
    return careergraph::peer::Main(a);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_peer: %s\n", e.what());
    return 1;
  }
}
