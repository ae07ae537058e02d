#include "engine/competency_gates.h"

#include <algorithm>
#include <string>
#include <vector>

#include "engine/competency.h"
#include "engine/gap.h"

namespace careergraph {
namespace {

// The moves of one kind, and per competency how many of them it gates and by how much.
class Tally {
 public:
  explicit Tally(std::size_t competencies) : count_(competencies, 0), growth_(competencies, 0.0) {}

  void Add(const MoveGap& gap) {
    ++moves_;
    bool gated = false;
    for (const CompetencyGap& x : gap.items)
      if (x.growth > 0) {
        ++count_[x.competency];
        growth_[x.competency] += x.growth;
        gated = true;
      }
    gated_ += gated;
  }

  v1::GatedMoves Report(const CareerGraph& g, std::uint32_t top) const {
    const Competencies& c = g.competencies();
    v1::GatedMoves out;
    out.set_moves(moves_);
    out.set_gated_moves(gated_);
    std::vector<std::uint32_t> order;
    for (std::uint32_t k = 0; k < c.size(); ++k)
      if (count_[k] > 0) order.push_back(k);
    out.set_gating_competencies(static_cast<std::uint32_t>(order.size()));
    auto mean = [&](std::uint32_t k) { return growth_[k] / count_[k]; };
    auto before = [&](std::uint32_t a, std::uint32_t b) {
      if (count_[a] != count_[b]) return count_[a] > count_[b];
      if (mean(a) != mean(b)) return mean(a) > mean(b);
      return c.id(a) < c.id(b);
    };
    const std::size_t n = std::min<std::size_t>(top, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(), before);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t k = order[i];
      v1::CompetencyGate* gate = out.add_competencies();
      gate->set_competency(c.id(k));
      gate->set_name(g.metadata().competencies(static_cast<int>(k)).name());
      gate->set_moves(count_[k]);
      gate->set_share(static_cast<double>(count_[k]) / moves_);
      gate->set_mean_growth(mean(k));
    }
    return out;
  }

 private:
  std::uint32_t moves_ = 0, gated_ = 0;
  std::vector<std::uint32_t> count_;  // by competency: moves it gates
  std::vector<double> growth_;        // by competency: growth summed over those moves
};

struct Candidate {
  double gap;
  EdgeId edge;
};

}  // namespace

std::optional<v1::CompetencyGates> FindCompetencyGates(const CareerGraph& g, std::uint32_t top) {
  const Competencies& c = g.competencies();
  if (c.empty()) return std::nullopt;
  Tally promotions(c.size()), switches(c.size());
  std::vector<Candidate> gaps;
  for (Vertex a = 0; a < g.num_positions(); ++a) {
    if (g.out_begin(a) == g.out_end(a)) continue;
    const std::vector<double> have = c.Levels(a);
    for (EdgeId e = g.out_begin(a); e < g.out_end(a); ++e) {
      const MoveGap gap = c.Explain(have, g.target(e));
      if (g.kind(e) == v1::TRANSITION_KIND_PROMOTION) promotions.Add(gap);
      if (g.kind(e) == v1::TRANSITION_KIND_TRACK_SWITCH) switches.Add(gap);
      if (gap.total > 0) gaps.push_back({gap.total, e});
    }
  }
  v1::CompetencyGates out;
  *out.mutable_promotions() = promotions.Report(g, top);
  *out.mutable_track_switches() = switches.Report(g, top);

  auto id = [&](Vertex v) -> const std::string& { return g.position(v).id(); };
  auto larger = [&](const Candidate& x, const Candidate& y) {
    if (x.gap != y.gap) return x.gap > y.gap;
    if (id(g.source(x.edge)) != id(g.source(y.edge))) return id(g.source(x.edge)) < id(g.source(y.edge));
    if (id(g.target(x.edge)) != id(g.target(y.edge))) return id(g.target(x.edge)) < id(g.target(y.edge));
    return x.edge < y.edge;
  };
  const std::size_t n = std::min<std::size_t>(top, gaps.size());
  std::partial_sort(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(n), gaps.end(), larger);
  for (std::size_t i = 0; i < n; ++i) {
    const EdgeId e = gaps[i].edge;
    const Vertex a = g.source(e), b = g.target(e);
    v1::GapMove* m = out.add_largest_gaps();
    m->set_kind(g.kind(e));
    *m->mutable_move() = DescribeMoveGap(g, a, b, c.Explain(c.Levels(a), b));
  }
  return out;
}

}  // namespace careergraph
