#include "engine/plan.h"

#include "engine/cancel.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "engine/cost.h"
#include "engine/gap.h"
#include "engine/pay_basis.h"
#include "engine/route.h"
#include "engine/search.h"
#include "engine/tracks.h"

namespace careergraph {
namespace {

// Earnings are sums of pay x step in different orders along different paths; values this
// close are the same plan value and the tie-break (fewer moves) decides.
bool Better(double a, double b) { return a > b + 1e-9 * std::max(1.0, std::fabs(b)); }
// The first criterion of EXPECTED with a finish: a probability, or an expected number of
// steps (<= T); both are sums of products, with rounding noise far below this.
bool PrimaryBetter(double a, double b) { return a > b + 1e-12 * std::max(1.0, std::fabs(b)); }

SearchSpace& PlanSearchSpace() {
  thread_local SearchSpace ws;
  return ws;
}

template <typename T>
std::uint64_t Bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// Earliest step each position can be held from p.from on the grid (kNever if not by T).
std::vector<std::uint32_t> EarliestSteps(const CareerGraph& g, const PlanProblem& p, std::uint64_t* settled) {
  const auto& es = p.edges.steps;
  SearchSpace& ws = PlanSearchSpace();
  const double T = p.grid.steps();
  *settled += ForwardSearch(
      g, p.from, kNoVertex, [&](EdgeId e) { return static_cast<double>(es[e]); },
      [&](EdgeId e) { return es[e] != EdgeSteps::kNever; }, NoPotential{}, ws, T);
  std::vector<std::uint32_t> out(g.num_positions(), ExpectedSolution::kNever);
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (ws.settled(v) && ws.dist(v) <= T) out[v] = static_cast<std::uint32_t>(ws.dist(v));
  return out;
}

// The fewest grid steps from each position into the end set, every move succeeding, over
// the allowed moves (kNever where no way in exists): a backward search from the set.
std::vector<std::uint32_t> StepsToEnd(const CareerGraph& g, const PlanProblem& p) {
  const auto& es = p.edges.steps;
  std::vector<std::uint32_t> d(g.num_positions(), ExpectedSolution::kNever);
  using Item = std::pair<std::uint32_t, Vertex>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (p.end.Contains(v)) d[v] = 0, q.push({0, v});
  while (!q.empty()) {
    const auto [dv, v] = q.top();
    q.pop();
    if (dv != d[v]) continue;
    PollCancel();
    for (EdgeId k = g.in_begin(v); k < g.in_end(v); ++k) {
      const EdgeId e = g.in_edge(k);
      if (es[e] == EdgeSteps::kNever) continue;
      const Vertex u = g.in_source(k);
      if (p.end.Contains(u)) continue;
      const std::uint32_t du = dv + es[e];
      if (du < d[u]) d[u] = du, q.push({du, u});
    }
  }
  return d;
}

}  // namespace

// A plan weighs pay wherever it may go: every position it can reach by the horizon needs one.
Status RequireReachablePay(const CareerGraph& g, const PlanProblem& p) {
  if (g.unknown_count(Attribute::kPay) == 0) return Status::Ok();
  std::uint64_t settled = 0;
  const auto earliest = EarliestSteps(g, p, &settled);
  std::vector<Vertex> reached;
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (earliest[v] != ExpectedSolution::kNever) reached.push_back(v);
  return g.RequireKnown(Attribute::kPay, "a plan", "goal", reached);
}

namespace {

void FillStep(const CareerGraph& g, Vertex v, v1::PlanStep* s) {
  const auto& pos = g.position(v);
  s->set_position_id(pos.id());
  s->set_title(pos.title());
  s->set_track(pos.track());
  s->set_level(pos.level());
  s->set_level_label(LevelLabelOf(g, v));
  s->set_pay(g.pay(v));
  s->set_pay_basis(pos.pay_basis());
  SetIfKnown(s, &v1::PlanStep::set_ambiguity, g.ambiguity(v));
  SetIfKnown(s, &v1::PlanStep::set_leadership, g.leadership(v));
}

}  // namespace

StatusOr<PlanProblem> MakePlanProblem(const CareerGraph& g, Vertex from, const TimeGrid& grid, const MoveFilter& filter,
                                      const EndSet& end, const HorizonLimits& limits) {
  const std::uint64_t states = static_cast<std::uint64_t>(g.num_positions()) * (grid.steps() + 1);
  if (states > limits.max_states)
    return Status::TooLarge(std::to_string(g.num_positions()) + " positions x " + std::to_string(grid.steps() + 1) +
                            " time steps = " + std::to_string(states) + " states exceeds the limit of " +
                            std::to_string(limits.max_states) + "; use a coarser step or a shorter horizon")
        .WithField("step_years");
  PlanProblem p;
  p.from = from;
  p.grid = grid;
  p.filter = filter;
  p.end = end;
  p.edges = EdgeSteps::Make(g, grid, filter);
  return p;
}

// ---------------------------------------------------------------------------------------
// EARNINGS: forward DP over (position, step).

EarningsSolution SolveEarnings(const CareerGraph& g, const PlanProblem& p) {
  EarningsSolution out;
  const std::size_t n = g.num_positions();
  const std::uint32_t T = p.grid.steps();
  const std::uint32_t R = std::max<std::uint32_t>(p.edges.max_steps, 1) + 1;  // ring of steps t .. t+D
  const double step = p.grid.step();
  const auto& es = p.edges.steps;

  const bool commit = p.commit && !p.end.any();
  std::vector<double> F(R * n, -kInf);         // best earnings on arrival at (v, t)
  std::vector<std::uint16_t> M(R * n, 0);      // moves of that plan (tie-break)
  std::vector<std::uint16_t> H(commit ? R * n : 0);  // steps held in the end set (commit)
  std::vector<EdgeId> pred;                    // edge into (v, t), kNoEdge = stayed since t-1
  AssignCancellable(pred, std::size_t{T + 1} * n, EdgeId{});
  std::vector<std::vector<Vertex>> active(R);  // positions held at step t, per ring slot

  // (held, earnings, -moves) lexicographically; held only counts when committing.
  auto better = [&](std::uint16_t h, double f, std::uint16_t m, std::size_t i) {
    if (commit && h != H[i]) return h > H[i];
    if (Better(f, F[i])) return true;
    if (Better(F[i], f)) return false;
    return m < M[i];
  };
  auto relax = [&](Vertex w, std::uint32_t t2, double val, std::uint16_t held, std::uint16_t mv, EdgeId how) {
    const std::uint32_t slot = t2 % R;
    const std::size_t i = slot * n + w;
    if (F[i] == -kInf) {
      active[slot].push_back(w);
    } else if (!better(held, val, mv, i)) {
      return;
    }
    F[i] = val;
    M[i] = mv;
    if (commit) H[i] = held;
    pred[t2 * n + w] = how;
  };

  F[p.from] = 0;
  active[0].push_back(p.from);
  pred[p.from] = kNoEdge;
  for (std::uint32_t t = 0; t < T; ++t) {
    const std::uint32_t slot = t % R;
    auto& list = active[slot];
    for (Vertex v : list) {
      PollCancel();
      const double f = F[slot * n + v];
      const std::uint16_t mv = M[slot * n + v];
      const std::uint16_t h = commit ? H[slot * n + v] : 0;
      const bool in = commit && p.end.Contains(v);
      const double rate = step * g.pay(v);
      relax(v, t + 1, f + rate, static_cast<std::uint16_t>(h + in), mv, kNoEdge);
      const EdgeId end = g.out_end(v);
      for (EdgeId e = g.out_begin(v); e < end; ++e) {
        const std::uint32_t d = es[e];
        if (t + d > T) continue;  // also filtered edges: kNever exceeds any horizon
        relax(g.target(e), t + d, f + d * rate, static_cast<std::uint16_t>(h + (in ? d : 0)),
              static_cast<std::uint16_t>(mv + 1), e);
      }
    }
    out.states += list.size();
    for (Vertex v : list) F[slot * n + v] = -kInf;
    list.clear();
  }

  const std::uint32_t last = T % R;
  out.states += active[last].size();
  // Committing, the horizon itself counts as one more point held, so arriving exactly at
  // the horizon still beats never arriving.
  if (commit)
    for (Vertex v : active[last]) H[last * n + v] = static_cast<std::uint16_t>(H[last * n + v] + p.end.Contains(v));
  Vertex best = kNoVertex;
  for (Vertex v : active[last]) {
    if (!commit && !p.end.Contains(v)) continue;
    const std::size_t i = last * n + v;
    if (best == kNoVertex) {
      best = v;
      continue;
    }
    const std::size_t b = last * n + best;
    if (better(commit ? H[i] : 0, F[i], M[i], b) ||
        (!better(commit ? H[b] : 0, F[b], M[b], i) && v < best))
      best = v;
  }
  out.work_bytes = Bytes(F) + Bytes(M) + Bytes(H) + Bytes(pred) + Bytes(es);
  for (const auto& a : active) out.work_bytes += Bytes(a);
  if (best == kNoVertex) return out;
  out.found = true;
  out.earnings = F[last * n + best];
  out.reaches_end = p.end.Contains(best) || (commit && H[last * n + best] > 0);
  out.steps_in_end = commit ? H[last * n + best] - (p.end.Contains(best) ? 1 : 0) : 0;
  Vertex v = best;
  for (std::uint32_t t = T; t > 0;) {
    const EdgeId e = pred[t * n + v];
    if (e == kNoEdge) {
      --t;
      continue;
    }
    out.moves.push_back({e, t});
    t -= es[e];
    v = g.source(e);
  }
  std::reverse(out.moves.begin(), out.moves.end());
  return out;
}

v1::EarningsPlan MakeEarningsPlan(const CareerGraph& g, const PlanProblem& p, const EarningsSolution& s) {
  v1::EarningsPlan plan;
  const double step = p.grid.step();
  const std::uint32_t T = p.grid.steps();
  std::vector<std::pair<Vertex, const TimedMove*>> held = {{p.from, nullptr}};
  for (const auto& m : s.moves) held.push_back({g.target(m.edge), &m});
  double prob = 1;
  for (std::size_t i = 0; i < held.size(); ++i) {
    auto* st = plan.add_steps();
    FillStep(g, held[i].first, st);
    const TimedMove* m = held[i].second;
    const std::uint32_t arrival = m ? m->arrival_step : 0;
    if (m) {
      const std::uint32_t d = p.edges.steps[m->edge];
      st->set_kind(g.kind(m->edge));
      st->set_move_years(g.years(m->edge));
      st->set_move_steps(d);
      st->set_move_probability(g.probability(m->edge));
      st->set_start_step(arrival - d);
      st->set_start_year(p.grid.Year(arrival - d));
      prob *= g.probability(m->edge);
    } else {
      st->set_move_probability(1.0);
    }
    st->set_arrival_step(arrival);
    st->set_arrival_year(p.grid.Year(arrival));
    const std::uint32_t until = i + 1 < held.size() ? held[i + 1].second->arrival_step : T;
    st->set_years_held((until - arrival) * step);
    st->set_earnings(g.pay(held[i].first) * (until - arrival) * step);
  }
  plan.set_total_earnings(s.earnings);
  plan.set_stay_earnings(g.pay(p.from) * p.grid.horizon());
  plan.set_moves(static_cast<std::uint32_t>(s.moves.size()));
  plan.set_probability(prob);
  plan.set_end_pay(g.pay(held.back().first));
  return plan;
}

// ---------------------------------------------------------------------------------------
// EXPECTED: backward induction, then the policy's Markov chain forward.

ExpectedSolution SolveExpected(const CareerGraph& g, const PlanProblem& p) {
  ExpectedSolution out;
  const std::size_t n = g.num_positions();
  const std::uint32_t T = p.grid.steps();
  const std::uint32_t R = std::max<std::uint32_t>(p.edges.max_steps, 1) + 1;
  const double step = p.grid.step();
  const auto& es = p.edges.steps;
  const bool has_end = !p.end.any();
  const bool commit = has_end && p.commit;
  out.n = static_cast<std::uint32_t>(n);
  out.T = T;
  out.earliest = EarliestSteps(g, p, &out.states);

  // Positions in order of earliest step: those holdable by t are a prefix.
  std::vector<Vertex> order;
  for (Vertex v = 0; v < n; ++v)
    if (out.earliest[v] != ExpectedSolution::kNever) order.push_back(v);
  std::stable_sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return out.earliest[a] < out.earliest[b]; });
  auto prefix = [&](std::uint32_t t) {
    return static_cast<std::size_t>(
        std::upper_bound(order.begin(), order.end(), t, [&](std::uint32_t x, Vertex v) { return x < out.earliest[v]; }) -
        order.begin());
  };

  AssignCancellable(out.action, std::size_t{T} * n, kNoEdge);
  AssignCancellable(out.value_at, std::size_t{T} * n, 0.0f);
  // Committing: the steps into the end set from each position, and the deadline N.
  const std::vector<std::uint32_t> to_end = commit ? StepsToEnd(g, p) : std::vector<std::uint32_t>();
  const std::uint32_t deadline = p.commit_by_step > 0 ? std::min(p.commit_by_step, T) : T;
  std::uint64_t ring_bytes = 0;
  {
    std::vector<double> V(R * n, 0.0), P(has_end ? R * n : 0, 0.0);
    ring_bytes = Bytes(V) + Bytes(P);
    // Finishing: P(v, T) = 1 in the set. Committing: the horizon counts as one more point
    // held (as in SolveEarnings), so the same terminal values serve both.
    if (has_end) {
      const std::size_t base = (T % R) * n;
      for (std::size_t i = 0, k = prefix(T); i < k; ++i) P[base + order[i]] = p.end.Contains(order[i]) ? 1.0 : 0.0;
    }
    for (std::uint32_t t = T; t-- > 0;) {
      const std::size_t cur = (t % R) * n, next = ((t + 1) % R) * n;
      const std::size_t k = prefix(t);
      out.states += k;
      for (std::size_t i = 0; i < k; ++i) {
        PollCancel();
        const Vertex v = order[i];
        const double rate = step * g.pay(v);
        const bool inside = commit && p.end.Contains(v);
        const double in = inside ? 1.0 : 0.0;
        double bv = rate + V[next + v];
        double bp = has_end ? in + P[next + v] : 1.0;
        EdgeId act = kNoEdge;
        const EdgeId end = g.out_end(v);
        if (commit) {
          // Committed: inside, stay or move within the set; outside, attempt a move that keeps
          // a way in open by the deadline, or, once failures have put the deadline out of
          // reach, a move on a quickest way in from here; stay only when no way in is left.
          // Expected earnings decide.
          const std::uint32_t to_in = to_end[v];
          const std::uint32_t by = to_in == ExpectedSolution::kNever ? 0 : std::max(deadline, t + to_in);
          bool staying = true;
          for (EdgeId e = g.out_begin(v); e < end; ++e) {
            const std::uint32_t d = es[e];
            if (d == EdgeSteps::kNever || t + d > T) continue;
            const Vertex w = g.target(e);
            if (inside ? !p.end.Contains(w) : (to_end[w] == ExpectedSolution::kNever || t + d + to_end[w] > by))
              continue;
            const std::size_t there = ((t + d) % R) * n;
            const double pr = g.probability(e);
            const double cv = d * rate + pr * V[there + w] + (1 - pr) * V[there + v];
            if (!inside && staying ? true : Better(cv, bv)) {
              bv = cv;
              bp = d * in + pr * P[there + w] + (1 - pr) * P[there + v];
              act = e;
              staying = false;
            }
          }
          V[cur + v] = bv;
          P[cur + v] = bp;
          out.action[t * n + v] = act;
          out.value_at[t * n + v] = static_cast<float>(bv);
          continue;
        }
        for (EdgeId e = g.out_begin(v); e < end; ++e) {
          const std::uint32_t d = es[e];
          if (t + d > T) continue;
          const std::size_t there = ((t + d) % R) * n;
          const Vertex w = g.target(e);
          const double pr = g.probability(e);
          const double cv = d * rate + pr * V[there + w] + (1 - pr) * V[there + v];
          const double cp = has_end ? d * in + pr * P[there + w] + (1 - pr) * P[there + v] : 1.0;
          // Lexicographic: a clearly better first criterion wins; equal ones go by pay.
          const bool take = has_end && PrimaryBetter(cp, bp)   ? true
                            : has_end && PrimaryBetter(bp, cp) ? false
                                                           : Better(cv, bv);
          if (take) {
            bv = cv;
            bp = cp;
            act = e;
          }
        }
        V[cur + v] = bv;
        if (has_end) P[cur + v] = bp;
        out.action[t * n + v] = act;
        out.value_at[t * n + v] = static_cast<float>(bv);
      }
    }
    out.value = V[p.from];  // slot 0
    if (commit) out.expected_steps_in_end = P[p.from];
    out.end_probability = has_end && !commit ? P[p.from] : 1.0;
  }
  out.found = !has_end || commit || out.end_probability > 1e-12;

  // The chain the policy induces from (from, 0). mass = probability of deciding at (v, t);
  // best = probability of the most likely outcome sequence reaching it; back = how.
  std::vector<double> mass(R * n, 0.0), best(R * n, 0.0);
  std::vector<EdgeId> back;
  std::vector<char> back_ok;
  AssignCancellable(back, std::size_t{T + 1} * n, EdgeId{});
  AssignCancellable(back_ok, std::size_t{T + 1} * n, char{0});
  std::vector<std::vector<Vertex>> active(R);
  out.first_decision.assign(n, ExpectedSolution::kNever);
  out.pay.assign(T + 1, 0.0);
  out.level = out.ambiguity = out.leadership = out.in_end = out.pay;
  auto hold = [&](std::uint32_t tau, Vertex v, double m) {
    out.pay[tau] += m * g.pay(v);
    out.level[tau] += m * g.level(v);
    out.ambiguity[tau] += m * g.ambiguity(v);
    out.leadership[tau] += m * g.leadership(v);
    if (p.end.Contains(v)) out.in_end[tau] += m;
  };
  auto arrive = [&](Vertex w, std::uint32_t t2, double m, double b, EdgeId how, bool ok) {
    if (m <= 0) return;
    const std::size_t i = (t2 % R) * n + w;
    if (mass[i] == 0) active[t2 % R].push_back(w);
    mass[i] += m;
    if (b > best[i]) {
      best[i] = b;
      back[t2 * n + w] = how;
      back_ok[t2 * n + w] = ok;
    }
  };
  mass[p.from] = best[p.from] = 1.0;
  active[0].push_back(p.from);
  for (std::uint32_t t = 0; t < T; ++t) {
    const std::size_t slot = t % R;
    auto& list = active[slot];
    for (Vertex v : list) {
      PollCancel();
      const double m = mass[slot * n + v], b = best[slot * n + v];
      out.first_decision[v] = std::min(out.first_decision[v], t);
      const EdgeId a = out.action[t * n + v];
      if (a == kNoEdge) {
        hold(t, v, m);
        arrive(v, t + 1, m, b, kNoEdge, true);
        continue;
      }
      const std::uint32_t d = es[a];
      for (std::uint32_t tau = t; tau < t + d; ++tau) hold(tau, v, m);
      const double pr = g.probability(a);
      arrive(g.target(a), t + d, m * pr, b * pr, a, true);
      arrive(v, t + d, m * (1 - pr), b * (1 - pr), a, false);
    }
    for (Vertex v : list) mass[slot * n + v] = best[slot * n + v] = 0;
    list.clear();
  }
  const std::size_t last = (T % R) * n;
  double top = -1;
  for (Vertex v : active[T % R]) {
    const double m = mass[last + v];
    hold(T, v, m);
    out.end_distribution.push_back({v, m});
    if (best[last + v] > top || (best[last + v] == top && v < out.most_likely_end)) {
      top = best[last + v];
      out.most_likely_end = v;
    }
  }
  if (commit) {
    out.end_probability = out.in_end[T];
    out.expected_steps_in_end -= out.in_end[T];
  }
  std::stable_sort(out.end_distribution.begin(), out.end_distribution.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second || (a.second == b.second && a.first < b.first); });
  out.most_likely_probability = top;
  Vertex v = out.most_likely_end;
  for (std::uint32_t t = T; t > 0;) {
    const EdgeId e = back[t * n + v];
    if (e == kNoEdge) {
      --t;
      continue;
    }
    const bool ok = back_ok[t * n + v];
    t -= es[e];
    out.most_likely.push_back({e, t, ok});
    v = g.source(e);
  }
  std::reverse(out.most_likely.begin(), out.most_likely.end());
  out.work_bytes = std::max(ring_bytes, Bytes(mass) + Bytes(best)) + Bytes(back) + Bytes(back_ok) + Bytes(out.action) +
                   Bytes(out.value_at) + Bytes(out.earliest) + Bytes(es) + Bytes(order);
  return out;
}

