#include "engine/alternatives.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <string>
#include <utility>

#include "engine/cancel.h"
#include "engine/label_store.h"
#include "engine/objective_bound.h"
#include "engine/search.h"

namespace careergraph {
namespace {

constexpr double kEps = 1e-9;

// A set of positions cleared in O(1) by bumping a generation.
class Marks {
 public:
  void Clear(std::size_t n) {
    if (stamp_.size() != n) {
      stamp_.assign(n, 0);
      gen_ = 0;
    }
    if (++gen_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      gen_ = 1;
    }
  }
  void Set(Vertex v) { stamp_[v] = gen_; }
  bool Has(Vertex v) const { return stamp_[v] == gen_; }

 private:
  std::vector<std::uint32_t> stamp_;
  std::uint32_t gen_ = 0;
};

bool Contains(const std::vector<Vertex>& xs, Vertex v) { return std::find(xs.begin(), xs.end(), v) != xs.end(); }

using Tree = SourceTree<CostModel, RouteFilter, ObjectiveBound>;

// A route in the queue and the subspace of routes it is the best of. The search runs from
// the target back to the start, so the subspace is: routes that end with this route's
// last `dev` moves and do not enter their first position from any of `excluded`.
struct Candidate {
  std::vector<EdgeId> edges;  // start to target
  double cost = 0;
  std::uint32_t dev = 0;
  std::vector<Vertex> excluded;
};

// What a spur search is asked: the best route from the start to `u` that avoids every root
// position and does not enter `u` from an excluded position.
struct SpurQuery {
  Vertex u;
  const std::vector<Vertex>* excluded;
  double root_years;
  std::uint32_t root_moves;
};

// Without resource limits: A* from u back towards the start over the tree's bounds,
// stopping at the first settled position whose tree path from the start avoids the root.
class TreeSpur {
 public:
  TreeSpur(const CareerGraph& g, const ResolvedRoute& r, Tree& tree, const Marks& banned, bool goal_directed)
      : g_(g), r_(r), tree_(tree), banned_(banned), goal_directed_(goal_directed) {
    tree_.Grow(kInf, goal_directed_ ? r.to : kNoVertex);  // goal-directed: just past the target
  }

  // Before the spur searches of a route costing `cost`: the routes they look for cost at
  // least as much, so the tree is grown to there (measured on the 100k synthetic ladder,
  // growing further costs more in the tree than it saves in spur searches).
  void Prepare(double cost) {
    if (goal_directed_) tree_.Grow(cost + kEps);
  }

  // Sets `path` to the spur's edges, start to u; false when there is none.
  StatusOr<bool> Search(const SpurQuery& q, std::vector<EdgeId>* path, std::uint64_t* settled) {
    const Vertex n = g_.num_positions();
    ws_.Prepare(n);
    memo_seen_.Clear(n);
    if (memo_.size() != n) memo_.resize(n);
    if (tree_.h(q.u) == kInf) return false;
    QuadHeap& heap = ws_.heap();
    ws_.Reach(q.u, 0.0, kNoEdge);
    heap.Push(q.u, tree_.h(q.u));
    Vertex end = kNoVertex;
    while (!heap.empty()) {
      const Vertex v = heap.Pop();
      PollCancel();
      ws_.Settle(v);
      ++*settled;
      if (Clean(v)) {
        end = v;
        break;
      }
      const double dv = ws_.dist(v);
      g_.ForEachInEdge(v, [&](EdgeId e) {
        const Vertex w = g_.source(e);
        if (banned_.Has(w) || ws_.settled(w) || !r_.filter(e)) return;
        if (v == q.u && Contains(*q.excluded, w)) return;
        const double hw = tree_.h(w);
        if (hw == kInf) return;
        const double nd = dv + r_.cost(e);
        if (nd < ws_.dist(w)) {
          ws_.Reach(w, nd, e);
          heap.Push(w, nd + hw);
        }
      });
    }
    if (end == kNoVertex) return false;
    path->clear();
    for (Vertex x = end; x != tree_.source();) {
      const EdgeId e = tree_.pred(x);
      path->push_back(e);
      x = g_.source(e);
    }
    std::reverse(path->begin(), path->end());
    for (Vertex x = end; x != q.u;) {
      const EdgeId e = ws_.pred(x);
      path->push_back(e);
      x = g_.target(e);
    }
    return true;
  }

