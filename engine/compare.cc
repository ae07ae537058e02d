#include "engine/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "engine/gap.h"
#include "engine/pay_basis.h"
#include "engine/search.h"
#include "engine/tracks.h"

namespace careergraph {
namespace {

// Pay differences below a cent are ties, not leads.
constexpr double kPayTie = 0.01;

// Whole percent, except that a chance short of certain (or above zero) never reads as
// 100% (or 0%).
std::string Fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Pct(double p) {
  if (p < 1 && p >= 0.9995) return ">99.9%";
  if (p > 0 && p < 0.0005) return "<0.1%";
  char buf[32];
  const bool near_edge = (p < 1 && p >= 0.995) || (p > 0 && p < 0.005);
  std::snprintf(buf, sizeof buf, near_edge ? "%.1f%%" : "%.0f%%", p * 100);
  return buf;
}

struct Option {
  std::string label, name;
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

// The option's position at `level` (else the nearest level below, else above); best paid.
Vertex AtLevel(const CareerGraph& g, const EndSet& end, int level) {
  Vertex best = kNoVertex;
  auto key = [&](Vertex v) {
    const int d = g.level(v) - level;
    const double pay = g.pay(v);  // best paid first; an unknown pay after every known one
    return std::tuple(d == 0 ? 0 : d < 0 ? 1 : 2, std::abs(d), Known(pay) ? -pay : kInf, v);
  };
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (end.Contains(v) && (best == kNoVertex || key(v) < key(best))) best = v;
  return best;
}

// Positions of the option reachable from v without leaving it that pay more than v: how
// far up committing to the option can still take you.
std::uint32_t BetterPaidReachable(const CareerGraph& g, const EndSet& end, Vertex v) {
  std::vector<char> seen(g.num_positions(), 0);
  std::vector<Vertex> stack{v};
  seen[v] = 1;
  std::uint32_t n = 0;
  while (!stack.empty()) {
    const Vertex u = stack.back();
    stack.pop_back();
    if (g.pay(u) > g.pay(v)) ++n;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (!seen[g.target(e)] && end.Contains(g.target(e))) {
        seen[g.target(e)] = 1;
        stack.push_back(g.target(e));
      }
  }
  return n;
}

std::string LevelWords(int d) {
  if (d == 0) return "same level";
  if (d == -1) return "one level down";
  if (d == 1) return "one level up";
  return std::to_string(std::abs(d)) + (d < 0 ? " levels down" : " levels up");
}

std::string Money0(double v, const std::string& cur) { return FormatMoney(v, cur); }

// The entry the best plan takes (the first move into the option), or nullptr.
const v1::CompareEntry* ChosenEntry(const v1::CompareOption& o) {
  const v1::CompareEntry* best = nullptr;
  for (const auto& e : o.entries())
    if (e.within_commit() && e.best_earnings() > 0 &&
        (!best || e.best_earnings() > best->best_earnings() + kPayTie))
      best = &e;
  return best;
}

std::vector<std::string> VerdictLines(const CareerGraph& g, const v1::CompareResponse& resp) {
  const std::string& cur = g.metadata().currency();
  const std::string years = FormatYears(resp.horizon_years());
  std::vector<const v1::CompareOption*> ok;
  for (const auto& o : resp.options())
    if (o.reachable()) ok.push_back(&o);
  std::stable_sort(ok.begin(), ok.end(), [](const v1::CompareOption* a, const v1::CompareOption* b) {
    return a->expected_earnings() > b->expected_earnings();
  });
  std::vector<std::string> lines;
  if (ok.size() < 2) return lines;
  const v1::CompareOption& w = *ok[0];
  const v1::CompareOption& r = *ok[1];
  const v1::CompareOption& bw = r.best_earnings() > w.best_earnings() + kPayTie ? r : w;
  const v1::CompareEntry* we = ChosenEntry(w);
  const v1::CompareEntry* re = ChosenEntry(r);
  auto odds = [](const v1::CompareEntry* e) { return e ? Pct(e->probability()) : std::string("already in"); };
  // 1. The answer.
  if (&bw == &w) {
    std::string s = w.name() + " over " + r.name() + ": it earns more both ways over the next " + years +
                    " years, expected " + Money0(w.expected_earnings(), cur) + " vs " +
                    Money0(r.expected_earnings(), cur) + ", and " + Money0(w.best_earnings(), cur) + " vs " +
                    Money0(r.best_earnings(), cur) + " if every move succeeds.";
    // The winner's harder way in shows in how much of its lead survives the odds.
    if (we && re && we->probability() + 1e-9 < re->probability()) {
      const double best_lead = w.best_earnings() - r.best_earnings();
      const double exp_lead = w.expected_earnings() - r.expected_earnings();
      s += " The switch into " + w.name() + " is the harder one (" + odds(we) + " vs " + odds(re) +
           " per attempt), which cuts its lead from " + Money0(best_lead, cur) + " when every move succeeds to " +
           Money0(exp_lead, cur) + " expected.";
    }
    lines.push_back(s);
  } else {
    lines.push_back(r.name() + " pays more if you get in, but " + w.name() + " is the better bet over the next " +
                    years + " years: expected earnings " + Money0(w.expected_earnings(), cur) + " vs " +
                    Money0(r.expected_earnings(), cur) + ", because the switch into " + r.name() +
                    " is the harder one (" + odds(re) + " vs " + odds(we) + " per attempt); when every move succeeds " +
                    r.name() + " earns " + Money0(r.best_earnings(), cur) + " vs " + Money0(w.best_earnings(), cur) + ".");
  }
  // 2. Pay at the same level.
  if (!w.pay_by_level().empty() && !r.pay_by_level().empty()) {
    std::vector<int> shared;
    for (const auto& [lvl, pay] : w.pay_by_level())
      if (r.pay_by_level().count(lvl)) shared.push_back(lvl);
    std::sort(shared.begin(), shared.end());
    if (!shared.empty()) {
      int w_more = 0, r_more = 0;
      for (int l : shared) {
        const double d = w.pay_by_level().at(l) - r.pay_by_level().at(l);
        w_more += d > kPayTie;
        r_more += d < -kPayTie;
      }
      const v1::CompareOption& hi = r_more > w_more ? r : w;
      const v1::CompareOption& lo = &hi == &w ? r : w;
      double dmin = 1e300, dmax = -1e300, pmin = 1e300, pmax = -1e300;
      for (int l : shared) {
        const double d = hi.pay_by_level().at(l) - lo.pay_by_level().at(l);
        const double pc = lo.pay_by_level().at(l) > 0 ? d / lo.pay_by_level().at(l) : 0;
        dmin = std::min(dmin, d), dmax = std::max(dmax, d), pmin = std::min(pmin, pc), pmax = std::max(pmax, pc);
      }
      const int count = std::max(w_more, r_more);
      const std::string span = shared.size() == 1 ? "level " + std::to_string(shared[0])
                                                  : "levels " + std::to_string(shared.front()) + "-" +
                                                        std::to_string(shared.back());
      std::string s = "Pay at the same level: " + hi.name() + " pays more at " +
                      (count == static_cast<int>(shared.size()) ? "every level they share (" + span + ")"
                                                                : std::to_string(count) + " of the " +
                                                                      std::to_string(shared.size()) + " levels they share (" +
                                                                      span + ")");
      if (count == static_cast<int>(shared.size()))
        s += ", by " + Money0(dmin, cur) + (dmax - dmin > 0.5 ? " to " + Money0(dmax, cur) : "") + " (" + Pct(pmin) +
             (Pct(pmax) != Pct(pmin) ? " to " + Pct(pmax) : "") + ")";
      if (hi.same_level().has_pay() && lo.same_level().has_pay())
        s += "; at your level " + hi.same_level().title() + " " + Money0(hi.same_level().pay(), cur) + " vs " +
             lo.same_level().title() + " " + Money0(lo.same_level().pay(), cur);
      lines.push_back(s + ".");
    }
  }
  // 3. Getting in.
  auto ways = [&](const v1::CompareOption& o) {
    std::string s;
    int n = 0;
    for (const auto& e : o.entries()) {
      if (!e.within_commit() || n == 3) continue;
      s += std::string(n++ ? ", " : "") + e.entry_title() + " (" + LevelWords(e.level_change()) +
           (e.moves() > 1 ? ", via " + e.via_title() : "") + ") " + Pct(e.probability()) + " in " +
           FormatYears(e.years()) + (e.years() == 1 ? " year" : " years");
    }
    return s.empty() ? std::string("already in it") : s;
  };
  {
    std::string s = "Getting in from " + resp.from_title() + ": " + r.name() + ": " + ways(r) + "; " + w.name() +
                    ": " + ways(w) + ".";
    if (we && re && std::fabs(we->probability() - re->probability()) > 1e-9) {
      const v1::CompareOption& harder = re->probability() < we->probability() ? r : w;
      const v1::CompareEntry* he = &harder == &r ? re : we;
      s += " The best plan into " + harder.name() +
           (he->entry_title() == harder.name() ? "" : " (as " + he->entry_title() + ")") + " is the harder switch.";
    }
    lines.push_back(s);
  }
  // 4. Earnings and what the best plans take.
  lines.push_back("Earnings over " + years + " years: expected " + w.name() + " " + Money0(w.expected_earnings(), cur) +
                  " vs " + r.name() + " " + Money0(r.expected_earnings(), cur) + "; best case " +
                  Money0(w.best_earnings(), cur) + " vs " + Money0(r.best_earnings(), cur) + " (entering as " +
                  (we ? we->entry_title() : resp.from_title()) + " vs " + (re ? re->entry_title() : resp.from_title()) + ").");
  // 5. Pay at the horizon and the ceiling beyond it.
  {
    std::string s = "Pay at year " + years + " on the best plans " + Money0(w.best_plan().end_pay(), cur) + " vs " +
                    Money0(r.best_plan().end_pay(), cur);
    if (!w.top_title().empty() && !r.top_title().empty())
      s += "; ceiling beyond: " + w.top_title() + " " + Money0(w.top_pay(), cur) + " vs " + r.top_title() + " " +
           Money0(r.top_pay(), cur);
    lines.push_back(s + ".");
  }
  // 6. Ambiguity and leadership at the same level.
  if (!w.same_level().title().empty() && !r.same_level().title().empty() && w.same_level().has_ambiguity() &&
      r.same_level().has_ambiguity() && w.same_level().has_leadership() && r.same_level().has_leadership()) {
    const auto& a = w.same_level();
    const auto& b = r.same_level();
    std::string s = "At the same level: ambiguity " + Fixed2(a.ambiguity()) + " vs " + Fixed2(b.ambiguity()) +
                    ", leadership proximity " + Fixed2(a.leadership()) + " vs " + Fixed2(b.leadership()) + " (" +
                    a.title() + " vs " + b.title() + ")";
    const bool amb = std::fabs(a.ambiguity() - b.ambiguity()) > 1e-9, lead = std::fabs(a.leadership() - b.leadership()) > 1e-9;
    if (amb || lead) {
      const std::string more_amb = a.ambiguity() > b.ambiguity() ? w.name() : r.name();
      const std::string closer = a.leadership() > b.leadership() ? w.name() : r.name();
      if (amb && lead && more_amb == closer)
        s += ": " + more_amb + " carries more ambiguity and sits closer to leadership";
      else
        s += std::string(": ") + (amb ? more_amb + " carries more ambiguity" : "") + (amb && lead ? ", " : "") +
             (lead ? closer + " sits closer to leadership" : "");
    }
    lines.push_back(s + ".");
    lines.push_back("Upward mobility, staying in the option: " + std::to_string(a.better_paid_reachable()) +
                    " better-paid positions above " + a.title() + ", " + std::to_string(b.better_paid_reachable()) +
                    " above " + b.title() + ".");
  }
  for (std::size_t i = 2; i < ok.size(); ++i)
    lines.push_back("Then " + ok[i]->name() + ": expected " + Money0(ok[i]->expected_earnings(), cur) + ", best case " +
                    Money0(ok[i]->best_earnings(), cur) + ".");
  for (const auto& o : resp.options())
    if (!o.reachable())
      lines.push_back(o.name() + (o.top_id().empty() ? " cannot be reached from " + resp.from_title()
                                                     : " cannot be entered within the horizon (" +
                                                           FormatYears(o.entry_years()) + " years at the quickest)") +
                      ".");
  return lines;
}

}  // namespace

static StatusOr<v1::CompareResponse> CompareWithoutGaps(const CareerGraph& g, const v1::CompareRequest& req,
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
  if (!(req.commit_by_years() >= 0) || !std::isfinite(req.commit_by_years()))
    return Status::InvalidArgument("commit_by_years must be a number of years >= 0 (0 = the default)")
        .WithField("commit_by_years");
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
      o.name = TrackDisplayName(g, *t);
      o.end = EndSet::Track(g, *t);
    } else {
      auto v = g.index().Resolve(req.targets(i), field);
      if (!v.ok()) return v.status();
      o.label = g.position(*v).title();
      o.name = o.label;
      o.end = EndSet::Position(g, *v);
    }
    if (!seen.insert(o.label).second)
      return Status::InvalidArgument("option '" + o.label + "' is given twice").WithField(field);
    options.push_back(std::move(o));
  }

