#include "tools/cli/explore_options.h"

#include <sstream>

#include "engine/career_graph.h"

namespace careergraph::cli {

void AddFilterOptions(CLI::App& sub, FilterOptions* o) {
  sub.add_option("--avoid", o->avoid, "Never move into these positions (repeat or comma-separate)")->delimiter(',');
  sub.add_option("--avoid-track", o->avoid_tracks, "Never move into these tracks")->delimiter(',');
  sub.add_option("--avoid-org", o->avoid_orgs, "Never move into these orgs")->delimiter(',');
  sub.add_option("--avoid-kind", o->avoid_kinds, "Never make these moves: promotion, lateral, track-switch, org-change")
      ->delimiter(',');
  sub.add_option("--max-ambiguity", o->max_ambiguity, "Never move into a position above this ambiguity, 0..1 (0 = no limit)");
  sub.add_option("--min-leadership", o->min_leadership,
                 "Never move into a position below this leadership proximity, 0..1 (0 = no limit)");
  sub.add_flag("--no-pay-cut", o->no_pay_cut, "Never move to a lower-paid position");
}

Status FilterOptions::Fill(v1::Constraints* c) const {
  for (const auto& a : avoid) c->add_avoid_positions(a);
  for (const auto& a : avoid_tracks) c->add_avoid_tracks(a);
  for (const auto& a : avoid_orgs) c->add_avoid_orgs(a);
  for (const auto& k : avoid_kinds) {
    v1::TransitionKind kind;
    if (!ParseTransitionKind(k, &kind))
      return Status::InvalidArgument("unknown transition kind '" + k + "'; use promotion, lateral, track-switch, org-change")
          .WithField("avoid_kinds");
    c->add_avoid_kinds(kind);
  }
  c->set_max_ambiguity(max_ambiguity);
  c->set_no_pay_cut(no_pay_cut);
  return Status::Ok();
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto b = cur.find_first_not_of(" \t");
    const auto e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char ch : text) {
    if (ch == ',') flush();
    else cur += ch;
  }
  flush();
  return out;
}

}  // namespace careergraph::cli
