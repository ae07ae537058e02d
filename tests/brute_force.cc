#include "tests/brute_force.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace careergraph::testing {

void ForEachSimplePath(const CareerGraph& g, Vertex s, Vertex t, const std::function<bool(EdgeId)>& allow,
                       const std::function<bool(const std::vector<EdgeId>&)>& visit) {
  std::vector<char> on_path(g.num_positions(), 0);
  std::vector<EdgeId> path;
  bool stop = false;
  std::function<void(Vertex)> dfs = [&](Vertex u) {
    if (stop) return;
    if (u == t) {
      if (!visit(path)) stop = true;
      return;
    }
    on_path[u] = 1;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u) && !stop; ++e) {
      const Vertex v = g.target(e);
      if (on_path[v] || !allow(e)) continue;
      path.push_back(e);
      dfs(v);
      path.pop_back();
    }
    on_path[u] = 0;
  };
  dfs(s);
}

double LeastPathCost(const CareerGraph& g, Vertex s, Vertex t, const std::function<double(EdgeId)>& cost,
                     const std::function<bool(EdgeId)>& allow) {
  double best = std::numeric_limits<double>::infinity();
  ForEachSimplePath(g, s, t, allow, [&](const std::vector<EdgeId>& path) {
    double c = 0;
    for (EdgeId e : path) c += cost(e);
    best = std::min(best, c);
    return true;
  });
  return best;
}

v1::Graph RandomGraph(std::mt19937& rng, const RandomGraphOptions& opt) {
  std::uniform_int_distribution<int> npos(opt.min_positions, opt.max_positions);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int n = npos(rng);
  v1::Graph g;
  g.mutable_metadata()->set_name("random");
  g.mutable_metadata()->set_version("r1");
  for (int i = 0; i < n; ++i) {
    auto* p = g.add_positions();
    p->set_id("p" + std::to_string(i));
    p->set_title("Position " + std::to_string(i));
    p->set_track("t" + std::to_string(rng() % opt.tracks));
    p->set_org("o" + std::to_string(rng() % opt.orgs));
    p->set_level(1 + static_cast<int>(rng() % 6));
    p->set_annual_pay(50000 + 10000 * static_cast<double>(rng() % 20));
    p->set_ambiguity(static_cast<double>(rng() % 11) / 10.0);
    p->set_leadership(static_cast<double>(rng() % 11) / 10.0);
  }
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      if (a == b && !opt.allow_self_loops) continue;
      if (unit(rng) >= opt.edge_probability) continue;
      auto* t = g.add_transitions();
      t->set_from("p" + std::to_string(a));
      t->set_to("p" + std::to_string(b));
      auto kind = static_cast<v1::TransitionKind>(1 + rng() % 4);
      // A promotion goes up in level (validation refuses others); the same draw stays a lateral.
      if (kind == v1::TRANSITION_KIND_PROMOTION && g.positions(b).level() <= g.positions(a).level())
        kind = v1::TRANSITION_KIND_LATERAL;
      t->set_kind(kind);
      t->set_years(0.25 * static_cast<double>(1 + rng() % 16));
      t->set_probability(static_cast<double>(1 + rng() % 20) / 20.0);
    }
  for (int c = 0; c < opt.competencies; ++c) {
    auto* x = g.mutable_metadata()->add_competencies();
    x->set_id("c" + std::to_string(c));
    x->set_name("Competency " + std::to_string(c));
    x->set_scale_min(0);
    x->set_scale_max(5);
  }
  if (opt.competencies > 0)
    for (auto& p : *g.mutable_positions())
      for (int c = 0; c < opt.competencies; ++c) {
        if (rng() % 3 == 0) continue;  // not asked
        auto* r = p.add_competencies();
        r->set_competency("c" + std::to_string(c));
        r->set_level(static_cast<double>(rng() % 6));
        const int imp = static_cast<int>(rng() % 4);
        if (imp > 0) r->set_importance(imp == 1 ? 0.25 : imp == 2 ? 0.5 : 1.0);
      }
  return g;
}

GraphPtr RandomEngineGraph(std::mt19937& rng, const RandomGraphOptions& opt) {
  auto g = CareerGraph::Build(RandomGraph(rng, opt));
  if (!g.ok()) throw std::runtime_error(g.status().ToString());
  return *g;
}

}  // namespace careergraph::testing
