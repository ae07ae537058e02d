// Bidirectional Dijkstra: an exact point-to-point search that needs no preprocessing, for
// unconstrained routes under any objective (fixed or best-fit with any weights).
//
// Design choices:
//  - Why not a contraction hierarchy. Career graphs are small-world: every position has a
//    handful of moves to random other organisations, so the graph is an expander. Contracting
//    a position with ~10 in- and ~10 out-moves adds up to ~100 shortcuts, and a witness (a
//    path around it as short as the two moves) almost never exists, since two random
//    positions share an in/out neighbour with probability ~deg^2/n. A nested-dissection
//    order (customizable CH, Dibbelt, Strasser & Wagner, "Customizable Contraction
//    Hierarchies", SEA 2014) needs small balanced separators, and an expander's are linear
//    in n. Contraction fills in fast on the synthetic 100k ladder (measured: bench/README.md,
//    "Unconstrained routes and matrices"). What works on expanders is meeting in the middle: a Dijkstra ball's
//    size grows exponentially with its radius, so two balls of half the radius settle about
//    the square root of what one ball to the target settles (balanced bidirectional search
//    is sublinear on random graphs: Borassi & Natale, "KADABRA is an ADaptive Algorithm for
//    Betweenness via Random Approximation", ESA 2016).
//  - The side that has settled fewer positions advances (balanced work; on the 100k ladder
//    it settled 5-27% fewer than balancing the radii by smaller key), each side on its own
//    monotone radix heap with lazy deletion, exactly as ForwardSearch and ReverseSearch do.
//    The best meeting mu is updated whenever an edge reaches a vertex the other side has
//    reached; the search stops when the two smallest keys sum to at least mu (Pohl 1971;
//    the stopping rule as in Goldberg & Harrelson, SODA 2005, section 4). Any non-negative
//    per-edge cost works, so one kernel serves every objective with no tables to build:
//    the first query after a start or reload pays nothing.
//  - Where the objective's landmark tables exist, both sides are also goal-directed: A* on
//    the averaged potential (see BidirectionalSearch below). On the 100k ladder's random
//    far pairs it settles about 530 positions where plain bidirectional Dijkstra settles
//    3,050 (fastest); without tables the plain search runs, and never waits for tables.
//  - Edge filters (a route's exclusions, route_filter.h) are tested on every move either side
//    relaxes. A filter tests a move and the position it enters, so the backward side may
//    reach an excluded position through one of its out-moves, but it never relaxes that
//    position's in-moves (each enters it) and the forward side never reaches it: no route
//    found passes through it. Requests with resource limits take their own search (route.h).
//  - Memory, not arithmetic, sets the pace: on an expander every position a side reaches is
//    a cache miss somewhere in arrays of megabytes (its offsets, moves, mark, record,
//    landmark row, and the moves' costs). The kernel asks for them ahead of use: a popped
//    position's moves while the other side takes its turn, every head's lines before the
//    first relaxation, a reached position's offsets when it is pushed. That halved every
//    objective's time on the 100k ladder at an unchanged settled count (bench/README.md).
//  - Polls cancellation once per settled position, as every search kernel does.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "engine/search.h"

namespace careergraph {

struct Meeting {
  double dist = kInf;        // d(s, t); kInf when t is unreachable from s
  Vertex meet = kNoVertex;   // a vertex on a shortest path, settled or reached by both sides
  std::uint64_t settled = 0;  // positions settled by both searches together
};

// The state of a bidirectional search, reused across queries on a thread. Both sides'
// labels of a position and its potential sit in one 32-byte record, and both sides' flags
// in one 16-bit mark: a relaxation's test of the other side (has it reached v, at what
// distance) and the potential read the line the relaxation writes anyway. With one array
// per side and field, touching a position cost up to eight cache misses.
class BidirectionalSpace {
 public:
  static constexpr int kForward = 0, kBackward = 1;

  void Prepare(std::size_t n) {
    if (mark_.size() != n) {
      mark_.assign(n, 0);
      node_.resize(n);
      gen_ = 0;
    }
    heap_[0].Clear();
    heap_[1].Clear();
    if (++gen_ == kGenerations) {  // wrapped: clear the marks once every 4,095 searches
      std::fill(mark_.begin(), mark_.end(), std::uint16_t{0});
      gen_ = 1;
    }
  }
  bool touched(Vertex v) const { return mark_[v] >> 4 == gen_; }  // reached by either side
  bool reached(int side, Vertex v) const { return touched(v) && (mark_[v] & (kReached << 2 * side)); }
  bool settled(int side, Vertex v) const { return touched(v) && (mark_[v] & (kSettled << 2 * side)); }
  double dist(int side, Vertex v) const { return reached(side, v) ? node_[v].dist[side] : kInf; }
  EdgeId pred(int side, Vertex v) const { return reached(side, v) ? node_[v].pred[side] : kNoEdge; }

