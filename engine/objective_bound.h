// A consistent lower bound on a route objective's cost from a position to a target, built
// from the landmark tables of the objective's terms; A*'s potential for route and
// alternatives searches.
//
// Each cost term with its own metric gets that metric's landmark potential, scaled by the
// term's weight: fastest = years, fewest moves = hops, safest = risk (-ln p); best fit adds
// years, risk and, for the per-position penalties, hops times the least penalty any
// position has, and for the skills term the competency growth the target still asks
// (Competencies::GapBound); its two-ended bound keeps the years term only (see the
// constructor), or the weighting's own tables once a host has built them
// (best_fit_tables.h). A sum of consistent potentials of non-negative terms is consistent, and so
// is any sub-sum.
#pragma once

#include <limits>
#include <memory>

#include "engine/career_graph.h"
#include "engine/competency.h"
#include "engine/cost.h"
#include "engine/landmarks.h"

namespace careergraph {

class ObjectiveBound {
 public:
  ObjectiveBound() = default;  // 0 everywhere: plain Dijkstra
  ObjectiveBound(const CareerGraph& g, const CostModel& cost, Vertex t);

  // kInf when the tables prove `v` cannot reach the target.
  double operator()(Vertex v) const {
    double h = skills_ && v != t_ ? skills_weight_ * skills_->GapBound(v, t_) : 0.0;
    for (int i = 0; i < n_; ++i) {
      const double x = parts_[i](v);
      if (x >= Landmarks::kInfinity) return kInfinity;
      h += x;
    }
    return h;
  }

  // Landmarks the two-ended bound consults: the first four of the tables, the one aligned
  // cache line each position keeps them in (Landmarks::kNear). A bidirectional search
  // evaluates the potential of every position either side reaches (about ten per settled
  // one), and those row reads, not the settled count, dominate its time: on the 100k
  // ladder's random pairs 4, 8 and 16 landmarks settled 524, 522 and 529 positions a route
  // (fastest), in 0.69, 0.84 and 1.17 ms (measured before the reads were prefetched).
  static constexpr int kBidirectionalLandmarks = Landmarks::kNear;

  // Two-ended: the bound towards `t` above, and for Averaged() also one from `s`. For best
  // fit, `weighting` (when given) is the tables of cost's own weighting, computed in its
  // cost (BestFitTables::Find): the bound then reads them alone.
  ObjectiveBound(const CareerGraph& g, const CostModel& cost, Vertex s, Vertex t,
                 std::shared_ptr<const Landmarks> weighting = nullptr);

  // The averaged potential p(v) = (pi_t(v) - pi_s(v)) / 2 of bidirectional A*, pi_t the
  // bound above (<= d(v, t)) and pi_s its counterpart from the source (<= d(s, v), the same
  // landmark terms with the skills term left out: 0 bounds it). The forward search uses p
  // and the backward search -p; both are consistent, and their reduced costs are the same
  // w(u,v) - p(u) + p(v), so the two sides search one graph with non-negative lengths
  // (Ikeda, Hsu, Imai, Nishimura, Shimoura, Hashimoto, Tenmoku & Mitoh, "A fast algorithm
  // for finding better routes by AI search techniques", VNIS 1994; Goldberg & Harrelson,
  // SODA 2005, section 5). kInf when the tables prove v on no route from s to t.
  [[gnu::always_inline]] double Averaged(Vertex v) const {
    double to = skills_ && v != t_ ? skills_weight_ * skills_->GapBound(v, t_) : 0.0, from = 0;
    for (int i = 0; i < n_; ++i) {
      const Landmarks::Potential::Pair b = parts_[i].Both(v);
      if (b.to_t >= Landmarks::kInfinity || b.from_s >= Landmarks::kInfinity) return kInfinity;
      to += b.to_t;
      from += b.from_s;
    }
    return 0.5 * (to - from);
  }

  // No term: 0 everywhere (best fit weighing no years, two-ended), so A* would be plain
  // Dijkstra with a potential's overhead.
  bool empty() const { return n_ == 0 && skills_ == nullptr; }

  void Prefetch(Vertex v) const {
    for (int i = 0; i < n_; ++i) parts_[i].Prefetch(v);
  }

  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

 private:
  void Add(const CareerGraph& g, Metric m, Vertex s, Vertex t, double scale);
  Landmarks::Potential parts_[3];
  int n_ = 0;
  std::shared_ptr<const Landmarks> custom_;  // a best-fit weighting's own tables, held while in use
  const Competencies* skills_ = nullptr;  // set with a skills weight on a graph with profiles
  double skills_weight_ = 0;
  Vertex t_ = kNoVertex;
};

}  // namespace careergraph
