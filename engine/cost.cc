#include "engine/cost.h"

#include <cmath>
#include <string>

#include "engine/choices.h"
#include "engine/competency.h"

namespace careergraph {

StatusOr<CostModel> CostModel::Make(const CareerGraph& g, v1::Objective objective, const v1::Weights& w) {
  CostModel m;
  m.g_ = &g;
  const ObjectiveSpec* spec = FindObjective(objective);
  if (!spec)
    return Status::InvalidArgument("unknown objective " + std::to_string(objective) + "; valid values: " +
                                   ChoicesOf<v1::Objective>().Help())
        .WithField("objective");
  m.objective_ = spec->id;
  m.kind_ = spec->cost;
  m.w_ = w;
  const std::pair<const char*, double> terms[] = {{"years", w.years()},
                                                  {"risk", w.risk()},
                                                  {"pay", w.pay()},
                                                  {"ambiguity", w.ambiguity()},
                                                  {"leadership", w.leadership()},
                                                  {"skills", w.skills()}};
  bool any = false;
  for (const auto& [name, value] : terms) {
    if (!std::isfinite(value) || value < 0)
      return Status::InvalidArgument(std::string("weight ") + name + " must be a finite number >= 0 (got " +
                                     std::to_string(value) + ")")
          .WithField(std::string("weights.") + name);
    any |= value > 0;
  }
  if (any && m.kind_ != CostKind::kWeighted)
    return Status::InvalidArgument("weights apply to the best-fit objective only, not to " +
                                   std::string(ChoiceName(m.objective_)) +
                                   "; drop weights or set objective to best-fit")
        .WithField("weights");
  if (m.kind_ == CostKind::kWeighted && !any) m.w_.set_years(1.0);
  // A weighted attribute must be known everywhere: an unknown value has no cost to weigh.
  const std::pair<Attribute, double> needs[] = {
      {Attribute::kPay, m.w_.pay()}, {Attribute::kAmbiguity, m.w_.ambiguity()}, {Attribute::kLeadership, m.w_.leadership()}};
  for (const auto& [a, value] : needs)
    if (value > 0)
      CAREERGRAPH_RETURN_IF_ERROR(g.RequireKnown(a, std::string("the ") + AttributeName(a) + " weight",
                                                 std::string("weights.") + AttributeName(a)));
  m.years_ = g.years_column().data();
  m.risk_ = g.risk_column().data();
  m.traits_ = g.traits();
  m.years_weight_ = m.w_.years();
  m.risk_weight_ = m.w_.risk();
  m.pay_weight_ = m.w_.pay();
  m.amb_weight_ = m.w_.ambiguity();
  m.lead_weight_ = m.w_.leadership();
  m.max_pay_ = g.max_pay();
  if (w.skills() > 0) m.skills_ = g.competencies().move_gap_column();
  return m;
}

}  // namespace careergraph