  // Internal to the kernel.
  void Reach(int side, Vertex v, double d, EdgeId e) {
    Touch(v);
    mark_[v] |= static_cast<std::uint16_t>(kReached << 2 * side);
    node_[v].dist[side] = d;
    node_[v].pred[side] = e;
  }
  void Settle(int side, Vertex v) { mark_[v] |= static_cast<std::uint16_t>(kSettled << 2 * side); }
  // The averaged potential, shared by both sides: valid once either side has touched v.
  double potential(Vertex v) const { return node_[v].potential; }
  void SetPotential(Vertex v, double p) {
    Touch(v);
    node_[v].potential = p;
  }
  RadixHeap& heap(int side) { return heap_[side]; }
  // Starts loading v's mark and record, so a settled position's heads load in parallel.
  void Prefetch(Vertex v) const {
    __builtin_prefetch(&mark_[v]);
    __builtin_prefetch(&node_[v]);
  }

 private:
  static constexpr unsigned kGenerations = 4096;  // 12 bits of the mark
  static constexpr std::uint16_t kReached = 1, kSettled = 2;
  void Touch(Vertex v) {
    if (!touched(v)) mark_[v] = static_cast<std::uint16_t>(gen_ << 4);
  }
  struct Node {
    double dist[2];
    double potential;
    EdgeId pred[2];
  };
  std::vector<std::uint16_t> mark_;  // generation << 4 | settled_b, reached_b, settled_f, reached_f
  std::vector<Node> node_;
  RadixHeap heap_[2];
  unsigned gen_ = 0;
};

// No potential: bidirectional Dijkstra.
struct NoAveragedPotential {
  double Averaged(Vertex) const { return 0; }
  void Prefetch(Vertex) const {}
};

// Bidirectional Dijkstra from s to t, or bidirectional A* when `p` is an averaged potential
// (objective_bound.h's ObjectiveBound::Averaged: p(v) = (pi_t(v) - pi_s(v)) / 2, kInf for a
// vertex on no s-t route). With p the forward side searches by d_f(v) + p(v) and the
// backward side by d_r(v) - p(v): both are Dijkstra on the reduced lengths
// w(u,v) - p(u) + p(v) >= 0, so every correctness argument of the plain search carries over
// to the reduced graph. There the stopping rule top_f + top_r >= mu reads, in real
// distances, d_f(u) + p(u) + d_r(w) - p(w) >= mu for the next vertices u and w the two sides
// would settle (Goldberg & Harrelson's top_f + top_r >= mu + p_r(t), their p_r(t) being 0
// here since p_f + p_r = 0). Each vertex's potential is computed once per query and shared
// by the two sides.
template <typename Cost, typename Allow, typename Potential = NoAveragedPotential>
Meeting BidirectionalSearch(const CareerGraph& g, Vertex s, Vertex t, const Cost& cost, const Allow& allow,
                            BidirectionalSpace& space, const Potential& p = {}) {
  constexpr bool kAStar = !std::is_same_v<Potential, NoAveragedPotential>;
  constexpr int F = BidirectionalSpace::kForward, B = BidirectionalSpace::kBackward;
  space.Prepare(g.num_positions());
  Meeting m;
  // Radix-heap keys must be non-negative: the sides push their reduced distances from s and
  // from t, d_f(v) + p(v) - p(s) and d_r(v) - p(v) + p(t), clamped to the last popped key
  // (which only absorbs rounding: both are non-negative in exact arithmetic).
  double ps = 0, pt = 0;
  if constexpr (kAStar) {
    ps = p.Averaged(s);
    pt = s == t ? ps : p.Averaged(t);
    if (ps == kInf || pt == kInf) return m;  // the tables prove t out of s's reach
    space.SetPotential(s, ps);
    space.SetPotential(t, pt);
  }
  space.Reach(F, s, 0.0, kNoEdge);
  space.Reach(B, t, 0.0, kNoEdge);
  space.heap(F).Push(RadixHeap::Key(0.0), s);
  space.heap(B).Push(RadixHeap::Key(0.0), t);
  // The next vertex each side would settle, popped ahead so its key can be compared with
  // the other side's (a radix heap has no peek); kNoVertex when that side is exhausted.
  // Popping ahead also starts loading the vertex's moves, which it will scan once the other
  // side has had its turn.
  auto next = [&](int side) -> Vertex {
    RadixHeap& h = space.heap(side);
    while (!h.empty()) {
      const Vertex v = h.Pop().second;
      if (space.settled(side, v)) continue;  // a vertex's first pop carries its least key
      if (side == F)
        g.PrefetchOutMoves(v);
      else
        g.PrefetchInMoves(v);
      return v;
    }
    return kNoVertex;
  };
  // Calls f(head, edge) for the moves `side` relaxes out of u: out-moves forward, in-moves
  // backward (the transpose keeps each in-move's source beside it, so a reverse scan reads
  // one array instead of missing the cache on g.source(e) once per move).
  auto for_each_move = [&g](auto side, Vertex u, auto&& f) __attribute__((always_inline)) {
    if constexpr (decltype(side)::value == F) {
      for (EdgeId e = g.out_begin(u), end = g.out_end(u); e < end; ++e) f(g.target(e), e);
    } else {
      for (EdgeId k = g.in_begin(u), end = g.in_end(u); k < end; ++k) f(g.in_source(k), g.in_edge(k));
    }
  };
  // Settles u on `side` at distance du and relaxes its moves.
  auto expand = [&](auto side, Vertex u, double du) {
    constexpr int kSide = decltype(side)::value, kOther = 1 - kSide;
    space.Settle(kSide, u);
    if (space.reached(kOther, u) && du + space.dist(kOther, u) < m.dist) m.dist = du + space.dist(kOther, u), m.meet = u;
    RadixHeap& h = space.heap(kSide);
    // The heads' marks, records and landmark rows, and the moves' costs (by edge id, at
    // random on the backward side), are misses at random places in arrays of megabytes;
    // asked for together first, the misses overlap instead of stalling each relaxation.
    for_each_move(side, u, [&](Vertex v, EdgeId e) {
      space.Prefetch(v);
      p.Prefetch(v);
      // The move's target, whose columns best fit reads: v forward; backward it is u, whose
      // line is loaded once for all its in-moves.
      if constexpr (requires { cost.Prefetch(e, v); }) cost.Prefetch(e, kSide == F ? v : u);
    });
    for_each_move(side, u, [&](Vertex v, EdgeId e) {
      if (space.settled(kSide, v) || !allow(e)) return;
      // The move's target: v forward, u backward (e runs from v into u).
      double ce;
      if constexpr (requires { cost(e, v); })
        ce = cost(e, kSide == F ? v : u);
      else
        ce = cost(e);
      const double nd = du + ce;
      if (nd >= space.dist(kSide, v)) return;
      double key = nd;
      if constexpr (kAStar) {
        if (!space.touched(v)) {
          const double pv = p.Averaged(v);
          space.SetPotential(v, pv);
          if (pv == kInf) return;  // on no s-t route; the mark keeps it pruned for both sides
        }
        const double pv = space.potential(v);
        if (pv == kInf) return;
        key = std::max(0.0, kSide == F ? nd + pv - ps : nd - pv + pt);
      }
      space.Reach(kSide, v, nd, e);
      h.Push(std::max(RadixHeap::Key(key), h.last()), v);
      // Its offsets, read when it is popped: a few of the reached positions are settled, and
      // a miss then stalls the search between two expansions.
      if constexpr (kSide == F)
        g.PrefetchOutOffsets(v);
      else
        g.PrefetchInOffsets(v);
      if (space.reached(kOther, v) && nd + space.dist(kOther, v) < m.dist) m.dist = nd + space.dist(kOther, v), m.meet = v;
    });
  };
  using Fwd = std::integral_constant<int, F>;
  using Bwd = std::integral_constant<int, B>;
  Vertex fu = next(F), bu = next(B);
  std::uint64_t fsettled = 0, bsettled = 0;
  while (fu != kNoVertex && bu != kNoVertex) {
    const double fk = space.dist(F, fu), bk = space.dist(B, bu);
    if constexpr (kAStar) {
      if (fk + space.potential(fu) + bk - space.potential(bu) >= m.dist) break;
    } else {
      if (fk + bk >= m.dist) break;
    }
    ++m.settled;
    PollCancel();
    if (fsettled <= bsettled) {
      ++fsettled;
      expand(Fwd{}, fu, fk);
      fu = next(F);
    } else {
      ++bsettled;
      expand(Bwd{}, bu, bk);
      bu = next(B);
    }
  }
  return m;
}

// The edges of the shortest path the last BidirectionalSearch met on, in order from s to t
// (empty when s == t or no path was found).
std::vector<EdgeId> MeetingPath(const CareerGraph& g, const BidirectionalSpace& space, const Meeting& m);

}  // namespace careergraph
