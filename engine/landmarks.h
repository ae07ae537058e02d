// Landmark lower bounds for goal-directed search (ALT: A*, landmarks, triangle inequality;
// Goldberg & Harrelson, "Computing the shortest path: A* search meets graph theory",
// SODA 2005).
//
// For a landmark L and the triangle inequality, d(v,t) >= d(L,t) - d(L,v) and
// d(v,t) >= d(v,L) - d(t,L); the best over a few landmarks is a consistent potential, so
// A* with it settles far fewer positions than Dijkstra and stays exact. Filters (avoided
// tracks, kinds, ...) only remove edges, which can only lengthen distances, so bounds
// computed once on the whole graph stay admissible for every constrained query.
// Infinite distances prune: if L reaches v but not t, v cannot reach t.
//
// Tables are per metric (years, moves, risk = -ln p) and built lazily on first use, since
// only point-to-point queries need them; landmarks are picked by the farthest-first
// heuristic so they sit on the periphery of the graph.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/career_graph.h"

namespace careergraph {

enum class Metric : int { kYears = 0, kHops = 1, kRisk = 2 };

class CostModel;

class Landmarks {
 public:
  // Landmarks kept in one aligned cache line per position (see NearRow).
  static constexpr int kNear = 4;

 private:
  // Both distances of one landmark side by side, and a position's landmarks in one row:
  // an evaluation touches one row, not two arrays.
  struct Entry {
    double from;  // d(L, v)
    double to;    // d(v, L)
  };
  // The first kNear landmarks of a position, the ones a bidirectional search consults, in
  // one cache-line-aligned row: a row that straddles two lines costs two misses.
  struct alignas(64) NearRow {
    Entry e[kNear];
  };

 public:
  static constexpr int kMaxLandmarks = 16;

  // `count` landmarks (fewer on tiny graphs), chosen farthest-first in the years metric.
  static std::vector<Vertex> Choose(const CareerGraph& g, int count);
  static Landmarks Compute(const CareerGraph& g, Metric metric, const std::vector<Vertex>& landmarks);
  // The same for the route objective `cost` (a best-fit weighting, best_fit_tables.h), from
  // the first Landmarks::kNear of `landmarks` only: the ones a bidirectional search reads.
  static Landmarks Compute(const CareerGraph& g, const CostModel& cost, const std::vector<Vertex>& landmarks);

  int size() const { return k_; }
  // The landmark positions, in table order.
  const std::vector<Vertex>& sites() const { return sites_; }
  // Resident bytes of the tables.
  std::size_t MemoryBytes() const { return near_.capacity() * sizeof(NearRow) + far_.capacity() * sizeof(Entry); }

  // A consistent potential towards `t`: h(v) <= d(v, t) in this metric, times `scale`.
  // Every landmark is consulted: on the 100k synthetic ladder, consulting only the 4 or 8
  // that bound d(s, t) best ("active landmarks") settled 1.4-2.3x more positions and was
  // slower overall, since a position's row is read as a whole either way.
  class Potential {
   public:
    Potential() = default;
    Potential(const Landmarks* lm, Vertex t, double scale);
    double operator()(Vertex v) const {
      if (!lm_ || scale_ == 0) return 0;
      // Forward d(L,t) - d(L,v) and backward d(v,L) - d(t,L), without a branch: with
      // "unreachable" stored as kInfinity (1e300), a term whose subtrahend alone is
      // infinite is about -1e300 and never wins; both infinite give 0, no bound; and the
      // minuend alone infinite (L reaches v but not t, or t reaches L but v does not)
      // gives about 1e300, which proves that v cannot reach t.
      double best = 0;
      const Entry* row = lm_->near_[v].e;
      for (int j = 0; j < lm_->near_k_; ++j) {
        const double forward = lt_[j] - row[j].from, backward = row[j].to - tl_[j];
        best = std::max(best, std::max(forward, backward));
      }
      if (const int far = lm_->k_ - lm_->near_k_; far > 0) {
        row = &lm_->far_[static_cast<std::size_t>(v) * far];
        for (int j = 0; j < far; ++j) {
          const int l = lm_->near_k_ + j;
          const double forward = lt_[l] - row[j].from, backward = row[j].to - tl_[l];
          best = std::max(best, std::max(forward, backward));
        }
      }
      return best >= kInfinity / 2 ? kInfinity : best * scale_;
    }
    // Both bounds of a bidirectional search from one read of v's row: `to_t` <= d(v, t), as
    // operator() (unscaled), and `from_s` <= d(s, v) for the source `s` given to the
    // constructor, by the same triangle inequalities turned round: d(L,v) - d(L,s) and
    // d(s,L) - d(v,L). Either is kInfinity when the tables prove v off every s-t route.
    struct Pair {
      double to_t, from_s;
    };
    [[gnu::always_inline]] Pair Both(Vertex v) const {
      const Entry* row = lm_->near_[v].e;
      // Four landmarks (what bidirectional routes consult) as a fixed-length loop the
      // compiler unrolls: it runs for every position either side reaches. (It stays scalar;
      // a two-lane vector form measured no faster: the row's miss, not the arithmetic, is
      // the cost.)
      const Pair b = used_ == kNear ? BothOver<kNear>(row, kNear) : BothOver<0>(row, used_);
      return {b.to_t >= kInfinity / 2 ? kInfinity : b.to_t * scale_,
              b.from_s >= kInfinity / 2 ? kInfinity : b.from_s * scale_};
    }
    // For Both(): a potential towards `t` that also bounds distances from `s`, from the first
    // `use` landmarks only (all when fewer): those chosen first, the farthest apart, whose
    // entries share one cache line (at most kNear).
    Potential(const Landmarks* lm, Vertex s, Vertex t, double scale, int use);

