#include "engine/next_moves.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <unordered_map>

#include "engine/gap.h"
#include "engine/horizon.h"
#include "engine/pay_basis.h"
#include "engine/search.h"

namespace careergraph {
namespace {

struct Ceiling {
  Vertex v = kNoVertex;
  double years = 0;
};

struct Candidate {
  EdgeId e;
  Vertex w;
  Ceiling ceiling;
  double upside;
};

std::string Signed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.*f", decimals, x);
  return buf;
}

std::string Pct(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", p * 100);
  return buf;
}

std::string YearsText(double y) { return FormatYears(y) + (y == 1 ? " year" : " years"); }

std::string RankingRule(v1::NextSort sort, double lookahead) {
  const std::string within = "within " + FormatYears(lookahead) + " years after the move";
  switch (sort) {
    case v1::NEXT_SORT_PAY: return "pay right after the move, highest first; ties: higher probability, fewer years";
    case v1::NEXT_SORT_PROBABILITY: return "success probability, highest first; ties: fewer years, higher pay";
    case v1::NEXT_SORT_YEARS: return "years the move takes, fewest first; ties: higher probability, higher pay";
    case v1::NEXT_SORT_CEILING:
      return "best pay reachable " + within + ", highest first; ties: higher probability, fewer years";
    default:
      return "expected upside = probability x (best pay reachable " + within +
             " - current pay), highest first; ties: higher probability, fewer years, higher pay";
  }
}

}  // namespace

