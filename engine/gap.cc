#include "engine/gap.h"

#include <algorithm>

#include "engine/route.h"

namespace careergraph {
namespace {

std::string LabelAtOrBelow(const v1::Competency& c, double level) {
  std::string out;
  for (const auto& l : c.labels())
    if (l.level() <= level) out = l.label();
  return out;
}

// A shown move's gap and its competencies to grow (Step, NextMove, PlanStep, CompareEntry).
template <typename Message>
void SetGap(const CareerGraph& g, const MoveGap& gap, Message* m) {
  m->set_gap(gap.total);
  for (auto& id : GrowIds(g, gap)) m->add_grow(std::move(id));
}

// What a person starting at position `id` holds (PersonLevels); `*found` is false when the
// answer names no position (nothing to annotate).
StatusOr<std::vector<double>> StartLevels(const CareerGraph& g, const std::string& id,
                                          const google::protobuf::Map<std::string, double>& have, bool* found) {
  const Vertex start = g.index().FindId(id);
  *found = start != PositionIndex::kNotFound;
  if (!*found) return std::vector<double>();
  return PersonLevels(g.competencies(), start, have);
}

}  // namespace

std::vector<std::string> GrowIds(const CareerGraph& g, const MoveGap& gap, std::size_t top) {
  std::vector<std::string> out;
  for (const CompetencyGap& x : gap.items) {
    if (out.size() >= top || x.growth <= 0) break;
    out.push_back(g.competencies().id(x.competency));
  }
  return out;
}

v1::MoveGapInfo DescribeMoveGap(const CareerGraph& g, Vertex from, Vertex to, const MoveGap& gap) {
  const Competencies& comp = g.competencies();
  v1::MoveGapInfo m;
  m.set_from_id(g.position(from).id());
  m.set_from_title(g.position(from).title());
  m.set_to_id(g.position(to).id());
  m.set_to_title(g.position(to).title());
  m.set_gap(gap.total);
  m.set_max_growth(gap.max_growth);
  for (const CompetencyGap& x : gap.items) {
    const v1::Competency& info = g.metadata().competencies(static_cast<int>(x.competency));
    auto* c = m.add_competencies();
    c->set_competency(comp.id(x.competency));
    c->set_name(info.name());
    c->set_have(x.have);
    c->set_need(x.need);
    c->set_importance(x.importance);
    c->set_growth(x.growth);
    c->set_weighted(x.weighted);
    c->set_need_label(LabelAtOrBelow(info, x.need));
  }
  for (auto& id : GrowIds(g, gap)) m.add_grow(std::move(id));
  return m;
}

StatusOr<v1::GapResponse> FindGap(const CareerGraph& g, const v1::GapRequest& req, const GapLimits& limits) {
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  auto to = g.index().Resolve(req.to(), "to");
  if (!to.ok()) return to.status();
  if (static_cast<std::uint32_t>(req.via_size()) > limits.max_via)
    return Status::InvalidArgument("at most " + std::to_string(limits.max_via) + " via positions are allowed")
        .WithField("via");
  if (req.route() && req.via_size() > 0)
    return Status::InvalidArgument("give either via positions or route, not both").WithField("via");
  if (!req.route() && req.objective() != v1::OBJECTIVE_UNSPECIFIED)
    return Status::InvalidArgument("objective chooses the route's steps; set route as well, or drop objective")
        .WithField("objective");
  auto have = PersonLevels(g.competencies(), *from, req.have());
  if (!have.ok()) return have.status();

  std::vector<Vertex> points = {*from};
  if (req.route()) {
    v1::RouteRequest rr;
    rr.set_from(req.from());
    rr.set_to(req.to());
    rr.set_objective(req.objective());
    auto route = FindRoute(g, rr);
    if (!route.ok()) return route.status();
    const auto& steps = route->routes(0).steps();
    for (int i = 1; i < steps.size(); ++i) points.push_back(g.index().FindId(steps[i].position_id()));
  } else {
    for (int i = 0; i < req.via_size(); ++i) {
      auto v = g.index().Resolve(req.via(i), "via[" + std::to_string(i) + "]");
      if (!v.ok()) return v.status();
      points.push_back(*v);
    }
    points.push_back(*to);
  }

  v1::GapResponse resp;
  resp.set_graph_version(g.metadata().version());
  resp.set_has_profiles(g.competencies().any_profile());
  double total = 0;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const MoveGap gap = g.competencies().Explain(*have, points[i + 1]);
    *resp.add_moves() = DescribeMoveGap(g, points[i], points[i + 1], gap);
    total += gap.total;
    g.competencies().CarryForward(&*have, points[i + 1]);
  }
  resp.set_total_gap(total);
  return resp;
}

