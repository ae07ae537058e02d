// Route search speed against the floor: Boost.Graph's own dijkstra_shortest_paths over the
// engine's CSR and years column, measured in the same run.
//
//   BM_BoostDijkstraSSSP       boost::dijkstra_shortest_paths from a fixed source, full
//   BM_EngineSSSP              ForwardSearch (OBJECTIVE_FASTEST cost model, no target): target <= floor
//   BM_BoostDijkstraEarlyExit  the floor's one-way point-to-point: a visitor throws at target
//   BM_EngineDijkstraEarlyExit ForwardSearch with a target and no potential (reference)
//   BM_EngineFindRoute         FindRoute fastest (request -> response; on >= 5k positions
//                              bidirectional A* on the landmark tables, built before timing)
//   BM_EngineFindRouteBidi     the same as bidirectional Dijkstra (no tables)
//   BM_EngineSolveRoute        the search alone (SolveRoute on a resolved request)
//   ...RandomPairs             the same over 64 seeded reachable pairs, one pair per iteration,
//                              whole passes over the pairs (a fixed iteration count)
//
// Graphs: bench/synthetic.h presets; "1k" and "100k" always, "1M" only under the BM_Large
// prefix (see bench/README.md). The fixed far pair is the one ../shared/peers uses:
// company 0 SWE L1 -> company C/2 PM L8. Every engine answer is checked against Boost's
// distance once before timing; a mismatch fails the benchmark instead of timing it.
#include <benchmark/benchmark.h>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/synthetic.h"
#include "engine/best_fit_tables.h"
#include "engine/cost.h"
#include "engine/landmarks.h"
#include "engine/matrix.h"
#include "engine/route.h"
#include "engine/search.h"

namespace careergraph::bench {
namespace {

constexpr std::uint32_t kPm = 2, kSwe = 0;
constexpr int kRandomPairs = 64;

struct Fixture {
  GraphPtr g;
  Vertex source = 0, target = 0;  // the far pair
  std::vector<std::pair<Vertex, Vertex>> pairs;
  std::string error;  // set when the fixture could not be built
};

// The floor: plain Boost.Graph Dijkstra with the engine's columns as property maps.
class BoostDijkstra {
 public:
  explicit BoostDijkstra(const CareerGraph& g)
      : g_(g), dist_(g.num_positions()), pred_(g.num_positions()) {
    g.csr();  // Boost's copy of the topology is built on first use: not inside a timed loop
  }

  struct FoundTarget {};
  struct StopAt : boost::default_dijkstra_visitor {
    Vertex target;
    std::uint64_t* examined;
    void examine_vertex(Vertex u, const Csr&) const {
      if (examined) ++*examined;
      if (u == target) throw FoundTarget{};
    }
  };

  // The years column seen through the CSR's edge index: no copy of the graph or weights.
  auto Weights() const {
    return boost::make_iterator_property_map(g_.years_column().begin(), boost::get(boost::edge_index, g_.csr()));
  }

  // Full single-source search; returns dist(target) for checking.
  double Run(Vertex s, Vertex t) {
    const Csr& csr = g_.csr();
    boost::dijkstra_shortest_paths(
        csr, s,
        boost::weight_map(Weights())
            .distance_map(boost::make_iterator_property_map(dist_.begin(), boost::get(boost::vertex_index, csr)))
            .predecessor_map(boost::make_iterator_property_map(pred_.begin(), boost::get(boost::vertex_index, csr))));
    return dist_[t];
  }

  // One-way point-to-point: stops when `t` is settled (as ../shared/peers/cpp/peer_boost.cpp).
  double RunTo(Vertex s, Vertex t, std::uint64_t* examined = nullptr) {
    const Csr& csr = g_.csr();
    StopAt vis;
    vis.target = t;
    vis.examined = examined;
    try {
      boost::dijkstra_shortest_paths(
          csr, s,
          boost::weight_map(Weights())
              .distance_map(boost::make_iterator_property_map(dist_.begin(), boost::get(boost::vertex_index, csr)))
              .predecessor_map(boost::make_iterator_property_map(pred_.begin(), boost::get(boost::vertex_index, csr)))
              .visitor(vis));
    } catch (const FoundTarget&) {
    }
    return dist_[t];
  }

