// careergraph tradeoffs: the exact Pareto front of routes between two positions.
#include <sstream>
#include <string>
#include <vector>

#include "careergraph/v1/tradeoffs.pb.h"
#include "engine/career_graph.h"
#include "engine/pareto.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

// Years read like the route table's years; the penalty sums need more digits to tell
// neighbouring routes apart.
std::string CriterionValue(v1::Criterion c, double x) {
  if (c == v1::CRITERION_YEARS) return Fixed(x, 1);
  return Fixed(x, 3);
}

std::string RenderTradeoffsTable(const v1::TradeoffsResponse& resp, const std::string& currency) {
  std::ostringstream os;
  const bool reps_only = resp.representatives_size() > 0;
  std::vector<std::string> header = {"#"};
  std::vector<bool> right = {true};
  for (int c : resp.criteria()) {
    header.push_back(CriterionName(static_cast<v1::Criterion>(c)));
    right.push_back(true);
  }
  bool years_criterion = false;
  for (int c : resp.criteria()) years_criterion |= c == v1::CRITERION_YEARS;
  for (const char* h : {"moves", "years", "success", "end pay"}) {
    if (years_criterion && std::string(h) == "years") continue;
    header.push_back(h);
    right.push_back(true);
  }
  header.push_back("route");
  right.push_back(false);
  TextTable t(header, right);
  for (int i = 0; i < resp.routes_size(); ++i) {
    const auto& tr = resp.routes(i);
    if (reps_only && !tr.representative()) continue;
    std::vector<std::string> row = {std::to_string(i + 1)};
    for (int k = 0; k < tr.criteria_size(); ++k)
      row.push_back(CriterionValue(static_cast<v1::Criterion>(resp.criteria(k)), tr.criteria(k)));
    const auto& tt = tr.route().totals();
    row.push_back(std::to_string(tt.moves()));
    if (!years_criterion) row.push_back(Fixed(tt.years(), 1));
    row.push_back(Percent(tt.probability()));
    row.push_back(Money(tt.end_pay(), currency));
    std::string path;
    for (int s = 0; s < tr.route().steps_size(); ++s) path += (s ? " -> " : "") + tr.route().steps(s).title();
    row.push_back(path);
    t.AddRow(row);
  }
  os << t.Render();
  os << "Front: " << resp.routes_size() << (resp.routes_size() == 1 ? " route" : " routes")
     << " no other route beats in every criterion";
  if (reps_only) os << "; showing " << resp.representatives_size() << " well-spread ones";
  os << "\n";
  if (resp.truncated()) {
    const auto& last = resp.routes(resp.routes_size() - 1);
    os << "Front truncated (" << resp.truncated_reason() << "): routes with "
       << CriterionName(static_cast<v1::Criterion>(resp.criteria(0))) << " >= "
       << CriterionValue(static_cast<v1::Criterion>(resp.criteria(0)), last.criteria(0)) << " may be missing\n";
  }
  return os.str();
}

RunFn SetupTradeoffs(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::string from, to, criteria = "years,risk";
    std::vector<std::string> avoid, avoid_tracks, avoid_orgs, avoid_kinds;
    double max_ambiguity = 0;
    bool no_pay_cut = false;
    unsigned representatives = 0, max_front = 0;
    double time_limit = 0;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Criteria (per move, summed over the route; lower is better): years; risk = -ln(success\n"
      "probability); pay = shortfall of the position's pay against the best-paid one (0..1);\n"
      "ambiguity; leadership = 1 - leadership proximity. The front is sorted by the first criterion.\n"
      "Exit codes: 0 found, 4 no route, 2 bad request, 3 unknown name.\n"
      "Example: careergraph tradeoffs --from \"Staff Software Engineer\" --to \"Director of Product\" "
      "--criteria years,risk,pay");
  AddGraphOption(sub, &st->graph);
  sub.add_option("--from", st->from, "Start position (id or title, case-insensitive)")->required();
  sub.add_option("--to", st->to, "Target position (id or title)")->required();
  sub.add_option("--criteria,-c", st->criteria, "2 to 4 of years, risk, pay, ambiguity, leadership, comma-separated")
      ->capture_default_str();
  sub.add_option("--representatives,-r", st->representatives,
                 "Show this many well-spread routes of the front: the best in each criterion, then farthest-first");
  sub.add_option("--max-front", st->max_front, "Stop after this many front routes (default 1000, the maximum)");
  sub.add_option("--time-limit", st->time_limit, "Stop after this many seconds (default 10, the maximum)");
  sub.add_option("--avoid", st->avoid, "Never pass through these positions (repeat or comma-separate)")->delimiter(',');
  sub.add_option("--avoid-track", st->avoid_tracks, "Never enter these tracks")->delimiter(',');
  sub.add_option("--avoid-org", st->avoid_orgs, "Never enter these orgs")->delimiter(',');
  sub.add_option("--avoid-kind", st->avoid_kinds, "Never make these moves: promotion, lateral, track-switch, org-change")
      ->delimiter(',');
  sub.add_option("--max-ambiguity", st->max_ambiguity, "No position above this ambiguity, 0..1 (0 = no limit)");
  sub.add_flag("--no-pay-cut", st->no_pay_cut, "Never move to a lower-paid position");
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::TradeoffsRequest req;
    req.set_from(st->from);
    req.set_to(st->to);
    auto criteria = ParseCriteria(st->criteria);
    if (!criteria.ok()) return ReportError(criteria.status());
    for (v1::Criterion c : *criteria) req.add_criteria(c);
    auto* c = req.mutable_constraints();
    for (const auto& a : st->avoid) c->add_avoid_positions(a);
    for (const auto& a : st->avoid_tracks) c->add_avoid_tracks(a);
    for (const auto& a : st->avoid_orgs) c->add_avoid_orgs(a);
    for (const auto& k : st->avoid_kinds) {
      v1::TransitionKind kind;
      if (!ParseTransitionKind(k, &kind))
        return ReportError(Status::InvalidArgument("unknown transition kind '" + k +
                                                   "'; use promotion, lateral, track-switch, org-change")
                               .WithField("avoid_kinds"));
      c->add_avoid_kinds(kind);
    }
    c->set_max_ambiguity(st->max_ambiguity);
    c->set_no_pay_cut(st->no_pay_cut);
    req.set_representatives(st->representatives);
    req.set_max_front(st->max_front);
    req.set_time_limit_seconds(st->time_limit);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    TradeoffsLimits limits;
    limits.build_landmarks = false;  // one query per process: see RunRouteQuery
    auto resp = FindTradeoffs(**g, req, limits);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string currency = (*g)->metadata().currency();
    return EmitMessage(st->out, *resp, [&] { return RenderTradeoffsTable(*resp, currency); });
  };
}

const bool kTradeoffsRegistered = RegisterCommand(
    {"tradeoffs", "Pareto front of routes over 2-4 criteria (years, risk, pay, ambiguity, leadership)", 20,
     SetupTradeoffs});

}  // namespace
}  // namespace careergraph::cli
