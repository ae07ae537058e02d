// Competencies: the graph's competency catalogue, each position's profile, and the gap of a
// move (what it asks you to learn).
//
// The gap of a move into position t for a person holding levels `have`:
//
//   growth_c(have, t) = max(0, level_t(c) - have(c))        for each competency c t names
//   gap(have, t)      = sum_c importance_t(c) * growth_c     (importance absent = 1)
//   max_growth        = max_c growth_c                       (unweighted levels)
//
// A competency t does not name asks nothing. have(c) is what the person holds: the profile of
// the position they are in (a competency it does not name counts at its scale's minimum),
// with the levels the person gives (`have` in a request) replacing it where given. Along a
// route what you hold is carried forward: after a move you hold the higher of what you had
// and what the position asked, have' = max(have, level_t) elementwise.
//
// Design choices:
//  - Profiles are resolved once when the graph is built: competencies become dense indexes
//    and each position's profile a sorted sparse row, so a gap is a short merge.
//  - The move columns (gap and max growth of every transition, from the source position's
//    own profile) are computed once too, so the `skills` cost term and the `max_gap` /
//    `max_growth` exclusions read one number per edge, as years and risk do. A search is
//    memoryless: it prices each move from the position it leaves, not from what earlier
//    moves taught; that price is never below the carried-forward gap shown in answers.
//  - The engine is free of I/O; readers check profiles with file:line (io/competency_yaml.h)
//    and Make repeats the checks for snapshots built in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/position_list.h"
#include "engine/status.h"

namespace careergraph {

struct Requirement {
  std::uint32_t competency;  // index into the catalogue
  double level;
  double importance;  // in [0, 1]; 1 when the profile gives none
};

// One competency's part of a move's gap.
struct CompetencyGap {
  std::uint32_t competency;
  double have, need, importance;
  double growth;    // max(0, need - have)
  double weighted;  // importance * growth
};

struct MoveGap {
  double total = 0;       // sum of weighted
  double max_growth = 0;  // largest growth
  // Every competency the target names, largest weighted growth first (ties: larger growth,
  // then catalogue order).
  std::vector<CompetencyGap> items;
};

// One reason a competency catalogue or profile is refused: `position` < 0 names catalogue
// entry `index` (field "id" or "scale_max"); otherwise requirement `index` of that position's
// profile (field "competency", "level" or "importance"). `code` is the finding code readers
// use for the same problem (io/competency_yaml.h).
struct CompetencyProblem {
  std::string code;
  int position = -1;
  int index = 0;
  std::string field;
  std::string message;
};

// Every problem of the catalogue in `metadata` and of the profiles of positions [0, count)
// (`position(i)` gives each), in order. The one rule: Competencies::Make refuses the first,
// validation reports them all with file and line.
std::vector<CompetencyProblem> CheckCompetencies(const v1::Metadata& metadata, std::size_t count,
                                                 const std::function<const v1::Position&(std::size_t)>& position);

class Competencies {
 public:
  Competencies() = default;
  // Checks the catalogue (unique non-empty ids, scale_min < scale_max, finite) and every
  // profile (known competency, level inside its scale, importance in [0, 1], no repeats).
  // INVALID_DATA naming the position and the field ("competencies[2].level").
  static StatusOr<Competencies> Make(const v1::Metadata& metadata, const PositionList& positions);

  std::uint32_t size() const { return static_cast<std::uint32_t>(ids_.size()); }
  bool empty() const { return ids_.empty(); }
  const std::string& id(std::uint32_t c) const { return ids_[c]; }
  double scale_min(std::uint32_t c) const { return min_[c]; }
  double scale_max(std::uint32_t c) const { return max_[c]; }
  // The competency with this id or name (case-insensitive).
  std::optional<std::uint32_t> Find(std::string_view id_or_name) const;
  // Whether any position has a profile.
  bool any_profile() const { return !reqs_.empty(); }

  std::span<const Requirement> profile(std::uint32_t position) const {
    return {reqs_.data() + row_[position], reqs_.data() + row_[position + 1]};
  }

  // What a person in `position` holds: its profile, dense by competency (scale minimum where
  // it names none).
  std::vector<double> Levels(std::uint32_t position) const;
  // have = max(have, level of `position`) elementwise: the move into it has been made.
  void CarryForward(std::vector<double>* have, std::uint32_t position) const;
  // The gap of moving into `target` holding `have` (dense by competency).
  double Gap(const std::vector<double>& have, std::uint32_t target) const;
  MoveGap Explain(const std::vector<double>& have, std::uint32_t target) const;
  // A lower bound on the summed move gaps (the move columns) of any route from `from` to
  // `to` != from: for each competency `to` asks, max(0, need_to - held_from) times the least
  // importance any profile gives it. A route's growths in one competency telescope to at
  // least that; as an A* potential it is consistent (objective_bound.h).
  double GapBound(std::uint32_t from, std::uint32_t to) const;

  // The move columns, by CSR edge: gap and max growth from the source's own profile.
  void ComputeMoveColumns(std::span<const std::uint32_t> source, std::span<const std::uint32_t> target);
  double move_gap(std::uint32_t e) const { return move_gap_.empty() ? 0.0 : move_gap_[e]; }
  double move_growth(std::uint32_t e) const { return move_growth_.empty() ? 0.0 : move_growth_[e]; }
  // Null when no position has a profile (every gap is 0).
  const double* move_gap_column() const { return move_gap_.empty() ? nullptr : move_gap_.data(); }
  const double* move_growth_column() const { return move_growth_.empty() ? nullptr : move_growth_.data(); }

  std::size_t MemoryBytes() const;

 private:
  void MergeGap(std::uint32_t from, std::uint32_t to, double* gap, double* growth) const;

  std::vector<std::string> ids_, names_;
  std::vector<double> min_, max_;
  std::vector<double> min_importance_;  // by competency: least importance of any requirement (1 if none)
  std::vector<std::uint32_t> row_;  // positions + 1 offsets into reqs_
  std::vector<Requirement> reqs_;   // each row sorted by competency
  std::vector<double> move_gap_, move_growth_;
};

// A person's own levels (`have` in a request, competency id or name -> level) over the
// profile of the position they start from: NOT_FOUND for an unknown competency, with a
// suggestion; INVALID_ARGUMENT for a level outside the scale. Errors name `field`.<key>.
StatusOr<std::vector<double>> PersonLevels(const Competencies& c, std::uint32_t start,
                                           const google::protobuf::Map<std::string, double>& have,
                                           const std::string& field = "have");

}  // namespace careergraph
