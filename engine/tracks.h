// Tracks: what a track is (its id, name, description and level scale, from the snapshot's
// metadata), how to name one, and `careergraph tracks` — each track's ladder in order with
// the moves up it, the ways in from other tracks and out to them, and the time to the top.
//
// Design choices:
//  - A track is named by its id or its name, case-insensitively ("pm", "Product
//    Management"), or by a word of its name when only one track has it ("product"). A miss
//    suggests the closest ids and names by edit distance.
//  - A position's level label is its own (`level_label`), else its track scale's label for
//    its level, else "L<level>": every output shows one.
//  - A position can also be named by its level label and its track ("IC3 SWE", "swe ic3",
//    "L6 @ Acme pm"), by its title with a run of words shortened to their initials
//    ("Senior PM" for Senior Product Manager) or, for the words of its track, to the
//    track's id ("Staff SWE" for Staff Software Engineer in track swe), and with the usual
//    word abbreviations ("Sr", "Mgr", "Eng", ...). These aliases are tried only when the id
//    and the title miss, so a plain lookup costs what it did; a name that still misses
//    suggests the aliases one typo away ("Staf SWE").
//  - A track's ladder is its positions in (level, pay, id) order. The step up from a
//    position is its quickest move to a more senior position of the same track; the time to
//    the top is the quickest climb (Dijkstra by years over the track's own moves) from the
//    most junior position to the best-paid one of the highest level.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/tracks.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

// The track named `name` (id, name or a distinctive word of the name; case-insensitive).
// `field` names the request field in errors.
StatusOr<std::uint32_t> ResolveTrack(const CareerGraph& g, std::string_view name, std::string_view field);

// The metadata's description of track `track_id` (CareerGraph::tracks() index), or nullptr.
const v1::Track* TrackInfo(const CareerGraph& g, std::uint32_t track_id);
// The track's name, or its id when the graph gives none.
std::string TrackDisplayName(const CareerGraph& g, std::uint32_t track_id);
// The level label of position v (see the design choices).
std::string LevelLabelOf(const CareerGraph& g, Vertex v);

// The positions `query` names by label + track or by an abbreviated title (see above), in
// one pass over the positions; case and blanks around words do not matter.
//  - exact: what the query names (PositionIndex::Resolve after a miss; a positions search that
//    finds no title);
//  - close: what an abbreviated title with typos may mean ("staf swe": Staff Software
//    Engineer), closest first, each word of four letters or more allowed one edit off: for
//    suggestions after a miss, never for resolving.
// A title the query names with no edit is the same title with none allowed, so the exact hits
// are the close ones at distance 0 (or, when any, the label + track hits).
struct PositionAliasHits {
  std::vector<std::uint32_t> exact;
  std::vector<std::uint32_t> close;
};
PositionAliasHits FindPositionAliases(std::string_view query, const PositionList& positions,
                                      const google::protobuf::RepeatedPtrField<v1::Track>& tracks);
namespace tracks_internal {
// The same, every title read in full, none skipped by its word count or remembered: the
// plain rule FindPositionAliases's shortcuts are tested against.
PositionAliasHits FindPositionAliasesTitleByTitle(std::string_view query, const PositionList& positions,
                                                  const google::protobuf::RepeatedPtrField<v1::Track>& tracks);
}  // namespace tracks_internal

// The positions of track `track_id` in ladder order.
std::vector<Vertex> TrackLadder(const CareerGraph& g, std::uint32_t track_id);

StatusOr<v1::TracksResponse> DescribeTracks(const CareerGraph& g, const v1::TracksRequest& req);

}  // namespace careergraph
