// Shortest-path kernels shared by every query: Dijkstra, A* (goal-directed with any
// consistent potential, e.g. landmarks), and the reverse search over in-edges.
//
// Design choices:
//  - Costs, filters and potentials are function objects over CSR edge ids and vertex ids,
//    so one topology serves every objective (Boost.Graph's property-map idea) and the
//    compiler inlines them into the relax loop.
//  - A SearchSpace is reused across queries on a thread: distances are valid only where
//    the vertex's stamp equals the current generation, so starting a search is O(1), not
//    O(n) (the same trick as OSRM's SearchEngineData); the stamps are bytes, cleared once
//    every 127 searches.
//  - A point-to-point search stops as soon as the target is settled.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "engine/cancel.h"
#include "engine/career_graph.h"
#include "engine/heap.h"
#include "engine/radix_heap.h"

namespace careergraph {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr EdgeId kNoEdge = static_cast<EdgeId>(-1);

class SearchSpace {
 public:
  void Prepare(std::size_t n) {
    if (mark_.size() != n) {
      mark_.assign(n, 0);
      dist_.resize(n);
      pred_.resize(n);
      heap_.Resize(n);
      gen_ = 0;
    }
    heap_.Clear();
    radix_.Clear();
    if (++gen_ == kGenerations) {  // wrapped: clear the marks once every 127 searches
      std::fill(mark_.begin(), mark_.end(), std::uint8_t{0});
      gen_ = 1;
    }
  }
  bool reached(Vertex v) const { return mark_[v] >> 1 == gen_; }
  bool settled(Vertex v) const { return mark_[v] == (gen_ << 1 | 1); }
  double dist(Vertex v) const { return reached(v) ? dist_[v] : kInf; }
  EdgeId pred(Vertex v) const { return reached(v) ? pred_[v] : kNoEdge; }

  // Internal to the kernels.
  void Reach(Vertex v, double d, EdgeId e) {
    mark_[v] = static_cast<std::uint8_t>(gen_ << 1);
    dist_[v] = d;
    pred_[v] = e;
  }
  void Settle(Vertex v) { mark_[v] = static_cast<std::uint8_t>(gen_ << 1 | 1); }
  // A*'s potential of each reached vertex, kept so it is computed once per vertex and
  // search however often the vertex's distance improves. Sized on first use.
  void PreparePotentials() {
    if (h_.size() != mark_.size()) h_.resize(mark_.size());
  }
  double potential(Vertex v) const { return h_[v]; }
  void SetPotential(Vertex v, double h) { h_[v] = h; }
  QuadHeap& heap() { return heap_; }
  RadixHeap& radix_heap() { return radix_; }

