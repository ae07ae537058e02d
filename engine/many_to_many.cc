#include "engine/many_to_many.h"

#include <algorithm>
#include <numeric>

#include "engine/huge_pages.h"

namespace careergraph {
namespace {

// dq = min(dq, dp + w) lane by lane; true when any lane improved. Branch-free so that it
// vectorises, and cloned for AVX2 (chosen at load time where the CPU has it).
// Not under ThreadSanitizer: a clone's resolver runs while the program is being relocated,
// before the sanitizer's runtime is up, and its instrumented code would crash there.
#if defined(__SANITIZE_THREAD__)
#define CAREERGRAPH_LANE_CLONES
#else
#define CAREERGRAPH_LANE_CLONES __attribute__((target_clones("avx2", "default")))
#endif
CAREERGRAPH_LANE_CLONES bool RelaxLanes(const double* dp, double w, double* dq) {
  bool any = false;
  for (int l = 0; l < ManyToMany::kLanes; ++l) {
    const double c = dp[l] + w;
    any |= c < dq[l];
    dq[l] = c < dq[l] ? c : dq[l];
  }
  return any;
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
  // Positions whose labels improved since they last pushed them along their forward /
  // backward moves; only those do any work in a pass.
  dirty_fwd_.assign(n, 0);
  dirty_bwd_.assign(n, 0);
  std::size_t dirty = 0;  // positions dirty in either direction
  for (std::size_t lane = 0; lane < batch.size(); ++lane) {
    const std::uint32_t p = pos_[batch[lane]];
    dist_[p * K + lane] = 0;
    dirty += dirty_fwd_[p] ? 0 : 1;
    dirty_fwd_[p] = dirty_bwd_[p] = 1;
  }
  // Pushes p's labels along the moves [begin, end).
  auto push = [&](std::size_t p, const OutMove* begin, const OutMove* end) {
    const double* dp = &dist_[p * K];
    // The heads' labels are random reads into a table of megabytes: start them all first,
    // so the misses overlap instead of queueing one behind the other.
    for (const OutMove* m = begin; m < end; ++m) {
      const char* row = reinterpret_cast<const char*>(&dist_[static_cast<std::size_t>(m->to) * K]);
      for (std::size_t b = 0; b < K * sizeof(double); b += 64) __builtin_prefetch(row + b, 1);
    }
    for (const OutMove* m = begin; m < end; ++m) {
      if (RelaxLanes(dp, m->cost, &dist_[static_cast<std::size_t>(m->to) * K])) {
        dirty += (dirty_fwd_[m->to] | dirty_bwd_[m->to]) ? 0 : 1;
        dirty_fwd_[m->to] = dirty_bwd_[m->to] = 1;
      }
    }
  };
  auto done = [&](std::uint8_t& mine, const std::uint8_t other) {
    mine = 0;
    if (!other) --dirty;
  };
  std::uint64_t scanned = 0;
  for (bool forward = true; dirty > 0; forward = !forward) {
    if (forward) {
      for (std::size_t p = 0; p < n; ++p) {
        if (!dirty_fwd_[p]) continue;
        PollCancel();
        ++scanned;
        done(dirty_fwd_[p], dirty_bwd_[p]);
        push(p, fwd_.data() + fwd_begin_[p], fwd_.data() + fwd_begin_[p + 1]);
      }
    } else {
      for (std::size_t p = n; p-- > 0;) {
        if (!dirty_bwd_[p]) continue;
        PollCancel();
        ++scanned;
        done(dirty_bwd_[p], dirty_fwd_[p]);
        push(p, bwd_.data() + bwd_begin_[p], bwd_.data() + bwd_begin_[p + 1]);
      }
    }
  }
  return scanned;
}

bool ManyToMany::Route(int lane, Vertex s, Vertex t, std::vector<EdgeId>* path) const {
  // At the fixed point every label is min over in-moves of d(u) + w(u, v), computed as the
  // sweeps computed it, so some in-move matches exactly. Only zero-cost cycles can make the
  // walk circle; it gives up after n moves and the caller asks Dijkstra.
  const std::size_t n = pos_.size();
  auto label = [&](Vertex v) { return dist_[static_cast<std::size_t>(pos_[v]) * kLanes + lane]; };
  for (Vertex v = t; v != s;) {
    const double dv = label(v);
    EdgeId via = kNoEdge;
    g_.ForEachInEdge(v, [&](EdgeId e) {
      if (via == kNoEdge && g_.source(e) != v && label(g_.source(e)) + cost_(e) == dv) via = e;
    });
    if (via == kNoEdge || path->size() >= n) return false;
    path->push_back(via);
    v = g_.source(via);
  }
  std::reverse(path->begin(), path->end());
  return true;
}

}  // namespace careergraph
