// Many-to-many shortest paths: exact distances and routes from many sources to many targets,
// several sources at a time in linear sweeps over the graph instead of one Dijkstra each.
//
// Design choices:
//  - Why not buckets on a hierarchy. Bucket-based many-to-many (Knopp, Schultes, Sanders,
//    Schulz & Wagner, ALENEX 2007) and PHAST (Delling, Goldberg, Nowatzyk & Werneck, "PHAST:
//    Hardware-Accelerated Shortest Path Trees", IPDPS 2011) both rest on a contraction
//    hierarchy, which fills in on career graphs (bidirectional_search.h says why). Buckets
//    over plain Dijkstra balls were tried and measured slower than one search per source on
//    the 100k ladder: a matrix's far cells (down the levels, through in-company moves) force
//    every forward ball to most of the graph (bench/README.md).
//  - What the graph offers instead: moves mostly go up in level. Ordered by (level, id),
//    most transitions point forward, so label-correcting sweeps in that order converge in a
//    few passes. Passes alternate direction, forward passes relaxing only forward moves and
//    backward passes only backward ones (Yen, "An algorithm for finding shortest routes
//    from all source nodes to a given destination in general networks", Quart. Appl. Math.
//    27, 1970): a run of moves in one direction is settled by one pass. The sweeps stop
//    after two passes in a row change nothing, a fixed point of Bellman's equations, so
//    every distance is exact (each label is d(u) + w(u, v) along its route, summed from the
//    source as Dijkstra sums).
//  - PHAST's other idea carries over as is: kLanes sources share one sweep, each position's
//    labels side by side, so a move is read once for all of them and its relaxation is a
//    short vector loop; the sweep reads moves in order and labels mostly in order. 64 lanes
//    (8 cache lines of labels a position) measured 5-8% faster than 32 on the 100k ladder's
//    1,000 x 1,000 table, for twice the label memory (51 MB there).
//  - A position remembers which groups of lanes (one cache line each) improved since it
//    last pushed its labels each way, and pushes only those: a scan then reads and writes
//    only the heads' lines that can change.
//  - The sweeps move label memory at random, so they run on floats when that is exact: if
//    every move's cost is a whole multiple of a power of two q below 2^24 q (years in
//    eighths, as ladders give them), every float label below 2^24 q is the exact sum it
//    stands for (it derives only from smaller labels, and sums of multiples of q below
//    2^24 q are representable), and a rounded one is at least 2^24 q, so never below a
//    shorter exact distance. A cell at or past 2^24 q is left to Dijkstra. Risk, best fit
//    and the tie-broken move counts keep doubles. On the 100k ladder's fastest 1,000 x
//    1,000 table this halves the bytes a relaxation moves.
//  - Route walks take the in-moves laid out in sweep order (source position and cost beside
//    each), so trying an in-move is one random read, and remember each position's in-move
//    per source, since a source's routes to many targets share their first moves.
//  - The sweeps keep labels only (no predecessors: the relaxation is then a branch-free
//    vector min). A cell's route is walked back from its target through an in-move whose
//    label plus cost equals the target's label exactly, which exists at the fixed point;
//    a walk that does not reach the source within n moves (only zero-cost cycles allow
//    that) falls back to Dijkstra for the cell.
//  - Distances() skips the walks: an all-pairs distance table needs the labels alone (cells
//    past the floats' exact range still go to Dijkstra).
//  - Polls cancellation once per position per pass.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/career_graph.h"
#include "engine/cost.h"
#include "engine/search.h"

namespace careergraph {

// A move in sweep order.
struct ManyToManyMove {
  std::uint32_t to;  // order position of the move's head
  EdgeId edge;
  double cost;
};

class ManyToMany {
 public:
  static constexpr int kLanes = 64;
  // Lanes whose labels of type T fill one cache line.
  template <typename T>
  static constexpr int GroupLanes() {
    return 64 / sizeof(T);
  }

  // Orders the graph and lays out its moves under `cost`; `g` and `cost` must outlive this.
  ManyToMany(const CareerGraph& g, const CostModel& cost);

  // visit(i, j, dist, path) for every target j that sources[i] reaches, `path` the route's
  // edges from the source to targets[j] (empty when they are the same position). Returns the
  // number of positions scanned (passes x positions, summed over batches of kLanes sources).
  template <typename Visit>
  std::uint64_t Compute(std::span<const Vertex> sources, std::span<const Vertex> targets, Visit&& visit);

  // visit(i, j, dist) for every target j that sources[i] reaches: the distances alone, no
  // route walked (an all-pairs distance table). Returns positions scanned, as Compute.
  template <typename Visit>
  std::uint64_t Distances(std::span<const Vertex> sources, std::span<const Vertex> targets, Visit&& visit);

 private:
  using OutMove = ManyToManyMove;

