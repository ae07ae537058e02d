#include "engine/reach.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "engine/cancel.h"
#include "engine/heap.h"
#include "engine/horizon.h"
#include "engine/label_store.h"
#include "engine/pay_basis.h"
#include "engine/search.h"

namespace careergraph {
namespace {

constexpr double kYearsTol = 1e-9;
constexpr double kRiskTol = 1e-12;
constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);

struct Reached {
  Vertex v = kNoVertex;
  double years = kInf;
  double risk = kInf;       // of the earliest route
  std::uint32_t moves = 0;
  Vertex via = kNoVertex;
  double best_risk = kInf;  // over all routes in the budget (label mode only)
};

// (years, risk, moves) lexicographically, years and risk up to rounding noise.
int LexCompare(double ya, double ra, std::uint32_t ma, double yb, double rb, std::uint32_t mb) {
  if (ya < yb - kYearsTol * std::max(1.0, yb)) return -1;
  if (ya > yb + kYearsTol * std::max(1.0, yb)) return 1;
  if (ra < rb - kRiskTol) return -1;
  if (ra > rb + kRiskTol) return 1;
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

// One Dijkstra in years with the (risk, moves) tie-break in the relaxation.
std::vector<Reached> EarliestSearch(const CareerGraph& g, Vertex s, double limit, const MoveFilter& filter,
                                    std::uint64_t* settled) {
  const Vertex n = g.num_positions();
  std::vector<double> years(n, kInf), risk(n, kInf);
  std::vector<std::uint32_t> moves(n, 0);
  std::vector<Vertex> via(n, kNoVertex);
  std::vector<char> done(n, 0);
  std::vector<Vertex> order;
  QuadHeap heap;
  heap.Resize(n);
  years[s] = 0;
  risk[s] = 0;
  heap.Push(s, 0);
  while (!heap.empty()) {
    const Vertex u = heap.Pop();
    PollCancel();
    done[u] = 1;
    order.push_back(u);
    const double yu = years[u], ru = risk[u];
    const std::uint32_t mu = moves[u] + 1;
    const EdgeId end = g.out_end(u);
    for (EdgeId e = g.out_begin(u); e < end; ++e) {
      const Vertex v = g.target(e);
      if (done[v] || !filter(e)) continue;
      const double ny = yu + g.years(e);
      if (ny > limit) continue;
      const double nr = ru + g.risk(e);
      if (years[v] == kInf || LexCompare(ny, nr, mu, years[v], risk[v], moves[v]) < 0) {
        // Within the years tolerance the key never rises, so the heap stays ordered.
        years[v] = std::min(years[v], ny);
        risk[v] = nr;
        moves[v] = mu;
        via[v] = u;
        heap.Push(v, years[v]);
      }
    }
  }
  *settled += order.size();
  std::vector<Reached> out;
  out.reserve(order.size());
  for (Vertex v : order) out.push_back({v, years[v], risk[v], moves[v], via[v], kInf});
  return out;
}

struct Label {
  double years, risk;
  std::uint32_t moves;
  Vertex v;
  std::uint32_t parent;
  bool dead;
};

// A label as good as another in years, risk and moves (years and risk up to rounding noise)
// makes it unnecessary, either way round.
struct LabelDominance {
  static bool Dominates(const Label& a, const Label& b) {
    return a.years <= b.years + kYearsTol * std::max(1.0, b.years) && a.risk <= b.risk + kRiskTol && a.moves <= b.moves;
  }
  static bool Retires(const Label& a, const Label& b) { return Dominates(a, b); }
};

// Exact label setting over (years, risk, moves) within the budget.
StatusOr<std::vector<Reached>> LabelSearch(const CareerGraph& g, Vertex s, double limit, std::uint32_t max_moves,
                                           const MoveFilter& filter, const ReachLimits& limits, std::uint64_t* settled) {
  const Vertex n = g.num_positions();
  LabelStore<Label, std::tuple<double, double, std::uint32_t>> labels;
  labels.Reset(n);
  std::vector<std::uint32_t> first(n, kNone);
  std::vector<double> best_risk(n, kInf);

  auto insert = [&](const Label& l) {
    if (labels.Insert(l.v, l, {l.years, l.risk, l.moves}, LabelDominance{}))
      best_risk[l.v] = std::min(best_risk[l.v], l.risk);
  };

  insert({0, 0, 0, s, kNone, false});
  for (std::uint32_t id; (id = labels.PopLive()) != kNone;) {
    const Label l = labels[id];
    ++*settled;
    if (labels.size() > limits.max_labels)
      return Status::TooLarge("the reach search exceeded its budget of " + std::to_string(limits.max_labels) +
                              " labels; lower within_years or max_moves, or drop best_probability");
    if (first[l.v] == kNone) first[l.v] = id;
    if (l.moves >= max_moves) continue;
    const EdgeId end = g.out_end(l.v);
    for (EdgeId e = g.out_begin(l.v); e < end; ++e) {
      if (!filter(e)) continue;
      const double ny = l.years + g.years(e);
      if (ny > limit) continue;
      insert({ny, l.risk + g.risk(e), l.moves + 1, g.target(e), id, false});
    }
  }
  std::vector<std::pair<std::uint32_t, Vertex>> order;  // by settling order of the first label
  for (Vertex v = 0; v < n; ++v)
    if (first[v] != kNone) order.push_back({first[v], v});
  std::sort(order.begin(), order.end());
  std::vector<Reached> out;
  out.reserve(order.size());
  for (const auto& [id, v] : order) {
    const Label& l = labels[id];
    out.push_back({v, l.years, l.risk, l.moves, l.parent == kNone ? kNoVertex : labels[l.parent].v, best_risk[v]});
  }
  return out;
}

}  // namespace

StatusOr<v1::ReachResponse> FindReach(const CareerGraph& g, const v1::ReachRequest& req, const ReachLimits& limits) {
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  const double within = req.has_within_years() ? req.within_years() : kDefaultReachYears;
  if (!std::isfinite(within) || within < 0)
    return Status::InvalidArgument("within_years must be >= 0 (0 = no limit); got " + FormatYears(within))
        .WithField("within_years");
  if (within > limits.max_years)
    return Status::TooLarge("within_years " + FormatYears(within) + " exceeds the limit of " +
                            FormatYears(limits.max_years) + " years; use 0 for no limit")
        .WithField("within_years");
  if (req.max_moves() > limits.max_moves)
    return Status::TooLarge("max_moves " + std::to_string(req.max_moves()) + " exceeds the limit of " +
                            std::to_string(limits.max_moves) + "; use 0 for no limit")
        .WithField("max_moves");
  const v1::ReachSort sort = req.sort() == v1::REACH_SORT_UNSPECIFIED ? v1::REACH_SORT_YEARS : req.sort();
  if (sort < v1::REACH_SORT_YEARS || sort > v1::REACH_SORT_PROBABILITY)
    return Status::InvalidArgument("unknown sort " + std::to_string(static_cast<int>(req.sort())) +
                                   "; use years, pay, moves or probability")
        .WithField("sort");
  auto filter = MoveFilter::Make(g, req.constraints(), req.min_leadership(), "reach");
  if (!filter.ok()) return filter.status();

  const double limit = within > 0 ? within + kYearsTol * std::max(1.0, within) : kInf;
  const bool labels = req.max_moves() > 0 || req.best_probability();
  std::uint64_t settled = 0;
  std::vector<Reached> found;
  if (labels) {
    auto r = LabelSearch(g, *from, limit, req.max_moves() > 0 ? req.max_moves() : kNone, *filter, limits, &settled);
    if (!r.ok()) return r.status();
    found = std::move(*r);
  } else {
    found = EarliestSearch(g, *from, limit, *filter, &settled);
  }
  found.erase(std::remove_if(found.begin(), found.end(), [&](const Reached& r) { return r.v == *from; }), found.end());

  auto by_title = [&](const Reached& a, const Reached& b) {
    const auto& ta = g.position(a.v).title();
    const auto& tb = g.position(b.v).title();
    return ta != tb ? ta < tb : a.v < b.v;
  };
  auto cmp = [&](const Reached& a, const Reached& b) {
    switch (sort) {
      case v1::REACH_SORT_PAY:
        // Unknown pay sorts after every known pay (and among itself by years, then title).
        if (Known(g.pay(a.v)) != Known(g.pay(b.v))) return Known(g.pay(a.v));
        if (Known(g.pay(a.v)) && g.pay(a.v) != g.pay(b.v)) return g.pay(a.v) > g.pay(b.v);
        break;
      case v1::REACH_SORT_MOVES:
        if (a.moves != b.moves) return a.moves < b.moves;
        break;
      case v1::REACH_SORT_PROBABILITY: {
        const double ra = labels ? a.best_risk : a.risk, rb = labels ? b.best_risk : b.risk;
        if (std::fabs(ra - rb) > kRiskTol) return ra < rb;
        break;
      }
      default: break;
    }
    if (std::fabs(a.years - b.years) > kYearsTol * std::max(1.0, b.years)) return a.years < b.years;
    return by_title(a, b);
  };
  const std::size_t shown = req.limit() > 0 ? std::min<std::size_t>(req.limit(), found.size()) : found.size();
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(shown), found.end(), cmp);

