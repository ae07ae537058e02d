// PositionIndex: resolves what a person types into a position.
//
// Lookup order: exact id; title, case-insensitively ("staff software engineer"); and
// "title @ org" when a title exists in several orgs. On a miss the error carries the
// closest names by edit distance ("did you mean 'Staff Software Engineer'?"), computed
// only then, so hits cost one hash lookup.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/status.h"

namespace careergraph {

class PositionIndex {
 public:
  PositionIndex() = default;
  explicit PositionIndex(const std::vector<v1::Position>& positions);

  // `field` names the request field in errors ("from", "to", "via[1]").
  StatusOr<std::uint32_t> Resolve(std::string_view query, std::string_view field = "position") const;
  std::uint32_t FindId(std::string_view id) const;  // kNotFound on a miss
  // Case-insensitive substring search over id, title, org and track; ranked: exact title,
  // title prefix, substring; then by title. Empty text lists all.
  std::vector<std::uint32_t> Search(std::string_view text, std::size_t limit) const;
  // Up to `n` closest ids/titles to `query` by edit distance.
  std::vector<std::string> Suggest(std::string_view query, std::size_t n = 3) const;

  static constexpr std::uint32_t kNotFound = static_cast<std::uint32_t>(-1);
  // The first position whose id repeats an earlier one, or kNotFound.
  std::uint32_t first_duplicate() const { return first_duplicate_; }

 private:
  const std::vector<v1::Position>* positions_ = nullptr;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_title_;  // lower-case title
  std::uint32_t first_duplicate_ = kNotFound;
};

std::string ToLower(std::string_view s);
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace careergraph
