// Plans against independent oracles on hundreds of random small ladders:
//  - EARNINGS vs enumeration of every timed path within the horizon (stay a step, or make
//    any allowed move that ends by the horizon) under the same exclusions and finish;
//  - PAY vs enumeration of every simple path;
//  - EXPECTED vs a plain memoised recursion of the Bellman equations, and the returned
//    policy (read back from the response's rules) evaluated exactly over its outcome tree;
//  - the policy simulated by Monte Carlo: the sample mean of earnings must lie within
//    4 standard errors of the promised expectation (and likewise the chance of finishing),
//    which a correct solver fails with probability about 6e-5 per check; seeds are fixed,
//    so the test is deterministic.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "engine/plan.h"
#include "io/graph_source.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::RandomGraph;

// The request's exclusions, evaluated independently of the engine's filter code.
struct Rules {
  std::set<std::string> avoid_tracks;
  std::set<int> avoid_kinds;
  double min_leadership = 0, max_ambiguity = 0;
  bool Allowed(const CareerGraph& g, EdgeId e) const {
    const auto& to = g.position(g.target(e));
    if (avoid_kinds.count(g.kind(e))) return false;
    if (avoid_tracks.count(to.track())) return false;
    if (min_leadership > 0 && to.leadership() < min_leadership) return false;
    if (max_ambiguity > 0 && to.ambiguity() > max_ambiguity) return false;
    return true;
  }
  void Fill(v1::PlanRequest* r) const {
    for (const auto& t : avoid_tracks) r->mutable_constraints()->add_avoid_tracks(t);
    for (int k : avoid_kinds) r->mutable_constraints()->add_avoid_kinds(static_cast<v1::TransitionKind>(k));
    r->set_min_leadership(min_leadership);
    r->mutable_constraints()->set_max_ambiguity(max_ambiguity);
  }
};

std::uint32_t StepsOf(double years, double step) {
  const double q = years / step;
  const double r = std::round(q);
  const double s = std::fabs(q - r) < 1e-9 ? r : std::ceil(q);
  return static_cast<std::uint32_t>(std::max(1.0, s));
}

struct Case {
  GraphPtr g;
  Vertex from;
  double step;
  std::uint32_t T;
  Rules rules;
  std::string end_track, end_position;
  bool Ends(Vertex v) const {
    if (!end_track.empty()) return g->position(v).track() == end_track;
    if (!end_position.empty()) return g->position(v).id() == end_position;
    return true;
  }
  v1::PlanRequest Request(v1::PlanGoal goal) const {
    v1::PlanRequest r;
    r.set_from(g->position(from).id());
    r.set_horizon_years(step * T);
    r.set_step_years(step);
    r.set_goal(goal);
    r.set_end_track(end_track);
    r.set_end_position(end_position);
    rules.Fill(&r);
    return r;
  }
};

Case RandomCase(std::mt19937& rng, int max_steps = 10, double edge_probability = 0.35) {
  Case c;
  testing::RandomGraphOptions opt;
  opt.min_positions = 4;
  opt.max_positions = 7;
  opt.edge_probability = edge_probability;
  auto g = CareerGraph::Build(RandomGraph(rng, opt));
  EXPECT_TRUE(g.ok());
  c.g = *g;
  const Vertex n = c.g->num_positions();
  c.from = static_cast<Vertex>(rng() % n);
  const double steps[] = {0.25, 0.25, 0.5, 0.75};
  c.step = steps[rng() % 4];
  c.T = 3 + static_cast<std::uint32_t>(rng() % (max_steps - 2));
  if (rng() % 10 < 3) c.rules.avoid_tracks.insert(c.g->position(static_cast<Vertex>(rng() % n)).track());
  if (rng() % 10 < 2) c.rules.avoid_kinds.insert(1 + static_cast<int>(rng() % 4));
  if (rng() % 10 < 2) c.rules.min_leadership = 0.3;
  if (rng() % 10 < 2) c.rules.max_ambiguity = 0.7;
  const int end = static_cast<int>(rng() % 10);
  if (end < 3) c.end_track = c.g->position(static_cast<Vertex>(rng() % n)).track();
  else if (end < 5) c.end_position = c.g->position(static_cast<Vertex>(rng() % n)).id();
  return c;
}

