#include "engine/pareto.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <memory>
#include <queue>
#include <sstream>

#include "careergraph/v1/route.pb.h"
#include "engine/alternatives.h"
#include "engine/competency.h"
#include "engine/cost.h"
#include "engine/gap.h"
#include "engine/landmarks.h"
#include "engine/route.h"
#include "engine/search.h"

namespace careergraph {
namespace {

constexpr double kEps = 1e-9;
constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);

// One criterion as a column: a per-move value, or a per-position value of the move's head.
struct Column {
  bool per_move = false;
  const double* by_edge = nullptr;
  const double* by_head = nullptr;
  double operator()(const CareerGraph& g, EdgeId e) const { return per_move ? by_edge[e] : by_head[g.target(e)]; }
};

struct ColumnCost {
  const CareerGraph* g;
  Column col;
  double operator()(EdgeId e) const { return col(*g, e); }
};

// A consistent lower bound on a criterion's value from a position to `t`, from landmark
// tables: years and risk have their own; the per-position criteria are bounded through
// hops, since a route from v != t enters t once and some position at least hops(v, t) - 1
// more times: value(t) + m * max(0, hops_lb(v, t) - 1), m the least value of any position.
class CriterionBound {
 public:
  CriterionBound() = default;  // 0: no landmarks
  CriterionBound(const CareerGraph& g, v1::Criterion c, Vertex t, const Column& col) : t_(t) {
    if (c == v1::CRITERION_SKILLS) return;  // no landmark tables for gaps: 0 is the bound
    if (col.per_move) {
      p_ = Landmarks::Potential(&g.landmarks(c == v1::CRITERION_RISK ? Metric::kRisk : Metric::kYears), t, 1.0);
      mode_ = kMove;
      return;
    }
    p_ = Landmarks::Potential(&g.landmarks(Metric::kHops), t, 1.0);
    min_ = kInf;
    for (Vertex v = 0; v < g.num_positions(); ++v) min_ = std::min(min_, col.by_head[v]);
    enter_t_ = col.by_head[t];
    mode_ = kHead;
  }
  double operator()(Vertex v) const {
    if (mode_ == kZero) return 0.0;
    const double x = p_(v);
    if (x >= Landmarks::kInfinity) return kInf;
    if (mode_ == kMove) return x;
    return v == t_ ? 0.0 : enter_t_ + min_ * std::max(0.0, x - 1.0);
  }

 private:
  enum Mode { kZero, kMove, kHead };
  Mode mode_ = kZero;
  Landmarks::Potential p_;
  Vertex t_ = kNoVertex;
  double min_ = 0, enter_t_ = 0;
};

using Tree = SourceTree<ColumnCost, RouteFilter, CriterionBound>;
using Trees = std::vector<std::unique_ptr<Tree>>;

// Truncated closed sets: the criteria 2..D of the labels closed at each position.
template <int D>
class Closed;

// BOA*'s g2_min: labels leave the queue in lexicographic order, so one number per position.
template <>
class Closed<2> {
 public:
  explicit Closed(std::size_t n) : min_(n, kInf) {}
  bool Dominated(Vertex v, const double* x) const { return min_[v] <= x[1] + kEps; }
  void Add(Vertex v, const double* x) { min_[v] = std::min(min_[v], x[1]); }

 private:
  std::vector<double> min_;
};

// A staircase per position: (g2, g3) sorted by g2 ascending, g3 strictly descending.
template <>
class Closed<3> {
 public:
  explicit Closed(std::size_t n) : at_(n) {}
  bool Dominated(Vertex v, const double* x) const {
    const auto& s = at_[v];
    auto it = std::upper_bound(s.begin(), s.end(), x[1] + kEps, [](double a, const P& p) { return a < p.a; });
    return it != s.begin() && std::prev(it)->b <= x[2] + kEps;
  }
  void Add(Vertex v, const double* x) {
    auto& s = at_[v];
    auto first = std::lower_bound(s.begin(), s.end(), x[1], [](const P& p, double a) { return p.a < a; });
    auto last = first;
    while (last != s.end() && last->b >= x[2]) ++last;
    first = s.erase(first, last);
    s.insert(first, P{x[1], x[2]});
  }

