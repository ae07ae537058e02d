#include "engine/many_to_many.h"

#include <algorithm>
#include <numeric>

#include "engine/huge_pages.h"

namespace careergraph {
namespace {

// dq = min(dq, dp + w) lane by lane, in the groups of kGroupLanes lanes (one cache line of
// labels each) that `groups` names; returns the groups in which some lane improved.
// Branch-free within a group so that it vectorises, and cloned for AVX2 (chosen at load time
// where the CPU has it).
// Not under ThreadSanitizer: a clone's resolver runs while the program is being relocated,
// before the sanitizer's runtime is up, and its instrumented code would crash there.
#if defined(__SANITIZE_THREAD__)
#define CAREERGRAPH_LANE_CLONES
#else
#define CAREERGRAPH_LANE_CLONES __attribute__((target_clones("avx2", "default")))
#endif
CAREERGRAPH_LANE_CLONES unsigned RelaxLanes(const double* dp, double w, double* dq, unsigned groups) {
  constexpr int G = ManyToMany::kGroupLanes;
  unsigned improved = 0;
  for (int grp = 0; grp < ManyToMany::kLanes / G; ++grp) {
    if (!(groups >> grp & 1)) continue;
    const double* a = dp + grp * G;
    double* q = dq + grp * G;
    bool any = false;
    for (int l = 0; l < G; ++l) {
      const double c = a[l] + w;
      any |= c < q[l];
      q[l] = c < q[l] ? c : q[l];
    }
    improved |= static_cast<unsigned>(any) << grp;
  }
  return improved;
}

}  // namespace

ManyToMany::ManyToMany(const CareerGraph& g, const CostModel& cost) : g_(g), cost_(cost) {
  const Vertex n = g.num_positions();
  std::vector<Vertex> order(n);
  std::iota(order.begin(), order.end(), Vertex{0});
  std::stable_sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return g.level(a) < g.level(b); });
  pos_.resize(n);
  for (std::uint32_t p = 0; p < n; ++p) pos_[order[p]] = p;
  fwd_begin_.assign(static_cast<std::size_t>(n) + 1, 0);
  bwd_begin_.assign(static_cast<std::size_t>(n) + 1, 0);
  for (std::uint32_t p = 0; p < n; ++p) {
    const Vertex v = order[p];
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      const std::uint32_t to = pos_[g.target(e)];
      if (to > p) fwd_.push_back({to, e, cost(e)});
      else if (to < p) bwd_.push_back({to, e, cost(e)});  // self-loops never shorten a route
    }
    fwd_begin_[p + 1] = static_cast<std::uint32_t>(fwd_.size());
    bwd_begin_[p + 1] = static_cast<std::uint32_t>(bwd_.size());
  }
}