// ---- EARNINGS ----

struct BruteEarnings {
  bool found = false;
  double best = 0;
  std::uint32_t moves = 0;
};

BruteEarnings EnumerateTimedPaths(const Case& c) {
  BruteEarnings out;
  const CareerGraph& g = *c.g;
  std::function<void(Vertex, std::uint32_t, double, std::uint32_t)> dfs = [&](Vertex v, std::uint32_t t,
                                                                              double earned, std::uint32_t moves) {
    if (t == c.T) {
      if (!c.Ends(v)) return;
      if (!out.found || earned > out.best + 1e-6 || (std::fabs(earned - out.best) <= 1e-6 && moves < out.moves)) {
        out.found = true;
        out.best = earned;
        out.moves = moves;
      }
      return;
    }
    dfs(v, t + 1, earned + c.step * g.pay(v), moves);
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      if (!c.rules.Allowed(g, e)) continue;
      const std::uint32_t d = StepsOf(g.years(e), c.step);
      if (t + d <= c.T) dfs(g.target(e), t + d, earned + d * c.step * g.pay(v), moves + 1);
    }
  };
  dfs(c.from, 0, 0.0, 0);
  return out;
}

// The returned plan is a real timed path: valid allowed moves, in order, within the
// horizon, ending where asked, and its earnings add up.
void CheckPlanIsValid(const Case& c, const v1::EarningsPlan& p, double expected_total) {
  const CareerGraph& g = *c.g;
  ASSERT_GE(p.steps_size(), 1);
  EXPECT_EQ(p.steps(0).position_id(), g.position(c.from).id());
  double total = 0;
  std::uint32_t prev_arrival = 0;
  for (int i = 0; i < p.steps_size(); ++i) {
    const auto& s = p.steps(i);
    if (i > 0) {
      const Vertex a = g.index().FindId(p.steps(i - 1).position_id()), b = g.index().FindId(s.position_id());
      bool found = false;
      for (EdgeId e = g.out_begin(a); e < g.out_end(a); ++e)
        if (g.target(e) == b && g.kind(e) == s.kind() && c.rules.Allowed(g, e)) {
          found = true;
          EXPECT_EQ(s.move_steps(), StepsOf(g.years(e), c.step));
        }
      EXPECT_TRUE(found) << "no allowed move " << p.steps(i - 1).position_id() << " -> " << s.position_id();
      EXPECT_GE(s.start_step(), prev_arrival);
      EXPECT_EQ(s.arrival_step(), s.start_step() + s.move_steps());
    }
    prev_arrival = s.arrival_step();
    EXPECT_LE(s.arrival_step(), c.T);
    total += s.pay() * s.years_held();
  }
  EXPECT_TRUE(c.Ends(g.index().FindId(p.steps(p.steps_size() - 1).position_id())));
  EXPECT_NEAR(total, expected_total, 1e-6 * std::max(1.0, expected_total));
}

TEST(PlanProperty, EarningsMatchEveryTimedPath) {
  std::mt19937 rng(20240601);
  int found = 0, with_end = 0;
  for (int iter = 0; iter < 400; ++iter) {
    const Case c = RandomCase(rng);
    SCOPED_TRACE("iteration " + std::to_string(iter));
    const BruteEarnings brute = EnumerateTimedPaths(c);
    auto r = MakePlan(*c.g, c.Request(v1::PLAN_GOAL_EARNINGS));
    if (!brute.found) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), v1::NO_ROUTE) << r.status().ToString();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ++found;
    with_end += !c.end_track.empty() || !c.end_position.empty();
    const auto& p = r->earnings();
    EXPECT_NEAR(p.total_earnings(), brute.best, 1e-6 * std::max(1.0, brute.best));
    EXPECT_EQ(p.moves(), brute.moves) << "ties must go to fewer moves";
    CheckPlanIsValid(c, p, brute.best);
  }
  EXPECT_GT(found, 300);
  EXPECT_GT(with_end, 50);
}