v1::ExpectedPlan MakeExpectedPlan(const CareerGraph& g, const PlanProblem& p, const ExpectedSolution& s,
                                  const PlanLimits& limits) {
  v1::ExpectedPlan plan;
  const std::uint32_t T = s.T;
  const std::size_t n = s.n;
  plan.set_expected_earnings(s.value);
  plan.set_stay_earnings(g.pay(p.from) * p.grid.horizon());
  plan.set_end_probability(p.end.any() ? 1.0 : s.end_probability);
  plan.set_expected_end_pay(s.pay[T]);

  // Rules: positions in order of the first decision there, runs of equal actions in time.
  std::vector<Vertex> visited;
  for (Vertex v = 0; v < n; ++v)
    if (s.first_decision[v] != ExpectedSolution::kNever) visited.push_back(v);
  std::stable_sort(visited.begin(), visited.end(),
                   [&](Vertex a, Vertex b) { return s.first_decision[a] < s.first_decision[b]; });
  std::uint32_t total = 0;
  for (Vertex v : visited) {
    for (std::uint32_t t = s.first_decision[v]; t < T;) {
      const EdgeId a = s.action[t * n + v];
      std::uint32_t u = t;
      while (u + 1 < T && s.action[(u + 1) * n + v] == a) ++u;
      ++total;
      if (plan.policy_size() < static_cast<int>(limits.max_policy_rules)) {
        auto* r = plan.add_policy();
        r->set_position_id(g.position(v).id());
        r->set_title(g.position(v).title());
        r->set_from_step(t);
        r->set_to_step(u);
        r->set_from_year(p.grid.Year(t));
        r->set_to_year(p.grid.Year(u));
        r->set_stay(a == kNoEdge);
        if (a != kNoEdge) {
          const Vertex w = g.target(a);
          r->set_target_id(g.position(w).id());
          r->set_target_title(g.position(w).title());
          r->set_kind(g.kind(a));
          r->set_move_years(g.years(a));
          r->set_move_steps(p.edges.steps[a]);
          r->set_probability(g.probability(a));
        }
        r->set_value(s.value_at[t * n + v]);
      }
      t = u + 1;
    }
  }
  plan.set_policy_rules_total(total);

  for (const auto& a : s.most_likely) {
    auto* st = plan.add_most_likely();
    const std::uint32_t d = p.edges.steps[a.edge];
    st->set_start_step(a.start_step);
    st->set_start_year(p.grid.Year(a.start_step));
    st->set_end_step(a.start_step + d);
    st->set_end_year(p.grid.Year(a.start_step + d));
    const Vertex from = g.source(a.edge), to = g.target(a.edge);
    st->set_from_id(g.position(from).id());
    st->set_from_title(g.position(from).title());
    st->set_target_id(g.position(to).id());
    st->set_target_title(g.position(to).title());
    st->set_succeeded(a.succeeded);
    st->set_probability(a.succeeded ? g.probability(a.edge) : 1 - g.probability(a.edge));
  }
  plan.set_most_likely_probability(s.most_likely_probability);
  if (s.most_likely_end != kNoVertex) {
    plan.set_most_likely_end_id(g.position(s.most_likely_end).id());
    plan.set_most_likely_end_title(g.position(s.most_likely_end).title());
  }
  for (const auto& [v, pr] : s.end_distribution) {
    if (plan.end_distribution_size() >= static_cast<int>(limits.max_end_states)) break;
    auto* e = plan.add_end_distribution();
    e->set_position_id(g.position(v).id());
    e->set_title(g.position(v).title());
    e->set_probability(pr);
    e->set_pay(g.pay(v));
    e->set_pay_basis(g.position(v).pay_basis());
  }
  return plan;
}

