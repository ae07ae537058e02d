#include "engine/matrix.h"

#include "engine/cost.h"
#include "engine/horizon.h"
#include "engine/many_to_many.h"
#include "engine/search.h"

namespace careergraph {
namespace {

// Dijkstra from s that stops once `remaining` marked destinations are settled; the same
// kernel as a route, so a cell and the route between its two positions agree.
template <typename Cost, typename Allow>
std::uint64_t SearchToAll(const CareerGraph& g, Vertex s, const std::vector<char>& wanted, std::size_t remaining,
                          const Cost& cost, const Allow& allow, SearchSpace& ws) {
  if (remaining == 0) return 0;  // every destination is excluded
  return ForwardSearch(g, s, kNoVertex, cost, allow, NoPotential{}, ws, kInf, [&](Vertex v, double) {
    if (wanted[v]) --remaining;
    return remaining > 0;
  });
}

// A reachable cell from its route's edges, summed from the destination back as the
// per-origin search below does, so both give the same numbers for the same route.
void FillCell(const CareerGraph& g, const CostModel& cost, std::span<const EdgeId> path, v1::MatrixCell* c) {
  double years = 0, prob = 1, total = 0;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    years += g.years(*it);
    prob *= g.probability(*it);
    total += cost.Reported(*it);
  }
  c->set_reachable(true);
  c->set_years(years);
  c->set_moves(static_cast<std::uint32_t>(path.size()));
  c->set_probability(prob);
  c->set_cost(total);
}

}  // namespace

StatusOr<v1::MatrixResponse> ComputeMatrix(const CareerGraph& g, const v1::MatrixRequest& req,
                                           const MatrixLimits& limits) {
  if (req.from_size() == 0) return Status::InvalidArgument("give at least one origin").WithField("from");
  if (req.to_size() == 0) return Status::InvalidArgument("give at least one destination").WithField("to");
  const std::uint64_t cells = static_cast<std::uint64_t>(req.from_size()) * req.to_size();
  if (cells > limits.max_cells)
    return Status::TooLarge(std::to_string(req.from_size()) + " origins x " + std::to_string(req.to_size()) +
                            " destinations = " + std::to_string(cells) + " cells exceeds the limit of " +
                            std::to_string(limits.max_cells) + "; split the request")
        .WithField("to");
  std::vector<Vertex> from, to;
  for (int i = 0; i < req.from_size(); ++i) {
    auto v = g.index().Resolve(req.from(i), "from[" + std::to_string(i) + "]");
    if (!v.ok()) return v.status();
    from.push_back(*v);
  }
  for (int i = 0; i < req.to_size(); ++i) {
    auto v = g.index().Resolve(req.to(i), "to[" + std::to_string(i) + "]");
    if (!v.ok()) return v.status();
    to.push_back(*v);
  }
  auto cost = CostModel::Make(g, req.objective(), req.weights());
  if (!cost.ok()) return cost.status();
  auto filter = MoveFilter::Make(g, req.constraints(), req.min_leadership(), "matrix");
  if (!filter.ok()) return filter.status();

  v1::MatrixResponse resp;
  resp.set_objective(cost->objective());
  resp.set_cells(static_cast<std::uint32_t>(cells));
  resp.set_graph_version(g.metadata().version());
  for (Vertex v : to) {
    auto* e = resp.add_to();
    e->set_position_id(g.position(v).id());
    e->set_title(g.position(v).title());
  }
  // Without exclusions: many-to-many sweeps (many_to_many.h), the same routes at a fraction
  // of one search per origin; `settled` then counts the positions the sweeps scanned.
  if (g.num_positions() >= limits.many_to_many_min_positions && from.size() >= limits.many_to_many_min_origins &&
      req.constraints().ByteSizeLong() == 0 && req.min_leadership() == 0) {
    ManyToMany m2m(g, *cost);
    for (Vertex s : from) {
      auto* row = resp.add_rows();
      row->mutable_from()->set_position_id(g.position(s).id());
      row->mutable_from()->set_title(g.position(s).title());
      for (std::size_t j = 0; j < to.size(); ++j) row->add_cells();
    }
    std::uint32_t reachable = 0;
    const std::uint64_t scanned = m2m.Compute(from, to, [&](std::size_t i, std::size_t j, double, std::span<const EdgeId> path) {
      FillCell(g, *cost, path, resp.mutable_rows(static_cast<int>(i))->mutable_cells(static_cast<int>(j)));
      ++reachable;
    });
    resp.set_reachable_cells(reachable);
    resp.set_settled(scanned);
    return resp;
  }
  std::vector<char> wanted(g.num_positions(), 0);
  std::size_t distinct = 0;
  for (Vertex v : to) {
    if (!filter->VertexOk(v) || wanted[v]) continue;
    wanted[v] = 1;
    ++distinct;
  }
  SearchSpace ws;
  std::uint32_t reachable = 0;
  std::uint64_t settled = 0;
  for (Vertex s : from) {
    auto* row = resp.add_rows();
    row->mutable_from()->set_position_id(g.position(s).id());
    row->mutable_from()->set_title(g.position(s).title());
    const bool origin_ok = filter->VertexOk(s);
    if (origin_ok) settled += SearchToAll(g, s, wanted, distinct, *cost, *filter, ws);
    for (Vertex t : to) {
      auto* c = row->add_cells();
      if (!origin_ok || !wanted[t] || !ws.settled(t)) continue;
      double years = 0, prob = 1, total = 0;
      std::uint32_t moves = 0;
      for (Vertex v = t; v != s;) {
        const EdgeId e = ws.pred(v);
        years += g.years(e);
        prob *= g.probability(e);
        total += cost->Reported(e);
        ++moves;
        v = g.source(e);
      }
      c->set_reachable(true);
      c->set_years(years);
      c->set_moves(moves);
      c->set_probability(prob);
      c->set_cost(total);
      ++reachable;
    }
  }
  resp.set_reachable_cells(reachable);
  resp.set_settled(settled);
  return resp;
}

}  // namespace careergraph
