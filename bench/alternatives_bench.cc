// Alternatives and trade-offs on the synthetic ladders, against a plain Yen measured in the
// same run.
//
//   BM_BoostYen                 the floor: Yen's algorithm as usually written (every spur a
//                               full Dijkstra; root positions and the next moves of routes
//                               sharing the root removed through a boost::filtered_graph)
//                               over Boost.Graph's dijkstra_shortest_paths on the engine's CSR
//   BM_KShortestRoutes          engine/alternatives.h KShortestRoutes: Yen-Lawler with one
//                               reverse shortest-path tree and postponed node classification
//   BM_FindRouteAlternatives    the same through FindRoute (request -> response messages)
//   BM_AlternativesSpeedup      both in one benchmark: reports floor_s, engine_s, speedup
//   BM_ParetoFront/<criteria>   engine/pareto.h ParetoFront on the fixed pair: front size,
//                               labels, time per query
//   BM_ParetoRandomPairs        the same over 16 seeded pairs, one pair per iteration
//
// K = 10, objective fastest (years), the fixed far pair of ../shared/peers: company 0 SWE L1
// -> company C/2 PM L8. The engine's K costs are checked against the floor's before timing;
// a mismatch fails the benchmark instead of timing it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

#include "bench/synthetic.h"
#include "engine/alternatives.h"
#include "engine/landmarks.h"
#include "engine/pareto.h"
#include "engine/route.h"
#include "engine/search.h"

namespace careergraph::bench {
namespace {

constexpr std::uint32_t kSwe = 0, kPm = 2, kK = 10;

struct Fixture {
  GraphPtr g;
  Vertex source = 0, target = 0;
  double landmark_seconds = 0;  // per-graph preprocessing, done before any timing
  std::string error;
};

const Fixture& GetFixture(const std::string& size) {
  static std::map<std::string, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[size];
  if (!slot) {
    slot = std::make_unique<Fixture>();
    const SyntheticOptions o = size == "1k" ? SyntheticOptions::Small() : SyntheticOptions::Medium();
    auto g = CareerGraph::Build(SyntheticLadder(o));
    if (!g.ok()) {
      slot->error = g.status().ToString();
    } else {
      slot->g = *g;
      slot->source = SyntheticPosition(0, kSwe, 1);
      slot->target = SyntheticPosition(o.companies / 2, kPm, 8);
      // Landmark tables are built once per graph on first use; build them before timing.
      const auto start = std::chrono::steady_clock::now();
      for (Metric m : {Metric::kYears, Metric::kHops, Metric::kRisk}) slot->g->landmarks(m);
      slot->landmark_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  }
  return *slot;
}

bool Ready(benchmark::State& state, const Fixture& f) {
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return false;
  }
  return true;
}

// ---- the floor: Yen over Boost.Graph's Dijkstra on a filtered graph ----

class BoostYen {
 public:
  explicit BoostYen(const CareerGraph& g)
      : g_(g),
        banned_v_(g.num_positions(), 0),
        banned_e_(g.num_transitions(), 0),
        dist_(g.num_positions()),
        pred_(g.num_positions()),
        pred_edge_(g.num_positions()) {
    g.csr();  // Boost's copy of the topology is built on first use: not inside a timed loop
  }