// ---------------------------------------------------------------------------------------

Status ExplainNoPlan(const CareerGraph& g, const PlanProblem& p) {
  const std::string head = "no plan from '" + g.position(p.from).title() + "' finishes in " + p.end.Describe() +
                           " within " + FormatYears(p.grid.horizon()) + " years";
  const Vertex target = p.end.position();
  if (target != kNoVertex && target != p.from && !p.filter.VertexOk(target))
    return Status::NoRoute(head + ": it is excluded: " + p.filter.WhyExcluded(target));
  SearchSpace ws;
  auto fastest = [&](auto allow) {
    ForwardSearch(g, p.from, kNoVertex, [&](EdgeId e) { return g.years(e); }, allow, NoPotential{}, ws);
    double best = kInf;
    for (Vertex v = 0; v < g.num_positions(); ++v)
      if (p.end.Contains(v) && ws.reached(v)) best = std::min(best, ws.dist(v));
    return best;
  };
  const double with_filters = fastest(p.filter);
  if (with_filters == kInf) {
    if (fastest(AllowAll{}) < kInf)
      return Status::NoRoute(head + ": the exclusions (avoided positions, tracks, orgs, kinds, ambiguity, leadership, "
                                    "pay cuts) cut every route there; relax them");
    return Status::NoRoute(head + ": it cannot be reached from there by any sequence of moves in this graph");
  }
  if (with_filters > p.grid.horizon() + 1e-9)
    return Status::NoRoute(head + ": the fastest route there takes " + FormatYears(with_filters) +
                           " years; use a horizon of at least that");
  return Status::NoRoute(head + ": the fastest route there takes " + FormatYears(with_filters) +
                         " years, but with its moves rounded up to whole " + FormatYears(p.grid.step()) +
                         "-year steps it no longer fits; use a step that divides the moves' years or a longer horizon");
}

