#include "engine/betweenness.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "engine/cancel.h"
#include "engine/search.h"
#include "engine/thread_pool.h"

namespace careergraph {
namespace {

constexpr std::uint32_t kUnset = static_cast<std::uint32_t>(-1);

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

BetweennessSources FromCounts(const std::vector<std::uint32_t>& count, bool exact, std::uint32_t draws) {
  BetweennessSources s;
  s.exact = exact;
  s.draws = draws;
  for (Vertex v = 0; v < count.size(); ++v)
    if (count[v] > 0) {
      s.vertices.push_back(v);
      s.multiplicity.push_back(count[v]);
    }
  return s;
}

}  // namespace

BetweennessSources AllSources(Vertex n) {
  BetweennessSources s;
  s.exact = true;
  s.draws = n;
  s.vertices.resize(n);
  for (Vertex v = 0; v < n; ++v) s.vertices[v] = v;
  s.multiplicity.assign(n, 1);
  return s;
}

BetweennessSources SampleSources(Vertex n, std::uint32_t draws, std::uint64_t seed) {
  std::vector<std::uint32_t> count(n, 0);
  if (n > 0) {
    const std::uint64_t base = SplitMix64(seed ^ 0x6265747765656e6eULL);  // "betweenn"
    for (std::uint32_t i = 0; i < draws; ++i) {
      // Lemire's multiply-shift maps a 64-bit hash to [0, n) without a division.
      const std::uint64_t h = SplitMix64(base + i);
      ++count[static_cast<Vertex>((static_cast<unsigned __int128>(h) * n) >> 64)];
    }
  }
  BetweennessSources s = FromCounts(count, false, draws);
  s.sampled = true;
  s.scale = draws == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(draws);
  return s;
}

BetweennessSources ListedSources(std::span<const Vertex> sources) {
  Vertex n = 0;
  for (Vertex v : sources) n = std::max(n, v + 1);
  std::vector<std::uint32_t> count(n, 0);
  for (Vertex v : sources) ++count[v];
  BetweennessSources s = FromCounts(count, false, static_cast<std::uint32_t>(sources.size()));
  s.scale = 1.0;
  return s;
}

double HoeffdingEpsilon(Vertex n, std::uint32_t draws, double delta) {
  if (draws == 0 || n == 0) return std::numeric_limits<double>::infinity();
  return std::sqrt(std::log(2.0 * n / delta) / (2.0 * draws));
}

std::uint32_t DrawsForEpsilon(Vertex n, double epsilon, double delta) {
  const double k = std::ceil(std::log(2.0 * n / delta) / (2.0 * epsilon * epsilon));
  return k >= 4294967295.0 ? std::numeric_limits<std::uint32_t>::max() : static_cast<std::uint32_t>(k);
}

// ---------------------------------------------------------------------------------------

BrandesWorkspace::BrandesWorkspace(const CareerGraph& g) : g_(g) {
  const std::size_t n = g.num_positions();
  node_.assign(n, Node{kInf, 0, 0, 0});
  rank_.assign(n, kUnset);
  idom_.reserve(n);
  size_.reserve(n);
  order_.reserve(n);
}

void BrandesWorkspace::Run(Vertex s) {
  for (Vertex v : order_) {
    node_[v].dist = kInf;
    rank_[v] = kUnset;
  }
  order_.clear();
  heap_.Reset();
  const std::span<const double> years = g_.years_column();
  const std::span<const Vertex> target = g_.targets();
  const std::span<const EdgeId> out = g_.out_offsets();
  auto bits = [](double d) { return RadixHeap::Key(d); };

  node_[s].dist = 0;
  node_[s].sigma = 1;
  heap_.Push(bits(0.0), s);
  while (!heap_.empty()) {
    const auto [key, u] = heap_.Pop();
    Node& nu = node_[u];
    if (key != bits(nu.dist)) continue;  // superseded by a shorter distance
    PollCancel();
    order_.push_back(u);
    const double du = nu.dist, su = nu.sigma;
    const EdgeId end = out[u + 1];
    for (EdgeId e = out[u]; e < end; ++e) {
      Node& nv = node_[target[e]];
      const double nd = du + years[e];
      if (nd < nv.dist) {
        nv.dist = nd;
        nv.sigma = su;
        heap_.Push(bits(nd), target[e]);
      } else if (nd == nv.dist) {
        nv.sigma += su;  // v is not settled: positive years put settled vertices below du
      }
    }
  }

  // Dependencies, pulled from DAG children in reverse settled order.
  for (std::size_t i = order_.size(); i-- > 0;) {
    const Vertex v = order_[i];
    Node& nv = node_[v];
    const double dv = nv.dist;
    double acc = 0;
    const EdgeId end = out[v + 1];
    for (EdgeId e = out[v]; e < end; ++e) {
      const Node& nw = node_[target[e]];
      if (nw.dist == dv + years[e]) acc += nw.coef;
    }
    nv.delta = nv.sigma * acc;
    nv.coef = (1.0 + nv.delta) / nv.sigma;
  }
}

void BrandesWorkspace::AddDependencies(std::span<ExactSum> acc, std::uint32_t multiplicity) const {
  const double m = multiplicity;
  for (std::size_t i = 1; i < order_.size(); ++i) {
    const Vertex v = order_[i];
    const double d = node_[v].delta;
    if (d != 0) acc[v].Add(multiplicity == 1 ? d : d * m);
  }
}

void BrandesWorkspace::AddRouteCuts(std::span<std::uint64_t> acc, std::uint32_t multiplicity) {
  const std::size_t r = order_.size();
  if (r <= 2) return;
  for (std::size_t i = 0; i < r; ++i) rank_[order_[i]] = static_cast<std::uint32_t>(i);
  // Dominators in settled-order ranks. Every vertex but the source has an in-neighbour
  // settled before it (its shortest-path parent), and a dominator is on every route, so on
  // the fastest one, hence settled earlier: tentative dominators always have lower ranks,
  // which is what the two-finger intersection below relies on.
  idom_.assign(r, kUnset);
  idom_[0] = 0;
  auto intersect = [&](std::uint32_t a, std::uint32_t b) {
    while (a != b) {
      while (a > b) a = idom_[a];
      while (b > a) b = idom_[b];
    }
    return a;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 1; i < r; ++i) {
      const Vertex v = order_[i];
      std::uint32_t best = kUnset;
      const EdgeId end = g_.in_end(v);
      for (EdgeId k = g_.in_begin(v); k < end; ++k) {
        const std::uint32_t p = rank_[g_.in_source(k)];
        if (p == i) continue;  // a self-loop says nothing about dominance
        if (p == kUnset || idom_[p] == kUnset) continue;  // unreached, or not processed yet
        best = best == kUnset ? p : intersect(p, best);
      }
      if (best != idom_[i]) {
        idom_[i] = best;
        changed = true;
      }
    }
  }
  size_.assign(r, 1);
  for (std::size_t i = r; i-- > 1;) size_[idom_[i]] += size_[i];
  for (std::size_t i = 1; i < r; ++i)
    if (size_[i] > 1) acc[order_[i]] += static_cast<std::uint64_t>(size_[i] - 1) * multiplicity;
}

