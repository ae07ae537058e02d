// RouteFilter: the hard exclusions of a route request, resolved once against the graph and
// then evaluated per edge inside the search (no filtered copy of the graph is made).
// An edge is allowed when its kind is not avoided, its head position is allowed (not
// avoided by id, track or org, and within max_ambiguity), and with no_pay_cut it does not
// lower pay; with max_gap / max_growth, the move's competency gap / largest growth (from the
// profile of the position it leaves, competency.h) is within the limit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph {

class RouteFilter {
 public:
  // Unknown positions, tracks or orgs fail with NOT_FOUND naming the field.
  static StatusOr<RouteFilter> Make(const CareerGraph& g, const v1::Constraints& c);

  bool VertexOk(Vertex v) const {
    if (!active_vertex_) return true;
    if (!avoid_track_.empty() && avoid_track_[g_->track_id(v)]) return false;
    if (!avoid_org_.empty() && avoid_org_[g_->org_id(v)]) return false;
    if (max_ambiguity_ > 0 && g_->ambiguity(v) > max_ambiguity_) return false;
    for (Vertex a : avoid_positions_)
      if (a == v) return false;
    return true;
  }
  bool operator()(EdgeId e) const {
    if (kind_mask_ & (1u << g_->kind(e))) return false;
    const Vertex v = g_->target(e);
    if (no_pay_cut_ && g_->pay(v) < g_->pay(g_->source(e))) return false;
    if (gap_ && gap_[e] > max_gap_) return false;
    if (growth_ && growth_[e] > max_growth_) return false;
    return VertexOk(v);
  }
  bool active() const { return active_vertex_ || kind_mask_ || no_pay_cut_ || gap_ || growth_; }
  // Names the exclusion that rejects v ("avoided track 'pm'"), or "" when v is allowed.
  std::string WhyExcluded(Vertex v) const;

 private:
  const CareerGraph* g_ = nullptr;
  bool active_vertex_ = false;
  std::vector<char> avoid_track_, avoid_org_;
  std::vector<Vertex> avoid_positions_;
  double max_ambiguity_ = 0;
  std::uint32_t kind_mask_ = 0;
  bool no_pay_cut_ = false;
  const double* gap_ = nullptr;     // the move gap column with max_gap, else null
  const double* growth_ = nullptr;  // the max growth column with max_growth, else null
  double max_gap_ = 0, max_growth_ = 0;
};

}  // namespace careergraph
