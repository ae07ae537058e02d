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
//  - Edge filters are accepted for completeness, but the route dispatcher sends constrained
//    requests to their existing search (route.h).
//  - Polls cancellation once per settled position, as every search kernel does.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/search.h"

namespace careergraph {

struct Meeting {
  double dist = kInf;        // d(s, t); kInf when t is unreachable from s
  Vertex meet = kNoVertex;   // a vertex on a shortest path, settled or reached by both sides
  std::uint64_t settled = 0;  // positions settled by both searches together
};

// The two halves of a bidirectional search's state, reused across queries on a thread.
struct BidirectionalSpace {
  SearchSpace forward, backward;
};

template <typename Cost, typename Allow>
Meeting BidirectionalSearch(const CareerGraph& g, Vertex s, Vertex t, const Cost& cost, const Allow& allow,
                            BidirectionalSpace& space) {
  SearchSpace& fw = space.forward;
  SearchSpace& bw = space.backward;
  const Vertex n = g.num_positions();
  fw.Prepare(n);
  bw.Prepare(n);
  RadixHeap& fh = fw.radix_heap();
  RadixHeap& bh = bw.radix_heap();
  fw.Reach(s, 0.0, kNoEdge);
  bw.Reach(t, 0.0, kNoEdge);
  fh.Push(RadixHeap::Key(0.0), s);
  bh.Push(RadixHeap::Key(0.0), t);
  Meeting m;
  // The next vertex each side would settle, popped ahead so its key can be compared with
  // the other side's (a radix heap has no peek); kNoVertex when that side is exhausted.
  auto next = [](RadixHeap& h, const SearchSpace& ws) -> Vertex {
    while (!h.empty()) {
      const Vertex v = h.Pop().second;
      if (!ws.settled(v)) return v;  // a vertex's first pop carries its least key
    }
    return kNoVertex;
  };
  Vertex fu = next(fh, fw), bu = next(bh, bw);
  std::uint64_t fsettled = 0, bsettled = 0;
  while (fu != kNoVertex && bu != kNoVertex) {
    const double fk = fw.dist(fu), bk = bw.dist(bu);
    if (fk + bk >= m.dist) break;
    ++m.settled;
    PollCancel();
    if (fsettled <= bsettled) {
      ++fsettled;
      const Vertex u = fu;
      fw.Settle(u);
      if (bw.reached(u) && fk + bw.dist(u) < m.dist) m.dist = fk + bw.dist(u), m.meet = u;
      const EdgeId end = g.out_end(u);
      for (EdgeId e = g.out_begin(u); e < end; ++e) {
        const Vertex v = g.target(e);
        if (fw.settled(v) || !allow(e)) continue;
        const double nd = fk + cost(e);
        if (nd < fw.dist(v)) {
          fw.Reach(v, nd, e);
          fh.Push(RadixHeap::Key(nd), v);
          if (bw.reached(v) && nd + bw.dist(v) < m.dist) m.dist = nd + bw.dist(v), m.meet = v;
        }
      }
      fu = next(fh, fw);
    } else {
      ++bsettled;
      const Vertex u = bu;
      bw.Settle(u);
      if (fw.reached(u) && bk + fw.dist(u) < m.dist) m.dist = bk + fw.dist(u), m.meet = u;
      g.ForEachInEdge(u, [&](EdgeId e) {
        const Vertex v = g.source(e);
        if (bw.settled(v) || !allow(e)) return;
        const double nd = bk + cost(e);
        if (nd < bw.dist(v)) {
          bw.Reach(v, nd, e);
          bh.Push(RadixHeap::Key(nd), v);
          if (fw.reached(v) && nd + fw.dist(v) < m.dist) m.dist = nd + fw.dist(v), m.meet = v;
        }
      });
      bu = next(bh, bw);
    }
  }
  return m;
}

// The edges of the shortest path the last BidirectionalSearch met on, in order from s to t
// (empty when s == t or no path was found).
std::vector<EdgeId> MeetingPath(const CareerGraph& g, const BidirectionalSpace& space, const Meeting& m);

}  // namespace careergraph
