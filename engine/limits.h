// The engine's limits: one configuration for every query, whichever front end asks.
//
// Design choices:
//  - Each query's limits stay beside the query (RouteLimits in route.h, PlanLimits in plan.h,
//    ...), where a reader of the query finds them; `Limits` gathers one of each, and is the
//    only limits object a front end holds. The CLI uses the defaults below, the server sets
//    some fields from its flags (`serve --max-alternatives`, ...), the library and the batch
//    runner take it as given. Nothing else decides a limit.
//  - A query function takes its own section (`FindRoute(graph, request, limits.route)`);
//    `Limits::Of<L>()` picks the section by type, so a front end that dispatches generically
//    (the server's endpoint table) needs no per-query code.
//  - Limits are rules of the request ("at most 100 alternatives"), and a request outside them
//    is an INVALID_ARGUMENT or TOO_LARGE error naming the field; they are not how a
//    query is computed. The two execution choices kept here (`build_landmarks`, and the graph
//    sizes above which another algorithm is used) never change an answer.
#pragma once

#include <tuple>

#include "engine/compare.h"
#include "engine/gap.h"
#include "engine/matrix.h"
#include "engine/next_moves.h"
#include "engine/pareto.h"
#include "engine/plan.h"
#include "engine/positions.h"
#include "engine/reach.h"
#include "engine/route.h"

namespace careergraph {

struct Limits {
  RouteLimits route;          // route and alternatives: via positions, alternatives, label budget
  TradeoffsLimits tradeoffs;  // the trade-off front: routes, seconds, labels
  PlanLimits plan;            // plan: horizon, step, states, policy size
  CompareLimits compare;      // compare: options, and each option's plan budget
  MatrixLimits matrix;        // matrix: cells
  ReachLimits reach;          // reach: years, moves, labels
  NextLimits next;            // next: look-ahead, list size
  GapLimits gap;              // gap: via positions
  PositionsLimits positions;  // positions: page size and its maximum

  // The section of type L (a compile error for a type that is not a section).
  template <typename L>
  const L& Of() const {
    return std::get<const L&>(std::tie(route, tradeoffs, plan, compare, matrix, reach, next, gap, positions));
  }
};

}  // namespace careergraph