  // Sweeps `sources` kLanes at a time and calls per_lane(i, lane, sources[i]) for each source
  // of a batch once its labels are in; returns positions scanned.
  template <typename PerLane>
  std::uint64_t ForEachLane(std::span<const Vertex> sources, PerLane&& per_lane);
  // Whether a finite label is exactly the distance: a float label past its exact range may
  // have been rounded, and Dijkstra decides that cell.
  bool Exact(double label) const { return !float_labels() || label < float_exact_below_; }
  // Labels of up to kLanes sources; returns positions scanned.
  std::uint64_t Sweep(std::span<const Vertex> batch);
  template <typename T>
  std::uint64_t SweepAs(std::span<const Vertex> batch, HugeVector<T>& dist);
  bool float_labels() const { return float_exact_below_ > 0; }
  // The label of v in `lane` after Sweep, exactly as the sweep computed it.
  double Label(std::size_t lane, Vertex v) const { return LabelAt(lane, pos_[v]); }
  double LabelAt(std::size_t lane, std::uint32_t p) const {
    const std::size_t i = static_cast<std::size_t>(p) * kLanes + lane;
    return float_labels() ? static_cast<double>(fdist_[i]) : dist_[i];
  }
  // The route to `t` in `lane`, or false when the predecessors do not lead back to `s`.
  // The in-move each position's walk takes is remembered for the lane (StartLane), so the
  // routes to many targets, which share their first moves, find each one once.
  bool Route(int lane, Vertex s, Vertex t, std::vector<EdgeId>* path);
  void StartLane();

  const CareerGraph& g_;
  const CostModel& cost_;
  std::vector<std::uint32_t> pos_;  // vertex -> order position
  std::vector<std::uint32_t> fwd_begin_, bwd_begin_;  // by order position, CSR into fwd_ / bwd_
  std::vector<OutMove> fwd_, bwd_;  // moves out of each position to later / earlier ones
  std::vector<std::uint32_t> in_begin_;  // by order position, CSR into in_
  std::vector<OutMove> in_;  // moves into each position (`to`: the source's position), no self-loops
  using GroupMask = std::uint8_t;  // a bit per group of GroupLanes<T>() lanes
  static_assert(kLanes % 16 == 0 && kLanes / 8 <= 8, "whole cache lines of labels, a mask bit each");
  std::vector<GroupMask> dirty_fwd_, dirty_bwd_;
  HugeVector<double> dist_;  // dist_[pos * kLanes + lane]
  HugeVector<float> fdist_;  // the same in floats, when float_labels()
  // Float labels are exact below this (2^24 quanta); 0: double labels.
  double float_exact_below_ = 0;
  std::vector<EdgeId> path_;
  std::vector<std::uint32_t> walked_;  // by position; == walk_gen_: walked_move_ holds the lane's in-move
  std::vector<std::uint32_t> walked_move_;  // index into in_
  std::uint32_t walk_gen_ = 0;
  SearchSpace fallback_;
};

// ---- implementation below ----

template <typename PerLane>
std::uint64_t ManyToMany::ForEachLane(std::span<const Vertex> sources, PerLane&& per_lane) {
  std::uint64_t scanned = 0;
  for (std::size_t first = 0; first < sources.size(); first += kLanes) {
    const auto batch = sources.subspan(first, std::min<std::size_t>(kLanes, sources.size() - first));
    scanned += Sweep(batch);
    for (std::size_t lane = 0; lane < batch.size(); ++lane) per_lane(first + lane, lane, batch[lane]);
  }
  return scanned;
}

template <typename Visit>
std::uint64_t ManyToMany::Compute(std::span<const Vertex> sources, std::span<const Vertex> targets, Visit&& visit) {
  return ForEachLane(sources, [&](std::size_t i, std::size_t lane, Vertex s) {
    StartLane();
    for (std::size_t j = 0; j < targets.size(); ++j) {
      const Vertex t = targets[j];
      double d = Label(lane, t);
      if (d == kInf) continue;
      path_.clear();
      if (!Exact(d) || !Route(static_cast<int>(lane), s, t, &path_)) {
        ForwardSearch(g_, s, t, cost_, AllowAll{}, NoPotential{}, fallback_);
        path_ = ExtractPath(g_, fallback_, t);
        d = fallback_.dist(t);
      }
      visit(i, j, d, std::span<const EdgeId>(path_));
    }
  });
}

template <typename Visit>
std::uint64_t ManyToMany::Distances(std::span<const Vertex> sources, std::span<const Vertex> targets, Visit&& visit) {
  return ForEachLane(sources, [&](std::size_t i, std::size_t lane, Vertex s) {
    bool searched = false;  // the lane's Dijkstra, run once for all its inexact cells
    for (std::size_t j = 0; j < targets.size(); ++j) {
      double d = Label(lane, targets[j]);
      if (d == kInf) continue;
      if (!Exact(d)) {
        if (!searched) ForwardSearch(g_, s, kNoVertex, cost_, AllowAll{}, NoPotential{}, fallback_);
        searched = true;
        d = fallback_.dist(targets[j]);
      }
      visit(i, j, d);
    }
  });
}

}  // namespace careergraph
