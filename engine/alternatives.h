// Alternatives: the K best simple routes between two positions, best first.
//
// What counts as an alternative: a simple route (no position twice) whose sequence of
// positions differs from every other route returned. Parallel transitions between the same
// two positions are one route, taken through the cheapest allowed transition. Optionally
//   max_overlap F  a route is kept only if at most F of its moves (position pairs) are also
//                  moves of any better route kept;
//   max_stretch S  only routes costing at most S x the best one.
//
// Design choices:
//  - Enumeration is Yen's algorithm (J. Y. Yen, "Finding the K shortest loopless paths in a
//    network", Management Science 17, 1971) in Lawler's form (E. L. Lawler, "A procedure for
//    computing the K best solutions to discrete optimization problems", Management Science
//    18, 1972): every candidate stands for a disjoint subspace of routes (a fixed root of
//    moves, and the positions excluded right next to it), so taking a route out of the
//    queue spawns spur searches only from its deviation index on, and no two candidates are
//    ever the same route - there is no duplicate check to make.
//  - The search runs backwards, from the target towards the start: every route is handled
//    as its reversal, roots are suffixes ending at the target, and spur searches follow
//    in-edges. That way the one shortest-path tree the spur searches share grows from the
//    start, where goal direction is available: an A* towards the target over landmark
//    bounds (landmarks.h), grown to the cost of each route taken from the queue. Its
//    distances are exact where it has settled and a consistent lower bound elsewhere (see
//    SourceTree below), which makes them the A* potential of every spur search; on graphs
//    below RouteLimits::landmark_min_positions the tree is a plain full Dijkstra.
//  - A spur search stops as soon as it settles a position whose tree path from the start is
//    settled and avoids the root: that path is then optimal (its A* key is the least in the
//    queue and is attained). This is the postponed node classification of Feng ("An
//    efficient approach for finding the K shortest simple paths: postponed node
//    classification", Computers & OR 2014), done lazily with a per-spur memo, so most spur
//    searches settle a handful of positions.
//  - Costs are non-negative but may be zero (a move with probability 1 under safest); a
//    spur plus tree path that meets itself is shortened to a simple route of no greater
//    cost, which keeps it exact.
//  - With max_moves / max_years the spur oracle is the resource-constrained label-setting
//    search of route.h (dominance on cost, years, moves; exact bounds from full searches
//    from the start) started with the root's years and moves. Exact, but each spur is a
//    label search.
//  - via is not supported with alternatives (INVALID_ARGUMENT): a route through via
//    positions is solved leg by leg and may cross itself, so "K best simple routes" through
//    via positions is a different problem; ask for alternatives of each leg instead.
//  - With max_stretch enumeration stops at the first candidate above S x best (they come in
//    cost order). With max_overlap it examines candidates in cost order up to a budget and
//    says when the budget, not the graph, ended the list (RouteResponse.truncated).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/route.h"
#include "engine/search.h"
#include "engine/status.h"