// ---- PAY ----

TEST(PlanProperty, PayMatchesEverySimplePath) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 300; ++iter) {
    const Case c = RandomCase(rng);
    SCOPED_TRACE("iteration " + std::to_string(iter));
    const CareerGraph& g = *c.g;
    const double horizon = c.step * c.T;
    // Fastest years to every position over simple paths.
    std::vector<double> fastest(g.num_positions(), kInf);
    for (Vertex t = 0; t < g.num_positions(); ++t)
      testing::ForEachSimplePath(
          g, c.from, t, [&](EdgeId e) { return c.rules.Allowed(g, e); },
          [&](const std::vector<EdgeId>& path) {
            double y = 0;
            for (EdgeId e : path) y += g.years(e);
            fastest[t] = std::min(fastest[t], y);
            return true;
          });
    double best_pay = -1, best_years = 0;
    std::uint32_t reachable = 0;
    for (Vertex v = 0; v < g.num_positions(); ++v) {
      if (fastest[v] > horizon + 1e-9) continue;
      ++reachable;
      if (!c.Ends(v)) continue;
      if (g.pay(v) > best_pay || (g.pay(v) == best_pay && fastest[v] < best_years)) {
        best_pay = g.pay(v);
        best_years = fastest[v];
      }
    }
    auto r = MakePlan(g, c.Request(v1::PLAN_GOAL_PAY));
    if (best_pay < 0) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), v1::NO_ROUTE);
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_DOUBLE_EQ(r->pay().route().totals().end_pay(), best_pay);
    EXPECT_NEAR(r->pay().route().totals().years(), best_years, 1e-9);
    EXPECT_EQ(r->pay().reachable(), reachable);
  }
}

// ---- EXPECTED ----

struct Lex {
  double p, v;
};

// The Bellman equations, written out plainly with a memo table.
Lex Bellman(const Case& c, std::map<std::pair<Vertex, std::uint32_t>, Lex>& memo, Vertex v, std::uint32_t t) {
  const CareerGraph& g = *c.g;
  const bool lex = !c.end_track.empty() || !c.end_position.empty();
  if (t == c.T) return {lex ? (c.Ends(v) ? 1.0 : 0.0) : 1.0, 0.0};
  auto it = memo.find({v, t});
  if (it != memo.end()) return it->second;
  const Lex stay = Bellman(c, memo, v, t + 1);
  Lex best{stay.p, c.step * g.pay(v) + stay.v};
  for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
    if (!c.rules.Allowed(g, e)) continue;
    const std::uint32_t d = StepsOf(g.years(e), c.step);
    if (t + d > c.T) continue;
    const double pr = g.probability(e);
    const Lex ok = Bellman(c, memo, g.target(e), t + d), fail = Bellman(c, memo, v, t + d);
    const Lex cand{pr * ok.p + (1 - pr) * fail.p, d * c.step * g.pay(v) + pr * ok.v + (1 - pr) * fail.v};
    const bool better = lex && cand.p > best.p + 1e-12   ? true
                        : lex && cand.p < best.p - 1e-12 ? false
                                                         : cand.v > best.v + 1e-9 * std::max(1.0, best.v);
    if (better) best = cand;
  }
  memo[{v, t}] = best;
  return best;
}

// The policy as the response states it: the rule covering (position, step).
class PolicyTable {
 public:
  PolicyTable(const CareerGraph& g, const v1::ExpectedPlan& x) : g_(g) {
    for (const auto& r : x.policy()) rules_[g.index().FindId(r.position_id())].push_back(&r);
  }
  // kNoEdge = stay; returns false when the response has no rule for (v, t).
  bool Action(Vertex v, std::uint32_t t, EdgeId* out) const {
    auto it = rules_.find(v);
    if (it == rules_.end()) return false;
    for (const auto* r : it->second) {
      if (t < r->from_step() || t > r->to_step()) continue;
      if (r->stay()) {
        *out = kNoEdge;
        return true;
      }
      const Vertex w = g_.index().FindId(r->target_id());
      for (EdgeId e = g_.out_begin(v); e < g_.out_end(v); ++e)
        if (g_.target(e) == w && g_.kind(e) == r->kind()) {
          *out = e;
          return true;
        }
      return false;
    }
    return false;
  }

