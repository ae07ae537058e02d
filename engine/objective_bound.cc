#include "engine/objective_bound.h"

#include <algorithm>

#include "engine/competency.h"

namespace careergraph {

ObjectiveBound::ObjectiveBound(const CareerGraph& g, const CostModel& cost, Vertex t)
    : ObjectiveBound(g, cost, kNoVertex, t) {}

ObjectiveBound::ObjectiveBound(const CareerGraph& g, const CostModel& cost, Vertex s, Vertex t,
                               std::shared_ptr<const Landmarks> weighting) {
  const auto& w = cost.weights();
  switch (cost.kind()) {
    case CostKind::kYears: Add(g, Metric::kYears, s, t, 1.0); break;
    case CostKind::kMovesThenYears: Add(g, Metric::kHops, s, t, 1.0); break;  // each move costs >= 1
    case CostKind::kRisk: Add(g, Metric::kRisk, s, t, 1.0); break;
    case CostKind::kWeighted: {
      const bool all_terms = s == kNoVertex;
      // Two-ended, the tables of this very weighting when given (best_fit_tables.h): one
      // row a position, as tight as a fixed objective's.
      if (!all_terms && weighting) {
        custom_ = std::move(weighting);
        parts_[n_++] = Landmarks::Potential(custom_.get(), s, t, 1.0, kBidirectionalLandmarks);
        return;
      }
      Add(g, Metric::kYears, s, t, w.years());
      // Else two-ended (bidirectional A*), the years term alone: each further table is one
      // more random line per position reached, and on the 100k ladder's random pairs the
      // risk and move terms cut what it settles only from 692 to 578 positions a route, for
      // about a fifth more time (bench/README.md). One-ended searches keep every term.
      if (!all_terms) return;
      Add(g, Metric::kRisk, s, t, w.risk());
      double min_pen = kInfinity;
      for (Vertex v = 0; v < g.num_positions(); ++v) min_pen = std::min(min_pen, cost.PositionPenalty(v));
      if (min_pen > 0 && min_pen < kInfinity) Add(g, Metric::kHops, s, t, min_pen);
      if (w.skills() > 0 && g.competencies().any_profile()) {
        skills_ = &g.competencies();
        skills_weight_ = w.skills();
        t_ = t;
      }
      break;
    }
  }
}

void ObjectiveBound::Add(const CareerGraph& g, Metric m, Vertex s, Vertex t, double scale) {
  if (scale <= 0) return;
  const Landmarks* lm = &g.landmarks(m);
  parts_[n_++] = s == kNoVertex ? Landmarks::Potential(lm, t, scale)
                                : Landmarks::Potential(lm, s, t, scale, kBidirectionalLandmarks);
}

}  // namespace careergraph