 private:
  // One byte per vertex, generation * 2 + settled: the test every relaxation makes first
  // reads an array an eighth the size of the distances (it stays in cache on graphs of a
  // few hundred thousand positions, as Boost's two-bit colour map does), and distances
  // are read only for vertices this search has reached.
  static constexpr unsigned kGenerations = 128;
  std::vector<std::uint8_t> mark_;
  std::vector<double> dist_;
  std::vector<EdgeId> pred_;
  std::vector<double> h_;
  QuadHeap heap_;
  RadixHeap radix_;
  unsigned gen_ = 0;
};

struct NoPotential {
  double operator()(Vertex) const { return 0; }
};
struct AllowAll {
  bool operator()(EdgeId) const { return true; }
};
struct NoSettleHook {
  void operator()(Vertex, double) const {}
};

// Forward search from `s` (A* when `h` is a consistent potential towards `target`,
// Dijkstra when it is zero). Stops when `target` is settled; `target` = kNoVertex searches
// everything. `allow(e)` filters edges (and through them their heads); the search stops
// after settling the first vertex farther than `max_dist`; `on_settle(v, dist)` sees each
// settled vertex in order, and when it returns a bool, false stops the search there.
// Returns the number of settled vertices.
//
// Both run on the monotone radix heap with lazy deletion: Dijkstra pops distances in
// non-decreasing order, and A* with a consistent potential pops d + h in non-decreasing
// order (it is Dijkstra on the reduced costs w(u,v) - h(u) + h(v) >= 0), so a push is an
// append and there is no position array to keep. A vertex is pushed again when its
// distance improves; its first pop carries the least key, so later pops of a settled
// vertex are skipped. A*'s keys are clamped to the last popped key, which only absorbs
// the rounding of d + h (the reduced costs are non-negative in exact arithmetic).
template <typename Cost, typename Allow, typename Potential, typename OnSettle = NoSettleHook>
std::uint64_t ForwardSearch(const CareerGraph& g, Vertex s, Vertex target, const Cost& cost,
                            const Allow& allow, const Potential& h, SearchSpace& ws,
                            double max_dist = kInf, const OnSettle& on_settle = {}) {
  constexpr bool kAStar = !std::is_same_v<Potential, NoPotential>;
  ws.Prepare(g.num_positions());
  ws.Reach(s, 0.0, kNoEdge);
  RadixHeap& heap = ws.radix_heap();
  if constexpr (kAStar) {
    ws.PreparePotentials();
    const double hs = h(s);
    if (hs == kInf) {  // the potential proves the target out of reach
      ws.Settle(s);
      return 1;
    }
    ws.SetPotential(s, hs);
    heap.Push(RadixHeap::Key(hs), s);
  } else {
    heap.Push(RadixHeap::Key(0.0), s);
  }
  std::uint64_t settled = 0;
  while (!heap.empty()) {
    const Vertex u = heap.Pop().second;
    if (ws.settled(u)) continue;  // a superseded entry
    ws.Settle(u);
    ++settled;
    PollCancel();
    const double du = ws.dist(u);
    if constexpr (std::is_same_v<decltype(on_settle(u, du)), bool>) {
      if (!on_settle(u, du)) break;
    } else {
      on_settle(u, du);
    }
    if (u == target || du > max_dist) break;
    const EdgeId end = g.out_end(u);
    if constexpr (requires { h.Prefetch(Vertex{}); }) {
      // The heads' potentials are random reads into large tables: issue them all first.
      for (EdgeId e = g.out_begin(u); e < end; ++e) {
        const Vertex v = g.target(e);
        if (!ws.reached(v)) h.Prefetch(v);
      }
    }
    for (EdgeId e = g.out_begin(u); e < end; ++e) {
      const Vertex v = g.target(e);
      if (ws.settled(v) || !allow(e)) continue;
      const double nd = du + cost(e);
      if constexpr (kAStar) {
        double hv;
        if (ws.reached(v)) {
          if (nd >= ws.dist(v)) continue;
          hv = ws.potential(v);
        } else {
          hv = h(v);
          if (hv == kInf) continue;  // the potential proves v cannot reach the target
        }
        ws.Reach(v, nd, e);
        ws.SetPotential(v, hv);
        heap.Push(std::max(RadixHeap::Key(nd + hv), heap.last()), v);
      } else {
        if (nd < ws.dist(v)) {
          ws.Reach(v, nd, e);
          heap.Push(RadixHeap::Key(nd), v);  // nd >= du: adding a non-negative cost never rounds below
        }
      }
    }
  }
  return settled;
}

// Reverse Dijkstra from `t` over in-edges: dist(v) = least cost from v to t.
template <typename Cost, typename Allow>
std::uint64_t ReverseSearch(const CareerGraph& g, Vertex t, const Cost& cost, const Allow& allow,
                            SearchSpace& ws) {
  ws.Prepare(g.num_positions());
  QuadHeap& heap = ws.heap();
  ws.Reach(t, 0.0, kNoEdge);
  heap.Push(t, 0.0);
  std::uint64_t settled = 0;
  while (!heap.empty()) {
    const Vertex u = heap.Pop();
    ws.Settle(u);
    ++settled;
    PollCancel();
    const double du = ws.dist(u);
    g.ForEachInEdge(u, [&](EdgeId e) {
      const Vertex v = g.source(e);
      if (ws.settled(v) || !allow(e)) return;
      const double nd = du + cost(e);
      if (nd < ws.dist(v)) {
        ws.Reach(v, nd, e);
        heap.Push(v, nd);
      }
    });
  }
  return settled;
}

// Edges of the path s -> v found by the last ForwardSearch, in order.
std::vector<EdgeId> ExtractPath(const CareerGraph& g, const SearchSpace& ws, Vertex v);

}  // namespace careergraph
