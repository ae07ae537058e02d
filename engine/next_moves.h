// Next moves: the moves open from a position right now, ranked, each with why.
//
// Design choices:
//  - Every allowed out-edge of the start is a candidate (parallel moves of different kinds
//    are listed separately). "Why" is the move's own numbers (pay, ambiguity, leadership
//    change, years, probability) plus where it leads: the best-paid position reachable
//    within a lookahead (5 years by default) after the move, found by one Dijkstra in years
//    from the move's target bounded by the lookahead. Targets shared by several moves are
//    searched once. With the default ladder's shape a lookahead ball is a small part of the
//    graph, so all of them together cost less than one unbounded Dijkstra.
//  - The default ranking is expected upside, probability x (ceiling pay - current pay): a
//    move is worth what it opens up, discounted by the chance it works out. Moves that open
//    nothing better than today rank at or below zero. Other orders are available (pay,
//    probability, years, ceiling); every order states its tie-breaks in ranking_rule.
//  - Filters apply to the move's target and to the lookahead.
#pragma once

#include <cstdint>

#include "careergraph/v1/next.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

struct NextLimits {
  double default_lookahead_years = 5;
  double max_lookahead_years = 50;
  std::uint32_t max_top = 1000;
};

StatusOr<v1::NextResponse> FindNextMoves(const CareerGraph& g, const v1::NextRequest& req,
                                         const NextLimits& limits = {});

}  // namespace careergraph