    // Starts loading v's near row, so the rows of a settled position's heads load in
    // parallel rather than one miss after another.
    void Prefetch(Vertex v) const {
      if (lm_) __builtin_prefetch(&lm_->near_[v]);
    }

   private:
    // Both() over landmarks [0, kFixed), or [0, used) when kFixed is 0.
    template <int kFixed>
    [[gnu::always_inline]] Pair BothOver(const Entry* row, int used) const {
      double to = 0, from = 0;
      for (int j = 0; j < (kFixed ? kFixed : used); ++j) {
        to = std::max(to, std::max(lt_[j] - row[j].from, row[j].to - tl_[j]));
        from = std::max(from, std::max(row[j].from - ls_[j], sl_[j] - row[j].to));
      }
      return {to, from};
    }

    const Landmarks* lm_ = nullptr;
    double scale_ = 0;
    int used_ = 0;  // landmarks consulted: all, or as many as the two-ended constructor asks
    double lt_[kMaxLandmarks] = {};  // d(L, t)
    double tl_[kMaxLandmarks] = {};  // d(t, L)
    double ls_[kMaxLandmarks] = {};  // d(L, s), set by the two-ended constructor only
    double sl_[kMaxLandmarks] = {};  // d(s, L)
  };

  static constexpr double kInfinity = 1e300;

 private:
  const Entry& at(Vertex v, int i) const {
    return i < near_k_ ? near_[v].e[i] : far_[static_cast<std::size_t>(v) * (k_ - near_k_) + (i - near_k_)];
  }
  Entry& at(Vertex v, int i) { return const_cast<Entry&>(static_cast<const Landmarks*>(this)->at(v, i)); }

  template <typename Cost>
  static Landmarks Fill(const CareerGraph& g, const Cost& cost, const std::vector<Vertex>& landmarks, int count);

  std::vector<Vertex> sites_;
  int k_ = 0;
  int near_k_ = 0;               // min(k_, kNear)
  HugeVector<NearRow> near_;     // landmarks [0, near_k_) of each position
  HugeVector<Entry> far_;        // landmarks [near_k_, k_): far_[v*(k_ - near_k_) + i - near_k_]
};

// Per-graph lazy storage behind CareerGraph::landmarks().
class LandmarkCache {
 public:
  const Landmarks& Get(const CareerGraph& g, Metric metric);
  bool AllBuilt() const { return built_.load(std::memory_order_acquire) == static_cast<int>(tables_.size()); }

 private:
  std::atomic<int> built_{0};
  std::once_flag chosen_once_;
  std::vector<Vertex> chosen_;
  std::array<std::once_flag, 3> once_;
  std::array<std::unique_ptr<Landmarks>, 3> tables_;
};

}  // namespace careergraph