  // Costs (years) of the k shortest simple paths s -> t, best first.
  std::vector<double> Run(Vertex s, Vertex t, std::uint32_t k) {
    struct Path {
      std::vector<Vertex> nodes;
      std::vector<EdgeId> edges;
      double cost = 0;
    };
    auto cmp = [](const Path& a, const Path& b) { return a.cost > b.cost || (a.cost == b.cost && a.nodes > b.nodes); };
    std::vector<Path> found;
    std::priority_queue<Path, std::vector<Path>, decltype(cmp)> candidates(cmp);
    std::set<std::vector<Vertex>> seen;
    Path first;
    if (!Spur(s, t, &first.nodes, &first.edges, &first.cost)) return {};
    seen.insert(first.nodes);
    found.push_back(first);
    while (found.size() < k) {
      const Path prev = found.back();
      double root_cost = 0;
      for (std::size_t i = 0; i + 1 < prev.nodes.size(); ++i) {
        if (i > 0) root_cost += g_.years(prev.edges[i - 1]);
        std::vector<Vertex> touched_v;
        std::vector<EdgeId> touched_e;
        for (const Path& p : found)
          if (p.nodes.size() > i + 1 && std::equal(p.nodes.begin(), p.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                                   prev.nodes.begin())) {
            banned_e_[p.edges[i]] = 1;
            touched_e.push_back(p.edges[i]);
          }
        for (std::size_t j = 0; j < i; ++j) {
          banned_v_[prev.nodes[j]] = 1;
          touched_v.push_back(prev.nodes[j]);
        }
        Path spur;
        const bool ok = Spur(prev.nodes[i], t, &spur.nodes, &spur.edges, &spur.cost);
        for (Vertex v : touched_v) banned_v_[v] = 0;
        for (EdgeId e : touched_e) banned_e_[e] = 0;
        if (!ok) continue;
        Path total;
        total.nodes.assign(prev.nodes.begin(), prev.nodes.begin() + static_cast<std::ptrdiff_t>(i));
        total.nodes.insert(total.nodes.end(), spur.nodes.begin(), spur.nodes.end());
        if (!seen.insert(total.nodes).second) continue;
        total.edges.assign(prev.edges.begin(), prev.edges.begin() + static_cast<std::ptrdiff_t>(i));
        total.edges.insert(total.edges.end(), spur.edges.begin(), spur.edges.end());
        total.cost = root_cost + spur.cost;
        candidates.push(std::move(total));
      }
      if (candidates.empty()) break;
      found.push_back(candidates.top());
      candidates.pop();
    }
    std::vector<double> costs;
    for (const auto& p : found) costs.push_back(p.cost);
    return costs;
  }

 private:
  using EdgeDesc = boost::graph_traits<Csr>::edge_descriptor;
  struct KeepEdge {
    const std::vector<char>* banned = nullptr;
    const Csr* csr = nullptr;
    bool operator()(const EdgeDesc& e) const { return !(*banned)[boost::get(boost::edge_index, *csr, e)]; }
  };
  struct KeepVertex {
    const std::vector<char>* banned = nullptr;
    bool operator()(Vertex v) const { return !(*banned)[v]; }
  };
  using Filtered = boost::filtered_graph<Csr, KeepEdge, KeepVertex>;
  struct Found {};
  struct Visitor : boost::default_dijkstra_visitor {
    Vertex target;
    std::vector<EdgeDesc>* pred_edge;
    void edge_relaxed(const EdgeDesc& e, const Filtered& g) const { (*pred_edge)[boost::target(e, g)] = e; }
    void examine_vertex(Vertex u, const Filtered&) const {
      if (u == target) throw Found{};
    }
  };

  bool Spur(Vertex u, Vertex t, std::vector<Vertex>* nodes, std::vector<EdgeId>* edges, double* cost) {
    const Csr& csr = g_.csr();
    Filtered fg(csr, KeepEdge{&banned_e_, &csr}, KeepVertex{&banned_v_});
    auto vidx = boost::get(boost::vertex_index, csr);
    auto weights = boost::make_iterator_property_map(g_.years_column().begin(), boost::get(boost::edge_index, csr));
    Visitor vis;
    vis.target = t;
    vis.pred_edge = &pred_edge_;
    bool hit = false;
    try {
      boost::dijkstra_shortest_paths(fg, u,
                                     boost::weight_map(weights)
                                         .vertex_index_map(vidx)
                                         .distance_map(boost::make_iterator_property_map(dist_.begin(), vidx))
                                         .predecessor_map(boost::make_iterator_property_map(pred_.begin(), vidx))
                                         .visitor(vis));
    } catch (const Found&) {
      hit = true;
    }
    if (!hit) return false;
    *cost = dist_[t];
    for (Vertex v = t; v != u; v = boost::source(pred_edge_[v], csr)) {
      nodes->push_back(v);
      edges->push_back(static_cast<EdgeId>(boost::get(boost::edge_index, csr, pred_edge_[v])));
    }
    nodes->push_back(u);
    std::reverse(nodes->begin(), nodes->end());
    std::reverse(edges->begin(), edges->end());
    return true;
  }