  v1::ReachResponse resp;
  resp.set_from_id(g.position(*from).id());
  resp.set_from_title(g.position(*from).title());
  SetIfKnown(&resp, &v1::ReachResponse::set_from_pay, g.pay(*from));
  resp.set_within_years(within);
  resp.set_max_moves(req.max_moves());
  resp.set_sort(sort);
  resp.set_reachable(static_cast<std::uint32_t>(found.size()));
  resp.set_best_probability(labels);
  resp.set_graph_version(g.metadata().version());
  resp.set_settled(settled);
  for (std::size_t i = 0; i < shown; ++i) {
    const Reached& r = found[i];
    const auto& p = g.position(r.v);
    auto* out = resp.add_positions();
    out->set_position_id(p.id());
    out->set_title(p.title());
    out->set_track(p.track());
    out->set_org(p.org());
    out->set_level(p.level());
    SetIfKnown(out, &v1::ReachedPosition::set_pay, g.pay(r.v));
    if (Known(g.pay(r.v))) out->set_pay_basis(p.pay_basis());
    SetIfKnown(out, &v1::ReachedPosition::set_pay_change, g.pay(r.v) - g.pay(*from));
    SetIfKnown(out, &v1::ReachedPosition::set_ambiguity, g.ambiguity(r.v));
    SetIfKnown(out, &v1::ReachedPosition::set_leadership, g.leadership(r.v));
    out->set_years(r.years);
    out->set_moves(r.moves);
    out->set_probability(std::exp(-r.risk));
    if (r.via != kNoVertex) {
      out->set_via_id(g.position(r.via).id());
      out->set_via_title(g.position(r.via).title());
    }
    if (labels) out->set_best_probability(std::exp(-r.best_risk));
  }
  if (sort == v1::REACH_SORT_PAY) {
    std::vector<Vertex> ranked_by;
    for (std::size_t i = 0; i < shown; ++i) ranked_by.push_back(found[i].v);
    if (std::string note = RankingPayNote(g, ranked_by, "positions"); !note.empty()) resp.add_pay_notes(note);
  }
  return resp;
}

}  // namespace careergraph
