#include "engine/cost.h"

#include <cmath>
#include <sstream>

namespace careergraph {

StatusOr<CostModel> CostModel::Make(const CareerGraph& g, v1::Objective objective, const v1::Weights& w) {
  CostModel m;
  m.g_ = &g;
  m.objective_ = objective == v1::OBJECTIVE_UNSPECIFIED ? v1::FASTEST : objective;
  if (!v1::Objective_IsValid(m.objective_))
    return Status::InvalidArgument("unknown objective " + std::to_string(objective)).WithField("objective");
  m.w_ = w;
  const std::pair<const char*, double> terms[] = {{"years", w.years()},
                                                  {"risk", w.risk()},
                                                  {"pay", w.pay()},
                                                  {"ambiguity", w.ambiguity()},
                                                  {"leadership", w.leadership()}};
  bool any = false;
  for (const auto& [name, value] : terms) {
    if (!std::isfinite(value) || value < 0)
      return Status::InvalidArgument(std::string("weight ") + name + " must be a finite number >= 0 (got " +
                                     std::to_string(value) + ")")
          .WithField(std::string("weights.") + name);
    any |= value > 0;
  }
  if (m.objective_ == v1::BEST_FIT && !any) m.w_.set_years(1.0);
  m.years_ = g.years_column().data();
  m.risk_ = g.risk_column().data();
  m.pay_ = g.pay_column().data();
  m.amb_ = g.ambiguity_column().data();
  m.lead_ = g.leadership_column().data();
  m.max_pay_ = g.max_pay();
  return m;
}

Status CostModel::ParseWeights(const std::string& text, v1::Weights* out) {
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      return Status::InvalidArgument("weight '" + item + "' is not NAME=VALUE (e.g. years=1,risk=2)").WithField("weights");
    const std::string name = item.substr(0, eq), value = item.substr(eq + 1);
    double v;
    try {
      std::size_t used = 0;
      v = std::stod(value, &used);
      if (used != value.size()) throw std::invalid_argument(value);
    } catch (const std::exception&) {
      return Status::InvalidArgument("weight " + name + "='" + value + "' is not a number").WithField("weights." + name);
    }
    if (!std::isfinite(v) || v < 0)
      return Status::InvalidArgument("weight " + name + " must be >= 0 (got " + value + ")").WithField("weights." + name);
    if (name == "years") out->set_years(v);
    else if (name == "risk") out->set_risk(v);
    else if (name == "pay") out->set_pay(v);
    else if (name == "ambiguity") out->set_ambiguity(v);
    else if (name == "leadership") out->set_leadership(v);
    else
      return Status::InvalidArgument("unknown weight '" + name + "'; use years, risk, pay, ambiguity, leadership")
          .WithField("weights");
  }
  return Status::Ok();
}

StatusOr<v1::Objective> CostModel::ParseObjective(const std::string& text) {
  if (text == "fastest") return v1::FASTEST;
  if (text == "fewest-moves" || text == "fewest_moves") return v1::FEWEST_MOVES;
  if (text == "safest") return v1::SAFEST;
  if (text == "best-fit" || text == "best_fit") return v1::BEST_FIT;
  return Status::InvalidArgument("unknown objective '" + text + "'; use fastest, fewest-moves, safest or best-fit")
      .WithField("objective");
}

std::string CostModel::ObjectiveName(v1::Objective o) {
  switch (o) {
    case v1::FEWEST_MOVES: return "fewest-moves";
    case v1::SAFEST: return "safest";
    case v1::BEST_FIT: return "best-fit";
    default: return "fastest";
  }
}

}  // namespace careergraph
