// CareerGraph: the immutable, query-ready form of a careergraph.v1.Graph snapshot.
//
// Design choices:
//  - Topology is a compressed sparse row layout the graph owns as plain arrays (32-bit
//    vertex and edge ids): out-edges of a vertex are contiguous, so a search touches memory
//    in order; in-edges (for reverse searches and landmarks) come from the transpose, each
//    holding its forward edge index. The arrays are those of Boost.Graph's bidirectional
//    compressed_sparse_row_graph, edge for edge, but Boost offers no public way to adopt
//    them and building through its constructor would sort ten million edges a second time;
//    so a Boost CSR is built from them only when a Boost algorithm asks for one (csr()).
//  - Attributes live beside the topology as columns indexed by vertex id or by CSR edge
//    index and are used through property maps. Queries choose a cost function over these
//    columns; nothing ever copies the graph to change an objective or apply a filter.
//  - Vertex ids are the positions' order in the snapshot; CSR edge order is transitions
//    stably sorted by source, so building is deterministic. Build fills the CSR arrays
//    itself: a counting sort by source for the out-edges (none when the input is sorted
//    already) and one by target for the in-edges, each in-edge holding its forward edge
//    index, exactly the arrays Boost's constructor from an unsorted edge list makes.
//  - Building validates the hard errors (duplicate ids, unknown endpoints, values out of
//    range) so an engine object is always consistent; readers report the same errors with
//    file:line before they get here (io/validate.h).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <atomic>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>

#include "careergraph/v1/graph.pb.h"
#include "engine/huge_pages.h"
#include "engine/position_index.h"
#include "engine/position_list.h"
#include "engine/status.h"

namespace careergraph {

using Vertex = std::uint32_t;
using EdgeId = std::uint32_t;
using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                               boost::no_property, boost::no_property,
                                               Vertex, EdgeId>;
inline constexpr Vertex kNoVertex = static_cast<Vertex>(-1);

// The documented bounds of a graph's numbers (README, "Data formats"); Build and the io
// checks refuse values outside them, so no sum, plan or printout meets an extreme double.
inline constexpr double kMaxAnnualPay = 1e9;       // pay: finite, >= 0 and <= this
inline constexpr double kMaxPayError = 10;         // pay_error: a relative error in [0, this]
inline constexpr double kMaxTransitionYears = 100;  // years: finite, > 0 and <= this

// The position attributes a ladder may leave unknown (graph.proto: absent = unknown).
enum class Attribute : int { kPay = 0, kAmbiguity = 1, kLeadership = 2 };
inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline bool Known(double value) { return !std::isnan(value); }
// For orderings: an unknown value sorts below every known one (NaN has no order at all).
inline double OrLowest(double value) { return Known(value) ? value : -std::numeric_limits<double>::infinity(); }
// Sets an optional message field only when the value is known: `m->set_pay(v)` unless v is
// unknown (NaN, also the result of any arithmetic with an unknown value).
template <typename Msg>
inline void SetIfKnown(Msg* m, void (Msg::*set)(double), double v) {
  if (Known(v)) (m->*set)(v);
}
// "pay", "ambiguity", "leadership": the field names the ladder formats use.
const char* AttributeName(Attribute a);

class Competencies;
class Landmarks;
class LandmarkCache;
class BestFitTables;
enum class Metric : int;

// Transitions as plain columns, the shape of a snapshot's TransitionTable: endpoints are
// position indexes and every column has one entry per transition, except that `kind` and
// `provenance` may be empty (all unspecified / none). A reader that decodes a snapshot
// straight into these hands them to Build without an intermediate protobuf message.
struct TransitionColumns {
  HugeVector<std::uint32_t> from, to;
  HugeVector<std::uint8_t> kind;  // v1::TransitionKind values
  HugeVector<double> years, probability;
  HugeVector<std::uint32_t> provenance;  // index into provenance_strings; 0 = none
  std::vector<std::string> provenance_strings;
  std::size_t size() const { return from.size(); }
};

// A snapshot as a reader decodes it for Build without assembling one v1::Graph: positions
// in a PositionList (they become the graph's own, where they are) and the transitions as
// rows and/or columns (rows first).
struct SnapshotParts {
  v1::Metadata metadata;
  PositionList positions;
  google::protobuf::RepeatedPtrField<v1::Transition> transitions;
  TransitionColumns columns;
};

class CareerGraph {
 public:
  // Validates and indexes a snapshot. Transitions may be given as rows, as the columnar
  // TransitionTable, or both. Fails with INVALID_DATA naming the first bad record.
  static StatusOr<std::shared_ptr<const CareerGraph>> Build(v1::Graph snapshot);
  // The same from decoded parts, with the same checks and errors (the columns numbered
  // after the rows, as a snapshot's transition_table). When columns are the only
  // transitions and come sorted by source (as `careergraph build` writes them) they become
  // the graph's edge columns as they are, without a copy.
  static StatusOr<std::shared_ptr<const CareerGraph>> Build(SnapshotParts parts);