 private:
  // Whether v's tree path from the start is settled and avoids the root; memoised.
  bool Clean(Vertex v) {
    if (!tree_.settled(v)) return false;
    const Vertex s = tree_.source();
    walk_.clear();
    bool clean;
    for (Vertex x = v;;) {
      if (x == s) {  // never part of a root, except as the target itself when s == t
        clean = true;
        break;
      }
      if (memo_seen_.Has(x)) {
        clean = memo_[x];
        break;
      }
      if (banned_.Has(x)) {
        clean = false;
        break;
      }
      walk_.push_back(x);
      x = g_.source(tree_.pred(x));
    }
    for (Vertex x : walk_) {
      memo_seen_.Set(x);
      memo_[x] = clean;
    }
    return clean;
  }

  const CareerGraph& g_;
  const ResolvedRoute& r_;
  Tree& tree_;
  const Marks& banned_;
  bool goal_directed_;
  SearchSpace ws_;
  Marks memo_seen_;
  std::vector<char> memo_;
  std::vector<Vertex> walk_;
};

// With max_moves / max_years: label setting from u back to the start with dominance on
// (cost, years, moves), pruned by exact bounds from the start, as route.cc's constrained
// search does towards the target.
class LabelSpur {
 public:
  LabelSpur(const CareerGraph& g, const ResolvedRoute& r, const Marks& banned, std::uint64_t max_labels)
      : g_(g), r_(r), banned_(banned), max_labels_(max_labels), rules_(r.max_years, r.max_moves) {
    SearchSpace ws;
    lb_.Fill(g, r.cost, [&](const auto& cost) -> const SearchSpace& {
      ForwardSearch(g, r.from, kNoVertex, cost, r.filter, NoPotential{}, ws);
      return ws;
    });
  }

  void Prepare(double) {}

  StatusOr<bool> Search(const SpurQuery& q, std::vector<EdgeId>* path, std::uint64_t* settled) {
    labels_.Reset(g_.num_positions());
    auto insert = [&](const ResourceLabel& l) {
      if (rules_.Feasible(l, lb_)) labels_.Insert(l.v, l, l.cost + lb_.cost[l.v], rules_);
    };

    insert({0.0, q.root_years, q.root_moves, q.u, 0, Store::kNone, kNoEdge, false});
    for (Store::Id id; (id = labels_.PopLive()) != Store::kNone;) {
      const ResourceLabel l = labels_[id];
      ++*settled;
      if (labels_.size() > max_labels_)
        return Status::TooLarge("a constrained alternatives search exceeded its budget of " +
                                std::to_string(max_labels_) +
                                " labels; ask for fewer alternatives, tighten constraints.max_years or constraints.max_moves, or add exclusions");
      if (l.v == r_.from) {
        path->clear();
        labels_.AppendMovesBack(id, path);
        return true;
      }
      g_.ForEachInEdge(l.v, [&](EdgeId e) {
        const Vertex w = g_.source(e);
        if (banned_.Has(w) || !r_.filter(e)) return;
        if (l.v == q.u && Contains(*q.excluded, w)) return;
        insert({l.cost + r_.cost(e), l.years + g_.years(e), l.moves + 1, w, 0, id, e, false});
      });
    }
    return false;
  }

 private:
  using Store = LabelStore<ResourceLabel>;