 private:
  struct P {
    double a, b;
  };
  std::vector<std::vector<P>> at_;
};

// A list per position; four criteria are rare and their closed sets small enough to scan.
template <>
class Closed<4> {
 public:
  explicit Closed(std::size_t n) : at_(n) {}
  bool Dominated(Vertex v, const double* x) const {
    for (const auto& p : at_[v])
      if (p[0] <= x[1] + kEps && p[1] <= x[2] + kEps && p[2] <= x[3] + kEps) return true;
    return false;
  }
  void Add(Vertex v, const double* x) {
    auto& s = at_[v];
    s.erase(std::remove_if(s.begin(), s.end(),
                           [&](const P& p) { return x[1] <= p[0] && x[2] <= p[1] && x[3] <= p[2]; }),
            s.end());
    s.push_back({x[1], x[2], x[3]});
  }

 private:
  using P = std::array<double, 3>;
  std::vector<std::vector<P>> at_;
};

// a is at least as good as b in every criterion and better in one, up to kEps.
template <int D>
bool EpsDominates(const double* a, const double* b) {
  bool better = false;
  for (int i = 0; i < D; ++i) {
    if (a[i] > b[i] + kEps) return false;
    better |= a[i] < b[i] - kEps;
  }
  return better;
}

template <int D>
struct Label {
  double g[D];
  Vertex v;
  std::uint32_t parent;
  EdgeId edge;
};

template <int D>
struct Entry {
  double f[D];
  std::uint32_t label;
};

template <int D>
struct LexGreater {
  bool operator()(const Entry<D>& a, const Entry<D>& b) const {
    for (int i = 0; i < D; ++i)
      if (a.f[i] != b.f[i]) return a.f[i] > b.f[i];
    return a.label > b.label;  // deterministic among equal vectors
  }
};

std::string Seconds(double s) {
  std::ostringstream os;
  os << s;
  return os.str();
}

// The label search runs from the target back to the start over in-edges, so the bounds it
// needs are distances from the start: the trees'.
template <int D>
ParetoResult Search(const CareerGraph& g, Vertex from, Vertex to, const std::array<Column, D>& cols,
                    const Trees& trees, const RouteFilter& filter, const ParetoOptions& opt) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(std::clamp(opt.max_seconds, 0.0, 1e6)));
  ParetoResult out;
  const Vertex n = g.num_positions();
  Closed<D> closed(n);
  std::vector<Label<D>> labels;
  std::priority_queue<Entry<D>, std::vector<Entry<D>>, LexGreater<D>> open;
  std::vector<std::uint32_t> solutions;

  auto stop = [&](std::string reason) {
    out.truncated = true;
    out.truncated_reason = std::move(reason);
  };
  {
    Label<D> s{};
    s.v = to;
    s.parent = kNone;
    s.edge = kNoEdge;
    Entry<D> e{};
    for (int i = 0; i < D; ++i) e.f[i] = trees[i]->h(to);
    labels.push_back(s);
    open.push(e);
  }
  std::uint64_t pops = 0;
  bool front_full = false;
  while (!open.empty() && !out.truncated) {
    const Entry<D> top = open.top();
    open.pop();
    const Label<D> l = labels[top.label];
    if ((++pops & 255) == 0 && Clock::now() > deadline) {
      stop("time limit of " + Seconds(opt.max_seconds) + " s reached");
      break;
    }
    if (closed.Dominated(l.v, l.g) || closed.Dominated(from, top.f)) continue;
    if (l.v == from) {
      if (front_full) {  // one more front route exists: the limit, not the graph, ends the front
        stop("front size limit of " + std::to_string(opt.max_front) + " routes reached");
        break;
      }
      closed.Add(l.v, l.g);
      // The queue's order is exact but dominance allows kEps, so a route equal to earlier
      // ones in the first criterion up to rounding may still beat them in another.
      for (std::size_t k = solutions.size(); k-- > 0;) {
        const double* y = labels[solutions[k]].g;
        if (y[0] < l.g[0] - kEps) break;
        if (EpsDominates<D>(l.g, y)) solutions.erase(solutions.begin() + static_cast<std::ptrdiff_t>(k));
      }
      solutions.push_back(top.label);
      front_full = solutions.size() >= opt.max_front;
      continue;  // a route through the start and back would not be simple
    }
    closed.Add(l.v, l.g);
    ++out.expanded;
    g.ForEachInEdge(l.v, [&](EdgeId e) {
      if (out.truncated || !filter(e)) return;
      const Vertex w = g.source(e);
      Label<D> c;
      Entry<D> ce;
      for (int i = 0; i < D; ++i) {
        const double h = trees[i]->h(w);
        if (h == kInf) return;  // w is not on any route from the start
        c.g[i] = l.g[i] + cols[i](g, e);
        ce.f[i] = c.g[i] + h;
      }
      if (closed.Dominated(w, c.g) || closed.Dominated(from, ce.f)) return;
      if (labels.size() >= opt.max_labels) {
        stop("label budget of " + std::to_string(opt.max_labels) + " reached");
        return;
      }
      c.v = w;
      c.parent = top.label;
      c.edge = e;
      ce.label = static_cast<std::uint32_t>(labels.size());
      labels.push_back(c);
      open.push(ce);
    });
  }
  out.labels = labels.size();
  for (std::uint32_t id : solutions) {
    ParetoRoute r;
    // From the start, each label's move leads to its parent, towards the target.
    for (std::uint32_t i = id; labels[i].parent != kNone; i = labels[i].parent) r.edges.push_back(labels[i].edge);
    // Report the sums in route order (the search added them up backwards; they may differ
    // in the last bit), and keep the order exact for them.
    r.criteria.assign(D, 0.0);
    for (EdgeId e : r.edges)
      for (int i = 0; i < D; ++i) r.criteria[i] += cols[i](g, e);
    out.front.push_back(std::move(r));
  }
  std::stable_sort(out.front.begin(), out.front.end(),
                   [](const ParetoRoute& a, const ParetoRoute& b) { return a.criteria < b.criteria; });
  return out;
}

