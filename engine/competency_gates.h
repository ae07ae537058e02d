// Competency gates: per ladder, the competencies that most often stand in the way of a
// promotion or a track switch, and the moves that ask the most to learn
// (careergraph.v1.CompetencyGates in LadderReport, filled by LadderAnalysis::Finish).
//
// A move a -> b is gated by competency c when growth_c = max(0, need_b(c) - have_a(c)) > 0,
// with have_a the profile of the position left (competency.h: a competency it does not name
// counts at its scale's minimum; one b does not name asks nothing). The move's gap is
// sum_c importance_b(c) * growth_c, the same number `careergraph gap` and the route columns
// show for the move.
//
// Design choices:
//  - Moves are split by their transition kind, the one `route --avoid-kind` reads (readers
//    infer a missing kind from the two positions); the largest-gap list takes every kind.
//  - Absent, not zero, without a catalogue: a ladder that defines no competencies says
//    nothing about what its moves ask, so it gets no tables at all.
//  - One pass over the moves in CSR order; the work is the moves times the competencies their
//    targets name. Every ranking breaks ties by ids, so the bytes never depend on edge order.
#pragma once

#include <cstdint>
#include <optional>

#include "careergraph/v1/report.pb.h"
#include "engine/career_graph.h"

namespace careergraph {

// The gates of `g`'s moves, each ranked list cut at `top` entries; nullopt when `g` has no
// competency catalogue.
std::optional<v1::CompetencyGates> FindCompetencyGates(const CareerGraph& g, std::uint32_t top);

}  // namespace careergraph