  // Valid after Run(): Boost leaves unreached vertices at the largest double.
  bool reached(Vertex v) const { return dist_[v] < std::numeric_limits<double>::max(); }
  double dist(Vertex v) const { return dist_[v]; }
  std::uint64_t Reached() const {
    std::uint64_t r = 0;
    for (Vertex v = 0; v < dist_.size(); ++v) r += reached(v) ? 1 : 0;
    return r;
  }

 private:
  const CareerGraph& g_;
  std::vector<double> dist_;
  std::vector<Vertex> pred_;
};

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Seeded pairs (source below level 4, target at least three levels higher in another
// company) that have a route, so every query does the work of a real answer.
std::vector<std::pair<Vertex, Vertex>> ChoosePairs(const CareerGraph& g, std::uint32_t companies) {
  std::vector<std::pair<Vertex, Vertex>> pairs;
  SearchSpace ws;
  for (std::uint64_t i = 0; pairs.size() < kRandomPairs && i < 100000; ++i) {
    const std::uint64_t h = Mix(i * 0x2545F4914F6CDD1DULL + 17);
    const std::uint32_t c1 = h % companies, c2 = (h >> 20) % companies;
    const std::uint32_t t1 = (h >> 40) % kSyntheticTracks, t2 = (h >> 44) % kSyntheticTracks;
    const std::uint32_t l1 = 1 + (h >> 48) % 3, l2 = l1 + 3 + (h >> 52) % (kSyntheticLevels - l1 - 2);
    if (companies > 1 && c1 == c2) continue;
    const Vertex s = SyntheticPosition(c1, t1, l1), t = SyntheticPosition(c2, t2, l2);
    ForwardSearch(g, s, t, [&](EdgeId e) { return g.years(e); }, AllowAll{}, NoPotential{}, ws);
    if (ws.reached(t)) pairs.emplace_back(s, t);
  }
  return pairs;
}

Fixture MakeFixture(const SyntheticOptions& o) {
  Fixture f;
  auto g = CareerGraph::Build(SyntheticLadder(o));
  if (!g.ok()) {
    f.error = g.status().ToString();
    return f;
  }
  f.g = *g;
  f.source = SyntheticPosition(0, kSwe, 1);
  f.target = SyntheticPosition(o.companies / 2, kPm, 8);
  f.pairs = ChoosePairs(*f.g, o.companies);
  return f;
}

const Fixture& GetFixture(const std::string& size) {
  static std::map<std::string, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[size];
  if (!slot) {
    // "+skills": the same ladder with competency profiles (synthetic.h).
    const std::string base = size.substr(0, size.find('+'));
    SyntheticOptions o = base == "1k"     ? SyntheticOptions::Small()
                         : base == "100k" ? SyntheticOptions::Medium()
                                          : SyntheticOptions::Large();
    o.competencies = size != base;
    slot = std::make_unique<Fixture>(MakeFixture(o));
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

void AddGraphCounters(benchmark::State& state, const CareerGraph& g) {
  state.counters["positions"] = g.num_positions();
  state.counters["transitions"] = g.num_transitions();
}

v1::RouteRequest FastestRequest(const CareerGraph& g, Vertex s, Vertex t) {
  v1::RouteRequest req;
  req.set_from(g.position(s).id());
  req.set_to(g.position(t).id());
  req.set_objective(v1::OBJECTIVE_FASTEST);
  return req;
}

bool SameDistance(double a, double b) { return a == b || std::fabs(a - b) <= 1e-9 * std::max(a, b); }

// Which search an unconstrained route takes: the default (bidirectional A* on the landmark
// tables, built before timing), bidirectional Dijkstra (no tables: what a route gets before
// the tables exist, and every route got before bidirectional A*), or one-way landmark A*
// (every route before the bidirectional fast path).
// kDefault: as a query finds the graph before a host has built any best-fit tables;
// kWeightingTables: best fit on its weighting's own tables (built before timing).
enum class RouteSearch { kDefault, kBidirectionalDijkstra, kForwardALT, kWeightingTables };

RouteLimits LimitsFor(RouteSearch search) {
  RouteLimits limits;
  if (search == RouteSearch::kBidirectionalDijkstra) {
    limits.landmark_min_positions = static_cast<std::uint32_t>(-1);
    limits.bidirectional_min_positions = 0;  // on small graphs too
  }
  if (search == RouteSearch::kForwardALT) limits.bidirectional_min_positions = static_cast<std::uint32_t>(-1);
  limits.best_fit_tables = search == RouteSearch::kWeightingTables;
  return limits;
}

// ---- single source ----

void BM_BoostDijkstraSSSP(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  BoostDijkstra boost_dijkstra(*f.g);
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(boost_dijkstra.Run(f.source, f.target));
  state.counters["settled"] = static_cast<double>(boost_dijkstra.Reached());
  AddGraphCounters(state, *f.g);
}

void BM_EngineSSSP(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  auto cost = CostModel::Make(g, v1::OBJECTIVE_FASTEST, {});
  SearchSpace ws;
  BoostDijkstra check(g);
  check.Run(f.source, f.target);
  ForwardSearch(g, f.source, kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
  for (Vertex v = 0; v < g.num_positions(); ++v) {
    if (ws.reached(v) != check.reached(v) || (ws.reached(v) && !SameDistance(ws.dist(v), check.dist(v)))) {
      state.SkipWithError(("engine distance to " + g.position(v).id() + " differs from Boost's").c_str());
      return;
    }
  }
  std::uint64_t settled = 0;
  AsServed();
  for (auto _ : state) {
    settled = ForwardSearch(g, f.source, kNoVertex, *cost, AllowAll{}, NoPotential{}, ws);
    benchmark::DoNotOptimize(ws.dist(f.target));
  }
  state.counters["settled"] = static_cast<double>(settled);
  AddGraphCounters(state, g);
}

// ---- point to point, the fixed far pair ----

void BM_BoostDijkstraEarlyExit(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  BoostDijkstra boost_dijkstra(*f.g);
  std::uint64_t settled = 0;
  const double d = boost_dijkstra.RunTo(f.source, f.target, &settled);
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(boost_dijkstra.RunTo(f.source, f.target));
  state.counters["settled"] = static_cast<double>(settled);
  state.counters["years"] = d;
  AddGraphCounters(state, *f.g);
}

void BM_EngineDijkstraEarlyExit(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  auto cost = CostModel::Make(g, v1::OBJECTIVE_FASTEST, {});
  SearchSpace ws;
  std::uint64_t settled = 0;
  AsServed();
  for (auto _ : state) {
    settled = ForwardSearch(g, f.source, f.target, *cost, AllowAll{}, NoPotential{}, ws);
    benchmark::DoNotOptimize(ws.dist(f.target));
  }
  state.counters["settled"] = static_cast<double>(settled);
  state.counters["years"] = ws.dist(f.target);
}

void FindRouteFixedPair(benchmark::State& state, const std::string& size, RouteSearch search) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  const RouteLimits limits = LimitsFor(search);
  const v1::RouteRequest req = FastestRequest(g, f.source, f.target);
  auto first = FindRoute(g, req, limits);  // builds the landmark tables outside the timed loop
  BoostDijkstra check(g);
  if (!first.ok() || first->routes_size() != 1 ||
      !SameDistance(first->routes(0).totals().years(), check.RunTo(f.source, f.target))) {
    state.SkipWithError("FindRoute disagrees with Boost's distance");
    return;
  }
  std::uint64_t settled = 0;
  AsServed();
  for (auto _ : state) {
    auto r = FindRoute(g, req, limits);
    settled = r->settled();
    benchmark::DoNotOptimize(r);
  }
  state.counters["settled"] = static_cast<double>(settled);
  state.counters["years"] = first->routes(0).totals().years();
}

void BM_EngineFindRoute(benchmark::State& s, const std::string& size) {
  FindRouteFixedPair(s, size, RouteSearch::kDefault);
}
void BM_EngineFindRouteBidi(benchmark::State& s, const std::string& size) {
  FindRouteFixedPair(s, size, RouteSearch::kBidirectionalDijkstra);
}

void BM_EngineSolveRoute(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  auto r = ResolveRoute(g, FastestRequest(g, f.source, f.target), RouteLimits{});
  if (!r.ok() || !SolveRoute(g, *r, RouteLimits{}).ok()) {
    state.SkipWithError("cannot resolve the far pair");
    return;
  }
  std::uint64_t settled = 0;
  AsServed();
  for (auto _ : state) {
    auto p = SolveRoute(g, *r, RouteLimits{});
    settled = p->settled;
    benchmark::DoNotOptimize(p);
  }
  state.counters["settled"] = static_cast<double>(settled);
}

// ---- point to point, random reachable pairs (one per iteration, cycling) ----

void BM_BoostDijkstraEarlyExitRandomPairs(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  BoostDijkstra boost_dijkstra(*f.g);
  std::uint64_t settled = 0;
  for (const auto& [s, t] : f.pairs) boost_dijkstra.RunTo(s, t, &settled);
  std::size_t i = 0;
  AsServed();
  for (auto _ : state) {
    const auto& [s, t] = f.pairs[i++ % f.pairs.size()];
    benchmark::DoNotOptimize(boost_dijkstra.RunTo(s, t));
  }
  state.counters["settled"] = static_cast<double>(settled) / static_cast<double>(f.pairs.size());
  state.counters["pairs"] = static_cast<double>(f.pairs.size());
}

void BM_EngineFindRouteRandomPairs(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  std::vector<v1::RouteRequest> requests;
  BoostDijkstra check(g);
  std::uint64_t settled = 0;
  for (const auto& [s, t] : f.pairs) {
    requests.push_back(FastestRequest(g, s, t));
    auto r = FindRoute(g, requests.back());
    if (!r.ok() || !SameDistance(r->routes(0).totals().years(), check.RunTo(s, t))) {
      state.SkipWithError(("FindRoute disagrees with Boost for " + requests.back().from() + " -> " +
                           requests.back().to())
                              .c_str());
      return;
    }
    settled += r->settled();
  }
  std::size_t i = 0;
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(FindRoute(g, requests[i++ % requests.size()]));
  state.counters["settled"] = static_cast<double>(settled) / static_cast<double>(requests.size());
  state.counters["pairs"] = static_cast<double>(requests.size());
}

// The random pairs again on the ladder with competency profiles, by fastest and by best fit
// with a skills weight (years=1, skills=0.25), in one run so their ratio is like for like.
// The best-fit routes are checked against a plain Dijkstra on the same cost first.
void BM_EngineRouteObjectiveRandomPairs(benchmark::State& state, const std::string& size, bool skills) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  std::vector<v1::RouteRequest> requests;
  std::uint64_t settled = 0;
  double gap = 0;
  SearchSpace ws;
  for (const auto& [s, t] : f.pairs) {
    v1::RouteRequest req = FastestRequest(g, s, t);
    if (skills) {
      req.set_objective(v1::OBJECTIVE_BEST_FIT);
      req.mutable_weights()->set_years(1);
      req.mutable_weights()->set_skills(0.25);
    }
    auto r = FindRoute(g, req);
    auto cost = CostModel::Make(g, req.objective(), req.weights());
    if (!r.ok() || !cost.ok()) {
      state.SkipWithError(("no route for " + req.from() + " -> " + req.to()).c_str());
      return;
    }
    ForwardSearch(g, s, t, *cost, AllowAll{}, NoPotential{}, ws);
    if (!SameDistance(r->routes(0).totals().cost(), ws.dist(t))) {
      state.SkipWithError(("FindRoute disagrees with Dijkstra for " + req.from() + " -> " + req.to()).c_str());
      return;
    }
    settled += r->settled();
    gap += r->routes(0).totals().gap();
    requests.push_back(std::move(req));
  }
  std::size_t i = 0;
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(FindRoute(g, requests[i++ % requests.size()]));
  state.counters["settled"] = static_cast<double>(settled) / static_cast<double>(requests.size());
  state.counters["gap"] = gap / static_cast<double>(requests.size());
  state.counters["pairs"] = static_cast<double>(requests.size());
}

void BM_EngineFastestRandomPairsProfiles(benchmark::State& state, const std::string& size) {
  BM_EngineRouteObjectiveRandomPairs(state, size, false);
}
void BM_EngineSkillsRandomPairs(benchmark::State& state, const std::string& size) {
  BM_EngineRouteObjectiveRandomPairs(state, size, true);
}

// ---- the unconstrained fast path per objective, and the ALT search it replaced ----

// Fixed weights for the best-fit runs: every term, so the cost depends on the position too.
v1::Weights BestFitWeights() {
  v1::Weights w;
  w.set_years(1);
  w.set_risk(0.5);
  w.set_pay(2);
  w.set_ambiguity(0.5);
  w.set_leadership(0.5);
  return w;
}

// FindRoute over the random pairs under `objective` by `search`. Every answer's cost is
// checked against a plain Dijkstra's under the same cost model before timing.
void RandomPairsObjective(benchmark::State& state, const std::string& size, v1::Objective objective,
                          RouteSearch search) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  const RouteLimits limits = LimitsFor(search);
  std::vector<v1::RouteRequest> requests;
  auto cost = CostModel::Make(g, objective, objective == v1::OBJECTIVE_BEST_FIT ? BestFitWeights() : v1::Weights{});
  if (search == RouteSearch::kWeightingTables) {
    // Built by the first run (a repetition finds them); its time is the customization's
    // alone (the years table, whose landmark positions it reuses, is built first).
    g.landmarks(Metric::kYears);
    const auto t0 = std::chrono::steady_clock::now();
    if (g.best_fit_tables().Build(g, cost->weights()))
      state.counters["customize_ms"] =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  SearchSpace ws;
  std::uint64_t settled = 0;
  for (const auto& [s, t] : f.pairs) {
    v1::RouteRequest req = FastestRequest(g, s, t);
    req.set_objective(objective);
    if (objective == v1::OBJECTIVE_BEST_FIT) *req.mutable_weights() = BestFitWeights();
    auto r = FindRoute(g, req, limits);
    ForwardSearch(g, s, t, *cost, AllowAll{}, NoPotential{}, ws);
    double want = 0;  // the reported cost along Dijkstra's route
    for (EdgeId e : ExtractPath(g, ws, t)) want += cost->Reported(e);
    if (!r.ok() || !SameDistance(r->routes(0).totals().cost(), want)) {
      state.SkipWithError(("FindRoute disagrees with Dijkstra for " + req.from() + " -> " + req.to()).c_str());
      return;
    }
    settled += r->settled();
    requests.push_back(std::move(req));
  }
  std::size_t i = 0;
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(FindRoute(g, requests[i++ % requests.size()], limits));
  state.counters["settled"] = static_cast<double>(settled) / static_cast<double>(requests.size());
}

// FindRoute fastest over the random pairs with exclusions: the data track avoided and no pay
// cut, by `search`; pairs with an excluded endpoint or no route left out (a request with no
// route also pays for the searches that explain why). Every answer's cost checked against a
// plain Dijkstra under the same exclusions before timing.
void AvoidRandomPairs(benchmark::State& state, const std::string& size, RouteSearch search) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  const RouteLimits limits = LimitsFor(search);
  std::vector<v1::RouteRequest> requests;
  SearchSpace ws;
  std::uint64_t settled = 0;
  for (const auto& [s, t] : f.pairs) {
    v1::RouteRequest req = FastestRequest(g, s, t);
    req.mutable_constraints()->add_avoid_tracks("data");
    req.mutable_constraints()->set_no_pay_cut(true);
    auto resolved = ResolveRoute(g, req, limits);
    if (!resolved.ok()) {
      state.SkipWithError(resolved.status().ToString().c_str());
      return;
    }
    if (!resolved->filter.VertexOk(s) || !resolved->filter.VertexOk(t)) continue;
    ForwardSearch(g, s, t, resolved->cost, resolved->filter, NoPotential{}, ws);
    auto r = FindRoute(g, req, limits);
    if (!ws.reached(t) ? r.ok() : !r.ok() || !SameDistance(r->routes(0).totals().cost(), ws.dist(t))) {
      state.SkipWithError(("FindRoute disagrees with Dijkstra for " + req.from() + " -> " + req.to()).c_str());
      return;
    }
    if (!r.ok()) continue;
    settled += r->settled();
    requests.push_back(std::move(req));
  }
  std::size_t i = 0;
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(FindRoute(g, requests[i++ % requests.size()], limits));
  state.counters["settled"] = static_cast<double>(settled) / static_cast<double>(requests.size());
  state.counters["pairs"] = static_cast<double>(requests.size());
}
// The same exclusions for the pairs they leave without a route: the answer is NO_ROUTE with
// the constraints that block it, found by searching again without each one.
void BM_EngineRouteAvoidNoRoute(benchmark::State& state, const std::string& size) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  std::vector<v1::RouteRequest> requests;
  for (const auto& [s, t] : f.pairs) {
    v1::RouteRequest req = FastestRequest(g, s, t);
    req.mutable_constraints()->add_avoid_tracks("data");
    req.mutable_constraints()->set_no_pay_cut(true);
    auto r = FindRoute(g, req, {});
    if (!r.ok() && r.status().code() == v1::NO_ROUTE && r.status().message().find("blocked") != std::string::npos)
      requests.push_back(std::move(req));
  }
  if (requests.empty()) {
    state.SkipWithError("no pair is blocked by the exclusions alone");
    return;
  }
  std::size_t i = 0;
  AsServed();
  for (auto _ : state) benchmark::DoNotOptimize(FindRoute(g, requests[i++ % requests.size()], {}));
  state.counters["pairs"] = static_cast<double>(requests.size());
}
void BM_EngineRouteAvoidRandomPairs(benchmark::State& s, const std::string& size) {
  AvoidRandomPairs(s, size, RouteSearch::kDefault);
}
void BM_EngineRouteAvoidALTRandomPairs(benchmark::State& s, const std::string& size) {
  AvoidRandomPairs(s, size, RouteSearch::kForwardALT);
}

void BM_EngineRouteFastestRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_FASTEST, RouteSearch::kDefault);
}
void BM_EngineRouteFewestMovesRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_FEWEST_MOVES, RouteSearch::kDefault);
}
void BM_EngineRouteSafestRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_SAFEST, RouteSearch::kDefault);
}
void BM_EngineRouteBestFitRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_BEST_FIT, RouteSearch::kDefault);
}
void BM_EngineRouteBestFitTablesRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_BEST_FIT, RouteSearch::kWeightingTables);
}
void BM_EngineRouteFastestBidiRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_FASTEST, RouteSearch::kBidirectionalDijkstra);
}
void BM_EngineRouteFewestMovesBidiRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_FEWEST_MOVES, RouteSearch::kBidirectionalDijkstra);
}
void BM_EngineRouteSafestBidiRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_SAFEST, RouteSearch::kBidirectionalDijkstra);
}
void BM_EngineRouteBestFitBidiRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_BEST_FIT, RouteSearch::kBidirectionalDijkstra);
}
void BM_EngineRouteFastestALTRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_FASTEST, RouteSearch::kForwardALT);
}
void BM_EngineRouteFewestMovesALTRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_FEWEST_MOVES, RouteSearch::kForwardALT);
}
void BM_EngineRouteSafestALTRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_SAFEST, RouteSearch::kForwardALT);
}
void BM_EngineRouteBestFitALTRandomPairs(benchmark::State& s, const std::string& size) {
  RandomPairsObjective(s, size, v1::OBJECTIVE_BEST_FIT, RouteSearch::kForwardALT);
}

