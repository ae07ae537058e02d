// The numbers the O*NET graph gives each occupation, estimated from what onet_input.h read:
// pay, ambiguity, leadership, related work experience, and the preparation years of each
// job zone. data/onet/README.md explains every formula and why (summarised in
// onet_import.h).
//
// Design choices:
//  - Missing is not zero: a value O*NET does not give is estimated from the next-best
//    source (a broader SOC group's wage, the proxy measures, the legacy O*NET measures, then
//    the median of the occupation's peers) and the position is tagged with what was used
//    ("pay:imputed-from:15-1250", "ambiguity:imputed-from:proxies", ...). Pay without a
//    wages file stays unknown; experience and education without any data in the release
//    take O*NET 29.3's job-zone medians (kReferenceZoneExperience / kReferenceZoneEducation).
//  - Ambiguity and leadership are mid-rank percentiles (0..1) on the distribution of the
//    measured values, so a value reads as the share of occupations below it, whatever
//    scale the measure had.
//  - Deterministic: every sum and median runs over the occupations in code order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"
#include "io/onet_import.h"
#include "io/onet_input.h"
#include "io/wages.h"

namespace careergraph::io::onet {

// Per occupation of the graph (the order of `nodes` below).
struct Estimates {
  std::vector<std::optional<double>> pay;  // USD a year, rounded to the dollar; nullopt = unknown
  // Where each known pay comes from (onet_pay.h); empty without wages.
  std::vector<v1::PayBasis> pay_basis;
  std::vector<std::string> pay_source;
  std::vector<std::optional<double>> pay_error;
  std::vector<double> ambiguity;   // 0..1
  std::vector<double> leadership;  // 0..1
  std::vector<double> experience;  // years
  std::vector<std::vector<std::string>> tags;  // how each value was found, in that order
};

// `nodes`: the occupations that become positions, in code order. Counts how each value was
// found in `report`, and sets its zone_education_years (P(z): the median education years of
// job zone z, never less than a lower zone's) and zone_experience_years. `wages` may be null
// (no wages file): every pay is then unknown. `wages_release` names the wages in pay sources
// ("OEWS May 2024"). NOT_FOUND when the wages have no pay for an occupation's SOC code or any
// broader group.
StatusOr<Estimates> Estimate(const std::vector<const Occupation*>& nodes, const OewsWages* wages,
                             std::string_view wages_release, OnetImportReport* report);

}  // namespace careergraph::io::onet
