// Flags shared by the exploration commands (plan, reach, next, compare, matrix): the hard
// exclusions on positions moved into, turned into a careergraph.v1.Constraints plus the
// minimum leadership proximity that those requests carry beside it.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "careergraph/v1/route.pb.h"
#include "engine/status.h"
#include "render/text.h"


namespace careergraph::cli {

struct FilterOptions {
  std::vector<std::string> avoid, avoid_tracks, avoid_orgs, avoid_kinds;
  double max_ambiguity = 0, min_leadership = 0;
  bool no_pay_cut = false;
  // Fails INVALID_ARGUMENT on an unknown transition kind.
  Status Fill(v1::Constraints* c) const;
};
void AddFilterOptions(CLI::App& sub, FilterOptions* opts);

// Splits "a,b , c" on commas, trimming blanks; empty items are dropped.
std::vector<std::string> SplitList(const std::string& text);

using render::YearsText;  // "1 year", "2.5 years"

}  // namespace careergraph::cli