static StatusOr<v1::PlanResponse> SolvePlan(const CareerGraph& g, const v1::PlanRequest& req, const PlanLimits& limits) {
  v1::PlanGoal goal = req.goal() == v1::PLAN_GOAL_UNSPECIFIED ? v1::PLAN_GOAL_EARNINGS : req.goal();
  if (goal != v1::PLAN_GOAL_EARNINGS && goal != v1::PLAN_GOAL_PAY && goal != v1::PLAN_GOAL_EXPECTED)
    return Status::InvalidArgument("unknown goal " + std::to_string(static_cast<int>(req.goal())) +
                                   "; use earnings, pay or expected")
        .WithField("goal");
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  auto grid = TimeGrid::Make(req.has_horizon_years() ? req.horizon_years() : kDefaultHorizonYears, req.step_years(),
                             limits.horizon);
  if (!grid.ok()) return grid.status();
  auto filter = MoveFilter::Make(g, req.constraints(), req.min_leadership(), "plans");
  if (!filter.ok()) return filter.status();
  auto end = EndSet::Make(g, req.end_track(), req.end_position());
  if (!end.ok()) return end.status();

  v1::PlanResponse resp;
  resp.set_goal(goal);
  resp.set_from_id(g.position(*from).id());
  resp.set_from_title(g.position(*from).title());
  resp.set_horizon_years(grid->horizon());
  resp.set_step_years(grid->step());
  resp.set_steps(grid->steps());
  resp.set_graph_version(g.metadata().version());
  resp.set_end_track(end->track());
  if (end->position() != kNoVertex) resp.set_end_position_id(g.position(end->position()).id());

  if (goal == v1::PLAN_GOAL_PAY) {
    // Real years: no grid, so nothing is rounded.
    SearchSpace& ws = PlanSearchSpace();
    const double horizon = grid->horizon() + 1e-9;
    resp.set_states(ForwardSearch(g, *from, kNoVertex, [&](EdgeId e) { return g.years(e); }, *filter, NoPotential{}, ws,
                                  horizon));
    Vertex best = kNoVertex;
    std::uint32_t reachable = 0;
    for (Vertex v = 0; v < g.num_positions(); ++v) {
      if (!ws.settled(v) || ws.dist(v) > horizon) continue;
      ++reachable;
      if (!end->Contains(v)) continue;
      if (best == kNoVertex || g.pay(v) > g.pay(best) || (g.pay(v) == g.pay(best) && ws.dist(v) < ws.dist(best)))
        best = v;
    }
    if (g.unknown_count(Attribute::kPay) > 0) {
      std::vector<Vertex> reached;
      for (Vertex v = 0; v < g.num_positions(); ++v)
        if (ws.settled(v) && ws.dist(v) <= horizon) reached.push_back(v);
      CAREERGRAPH_RETURN_IF_ERROR(g.RequireKnown(Attribute::kPay, "a plan", "goal", reached));
    }
    if (best == kNoVertex) {
      PlanProblem p;
      p.from = *from;
      p.grid = *grid;
      p.filter = *filter;
      p.end = *end;
      return ExplainNoPlan(g, p);
    }
    auto cost = CostModel::Make(g, v1::OBJECTIVE_FASTEST, v1::Weights());
    if (!cost.ok()) return cost.status();
    auto* pay = resp.mutable_pay();
    *pay->mutable_route() = MakeRoute(g, *cost, *from, ExtractPath(g, ws, best));
    pay->set_reachable(reachable);
    resp.set_work_bytes(0);
    return resp;
  }

  auto problem = MakePlanProblem(g, *from, *grid, *filter, *end, limits.horizon);
  if (!problem.ok()) return problem.status();
  resp.set_rounded_transitions(problem->edges.rounded);
  CAREERGRAPH_RETURN_IF_ERROR(RequireReachablePay(g, *problem));
  if (goal == v1::PLAN_GOAL_EARNINGS) {
    EarningsSolution s = SolveEarnings(g, *problem);
    if (!s.found) return ExplainNoPlan(g, *problem);
    *resp.mutable_earnings() = MakeEarningsPlan(g, *problem, s);
    resp.set_states(s.states);
    resp.set_work_bytes(s.work_bytes);
    return resp;
  }
  ExpectedSolution s = SolveExpected(g, *problem);
  if (!s.found) return ExplainNoPlan(g, *problem);
  *resp.mutable_expected() = MakeExpectedPlan(g, *problem, s, limits);
  resp.set_states(s.states);
  resp.set_work_bytes(s.work_bytes);
  return resp;
}