template <int D>
ParetoResult Run(const CareerGraph& g, Vertex from, Vertex to, const std::vector<Column>& cols, const Trees& trees,
                 const RouteFilter& filter, const ParetoOptions& opt) {
  std::array<Column, D> a;
  std::copy(cols.begin(), cols.end(), a.begin());
  return Search<D>(g, from, to, a, trees, filter, opt);
}

constexpr std::pair<const char*, v1::Criterion> kNames[] = {{"years", v1::CRITERION_YEARS},
                                                            {"risk", v1::CRITERION_RISK},
                                                            {"pay", v1::CRITERION_PAY},
                                                            {"ambiguity", v1::CRITERION_AMBIGUITY},
                                                            {"leadership", v1::CRITERION_LEADERSHIP},
                                                            {"skills", v1::CRITERION_SKILLS}};

Status CheckCriteria(const std::vector<v1::Criterion>& criteria) {
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    if (criteria[i] < v1::CRITERION_YEARS || criteria[i] > v1::CRITERION_SKILLS)
      return Status::InvalidArgument("criterion " + std::to_string(static_cast<int>(criteria[i])) +
                                     " is not one of years, risk, pay, ambiguity, leadership, skills")
          .WithField("criteria");
    for (std::size_t j = 0; j < i; ++j)
      if (criteria[j] == criteria[i])
        return Status::InvalidArgument("criterion '" + CriterionName(criteria[i]) + "' is given twice")
            .WithField("criteria");
  }
  if (criteria.size() < 2)
    return Status::InvalidArgument(
               "a trade-off needs at least 2 criteria (got " + std::to_string(criteria.size()) +
               "), e.g. years,risk; for the best route in one criterion ask for a route with that objective")
        .WithField("criteria");
  if (criteria.size() > 4)
    return Status::InvalidArgument("at most 4 criteria can be traded off at once (got " +
                                   std::to_string(criteria.size()) +
                                   "); the front grows too fast to read or compute beyond that")
        .WithField("criteria");
  return Status::Ok();
}

