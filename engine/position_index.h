// PositionIndex: resolves what a person types into a position.
//
// Lookup order: exact id; title, case-insensitively ("staff software engineer");
// "title @ org" when a title exists in several orgs; then, given the tracks, a level label
// with a track ("IC3 SWE", "swe ic3") or an abbreviated title ("Senior PM"), tracks.h. On a miss the error carries the
// closest names by edit distance ("did you mean 'Staff Software Engineer'?"), computed
// only then, so hits cost one hash lookup.
//
// Design choices:
//  - No string is copied and nothing is allocated per position: a graph of a million
//    positions is indexed with three flat arrays. Ids live in an open-addressing table
//    (linear probing, load <= 1/2) of position indexes, each slot holding the 32-bit hash
//    of its id beside the index, so a probe touches one word and compares the id itself
//    (positions[i].id()) only when the hashes agree. Building hashes a few positions
//    ahead and prefetches their slots: the table is larger than the caches. Titles are grouped by their lower-case form: a second table holds one slot per
//    distinct title (its first position), and `next` chains the positions sharing a
//    title in index order, so an ambiguous title lists its positions without a vector per
//    title. Lower-casing happens inside the hash and the comparison (ASCII, as ToLower).
//  - Building is one pass per table in index order, so the first of two equal ids is the
//    one found and `first_duplicate` is the earliest repeat: deterministic for any input.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/huge_pages.h"
#include "engine/position_list.h"
#include "engine/status.h"

namespace careergraph {

class PositionIndex {
 public:
  PositionIndex() = default;
  // `tracks` (optional, must outlive the index) lets lookups name a position by its level
  // label and track ("IC3 SWE") or an abbreviated title ("Senior PM"); see tracks.h.
  explicit PositionIndex(const PositionList& positions,
                         const google::protobuf::RepeatedPtrField<v1::Track>* tracks = nullptr);

  // `field` names the request field in errors ("from", "to", "via[1]").
  StatusOr<std::uint32_t> Resolve(std::string_view query, std::string_view field = "position") const;
  std::uint32_t FindId(std::string_view id) const;  // kNotFound on a miss
  // FindId of each of `ids` into `out` (as many entries). Each lookup reads the table, a
  // position and its id at random; in a batch those reads are issued ahead, several
  // lookups at a time, so they overlap instead of waiting on each other.
  void FindIds(std::span<const std::string_view> ids, std::span<std::uint32_t> out) const;
  // Case-insensitive substring search over id, title, org and track; ranked: exact title,
  // title prefix, substring; then by title. Empty text lists all.
  std::vector<std::uint32_t> Search(std::string_view text, std::size_t limit) const;
  // Up to `n` closest ids/titles to `query` by edit distance. Only the best 2n names are
  // kept while the names are read, and each is measured only as far as the last kept one
  // (BoundedEditDistance), so a miss on a large ladder costs one read of its names.
  std::vector<std::string> Suggest(std::string_view query, std::size_t n = 3) const;
  // The same, given the abbreviated titles the query may mean with typos (tracks.h's
  // FindPositionAliases(...).close, closest first), which lead the list: for a caller that
  // has already read the aliases.
  std::vector<std::string> SuggestAfter(std::string_view query, std::size_t n,
                                        const std::vector<std::uint32_t>& close_aliases) const;

  static constexpr std::uint32_t kNotFound = static_cast<std::uint32_t>(-1);
  // The first position whose id repeats an earlier one, or kNotFound.
  std::uint32_t first_duplicate() const { return first_duplicate_; }
  // The earliest position whose (non-empty) title and org, compared case-insensitively,
  // repeat an earlier position's, or kNotFound: such a title names no one position.
  std::uint32_t FirstSharedTitleInOrg() const;

  // Approximate heap bytes of the index itself (the positions are not counted).
  std::size_t MemoryBytes() const;

 private:
  // The first position whose lower-cased title equals `lower_title` (already lower case),
  // or kNotFound; the rest follow through next_title_.
  std::uint32_t FirstWithTitle(std::string_view lower_title) const;

  const PositionList* positions_ = nullptr;
  const google::protobuf::RepeatedPtrField<v1::Track>* tracks_ = nullptr;
  std::uint64_t mask_ = 0;                  // table size - 1 (both tables have one size)
  HugeVector<std::uint64_t> id_slot_;       // (hash of the id << 32) | position index; kNotFound when free
  HugeVector<std::uint32_t> title_slot_;    // first position of a distinct title, or kNotFound
  HugeVector<std::uint32_t> next_title_;    // by position: the next one with the same title
  std::uint32_t first_duplicate_ = kNotFound;
};

// ASCII lower case (the C locale's tolower, which is what the program runs in).
std::string ToLower(std::string_view s);
std::size_t EditDistance(std::string_view a, std::string_view b);
// EditDistance(a, b) when it is at most `limit`, else limit + 1: only a band of 2 * limit + 1
// cells a row is filled, and it stops once a row is all beyond the limit (Ukkonen, "Algorithms
// for approximate string matching", 1985), so comparing a name with a million others costs
// little for the ones far from it.
std::size_t BoundedEditDistance(std::string_view a, std::string_view b, std::size_t limit);
// "did you mean 'a', 'b' or 'c'?" for a non-empty list of names.
std::string DidYouMean(const std::vector<std::string>& suggestions);

}  // namespace careergraph
