// Horizon queries' shared vocabulary: the time grid plans are solved on, the exclusions
// every exploration honours, and the place a plan may be asked to finish in.
//
// Design choices:
//  - Time is discretised into steps of `step` years (default 0.25) so that "the best plan
//    over N years" is a finite dynamic programme over (position, step) states. A move takes
//    StepsFor(years) = ceil(years / step) steps: rounding up means a plan never promises a
//    move sooner than the ladder says. When `step` divides every move's years the grid
//    loses nothing and the plan is exact for the ladder as given; otherwise it is exact
//    for the ladder with those moves lengthened to whole steps. RoundedMoves() counts them.
//    The horizon must be a whole number of steps, so nothing is cut at the end.
//  - Limits are explicit and checked by the requests themselves (max horizon, min step,
//    max states), in the manner of OSRM's RouteParameters::IsValid() and Valhalla's
//    service_limits.
//  - MoveFilter is RouteFilter (route_filter.h) plus a minimum leadership proximity. The
//    start of a plan, reach or next query is where the person is, so only positions moved
//    into are filtered; route-only constraints (via, max_moves, max_years) are rejected
//    rather than silently ignored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "careergraph/v1/route.pb.h"
#include "engine/career_graph.h"
#include "engine/route_filter.h"
#include "engine/status.h"
#include "engine/tracks.h"

namespace careergraph {

// The horizon a plan or comparison request gets when it names none (PlanRequest and
// CompareRequest leave horizon_years unset), and a reach request's default time budget.
inline constexpr double kDefaultHorizonYears = 10;
inline constexpr double kDefaultReachYears = 5;

struct HorizonLimits {
  double max_horizon_years = 50;
  double min_step_years = 1.0 / 52;  // a week
  double default_step_years = 0.25;
  std::uint64_t max_states = 50'000'000;  // positions x steps of one plan
};

class TimeGrid {
 public:
  // `horizon_field` / `step_field` name the request fields in errors.
  static StatusOr<TimeGrid> Make(double horizon_years, double step_years, const HorizonLimits& limits,
                                 const std::string& horizon_field = "horizon_years",
                                 const std::string& step_field = "step_years");

  double step() const { return step_; }
  std::uint32_t steps() const { return steps_; }  // the horizon, in steps
  double horizon() const { return step_ * steps_; }
  double Year(std::uint32_t t) const { return step_ * t; }
  // Steps a move of `years` takes: ceil(years / step), at least 1. Exact multiples (up to
  // floating-point noise) are not rounded up.
  std::uint32_t StepsFor(double years) const;
  bool Divides(double years) const;

 private:
  double step_ = 0.25;
  std::uint32_t steps_ = 0;
};

class MoveFilter {
 public:
  // Rejects via, max_moves and max_years (named in the error as constraints.X, with
  // `what` in the message, e.g. "plan"); min_leadership must be in [0, 1].
  static StatusOr<MoveFilter> Make(const CareerGraph& g, const v1::Constraints& c, double min_leadership,
                                   const std::string& what);

  bool VertexOk(Vertex v) const {
    return base_.VertexOk(v) && (min_leadership_ <= 0 || g_->leadership(v) >= min_leadership_);
  }
  bool operator()(EdgeId e) const {
    return base_(e) && (min_leadership_ <= 0 || g_->leadership(g_->target(e)) >= min_leadership_);
  }
  std::string WhyExcluded(Vertex v) const;

 private:
  const CareerGraph* g_ = nullptr;
  RouteFilter base_;
  double min_leadership_ = 0;
};

// Where a plan should finish: nowhere in particular, a track, or one position.
class EndSet {
 public:
  // At most one of track / position may be given; fails NOT_FOUND on unknown names.
  static StatusOr<EndSet> Make(const CareerGraph& g, const std::string& track, const std::string& position,
                               const std::string& track_field = "end_track",
                               const std::string& position_field = "end_position");
  static EndSet Track(const CareerGraph& g, std::uint32_t track_id);
  static EndSet Position(const CareerGraph& g, Vertex v);

  bool any() const { return kind_ == Kind::kAny; }
  bool Contains(Vertex v) const {
    switch (kind_) {
      case Kind::kTrack: return g_->track_id(v) == track_;
      case Kind::kPosition: return v == position_;
      default: return true;
    }
  }
  // "track 'pm'", "'Director of Product'"; empty when any.
  std::string Describe() const;
  std::string track() const;           // resolved track id or ""
  Vertex position() const { return kind_ == Kind::kPosition ? position_ : kNoVertex; }

 private:
  enum class Kind { kAny, kTrack, kPosition };
  const CareerGraph* g_ = nullptr;
  Kind kind_ = Kind::kAny;
  std::uint32_t track_ = 0;
  Vertex position_ = kNoVertex;
};

// Track lookup (ResolveTrack) lives in tracks.h.

// Per-edge step counts of one plan: StepsFor(years) for allowed edges that fit in the
// horizon, kNever otherwise (filtered out, or longer than the horizon). Computing this once
// per query takes the division and the filter out of the solvers' inner loops.
struct EdgeSteps {
  static constexpr std::uint16_t kNever = 0xFFFF;
  std::vector<std::uint16_t> steps;  // by CSR edge id
  std::uint32_t max_steps = 0;       // longest allowed move that fits (0 when none)
  std::uint32_t rounded = 0;         // allowed moves whose years are not whole steps
  static EdgeSteps Make(const CareerGraph& g, const TimeGrid& grid, const MoveFilter& filter);
};

// Formats a number of years for messages: "10", "2.5", "0.25".
std::string FormatYears(double years);
// Formats an amount of money for messages: "$610,000" for USD (or no currency), otherwise
// "EUR 610,000"; rounded to whole units (halves away from zero); "n/a" when not finite.
// Exact for any finite amount.
std::string FormatMoney(double amount, const std::string& currency);

}  // namespace careergraph
