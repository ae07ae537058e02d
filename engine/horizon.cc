#include "engine/horizon.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace careergraph {
namespace {

// Relative tolerance for "a whole number of steps": sums of decimal years such as 0.1
// are not exact in binary, and a move of 0.3 years on a 0.1 grid must take 3 steps, not 4.
constexpr double kWhole = 1e-9;

bool NearWhole(double q) { return std::fabs(q - std::round(q)) <= kWhole * std::max(1.0, std::fabs(q)); }

}  // namespace

std::string FormatYears(double years) {
  std::ostringstream os;
  os << years;
  return os.str();
}

std::string FormatMoney(double amount, const std::string& currency) {
  if (!std::isfinite(amount)) return "n/a";
  // Halves round away from zero; the digits come from printf in double, so no amount
  // overflows an integer on the way (pay is bounded, sums and differences of it are not).
  const double whole = std::round(std::fabs(amount));
  char buf[400];  // "%.0f" of the largest double is 309 digits
  std::snprintf(buf, sizeof buf, "%.0f", whole);
  const std::string digits = buf;
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  const std::string unit = currency.empty() || currency == "USD" ? "$" : currency + " ";
  return (amount < 0 && whole != 0 ? "-" : "") + unit + grouped;
}

StatusOr<TimeGrid> TimeGrid::Make(double horizon_years, double step_years, const HorizonLimits& limits,
                                  const std::string& horizon_field, const std::string& step_field) {
  if (!std::isfinite(horizon_years) || horizon_years <= 0)
    return Status::InvalidArgument(horizon_field + " must be a positive number of years (got " +
                                   FormatYears(horizon_years) + ")")
        .WithField(horizon_field);
  if (horizon_years > limits.max_horizon_years + kWhole)
    return Status::TooLarge(horizon_field + " " + FormatYears(horizon_years) + " exceeds the limit of " +
                            FormatYears(limits.max_horizon_years) + " years")
        .WithField(horizon_field);
  if (step_years == 0) step_years = limits.default_step_years;
  if (!std::isfinite(step_years) || step_years < limits.min_step_years * (1 - kWhole))
    return Status::InvalidArgument(step_field + " must be at least " + FormatYears(limits.min_step_years) +
                                   " years (a week); got " + FormatYears(step_years))
        .WithField(step_field);
  if (step_years > horizon_years * (1 + kWhole))
    return Status::InvalidArgument(step_field + " " + FormatYears(step_years) + " is longer than the horizon of " +
                                   FormatYears(horizon_years) + " years")
        .WithField(step_field);
  const double q = horizon_years / step_years;
  if (!NearWhole(q)) {
    const double lo = std::floor(q) * step_years, hi = std::ceil(q) * step_years;
    return Status::InvalidArgument(horizon_field + " " + FormatYears(horizon_years) + " is not a whole number of " +
                                   FormatYears(step_years) + "-year steps; use " + FormatYears(lo) + " or " +
                                   FormatYears(hi) + ", or a step that divides it")
        .WithField(horizon_field);
  }
  TimeGrid g;
  g.step_ = step_years;
  g.steps_ = static_cast<std::uint32_t>(std::llround(q));
  return g;
}

bool TimeGrid::Divides(double years) const { return NearWhole(years / step_); }

std::uint32_t TimeGrid::StepsFor(double years) const {
  const double q = years / step_;
  double s = NearWhole(q) ? std::round(q) : std::ceil(q);
  if (s < 1) s = 1;
  if (s > 4e9) s = 4e9;
  return static_cast<std::uint32_t>(s);
}

StatusOr<MoveFilter> MoveFilter::Make(const CareerGraph& g, const v1::Constraints& c, double min_leadership,
                                      const std::string& what) {
  if (c.via_size() > 0)
    return Status::InvalidArgument("via applies to routes, not to " + what + "; ask for a route with constraints.via")
        .WithField("constraints.via");
  if (c.max_moves() > 0)
    return Status::InvalidArgument("constraints.max_moves applies to routes, not to " + what)
        .WithField("constraints.max_moves");
  if (c.max_years() != 0)
    return Status::InvalidArgument("constraints.max_years applies to routes, not to " + what +
                                   "; the horizon bounds the years")
        .WithField("constraints.max_years");
  if (!std::isfinite(min_leadership) || min_leadership < 0 || min_leadership > 1)
    return Status::InvalidArgument("min_leadership must be in [0, 1] (0 = no limit); got " +
                                   FormatYears(min_leadership))
        .WithField("min_leadership");
  if (min_leadership > 0)
    CAREERGRAPH_RETURN_IF_ERROR(g.RequireKnown(Attribute::kLeadership, "min_leadership", "min_leadership"));
  auto base = RouteFilter::Make(g, c);
  if (!base.ok()) return base.status();
  MoveFilter f;
  f.g_ = &g;
  f.base_ = *base;
  f.min_leadership_ = min_leadership;
  return f;
}

std::string MoveFilter::WhyExcluded(Vertex v) const {
  std::string why = base_.WhyExcluded(v);
  if (why.empty() && min_leadership_ > 0 && g_->leadership(v) < min_leadership_) {
    std::ostringstream os;
    os << "its leadership " << g_->leadership(v) << " is below min_leadership " << min_leadership_;
    why = os.str();
  }
  return why;
}

StatusOr<EndSet> EndSet::Make(const CareerGraph& g, const std::string& track, const std::string& position,
                              const std::string& track_field, const std::string& position_field) {
  if (!track.empty() && !position.empty())
    return Status::InvalidArgument("give " + track_field + " or " + position_field + ", not both")
        .WithField(position_field);
  if (!track.empty()) {
    auto t = ResolveTrack(g, track, track_field);
    if (!t.ok()) return t.status();
    return Track(g, *t);
  }
  if (!position.empty()) {
    auto v = g.index().Resolve(position, position_field);
    if (!v.ok()) return v.status();
    return Position(g, *v);
  }
  EndSet e;
  e.g_ = &g;
  return e;
}

EndSet EndSet::Track(const CareerGraph& g, std::uint32_t track_id) {
  EndSet e;
  e.g_ = &g;
  e.kind_ = Kind::kTrack;
  e.track_ = track_id;
  return e;
}

EndSet EndSet::Position(const CareerGraph& g, Vertex v) {
  EndSet e;
  e.g_ = &g;
  e.kind_ = Kind::kPosition;
  e.position_ = v;
  return e;
}

std::string EndSet::Describe() const {
  switch (kind_) {
    case Kind::kTrack: return "track '" + g_->tracks()[track_] + "'";
    case Kind::kPosition: return "'" + g_->position(position_).title() + "'";
    default: return "";
  }
}

std::string EndSet::track() const { return kind_ == Kind::kTrack ? g_->tracks()[track_] : std::string(); }

EdgeSteps EdgeSteps::Make(const CareerGraph& g, const TimeGrid& grid, const MoveFilter& filter) {
  EdgeSteps es;
  const EdgeId m = g.num_transitions();
  es.steps.assign(m, kNever);
  for (EdgeId e = 0; e < m; ++e) {
    if (!filter(e)) continue;
    const double y = g.years(e);
    if (!grid.Divides(y)) ++es.rounded;
    const std::uint32_t s = grid.StepsFor(y);
    if (s > grid.steps()) continue;
    es.steps[e] = static_cast<std::uint16_t>(s);
    es.max_steps = std::max(es.max_steps, s);
  }
  return es;
}

}  // namespace careergraph