// A criterion over a position attribute needs it known on every position (no cost otherwise).
Status CheckCriteriaKnown(const CareerGraph& g, const std::vector<v1::Criterion>& criteria) {
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const v1::Criterion c = criteria[i];
    if (c != v1::CRITERION_PAY && c != v1::CRITERION_AMBIGUITY && c != v1::CRITERION_LEADERSHIP) continue;
    const Attribute a = c == v1::CRITERION_PAY         ? Attribute::kPay
                        : c == v1::CRITERION_AMBIGUITY ? Attribute::kAmbiguity
                                                       : Attribute::kLeadership;
    CAREERGRAPH_RETURN_IF_ERROR(g.RequireKnown(a, "the " + CriterionName(c) + " criterion", "criteria[" + std::to_string(i) + "]"));
  }
  return Status::Ok();
}

}  // namespace

double CriterionCost(const CareerGraph& g, v1::Criterion c, EdgeId e) {
  const Vertex v = g.target(e);
  switch (c) {
    case v1::CRITERION_YEARS: return g.years(e);
    case v1::CRITERION_RISK: return g.risk(e);
    case v1::CRITERION_PAY: return g.max_pay() > 0 ? (g.max_pay() - g.pay(v)) / g.max_pay() : 0.0;
    case v1::CRITERION_AMBIGUITY: return g.ambiguity(v);
    case v1::CRITERION_LEADERSHIP: return 1.0 - g.leadership(v);
    case v1::CRITERION_SKILLS: return g.competencies().move_gap(e);
    default: return 0.0;
  }
}

StatusOr<ParetoResult> ParetoFront(const CareerGraph& g, Vertex from, Vertex to,
                                   const std::vector<v1::Criterion>& criteria, const RouteFilter& filter,
                                   const ParetoOptions& opt) {
  CAREERGRAPH_RETURN_IF_ERROR(CheckCriteria(criteria));
  CAREERGRAPH_RETURN_IF_ERROR(CheckCriteriaKnown(g, criteria));
  if (from >= g.num_positions() || to >= g.num_positions())
    return Status::InvalidArgument("position index out of range");
  ParetoResult empty;
  if (!filter.VertexOk(from) || !filter.VertexOk(to) || opt.max_front == 0) return empty;

  // Columns: per-move values read in place; per-position penalties computed once per query.
  const Vertex n = g.num_positions();
  std::vector<std::vector<double>> head_values;
  std::vector<Column> cols;
  for (v1::Criterion c : criteria) {
    Column col;
    col.per_move = c == v1::CRITERION_YEARS || c == v1::CRITERION_RISK || c == v1::CRITERION_SKILLS;
    if (c == v1::CRITERION_SKILLS) {
      col.by_edge = g.competencies().move_gap_column();
      if (!col.by_edge) {  // no profiles: every gap is 0
        head_values.emplace_back(g.num_transitions(), 0.0);
        col.by_edge = head_values.back().data();
      }
    } else if (col.per_move) {
      col.by_edge = c == v1::CRITERION_YEARS ? g.years_column().data() : g.risk_column().data();
    } else {
      // The value of entering v does not depend on where from: evaluate it once per position.
      std::vector<double> values(n);
      for (Vertex v = 0; v < n; ++v) {
        const double pay = g.max_pay() > 0 ? (g.max_pay() - g.pay(v)) / g.max_pay() : 0.0;
        values[v] = c == v1::CRITERION_PAY ? pay
                    : c == v1::CRITERION_AMBIGUITY ? g.ambiguity(v)
                                                   : 1.0 - g.leadership(v);
      }
      head_values.push_back(std::move(values));
      col.by_head = head_values.back().data();
    }
    cols.push_back(col);
  }
  // Per-criterion bounds from the start: a tree per criterion, goal-directed on large graphs
  // and grown just until it settles the target. Growing further (e.g. to the largest value
  // the criteria's best routes reach) makes the label search smaller but, measured on the
  // 100k synthetic ladder, costs several times more than it saves.
  const bool goal_directed = g.GoalDirected(opt.landmark_min_positions, opt.build_landmarks);
  Trees trees;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    trees.push_back(std::make_unique<Tree>(
        g, from, ColumnCost{&g, cols[i]}, filter,
        goal_directed ? CriterionBound(g, criteria[i], to, cols[i]) : CriterionBound()));
    trees.back()->Grow(kInf, goal_directed ? to : kNoVertex);
    if (!trees.back()->settled(to)) return empty;
  }
  std::uint64_t settled = 0;
  for (const auto& tree : trees) settled += tree->settled_count();
  ParetoResult res;
  switch (criteria.size()) {
    case 2: res = Run<2>(g, from, to, cols, trees, filter, opt); break;
    case 3: res = Run<3>(g, from, to, cols, trees, filter, opt); break;
    default: res = Run<4>(g, from, to, cols, trees, filter, opt); break;
  }
  res.settled = settled;
  return res;
}

