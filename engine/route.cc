#include "engine/route.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/gap.h"
#include "engine/alternatives.h"
#include "engine/best_fit_tables.h"
#include "engine/bidirectional_search.h"
#include "engine/label_store.h"
#include "engine/objective_bound.h"
#include "engine/search.h"

namespace careergraph {
namespace {

// Whether an unconstrained route under `kind` is worth bidirectional A* once the landmark
// tables exist. A* reads the potential's landmark row for every position either side
// reaches; it pays only where the bound also cuts what the plain search settles by more
// than that. On the 100k ladder's 64 random far pairs (bench/README.md, both searches
// prefetching their reads): years 3,050 -> 524 settled, 0.57-0.76 -> 0.22-0.28 ms; best fit
// (years term only, objective_bound.cc) 1,670 -> 692, 0.92-0.98 -> 0.78-0.88 ms; moves
// 1,302 -> 533 and risk 586 -> 593 settled, but slower (0.26-0.37 -> 0.38-0.42 ms and
// 0.13-0.18 -> 0.36-0.41 ms: the plain search's balls are already small, a few moves carry
// almost no risk). A forgotten kind fails to compile (-Werror=switch).
bool BidirectionalAStarPays(CostKind kind) {
  switch (kind) {
    case CostKind::kYears:
    case CostKind::kWeighted: return true;
    case CostKind::kMovesThenYears:
    case CostKind::kRisk: return false;
  }
  return false;
}

// One bidirectional search state per thread for every route search here (34 bytes a
// position: 34 MB at a million, so not one per call site). Each use finishes with it
// before the next begins.
BidirectionalSpace& ThreadBidirectionalSpace() {
  thread_local BidirectionalSpace space;
  return space;
}

// ForwardSearch as a function of its own: inlined into the dispatching lambdas below, its
// heap and labels were reached through the closure on every step (measured 31 against 26
// microseconds for the same search on the 1k ladder).
template <typename Cost, typename Allow, typename Potential>
[[gnu::noinline]] std::uint64_t OneWaySearch(const CareerGraph& g, Vertex s, Vertex t, const Cost& cost,
                                             const Allow& allow, const Potential& h, SearchSpace& ws) {
  return ForwardSearch(g, s, t, cost, allow, h, ws);
}

SearchSpace& ThreadSearchSpace(int slot = 0) {
  thread_local SearchSpace spaces[2];
  return spaces[slot];
}

std::string Fmt(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// ---- resource-constrained label setting ----

StatusOr<PathResult> SolveConstrained(const CareerGraph& g, const ResolvedRoute& r, const RouteLimits& limits) {
  using Store = LabelStore<ResourceLabel>;
  std::vector<Vertex> targets = r.via;
  targets.push_back(r.to);
  const std::size_t S = targets.size();
  const Vertex n = g.num_positions();
  // Exact reverse bounds per stage, in cost, years and moves, under the same filters.
  std::vector<ResourceBounds> lb(S);
  SearchSpace& ws = ThreadSearchSpace(1);
  for (std::size_t s = 0; s < S; ++s)
    lb[s].Fill(g, r.cost, [&](const auto& cost) -> const SearchSpace& {
      ReverseSearch(g, targets[s], cost, r.filter, ws);
      return ws;
    });
  // Add the bounds of the remaining legs (via_s -> via_{s+1} -> ... -> to).
  for (std::size_t s = S - 1; s-- > 0;) {
    const Vertex t = targets[s];
    const double c = lb[s + 1].cost[t], y = lb[s + 1].years[t], m = lb[s + 1].moves[t];
    for (Vertex v = 0; v < n; ++v) {
      lb[s].cost[v] += c;
      lb[s].years[v] += y;
      lb[s].moves[v] += m;
    }
  }
  const ResourceRules rules(r.max_years, r.max_moves);
  Store labels;
  labels.Reset(static_cast<std::size_t>(n) * S);
  PathResult out;

  auto insert = [&](const ResourceLabel& l) {
    const ResourceBounds& b = lb[l.stage];
    if (rules.Feasible(l, b)) labels.Insert(static_cast<std::size_t>(l.v) * S + l.stage, l, l.cost + b.cost[l.v], rules);
  };

  insert({0.0, 0.0, 0, r.from, 0, Store::kNone, kNoEdge, false});
  for (Store::Id id; (id = labels.PopLive()) != Store::kNone;) {
    const ResourceLabel l = labels[id];
    ++out.settled;
    if (labels.size() > limits.max_labels)
      return Status::TooLarge("the constrained search exceeded its budget of " + std::to_string(limits.max_labels) +
                              " labels; tighten constraints.max_years or constraints.max_moves, or add exclusions");
    if (l.v == targets[l.stage]) {
      if (l.stage + 1 == S) {
        out.found = true;
        out.cost = l.cost;
        labels.AppendMovesBack(id, &out.edges);
        std::reverse(out.edges.begin(), out.edges.end());
        return out;
      }
      ResourceLabel next = l;
      next.stage = l.stage + 1;
      next.parent = id;
      next.edge = kNoEdge;
      insert(next);
      continue;
    }
    for (EdgeId e = g.out_begin(l.v); e < g.out_end(l.v); ++e) {
      if (!r.filter(e)) continue;
      insert({l.cost + r.cost(e), l.years + g.years(e), l.moves + 1, g.target(e), l.stage, id, e, false});
    }
  }
  return out;
}

}  // namespace

StatusOr<ResolvedRoute> ResolveRoute(const CareerGraph& g, const v1::RouteRequest& req, const RouteLimits& limits) {
  ResolvedRoute r;
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  auto to = g.index().Resolve(req.to(), "to");
  if (!to.ok()) return to.status();
  r.from = *from;
  r.to = *to;
  const auto& c = req.constraints();
  if (static_cast<std::uint32_t>(c.via_size()) > limits.max_via)
    return Status::InvalidArgument("at most " + std::to_string(limits.max_via) + " via positions are allowed")
        .WithField("constraints.via");
  for (int i = 0; i < c.via_size(); ++i) {
    auto v = g.index().Resolve(c.via(i), "via[" + std::to_string(i) + "]");
    if (!v.ok()) return v.status();
    r.via.push_back(*v);
  }
  auto cost = CostModel::Make(g, req.objective(), req.weights());
  if (!cost.ok()) return cost.status();
  r.cost = *cost;
  auto filter = RouteFilter::Make(g, c);
  if (!filter.ok()) return filter.status();
  r.filter = *filter;
  if (!std::isfinite(c.max_years()) || c.max_years() < 0)
    return Status::InvalidArgument("max_years must be >= 0 (0 = no limit)").WithField("constraints.max_years");
  r.max_years = c.max_years();
  r.max_moves = c.max_moves();
  if (req.alternatives() > limits.max_alternatives)
    return Status::TooLarge("at most " + std::to_string(limits.max_alternatives) + " alternatives may be asked for")
        .WithField("alternatives");
  return r;
}

StatusOr<PathResult> SolveRoute(const CareerGraph& g, const ResolvedRoute& r, const RouteLimits& limits) {
  PathResult out;
  // Endpoints and via positions must themselves pass the filters.
  for (Vertex v : {r.from, r.to}) {
    if (!r.filter.VertexOk(v)) return out;
  }
  for (Vertex v : r.via)
    if (!r.filter.VertexOk(v)) return out;
  if (r.resource_limited()) return SolveConstrained(g, r, limits);
  std::vector<Vertex> points = {r.from};
  points.insert(points.end(), r.via.begin(), r.via.end());
  points.push_back(r.to);
  if (g.num_positions() >= limits.bidirectional_min_positions) {
    // Without resource limits a route is one shortest path per leg (from, each via, to), so
    // each leg is a point-to-point search: bidirectional, on the landmark tables' averaged
    // potential where they are at hand (built, or buildable on this request as the limits
    // allow) and the bound pays, plain otherwise (it needs no tables). Exclusions only
    // remove moves: both sides test each move they relax (the backward side may reach an
    // excluded position, but never passes through it, and the forward side never reaches
    // it), and bounds from the whole graph stay consistent on what is left.
    BidirectionalSpace& space = ThreadBidirectionalSpace();
    const bool tables =
        BidirectionalAStarPays(r.cost.kind()) && g.GoalDirected(limits.landmark_min_positions, limits.build_landmarks);
    // A best-fit weighting's own tables, when built (this request counts as one asking).
    const std::shared_ptr<const Landmarks> weighting =
        tables && limits.best_fit_tables && r.cost.kind() == CostKind::kWeighted
            ? g.best_fit_tables().Find(r.cost.weights())
            : nullptr;
    for (std::size_t leg = 0; leg + 1 < points.size(); ++leg) {
      const Vertex s = points[leg], t = points[leg + 1];
      const ObjectiveBound bound = tables ? ObjectiveBound(g, r.cost, s, t, weighting) : ObjectiveBound();
      const Meeting m = r.cost.Dispatch([&](const auto& cost) {
        auto search = [&](const auto& allow) {
          return bound.empty() ? BidirectionalSearch(g, s, t, cost, allow, space)
                               : BidirectionalSearch(g, s, t, cost, allow, space, bound);
        };
        return r.filter.active() ? search(r.filter) : search(AllowAll{});
      });
      out.settled += m.settled;
      if (m.dist == kInf) return PathResult{false, {}, 0, out.settled};
      out.cost += m.dist;
      const std::vector<EdgeId> path = MeetingPath(g, space, m);
      out.edges.insert(out.edges.end(), path.begin(), path.end());
    }
    out.found = true;
    return out;
  }

  const bool goal_directed = g.GoalDirected(limits.landmark_min_positions, limits.build_landmarks);
  SearchSpace& ws = ThreadSearchSpace();
  for (std::size_t leg = 0; leg + 1 < points.size(); ++leg) {
    const Vertex s = points[leg], t = points[leg + 1];
    // The search compiled for this objective, and with no filter test per move when there
    // is nothing to filter (as the bidirectional path above).
    out.settled += r.cost.Dispatch([&](const auto& cost) {
      auto search = [&](const auto& allow) {
        return goal_directed ? OneWaySearch(g, s, t, cost, allow, ObjectiveBound(g, r.cost, t), ws)
                             : OneWaySearch(g, s, t, cost, allow, NoPotential{}, ws);
      };
      return r.filter.active() ? search(r.filter) : search(AllowAll{});
    });
    if (!ws.reached(t)) return PathResult{false, {}, 0, out.settled};
    out.cost += ws.dist(t);
    auto legs = ExtractPath(g, ws, t);
    out.edges.insert(out.edges.end(), legs.begin(), legs.end());
  }
  out.found = true;
  return out;
}

v1::Route MakeRoute(const CareerGraph& g, const CostModel& cost, Vertex from, const std::vector<EdgeId>& edges) {
  v1::Route route;
  auto add_step = [&](Vertex v, EdgeId e, double cum_years, double prev_pay) {
    const auto& p = g.position(v);
    auto* s = route.add_steps();
    s->set_position_id(p.id());
    s->set_title(p.title());
    s->set_track(p.track());
    s->set_org(p.org());
    s->set_level(p.level());
    SetIfKnown(s, &v1::Step::set_pay, g.pay(v));
    if (Known(g.pay(v))) s->set_pay_basis(p.pay_basis());
    if (e != kNoEdge) SetIfKnown(s, &v1::Step::set_pay_change, g.pay(v) - prev_pay);
    SetIfKnown(s, &v1::Step::set_ambiguity, g.ambiguity(v));
    SetIfKnown(s, &v1::Step::set_leadership, g.leadership(v));
    s->set_cumulative_years(cum_years);
    if (e != kNoEdge) {
      s->set_kind(g.kind(e));
      s->set_years(g.years(e));
      s->set_probability(g.probability(e));
      s->set_cost(cost.Reported(e));
    } else {
      s->set_probability(1.0);
    }
  };
  double years = 0, prob = 1, total = 0;
  add_step(from, kNoEdge, 0, g.pay(from));
  Vertex cur = from;
  for (EdgeId e : edges) {
    years += g.years(e);
    prob *= g.probability(e);
    total += cost.Reported(e);
    const Vertex next = g.target(e);
    add_step(next, e, years, g.pay(cur));
    cur = next;
  }
  auto* t = route.mutable_totals();
  t->set_years(years);
  t->set_moves(static_cast<std::uint32_t>(edges.size()));
  t->set_probability(prob);
  SetIfKnown(t, &v1::RouteTotals::set_start_pay, g.pay(from));
  SetIfKnown(t, &v1::RouteTotals::set_end_pay, g.pay(cur));
  if (Known(g.pay(from))) t->set_start_pay_basis(g.position(from).pay_basis());
  if (Known(g.pay(cur))) t->set_end_pay_basis(g.position(cur).pay_basis());
  t->set_cost(total);
  return route;
}

Status ExplainNoRoute(const CareerGraph& g, const v1::RouteRequest& req, const ResolvedRoute& r,
                      const RouteLimits& limits) {
  const std::string from = g.position(r.from).title(), to = g.position(r.to).title();
  const std::string head = "no route from '" + from + "' to '" + to + "'";
  // 1. An endpoint or via position excluded by the filters.
  auto check = [&](Vertex v, const char* role) -> std::string {
    const std::string why = r.filter.WhyExcluded(v);
    return why.empty() ? "" : std::string(role) + " '" + g.position(v).title() + "' is excluded: " + why;
  };
  for (auto [v, role] : {std::pair{r.from, "the start"}, std::pair{r.to, "the target"}})
    if (auto m = check(v, role); !m.empty()) return Status::NoRoute(head + ": " + m);
  for (Vertex v : r.via)
    if (auto m = check(v, "via position"); !m.empty()) return Status::NoRoute(head + ": " + m);
  // 2. Unreachable in the graph as it is.
  SearchSpace ws;
  std::vector<Vertex> points = {r.from};
  points.insert(points.end(), r.via.begin(), r.via.end());
  points.push_back(r.to);
  auto by_years = [&](EdgeId e) { return g.years(e); };
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    // Whether the leg is possible at all: a bidirectional search stops as soon as its sides
    // meet (a request blocked only by its constraints costs milliseconds, not a search of
    // the whole graph); only an unreachable target has everything reachable counted.
    BidirectionalSpace& space = ThreadBidirectionalSpace();
    if (BidirectionalSearch(g, points[i], points[i + 1], by_years, AllowAll{}, space).dist < kInf) continue;
    ForwardSearch(g, points[i], kNoVertex, by_years, AllowAll{}, NoPotential{}, ws);
    if (!ws.reached(points[i + 1])) {
      std::size_t reach = 0;
      for (Vertex v = 0; v < g.num_positions(); ++v) reach += ws.reached(v) ? 1 : 0;
      return Status::NoRoute(head + ": '" + g.position(points[i + 1]).title() +
                             "' cannot be reached from '" + g.position(points[i]).title() +
                             "' by any sequence of moves in this graph (" + std::to_string(reach - 1) +
                             " positions are reachable from it; list them with `careergraph reach`)");
    }
  }
  // 3. Which constraints block it: drop each one alone and see whether a route appears.
  const auto& c = req.constraints();
  struct Relax {
    std::string name;
    std::function<void(v1::Constraints*)> drop;
  };
  std::vector<Relax> relax;
  if (c.avoid_positions_size()) relax.push_back({"constraints.avoid_positions", [](v1::Constraints* x) { x->clear_avoid_positions(); }});
  if (c.avoid_tracks_size()) relax.push_back({"constraints.avoid_tracks", [](v1::Constraints* x) { x->clear_avoid_tracks(); }});
  if (c.avoid_orgs_size()) relax.push_back({"constraints.avoid_orgs", [](v1::Constraints* x) { x->clear_avoid_orgs(); }});
  if (c.avoid_kinds_size()) relax.push_back({"constraints.avoid_kinds", [](v1::Constraints* x) { x->clear_avoid_kinds(); }});
  if (c.via_size()) relax.push_back({"constraints.via", [](v1::Constraints* x) { x->clear_via(); }});
  if (c.max_moves()) relax.push_back({"constraints.max_moves " + std::to_string(c.max_moves()), [](v1::Constraints* x) { x->clear_max_moves(); }});
  if (c.max_years() > 0) relax.push_back({"constraints.max_years " + Fmt(c.max_years()), [](v1::Constraints* x) { x->clear_max_years(); }});
  if (c.max_ambiguity() > 0) relax.push_back({"constraints.max_ambiguity " + Fmt(c.max_ambiguity()), [](v1::Constraints* x) { x->clear_max_ambiguity(); }});
  if (c.no_pay_cut()) relax.push_back({"constraints.no_pay_cut", [](v1::Constraints* x) { x->clear_no_pay_cut(); }});
  if (c.has_max_gap()) relax.push_back({"constraints.max_gap " + Fmt(c.max_gap()), [](v1::Constraints* x) { x->clear_max_gap(); }});
  if (c.has_max_growth()) relax.push_back({"constraints.max_growth " + Fmt(c.max_growth()), [](v1::Constraints* x) { x->clear_max_growth(); }});
  std::vector<std::string> blocking;
  for (const auto& rx : relax) {
    v1::RouteRequest q = req;
    q.set_alternatives(0);
    rx.drop(q.mutable_constraints());
    auto rr = ResolveRoute(g, q, limits);
    if (!rr.ok()) continue;
    auto p = SolveRoute(g, *rr, limits);
    if (!p.ok() || !p->found) continue;
    double years = 0;
    for (EdgeId e : p->edges) years += g.years(e);
    blocking.push_back(rx.name + " (without it: " + std::to_string(p->edges.size()) + " moves, " + Fmt(years) +
                       " years)");
  }
  if (!blocking.empty()) {
    std::string msg = head + ": blocked by ";
    for (std::size_t i = 0; i < blocking.size(); ++i) msg += (i ? "; or by " : "") + blocking[i];
    return Status::NoRoute(msg);
  }
  return Status::NoRoute(head + ": no single constraint blocks it, but together they exclude every route; relax several");
}

StatusOr<v1::RouteResponse> FindRoute(const CareerGraph& g, const v1::RouteRequest& req, const RouteLimits& limits) {
  auto r = ResolveRoute(g, req, limits);
  if (!r.ok()) return r.status();
  if (req.alternatives() > 1) {
    auto alt = FindAlternatives(g, req, *r, limits);
    if (alt.ok())
      if (Status s = AnnotateRouteGaps(g, req.have(), &*alt); !s.ok()) return s;
    return alt;
  }
  auto p = SolveRoute(g, *r, limits);
  if (!p.ok()) return p.status();
  if (!p->found) return ExplainNoRoute(g, req, *r, limits);
  v1::RouteResponse resp;
  resp.set_objective(r->cost.objective());
  *resp.add_routes() = MakeRoute(g, r->cost, r->from, p->edges);
  resp.set_routes_found(1);
  resp.set_graph_version(g.metadata().version());
  resp.set_settled(p->settled);
  if (Status s = AnnotateRouteGaps(g, req.have(), &resp); !s.ok()) return s;
  return resp;
}

}  // namespace careergraph