 private:
  const CareerGraph& g_;
  std::map<Vertex, std::vector<const v1::PolicyRule*>> rules_;
};

// Exact evaluation of the stated policy over its outcome tree: expected earnings, chance of
// finishing, and the probability of the most likely outcome sequence.
struct PolicyEval {
  double value = 0, p_end = 0, most_likely = 0;
};

PolicyEval Evaluate(const Case& c, const PolicyTable& pol, std::map<std::pair<Vertex, std::uint32_t>, PolicyEval>& memo,
                    Vertex v, std::uint32_t t, bool* complete) {
  const CareerGraph& g = *c.g;
  if (t == c.T) return {0.0, c.Ends(v) ? 1.0 : 0.0, 1.0};
  auto it = memo.find({v, t});
  if (it != memo.end()) return it->second;
  EdgeId e;
  PolicyEval out;
  if (!pol.Action(v, t, &e)) {
    *complete = false;
    return out;
  }
  if (e == kNoEdge) {
    const PolicyEval s = Evaluate(c, pol, memo, v, t + 1, complete);
    out = {c.step * g.pay(v) + s.value, s.p_end, s.most_likely};
  } else {
    const std::uint32_t d = StepsOf(g.years(e), c.step);
    const double pr = g.probability(e);
    const PolicyEval ok = Evaluate(c, pol, memo, g.target(e), t + d, complete);
    const PolicyEval fail = pr < 1 ? Evaluate(c, pol, memo, v, t + d, complete) : PolicyEval{};
    out.value = d * c.step * g.pay(v) + pr * ok.value + (1 - pr) * fail.value;
    out.p_end = pr * ok.p_end + (1 - pr) * fail.p_end;
    out.most_likely = std::max(pr * ok.most_likely, (1 - pr) * fail.most_likely);
  }
  memo[{v, t}] = out;
  return out;
}

TEST(PlanProperty, ExpectedMatchesTheBellmanEquationsAndItsOwnPolicy) {
  std::mt19937 rng(99);
  int checked = 0;
  for (int iter = 0; iter < 400; ++iter) {
    const Case c = RandomCase(rng, 14);
    SCOPED_TRACE("iteration " + std::to_string(iter));
    std::map<std::pair<Vertex, std::uint32_t>, Lex> memo;
    const Lex opt = Bellman(c, memo, c.from, 0);
    const bool lex = !c.end_track.empty() || !c.end_position.empty();
    auto r = MakePlan(*c.g, c.Request(v1::PLAN_GOAL_EXPECTED));
    if (lex && opt.p <= 1e-12) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), v1::NO_ROUTE);
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ++checked;
    const auto& x = r->expected();
    EXPECT_NEAR(x.expected_earnings(), opt.v, 1e-6 * std::max(1.0, opt.v));
    if (lex) {
      EXPECT_NEAR(x.end_probability(), opt.p, 1e-9);
    }
    // The stated policy achieves the stated value, reaches no state without a rule, and its
    // most likely outcome sequence has the stated probability.
    PolicyTable pol(*c.g, x);
    std::map<std::pair<Vertex, std::uint32_t>, PolicyEval> evals;
    bool complete = true;
    const PolicyEval ev = Evaluate(c, pol, evals, c.from, 0, &complete);
    ASSERT_TRUE(complete) << "the policy has no rule for a state it reaches";
    EXPECT_NEAR(ev.value, x.expected_earnings(), 1e-6 * std::max(1.0, ev.value));
    if (lex) {
      EXPECT_NEAR(ev.p_end, x.end_probability(), 1e-9);
    }
    EXPECT_NEAR(ev.most_likely, x.most_likely_probability(), 1e-12);
    double mass = 0, pay = 0;
    for (const auto& s : x.end_distribution()) {
      mass += s.probability();
      pay += s.probability() * s.pay();
    }
    if (x.end_distribution_size() < 10) {
      EXPECT_NEAR(mass, 1.0, 1e-9);
      EXPECT_NEAR(pay, x.expected_end_pay(), 1e-6 * std::max(1.0, pay));
    }
    // The most likely trajectory is consistent: probabilities multiply to the stated one.
    double prob = 1;
    for (const auto& s : x.most_likely()) prob *= s.probability();
    EXPECT_NEAR(prob, x.most_likely_probability(), 1e-12);
    // Without a finish to aim for, staying put is one of the policies considered.
    if (!lex) {
      EXPECT_GE(x.expected_earnings() + 1e-6, x.stay_earnings());
    }
  }
  EXPECT_GT(checked, 300);
}

