// Shortest-path kernels shared by every query: Dijkstra, A* (goal-directed with any
// consistent potential, e.g. landmarks), and the reverse search over in-edges.
//
// Design choices:
//  - Costs, filters and potentials are function objects over CSR edge ids and vertex ids,
//    so one topology serves every objective (Boost.Graph's property-map idea) and the
//    compiler inlines them into the relax loop.
//  - A SearchSpace is reused across queries on a thread: distances are valid only where
//    the vertex's stamp equals the current generation, so starting a search is O(1), not
//    O(n) (the same trick as OSRM's SearchEngineData).
//  - A point-to-point search stops as soon as the target is settled.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "engine/career_graph.h"
#include "engine/heap.h"

namespace careergraph {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr EdgeId kNoEdge = static_cast<EdgeId>(-1);

class SearchSpace {
 public:
  void Prepare(std::size_t n) {
    if (stamp_.size() != n) {
      stamp_.assign(n, 0);
      dist_.resize(n);
      pred_.resize(n);
      settled_.assign(n, 0);
      heap_.Resize(n);
      gen_ = 0;
    }
    heap_.Clear();
    if (++gen_ == 0) {  // wrapped: invalidate everything once every 2^32 searches
      std::fill(stamp_.begin(), stamp_.end(), 0);
      std::fill(settled_.begin(), settled_.end(), 0);
      gen_ = 1;
    }
  }
  bool reached(Vertex v) const { return stamp_[v] == gen_; }
  bool settled(Vertex v) const { return settled_[v] == gen_; }
  double dist(Vertex v) const { return reached(v) ? dist_[v] : kInf; }
  EdgeId pred(Vertex v) const { return reached(v) ? pred_[v] : kNoEdge; }

  // Internal to the kernels.
  void Reach(Vertex v, double d, EdgeId e) {
    stamp_[v] = gen_;
    dist_[v] = d;
    pred_[v] = e;
  }
  void Settle(Vertex v) { settled_[v] = gen_; }
  QuadHeap& heap() { return heap_; }

 private:
  std::vector<std::uint32_t> stamp_, settled_;
  std::vector<double> dist_;
  std::vector<EdgeId> pred_;
  QuadHeap heap_;
  std::uint32_t gen_ = 0;
};

struct NoPotential {
  double operator()(Vertex) const { return 0; }
};
struct AllowAll {
  bool operator()(EdgeId) const { return true; }
};

// Forward search from `s` (A* when `h` is a consistent potential towards `target`,
// Dijkstra when it is zero). Stops when `target` is settled; `target` = kNoVertex searches
// everything. `allow(e)` filters edges (and through them their heads). Returns the number
// of settled vertices.
template <typename Cost, typename Allow, typename Potential>
std::uint64_t ForwardSearch(const CareerGraph& g, Vertex s, Vertex target, const Cost& cost,
                            const Allow& allow, const Potential& h, SearchSpace& ws,
                            double max_dist = kInf) {
  ws.Prepare(g.num_positions());
  QuadHeap& heap = ws.heap();
  ws.Reach(s, 0.0, kNoEdge);
  heap.Push(s, h(s));
  std::uint64_t settled = 0;
  while (!heap.empty()) {
    const Vertex u = heap.Pop();
    ws.Settle(u);
    ++settled;
    if (u == target) break;
    const double du = ws.dist(u);
    if (du > max_dist) break;
    const EdgeId end = g.out_end(u);
    for (EdgeId e = g.out_begin(u); e < end; ++e) {
      const Vertex v = g.target(e);
      if (ws.settled(v) || !allow(e)) continue;
      const double nd = du + cost(e);
      if (nd < ws.dist(v)) {
        const double hv = h(v);
        if (hv == kInf) continue;  // the potential proves v cannot reach the target
        ws.Reach(v, nd, e);
        heap.Push(v, nd + hv);
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
