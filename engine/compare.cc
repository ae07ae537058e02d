#include "engine/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "engine/search.h"

namespace careergraph {
namespace {

// Pay differences below a cent are ties, not leads.
constexpr double kPayTie = 0.01;

// Whole percent, except that a chance short of certain (or above zero) never reads as
// 100% (or 0%).
std::string Pct(double p) {
  if (p < 1 && p >= 0.9995) return ">99.9%";
  if (p > 0 && p < 0.0005) return "<0.1%";
  char buf[32];
  const bool near_edge = (p < 1 && p >= 0.995) || (p > 0 && p < 0.005);
  std::snprintf(buf, sizeof buf, near_edge ? "%.1f%%" : "%.0f%%", p * 100);
  return buf;
}

struct Option {
  std::string label;
  EndSet end;
};

void AddCrossovers(const std::string& series, const v1::CompareOption& a, const v1::CompareOption& b,
                   bool expected, v1::CompareResponse* resp) {
  int lead = 0;  // +1: a leads, -1: b leads
  for (int i = 0; i < a.series_size() && i < b.series_size(); ++i) {
    const double d = expected ? a.series(i).expected_pay() - b.series(i).expected_pay()
                              : a.series(i).best_pay() - b.series(i).best_pay();
    const int s = d > kPayTie ? 1 : d < -kPayTie ? -1 : 0;
    if (s == 0) continue;
    if (lead != 0 && s != lead) {
      auto* c = resp->add_crossovers();
      c->set_series(series);
      c->set_leader_before(lead > 0 ? a.label() : b.label());
      c->set_leader_after(s > 0 ? a.label() : b.label());
      c->set_year(a.series(i).year());
    }
    lead = s;
  }
}

std::string Verdict(const CareerGraph& g, const v1::CompareResponse& resp) {
  const std::string& cur = g.metadata().currency();
  const std::string head = resp.from_title() + ", next " + FormatYears(resp.horizon_years()) + " years: ";
  std::vector<const v1::CompareOption*> ok, no;
  for (const auto& o : resp.options()) (o.reachable() ? ok : no).push_back(&o);
  std::stable_sort(ok.begin(), ok.end(), [](const v1::CompareOption* a, const v1::CompareOption* b) {
    return a->expected_earnings() > b->expected_earnings();
  });
  auto needs = [&](const v1::CompareOption* o) {
    return o->top_id().empty() ? o->label() + " cannot be reached"
                               : o->label() + " needs " + FormatYears(o->entry_years()) + " years";
  };
  if (ok.empty()) {
    std::string s = head + "none of the options can be finished within the horizon";
    for (std::size_t i = 0; i < no.size(); ++i) s += (i ? "; " : " (") + needs(no[i]);
    return s + ")";
  }
  const auto* w = ok[0];
  if (ok.size() == 1) {
    std::string s = head + "only " + w->label() + " can be finished within the horizon (expected earnings " +
                    FormatMoney(w->expected_earnings(), cur) + ")";
    for (const auto* o : no) s += "; " + needs(o);
    return s;
  }
  const auto* r = ok[1];
  const std::string years = FormatYears(resp.horizon_years());
  std::string s = head + w->label() + " over " + r->label() + ": expected earnings " +
                  FormatMoney(w->expected_earnings(), cur) + " vs " + FormatMoney(r->expected_earnings(), cur) + " (" +
                  FormatMoney(w->best_earnings(), cur) + " vs " + FormatMoney(r->best_earnings(), cur) +
                  " if every move succeeds); pay at year " + years + " " + FormatMoney(w->best_plan().end_pay(), cur) +
                  " vs " + FormatMoney(r->best_plan().end_pay(), cur) + " on the best plans";
  // The last change of leader between the two in expectation says how the horizon ends.
  const v1::Crossover* last = nullptr;
  for (const auto& c : resp.crossovers())
    if (c.series() == "expected" && ((c.leader_before() == r->label() && c.leader_after() == w->label()) ||
                                     (c.leader_before() == w->label() && c.leader_after() == r->label())))
      last = &c;
  if (last)
    s += "; " + r->label() + " pays more in expectation " + (last->leader_after() == w->label() ? "until" : "from") +
         " year " + FormatYears(last->year());
  if (w->top_pay() != r->top_pay()) {
    const auto* hi = w->top_pay() > r->top_pay() ? w : r;
    const auto* lo = hi == w ? r : w;
    s += std::string("; ") + hi->label() + (hi == w ? " also" : "") + " has the higher ceiling: " + hi->top_title() +
         " (" + FormatMoney(hi->top_pay(), cur) + ", " + FormatYears(hi->top_years()) + " years away) vs " +
         lo->top_title() + " (" + FormatMoney(lo->top_pay(), cur) + ", " + FormatYears(lo->top_years()) + " years)";
  }
  s += "; chance of being in it at year " + years + " " + Pct(w->end_probability()) + " vs " +
       Pct(r->end_probability());
  for (std::size_t i = 2; i < ok.size(); ++i)
    s += (i == 2 ? "; then " : ", ") + ok[i]->label() + " (" + FormatMoney(ok[i]->expected_earnings(), cur) + ")";
  for (const auto* o : no) s += "; " + needs(o);
  return s;
}

}  // namespace

StatusOr<v1::CompareResponse> CompareOptions(const CareerGraph& g, const v1::CompareRequest& req,
                                             const CompareLimits& limits) {
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  if (req.tracks_size() > 0 && req.targets_size() > 0)
    return Status::InvalidArgument("compare tracks or target positions, not both").WithField("targets");
  const bool by_track = req.targets_size() == 0;
  const int count = by_track ? req.tracks_size() : req.targets_size();
  if (count < static_cast<int>(limits.min_options))
    return Status::InvalidArgument("give at least " + std::to_string(limits.min_options) +
                                   " options to compare, e.g. tracks pm,tpm or two target positions")
        .WithField(by_track ? "tracks" : "targets");
  if (count > static_cast<int>(limits.max_options))
    return Status::TooLarge("at most " + std::to_string(limits.max_options) + " options can be compared; got " +
                            std::to_string(count))
        .WithField(by_track ? "tracks" : "targets");
  auto grid = TimeGrid::Make(req.has_horizon_years() ? req.horizon_years() : kDefaultHorizonYears, req.step_years(),
                             limits.plan.horizon);
  if (!grid.ok()) return grid.status();
  auto filter = MoveFilter::Make(g, req.constraints(), req.min_leadership(), "compare");
  if (!filter.ok()) return filter.status();

  std::vector<Option> options;
  std::set<std::string> seen;
  for (int i = 0; i < count; ++i) {
    const std::string field = (by_track ? "tracks[" : "targets[") + std::to_string(i) + "]";
    Option o;
    if (by_track) {
      auto t = ResolveTrack(g, req.tracks(i), field);
      if (!t.ok()) return t.status();
      o.label = g.tracks()[*t];
      o.end = EndSet::Track(g, *t);
    } else {
      auto v = g.index().Resolve(req.targets(i), field);
      if (!v.ok()) return v.status();
      o.label = g.position(*v).title();
      o.end = EndSet::Position(g, *v);
    }
    if (!seen.insert(o.label).second)
      return Status::InvalidArgument("option '" + o.label + "' is given twice").WithField(field);
    options.push_back(std::move(o));
  }

  auto base = MakePlanProblem(g, *from, *grid, *filter, EndSet(), limits.plan.horizon);
  if (!base.ok()) return base.status();
  const std::uint32_t T = grid->steps();
  const double step = grid->step(), horizon = grid->horizon();

  // Fastest real years to everything, for ceilings and tops.
  SearchSpace ws;
  ForwardSearch(g, *from, kNoVertex, [&](EdgeId e) { return g.years(e); }, *filter, NoPotential{}, ws);

  v1::CompareResponse resp;
  resp.set_from_id(g.position(*from).id());
  resp.set_from_title(g.position(*from).title());
  resp.set_from_pay(g.pay(*from));
  resp.set_horizon_years(horizon);
  resp.set_step_years(step);
  resp.set_graph_version(g.metadata().version());
  resp.set_rounded_transitions(base->edges.rounded);

  for (const auto& opt : options) {
    auto* o = resp.add_options();
    o->set_label(opt.label);
    o->set_track(opt.end.track());
    if (opt.end.position() != kNoVertex) o->set_target_id(g.position(opt.end.position()).id());

    Vertex ceiling = kNoVertex, top = kNoVertex;
    double entry = kInf;
    for (Vertex v = 0; v < g.num_positions(); ++v) {
      if (!opt.end.Contains(v) || !ws.reached(v)) continue;
      entry = std::min(entry, ws.dist(v));
      auto better = [&](Vertex cur) {
        return cur == kNoVertex || g.pay(v) > g.pay(cur) || (g.pay(v) == g.pay(cur) && ws.dist(v) < ws.dist(cur));
      };
      if (better(top)) top = v;
      if (ws.dist(v) <= horizon + 1e-9 && better(ceiling)) ceiling = v;
    }
    if (entry < kInf) o->set_entry_years(entry);
    if (top != kNoVertex) {
      o->set_top_id(g.position(top).id());
      o->set_top_title(g.position(top).title());
      o->set_top_pay(g.pay(top));
      o->set_top_years(ws.dist(top));
    }
    if (ceiling != kNoVertex) {
      o->set_ceiling_id(g.position(ceiling).id());
      o->set_ceiling_title(g.position(ceiling).title());
      o->set_ceiling_pay(g.pay(ceiling));
      o->set_ceiling_years(ws.dist(ceiling));
    }

    PlanProblem p = *base;
    p.end = opt.end;
    p.commit = true;
    const EarningsSolution best = SolveEarnings(g, p);
    if (!best.found || !best.reaches_end) continue;
    const ExpectedSolution exp = SolveExpected(g, p);
    o->set_reachable(true);
    *o->mutable_best_plan() = MakeEarningsPlan(g, p, best);
    o->set_best_earnings(best.earnings);
    o->set_expected_earnings(exp.value);
    o->set_end_probability(exp.end_probability);
    o->set_best_years_in(best.steps_in_end * step);
    o->set_expected_years_in(exp.expected_steps_in_end * step);

    std::vector<Vertex> held(T + 1);
    std::vector<double> best_cum(T + 1, 0.0), exp_cum(T + 1, 0.0);
    Vertex cur = *from;
    std::size_t k = 0;
    for (std::uint32_t t = 0; t <= T; ++t) {
      while (k < best.moves.size() && best.moves[k].arrival_step <= t) cur = g.target(best.moves[k++].edge);
      held[t] = cur;
      if (t > 0) {
        best_cum[t] = best_cum[t - 1] + step * g.pay(held[t - 1]);
        exp_cum[t] = exp_cum[t - 1] + step * exp.pay[t - 1];
      }
      auto* pt = o->add_series();
      pt->set_year(grid->Year(t));
      pt->set_best_pay(g.pay(cur));
      pt->set_expected_pay(exp.pay[t]);
    }
    auto add_year = [&](double year) {
      const auto t = std::min<std::uint32_t>(T, static_cast<std::uint32_t>(std::floor(year / step + 1e-9)));
      const Vertex v = held[t];
      auto* y = o->add_years();
      y->set_year(year);
      y->set_best_position_id(g.position(v).id());
      y->set_best_title(g.position(v).title());
      y->set_best_level(g.level(v));
      y->set_best_pay(g.pay(v));
      y->set_best_ambiguity(g.ambiguity(v));
      y->set_best_leadership(g.leadership(v));
      y->set_best_cumulative(best_cum[t]);
      y->set_expected_pay(exp.pay[t]);
      y->set_expected_level(exp.level[t]);
      y->set_expected_ambiguity(exp.ambiguity[t]);
      y->set_expected_leadership(exp.leadership[t]);
      y->set_expected_cumulative(exp_cum[t]);
      y->set_in_option_probability(exp.in_end[t]);
    };
    for (double year = 0; year <= horizon + 1e-9; year += 1) add_year(year);
    if (std::fabs(horizon - std::round(horizon)) > 1e-9) add_year(horizon);
  }

  for (int i = 0; i < resp.options_size(); ++i)
    for (int j = i + 1; j < resp.options_size(); ++j) {
      const auto& a = resp.options(i);
      const auto& b = resp.options(j);
      if (!a.reachable() || !b.reachable()) continue;
      AddCrossovers("best", a, b, false, &resp);
      AddCrossovers("expected", a, b, true, &resp);
    }
  const v1::CompareOption* winner = nullptr;
  for (const auto& o : resp.options())
    if (o.reachable() && (!winner || o.expected_earnings() > winner->expected_earnings())) winner = &o;
  if (winner) resp.set_winner(winner->label());
  resp.set_verdict(Verdict(g, resp));
  return resp;
}

}  // namespace careergraph
