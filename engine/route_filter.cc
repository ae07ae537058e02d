#include "engine/route_filter.h"

#include <cmath>
#include <sstream>

#include "engine/competency.h"
#include "engine/tracks.h"

namespace careergraph {
namespace {

StatusOr<std::uint32_t> FindName(const std::vector<std::string>& names, const std::string& want,
                                 const std::string& what, const std::string& field) {
  const std::string w = ToLower(want);
  for (std::uint32_t i = 0; i < names.size(); ++i)
    if (ToLower(names[i]) == w) return i;
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  if (names.size() > 20) known = std::to_string(names.size()) + " " + what + "s";
  return Status::NotFound("unknown " + what + " '" + want + "'; known: " + known).WithField(field);
}

}  // namespace

StatusOr<RouteFilter> RouteFilter::Make(const CareerGraph& g, const v1::Constraints& c) {
  RouteFilter f;
  f.g_ = &g;
  for (int i = 0; i < c.avoid_tracks_size(); ++i) {
    auto id = ResolveTrack(g, c.avoid_tracks(i), "constraints.avoid_tracks");
    if (!id.ok()) return id.status();
    f.avoid_track_.resize(g.tracks().size(), 0);
    f.avoid_track_[*id] = 1;
  }
  for (int i = 0; i < c.avoid_orgs_size(); ++i) {
    auto id = FindName(g.orgs(), c.avoid_orgs(i), "org", "constraints.avoid_orgs");
    if (!id.ok()) return id.status();
    f.avoid_org_.resize(g.orgs().size(), 0);
    f.avoid_org_[*id] = 1;
  }
  for (int i = 0; i < c.avoid_positions_size(); ++i) {
    auto v = g.index().Resolve(c.avoid_positions(i), "constraints.avoid_positions");
    if (!v.ok()) return v.status();
    f.avoid_positions_.push_back(*v);
  }
  for (int i = 0; i < c.avoid_kinds_size(); ++i) {
    const int k = c.avoid_kinds(i);
    if (k <= 0 || k > v1::TRANSITION_KIND_ORG_CHANGE)
      return Status::InvalidArgument("unknown transition kind " + std::to_string(k)).WithField("constraints.avoid_kinds");
    f.kind_mask_ |= 1u << k;
  }
  if (!std::isfinite(c.max_ambiguity()) || c.max_ambiguity() < 0 || c.max_ambiguity() > 1)
    return Status::InvalidArgument("max_ambiguity must be in [0, 1] (0 = no limit)").WithField("constraints.max_ambiguity");
  f.max_ambiguity_ = c.max_ambiguity();
  f.no_pay_cut_ = c.no_pay_cut();
  // A limit on a value the ladder does not give cannot be decided: say which positions lack it.
  if (f.max_ambiguity_ > 0)
    CAREERGRAPH_RETURN_IF_ERROR(g.RequireKnown(Attribute::kAmbiguity, "constraints.max_ambiguity", "constraints.max_ambiguity"));
  if (f.no_pay_cut_)
    CAREERGRAPH_RETURN_IF_ERROR(g.RequireKnown(Attribute::kPay, "constraints.no_pay_cut", "constraints.no_pay_cut"));
  if (c.has_max_gap()) {
    if (!std::isfinite(c.max_gap()) || c.max_gap() < 0)
      return Status::InvalidArgument("max_gap must be a number >= 0").WithField("constraints.max_gap");
    f.gap_ = g.competencies().move_gap_column();
    f.max_gap_ = c.max_gap();
  }
  if (c.has_max_growth()) {
    if (!std::isfinite(c.max_growth()) || c.max_growth() < 0)
      return Status::InvalidArgument("max_growth must be a number >= 0 (levels)").WithField("constraints.max_growth");
    f.growth_ = g.competencies().move_growth_column();
    f.max_growth_ = c.max_growth();
  }
  f.active_vertex_ = !f.avoid_track_.empty() || !f.avoid_org_.empty() || !f.avoid_positions_.empty() ||
                     f.max_ambiguity_ > 0;
  return f;
}

std::string RouteFilter::WhyExcluded(Vertex v) const {
  const auto& p = g_->position(v);
  if (!avoid_track_.empty() && avoid_track_[g_->track_id(v)]) return "its track '" + p.track() + "' is avoided";
  if (!avoid_org_.empty() && avoid_org_[g_->org_id(v)]) return "its org '" + p.org() + "' is avoided";
  if (max_ambiguity_ > 0 && g_->ambiguity(v) > max_ambiguity_) {
    std::ostringstream os;
    os << "its ambiguity " << g_->ambiguity(v) << " exceeds constraints.max_ambiguity " << max_ambiguity_;
    return os.str();
  }
  for (Vertex a : avoid_positions_)
    if (a == v) return "it is in constraints.avoid_positions";
  return "";
}

}  // namespace careergraph