  auto base = MakePlanProblem(g, *from, *grid, *filter, EndSet(), limits.plan.horizon);
  if (!base.ok()) return base.status();
  CAREERGRAPH_RETURN_IF_ERROR(RequireReachablePay(g, *base));
  const std::uint32_t T = grid->steps();
  const double step = grid->step(), horizon = grid->horizon();

  // Fastest real years to everything, for ceilings and tops.
  SearchSpace ws;
  ForwardSearch(g, *from, kNoVertex, [&](EdgeId e) { return g.years(e); }, *filter, NoPotential{}, ws);

  v1::CompareResponse resp;
  resp.set_from_id(g.position(*from).id());
  resp.set_from_title(g.position(*from).title());
  resp.set_from_pay(g.pay(*from));  // known: the plans below need every reachable pay
  resp.set_from_level(g.level(*from));
  resp.set_from_label(LevelLabelOf(g, *from));
  resp.set_horizon_years(horizon);
  resp.set_step_years(step);
  resp.set_graph_version(g.metadata().version());
  resp.set_rounded_transitions(base->edges.rounded);

  for (const auto& opt : options) {
    auto* o = resp.add_options();
    o->set_label(opt.label);
    o->set_name(opt.name);
    o->set_track(opt.end.track());
    if (opt.end.position() != kNoVertex) o->set_target_id(g.position(opt.end.position()).id());

    Vertex ceiling = kNoVertex, top = kNoVertex;
    double entry = kInf;
    for (Vertex v = 0; v < g.num_positions(); ++v) {
      if (!opt.end.Contains(v) || !ws.reached(v)) continue;
      entry = std::min(entry, ws.dist(v));
      if (!Known(g.pay(v))) continue;  // beyond the horizon; tops are over known pays
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
      o->set_top_pay_basis(g.position(top).pay_basis());
      o->set_top_years(ws.dist(top));
    }
    if (ceiling != kNoVertex) {
      o->set_ceiling_id(g.position(ceiling).id());
      o->set_ceiling_title(g.position(ceiling).title());
      o->set_ceiling_pay(g.pay(ceiling));
      o->set_ceiling_pay_basis(g.position(ceiling).pay_basis());
      o->set_ceiling_years(ws.dist(ceiling));
    }

    // Like for like: the option at the start's level, and its pay by level.
    if (const Vertex lv = AtLevel(g, opt.end, g.level(*from)); lv != kNoVertex) {
      auto* sl = o->mutable_same_level();
      sl->set_position_id(g.position(lv).id());
      sl->set_title(g.position(lv).title());
      sl->set_level(g.level(lv));
      sl->set_level_label(LevelLabelOf(g, lv));
      SetIfKnown(sl, &v1::CompareLevel::set_pay, g.pay(lv));
      SetIfKnown(sl, &v1::CompareLevel::set_ambiguity, g.ambiguity(lv));
      SetIfKnown(sl, &v1::CompareLevel::set_leadership, g.leadership(lv));
      sl->set_better_paid_reachable(BetterPaidReachable(g, opt.end, lv));
    }
    if (!opt.end.track().empty())
      for (Vertex v = 0; v < g.num_positions(); ++v)
        if (opt.end.Contains(v) && Known(g.pay(v))) {
          auto& m = *o->mutable_pay_by_level();
          auto it = m.find(g.level(v));
          if (it == m.end() || g.pay(v) > it->second) m[g.level(v)] = g.pay(v);
        }

    PlanProblem p = *base;
    p.end = opt.end;
    p.commit = true;
    EarningsSolution best = SolveEarnings(g, p);
    if (!best.found || !best.reaches_end) continue;

    // Every distinct way in: the quickest route to a position outside the option, then one
    // move in. Each one held by commit_by_years is planned: enter that way, then the best
    // plan that stays in the option; the best of them is the option's best plan.
    struct Way {
      Vertex via, entry;
      EdgeId edge;
      std::vector<EdgeId> path;  // from the start, the move in last
      double years, probability;
    };
    std::vector<Way> ways;
    if (opt.end.Contains(*from)) {
      ways.push_back(Way{*from, *from, kNoEdge, {}, 0, 1});
    } else {
      for (Vertex b = 0; b < g.num_positions(); ++b) {
        if (!opt.end.Contains(b) || !filter->VertexOk(b)) continue;
        g.ForEachInEdge(b, [&](EdgeId e) {
          const Vertex a = g.source(e);
          if (opt.end.Contains(a) || !ws.reached(a) || !(*filter)(e)) return;
          Way w{a, b, e, {e}, ws.dist(a) + g.years(e), g.probability(e)};
          for (Vertex u = a; u != *from;) {
            const EdgeId pe = ws.pred(u);
            if (pe == kNoEdge) return;
            u = g.source(pe);
            if (opt.end.Contains(u)) return;  // passes through the option: another way in
            w.path.push_back(pe);
            w.probability *= g.probability(pe);
          }
          std::reverse(w.path.begin(), w.path.end());
          ways.push_back(std::move(w));
        });
      }
    }
    std::sort(ways.begin(), ways.end(), [&](const Way& a, const Way& b) {
      return std::tuple(a.years, -a.probability, g.position(a.entry).id(), g.position(a.via).id()) <
             std::tuple(b.years, -b.probability, g.position(b.entry).id(), g.position(b.via).id());
    });
    if (ways.size() > 12) ways.resize(12);
    const double quickest = ways.empty() ? 0 : ways.front().years;
    const double commit_by =
        std::min(horizon, req.commit_by_years() > 0 ? req.commit_by_years() : std::max(3.0, quickest));
    o->set_commit_by_years(commit_by);
    EarningsSolution chosen;
    for (const Way& w : ways) {
      auto* en = o->add_entries();
      en->set_via_id(g.position(w.via).id());
      en->set_via_title(g.position(w.via).title());
      en->set_entry_id(g.position(w.entry).id());
      en->set_entry_title(g.position(w.entry).title());
      en->set_entry_label(LevelLabelOf(g, w.entry));
      en->set_level_change(g.level(w.entry) - g.level(*from));
      en->set_years(w.years);
      en->set_probability(w.probability);
      en->set_pay_change(g.pay(w.entry) - g.pay(*from));
      en->set_moves(static_cast<std::uint32_t>(w.path.size()));
      en->set_within_commit(w.years <= commit_by + 1e-9);
      if (!en->within_commit()) continue;
      // The route in, on the grid.
      EarningsSolution s;
      std::uint32_t at = 0;
      bool fits = true;
      for (EdgeId e : w.path) {
        const std::uint32_t d = p.edges.steps[e];
        if (d == EdgeSteps::kNever || at + d > T) {
          fits = false;
          break;
        }
        s.earnings += d * step * g.pay(g.source(e));
        at += d;
        s.moves.push_back(TimedMove{e, at});
      }
      if (!fits) continue;
      // Then the best plan that stays in the option for the rest of the horizon.
      if (at < T) {
        auto rest_grid = TimeGrid::Make((T - at) * step, step, limits.plan.horizon);
        if (!rest_grid.ok()) continue;
        auto rest = MakePlanProblem(g, w.entry, *rest_grid, *filter, opt.end, limits.plan.horizon);
        if (!rest.ok()) continue;
        rest->commit = true;
        const EarningsSolution after = SolveEarnings(g, *rest);
        if (!after.found) continue;
        s.earnings += after.earnings;
        for (const TimedMove& m : after.moves) s.moves.push_back(TimedMove{m.edge, m.arrival_step + at});
      }
      s.found = s.reaches_end = true;
      s.steps_in_end = T - at;
      en->set_best_earnings(s.earnings);
      const Vertex last = s.moves.empty() ? *from : g.target(s.moves.back().edge);
      en->set_end_pay(g.pay(last));
      if (!chosen.found || s.earnings > chosen.earnings + kPayTie) chosen = std::move(s);
    }
    if (chosen.found) best = std::move(chosen);
    p.commit_by_step = static_cast<std::uint32_t>(std::floor(commit_by / p.grid.step() + 1e-9));
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
      SetIfKnown(y, &v1::CompareYear::set_best_ambiguity, g.ambiguity(v));
      SetIfKnown(y, &v1::CompareYear::set_best_leadership, g.leadership(v));
      y->set_best_cumulative(best_cum[t]);
      y->set_expected_pay(exp.pay[t]);
      y->set_expected_level(exp.level[t]);
      SetIfKnown(y, &v1::CompareYear::set_expected_ambiguity, exp.ambiguity[t]);
      SetIfKnown(y, &v1::CompareYear::set_expected_leadership, exp.leadership[t]);
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
  for (auto& line : VerdictLines(g, resp)) resp.add_verdict_lines(std::move(line));
  resp.set_verdict(resp.verdict_lines_size() ? resp.verdict_lines(0) : Verdict(g, resp));
  // The ceilings and tops are chosen by pay, and the best plans earn it.
  std::vector<Vertex> used;
  for (const auto& o : resp.options()) {
    for (const std::string* id : {&o.ceiling_id(), &o.top_id()})
      if (const std::uint32_t v = g.index().FindId(*id); v != PositionIndex::kNotFound) used.push_back(v);
    for (const auto& st : o.best_plan().steps())
      if (const std::uint32_t v = g.index().FindId(st.position_id()); v != PositionIndex::kNotFound) used.push_back(v);
  }
  if (std::string note = FigurePayNote(g, used, "the options' ceilings and plans"); !note.empty())
    resp.add_pay_notes(note);
  return resp;
}

StatusOr<v1::CompareResponse> CompareOptions(const CareerGraph& g, const v1::CompareRequest& req,
                                             const CompareLimits& limits) {
  auto resp = CompareWithoutGaps(g, req, limits);
  if (resp.ok())
    if (Status s = AnnotateCompareGaps(g, req.have(), &*resp); !s.ok()) return s;
  return resp;
}

}  // namespace careergraph