void BetweennessPartial::Merge(const BetweennessPartial& other) {
  if (dependency.size() < other.dependency.size()) dependency.resize(other.dependency.size());
  for (std::size_t i = 0; i < other.dependency.size(); ++i) dependency[i].Add(other.dependency[i]);
  if (routes_cut.size() < other.routes_cut.size()) routes_cut.resize(other.routes_cut.size(), 0);
  for (std::size_t i = 0; i < other.routes_cut.size(); ++i) routes_cut[i] += other.routes_cut[i];
}

BetweennessPartial AccumulateSources(const CareerGraph& g, const BetweennessSources& src,
                                     std::span<const std::size_t> indices, bool route_cuts, int threads,
                                     std::atomic<std::uint64_t>* done) {
  const std::size_t n = g.num_positions();
  const int workers = WorkersFor(indices.size(), threads);
  std::vector<BetweennessPartial> part(static_cast<std::size_t>(workers));
  std::vector<std::unique_ptr<BrandesWorkspace>> ws(static_cast<std::size_t>(workers));
  ParallelFor(indices.size(), workers, [&](std::size_t i, int w) {
    auto& p = part[static_cast<std::size_t>(w)];
    auto& space = ws[static_cast<std::size_t>(w)];
    if (!space) {
      space = std::make_unique<BrandesWorkspace>(g);
      p.dependency.assign(n, ExactSum{});
      if (route_cuts) p.routes_cut.assign(n, 0);
    }
    const std::size_t k = indices[i];
    space->Run(src.vertices[k]);
    space->AddDependencies(p.dependency, src.multiplicity[k]);
    if (route_cuts) space->AddRouteCuts(p.routes_cut, src.multiplicity[k]);
    if (done) done->fetch_add(1, std::memory_order_relaxed);
  });
  BetweennessPartial out;
  out.dependency.assign(n, ExactSum{});
  if (route_cuts) out.routes_cut.assign(n, 0);
  for (const auto& p : part) out.Merge(p);
  return out;
}

