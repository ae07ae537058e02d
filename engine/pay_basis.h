// How sure a pay figure is, in answers. A position's pay may be its own (measured for it, or
// the figure its ladder states), a group's figure it shares with other positions, an
// estimate, or a top-coded floor (graph.proto, PayBasis). Every answer that shows a pay
// carries its basis; an answer that ranks or chooses by pay says in words when it leans on
// a figure that is not a position's own.
//
// Design choices:
//  - A ranking is flagged, not reordered: the figures are still the best evidence the ladder
//    has, and silently demoting a shared figure would answer a different question. The note
//    names the positions so a reader can weigh them.
//  - A top-coded figure is a floor, so ranking it above a lower own figure is right; it is
//    never the subject of a ranking note (the answer shows it as "at least").
//  - Unknown pay has no basis to speak of and is ignored here (it is ranked last and shown
//    as "-" by the queries themselves).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/career_graph.h"

namespace careergraph {

// The position's own figure: measured for it, or stated by its ladder without a basis.
inline bool PayIsOwn(v1::PayBasis b) { return b == v1::PAY_BASIS_UNSPECIFIED || b == v1::PAY_BASIS_MEASURED; }
// A figure that may sit far from the position's own pay in either direction.
inline bool PayIsUncertain(v1::PayBasis b) { return b == v1::PAY_BASIS_SHARED || b == v1::PAY_BASIS_ESTIMATED; }

// "shared", "estimated", "top-coded", "measured", "" (unspecified).
std::string_view PayBasisName(v1::PayBasis b);
// Parses the names above (case-insensitive; "top_coded" and "topcoded" too). False when
// `text` is none of them.
bool ParsePayBasis(std::string_view text, v1::PayBasis* out);

// The message for a pay basis `text` that ParsePayBasis refuses, with the name it probably
// meant: "pay_basis 'estimate' is not one of ...; did you mean 'estimated'?".
std::string BadPayBasisMessage(std::string_view text);
// The message for a pay error `text` that is not a number, the same from every reader:
// "pay_error '15%' is not a number; write a relative error like 0.15 (...)".
std::string BadPayErrorMessage(std::string_view text);

// Positions ranked best first by the pay of `ranked_by[i]` (the position whose pay decides
// item i: a move's target, its ceiling, a reached position). When an item whose figure is
// uncertain ranks above an item whose figure is the position's own, the note saying so in
// words, naming up to three such positions with their basis and source; "" otherwise.
// `items` names what is ranked ("moves", "positions").
std::string RankingPayNote(const CareerGraph& g, std::span<const Vertex> ranked_by, std::string_view items);

// The note for an answer built on the pay of `used` (a plan's positions, an option's
// ceiling): names the positions whose figure is uncertain; "" when there are none.
// `what` says what leans on them ("the plan's earnings").
std::string FigurePayNote(const CareerGraph& g, std::span<const Vertex> used, std::string_view what);

}  // namespace careergraph
