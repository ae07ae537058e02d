// Pay for the O*NET occupations, and how sure each figure is (graph.proto, PayBasis).
//
// OEWS publishes wages by SOC code; O*NET divides some SOC occupations further
// (11-9121.00 Natural Sciences Managers and 11-9121.01 Clinical Research Coordinators both
// map to OEWS 11-9121), and OEWS publishes others only as a broader group. Such an
// occupation carries a group's figure, not its own. Every occupation gets a basis:
//   measured    its OEWS code is its own detailed code and no other occupation of the graph
//               uses it
//   top-coded   the published median is '#': a floor
//   shared      a group's figure (a code shared with other occupations, or a broader group)
//   estimated   placed within the group's published wage percentiles by the estimator below,
//               used only when the held-out validation shows it beats the group median
//
// The estimator. Within a group of siblings (the occupations that share its figure), each
// sibling's evidence is compared with the siblings' mean: job zone, required education and
// related work experience (years; O*NET Education, Training, and Experience). Then
//   ln(pay / group median) = ln(P75 / P25) * sum_j beta_j * (x_j - mean_j),
// clamped to the group's [P10, P90]. ln(P75/P25) is the group's own spread, so a wide group
// moves a sibling further than a narrow one; beta is fitted by least squares across the
// whole dataset on occupations whose pay is measured (below). A sibling that lacks a piece of
// evidence is not moved on it (missing is not zero).
//
// The validation (the "hide the code, estimate, compare"). An occupation with its own
// detailed code is given only its nearest broader group's wages (broad, else minor: the first
// that publishes a median, P25 and P75 and has at least two of the graph's SOC codes under
// it); its siblings are the graph's other occupations in that group. Its estimate is compared
// with its real median, and so is the baseline, the group median the import used before.
// beta is fitted leaving the held-out group out (leave-one-group-out), so no occupation is
// estimated by a model that saw it. The estimates are used only when both the median and the
// 90th percentile of the absolute relative error beat the baseline's, over at least
// kMinHeldOutCases cases; otherwise the shared figures are kept and the report says why.
//
// Design choices:
//  - Ranking siblings and reading their mid-quantile off the group's percentile curve was
//    measured too and lost clearly: P10..P90 spread the workers of a group, whose
//    occupations' medians lie much closer together (data/onet/README.md has the numbers).
//  - Deterministic: cases and groups run in code order; the fit is a fixed-order 3x3 solve.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/status.h"
#include "io/onet_import.h"
#include "io/onet_input.h"
#include "io/wages.h"

namespace careergraph::io::onet {

// What places an occupation within its group's wages.
struct PayEvidence {
  int zone = 0;                          // O*NET job zone 1..5
  std::optional<double> education;       // required post-secondary education, years (RL)
  std::optional<double> experience;      // related work experience, years (RW)
};
inline constexpr std::size_t kEvidence = 3;  // zone, education, experience
using Deviation = std::array<double, kEvidence>;

// Each member's evidence minus the members' mean of it. 0 where the member lacks it, or
// fewer than two members have it (nothing to compare with).
std::vector<Deviation> Deviations(std::span<const PayEvidence> members);

// A group's annual wages at AnnualPercentiles::kAt.
struct GroupWages {
  // nullopt = not published, or top-coded with the top code unknown; a top-coded percentile
  // with a known top code holds it (a floor: P75 and P90 of well-paid groups).
  std::array<std::optional<double>, 5> at;
  bool median_top_coded = false;
};
GroupWages GroupWagesOf(const AnnualPercentiles& p);
// The group can place a member: its median, P25 and P75 are known and positive, and its
// median is not top-coded (a floor cannot anchor an estimate).
bool CanPlace(const GroupWages& g);

struct PayModel {
  Deviation beta{};
  std::size_t cases = 0;  // held-out cases it was fitted on
};

// The estimate for a member with deviation `d` of a group that CanPlace.
double Place(const PayModel& model, const GroupWages& group, const Deviation& d);

// One occupation with its own median, given only its group's wages.
struct HeldOutCase {
  std::string id;      // the occupation, e.g. "15-1252.00"
  std::string group;   // the OEWS group code whose wages it was given, e.g. "15-1250"
  GroupWages wages;    // CanPlace
  Deviation deviation{};
  double own = 0;      // its real median
};

// Least squares of ln(own / group median) on ln(P75/P25) * deviation, without intercept
// (a sibling at the siblings' mean stays at the median), over the cases not in
// `except_group`. An evidence with no spread among the cases gets beta 0.
PayModel FitPayModel(std::span<const HeldOutCase> cases, std::string_view except_group = {});

struct PayValidation {
  std::size_t cases = 0, groups = 0;
  // Absolute relative errors |figure - own| / own: the estimator's and the group median's.
  double estimate_median = 0, estimate_p90 = 0, baseline_median = 0, baseline_p90 = 0;
  bool estimator_wins = false;  // both of its errors lower, over >= kMinHeldOutCases cases
};
inline constexpr std::size_t kMinHeldOutCases = 30;
// Leave-one-group-out over `cases`.
PayValidation ValidatePayModel(std::span<const HeldOutCase> cases);

// The p-quantile (0 < p <= 1) by nearest rank: the smallest value with at least p of the
// values at or below it; 0 for an empty list.
double NearestRankQuantile(std::vector<double> values, double p);

// The pay of every node (code order), with its basis, source and error.
struct PayFigures {
  std::vector<double> pay;  // USD a year, to the dollar
  std::vector<v1::PayBasis> basis;
  std::vector<std::string> source;
  std::vector<std::optional<double>> error;
  std::vector<std::vector<std::string>> tags;
  std::vector<HeldOutCase> held_out;  // the validation's cases
  PayValidation validation;
  PayModel model;  // fitted on every held-out case
};

// `release`: how the wages name themselves in words ("OEWS May 2024"). Counts in `report`.
// NOT_FOUND when the wages have no pay for an occupation's SOC code or any broader group.
StatusOr<PayFigures> AssignPay(const std::vector<const Occupation*>& nodes, const OewsWages& wages,
                               std::string_view release, OnetImportReport* report);

// "OEWS May 2024" from the field descriptions' first line "May 2024 OEWS Estimates"; "OEWS"
// when the line says nothing recognisable.
std::string OewsReleaseLabel(std::string_view first_line);

}  // namespace careergraph::io::onet