  const CareerGraph& g_;
  std::vector<char> banned_v_, banned_e_;
  std::vector<double> dist_;
  std::vector<Vertex> pred_;
  std::vector<EdgeDesc> pred_edge_;
};

StatusOr<ResolvedRoute> FastestRoute(const CareerGraph& g, Vertex s, Vertex t) {
  v1::RouteRequest req;
  req.set_from(g.position(s).id());
  req.set_to(g.position(t).id());
  req.set_objective(v1::OBJECTIVE_FASTEST);
  return ResolveRoute(g, req, RouteLimits{});
}

double Sum(const std::vector<double>& xs) {
  double s = 0;
  for (double x : xs) s += x;
  return s;
}

// The engine's K costs, or an error message when they differ from the floor's.
std::string CheckAgainstFloor(const CareerGraph& g, const ResolvedRoute& r, std::vector<double>* floor_costs) {
  BoostYen yen(g);
  *floor_costs = yen.Run(r.from, r.to, kK);
  AlternativesOptions opt;
  opt.k = kK;
  auto mine = KShortestRoutes(g, r, opt);
  if (!mine.ok()) return mine.status().ToString();
  if (mine->routes.size() != floor_costs->size()) return "engine and floor found different numbers of routes";
  for (std::size_t i = 0; i < floor_costs->size(); ++i)
    if (std::fabs(mine->routes[i].cost - (*floor_costs)[i]) > 1e-9)
      return "route " + std::to_string(i + 1) + " costs " + std::to_string(mine->routes[i].cost) + ", floor says " +
             std::to_string((*floor_costs)[i]);
  return "";
}

void BM_BoostYen(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  BoostYen yen(*f.g);
  std::vector<double> costs;
  AsServed();
  for (auto _ : state) {
    costs = yen.Run(f.source, f.target, kK);
    benchmark::DoNotOptimize(costs.data());
  }
  state.counters["k"] = static_cast<double>(costs.size());
  state.counters["checksum"] = Sum(costs);
  state.counters["positions"] = f.g->num_positions();
}

void BM_KShortestRoutes(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  auto r = FastestRoute(*f.g, f.source, f.target);
  if (!r.ok()) return state.SkipWithError(r.status().ToString().c_str());
  std::vector<double> floor_costs;
  if (auto err = CheckAgainstFloor(*f.g, *r, &floor_costs); !err.empty()) return state.SkipWithError(err.c_str());
  AlternativesOptions opt;
  opt.k = kK;
  AlternativesResult last;
  AsServed();
  for (auto _ : state) {
    auto res = KShortestRoutes(*f.g, *r, opt);
    if (!res.ok()) return state.SkipWithError(res.status().ToString().c_str());
    last = std::move(*res);
    benchmark::DoNotOptimize(last.routes.data());
  }
  double sum = 0;
  for (const auto& p : last.routes) sum += p.cost;
  state.counters["k"] = static_cast<double>(last.routes.size());
  state.counters["checksum"] = sum;
  state.counters["spur_searches"] = static_cast<double>(last.spur_searches);
  state.counters["settled"] = static_cast<double>(last.settled);
  state.counters["landmarks_s"] = f.landmark_seconds;
}

void BM_FindRouteAlternatives(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  v1::RouteRequest req;
  req.set_from(f.g->position(f.source).id());
  req.set_to(f.g->position(f.target).id());
  req.set_alternatives(kK);
  std::uint32_t found = 0;
  AsServed();
  for (auto _ : state) {
    auto resp = FindRoute(*f.g, req);
    if (!resp.ok()) return state.SkipWithError(resp.status().ToString().c_str());
    found = resp->routes_found();
  }
  state.counters["k"] = found;
}

using Seconds = std::chrono::duration<double>;

template <typename F>
double MedianSeconds(int reps, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(Seconds(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// Floor and engine side by side: each iteration times one floor run and one engine run;
// counters are the medians and their ratio.
void BM_AlternativesSpeedup(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  auto r = FastestRoute(*f.g, f.source, f.target);
  if (!r.ok()) return state.SkipWithError(r.status().ToString().c_str());
  std::vector<double> floor_costs;
  if (auto err = CheckAgainstFloor(*f.g, *r, &floor_costs); !err.empty()) return state.SkipWithError(err.c_str());
  BoostYen yen(*f.g);
  AlternativesOptions opt;
  opt.k = kK;
  std::vector<double> floor_s, engine_s;
  AsServed();
  for (auto _ : state) {
    floor_s.push_back(MedianSeconds(1, [&] { benchmark::DoNotOptimize(yen.Run(f.source, f.target, kK)); }));
    engine_s.push_back(MedianSeconds(1, [&] { benchmark::DoNotOptimize(KShortestRoutes(*f.g, *r, opt)); }));
    state.SetIterationTime(floor_s.back() + engine_s.back());
  }
  std::sort(floor_s.begin(), floor_s.end());
  std::sort(engine_s.begin(), engine_s.end());
  const double fl = floor_s[floor_s.size() / 2], en = engine_s[engine_s.size() / 2];
  state.counters["floor_s"] = fl;
  state.counters["engine_s"] = en;
  state.counters["speedup"] = fl / en;
  state.counters["checksum"] = Sum(floor_costs);
}

// ---- trade-offs ----

std::vector<v1::Criterion> Criteria(int d) {
  std::vector<v1::Criterion> all = {v1::CRITERION_YEARS, v1::CRITERION_RISK, v1::CRITERION_PAY,
                                    v1::CRITERION_LEADERSHIP};
  all.resize(static_cast<std::size_t>(d));
  return all;
}

void BM_ParetoFront(benchmark::State& state, const std::string& size, int d) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  auto filter = RouteFilter::Make(*f.g, {});
  ParetoResult last;
  AsServed();
  for (auto _ : state) {
    auto res = ParetoFront(*f.g, f.source, f.target, Criteria(d), *filter);
    if (!res.ok()) return state.SkipWithError(res.status().ToString().c_str());
    last = std::move(*res);
  }
  state.counters["front"] = static_cast<double>(last.front.size());
  state.counters["labels"] = static_cast<double>(last.labels);
  state.counters["expanded"] = static_cast<double>(last.expanded);
  state.counters["truncated"] = last.truncated ? 1 : 0;
  state.counters["bound_settled"] = static_cast<double>(last.settled);
}

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// 16 seeded pairs (source below level 4, target at least three levels up in another
// company); per-query time, front size and labels, as medians and maxima.
void BM_ParetoRandomPairs(benchmark::State& state, const std::string& size, int d) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const std::uint32_t companies = f.g->num_positions() / (kSyntheticTracks * kSyntheticLevels);
  std::vector<std::pair<Vertex, Vertex>> pairs;
  SearchSpace ws;
  for (std::uint64_t i = 0; pairs.size() < 16 && i < 10000; ++i) {
    const std::uint64_t h = Mix(i + 99);
    const std::uint32_t c1 = h % companies, c2 = (h >> 20) % companies;
    const std::uint32_t l1 = 1 + (h >> 48) % 3, l2 = l1 + 3 + (h >> 52) % (kSyntheticLevels - l1 - 2);
    if (companies > 1 && c1 == c2) continue;
    const Vertex s = SyntheticPosition(c1, (h >> 40) % kSyntheticTracks, l1);
    const Vertex t = SyntheticPosition(c2, (h >> 44) % kSyntheticTracks, l2);
    ForwardSearch(*f.g, s, t, [&](EdgeId e) { return f.g->years(e); }, AllowAll{}, NoPotential{}, ws);
    if (ws.reached(t)) pairs.emplace_back(s, t);
  }
  if (pairs.empty()) return state.SkipWithError("no reachable pairs");
  auto filter = RouteFilter::Make(*f.g, {});
  std::vector<double> secs, fronts, labels;
  std::size_t i = 0, truncated = 0;
  AsServed();
  for (auto _ : state) {
    const auto [s, t] = pairs[i++ % pairs.size()];
    const auto start = std::chrono::steady_clock::now();
    auto res = ParetoFront(*f.g, s, t, Criteria(d), *filter);
    secs.push_back(Seconds(std::chrono::steady_clock::now() - start).count());
    if (!res.ok()) return state.SkipWithError(res.status().ToString().c_str());
    fronts.push_back(static_cast<double>(res->front.size()));
    labels.push_back(static_cast<double>(res->labels));
    truncated += res->truncated;
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  state.counters["median_s"] = median(secs);
  state.counters["max_s"] = *std::max_element(secs.begin(), secs.end());
  state.counters["median_front"] = median(fronts);
  state.counters["max_front"] = *std::max_element(fronts.begin(), fronts.end());
  state.counters["median_labels"] = median(labels);
  state.counters["truncated"] = static_cast<double>(truncated);
}

BENCHMARK_CAPTURE(BM_BoostYen, 1k, std::string("1k"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_KShortestRoutes, 1k, std::string("1k"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BoostYen, 100k, std::string("100k"))->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_KShortestRoutes, 100k, std::string("100k"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FindRouteAlternatives, 100k, std::string("100k"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_AlternativesSpeedup, 100k, std::string("100k"))
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(5);
BENCHMARK_CAPTURE(BM_ParetoFront, 1k_2criteria, std::string("1k"), 2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParetoFront, 100k_2criteria, std::string("100k"), 2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParetoFront, 100k_3criteria, std::string("100k"), 3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParetoFront, 100k_4criteria, std::string("100k"), 4)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_ParetoRandomPairs, 100k_2criteria, std::string("100k"), 2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(16);
BENCHMARK_CAPTURE(BM_ParetoRandomPairs, 100k_3criteria, std::string("100k"), 3)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(16);

}  // namespace
}  // namespace careergraph::bench
