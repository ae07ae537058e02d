// Routes: the best sequence of moves from one position to another.
//
// Design choices:
//  - One entry point, FindRoute(graph, RouteRequest) -> RouteResponse, shared by the CLI,
//    the server and batch jobs (OSRM's `Route(params, result) -> Status`).
//  - Exclusions (avoided positions, tracks, orgs, kinds; max ambiguity; no pay cut) are
//    edge filters inside the search, so a plain goal-directed search stays exact.
//  - Without resource limits the route is solved leg by leg (from -> via... -> to). On a
//    large graph each leg is a bidirectional search (bidirectional_search.h), exact for
//    every objective and every exclusion: A* on the averaged landmark potential
//    (landmarks.h) where the tables are at hand and pay, plain bidirectional Dijkstra
//    otherwise. On a small graph each leg is a one-way Dijkstra.
//  - With --max-moves or --max-years the problem is a resource-constrained shortest path
//    (NP-hard in general); it is solved exactly by label setting over (position, leg) with
//    Pareto dominance on (cost, years, moves) and pruning by exact reverse-search bounds
//    (Irnich & Desaulniers, "Shortest Path Problems with Resource Constraints", 2005).
//    Costs and resources are non-negative, so an optimal walk can always be shortened to
//    a route whose legs are simple paths; legs may cross one another.
//  - A request with no route answers NO_ROUTE with the reason: the target is unreachable
//    in the graph at all, an endpoint is excluded, or which constraint(s) block it.
#pragma once

#include <cstdint>
#include <vector>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/cost.h"
#include "engine/route_filter.h"
#include "engine/status.h"

namespace careergraph {

struct RouteLimits {
  std::uint32_t max_via = 8;
  std::uint32_t max_alternatives = 100;
  std::uint64_t max_labels = 5'000'000;          // resource-constrained search budget
  std::uint32_t landmark_min_positions = 5000;    // smaller graphs use plain Dijkstra
  bool build_landmarks = true;  // false: goal-directed only once the graph's tables are built
  // Routes without resource limits (exclusions and via positions allowed) on graphs this
  // large take the bidirectional search (bidirectional_search.h) leg by leg: A* on the
  // landmark tables where landmark_min_positions and build_landmarks make the route
  // goal-directed, else plain bidirectional Dijkstra, which needs no tables; smaller ones a
  // one-way search. The two pick differently among routes of equal cost (on the default
  // ladder for 124 of its 1,140 (pair, objective) questions, on O*NET for 6%), and the small
  // ladders people read keep one-way answers: the same as `matrix` gives on them, and as
  // they were. The bidirectional search would be 1.7-4.7x faster on the 1k ladder
  // (bench/README.md), microseconds a route.
  std::uint32_t bidirectional_min_positions = 5000;
  // A best-fit route reads its weighting's own landmark tables once a host has built them
  // (best_fit_tables.h; false: the years table, as before they exist).
  bool best_fit_tables = true;
};

StatusOr<v1::RouteResponse> FindRoute(const CareerGraph& g, const v1::RouteRequest& req,
                                      const RouteLimits& limits = {});

// ---- building blocks shared with alternatives and trade-offs ----

// A request checked and resolved against a graph.
struct ResolvedRoute {
  Vertex from = kNoVertex;
  Vertex to = kNoVertex;
  std::vector<Vertex> via;
  CostModel cost;
  RouteFilter filter;
  std::uint32_t max_moves = 0;  // 0 = unlimited
  double max_years = 0;         // 0 = unlimited
  bool resource_limited() const { return max_moves > 0 || max_years > 0; }
};

StatusOr<ResolvedRoute> ResolveRoute(const CareerGraph& g, const v1::RouteRequest& req, const RouteLimits& limits);

struct PathResult {
  bool found = false;
  std::vector<EdgeId> edges;
  double cost = 0;
  std::uint64_t settled = 0;
};

// The optimal route for a resolved request (found = false when none exists).
StatusOr<PathResult> SolveRoute(const CareerGraph& g, const ResolvedRoute& r, const RouteLimits& limits);

// The response form of a path from `from` along `edges`.
v1::Route MakeRoute(const CareerGraph& g, const CostModel& cost, Vertex from, const std::vector<EdgeId>& edges);

// NO_ROUTE status explaining why `r` has no route.
Status ExplainNoRoute(const CareerGraph& g, const v1::RouteRequest& req, const ResolvedRoute& r,
                      const RouteLimits& limits);

}  // namespace careergraph