// ---- many-to-many: a seeded 1,000 x 1,000 matrix ----

std::vector<std::string> SeededPositions(const CareerGraph& g, std::uint64_t salt, std::size_t count) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < count; ++i)
    ids.push_back(g.position(static_cast<Vertex>(Mix(i * 0x9E37 + salt) % g.num_positions())).id());
  return ids;
}

v1::MatrixRequest MatrixRequestOf(const CareerGraph& g, std::size_t origins, std::size_t destinations) {
  v1::MatrixRequest req;
  for (auto& id : SeededPositions(g, 1, origins)) req.add_from(id);
  for (auto& id : SeededPositions(g, 2, destinations)) req.add_to(id);
  req.set_objective(v1::OBJECTIVE_FASTEST);
  return req;
}

// `origins` x 1,000 fastest matrix; `per_origin` forces one Dijkstra per origin (the
// matrix before many-to-many). The counter `ms_per_origin` compares runs of different
// origin counts. The first rows are checked against the per-origin search before timing.
void MatrixBench(benchmark::State& state, const std::string& size, std::size_t origins, bool per_origin) {
  const Fixture& f = GetFixture(size);
  if (!Ready(state, f)) return;
  const CareerGraph& g = *f.g;
  const v1::MatrixRequest req = MatrixRequestOf(g, origins, 1000);
  MatrixLimits limits;
  limits.max_cells = 1'000'000;
  limits.many_to_many_min_positions = per_origin ? static_cast<std::uint32_t>(-1) : 0;
  limits.many_to_many_min_origins = 0;
  if (!per_origin) {
    v1::MatrixRequest head = req;
    head.mutable_from()->DeleteSubrange(8, head.from_size() - 8);
    MatrixLimits slow = limits;
    slow.many_to_many_min_positions = static_cast<std::uint32_t>(-1);
    auto a = ComputeMatrix(g, head, limits), b = ComputeMatrix(g, head, slow);
    if (!a.ok() || !b.ok()) {
      state.SkipWithError("matrix failed");
      return;
    }
    for (int i = 0; i < a->rows_size(); ++i)
      for (int j = 0; j < a->rows(i).cells_size(); ++j) {
        const auto &x = a->rows(i).cells(j), &y = b->rows(i).cells(j);
        if (x.reachable() != y.reachable() || !SameDistance(x.years(), y.years())) {
          state.SkipWithError("many-to-many disagrees with one search per origin");
          return;
        }
      }
  }
  std::uint64_t settled = 0;
  AsServed();
  for (auto _ : state) {
    auto r = ComputeMatrix(g, req, limits);
    settled = r->settled();
    benchmark::DoNotOptimize(r);
  }
  state.counters["settled"] = static_cast<double>(settled);
  state.counters["ms_per_origin"] = benchmark::Counter(
      static_cast<double>(origins) / 1e3, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_EngineMatrixManyToMany(benchmark::State& s, const std::string& size) { MatrixBench(s, size, 1000, false); }
// One batch of origins, for profiling.
void BM_EngineMatrixManyToMany32(benchmark::State& s, const std::string& size) { MatrixBench(s, size, 32, false); }
// One search per origin takes ~40 ms at 100k: 100 origins keep a repetition near 4 s.
void BM_EngineMatrixPerOrigin(benchmark::State& s, const std::string& size) { MatrixBench(s, size, 100, true); }

// ---- registration: 1k and 100k always; 1M only as BM_Large* ----

#define CAREERGRAPH_ROUTE_BENCH(fn, size, unit) \
  BENCHMARK_CAPTURE(fn, size, std::string(#size))->Unit(benchmark::unit)

CAREERGRAPH_ROUTE_BENCH(BM_BoostDijkstraSSSP, 1k, kMicrosecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineSSSP, 1k, kMicrosecond);
CAREERGRAPH_ROUTE_BENCH(BM_BoostDijkstraEarlyExit, 1k, kMicrosecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineDijkstraEarlyExit, 1k, kMicrosecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineFindRoute, 1k, kMicrosecond);
// Whole passes over the pairs, so every pair weighs the same in the mean.
CAREERGRAPH_ROUTE_BENCH(BM_BoostDijkstraEarlyExitRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineFindRouteRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);

// Every objective on the 1k ladder (one-way Dijkstra: below bidirectional_min_positions),
// and the same pairs meeting in the middle (what every graph from 5,000 positions gets).
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFastestRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFewestMovesRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteSafestRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteBestFitRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFastestBidiRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFewestMovesBidiRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteSafestBidiRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteBestFitBidiRandomPairs, 1k, kMicrosecond)->Iterations(kRandomPairs * 50);

CAREERGRAPH_ROUTE_BENCH(BM_BoostDijkstraSSSP, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineSSSP, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_BoostDijkstraEarlyExit, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineDijkstraEarlyExit, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineFindRoute, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineFindRouteBidi, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineSolveRoute, 100k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_BoostDijkstraEarlyExitRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs);
CAREERGRAPH_ROUTE_BENCH(BM_EngineFindRouteRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFastestRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFewestMovesRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteSafestRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteBestFitRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteBestFitTablesRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFastestBidiRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFewestMovesBidiRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteSafestBidiRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteBestFitBidiRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFastestALTRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteFewestMovesALTRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteSafestALTRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteBestFitALTRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteAvoidRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteAvoidALTRandomPairs, 100k, kMillisecond)->Iterations(kRandomPairs * 4);
CAREERGRAPH_ROUTE_BENCH(BM_EngineRouteAvoidNoRoute, 100k, kMillisecond)->Iterations(kRandomPairs);
CAREERGRAPH_ROUTE_BENCH(BM_EngineMatrixManyToMany, 1k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineMatrixPerOrigin, 1k, kMillisecond);
CAREERGRAPH_ROUTE_BENCH(BM_EngineMatrixManyToMany, 100k, kMillisecond)->Iterations(1);
CAREERGRAPH_ROUTE_BENCH(BM_EngineMatrixPerOrigin, 100k, kMillisecond)->Iterations(1);
CAREERGRAPH_ROUTE_BENCH(BM_EngineMatrixManyToMany32, 100k, kMillisecond);
BENCHMARK_CAPTURE(BM_EngineFastestRandomPairsProfiles, 100k_skills, std::string("100k+skills"))
    ->Unit(benchmark::kMillisecond)->Iterations(kRandomPairs * 4);
BENCHMARK_CAPTURE(BM_EngineSkillsRandomPairs, 100k_skills, std::string("100k+skills"))
    ->Unit(benchmark::kMillisecond)->Iterations(kRandomPairs * 4);

void BM_Large_BoostDijkstraSSSP(benchmark::State& s) { BM_BoostDijkstraSSSP(s, "1M"); }
void BM_Large_EngineSSSP(benchmark::State& s) { BM_EngineSSSP(s, "1M"); }
void BM_Large_BoostDijkstraEarlyExit(benchmark::State& s) { BM_BoostDijkstraEarlyExit(s, "1M"); }
void BM_Large_EngineFindRoute(benchmark::State& s) { BM_EngineFindRoute(s, "1M"); }
void BM_Large_BoostDijkstraEarlyExitRandomPairs(benchmark::State& s) { BM_BoostDijkstraEarlyExitRandomPairs(s, "1M"); }
void BM_Large_EngineFindRouteRandomPairs(benchmark::State& s) { BM_EngineFindRouteRandomPairs(s, "1M"); }
BENCHMARK(BM_Large_BoostDijkstraSSSP)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large_EngineSSSP)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large_BoostDijkstraEarlyExit)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large_EngineFindRoute)->Unit(benchmark::kMillisecond);
// One pair takes about a second on the floor, so fix the count: 16 of the 64 pairs.
BENCHMARK(BM_Large_BoostDijkstraEarlyExitRandomPairs)->Unit(benchmark::kMillisecond)->Iterations(16);
BENCHMARK(BM_Large_EngineFindRouteRandomPairs)->Unit(benchmark::kMillisecond)->Iterations(16);

}  // namespace
}  // namespace careergraph::bench