// ---- commit mode (compare's options): earnings plans hold the set longest, then pay; expected
// policies are the committed ones with the most expected earnings ----

PlanProblem Problem(const Case& c, bool commit) {
  const CareerGraph& g = *c.g;
  const v1::PlanRequest req = c.Request(v1::PLAN_GOAL_EARNINGS);
  auto grid = TimeGrid::Make(c.step * c.T, c.step, HorizonLimits());
  auto filter = MoveFilter::Make(g, req.constraints(), req.min_leadership(), "test");
  auto end = EndSet::Make(g, c.end_track, c.end_position);
  EXPECT_TRUE(grid.ok() && filter.ok() && end.ok());
  auto p = MakePlanProblem(g, c.from, *grid, *filter, *end, HorizonLimits());
  EXPECT_TRUE(p.ok());
  p->commit = commit;
  return *p;
}

struct BruteCommit {
  std::uint32_t held = 0;
  double best = -1;
  std::uint32_t moves = 0;
};

BruteCommit EnumerateCommitted(const Case& c) {
  BruteCommit out;
  const CareerGraph& g = *c.g;
  std::function<void(Vertex, std::uint32_t, std::uint32_t, double, std::uint32_t)> dfs =
      [&](Vertex v, std::uint32_t t, std::uint32_t held, double earned, std::uint32_t moves) {
        if (t == c.T) {
          held += c.Ends(v) ? 1 : 0;  // the horizon counts as one more point held
          const bool better = held != out.held                         ? held > out.held
                              : std::fabs(earned - out.best) > 1e-6 ? earned > out.best
                                                                    : moves < out.moves;
          if (out.best < 0 || better) out = {held, earned, moves};
          return;
        }
        const std::uint32_t in = c.Ends(v) ? 1 : 0;
        dfs(v, t + 1, held + in, earned + c.step * g.pay(v), moves);
        for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
          if (!c.rules.Allowed(g, e)) continue;
          const std::uint32_t d = StepsOf(g.years(e), c.step);
          if (t + d <= c.T) dfs(g.target(e), t + d, held + in * d, earned + d * c.step * g.pay(v), moves + 1);
        }
      };
  dfs(c.from, 0, 0, 0.0, 0);
  return out;
}

// The committed policy (plan.h, PlanProblem::commit), written out plainly: the fewest steps
// into the set by relaxing every allowed move until nothing changes, then the Bellman
// equations over the committed actions only, most expected earnings first.
std::vector<std::uint32_t> StepsIntoSet(const Case& c) {
  const CareerGraph& g = *c.g;
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> d(g.num_positions(), kNone);
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (c.Ends(v)) d[v] = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (EdgeId e = 0; e < g.num_transitions(); ++e) {
      const Vertex u = g.source(e), w = g.target(e);
      if (!c.rules.Allowed(g, e) || c.Ends(u) || d[w] == kNone) continue;
      const std::uint32_t k = StepsOf(g.years(e), c.step);
      if (k > c.T) continue;
      if (d[w] + k < d[u]) d[u] = d[w] + k, changed = true;
    }
  }
  return d;
}

