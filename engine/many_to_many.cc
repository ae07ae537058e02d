#include "engine/many_to_many.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "engine/huge_pages.h"

namespace careergraph {
namespace {

// dq = min(dq, dp + w) lane by lane, in the groups of GroupLanes<T>() lanes (one cache line
// of labels each) that `groups` names; returns the groups in which some lane improved.
// Branch-free within a group, as vectors, and cloned for AVX2 (chosen at load time where the
// CPU has it).
// Not under ThreadSanitizer: a clone's resolver runs while the program is being relocated,
// before the sanitizer's runtime is up, and its instrumented code would crash there. Not with
// CAREERGRAPH_NO_LANE_CLONES either: a test builds the portable version alone with it.
#if defined(__SANITIZE_THREAD__) || defined(CAREERGRAPH_NO_LANE_CLONES)
#define CAREERGRAPH_LANE_CLONES
#else
#define CAREERGRAPH_LANE_CLONES __attribute__((target_clones("avx2", "default")))
#endif
template <typename T>
[[gnu::always_inline]] inline unsigned RelaxGroups(const T* dp, T w, T* dq, unsigned groups) {
  constexpr int G = ManyToMany::GroupLanes<T>();
  // Each group as 16-byte vectors (the GCC/Clang vector extension), which every clone keeps
  // vectorised; wider ones were lowered lane by lane in some clones. Written as a scalar loop,
  // the "did any lane improve" flag kept it scalar even in the AVX2 clone.
  using Part [[gnu::vector_size(16)]] = T;
  constexpr int H = 16 / sizeof(T);
  static_assert(4 * H == G);
  unsigned improved = 0;
  for (int grp = 0; grp < ManyToMany::kLanes / G; ++grp) {
    if (!(groups >> grp & 1)) continue;
    bool any = false;
    for (int h = 0; h < 4; ++h) {
      Part a, q;
      std::memcpy(&a, dp + grp * G + h * H, sizeof a);
      std::memcpy(&q, dq + grp * G + h * H, sizeof q);
      const Part c = a + w;
      const auto lt = c < q;  // all ones in the lanes that improve
      const Part nq = lt ? c : q;
      std::memcpy(dq + grp * G + h * H, &nq, sizeof nq);
      std::uint64_t bits[2];
      std::memcpy(bits, &lt, sizeof bits);
      any |= (bits[0] | bits[1]) != 0;
    }
    improved |= static_cast<unsigned>(any) << grp;
  }
  return improved;
}
// Starts loading the heads' label lines in `groups` for the moves [begin, end).
template <typename T>
[[gnu::always_inline]] inline void PrefetchHeads(const ManyToManyMove* begin, const ManyToManyMove* end, const T* dist,
                                                 unsigned groups) {
  constexpr std::size_t K = ManyToMany::kLanes, G = ManyToMany::GroupLanes<T>();
  for (const ManyToManyMove* m = begin; m < end; ++m) {
    const char* row = reinterpret_cast<const char*>(dist + static_cast<std::size_t>(m->to) * K);
    for (unsigned grp = 0; grp < K / G; ++grp)
      if (groups >> grp & 1) __builtin_prefetch(row + grp * G * sizeof(T), 1);
  }
}
// Pushes labels `dp` in `groups` along the moves [begin, end) into the heads' rows of
// `dist`, marking the improved groups dirty both ways; returns how many heads were clean
// before. One call per position, not per move: the clone dispatch is an indirect call.
template <typename T>
[[gnu::always_inline]] inline std::size_t PushMoves(const T* dp, const ManyToManyMove* begin, const ManyToManyMove* end,
                                                  T* dist, unsigned groups, std::uint8_t* dirty_fwd,
                                                  std::uint8_t* dirty_bwd) {
  constexpr std::size_t K = ManyToMany::kLanes;
  // The heads' labels are random reads into a table of megabytes: start them all first,
  // so the misses overlap instead of queueing one behind the other (the sweep has started
  // most of them already, while the previous position relaxed its moves).
  PrefetchHeads(begin, end, dist, groups);
  std::size_t newly = 0;
  for (const ManyToManyMove* m = begin; m < end; ++m) {
    if (const unsigned improved = RelaxGroups(dp, static_cast<T>(m->cost), dist + static_cast<std::size_t>(m->to) * K, groups)) {
      newly += (dirty_fwd[m->to] | dirty_bwd[m->to]) ? 0 : 1;
      dirty_fwd[m->to] |= static_cast<std::uint8_t>(improved);
      dirty_bwd[m->to] |= static_cast<std::uint8_t>(improved);
    }
  }
  return newly;
}
CAREERGRAPH_LANE_CLONES std::size_t RelaxMoves(const double* dp, const ManyToManyMove* begin, const ManyToManyMove* end,
                                               double* dist, unsigned groups, std::uint8_t* dirty_fwd,
                                               std::uint8_t* dirty_bwd) {
  return PushMoves(dp, begin, end, dist, groups, dirty_fwd, dirty_bwd);
}
CAREERGRAPH_LANE_CLONES std::size_t RelaxMoves(const float* dp, const ManyToManyMove* begin, const ManyToManyMove* end,
                                               float* dist, unsigned groups, std::uint8_t* dirty_fwd,
                                               std::uint8_t* dirty_bwd) {
  return PushMoves(dp, begin, end, dist, groups, dirty_fwd, dirty_bwd);
}

// The quantum of float labels for `costs`: the largest power of two q with every cost a
// whole multiple of q below 2^24 q, or 0 when there is none (risk, best fit, the
// tie-broken move counts). See ManyToMany's design note.
double FloatQuantum(const std::vector<double>& costs) {
  for (int k = 0; k <= 16; ++k) {
    const double scale = std::ldexp(1.0, k);
    bool ok = true;
    for (double c : costs) {
      const double x = c * scale;
      if (!(x == std::floor(x) && x < 16777216.0)) {
        ok = false;
        break;
      }
    }
    if (ok) return 1.0 / scale;
  }
  return 0;
}

// Label tables up to this size are taken to stay in cache through a sweep.
constexpr std::size_t kLabelsInCacheBytes = std::size_t{4} << 20;

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
  // The in-moves by position, in the transpose's order, each with its source's position.
  in_begin_.assign(static_cast<std::size_t>(n) + 1, 0);
  in_.reserve(fwd_.size() + bwd_.size());
  for (std::uint32_t p = 0; p < n; ++p) {
    const Vertex v = order[p];
    for (EdgeId k = g.in_begin(v); k < g.in_end(v); ++k)
      if (g.in_source(k) != v) in_.push_back({pos_[g.in_source(k)], g.in_edge(k), cost(g.in_edge(k))});
    in_begin_[p + 1] = static_cast<std::uint32_t>(in_.size());
  }
  std::vector<double> costs;
  costs.reserve(fwd_.size() + bwd_.size());
  for (const auto* moves : {&fwd_, &bwd_})
    for (const OutMove& m : *moves) costs.push_back(m.cost);
  const double q = FloatQuantum(costs);
  float_exact_below_ = q > 0 ? 16777216.0 * q : 0;
}

std::uint64_t ManyToMany::Sweep(std::span<const Vertex> batch) {
  return float_labels() ? SweepAs(batch, fdist_) : SweepAs(batch, dist_);
}

template <typename T>
std::uint64_t ManyToMany::SweepAs(std::span<const Vertex> batch, HugeVector<T>& dist_) {
  constexpr std::size_t K = kLanes;
  const std::size_t n = pos_.size();
  const T inf = std::numeric_limits<T>::infinity();
  // Read at random by every sweep: huge pages keep those reads off the TLB.
  if (dist_.size() != n * K) dist_.assign(n * K, inf);
  else std::fill(dist_.begin(), dist_.end(), inf);
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
    const auto group = static_cast<GroupMask>(1u << lane / GroupLanes<T>());
    dirty_fwd_[p] |= group;
    dirty_bwd_[p] |= group;
  }
  // Pushes p's labels in `groups` along the moves [begin, end).
  auto push = [&](std::size_t p, const OutMove* begin, const OutMove* end, unsigned groups) {
    dirty += RelaxMoves(&dist_[p * K], begin, end, dist_.data(), groups, dirty_fwd_.data(), dirty_bwd_.data());
  };
  // Takes p's dirty groups in one direction (`mine`), leaving the other's.
  auto take = [&](GroupMask& mine, const GroupMask other) -> unsigned {
    const unsigned groups = mine;
    mine = 0;
    if (!other) --dirty;
    return groups;
  };
  // The next position a pass pushes: next_fwd(p) the first dirty one at or after p (n when
  // none); next_bwd(e) one past the last dirty one before e (0 when none).
  auto next_fwd = [&](std::size_t p) {
    while (p < n && !dirty_fwd_[p]) ++p;
    return p;
  };
  auto next_bwd = [&](std::size_t e) {
    while (e > 0 && !dirty_bwd_[e - 1]) --e;
    return e;
  };
  const bool ahead = dist_.size() * sizeof(T) > kLabelsInCacheBytes;
  std::uint64_t scanned = 0;
  for (bool forward = true; dirty > 0; forward = !forward) {
    // Each pass asks for the heads' lines of the next dirty position while it relaxes the
    // moves of this one, so that position's misses are in flight before it is reached (one
    // position ahead: it may still be overtaken by one this push makes dirty, which then
    // waits for its own lines as before). Only when the labels outgrow the caches: where
    // they fit (a 1k ladder's 255 KiB), looking ahead is only more work, 16% more there.
    if (forward) {
      for (std::size_t p = next_fwd(0); p < n;) {
        if (const std::size_t q = ahead ? next_fwd(p + 1) : n; q < n)
          PrefetchHeads(fwd_.data() + fwd_begin_[q], fwd_.data() + fwd_begin_[q + 1], dist_.data(), dirty_fwd_[q]);
        PollCancel();
        ++scanned;
        const unsigned groups = take(dirty_fwd_[p], dirty_bwd_[p]);
        push(p, fwd_.data() + fwd_begin_[p], fwd_.data() + fwd_begin_[p + 1], groups);
        p = next_fwd(p + 1);
      }
    } else {
      for (std::size_t end = next_bwd(n); end > 0;) {
        const std::size_t p = end - 1;
        if (const std::size_t q = ahead ? next_bwd(p) : 0; q > 0)
          PrefetchHeads(bwd_.data() + bwd_begin_[q - 1], bwd_.data() + bwd_begin_[q], dist_.data(), dirty_bwd_[q - 1]);
        PollCancel();
        ++scanned;
        const unsigned groups = take(dirty_bwd_[p], dirty_fwd_[p]);
        push(p, bwd_.data() + bwd_begin_[p], bwd_.data() + bwd_begin_[p + 1], groups);
        end = next_bwd(p);
      }
    }
  }
  return scanned;
}

