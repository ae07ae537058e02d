// CostModel: the per-transition cost of a route objective, evaluated from the graph's
// columns at query time (never materialised per query).
//
//   OBJECTIVE_FASTEST       years(e)
//   OBJECTIVE_FEWEST_MOVES  1 + kTieBreak * years(e)      (fewest moves; among those, fewest years)
//   OBJECTIVE_SAFEST        -ln p(e)                       (least sum = highest product of p)
//   OBJECTIVE_BEST_FIT      w.years * years(e) + w.risk * (-ln p(e))
//                 + w.pay * (max_pay - pay(to)) / max_pay
//                 + w.ambiguity * ambiguity(to) + w.leadership * (1 - leadership(to))
//                 + w.skills * gap(e)            (competency gap from the source's profile, competency.h)
//
// Every term is non-negative, so Dijkstra and A* are exact for any weights.
#pragma once

#include <string>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/objective.h"
#include "engine/status.h"

namespace careergraph {

class CostModel {
 public:
  static constexpr double kTieBreak = 1e-6;

  // Fails on negative or non-finite weights, and on weights given to an objective other than
  // OBJECTIVE_BEST_FIT (they would be ignored). All-zero best-fit weights mean years = 1.
  static StatusOr<CostModel> Make(const CareerGraph& g, v1::Objective objective, const v1::Weights& w);

  v1::Objective objective() const { return objective_; }
  CostKind kind() const { return kind_; }
  const v1::Weights& weights() const { return w_; }

  double operator()(EdgeId e) const {
    switch (kind_) {
      case CostKind::kYears: return Of<CostKind::kYears>(e);
      case CostKind::kMovesThenYears: return Of<CostKind::kMovesThenYears>(e);
      case CostKind::kRisk: return Of<CostKind::kRisk>(e);
      case CostKind::kWeighted: break;
    }
    return Of<CostKind::kWeighted>(e);  // every kind is handled above (-Werror=switch)
  }
  // The cost under kind K alone, with no dispatch on the kind: a search kernel instantiated
  // on Fixed<K> inlines its cost into the relaxation loop (through operator() the switch and
  // a call cost about a quarter of a bidirectional search's time). K must be kind().
  template <CostKind K>
  [[gnu::always_inline]] double Of(EdgeId e) const {
    if constexpr (K == CostKind::kYears) return years_[e];
    if constexpr (K == CostKind::kMovesThenYears) return 1.0 + kTieBreak * years_[e];
    if constexpr (K == CostKind::kRisk) return risk_[e];
    if constexpr (K == CostKind::kWeighted) return BestFit(e);
  }
  template <CostKind K>
  struct Fixed {
    const CostModel* model;
    [[gnu::always_inline]] double operator()(EdgeId e) const { return model->Of<K>(e); }
    // The same for a move whose target the caller knows (a backward scan: the position it
    // settles), so best fit does not read target(e) at random to find it.
    [[gnu::always_inline]] double operator()(EdgeId e, Vertex to) const {
      if constexpr (K == CostKind::kWeighted) return model->BestFit(e, to);
      return model->Of<K>(e);
    }
    // Starts loading what operator()(e) reads for the move e into `head`: a reverse scan
    // reaches its moves' columns by edge id, at random, and best fit reads the head's
    // columns, at random on either side.
    void Prefetch(EdgeId e, Vertex head) const {
      if constexpr (K == CostKind::kRisk) {
        __builtin_prefetch(model->risk_ + e);
      } else {
        __builtin_prefetch(model->years_ + e);
      }
      if constexpr (K == CostKind::kWeighted) {
        __builtin_prefetch(model->risk_ + e);
        __builtin_prefetch(model->traits_ + head);
        if (model->skills_) __builtin_prefetch(model->skills_ + e);
      }
    }
  };
  // Calls f(Fixed<kind()>{this}) and returns its result: one instantiation of f per kind, so
  // a forgotten kind fails to compile (-Werror=switch).
  template <typename F>
  decltype(auto) Dispatch(F&& f) const {
    switch (kind_) {
      case CostKind::kYears: return f(Fixed<CostKind::kYears>{this});
      case CostKind::kMovesThenYears: return f(Fixed<CostKind::kMovesThenYears>{this});
      case CostKind::kRisk: return f(Fixed<CostKind::kRisk>{this});
      case CostKind::kWeighted: break;
    }
    return f(Fixed<CostKind::kWeighted>{this});
  }

  // The cost as reported to users (OBJECTIVE_FEWEST_MOVES drops its tie-break).
  double Reported(EdgeId e) const { return kind_ == CostKind::kMovesThenYears ? 1.0 : (*this)(e); }

  // Penalty terms of OBJECTIVE_BEST_FIT that depend only on the position moved into.
  // A term is added only when weighted: an unknown value (NaN) is then never read, since Make
  // refuses a positive weight on a value some position lacks (0 x NaN would be NaN).
  double PositionPenalty(Vertex v) const {
    const CareerGraph::Traits& t = traits_[v];
    double p = 0;
    if (pay_weight_ > 0) p += pay_weight_ * (max_pay_ > 0 ? (max_pay_ - t.pay) / max_pay_ : 0.0);
    if (amb_weight_ > 0) p += amb_weight_ * t.ambiguity;
    if (lead_weight_ > 0) p += lead_weight_ * (1.0 - t.leadership);
    return p;
  }

 private:
  [[gnu::always_inline]] double BestFit(EdgeId e) const { return BestFit(e, g_->target(e)); }
  [[gnu::always_inline]] double BestFit(EdgeId e, Vertex to) const {
    return years_weight_ * years_[e] + risk_weight_ * risk_[e] + PositionPenalty(to) +
           (skills_ ? w_.skills() * skills_[e] : 0.0);
  }

  const CareerGraph* g_ = nullptr;
  v1::Objective objective_ = v1::OBJECTIVE_FASTEST;
  CostKind kind_ = CostKind::kYears;
  v1::Weights w_;
  const double* years_ = nullptr;
  const double* risk_ = nullptr;
  const CareerGraph::Traits* traits_ = nullptr;
  // The weights as plain doubles (read per move; w_ keeps them as given).
  double years_weight_ = 0, risk_weight_ = 0, pay_weight_ = 0, amb_weight_ = 0, lead_weight_ = 0;
  const double* skills_ = nullptr;  // null when no position has a profile (every gap is 0)
  double max_pay_ = 0;
};

}  // namespace careergraph