  // The topology as a Boost.Graph CSR (same vertex and edge indexes) for Boost's own
  // algorithms, e.g. strong components; built on first use (thread-safe) and kept, at about
  // 13 bytes per transition. The engine's searches read the arrays below instead.
  const Csr& csr() const;
  Vertex num_positions() const { return static_cast<Vertex>(positions_.size()); }
  EdgeId num_transitions() const { return static_cast<EdgeId>(years_.size()); }
  const v1::Metadata& metadata() const { return metadata_; }
  const PositionIndex& index() const { return index_; }

  // ---- vertex columns ----
  const v1::Position& position(Vertex v) const { return positions_[v]; }
  const PositionList& positions() const { return positions_; }
  // Pay, ambiguity and leadership are kUnknown (NaN) where the snapshot does not give them:
  // test with Known(); every comparison with an unknown value is false.
  double pay(Vertex v) const { return traits_[v].pay; }
  double ambiguity(Vertex v) const { return traits_[v].ambiguity; }
  double leadership(Vertex v) const { return traits_[v].leadership; }
  // The three together, one record per position (the only copy of them): a search that
  // weighs them per move (best fit) reads one cache line per position moved into, not three.
  struct Traits {
    double pay, ambiguity, leadership;
  };
  const Traits* traits() const { return traits_.data(); }
  double attribute(Attribute a, Vertex v) const {
    const Traits& t = traits_[v];
    return a == Attribute::kPay ? t.pay : a == Attribute::kAmbiguity ? t.ambiguity : t.leadership;
  }
  // How many positions lack the attribute; 0 means every answer may use it freely.
  std::size_t unknown_count(Attribute a) const { return unknown_[static_cast<int>(a)]; }
  // OK when every position has the attribute; otherwise INVALID_ARGUMENT on `field`, saying
  // that `need` ("the pay weight") needs it and naming the first positions that lack it.
  Status RequireKnown(Attribute a, std::string_view need, std::string field) const;
  // The same for the positions in `among` only (e.g. those a plan can reach).
  Status RequireKnown(Attribute a, std::string_view need, std::string field, const std::vector<Vertex>& among) const;
  int level(Vertex v) const { return level_[v]; }
  std::uint32_t track_id(Vertex v) const { return track_id_[v]; }
  std::uint32_t org_id(Vertex v) const { return org_id_[v]; }
  const std::vector<std::string>& tracks() const { return tracks_; }  // by track_id
  const std::vector<std::string>& orgs() const { return orgs_; }      // by org_id
  // The metadata's description of a track (name, description, level scale), or nullptr.
  const v1::Track* track_info(std::uint32_t track_id) const {
    const int k = track_id < track_info_.size() ? track_info_[track_id] : -1;
    return k < 0 ? nullptr : &metadata_.tracks(k);
  }
  double max_pay() const { return max_pay_; }
  // The competency catalogue, the positions' profiles and each move's gap (competency.h).
  const Competencies& competencies() const { return *competencies_; }

  // ---- edge columns (CSR edge index) ----
  Vertex source(EdgeId e) const { return src_[e]; }
  Vertex target(EdgeId e) const { return target_[e]; }
  double years(EdgeId e) const { return years_[e]; }
  double probability(EdgeId e) const { return probability_[e]; }
  double risk(EdgeId e) const { return risk_[e]; }  // -ln(probability)
  v1::TransitionKind kind(EdgeId e) const { return static_cast<v1::TransitionKind>(kind_[e]); }
  const std::string& provenance(EdgeId e) const {
    return provenance_strings_[provenance_.empty() ? 0 : provenance_[e]];
  }
  std::span<const double> years_column() const { return years_; }
  std::span<const double> probability_column() const { return probability_; }
  std::span<const double> risk_column() const { return risk_; }