BetweennessEstimate FinishEstimate(const BetweennessSources& src, const BetweennessPartial& sums, double delta) {
  BetweennessEstimate e;
  e.sources = src;
  e.betweenness.resize(sums.dependency.size());
  for (std::size_t v = 0; v < sums.dependency.size(); ++v) e.betweenness[v] = sums.dependency[v].value() * src.scale;
  e.routes_cut.resize(sums.routes_cut.size());
  for (std::size_t v = 0; v < sums.routes_cut.size(); ++v)
    e.routes_cut[v] = static_cast<double>(sums.routes_cut[v]) * src.scale;
  if (src.sampled) {
    e.delta = delta;
    e.epsilon = HoeffdingEpsilon(static_cast<Vertex>(sums.dependency.size()), src.draws, delta);
  }
  return e;
}

namespace {
std::vector<std::size_t> Iota(std::size_t k) {
  std::vector<std::size_t> idx(k);
  for (std::size_t i = 0; i < k; ++i) idx[i] = i;
  return idx;
}
}  // namespace

std::vector<double> Betweenness(const CareerGraph& g, int threads) {
  const BetweennessSources src = AllSources(g.num_positions());
  const auto idx = Iota(src.vertices.size());
  return FinishEstimate(src, AccumulateSources(g, src, idx, false, threads), 0).betweenness;
}

StatusOr<std::vector<double>> BetweennessFromSources(const CareerGraph& g, std::span<const Vertex> sources,
                                                     int threads) {
  for (Vertex s : sources)
    if (s >= g.num_positions())
      return Status::InvalidArgument("betweenness source " + std::to_string(s) + " is not a position; the graph has " +
                                     std::to_string(g.num_positions()) + " (ids 0.." +
                                     std::to_string(g.num_positions() == 0 ? 0 : g.num_positions() - 1) + ")")
          .WithField("sources");
  const BetweennessSources src = ListedSources(sources);
  const auto idx = Iota(src.vertices.size());
  auto out = FinishEstimate(src, AccumulateSources(g, src, idx, false, threads), 0).betweenness;
  out.resize(g.num_positions(), 0.0);
  return out;
}

std::vector<std::uint64_t> RouteCuts(const CareerGraph& g, int threads) {
  const BetweennessSources src = AllSources(g.num_positions());
  const auto idx = Iota(src.vertices.size());
  return AccumulateSources(g, src, idx, true, threads).routes_cut;
}

BetweennessEstimate EstimateBetweenness(const CareerGraph& g, std::uint32_t draws, std::uint64_t seed, double delta,
                                        int threads) {
  const BetweennessSources src = draws == 0 ? AllSources(g.num_positions())
                                            : SampleSources(g.num_positions(), draws, seed);
  const auto idx = Iota(src.vertices.size());
  return FinishEstimate(src, AccumulateSources(g, src, idx, true, threads), delta);
}

}  // namespace careergraph