Status AnnotateRouteGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                         v1::RouteResponse* resp) {
  const Competencies& comp = g.competencies();
  for (auto& route : *resp->mutable_routes()) {
    if (route.steps_size() == 0) continue;
    const Vertex start = g.index().FindId(route.steps(0).position_id());
    auto held = PersonLevels(comp, start, have);
    if (!held.ok()) return held.status();
    double total = 0;
    for (int i = 1; i < route.steps_size(); ++i) {
      auto* step = route.mutable_steps(i);
      const Vertex v = g.index().FindId(step->position_id());
      const MoveGap gap = comp.Explain(*held, v);
      SetGap(g, gap, step);
      total += gap.total;
      comp.CarryForward(&*held, v);
    }
    route.mutable_totals()->set_gap(total);
  }
  return Status::Ok();
}

Status AnnotateNextGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                        v1::NextResponse* resp) {
  bool found = false;
  auto held = StartLevels(g, resp->from_id(), have, &found);
  if (!held.ok()) return held.status();
  if (!found) return Status::Ok();
  for (auto& m : *resp->mutable_moves()) {
    const MoveGap gap = g.competencies().Explain(*held, g.index().FindId(m.position_id()));
    SetGap(g, gap, &m);
  }
  return Status::Ok();
}

Status AnnotatePlanGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                        v1::PlanResponse* resp) {
  bool found = false;
  auto held = StartLevels(g, resp->from_id(), have, &found);
  if (!held.ok()) return held.status();
  if (!found) return Status::Ok();
  if (resp->has_earnings()) {
    auto& steps = *resp->mutable_earnings()->mutable_steps();
    for (int i = 1; i < steps.size(); ++i) {
      const Vertex v = g.index().FindId(steps[i].position_id());
      const MoveGap gap = g.competencies().Explain(*held, v);
      SetGap(g, gap, &steps[i]);
      g.competencies().CarryForward(&*held, v);
    }
  }
  if (resp->has_expected()) {
    const Vertex start = g.index().FindId(resp->from_id());
    for (auto& rule : *resp->mutable_expected()->mutable_policy()) {
      if (rule.stay()) continue;
      const Vertex v = g.index().FindId(rule.position_id());
      std::vector<double> sure = *held;
      if (v != start) g.competencies().CarryForward(&sure, v);
      SetGap(g, g.competencies().Explain(sure, g.index().FindId(rule.target_id())), &rule);
    }
  }
  if (resp->has_pay()) {
    v1::RouteResponse r;
    *r.add_routes() = resp->pay().route();
    if (Status s = AnnotateRouteGaps(g, have, &r); !s.ok()) return s;
    *resp->mutable_pay()->mutable_route() = r.routes(0);
  }
  return Status::Ok();
}

Status AnnotateTradeoffsGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                             v1::TradeoffsResponse* resp) {
  v1::RouteResponse routes;
  for (const auto& tr : resp->routes()) *routes.add_routes() = tr.route();
  CAREERGRAPH_RETURN_IF_ERROR(AnnotateRouteGaps(g, have, &routes));
  for (int i = 0; i < routes.routes_size(); ++i) *resp->mutable_routes(i)->mutable_route() = routes.routes(i);
  return Status::Ok();
}

Status AnnotateCompareGaps(const CareerGraph& g, const google::protobuf::Map<std::string, double>& have,
                           v1::CompareResponse* resp) {
  bool found = false;
  auto base = StartLevels(g, resp->from_id(), have, &found);
  if (!base.ok()) return base.status();
  if (!found) return Status::Ok();
  const Vertex start = g.index().FindId(resp->from_id());
  for (auto& option : *resp->mutable_options())
    for (auto& entry : *option.mutable_entries()) {
      std::vector<double> held = *base;
      double total = 0;
      std::vector<Vertex> way;
      const Vertex via = g.index().FindId(entry.via_id());
      if (via != start && via != PositionIndex::kNotFound) way.push_back(via);
      way.push_back(g.index().FindId(entry.entry_id()));
      MoveGap sum;
      for (Vertex v : way) {
        const MoveGap gap = g.competencies().Explain(held, v);
        total += gap.total;
        for (const auto& x : gap.items) {
          auto it = std::find_if(sum.items.begin(), sum.items.end(),
                                 [&](const CompetencyGap& y) { return y.competency == x.competency; });
          if (it == sum.items.end()) {
            sum.items.push_back(x);
          } else {
            it->growth += x.growth;
            it->weighted += x.weighted;
          }
        }
        g.competencies().CarryForward(&held, v);
      }
      std::stable_sort(sum.items.begin(), sum.items.end(), [](const CompetencyGap& a, const CompetencyGap& b) {
        if (a.weighted != b.weighted) return a.weighted > b.weighted;
        return a.growth > b.growth;
      });
      sum.total = total;
      SetGap(g, sum, &entry);
    }
  return Status::Ok();
}

}  // namespace careergraph