std::vector<std::size_t> PickRepresentatives(const std::vector<std::vector<double>>& points, std::size_t n) {
  std::vector<std::size_t> chosen;
  if (n >= points.size()) {
    for (std::size_t i = 0; i < points.size(); ++i) chosen.push_back(i);
    return chosen;
  }
  if (n == 0) return chosen;
  const std::size_t d = points[0].size();
  std::vector<double> lo(d, kInf), hi(d, -kInf);
  for (const auto& p : points)
    for (std::size_t k = 0; k < d; ++k) lo[k] = std::min(lo[k], p[k]), hi[k] = std::max(hi[k], p[k]);
  auto scaled = [&](std::size_t i, std::size_t k) {
    return hi[k] > lo[k] ? (points[i][k] - lo[k]) / (hi[k] - lo[k]) : 0.0;
  };
  std::vector<char> taken(points.size(), 0);
  auto take = [&](std::size_t i) {
    if (!taken[i] && chosen.size() < n) {
      taken[i] = 1;
      chosen.push_back(i);
    }
  };
  // The extremes: the best route in each criterion (the earliest on the front among ties).
  for (std::size_t k = 0; k < d; ++k) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < points.size(); ++i)
      if (points[i][k] < points[best][k]) best = i;
    take(best);
  }
  // Then farthest-first: the route whose nearest chosen route is farthest away.
  std::vector<double> nearest(points.size(), kInf);
  auto update = [&](std::size_t c) {
    for (std::size_t i = 0; i < points.size(); ++i) {
      double s = 0;
      for (std::size_t k = 0; k < d; ++k) {
        const double x = scaled(i, k) - scaled(c, k);
        s += x * x;
      }
      nearest[i] = std::min(nearest[i], s);
    }
  };
  for (std::size_t c : chosen) update(c);
  while (chosen.size() < n) {
    std::size_t far = points.size();
    for (std::size_t i = 0; i < points.size(); ++i)
      if (!taken[i] && (far == points.size() || nearest[i] > nearest[far])) far = i;
    take(far);
    update(far);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::string CriterionName(v1::Criterion c) {
  for (const auto& [name, value] : kNames)
    if (value == c) return name;
  return "unknown";
}

StatusOr<std::vector<v1::Criterion>> ParseCriteria(const std::string& text) {
  std::vector<v1::Criterion> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b == std::string::npos) continue;
    std::string name = item.substr(b, e - b + 1);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    bool known = false;
    for (const auto& [n, value] : kNames)
      if (name == n) {
        out.push_back(value);
        known = true;
      }
    if (!known)
      return Status::InvalidArgument("unknown criterion '" + name + "'; use years, risk, pay, ambiguity, leadership")
          .WithField("criteria");
  }
  CAREERGRAPH_RETURN_IF_ERROR(CheckCriteria(out));
  return out;
}

