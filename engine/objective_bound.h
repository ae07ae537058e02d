// A consistent lower bound on a route objective's cost from a position to a target, built
// from the landmark tables of the objective's terms; A*'s potential for route and
// alternatives searches.
//
// Each cost term with its own metric gets that metric's landmark potential, scaled by the
// term's weight: fastest = years, fewest moves = hops, safest = risk (-ln p); best fit adds
// years, risk and, for the per-position penalties, hops times the least penalty any
// position has. A sum of consistent potentials of non-negative terms is consistent.
#pragma once

#include <limits>

#include "engine/career_graph.h"
#include "engine/cost.h"
#include "engine/landmarks.h"

namespace careergraph {

class ObjectiveBound {
 public:
  ObjectiveBound() = default;  // 0 everywhere: plain Dijkstra
  ObjectiveBound(const CareerGraph& g, const CostModel& cost, Vertex t);

  // kInf when the tables prove `v` cannot reach the target.
  double operator()(Vertex v) const {
    double h = 0;
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
};

}  // namespace careergraph
