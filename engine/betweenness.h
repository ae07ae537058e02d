// Bottlenecks: betweenness centrality of positions over fastest routes, and the positions
// whose removal disconnects the most routes.
//
// Betweenness of v is the sum over ordered pairs (s, t), s != v != t, of the share of
// fastest s -> t routes (by years) that pass through v: the unnormalised, directed
// definition. It is computed with Brandes' algorithm (U. Brandes, "A faster algorithm for
// betweenness centrality", J. Math. Sociology 25(2), 2001): one Dijkstra per source that
// counts shortest paths, then dependencies accumulated in reverse settled order.
//
// Routes cut by v is the number of ordered pairs (s, t) of other positions such that t is
// reachable from s and every route s -> t passes through v, i.e. v dominates t in the flow
// graph rooted at s. It comes from the same per-source search: the dominator tree is built
// with the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
// Algorithm", 2001) over the settled order, and v's share is its subtree size minus one.
//
// Large graphs use a uniform sample of k sources drawn with replacement, scaled by n/k
// (Brandes & Pich, "Centrality estimation in large networks", Int. J. Bifurcation and
// Chaos 17(7), 2007). Each draw contributes n * delta_s(v), a value in [0, n(n-2)], so by
// Hoeffding's inequality and a union bound over the n positions, with probability at least
// 1 - delta every estimate is within epsilon * n(n-2) of the exact value, where
// epsilon = sqrt(ln(2n / delta) / (2k)). (Riondato & Kornaropoulos, "Fast approximation of
// betweenness centrality through sampling", DMKD 30, 2016, sample pairs instead and get a
// bound independent of n through the VC dimension; source sampling is used here because one
// search per source serves every target, the route-cut count and the thread split alike.)
//
// Design choices:
//  - Deterministic whatever the thread count or the number of processes: each source's
//    pass runs on one thread in a fixed order, and the per-source dependencies are added
//    into 64.64 fixed-point accumulators (ExactSum). Integer addition is associative, so
//    per-thread (or per-rank) partial sums merge to the same bits in any order and any
//    split; a floating-point sum would change in its last bits with the split.
//  - The dependency pass pulls along out-edges, delta(v) = sigma(v) * sum over DAG
//    children w of (1 + delta(w)) / sigma(w), so it reads the forward CSR in order and
//    writes each vertex once, and needs no predecessor lists (Boost.Graph's
//    brandes_betweenness_centrality keeps a vector of incoming edges per vertex).
//  - Shortest-path DAG membership is the exact test dist(v) + years(e) == dist(w), the
//    same test the forward pass counts paths with; years are positive (CareerGraph checks),
//    so the settled order is a topological order of the DAG and of every dominator chain.
//  - The per-source Dijkstra uses a monotone radix heap (radix_heap.h) with lazy deletion
//    rather than an indexed heap with decrease-key. Settling order among equal distances
//    does not matter: path counts are integers held exactly in doubles, and dependencies are
//    summed in out-edge order.
//  - Distance, path count and dependency of a vertex sit together in one 32-byte record, so
//    the random accesses of both passes touch one cache line per vertex, not three.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/career_graph.h"
#include "engine/radix_heap.h"
#include "engine/status.h"

namespace careergraph {

// A non-negative sum of doubles kept exactly in 64.64 fixed point (each term truncated to a
// multiple of 2^-64), so sums of the same terms are bit-identical in any order.
class ExactSum {
 public:
  // x must be finite and in [0, 2^63).
  void Add(double x) {
    const auto hi = static_cast<std::uint64_t>(x);
    const double frac = x - static_cast<double>(hi);  // exact
    const auto lo = static_cast<std::uint64_t>(frac * 0x1p64);
    v_ += (static_cast<unsigned __int128>(hi) << 64) | lo;
  }
  void Add(const ExactSum& o) { v_ += o.v_; }
  double value() const {
    return static_cast<double>(static_cast<std::uint64_t>(v_ >> 64)) +
           static_cast<double>(static_cast<std::uint64_t>(v_)) * 0x1p-64;
  }
  std::uint64_t high() const { return static_cast<std::uint64_t>(v_ >> 64); }
  std::uint64_t low() const { return static_cast<std::uint64_t>(v_); }
  static ExactSum FromParts(std::uint64_t high, std::uint64_t low) {
    ExactSum s;
    s.v_ = (static_cast<unsigned __int128>(high) << 64) | low;
    return s;
  }
  bool operator==(const ExactSum& o) const { return v_ == o.v_; }