std::uint64_t ManyToMany::Sweep(std::span<const Vertex> batch) {
  constexpr std::size_t K = kLanes;
  const std::size_t n = pos_.size();
  // Read at random by every sweep: huge pages keep those reads off the TLB.
  if (dist_.size() != n * K) AssignHuge(&dist_, n * K, kInf);
  else std::fill(dist_.begin(), dist_.end(), kInf);
  // Per position, the lane groups whose labels improved since it last pushed them along
  // its forward / backward moves; only those groups do any work in a pass. After the first
  // passes most improvements are in a few lanes, so a position then pushes one or two of
  // its cache lines of labels instead of all of them.
  dirty_fwd_.assign(n, 0);
  dirty_bwd_.assign(n, 0);
  std::size_t dirty = 0;  // positions dirty in either direction
  for (std::size_t lane = 0; lane < batch.size(); ++lane) {
    const std::uint32_t p = pos_[batch[lane]];
    dist_[p * K + lane] = 0;
    dirty += dirty_fwd_[p] ? 0 : 1;
    const auto group = static_cast<GroupMask>(1u << lane / kGroupLanes);
    dirty_fwd_[p] |= group;
    dirty_bwd_[p] |= group;
  }
  // Pushes p's labels in `groups` along the moves [begin, end).
  auto push = [&](std::size_t p, const OutMove* begin, const OutMove* end, unsigned groups) {
    const double* dp = &dist_[p * K];
    // The heads' labels are random reads into a table of megabytes: start them all first,
    // so the misses overlap instead of queueing one behind the other.
    for (const OutMove* m = begin; m < end; ++m) {
      const char* row = reinterpret_cast<const char*>(&dist_[static_cast<std::size_t>(m->to) * K]);
      for (unsigned grp = 0; grp < K / kGroupLanes; ++grp)
        if (groups >> grp & 1) __builtin_prefetch(row + grp * kGroupLanes * sizeof(double), 1);
    }
    for (const OutMove* m = begin; m < end; ++m) {
      if (const unsigned improved = RelaxLanes(dp, m->cost, &dist_[static_cast<std::size_t>(m->to) * K], groups)) {
        dirty += (dirty_fwd_[m->to] | dirty_bwd_[m->to]) ? 0 : 1;
        dirty_fwd_[m->to] |= static_cast<GroupMask>(improved);
        dirty_bwd_[m->to] |= static_cast<GroupMask>(improved);
      }
    }
  };
  // Takes p's dirty groups in one direction (`mine`), leaving the other's.
  auto take = [&](GroupMask& mine, const GroupMask other) -> unsigned {
    const unsigned groups = mine;
    mine = 0;
    if (!other) --dirty;
    return groups;
  };
  std::uint64_t scanned = 0;
  for (bool forward = true; dirty > 0; forward = !forward) {
    if (forward) {
      for (std::size_t p = 0; p < n; ++p) {
        if (!dirty_fwd_[p]) continue;
        PollCancel();
        ++scanned;
        const unsigned groups = take(dirty_fwd_[p], dirty_bwd_[p]);
        push(p, fwd_.data() + fwd_begin_[p], fwd_.data() + fwd_begin_[p + 1], groups);
      }
    } else {
      for (std::size_t p = n; p-- > 0;) {
        if (!dirty_bwd_[p]) continue;
        PollCancel();
        ++scanned;
        const unsigned groups = take(dirty_bwd_[p], dirty_fwd_[p]);
        push(p, bwd_.data() + bwd_begin_[p], bwd_.data() + bwd_begin_[p + 1], groups);
      }
    }
  }
  return scanned;
}

void ManyToMany::StartLane() {
  if (walked_.size() != pos_.size() || ++walk_gen_ == 0) {
    walked_.assign(pos_.size(), 0);
    walked_edge_.resize(pos_.size());
    walk_gen_ = 1;
  }
}

bool ManyToMany::Route(int lane, Vertex s, Vertex t, std::vector<EdgeId>* path) {
  // At the fixed point every label is min over in-moves of d(u) + w(u, v), computed as the
  // sweeps computed it, so some in-move matches exactly. Only zero-cost cycles can make the
  // walk circle; it gives up after n moves and the caller asks Dijkstra.
  const std::size_t n = pos_.size();
  auto label = [&](Vertex v) { return dist_[static_cast<std::size_t>(pos_[v]) * kLanes + lane]; };
  for (Vertex v = t; v != s;) {
    EdgeId via = kNoEdge;
    if (walked_[v] == walk_gen_) {
      via = walked_edge_[v];
    } else {
      // The transpose keeps each in-move's source beside it: g_.source(e) would miss the
      // cache once per in-move.
      const double dv = label(v);
      for (EdgeId k = g_.in_begin(v), end = g_.in_end(v); k < end; ++k) {
        const Vertex u = g_.in_source(k);
        if (u != v && label(u) + cost_(g_.in_edge(k)) == dv) {
          via = g_.in_edge(k);
          break;
        }
      }
      if (via == kNoEdge) return false;
      walked_[v] = walk_gen_;
      walked_edge_[v] = via;
    }
    if (path->size() >= n) return false;
    path->push_back(via);
    v = g_.source(via);
  }
  std::reverse(path->begin(), path->end());
  return true;
}

}  // namespace careergraph
