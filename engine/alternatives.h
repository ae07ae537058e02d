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
//    18, 1972): every candidate stands for a disjoint subspace of routes (a fixed root, and
//    the next positions excluded after it), so taking a route out of the queue spawns spur
//    searches only from its deviation index on, and no two candidates are ever the same
//    route - there is no duplicate check to make.
//  - Spur searches reuse one reverse shortest-path tree to the target, built once per query
//    under the request's exclusions. Its distances are an exact potential for A* on the whole
//    graph and a consistent lower bound once root positions are removed, and a search stops
//    as soon as it settles a position whose tree path to the target avoids the root: that
//    path is then optimal (its A* key is the least in the queue and is attained). This is the
//    postponed node classification of Feng ("An efficient approach for finding the K
//    shortest simple paths: postponed node classification", Computers & OR 2014), done
//    lazily with a per-spur memo, so most spur searches settle a handful of positions.
//  - Costs are non-negative but may be zero (a move with probability 1 under safest); a
//    spur plus tree path that meets itself is shortened to a simple route of no greater
//    cost, which keeps it exact.
//  - With max_moves / max_years the spur oracle is the resource-constrained label-setting
//    search of route.h (dominance on cost, years, moves; exact reverse bounds) started with
//    the root's years and moves. Exact, but each spur is a label search.
//  - via is not supported with alternatives (INVALID_ARGUMENT): a route through via
//    positions is solved leg by leg and may cross itself, so "K best simple routes" through
//    via positions is a different problem; ask for alternatives of each leg instead.
//  - With max_stretch enumeration stops at the first candidate above S x best (they come in
//    cost order). With max_overlap it examines candidates in cost order up to a budget and
//    says when the budget, not the graph, ended the list (RouteResponse.truncated).
#pragma once

#include <cstdint>
#include <vector>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/route.h"
#include "engine/status.h"

namespace careergraph {

struct AlternativesOptions {
  std::uint32_t k = 1;
  double max_overlap = 0;                  // 0 = off; else in (0, 1]
  double max_stretch = 0;                  // 0 = off; else >= 1
  std::uint64_t max_examined = 20'000;     // candidates taken from the queue (filters on)
  std::uint64_t max_labels = 5'000'000;    // per resource-constrained spur search
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

// Fraction of the moves (position pairs) of `route` that are also moves of `other`; 0 for
// a route with no moves.
double MoveOverlap(const CareerGraph& g, const std::vector<EdgeId>& route, const std::vector<EdgeId>& other);

}  // namespace careergraph
