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
  // The gap column when some route asks to grow a competency (graphs with profiles).
  bool gaps = false;
  for (const auto& tr : resp.routes()) gaps |= tr.route().totals().gap() > 0;
  if (gaps) {
    header.push_back("gap");
    right.push_back(true);
  }
  header.push_back("route");
  right.push_back(false);
  TextTable t(header, right);
  PayMarks marks;
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
    row.push_back(marks.Money(Value(tt.has_end_pay(), tt.end_pay()), tt.end_pay_basis(), currency));
    if (gaps) row.push_back(Fixed(tt.gap(), 2));
    std::string path;
    for (int s = 0; s < tr.route().steps_size(); ++s) path += (s ? " -> " : "") + tr.route().steps(s).title();
    row.push_back(path);
    t.AddRow(row);
  }
  os << t.Render() << PayFootnotes(marks, std::vector<std::string>{});
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
    std::unique_ptr<RequestFlags> flags;
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
  st->flags = std::make_unique<RequestFlags>(sub, v1::TradeoffsRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Start position (id or title, case-insensitive)")->required();
  f.Value("--to", "to", "Target position (id or title)")->required();
  f.Value("--criteria,-c", "criteria", "2 to 4 criteria, comma-separated (default years,risk)");
  f.Value("--representatives,-r", "representatives",
          "Show this many well-spread routes of the front: the best in each criterion, then farthest-first");
  f.Value("--max-front", "max_front", "Stop after this many front routes (default 1000, the maximum)");
  f.Value("--time-limit", "time_limit_seconds", "Stop after this many seconds (default 10, the maximum)");
  f.Constraints("constraints.", /*routes=*/false);
  f.Map("--have", "have",
        "Your own competency levels, NAME=LEVEL,... or @FILE (a YAML file of competency: level; replace the "
        "start position's profile)");
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::TradeoffsRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = FindTradeoffs(**g, req, CliLimits().tradeoffs);
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