  const CareerGraph& g_;
  const ResolvedRoute& r_;
  const Marks& banned_;
  std::uint64_t max_labels_;
  ResourceRules rules_;
  ResourceBounds lb_;  // from the start: the search runs from u back towards it
  Store labels_;
};

// Cuts the cycles out of a walk from `from` (only zero-cost moves can make one here), so
// the route is simple and costs no more.
void MakeSimple(const CareerGraph& g, Vertex from, std::vector<EdgeId>* edges, Marks* seen,
                std::vector<std::uint32_t>* index_of) {
  seen->Clear(g.num_positions());
  if (index_of->size() != g.num_positions()) index_of->resize(g.num_positions());
  std::vector<EdgeId> out;
  out.reserve(edges->size());
  // index_of[v] = k means v was reached after k moves; entries left by a cut are stale, so
  // check that the walk as it is now still has v there.
  auto position = [&](Vertex v) -> std::ptrdiff_t {
    if (!seen->Has(v)) return -1;
    const std::uint32_t k = (*index_of)[v];
    if (k > out.size()) return -1;
    const bool there = k == 0 ? v == from : g.target(out[k - 1]) == v;
    return there ? static_cast<std::ptrdiff_t>(k) : -1;
  };
  seen->Set(from);
  (*index_of)[from] = 0;
  for (EdgeId e : *edges) {
    const Vertex v = g.target(e);
    if (const auto k = position(v); k >= 0) {
      out.resize(static_cast<std::size_t>(k));  // back to where v was first reached
      continue;
    }
    out.push_back(e);
    seen->Set(v);
    (*index_of)[v] = static_cast<std::uint32_t>(out.size());
  }
  edges->swap(out);
}

double PathCost(const ResolvedRoute& r, const std::vector<EdgeId>& edges) {
  double c = 0;
  for (EdgeId e : edges) c += r.cost(e);
  return c;
}

template <typename Oracle>
StatusOr<AlternativesResult> Enumerate(const CareerGraph& g, const ResolvedRoute& r, const AlternativesOptions& opt,
                                       Oracle& oracle, Marks& banned) {
  AlternativesResult out;
  const Vertex n = g.num_positions();
  std::vector<Candidate> cands;
  using QE = std::pair<double, std::size_t>;  // (cost, candidate index): ties keep generation order
  std::priority_queue<QE, std::vector<QE>, std::greater<>> queue;
  Marks seen;
  std::vector<std::uint32_t> index_of;
  const std::vector<Vertex> none;

  auto add = [&](std::vector<EdgeId> edges, std::uint32_t dev, std::vector<Vertex> excluded) {
    MakeSimple(g, r.from, &edges, &seen, &index_of);
    const double cost = PathCost(r, edges);
    queue.emplace(cost, cands.size());
    cands.push_back({std::move(edges), cost, dev, std::move(excluded)});
  };

  {
    banned.Clear(n);
    banned.Set(r.to);
    std::vector<EdgeId> first;
    ++out.spur_searches;
    auto found = oracle.Search({r.to, &none, 0.0, 0}, &first, &out.settled);
    if (!found.ok()) return found.status();
    if (!*found) return out;
    add(std::move(first), 0, {});
  }

  double best = 0;
  std::vector<Vertex> rev;  // the route's positions from the target back to the start
  std::vector<EdgeId> edges;
  while (!queue.empty() && out.routes.size() < opt.k) {
    PollCancel();
    const std::size_t idx = queue.top().second;
    queue.pop();
    Candidate c = std::move(cands[idx]);
    cands[idx] = Candidate();
    if (out.examined++ == 0) best = c.cost;
    if (opt.max_stretch > 0 && c.cost > opt.max_stretch * best + kEps) break;  // the rest cost more still
    bool keep = true;
    if (opt.max_overlap > 0)
      for (const auto& kept : out.routes)
        if (MoveOverlap(g, c.edges, kept.edges) > opt.max_overlap + 1e-12) {
          keep = false;
          break;
        }
    if (keep) {
      out.routes.push_back({true, c.edges, c.cost, 0});
      if (out.routes.size() >= opt.k) break;
    }
    if (out.examined >= opt.max_examined) {
      out.truncated = true;
      break;
    }

    // Lawler's partition of c's subspace minus c: for each i from the deviation on, routes
    // that end with c's last i moves and enter their first position from elsewhere.
    oracle.Prepare(c.cost);
    const auto len = static_cast<std::uint32_t>(c.edges.size());
    rev.assign(1, r.to);
    for (std::uint32_t k = len; k-- > 0;) rev.push_back(g.source(c.edges[k]));
    banned.Clear(n);
    double years = 0;
    for (std::uint32_t j = 0; j < c.dev; ++j) {
      banned.Set(rev[j]);
      years += g.years(c.edges[len - 1 - j]);
    }
    for (std::uint32_t i = c.dev; i < len; ++i) {
      if (i > c.dev) years += g.years(c.edges[len - i]);
      banned.Set(rev[i]);
      std::vector<Vertex> excluded = {rev[i + 1]};
      if (i == c.dev) excluded.insert(excluded.end(), c.excluded.begin(), c.excluded.end());
      ++out.spur_searches;
      auto found = oracle.Search({rev[i], &excluded, years, i}, &edges, &out.settled);
      if (!found.ok()) {
        // The routes found so far are still the exact best ones; a budget ends the list.
        if (found.status().code() == v1::TOO_LARGE) {
          out.truncated = true;
          return out;
        }
        return found.status();
      }
      if (!*found) continue;
      edges.insert(edges.end(), c.edges.end() - i, c.edges.end());
      add(edges, i, std::move(excluded));
    }
  }
  return out;
}

}  // namespace

double MoveOverlap(const CareerGraph& g, const std::vector<EdgeId>& route, const std::vector<EdgeId>& other) {
  if (route.empty()) return 0.0;
  std::size_t shared = 0;
  for (EdgeId a : route)
    for (EdgeId b : other)
      if (g.source(a) == g.source(b) && g.target(a) == g.target(b)) {
        ++shared;
        break;
      }
  return static_cast<double>(shared) / static_cast<double>(route.size());
}

StatusOr<AlternativesResult> KShortestRoutes(const CareerGraph& g, const ResolvedRoute& r,
                                             const AlternativesOptions& opt) {
  if (!r.via.empty())
    return Status::InvalidArgument(
               "alternatives cannot be combined with via positions: a route through via positions may cross "
               "itself between legs, so it is not a simple route; ask for alternatives of each leg instead")
        .WithField("constraints.via");
  if (!std::isfinite(opt.max_overlap) || opt.max_overlap < 0 || opt.max_overlap > 1)
    return Status::InvalidArgument("max_overlap must be a fraction between 0 and 1 (0 = off)").WithField("max_overlap");
  if (!std::isfinite(opt.max_stretch) || (opt.max_stretch != 0 && opt.max_stretch < 1))
    return Status::InvalidArgument("max_stretch must be >= 1, a multiple of the best route's cost (0 = off)")
        .WithField("max_stretch");
  if (opt.k == 0 || !r.filter.VertexOk(r.from) || !r.filter.VertexOk(r.to)) return AlternativesResult{};

  Marks banned;
  if (r.resource_limited()) {
    LabelSpur oracle(g, r, banned, opt.max_labels);
    return Enumerate(g, r, opt, oracle, banned);
  }
  const bool goal_directed = g.GoalDirected(opt.landmark_min_positions, opt.build_landmarks);
  Tree tree(g, r.from, r.cost, r.filter, goal_directed ? ObjectiveBound(g, r.cost, r.to) : ObjectiveBound());
  TreeSpur oracle(g, r, tree, banned, goal_directed);
  auto res = Enumerate(g, r, opt, oracle, banned);
  if (res.ok()) res->settled += tree.settled_count();
  return res;
}

StatusOr<v1::RouteResponse> FindAlternatives(const CareerGraph& g, const v1::RouteRequest& req, const ResolvedRoute& r,
                                             const RouteLimits& limits) {
  AlternativesOptions opt;
  opt.k = std::max<std::uint32_t>(req.alternatives(), 1);
  opt.max_overlap = req.max_overlap();
  opt.max_stretch = req.max_stretch();
  opt.max_labels = limits.max_labels;
  opt.landmark_min_positions = limits.landmark_min_positions;
  opt.build_landmarks = limits.build_landmarks;
  auto res = KShortestRoutes(g, r, opt);
  if (!res.ok()) return res.status();
  if (res->routes.empty()) return ExplainNoRoute(g, req, r, limits);
  v1::RouteResponse resp;
  resp.set_objective(r.cost.objective());
  for (const auto& p : res->routes) *resp.add_routes() = MakeRoute(g, r.cost, r.from, p.edges);
  resp.set_routes_found(static_cast<std::uint32_t>(res->routes.size()));
  resp.set_graph_version(g.metadata().version());
  resp.set_settled(res->settled);
  resp.set_truncated(res->truncated);
  return resp;
}

}  // namespace careergraph
