#include "engine/landmarks.h"

#include <algorithm>

#include "engine/cost.h"
#include "engine/huge_pages.h"
#include "engine/search.h"

namespace careergraph {
namespace {

struct MetricCost {
  const CareerGraph* g;
  Metric m;
  double operator()(EdgeId e) const {
    switch (m) {
      case Metric::kHops: return 1.0;
      case Metric::kRisk: return g->risk(e);
      default: return g->years(e);
    }
  }
};

}  // namespace

std::vector<Vertex> Landmarks::Choose(const CareerGraph& g, int count) {
  const Vertex n = g.num_positions();
  std::vector<Vertex> chosen;
  if (n == 0) return chosen;
  count = std::min<int>(count, static_cast<int>(std::min<Vertex>(n, kMaxLandmarks)));
  // Score = min over chosen landmarks of (d(L,v) + d(v,L)) in hops-capped years; start
  // from the vertex farthest from vertex 0.
  std::vector<double> score(n, kInfinity);
  SearchSpace ws;
  MetricCost cost{&g, Metric::kYears};
  Vertex seed = 0;
  {
    ForwardSearch(g, 0, kNoVertex, cost, AllowAll{}, NoPotential{}, ws);
    double far = -1;
    for (Vertex v = 0; v < n; ++v)
      if (ws.reached(v) && ws.dist(v) > far) far = ws.dist(v), seed = v;
  }
  Vertex next = seed;
  while (static_cast<int>(chosen.size()) < count) {
    if (std::find(chosen.begin(), chosen.end(), next) != chosen.end()) break;
    chosen.push_back(next);
    std::vector<double> d(n, 0);
    ForwardSearch(g, next, kNoVertex, cost, AllowAll{}, NoPotential{}, ws);
    for (Vertex v = 0; v < n; ++v) d[v] = ws.reached(v) ? ws.dist(v) : 0;
    ReverseSearch(g, next, cost, AllowAll{}, ws);
    for (Vertex v = 0; v < n; ++v) d[v] += ws.reached(v) ? ws.dist(v) : 0;
    double best = -1;
    for (Vertex v = 0; v < n; ++v) {
      score[v] = std::min(score[v], d[v]);
      if (score[v] > best) best = score[v], next = v;
    }
    if (best <= 0) break;
  }
  return chosen;
}

template <typename Cost>
Landmarks Landmarks::Fill(const CareerGraph& g, const Cost& cost, const std::vector<Vertex>& landmarks, int count) {
  Landmarks lm;
  const Vertex n = g.num_positions();
  lm.k_ = static_cast<int>(std::min<std::size_t>({landmarks.size(), kMaxLandmarks, static_cast<std::size_t>(count)}));
  lm.near_k_ = std::min(lm.k_, kNear);
  lm.sites_.assign(landmarks.begin(), landmarks.begin() + lm.k_);
  // Read at random by every goal-directed search: huge pages keep those reads off the TLB.
  NearRow unreached;
  for (Entry& e : unreached.e) e = Entry{kInfinity, kInfinity};
  lm.near_.assign(n, unreached);
  lm.far_.assign(static_cast<std::size_t>(n) * (lm.k_ - lm.near_k_), Entry{kInfinity, kInfinity});
  SearchSpace ws;
  for (int i = 0; i < lm.k_; ++i) {
    ForwardSearch(g, landmarks[i], kNoVertex, cost, AllowAll{}, NoPotential{}, ws);
    for (Vertex v = 0; v < n; ++v)
      if (ws.reached(v)) lm.at(v, i).from = ws.dist(v);
    ReverseSearch(g, landmarks[i], cost, AllowAll{}, ws);
    for (Vertex v = 0; v < n; ++v)
      if (ws.reached(v)) lm.at(v, i).to = ws.dist(v);
  }
  return lm;
}

Landmarks Landmarks::Compute(const CareerGraph& g, Metric metric, const std::vector<Vertex>& landmarks) {
  return Fill(g, MetricCost{&g, metric}, landmarks, kMaxLandmarks);
}

Landmarks Landmarks::Compute(const CareerGraph& g, const CostModel& cost, const std::vector<Vertex>& landmarks) {
  return cost.Dispatch([&](auto fixed) { return Fill(g, fixed, landmarks, kNear); });
}

Landmarks::Potential::Potential(const Landmarks* lm, Vertex t, double scale) : lm_(lm), scale_(scale), used_(lm->k_) {
  for (int i = 0; i < lm->k_; ++i) {
    lt_[i] = lm->at(t, i).from;
    tl_[i] = lm->at(t, i).to;
  }
}

Landmarks::Potential::Potential(const Landmarks* lm, Vertex s, Vertex t, double scale, int use)
    : Potential(lm, t, scale) {
  used_ = std::min({use, lm->k_, kNear});
  for (int i = 0; i < used_; ++i) {
    ls_[i] = lm->at(s, i).from;
    sl_[i] = lm->at(s, i).to;
  }
}

const Landmarks& LandmarkCache::Get(const CareerGraph& g, Metric metric) {
  const int m = static_cast<int>(metric);
  std::call_once(once_[m], [&] {
    std::call_once(chosen_once_, [&] {
      // 16 landmarks bound well; past a million positions 8 keep the tables small.
      chosen_ = Landmarks::Choose(g, g.num_positions() > 500000 ? 8 : 16);
    });
    tables_[m] = std::make_unique<Landmarks>(Landmarks::Compute(g, metric, chosen_));
    built_.fetch_add(1, std::memory_order_release);
  });
  return *tables_[m];
}

}  // namespace careergraph
