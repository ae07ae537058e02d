// A consistent lower bound on a route objective's cost from a position to a target, built
// from the landmark tables of the objective's terms; A*'s potential for route and
// alternatives searches.
//
// Each cost term with its own metric gets that metric's landmark potential, scaled by the
// term's weight: fastest = years, fewest moves = hops, safest = risk (-ln p); best fit adds
// years, risk and, for the per-position penalties, hops times the least penalty any
// position has, and for the skills term the competency growth the target still asks
// (Competencies::GapBound). A sum of consistent potentials of non-negative terms is consistent.
#pragma once

#include <limits>

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

  void Prefetch(Vertex v) const {
    for (int i = 0; i < n_; ++i) parts_[i].Prefetch(v);
  }

  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

 private:
  void Add(const CareerGraph& g, Metric m, Vertex t, double scale);
  Landmarks::Potential parts_[3];
  int n_ = 0;
  const Competencies* skills_ = nullptr;  // set with a skills weight on a graph with profiles
  double skills_weight_ = 0;
  Vertex t_ = kNoVertex;
};

}  // namespace careergraph
