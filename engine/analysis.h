// Ladder analysis: how healthy an org ladder is and how it compares with others, as a
// careergraph.v1.LadderReport (see proto/careergraph/v1/report.proto for every field).
//
// Per track (an org's positions sharing a track name): time to the top, fastest and expected
// (a move of y years succeeding with probability p takes y/p years on average when retried
// until it succeeds); promotion velocity, pay growth, ambiguity and leadership per level.
// Routes for these stay inside the track. Per ladder: betweenness and routes cut
// (betweenness.h), dead ends (no route to any track's top), unreachable positions (no route
// from any track's entry), pay inversions (pay_inversion.h, the rule `careergraph validate`
// uses), lateral cycles (strong components of the moves that do not raise the level),
// track-switch premiums, mobility (positions reachable within each horizon),
// pay/ambiguity bands per level, and, when the ladder has a competency catalogue, the
// competencies that gate promotions and track switches and the moves with the largest gaps
// (competency_gates.h). Across ladders: every ladder's levels mapped onto a reference
// ladder's by the overlap of their bands.
//
// Design choices:
//  - The work that grows with n * (n + m), one search per betweenness source and one
//    bounded search per position for mobility, is split into units. Any subset of units
//    can be computed anywhere (a thread, an MPI rank) into an AnalysisPartial, and partials
//    merge with exact integer arithmetic, so the report is the same bytes however the units
//    were split. Everything else is linear and runs once, in Finish, in a fixed order.
//  - Every list in the report has a defined order (ladder order, or sorted by name), and
//    every floating-point sum is taken in that order: no hash-map iteration reaches output.
//  - No I/O here: the report's validation findings are the caller's (io/load.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "careergraph/v1/report.pb.h"
#include "engine/betweenness.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

// Limits and defaults of AnalyzeOptions.
inline constexpr std::uint32_t kDefaultExactMaxPositions = 2000;
inline constexpr std::uint32_t kDefaultSamples = 128;
inline constexpr std::uint64_t kDefaultAnalysisSeed = 20240601;
inline constexpr double kDefaultFailureProbability = 0.05;
inline constexpr std::uint32_t kDefaultTop = 10;
inline constexpr std::uint32_t kMaxSamples = 1000000;
inline constexpr double kMaxMobilityYears = 50;
inline constexpr std::size_t kMaxMobilityHorizons = 8;
inline constexpr std::uint32_t kMaxTop = 1000;

// Fills in defaults; INVALID_ARGUMENT naming the field for values out of range.
StatusOr<v1::AnalyzeOptions> ResolveAnalyzeOptions(const v1::AnalyzeOptions& options);

// Sums over a subset of a ladder's units.
struct AnalysisPartial {
  BetweennessPartial sources;
  std::vector<std::uint32_t> mobility;  // [v * horizons + h]

  void Merge(const AnalysisPartial& other);
  // A flat form for sending between processes, and back. Unpack checks the sizes.
  std::vector<std::uint64_t> Pack() const;
  static StatusOr<AnalysisPartial> Unpack(std::span<const std::uint64_t> packed, std::size_t positions,
                                          std::size_t horizons);
};

class LadderAnalysis {
 public:
  // `options` must come from ResolveAnalyzeOptions.
  LadderAnalysis(GraphPtr graph, v1::AnalyzeOptions options);

  const CareerGraph& graph() const { return *graph_; }
  const BetweennessSources& sources() const { return sources_; }

  // Units [0, sources) are betweenness sources, [sources, sources + n) mobility searches.
  std::size_t num_units() const;
  // The units of one shard: unit u belongs to shard u % shards.
  std::vector<std::size_t> ShardUnits(int shard, int shards) const;
  std::vector<std::size_t> AllUnits() const { return ShardUnits(0, 1); }

  // Computes `units` on up to `threads` threads. `done`, when given, counts finished units.
  AnalysisPartial Compute(std::span<const std::size_t> units, int threads,
                          std::atomic<std::uint64_t>* done = nullptr) const;
  // A partial of the right shape with nothing added.
  AnalysisPartial EmptyPartial() const;

  // The report from the partial summed over every unit. name is the graph's; source and
  // validation are left to the caller.
  v1::LadderReport Finish(const AnalysisPartial& all) const;

 private:
  GraphPtr graph_;
  v1::AnalyzeOptions options_;
  BetweennessSources sources_;
  std::vector<double> horizons_;
};

// Compute over every unit, then Finish.
v1::LadderReport AnalyzeLadder(GraphPtr graph, const v1::AnalyzeOptions& options, int threads = 1);

// Maps each level of `ladder` onto a level of `reference` by the overlap of their bands
// (score: mean of the pay and ambiguity Jaccard overlaps). Levels are ordered on both sides,
// so the mapping keeps the order: the non-decreasing assignment with the largest total score
// (ties to lower reference levels). A level whose assigned score is 0 is unmatched. Each
// match carries who sits at both levels (orgs, titles, level labels) for the table.
// Per level number: the positions (their orgs, titles and level labels), their pay range and
// median (known pay only), ambiguity range and mean, and the bands a level match compares
// (the range widened by half the ladder's median step between levels; pay on a log scale).
std::vector<v1::LevelBand> LevelBands(const CareerGraph& g);

// How much each band counts in a level match (AnalyzeOptions.map_weight_*).
struct MapWeights {
  double pay = 1.0;
  double ambiguity = 0.5;
};
std::vector<v1::LevelMatch> MapLevels(const v1::LadderReport& reference, const v1::LadderReport& ladder,
                                      const MapWeights& weights = {});

// Fills in the cross-ladder parts of a report whose ladders are complete: the reference
// (the first ladder not rejected), the level mapping of every other analysed ladder onto it,
// and the counts.
Status CompleteReport(v1::AnalysisReport* report);

}  // namespace careergraph
