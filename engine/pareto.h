// Trade-offs: the exact Pareto front of routes between two positions over 2 to 4 criteria
// (years, risk, pay, ambiguity, leadership: the per-move penalties OBJECTIVE_BEST_FIT weighs, see
// cost.h). A route is on the front when no other route is at least as good in every chosen
// criterion and better in one; routes with equal criteria vectors are one point of the front.
//
// Design choices:
//  - One label-setting search for every dimension d: labels (criteria vector g, position)
//    leave a priority queue in lexicographic order of f = g + h, h being consistent
//    per-criterion lower bounds on the rest of the route. Because the order is lexicographic, a label popped at a
//    position is never better in the first criterion than one closed there before, so
//    dominance needs only the other d - 1 criteria against the labels closed at that
//    position, and against the front found so far through f (NAMOA*dr: Pulido, Mandow and
//    Pérez de la Cruz, "Dimensionality reduction in multiobjective shortest path search",
//    Computers & OR 2015). Dominated labels are not hunted down in the queue; they are
//    dropped when popped, the lazy queue of T-MDA (Maristany de las Casas, Sedeño-Noda and
//    Borndörfer, "An improved multiobjective shortest path algorithm", Computers & OR 2021).
//  - The truncated closed sets are what makes this fast: for 2 criteria a single number per
//    position, g2_min, so a dominance check is O(1) (BOA*: Hernández, Yeoh, Baier, Zhang,
//    Suazo, Felner and Koenig, "Simple and efficient bi-objective search algorithms via fast
//    dominance checks", Artificial Intelligence 2023); for 3 a staircase of (g2, g3) per
//    position, O(log n) per check; for 4 a list of (g2, g3, g4).
//  - The search runs backwards, from the target to the start over in-edges, so its bounds
//    are distances from the start: per criterion, a forward search from the start (a
//    SourceTree, alternatives.h) gives a consistent lower bound that is exact where it has
//    settled. On large graphs it is an A* towards the target over landmark bounds (years and
//    risk have their own tables; pay, ambiguity and leadership are bounded through hops)
//    that stops once it settles the target, so it touches a corridor rather than the whole
//    graph; below landmark_min_positions it is a plain Dijkstra over everything.
//  - Routes are simple without checking: every criterion is non-negative, so a label that
//    comes back to a position it has already passed has a vector no better than its own
//    ancestor there, which was closed first, and the (non-strict) dominance check drops it.
//  - Every route is on the exact front the moment it is found, and they are found in
//    lexicographic order of their vectors. Hence limits (front size, time, labels) stop the
//    search and return a correct prefix of the front sorted by the first criterion, flagged
//    as truncated.
//  - Vectors equal within 1e-9 (sums of the same moves added in another order) count as
//    equal.
//  - via, max_moves and max_years are refused (INVALID_ARGUMENT): they would need resources
//    outside the dominance relation; exclusions (avoid..., max_ambiguity, no_pay_cut) filter
//    moves and are supported.
//  - Representatives: the per-criterion extremes of the front first (the route best in each
//    criterion, in criteria order, distinct), then greedily the route farthest (Euclidean,
//    each criterion scaled to [0, 1] over the front) from the ones already chosen, which
//    spreads the choice over the front (Gonzalez's farthest-point heuristic).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "careergraph/v1/tradeoffs.pb.h"
#include "engine/career_graph.h"
#include "engine/route_filter.h"
#include "engine/status.h"

namespace careergraph {

// The most a TradeoffsRequest may ask for (and the defaults when it asks for 0).
struct TradeoffsLimits {
  std::uint32_t max_front = 1000;               // front routes
  double max_seconds = 10.0;                    // search time
  std::uint64_t max_labels = 20'000'000;        // memory guard (about 60 bytes per label)
  std::uint32_t landmark_min_positions = 5000;  // smaller graphs bound with plain Dijkstra
  bool build_landmarks = true;  // false: goal-directed only once the graph's tables are built
};

// One search's limits (FindTradeoffs fills them from the request within TradeoffsLimits).
struct ParetoOptions {
  std::uint32_t max_front = 1000;
  double max_seconds = 10.0;
  std::uint64_t max_labels = 20'000'000;
  std::uint32_t landmark_min_positions = 5000;
  bool build_landmarks = true;
};

struct ParetoRoute {
  std::vector<EdgeId> edges;
  std::vector<double> criteria;  // in the order asked for
};

struct ParetoResult {
  std::vector<ParetoRoute> front;  // sorted lexicographically by criteria
  bool truncated = false;
  std::string truncated_reason;
  std::uint64_t labels = 0;    // created
  std::uint64_t expanded = 0;  // popped and expanded
  std::uint64_t settled = 0;   // positions settled by the bound searches
};

// The value of one criterion for one move.
double CriterionCost(const CareerGraph& g, v1::Criterion c, EdgeId e);

// The exact front from `from` to `to` over 2 to 4 distinct criteria, moves allowed by `filter`
// (endpoints included). An empty front means no route.
StatusOr<ParetoResult> ParetoFront(const CareerGraph& g, Vertex from, Vertex to,
                                   const std::vector<v1::Criterion>& criteria, const RouteFilter& filter,
                                   const ParetoOptions& opt = {});

// Indices of `n` well-spread points (see the header comment), ascending; all when n >= size.
std::vector<std::size_t> PickRepresentatives(const std::vector<std::vector<double>>& points, std::size_t n);

// TradeoffsRequest -> TradeoffsResponse: resolves names, validates, searches, builds routes.
StatusOr<v1::TradeoffsResponse> FindTradeoffs(const CareerGraph& g, const v1::TradeoffsRequest& req,
                                              const TradeoffsLimits& limits = {});

// "years,risk,pay" -> criteria (names as in --weights). Fails on unknown or repeated names
// and on fewer than 2 or more than 4.
StatusOr<std::vector<v1::Criterion>> ParseCriteria(const std::string& text);
std::string CriterionName(v1::Criterion c);

}  // namespace careergraph