StatusOr<v1::TradeoffsResponse> FindTradeoffs(const CareerGraph& g, const v1::TradeoffsRequest& req,
                                              const TradeoffsLimits& limits) {
  auto from = g.index().Resolve(req.from(), "from");
  if (!from.ok()) return from.status();
  auto to = g.index().Resolve(req.to(), "to");
  if (!to.ok()) return to.status();
  std::vector<v1::Criterion> criteria;
  for (int k : req.criteria()) criteria.push_back(static_cast<v1::Criterion>(k));
  if (criteria.empty()) criteria = {v1::CRITERION_YEARS, v1::CRITERION_RISK};  // the documented default
  CAREERGRAPH_RETURN_IF_ERROR(CheckCriteria(criteria));
  const auto& c = req.constraints();
  if (c.via_size() > 0)
    return Status::InvalidArgument("trade-offs do not support via positions; ask for the trade-offs of each leg")
        .WithField("constraints.via");
  if (c.max_moves() > 0 || c.max_years() != 0)
    return Status::InvalidArgument(
               "trade-offs do not support max_moves or max_years; make years a criterion and read the front instead")
        .WithField(c.max_moves() > 0 ? "constraints.max_moves" : "constraints.max_years");
  if (req.max_front() > limits.max_front)
    return Status::TooLarge("at most " + std::to_string(limits.max_front) + " front routes may be asked for")
        .WithField("max_front");
  if (!std::isfinite(req.time_limit_seconds()) || req.time_limit_seconds() < 0)
    return Status::InvalidArgument("the time limit must be >= 0 seconds (0 = the default of " +
                                   Seconds(limits.max_seconds) + " s)")
        .WithField("time_limit_seconds");
  if (req.time_limit_seconds() > limits.max_seconds)
    return Status::TooLarge("a time limit of at most " + Seconds(limits.max_seconds) + " s may be asked for")
        .WithField("time_limit_seconds");
  if (req.representatives() > limits.max_front)
    return Status::TooLarge("at most " + std::to_string(limits.max_front) + " representatives may be asked for")
        .WithField("representatives");
  auto filter = RouteFilter::Make(g, c);
  if (!filter.ok()) return filter.status();

  ParetoOptions opt;
  opt.landmark_min_positions = limits.landmark_min_positions;
  opt.build_landmarks = limits.build_landmarks;
  opt.max_front = req.max_front() ? req.max_front() : limits.max_front;
  opt.max_seconds = req.time_limit_seconds() > 0 ? req.time_limit_seconds() : limits.max_seconds;
  opt.max_labels = limits.max_labels;
  auto res = ParetoFront(g, *from, *to, criteria, *filter, opt);
  if (!res.ok()) return res.status();
  if (res->front.empty()) {
    if (res->truncated)
      return Status(v1::DEADLINE_EXCEEDED, "no route found before the search stopped: " + res->truncated_reason +
                                               "; raise the limit or add exclusions");
    v1::RouteRequest rq;
    rq.set_from(req.from());
    rq.set_to(req.to());
    *rq.mutable_constraints() = c;
    auto rr = ResolveRoute(g, rq, RouteLimits{});
    if (!rr.ok()) return rr.status();
    return ExplainNoRoute(g, rq, *rr, RouteLimits{});
  }

  // Step and total costs: the chosen criteria with weight 1 each, as a best-fit objective.
  v1::Weights w;
  for (v1::Criterion k : criteria) switch (k) {
      case v1::CRITERION_YEARS: w.set_years(1); break;
      case v1::CRITERION_RISK: w.set_risk(1); break;
      case v1::CRITERION_PAY: w.set_pay(1); break;
      case v1::CRITERION_AMBIGUITY: w.set_ambiguity(1); break;
      case v1::CRITERION_SKILLS: w.set_skills(1); break;
      default: w.set_leadership(1); break;
    }
  auto cost = CostModel::Make(g, v1::OBJECTIVE_BEST_FIT, w);
  if (!cost.ok()) return cost.status();

  v1::TradeoffsResponse resp;
  for (v1::Criterion k : criteria) resp.add_criteria(k);
  std::vector<std::vector<double>> points;
  for (const auto& r : res->front) points.push_back(r.criteria);
  std::vector<std::size_t> reps;
  if (req.representatives() > 0) reps = PickRepresentatives(points, req.representatives());
  for (std::size_t i = 0; i < res->front.size(); ++i) {
    auto* tr = resp.add_routes();
    *tr->mutable_route() = MakeRoute(g, *cost, *from, res->front[i].edges);
    for (double x : res->front[i].criteria) tr->add_criteria(x);
  }
  for (std::size_t i : reps) {
    resp.mutable_routes(static_cast<int>(i))->set_representative(true);
    resp.add_representatives(static_cast<std::uint32_t>(i));
  }
  resp.set_truncated(res->truncated);
  resp.set_truncated_reason(res->truncated_reason);
  resp.set_graph_version(g.metadata().version());
  resp.set_labels(res->labels);
  resp.set_expanded(res->expanded);
  CAREERGRAPH_RETURN_IF_ERROR(AnnotateTradeoffsGaps(g, req.have(), &resp));
  return resp;
}

}  // namespace careergraph
