// A seeded synthetic career ladder for benchmarks: companies x tracks x levels.
//
// Every company has the same six tracks (SWE, EM, PM, TPM, Design, Data) with ten levels,
// so a graph has companies * 60 positions. Each position has about ten outgoing moves:
//   - a promotion to the next level of its track (1.5..3 years);
//   - moves to other tracks inside its company at the same or an adjacent level
//     (0.5..2 years): TRANSITION_KIND_LATERAL inside a track family (SWE/Data, PM/TPM/Design),
//     TRANSITION_KIND_TRACK_SWITCH across families (e.g. SWE -> EM, SWE -> TPM);
//   - `external_degree` TRANSITION_KIND_ORG_CHANGE moves to random other companies at an equal or higher
//     level, a quarter of them into another track (1..3.5 years).
// Parallel edges are dropped (the first of promotion, in-company, external wins) and there
// are no self-loops, so the graph is a plain digraph like the one ../shared/peers generates.
//
// Design choices:
//  - Deterministic from the seed alone: every random draw is a splitmix64 hash of
//    (seed, stream, index), so output does not depend on iteration order, on the standard
//    library's distributions, or on the platform.
//  - The moves and their years use the same hash streams and rules as
//    ../shared/peers/gen_graph.py, so with the default seed the presets are the peers'
//    small / medium / large graphs move for move (same n, m, edge order and years; the
//    peers' fixed distances such as 11.625 years on medium come out here too). Benchmark
//    numbers are therefore directly comparable with the peer comparison. The generator
//    labels in-company moves TRANSITION_KIND_LATERAL or TRANSITION_KIND_TRACK_SWITCH where the peers say "lateral", and
//    draws its own probabilities and position attributes (bounded noise, below).
//  - Years are multiples of 1/8 so path sums are exact doubles and benchmark checksums
//    compare bit for bit; probabilities are rounded to 4 decimals inside (0, 1].
//  - Pay, ambiguity and leadership follow the default ladder's shape: pay grows ~17% per
//    level, with a track premium (EM > PM > SWE > Data > TPM > Design) and a company factor;
//    ambiguity and leadership grow with level. Noise is bounded below the track gaps, so at
//    every company and level a PM is paid more than a TPM, works with more ambiguity and is
//    closer to leadership (what the product's reference ladder also says).
//  - Competency profiles (optional) are a function of track and level only, so a move's gap
//    grows with the levels it climbs and the families it crosses.
//  - Transitions are written in the columnar TransitionTable, sorted by (from, to), which
//    is the form `careergraph build` writes for large graphs.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

#include "careergraph/v1/graph.pb.h"
#include "engine/huge_pages.h"

namespace careergraph::bench {

struct SyntheticOptions {
  std::uint32_t companies = 17;
  std::uint64_t seed = 20240601;
  std::uint32_t external_degree = 7;  // cross-company moves per position before dedup
  // Also a competency catalogue (one core competency per track, scale 0..5) and a profile
  // per position: its own track's competency at 1 + level/2, the other tracks' of its family
  // at level/3, the rest not asked (whole levels, rounded down).
  bool competencies = false;

  // ~1k, ~100k and ~1M positions (about 10x as many transitions).
  static SyntheticOptions Small() { return {17}; }
  static SyntheticOptions Medium() { return {1667}; }
  static SyntheticOptions Large() { return {16667}; }
};

inline constexpr std::uint32_t kSyntheticTracks = 6;
inline constexpr std::uint32_t kSyntheticLevels = 10;

// Vertex id of (company, track 0..5, level 1..10) in a SyntheticLadder: positions are laid
// out company-major, then track (SWE, EM, PM, TPM, Design, Data), then level.
inline std::uint32_t SyntheticPosition(std::uint32_t company, std::uint32_t track, std::uint32_t level) {
  return (company * kSyntheticTracks + track) * kSyntheticLevels + (level - 1);
}

// Position ids are "c<company>-<track>-<level>", e.g. "c12-pm-6".
std::string SyntheticPositionId(std::uint32_t company, std::uint32_t track, std::uint32_t level);

v1::Graph SyntheticLadder(const SyntheticOptions& options);

// Called before a query benchmark's timed loop: the graph's and its tables' blocks in huge
// pages, as a serving process has them once it has built its tables (PromoteToHugePages,
// engine/huge_pages.h; a one-off command keeps small pages).
inline void AsServed() { PromoteToHugePages(); }

// `v` appended in its shortest round-trip form, so a ladder written as text reads back with
// the generator's exact values.
inline void AppendNumber(std::string* out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

}  // namespace careergraph::bench
