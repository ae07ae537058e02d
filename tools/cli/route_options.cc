#include "tools/cli/route_options.h"

#include "engine/cost.h"
#include "engine/route.h"

namespace careergraph::cli {

void AddGraphOption(CLI::App& sub, GraphOption* opt) {
  sub.add_option("--graph,-g", opt->graph,
                 "Ladder to query: 'default' (embedded reference ladder), 'onet', or a file/directory "
                 "(.pb .json .textproto .yaml .csv/.tsv)")
      ->capture_default_str();
}

void AddRouteOptions(CLI::App& sub, RouteOptions* o, bool require_endpoints) {
  auto* from = sub.add_option("--from", o->from, "Start position (id or title, case-insensitive)");
  auto* to = sub.add_option("--to", o->to, "Target position (id or title)");
  if (require_endpoints) {
    from->required();
    to->required();
  }
  sub.add_option("--objective", o->objective, "fastest | fewest-moves | safest | best-fit")
      ->check(CLI::IsMember({"fastest", "fewest-moves", "safest", "best-fit"}))
      ->capture_default_str();
  sub.add_option("--weights", o->weights,
                 "best-fit weights, e.g. years=1,risk=2,pay=1,ambiguity=0.5,leadership=1 (per move: years, "
                 "risk=-ln p, pay shortfall vs the best-paid position (0..1), ambiguity, 1-leadership)");
  sub.add_option("--avoid", o->avoid, "Never pass through these positions (repeat or comma-separate)")->delimiter(',');
  sub.add_option("--avoid-track", o->avoid_tracks, "Never enter these tracks")->delimiter(',');
  sub.add_option("--avoid-org", o->avoid_orgs, "Never enter these orgs")->delimiter(',');
  sub.add_option("--avoid-kind", o->avoid_kinds, "Never make these moves: promotion, lateral, track-switch, org-change")
      ->delimiter(',');
  sub.add_option("--via", o->via, "Pass through these positions, in order")->delimiter(',');
  sub.add_option("--max-moves", o->max_moves, "At most this many moves (0 = no limit)");
  sub.add_option("--max-years", o->max_years, "At most this many years in total (0 = no limit)");
  sub.add_option("--max-ambiguity", o->max_ambiguity, "No position above this ambiguity, 0..1 (0 = no limit)");
  sub.add_flag("--no-pay-cut", o->no_pay_cut, "Never move to a lower-paid position");
  sub.add_option("--alternatives,-k", o->alternatives, "Return the K best simple routes, best first");
  sub.add_option("--max-overlap", o->max_overlap, "Alternatives share at most this fraction of moves with a better one");
  sub.add_option("--max-stretch", o->max_stretch, "Alternatives cost at most this multiple of the best");
}

StatusOr<v1::RouteRequest> RouteOptions::ToRequest() const {
  v1::RouteRequest req;
  req.set_from(from);
  req.set_to(to);
  auto obj = CostModel::ParseObjective(objective);
  if (!obj.ok()) return obj.status();
  req.set_objective(*obj);
  if (!weights.empty()) {
    if (*obj != v1::BEST_FIT)
      return Status::InvalidArgument("--weights applies to --objective best-fit only").WithField("weights");
    CAREERGRAPH_RETURN_IF_ERROR(CostModel::ParseWeights(weights, req.mutable_weights()));
  }
  auto* c = req.mutable_constraints();
  for (const auto& a : avoid) c->add_avoid_positions(a);
  for (const auto& a : avoid_tracks) c->add_avoid_tracks(a);
  for (const auto& a : avoid_orgs) c->add_avoid_orgs(a);
  for (const auto& k : avoid_kinds) {
    v1::TransitionKind kind;
    if (!ParseTransitionKind(k, &kind))
      return Status::InvalidArgument("unknown transition kind '" + k + "'; use promotion, lateral, track-switch, org-change")
          .WithField("avoid_kinds");
    c->add_avoid_kinds(kind);
  }
  for (const auto& v : via) c->add_via(v);
  c->set_max_moves(max_moves);
  c->set_max_years(max_years);
  c->set_max_ambiguity(max_ambiguity);
  c->set_no_pay_cut(no_pay_cut);
  req.set_alternatives(alternatives);
  req.set_max_overlap(max_overlap);
  req.set_max_stretch(max_stretch);
  return req;
}

StatusOr<v1::RouteResponse> RunRouteQuery(const CareerGraph& g, const v1::RouteRequest& req) {
  // One query per process: building landmark tables would cost more than it saves.
  RouteLimits limits;
  limits.build_landmarks = false;
  return FindRoute(g, req, limits);
}

}  // namespace careergraph::cli