Lex CommitBellman(const Case& c, const std::vector<std::uint32_t>& to_set, std::uint32_t deadline,
                  std::map<std::pair<Vertex, std::uint32_t>, Lex>& memo, Vertex v, std::uint32_t t) {
  const CareerGraph& g = *c.g;
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  const bool inside = c.Ends(v);
  const double in = inside ? 1.0 : 0.0;
  if (t == c.T) return {in, 0.0};
  auto it = memo.find({v, t});
  if (it != memo.end()) return it->second;
  const Lex stay = CommitBellman(c, to_set, deadline, memo, v, t + 1);
  Lex best{in + stay.p, c.step * g.pay(v) + stay.v};
  // Outside: the deadline while it can still be met, else a quickest way in from here.
  const std::uint32_t by = to_set[v] == kNone ? 0 : std::max(deadline, t + to_set[v]);
  bool staying = true;
  for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
    if (!c.rules.Allowed(g, e)) continue;
    const std::uint32_t d = StepsOf(g.years(e), c.step);
    const Vertex w = g.target(e);
    if (t + d > c.T) continue;
    if (inside ? !c.Ends(w) : (to_set[w] == kNone || t + d + to_set[w] > by)) continue;
    const double pr = g.probability(e);
    const Lex ok = CommitBellman(c, to_set, deadline, memo, w, t + d);
    const Lex fail = CommitBellman(c, to_set, deadline, memo, v, t + d);
    const Lex cand{d * in + pr * ok.p + (1 - pr) * fail.p, d * c.step * g.pay(v) + pr * ok.v + (1 - pr) * fail.v};
    if ((!inside && staying) || cand.v > best.v + 1e-9 * std::max(1.0, std::fabs(best.v))) best = cand;
    staying = false;
  }
  memo[{v, t}] = best;
  return best;
}

TEST(PlanProperty, CommittingToAnOptionMatchesOracles) {
  std::mt19937 rng(2718);
  int checked = 0;
  for (int iter = 0; iter < 600 && checked < 300; ++iter) {
    const Case c = RandomCase(rng);
    if (c.end_track.empty() && c.end_position.empty()) continue;
    SCOPED_TRACE("iteration " + std::to_string(iter));
    ++checked;
    const PlanProblem p = Problem(c, true);
    const BruteCommit brute = EnumerateCommitted(c);
    const EarningsSolution best = SolveEarnings(*c.g, p);
    ASSERT_TRUE(best.found);
    const Vertex last = best.moves.empty() ? c.from : c.g->target(best.moves.back().edge);
    EXPECT_EQ(best.steps_in_end + (c.Ends(last) ? 1 : 0), brute.held);
    EXPECT_EQ(best.reaches_end, brute.held > 0);
    EXPECT_NEAR(best.earnings, brute.best, 1e-6 * std::max(1.0, brute.best));
    EXPECT_EQ(best.moves.size(), brute.moves);

    // A deadline anywhere on the grid (0 = the horizon).
    PlanProblem pe = p;
    pe.commit_by_step = std::uniform_int_distribution<std::uint32_t>(0, c.T)(rng);
    const std::uint32_t deadline = pe.commit_by_step > 0 ? pe.commit_by_step : c.T;
    std::map<std::pair<Vertex, std::uint32_t>, Lex> memo;
    const Lex opt = CommitBellman(c, StepsIntoSet(c), deadline, memo, c.from, 0);
    const ExpectedSolution exp = SolveExpected(*c.g, pe);
    ASSERT_TRUE(exp.found);
    EXPECT_NEAR(exp.expected_steps_in_end + exp.in_end[c.T], opt.p, 1e-9 * std::max(1.0, opt.p));
    EXPECT_NEAR(exp.value, opt.v, 1e-6 * std::max(1.0, opt.v));
    // Expected pay per step adds up to the value; time in the set likewise.
    double pay = 0, in = 0;
    for (std::uint32_t t = 0; t < c.T; ++t) pay += c.step * exp.pay[t], in += exp.in_end[t];
    EXPECT_NEAR(pay, exp.value, 1e-6 * std::max(1.0, pay));
    EXPECT_NEAR(in, exp.expected_steps_in_end, 1e-9 * std::max(1.0, in));
    EXPECT_NEAR(exp.end_probability, exp.in_end[c.T], 1e-12);
  }
  EXPECT_GE(checked, 200);
}