// Says when the plan's choice rests on pay figures that are not the positions' own: the
// positions an earnings plan holds, the best-paid position a pay plan heads for, the
// positions an expected policy occupies or attempts.
static void NotePlanPay(const CareerGraph& g, v1::PlanResponse* resp) {
  std::vector<Vertex> used;
  auto add = [&](const std::string& id) {
    if (const std::uint32_t v = g.index().FindId(id); v != PositionIndex::kNotFound) used.push_back(v);
  };
  std::string what;
  if (resp->has_earnings()) {
    for (const auto& st : resp->earnings().steps()) add(st.position_id());
    what = "the plan's earnings";
  } else if (resp->has_pay() && resp->pay().route().steps_size() > 0) {
    add(resp->pay().route().steps(resp->pay().route().steps_size() - 1).position_id());
    what = "the choice of the best-paid position";
  } else if (resp->has_expected()) {
    for (const auto& r : resp->expected().policy()) {
      add(r.position_id());
      if (!r.stay()) add(r.target_id());
    }
    what = "the expected earnings";
  }
  if (std::string note = FigurePayNote(g, used, what); !note.empty()) resp->add_pay_notes(note);
}

StatusOr<v1::PlanResponse> MakePlan(const CareerGraph& g, const v1::PlanRequest& req, const PlanLimits& limits) {
  auto resp = SolvePlan(g, req, limits);
  if (resp.ok()) {
    if (Status s = AnnotatePlanGaps(g, req.have(), &*resp); !s.ok()) return s;
    NotePlanPay(g, &*resp);
  }
  return resp;
}

}  // namespace careergraph