 private:
  unsigned __int128 v_ = 0;
};

// Which sources feed the estimate: every position once (exact) or a sample.
struct BetweennessSources {
  bool exact = true;
  bool sampled = false;                 // drawn at random (the error bound applies)
  std::uint32_t draws = 0;              // sources drawn (n when exact)
  std::vector<Vertex> vertices;         // distinct, ascending
  std::vector<std::uint32_t> multiplicity;  // how often each was drawn
  // The factor turning sums over the sources into estimates: n / draws (1 when exact).
  double scale = 1.0;
};

BetweennessSources AllSources(Vertex n);
// `draws` uniform draws with replacement from [0, n), a pure function of (n, draws, seed).
BetweennessSources SampleSources(Vertex n, std::uint32_t draws, std::uint64_t seed);
// Each listed vertex is a source as often as it is listed; no rescaling (scale = 1).
BetweennessSources ListedSources(std::span<const Vertex> sources);

// epsilon of the bound above for n positions, k draws and failure probability delta.
double HoeffdingEpsilon(Vertex n, std::uint32_t draws, double delta);
// The least k whose epsilon is at most `epsilon`.
std::uint32_t DrawsForEpsilon(Vertex n, double epsilon, double delta);

// One source's searches; one workspace per thread, reused across sources.
class BrandesWorkspace {
 public:
  explicit BrandesWorkspace(const CareerGraph& g);

  // Dijkstra by years from s counting shortest paths, then the dependencies delta_s.
  void Run(Vertex s);
  // acc[v] += multiplicity * delta_s(v) for every v != s reached by the last Run.
  void AddDependencies(std::span<ExactSum> acc, std::uint32_t multiplicity) const;
  // acc[v] += multiplicity * (number of positions t != v reachable from s whose every route
  // from s passes through v), for every v != s reached by the last Run.
  void AddRouteCuts(std::span<std::uint64_t> acc, std::uint32_t multiplicity);

  // After Run: vertices in settled order (the source first) and their distances.
  const std::vector<Vertex>& order() const { return order_; }
  double dist(Vertex v) const { return node_[v].dist; }
  double paths(Vertex v) const { return node_[v].sigma; }
  double dependency(Vertex v) const { return node_[v].delta; }

 private:
  struct Node {
    double dist;
    double sigma;  // shortest paths from the source
    double coef;   // (1 + delta) / sigma, what a DAG parent pulls
    double delta;
  };
  const CareerGraph& g_;
  std::vector<Node> node_;
  std::vector<Vertex> order_;
  std::vector<std::uint32_t> rank_, idom_, size_;
  RadixHeap heap_;
};

// Sums over a subset of the sources, mergeable exactly with other subsets.
struct BetweennessPartial {
  std::vector<ExactSum> dependency;     // by vertex
  std::vector<std::uint64_t> routes_cut;  // by vertex; empty when not asked for
  void Merge(const BetweennessPartial& other);
};

// Runs the sources at `indices` (positions in src.vertices) on `threads` threads. When
// `done` is given it is incremented once per source finished (for progress displays).
BetweennessPartial AccumulateSources(const CareerGraph& g, const BetweennessSources& src,
                                     std::span<const std::size_t> indices, bool route_cuts, int threads,
                                     std::atomic<std::uint64_t>* done = nullptr);

// ---- convenience entry points ----

// Exact betweenness of every position (unnormalised, directed, fastest routes by years).
std::vector<double> Betweenness(const CareerGraph& g, int threads = 1);

// Betweenness accumulated from the given sources only, no rescaling: the peers' `bc` task
// (sum the result over vertices for its checksum). A source listed twice counts twice.
// INVALID_ARGUMENT when a source is not a vertex of g.
StatusOr<std::vector<double>> BetweennessFromSources(const CareerGraph& g, std::span<const Vertex> sources,
                                                     int threads = 1);

// Exact routes-cut counts of every position.
std::vector<std::uint64_t> RouteCuts(const CareerGraph& g, int threads = 1);

struct BetweennessEstimate {
  BetweennessSources sources;
  std::vector<double> betweenness;  // estimates (exact values when sources.exact)
  std::vector<double> routes_cut;
  double epsilon = 0;  // 0 when exact
  double delta = 0;
};
// Exact when `draws` is 0; otherwise from `draws` sampled sources.
BetweennessEstimate EstimateBetweenness(const CareerGraph& g, std::uint32_t draws, std::uint64_t seed, double delta,
                                        int threads = 1);

// Turns merged sums into estimates (multiplies by src.scale).
BetweennessEstimate FinishEstimate(const BetweennessSources& src, const BetweennessPartial& sums, double delta);

}  // namespace careergraph