namespace careergraph {

struct AlternativesOptions {
  std::uint32_t k = 1;
  double max_overlap = 0;                  // 0 = off; else in (0, 1]
  double max_stretch = 0;                  // 0 = off; else >= 1
  std::uint64_t max_examined = 20'000;     // candidates taken from the queue (filters on)
  std::uint64_t max_labels = 5'000'000;    // per resource-constrained spur search
  std::uint32_t landmark_min_positions = 5000;  // smaller graphs use a full Dijkstra tree
  bool build_landmarks = true;  // false: goal-directed only once the graph's tables are built
};

struct AlternativesResult {
  std::vector<PathResult> routes;  // best first; PathResult::cost is the internal cost
  bool truncated = false;          // a budget, not the graph, ended the list
  std::uint64_t examined = 0;      // candidate routes taken from the queue
  std::uint64_t spur_searches = 0;
  std::uint64_t settled = 0;       // positions (or labels) settled over all searches
};

// The K best routes for a resolved request (no via). An empty list means no route exists.
// Fails with INVALID_ARGUMENT for via or bad options, TOO_LARGE when the first
// resource-constrained search exceeds its label budget.
StatusOr<AlternativesResult> KShortestRoutes(const CareerGraph& g, const ResolvedRoute& r,
                                             const AlternativesOptions& opt);

// RouteRequest with alternatives > 1 -> RouteResponse (called by FindRoute). routes_found is
// the number of routes returned: K, or all that exist when fewer.
StatusOr<v1::RouteResponse> FindAlternatives(const CareerGraph& g, const v1::RouteRequest& req,
                                             const ResolvedRoute& r, const RouteLimits& limits);

// ---- building block shared with trade-offs ----

// A forward search from `s` that grows in steps and bounds the distance from `s` of every
// position, settled or not: the potential of searches that run back towards `s`.
// With `pi` a consistent lower bound on the distance to some target (a landmark
// potential), it is A* towards that target, so positions settle in order of
// d(s, v) + pi(v); once grown to key K every unsettled v has d(s, v) >= K - pi(v), and
//   h(v) = settled(v) ? d(s, v) : max(0, K - pi(v))
// is the least of two consistent potentials (d(s, .) and max(0, K - pi)), so it is itself
// consistent, and it is exact wherever the search has been. With pi = 0 and K = infinity
// it is plain Dijkstra and exact everywhere. `pi` returns kInf for positions that cannot
// reach the target; they are never entered.
template <typename Cost, typename Allow, typename Bound>
class SourceTree {
 public:
  SourceTree(const CareerGraph& g, Vertex s, Cost cost, Allow allow, Bound pi)
      : g_(g),
        s_(s),
        cost_(std::move(cost)),
        allow_(std::move(allow)),
        pi_(std::move(pi)),
        pi_cache_(g.num_positions(), kUnknown) {
    ws_.Prepare(g.num_positions());
    if (Pi(s) == kInf) return;  // nothing of interest is reachable
    ws_.Reach(s, 0.0, kNoEdge);
    ws_.heap().Push(s, Pi(s));
    frontier_ = Pi(s);
  }

  // Settles positions until the least key left exceeds `key` (or none is left), or until
  // `stop_at` is settled.
  void Grow(double key, Vertex stop_at = kNoVertex) {
    QuadHeap& heap = ws_.heap();
    while (!heap.empty() && heap.top_key() <= key && !(stop_at != kNoVertex && ws_.settled(stop_at))) {
      const Vertex u = heap.Pop();
      ws_.Settle(u);
      ++settled_;
      const double du = ws_.dist(u);
      const EdgeId end = g_.out_end(u);
      for (EdgeId e = g_.out_begin(u); e < end; ++e) {
        const Vertex v = g_.target(e);
        if (ws_.settled(v) || !allow_(e)) continue;
        const double nd = du + cost_(e);
        if (nd < ws_.dist(v)) {
          const double hv = Pi(v);
          if (hv == kInf) continue;
          ws_.Reach(v, nd, e);
          heap.Push(v, nd + hv);
        }
      }
    }
    // Every position not settled has d(s, v) + pi(v) >= the least key left.
    frontier_ = heap.empty() ? kInf : heap.top_key();
  }

  // Lower bound on d(s, v), consistent; kInf when v is unreachable or cannot reach the target.
  double h(Vertex v) const {
    if (ws_.settled(v)) return ws_.dist(v);
    if (frontier_ == kInf) return kInf;
    const double p = Pi(v);
    return p == kInf ? kInf : std::max(0.0, frontier_ - p);
  }
  bool settled(Vertex v) const { return ws_.settled(v); }
  EdgeId pred(Vertex v) const { return ws_.pred(v); }  // edge into v on its tree path
  Vertex source() const { return s_; }
  double frontier() const { return frontier_; }        // least key not yet settled
  std::uint64_t settled_count() const { return settled_; }

 private:
  // Landmark bounds read a few cache lines per position; each is evaluated once.
  static constexpr double kUnknown = -1.0;
  double Pi(Vertex v) const {
    double& p = pi_cache_[v];
    if (p == kUnknown) p = pi_(v);
    return p;
  }

  const CareerGraph& g_;
  Vertex s_;
  Cost cost_;
  Allow allow_;
  Bound pi_;
  mutable std::vector<double> pi_cache_;
  SearchSpace ws_;
  double frontier_ = kInf;
  std::uint64_t settled_ = 0;
};

// Fraction of the moves (position pairs) of `route` that are also moves of `other`; 0 for
// a route with no moves.
double MoveOverlap(const CareerGraph& g, const std::vector<EdgeId>& route, const std::vector<EdgeId>& other);

}  // namespace careergraph