  // Out-edges of v are the CSR index range [out_begin(v), out_end(v)).
  EdgeId out_begin(Vertex v) const { return out_start_[v]; }
  EdgeId out_end(Vertex v) const { return out_start_[v + 1]; }
  // In-edges of v are the transpose's slots [in_begin(v), in_end(v)), in forward edge
  // order; slot k is the move in_edge(k), from in_source(k) (the same as source(in_edge(k)),
  // kept beside it so a reverse scan reads one array).
  EdgeId in_begin(Vertex v) const { return in_start_[v]; }
  EdgeId in_end(Vertex v) const { return in_start_[v + 1]; }
  EdgeId in_edge(EdgeId k) const { return in_edge_[k]; }
  Vertex in_source(EdgeId k) const { return in_source_[k]; }
  // Start loading the first lines of v's out-moves (targets and years) or in-moves (sources
  // and edge ids): a search calls these when it pops v, so the moves are at hand by the time
  // it scans them. Reads v's offsets.
  void PrefetchOutMoves(Vertex v) const {
    const EdgeId b = out_start_[v];
    __builtin_prefetch(target_.data() + b);
    __builtin_prefetch(years_.data() + b);
  }
  // Starts loading v's out- or in-move offsets, which PrefetchOutMoves/PrefetchInMoves read.
  void PrefetchOutOffsets(Vertex v) const { __builtin_prefetch(out_start_.data() + v); }
  void PrefetchInOffsets(Vertex v) const { __builtin_prefetch(in_start_.data() + v); }
  void PrefetchInMoves(Vertex v) const {
    const EdgeId b = in_start_[v];
    __builtin_prefetch(in_source_.data() + b);
    __builtin_prefetch(in_edge_.data() + b);
  }
  // The out-edge offsets (n + 1) and targets whole, for kernels that keep them at hand
  // across a loop that also writes memory (where a member read might be repeated).
  std::span<const EdgeId> out_offsets() const { return out_start_; }
  std::span<const Vertex> targets() const { return target_; }
  // Calls f(edge) for each CSR edge index entering v.
  template <typename F>
  void ForEachInEdge(Vertex v, F&& f) const {
    const EdgeId end = in_start_[v + 1];
    for (EdgeId k = in_start_[v]; k < end; ++k) f(in_edge_[k]);
  }

  // The snapshot again, rows form (for export); transitions in CSR order.
  v1::Graph ToSnapshot(bool columnar = false) const;

  // Landmark tables for goal-directed search in `metric`, built on first use (thread-safe).
  const Landmarks& landmarks(Metric metric) const;
  // Whether the tables of every metric are built (e.g. by a server before it serves).
  bool landmarks_built() const;
  // Landmark tables customized to the best-fit weightings asked for most (thread-safe; a
  // cache beside the immutable graph, as the tables above are).
  BestFitTables& best_fit_tables() const { return *best_fit_tables_; }
  // Whether a point-to-point search on this graph should be goal-directed: the graph has at
  // least `min_positions`, and its landmark tables are built or `may_build` lets the first
  // search build them. A one-off query on a large graph would spend far longer building
  // the tables (16 full searches per metric) than a plain search takes.
  bool GoalDirected(std::uint32_t min_positions, bool may_build) const {
    return num_positions() >= min_positions && (may_build || landmarks_built());
  }

  ~CareerGraph();

  // Approximate resident bytes of the structure (for diagnostics and benchmarks).
  std::size_t MemoryBytes() const;

 private:
  CareerGraph();
  static StatusOr<std::shared_ptr<const CareerGraph>> BuildFrom(
      v1::Metadata metadata, PositionList positions,
      const google::protobuf::RepeatedPtrField<v1::Transition>& rows, const v1::TransitionTable& table,
      TransitionColumns columns);

  v1::Metadata metadata_;
  PositionList positions_;
  // The CSR: out_start_ (n + 1 offsets) and target_ by forward edge; the transpose's
  // in_start_ (n + 1 offsets), in_source_ and in_edge_ by in-edge slot.
  HugeVector<EdgeId> out_start_, in_start_, in_edge_;
  HugeVector<Vertex> target_, in_source_;
  mutable std::once_flag boost_csr_once_;
  mutable std::unique_ptr<Csr> boost_csr_;
  mutable std::atomic<bool> boost_csr_built_{false};
  HugeVector<Traits> traits_;  // pay, ambiguity, leadership by position
  HugeVector<int> level_;
  HugeVector<std::uint32_t> track_id_, org_id_;
  std::vector<std::string> tracks_, orgs_;
  std::vector<int> track_info_;  // by track_id: index into metadata_.tracks(), or -1
  double max_pay_ = 0;
  std::array<std::size_t, 3> unknown_{};  // positions lacking pay, ambiguity, leadership
  HugeVector<Vertex> src_;
  HugeVector<double> years_, probability_, risk_;
  HugeVector<std::uint8_t> kind_;
  HugeVector<std::uint32_t> provenance_;  // empty when no transition has a provenance
  std::vector<std::string> provenance_strings_;
  PositionIndex index_;
  std::unique_ptr<LandmarkCache> landmark_cache_;
  std::unique_ptr<BestFitTables> best_fit_tables_;
  std::unique_ptr<Competencies> competencies_;
};

using GraphPtr = std::shared_ptr<const CareerGraph>;

std::string_view TransitionKindName(v1::TransitionKind k);  // "promotion", "track-switch", ...
// Accepts "promotion", "lateral", "track-switch"/"track_switch"/"switch", "org-change"/"external".
bool ParseTransitionKind(std::string_view s, v1::TransitionKind* out);

}  // namespace careergraph
