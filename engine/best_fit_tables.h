// BestFitTables: landmark tables customized to one best-fit weighting, for the weightings a
// graph is asked for again and again.
//
// Design choices:
//  - The fixed objectives each have their own landmark tables (landmarks.h), so a route's
//    bound is tight in its own metric. A best-fit weighting mixes years, risk and the
//    penalties of the positions moved into; its two-ended bound reads the years table
//    alone (objective_bound.h), which on the 100k ladder's random pairs leaves about 690
//    positions settled a route against fastest's 520. Tables computed in the weighting's
//    own cost, on the same landmark positions, bound it as tightly as the fixed objectives
//    are bounded: about 440 settled, 1.4-1.6x faster (bench/README.md). This is the
//    per-metric customization of customizable route planning (Delling, Goldberg, Pajor &
//    Werneck, "Customizable route planning", SEA 2011; Dibbelt, Strasser & Wagner,
//    "Customizable contraction hierarchies", SEA 2014): the landmark positions depend only
//    on the topology, their distances are computed per metric.
//  - A customization costs eight full searches (four landmarks, both ways): about 160 ms
//    on the 100k ladder, far more than the ~0.5 ms route it speeds up. So a query never
//    builds one; it finds the tables of its weighting or goes on with the years bound,
//    exact either way. Queries count how often each weighting without tables is asked
//    for; a host that serves many queries (the server's table warmer) asks Wanted() and
//    builds the tables off the request path, at low priority. Build() is also there for a
//    batch run or a benchmark that knows its weighting.
//  - At most kMaxWeightings tables are kept (64 bytes a position each: 6.4 MB at 100k
//    positions), and on a large graph fewer: together they stay within 16 bytes a
//    transition or 64 MiB, whichever is more (Capacity: two on the 1M-position graph). A weighting asked for more than twice as often as the least-used kept one
//    replaces it, every count halving at each build, so recent use weighs most and equally
//    used weightings do not take turns; a search holds its tables by shared_ptr, so a
//    replaced table lives until the searches using it end.
//  - Only weightings whose bound the tables improve: years alone is fastest's metric, and
//    the years table bounds it already.
//  - Thread-safe: one mutex, taken once per two-ended best-fit search.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"

namespace careergraph {

class Landmarks;

class BestFitTables {
 public:
  static constexpr std::size_t kMaxWeightings = 4;
  // Uses of a weighting without tables before Wanted() names it.
  static constexpr std::uint64_t kWantedAfterUses = 32;
  // Below this many positions a customization is never wanted: routes there search without
  // tables (RouteLimits::landmark_min_positions).
  static constexpr std::uint32_t kMinPositions = 5000;

  // Whether tables would bound `w` more tightly than the fixed tables do.
  static bool Worthwhile(const v1::Weights& w);
  // How many weightings' tables a graph of this size keeps (1 to kMaxWeightings).
  static std::size_t Capacity(std::uint64_t positions, std::uint64_t transitions);

  // The tables of weighting `w` (as CostModel::weights() gives it), or null; counts a use.
  std::shared_ptr<const Landmarks> Find(const v1::Weights& w);
  // The weighting without tables most asked for, once it has been asked for
  // kWantedAfterUses times and would be kept (room, or twice the uses of the least-used kept).
  std::optional<v1::Weights> Wanted(const CareerGraph& g) const;
  // Computes and keeps the tables of `w` on the calling thread (under its CancelScope, if
  // any: a stopped build throws Cancelled and keeps nothing). False when `w` is not
  // worthwhile, already has tables, or weighs a value some position lacks.
  bool Build(const CareerGraph& g, const v1::Weights& w);

  std::size_t size() const;
  std::size_t MemoryBytes() const;

 private:
  using Key = std::array<double, 6>;  // years, risk, pay, ambiguity, leadership, skills
  static Key KeyOf(const v1::Weights& w);
  static v1::Weights WeightsOf(const Key& k);
  struct Kept {
    std::shared_ptr<const Landmarks> tables;
    std::uint64_t uses = 0;  // since it was built
  };

  mutable std::mutex mu_;
  std::map<Key, Kept> kept_;
  std::map<Key, std::uint64_t> asked_;  // uses of weightings without tables
};

}  // namespace careergraph