static StatusOr<v1::NextResponse> RankNextMoves(const CareerGraph& g, const v1::NextRequest& req, const NextLimits& limits) {
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  if (req.top() > limits.max_top)
    return Status::TooLarge("top " + std::to_string(req.top()) + " exceeds the limit of " +
                            std::to_string(limits.max_top) + "; use 0 for all moves")
        .WithField("top");
  double lookahead = req.lookahead_years();
  if (!std::isfinite(lookahead) || lookahead < 0)
    return Status::InvalidArgument("lookahead_years must be > 0 (0 = " + FormatYears(limits.default_lookahead_years) +
                                   "); got " + FormatYears(lookahead))
        .WithField("lookahead_years");
  if (lookahead == 0) lookahead = limits.default_lookahead_years;
  if (lookahead > limits.max_lookahead_years)
    return Status::TooLarge("lookahead_years " + FormatYears(lookahead) + " exceeds the limit of " +
                            FormatYears(limits.max_lookahead_years) + " years")
        .WithField("lookahead_years");
  const v1::NextSort sort = req.sort() == v1::NEXT_SORT_UNSPECIFIED ? v1::NEXT_SORT_UPSIDE : req.sort();
  if (sort < v1::NEXT_SORT_UPSIDE || sort > v1::NEXT_SORT_CEILING)
    return Status::InvalidArgument("unknown sort " + std::to_string(static_cast<int>(req.sort())) +
                                   "; use upside, pay, probability, years or ceiling")
        .WithField("sort");
  auto filter = MoveFilter::Make(g, req.constraints(), req.min_leadership(), "next moves");
  if (!filter.ok()) return filter.status();

  const Vertex a = *from;
  const double here = g.pay(a);
  const double bound = lookahead + 1e-9 * std::max(1.0, lookahead);
  thread_local SearchSpace ws;
  std::unordered_map<Vertex, Ceiling> ceilings;
  std::uint64_t settled = 0;
  std::vector<Candidate> cands;
  for (EdgeId e = g.out_begin(a); e < g.out_end(a); ++e) {
    if (!(*filter)(e)) continue;
    const Vertex w = g.target(e);
    auto it = ceilings.find(w);
    if (it == ceilings.end()) {
      settled += ForwardSearch(g, w, kNoVertex, [&](EdgeId x) { return g.years(x); }, *filter, NoPotential{}, ws, bound);
      Ceiling c{w, 0};
      for (Vertex x = 0; x < g.num_positions(); ++x) {
        if (!ws.settled(x) || ws.dist(x) > bound) continue;
        const double d = ws.dist(x);
        // The ceiling is over known pays only: an unknown pay is neither high nor low.
        if (!Known(g.pay(x))) continue;
        if (!Known(g.pay(c.v)) || g.pay(x) > g.pay(c.v) ||
            (g.pay(x) == g.pay(c.v) && (d < c.years || (d == c.years && x < c.v))))
          c = {x, d};
      }
      it = ceilings.emplace(w, c).first;
    }
    cands.push_back({e, w, it->second, g.probability(e) * (g.pay(it->second.v) - here)});
  }

  auto cmp = [&](const Candidate& x, const Candidate& y) {
    const double px = g.probability(x.e), py = g.probability(y.e);
    const double yx = g.years(x.e), yy = g.years(y.e);
    const double cx = g.pay(x.ceiling.v), cy = g.pay(y.ceiling.v);
    auto keys = [&](std::initializer_list<std::pair<double, double>> ks) -> int {
      for (auto [l, r] : ks) {
        // Unknown values (pay, upside) rank below every known one.
        if (!Known(l)) l = -std::numeric_limits<double>::infinity();
        if (!Known(r)) r = -std::numeric_limits<double>::infinity();
        if (l > r) return -1;
        if (l < r) return 1;
      }
      return 0;
    };
    int c = 0;
    switch (sort) {
      case v1::NEXT_SORT_PAY: c = keys({{g.pay(x.w), g.pay(y.w)}, {px, py}, {-yx, -yy}}); break;
      case v1::NEXT_SORT_PROBABILITY: c = keys({{px, py}, {-yx, -yy}, {g.pay(x.w), g.pay(y.w)}}); break;
      case v1::NEXT_SORT_YEARS: c = keys({{-yx, -yy}, {px, py}, {g.pay(x.w), g.pay(y.w)}}); break;
      case v1::NEXT_SORT_CEILING: c = keys({{cx, cy}, {px, py}, {-yx, -yy}}); break;
      default: c = keys({{x.upside, y.upside}, {px, py}, {-yx, -yy}, {g.pay(x.w), g.pay(y.w)}});
    }
    if (c != 0) return c < 0;
    const auto& tx = g.position(x.w).title();
    const auto& ty = g.position(y.w).title();
    return tx != ty ? tx < ty : x.e < y.e;
  };
  std::sort(cands.begin(), cands.end(), cmp);

  v1::NextResponse resp;
  const std::string& currency = g.metadata().currency();
  resp.set_from_id(g.position(a).id());
  resp.set_from_title(g.position(a).title());
  SetIfKnown(&resp, &v1::NextResponse::set_from_pay, here);
  resp.set_lookahead_years(lookahead);
  resp.set_sort(sort);
  resp.set_ranking_rule(RankingRule(sort, lookahead));
  resp.set_moves_total(static_cast<std::uint32_t>(cands.size()));
  resp.set_graph_version(g.metadata().version());
  resp.set_settled(settled);
  const std::size_t shown = req.top() > 0 ? std::min<std::size_t>(req.top(), cands.size()) : cands.size();
  for (std::size_t i = 0; i < shown; ++i) {
    const Candidate& c = cands[i];
    const auto& p = g.position(c.w);
    auto* m = resp.add_moves();
    m->set_rank(static_cast<std::uint32_t>(i + 1));
    m->set_position_id(p.id());
    m->set_title(p.title());
    m->set_track(p.track());
    m->set_org(p.org());
    m->set_level(p.level());
    m->set_kind(g.kind(c.e));
    m->set_years(g.years(c.e));
    m->set_probability(g.probability(c.e));
    SetIfKnown(m, &v1::NextMove::set_pay, g.pay(c.w));
    if (Known(g.pay(c.w))) m->set_pay_basis(p.pay_basis());
    SetIfKnown(m, &v1::NextMove::set_pay_change, g.pay(c.w) - here);
    SetIfKnown(m, &v1::NextMove::set_ambiguity, g.ambiguity(c.w));
    SetIfKnown(m, &v1::NextMove::set_ambiguity_change, g.ambiguity(c.w) - g.ambiguity(a));
    SetIfKnown(m, &v1::NextMove::set_leadership, g.leadership(c.w));
    SetIfKnown(m, &v1::NextMove::set_leadership_change, g.leadership(c.w) - g.leadership(a));
    m->set_ceiling_id(g.position(c.ceiling.v).id());
    m->set_ceiling_title(g.position(c.ceiling.v).title());
    m->set_ceiling_years(c.ceiling.years);
    SetIfKnown(m, &v1::NextMove::set_ceiling_pay, g.pay(c.ceiling.v));
    if (Known(g.pay(c.ceiling.v))) m->set_ceiling_pay_basis(g.position(c.ceiling.v).pay_basis());
    SetIfKnown(m, &v1::NextMove::set_upside, c.upside);

    // Why, in words.
    const double dp = g.pay(c.w) - here;
    if (!Known(dp)) {
      m->add_why(Known(here) ? "pay unknown" : "pay change unknown (the current pay is unknown)");
    } else if (std::llround(dp) == 0) {
      m->add_why("same pay");
    } else {
      std::string w = (dp > 0 ? "+" : "-") + FormatMoney(std::fabs(dp), currency) + " pay";
      if (here > 0) w += " (" + Signed(100 * dp / here, 0) + "%)";
      m->add_why(w);
    }
    m->add_why(Pct(g.probability(c.e)) + " chance, " + YearsText(g.years(c.e)));
    if (!Known(g.pay(c.ceiling.v))) {
      m->add_why("no known pay within " + YearsText(lookahead) + " after it");
    } else if (c.ceiling.v == c.w) {
      m->add_why("nothing better-paid within " + YearsText(lookahead) + " after it");
    } else {
      const v1::PayBasis cb = g.position(c.ceiling.v).pay_basis();
      m->add_why("leads to " + g.position(c.ceiling.v).title() + " (" + FormatMoney(g.pay(c.ceiling.v), currency) +
                 (PayIsOwn(cb) ? "" : ", " + std::string(PayBasisName(cb))) + ") " + YearsText(c.ceiling.years) +
                 " later");
    }
    const double da = g.ambiguity(c.w) - g.ambiguity(a), dl = g.leadership(c.w) - g.leadership(a);
    if (std::fabs(da) >= 0.005) m->add_why((da > 0 ? "more ambiguity (" : "less ambiguity (") + Signed(da, 2) + ")");
    if (std::fabs(dl) >= 0.005)
      m->add_why((dl > 0 ? "closer to leadership (" : "further from leadership (") + Signed(dl, 2) + ")");
    if (g.track_id(c.w) != g.track_id(a)) m->add_why("into track " + p.track());
    if (g.org_id(c.w) != g.org_id(a)) m->add_why("into org " + p.org());
  }
  // The sorts by pay say when a figure that is not a position's own decides the order.
  if (sort == v1::NEXT_SORT_PAY || sort == v1::NEXT_SORT_UPSIDE || sort == v1::NEXT_SORT_CEILING) {
    std::vector<Vertex> ranked_by;
    for (std::size_t i = 0; i < shown; ++i) ranked_by.push_back(sort == v1::NEXT_SORT_PAY ? cands[i].w : cands[i].ceiling.v);
    if (std::string note = RankingPayNote(g, ranked_by, "moves"); !note.empty()) resp.add_pay_notes(note);
  }
  return resp;
}

StatusOr<v1::NextResponse> FindNextMoves(const CareerGraph& g, const v1::NextRequest& req, const NextLimits& limits) {
  auto resp = RankNextMoves(g, req, limits);
  if (resp.ok())
    if (Status s = AnnotateNextGaps(g, req.have(), &*resp); !s.ok()) return s;
  return resp;
}

}  // namespace careergraph
