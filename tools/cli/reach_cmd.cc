// careergraph reach: every position reachable within N years (and K moves), sortable.
#include <sstream>

#include "careergraph/v1/reach.pb.h"
#include "engine/career_graph.h"
#include "engine/reach.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string SortName(v1::ReachSort s) {
  switch (s) {
    case v1::REACH_SORT_PAY: return "pay";
    case v1::REACH_SORT_MOVES: return "moves";
    case v1::REACH_SORT_PROBABILITY: return "probability";
    default: return "years";
  }
}

std::string RenderReach(const v1::ReachResponse& r, const std::string& cur) {
  std::ostringstream os;
  os << "Reachable from " << r.from_title() << " (" << Money(Value(r.has_from_pay(), r.from_pay()), cur) << ")";
  if (r.within_years() > 0) os << " within " << YearsText(r.within_years());
  if (r.max_moves() > 0)
    os << (r.within_years() > 0 ? " and " : " within ") << r.max_moves() << (r.max_moves() == 1 ? " move" : " moves");
  os << ": " << r.reachable() << (r.reachable() == 1 ? " position" : " positions") << ", by " << SortName(r.sort())
     << "\n";
  std::vector<std::string> header = {"position", "track", "level", "years", "moves", "p(route)"};
  std::vector<bool> right = {false, false, true, true, true, true};
  if (r.best_probability()) {
    header.push_back("best p");
    right.push_back(true);
  }
  for (const char* h : {"pay", "change", "ambiguity", "leadership", "via"}) {
    header.push_back(h);
    right.push_back(std::string(h) != "via");
  }
  TextTable t(header, right);
  PayMarks marks;
  for (const auto& p : r.positions()) {
    std::vector<std::string> row = {p.title(), p.track(), std::to_string(p.level()), Fixed(p.years(), 2),
                                    std::to_string(p.moves()), Percent(p.probability())};
    if (r.best_probability()) row.push_back(Percent(p.best_probability()));
    for (auto& x : {marks.Money(Value(p.has_pay(), p.pay()), p.pay_basis(), cur), SignedMoney(Value(p.has_pay_change(), p.pay_change()), cur), Fixed(Value(p.has_ambiguity(), p.ambiguity()), 2),
                    Fixed(Value(p.has_leadership(), p.leadership()), 2), p.via_title()})
      row.push_back(x);
    t.AddRow(row);
  }
  os << t.Render();
  if (r.positions_size() < static_cast<int>(r.reachable()))
    os << "(showing " << r.positions_size() << " of " << r.reachable() << ")\n";
  os << "years, moves and p(route) describe the earliest route (ties: the more likely)";
  if (r.best_probability()) os << "; best p is the most likely route within the limits";
  os << "\n" << PayFootnotes(marks, r.pay_notes());
  return os.str();
}

RunFn SetupReach(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Lists every position reachable within the budget with the earliest arrival (one Dijkstra in\n"
      "years), the moves and success probability of that route, and pay. --max-moves makes it a\n"
      "constrained search, solved exactly by label setting; --best-probability also finds the most\n"
      "likely route within the limits.\n"
      "Example: careergraph reach --from \"Staff Software Engineer\" --within-years 5 --sort pay");
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::ReachRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Start position (id or title, case-insensitive)")->required();
  f.Value("--within-years,-n", "within_years", "Time budget in years (default 5; 0 = no limit; at most 50)");
  f.Value("--max-moves", "max_moves", "At most this many moves (0 = no limit; at most 100)");
  f.Value("--sort", "sort", "Order of the rows (default years)");
  f.Switch("--best-probability", "best_probability",
           "Also find the most likely route within the limits (exact label search; slower)");
  f.Value("--limit", "limit", "Show at most this many positions after sorting (0 = all)");
  f.MoveExclusions();
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::ReachRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = FindReach(**g, req, CliLimits().reach);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string cur = (*g)->metadata().currency();
    return EmitMessage(st->out, *resp, [&] { return RenderReach(*resp, cur); });
  };
}

const bool kReachRegistered = RegisterCommand(
    {"reach", "Every position reachable within N years (and K moves): earliest arrival, odds, pay", 31, SetupReach});

}  // namespace
}  // namespace careergraph::cli
