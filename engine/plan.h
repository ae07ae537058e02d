// Plans: the highest-value way to spend the next N years, not just the way to one target.
//
// A longest (highest-pay) path over a graph with cycles is ill-posed; a horizon makes it a
// finite problem. Time runs on the grid of horizon.h (steps of 0.25 years by default; a move
// takes ceil(years / step) steps, exact when the step divides every move's years).
//
// Goals (PlanGoal in proto/careergraph/v1/plan.proto):
//  - EARNINGS: the timed path that maximises pay earned over the horizon. A plan holds one
//    position at a time; a move of d steps from v keeps you in v (earning pay(v)) for those
//    d steps, then you hold the target; staying is always allowed. Solved exactly by forward
//    dynamic programming over (position, step): F(w, t+d) = max F(v, t) + d*step*pay(v),
//    F(v, t+1) = max F(v, t) + step*pay(v). Ties prefer fewer moves. O(T (n + m)) time; the
//    values live in a ring of (longest move + 1) steps and only one predecessor per state is
//    kept, so memory is about T*n*4 bytes + (D+1)*n*10 bytes.
//  - PAY: the best-paid position reachable within the horizon (in real years, no grid) and
//    the fastest route there: one Dijkstra bounded by the horizon.
//  - EXPECTED: moves fail. Attempting e = (v -> w) at step t occupies d(e) steps in v and
//    then puts you in w with probability p(e), otherwise leaves you in v; either way you
//    decide again. Staying is a one-step action. The finite-horizon Markov decision problem
//    (Puterman, "Markov Decision Processes", 1994, ch. 4) is solved exactly by backward
//    induction: V(v,T) = 0,
//      V(v,t) = max( step*pay(v) + V(v,t+1),
//                    max_e  d*step*pay(v) + p V(w,t+d) + (1-p) V(v,t+d) ).
//    With a place to finish, the criterion is lexicographic: first the probability of
//    holding a finishing position at T (or, committing, the expected time held in the
//    set), then expected pay. Backward induction stays exact for lexicographic criteria:
//    both are expectations of additive rewards over the same outcomes, so an optimal
//    policy restricted to first-criterion-optimal actions is optimal for the second.
//    The policy is then run forward as a Markov chain from the start to get the expectation
//    of pay, level, ambiguity and leadership at every step, the distribution at the horizon
//    and the single most likely sequence of attempt outcomes (a max-product pass).
//  States (v, t) that cannot be reached by t (earliest arrival on the grid, one Dijkstra)
//  are skipped by every solver.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "careergraph/v1/plan.pb.h"
#include "engine/career_graph.h"
#include "engine/horizon.h"
#include "engine/search.h"
#include "engine/status.h"

namespace careergraph {

struct PlanLimits {
  HorizonLimits horizon;
  std::uint32_t max_policy_rules = 2000;
  std::uint32_t max_end_states = 10;
};

StatusOr<v1::PlanResponse> MakePlan(const CareerGraph& g, const v1::PlanRequest& req, const PlanLimits& limits = {});

// ---- building blocks shared with compare ----

struct PlanProblem {
  Vertex from = kNoVertex;
  TimeGrid grid;
  MoveFilter filter;
  EndSet end;
  EdgeSteps edges;
  // How `end` counts. false: a plan must finish in it (EARNINGS) or, for EXPECTED, the
  // chance of finishing in it comes first. true ("commit", used by compare): committing to
  // the end set.
  //   EARNINGS: the first criterion is the time held in it over the horizon, then pay, so a
  //     plan enters it as early as it can and stays, instead of switching at the last moment.
  //   EXPECTED: the policy with the most expected earnings among the committed ones: outside
  //     the set every decision is an attempt at a move that keeps a way in open by
  //     `commit_by_step` (every later move succeeding), or, once failures have made that
  //     deadline impossible, a move on a quickest way in from where one is; a failed attempt
  //     is retried or another taken; inside the set it stays or moves within it. Which way in, and when, is decided by expected
  //     earnings alone, so a likelier entry a level down is taken only when it pays.
  bool commit = false;
  std::uint32_t commit_by_step = 0;  // EXPECTED commit: the deadline N on the grid; 0 = the horizon
};

// Checks the grid against the state limit and computes the edge steps.
// INVALID_ARGUMENT naming the positions without a pay that the plan can reach by the horizon
// (a plan weighs pay wherever it may go); OK when every reachable pay is known.
Status RequireReachablePay(const CareerGraph& g, const PlanProblem& p);
StatusOr<PlanProblem> MakePlanProblem(const CareerGraph& g, Vertex from, const TimeGrid& grid, const MoveFilter& filter,
                                      const EndSet& end, const HorizonLimits& limits);

struct TimedMove {
  EdgeId edge = kNoEdge;
  std::uint32_t arrival_step = 0;
};

struct EarningsSolution {
  bool found = false;  // false: no plan finishes in the end set
  double earnings = 0;
  std::uint32_t steps_in_end = 0;  // steps held in the end set (commit mode)
  bool reaches_end = false;        // the plan holds a position of the end set at some step
  std::vector<TimedMove> moves;
  std::uint64_t states = 0;
  std::uint64_t work_bytes = 0;
};
EarningsSolution SolveEarnings(const CareerGraph& g, const PlanProblem& p);
v1::EarningsPlan MakeEarningsPlan(const CareerGraph& g, const PlanProblem& p, const EarningsSolution& s);

struct Attempt {
  EdgeId edge = kNoEdge;
  std::uint32_t start_step = 0;
  bool succeeded = false;
};

struct ExpectedSolution {
  bool found = false;  // false: with an end set, no policy finishes there
  double value = 0;    // expected earnings from the start
  double end_probability = 1;       // P(holding a position of the end set at the horizon)
  double expected_steps_in_end = 0; // commit mode: E[steps held in the end set]
  std::uint32_t n = 0, T = 0;
  // The policy: action[t * n + v] for t < T, kNoEdge = stay; meaningful where t >=
  // earliest[v]. value_at is V(v, t) (float: for display).
  std::vector<EdgeId> action;
  std::vector<float> value_at;
  std::vector<std::uint32_t> earliest;        // on the grid; kNever if not within the horizon
  std::vector<std::uint32_t> first_decision;  // first step the policy decides at v; kNever if never
  // Expectations of the position held at step 0..T under the policy.
  std::vector<double> pay, level, ambiguity, leadership, in_end;
  std::vector<std::pair<Vertex, double>> end_distribution;  // at T, most likely first
  std::vector<Attempt> most_likely;
  double most_likely_probability = 0;
  Vertex most_likely_end = kNoVertex;
  std::uint64_t states = 0;
  std::uint64_t work_bytes = 0;
  static constexpr std::uint32_t kNever = static_cast<std::uint32_t>(-1);
};
ExpectedSolution SolveExpected(const CareerGraph& g, const PlanProblem& p);
v1::ExpectedPlan MakeExpectedPlan(const CareerGraph& g, const PlanProblem& p, const ExpectedSolution& s,
                                  const PlanLimits& limits);

// NO_ROUTE explaining why no plan from p.from finishes in p.end within the horizon.
Status ExplainNoPlan(const CareerGraph& g, const PlanProblem& p);

}  // namespace careergraph