// ---- Monte Carlo ----

struct Simulation {
  double mean = 0, se = 0, p_end = 0;
  int runs = 0;
  bool complete = true;
};

Simulation Simulate(const Case& c, const v1::ExpectedPlan& x, int runs, std::uint64_t seed) {
  const CareerGraph& g = *c.g;
  PolicyTable pol(g, x);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  double sum = 0, sum2 = 0;
  int ends = 0;
  Simulation s;
  for (int i = 0; i < runs; ++i) {
    Vertex v = c.from;
    std::uint32_t t = 0;
    double earned = 0;
    while (t < c.T) {
      EdgeId e;
      if (!pol.Action(v, t, &e)) {
        s.complete = false;
        return s;
      }
      if (e == kNoEdge) {
        earned += c.step * g.pay(v);
        ++t;
        continue;
      }
      const std::uint32_t d = StepsOf(g.years(e), c.step);
      earned += d * c.step * g.pay(v);
      if (u(rng) < g.probability(e)) v = g.target(e);
      t += d;
    }
    sum += earned;
    sum2 += earned * earned;
    ends += c.Ends(v) ? 1 : 0;
  }
  s.runs = runs;
  s.mean = sum / runs;
  const double var = std::max(0.0, (sum2 - runs * s.mean * s.mean) / (runs - 1));
  s.se = std::sqrt(var / runs);
  s.p_end = static_cast<double>(ends) / runs;
  return s;
}

void ExpectWithinFourStandardErrors(const Case& c, const v1::ExpectedPlan& x, int runs, std::uint64_t seed) {
  const Simulation s = Simulate(c, x, runs, seed);
  ASSERT_TRUE(s.complete) << "the simulation reached a state the policy has no rule for";
  const double tol = 4 * s.se + 1e-9 * std::max(1.0, x.expected_earnings());
  EXPECT_NEAR(s.mean, x.expected_earnings(), tol) << "standard error " << s.se;
  if (!c.end_track.empty() || !c.end_position.empty()) {
    const double p = x.end_probability();
    EXPECT_NEAR(s.p_end, p, 4 * std::sqrt(p * (1 - p) / runs) + 1e-9);
  }
}

TEST(PlanProperty, MonteCarloAgreesWithThePolicyValueOnRandomLadders) {
  std::mt19937 rng(4242);
  int simulated = 0, uncertain = 0;
  for (int iter = 0; iter < 60; ++iter) {
    const Case c = RandomCase(rng, 40, 0.6);
    SCOPED_TRACE("iteration " + std::to_string(iter));
    auto r = MakePlan(*c.g, c.Request(v1::PLAN_GOAL_EXPECTED));
    if (!r.ok()) continue;
    ExpectWithinFourStandardErrors(c, r->expected(), 10000, 1000 + iter);
    ++simulated;
    uncertain += r->expected().most_likely_probability() < 1 ? 1 : 0;
  }
  EXPECT_GE(simulated, 30);
  EXPECT_GE(uncertain, 25) << "too few ladders where the outcome is random";
}

TEST(PlanProperty, MonteCarloAgreesOnTheDefaultLadder) {
  auto g = CareerGraph::Build(io::DefaultLadder());
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  for (const std::string track : {"", "pm", "tpm"}) {
    Case c;
    c.g = *g;
    c.from = *(*g)->index().Resolve("Staff Software Engineer");
    c.step = 0.25;
    c.T = 40;
    c.end_track = track;
    auto r = MakePlan(*c.g, c.Request(v1::PLAN_GOAL_EXPECTED));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    SCOPED_TRACE("end track '" + track + "'");
    ExpectWithinFourStandardErrors(c, r->expected(), 50000, 77);
  }
}

}  // namespace
}  // namespace careergraph