void ManyToMany::StartLane() {
  if (walked_.size() != pos_.size() || ++walk_gen_ == 0) {
    walked_.assign(pos_.size(), 0);
    walked_move_.resize(pos_.size());
    walk_gen_ = 1;
  }
}

bool ManyToMany::Route(int lane, Vertex s, Vertex t, std::vector<EdgeId>* path) {
  // At the fixed point every label is min over in-moves of d(u) + w(u, v), computed as the
  // sweeps computed it, so some in-move matches exactly. Only zero-cost cycles can make the
  // walk circle; it gives up after n moves and the caller asks Dijkstra.
  const std::size_t n = pos_.size();
  const std::uint32_t ps = pos_[s];
  for (std::uint32_t p = pos_[t]; p != ps;) {
    if (walked_[p] != walk_gen_) {
      // In sweep order, each in-move carries its source's position and cost: one random
      // read (the source's label) per in-move tried.
      const double dp = LabelAt(lane, p);
      const OutMove* via = nullptr;
      for (const OutMove* m = in_.data() + in_begin_[p], *end = in_.data() + in_begin_[p + 1]; m < end; ++m) {
        if (LabelAt(lane, m->to) + m->cost == dp) {
          via = m;
          break;
        }
      }
      if (!via) return false;
      walked_[p] = walk_gen_;
      walked_move_[p] = static_cast<std::uint32_t>(via - in_.data());
    }
    if (path->size() >= n) return false;
    const OutMove& m = in_[walked_move_[p]];
    path->push_back(m.edge);
    p = m.to;
  }
  std::reverse(path->begin(), path->end());
  return true;
}

}  // namespace careergraph
