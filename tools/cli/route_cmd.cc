// careergraph route: the best route between two positions.
#include <iostream>
#include <sstream>

#include "engine/career_graph.h"
#include "engine/choices.h"
#include "engine/cost.h"
#include "engine/route.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {

std::string RenderRouteTable(const v1::RouteResponse& resp, const std::string& currency) {
  std::ostringstream os;
  for (int i = 0; i < resp.routes_size(); ++i) {
    const auto& r = resp.routes(i);
    if (resp.routes_size() > 1) os << (i ? "\n" : "") << "Route " << i + 1 << " of " << resp.routes_size() << "\n";
    // The competency gap columns appear when some move asks to grow (competency.h).
    const bool gaps = r.totals().gap() > 0;
    std::vector<std::string> head = {"#", "position", "track", "move", "years", "cum.years", "pay", "change", "ambiguity", "leadership", "p(move)"};
    std::vector<bool> right = {true, false, false, false, true, true, true, true, true, true, true};
    if (gaps) head.insert(head.end(), {"gap", "grow first"}), right.insert(right.end(), {true, false});
    TextTable t(head, right);
    PayMarks marks;
    for (int s = 0; s < r.steps_size(); ++s) {
      const auto& st = r.steps(s);
      const bool start = s == 0;
      std::vector<std::string> row = {std::to_string(s), st.title(), st.track(), start ? "start" : std::string(TransitionKindName(st.kind())),
                start ? "" : Fixed(st.years(), 1), Fixed(st.cumulative_years(), 1), marks.Money(Value(st.has_pay(), st.pay()), st.pay_basis(), currency),
                start ? "" : SignedMoney(Value(st.has_pay_change(), st.pay_change()), currency),
                Fixed(Value(st.has_ambiguity(), st.ambiguity()), 2), Fixed(Value(st.has_leadership(), st.leadership()), 2),
                start ? "" : Percent(st.probability())};
      if (gaps) {
        std::string grow;
        for (const auto& c : st.grow()) grow += (grow.empty() ? "" : ", ") + c;
        row.insert(row.end(), {start ? "" : Fixed(st.gap(), 2), grow});
      }
      t.AddRow(std::move(row));
    }
    os << t.Render();
    const auto& tt = r.totals();
    os << "Total: " << tt.moves() << (tt.moves() == 1 ? " move, " : " moves, ") << Fixed(tt.years(), 1)
       << " years, success probability " << Percent1(tt.probability()) << ", pay " << marks.Money(Value(tt.has_start_pay(), tt.start_pay()), tt.start_pay_basis(), currency)
       << " -> " << marks.Money(Value(tt.has_end_pay(), tt.end_pay()), tt.end_pay_basis(), currency) << " ("
       << SignedMoney(Value(tt.has_end_pay(), tt.end_pay()) - Value(tt.has_start_pay(), tt.start_pay()), currency)
       << "), " << std::string(ChoiceName(resp.objective())) << " cost " << Fixed(tt.cost(), 3);
    if (gaps) os << ", competency gap " << Fixed(tt.gap(), 2);
    os << "\n" << PayFootnotes(marks, std::vector<std::string>{});
  }
  if (resp.routes_found() > static_cast<unsigned>(resp.routes_size()))
    os << resp.routes_found() << " routes exist; showing " << resp.routes_size() << "\n";
  return os.str();
}

namespace {

RunFn SetupRoute(CLI::App& sub) {
  struct State {
    GraphOption graph;
    RouteOptions route;
    OutputOptions out;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Objectives: fastest (least years), fewest-moves, safest (highest product of success\n"
      "probabilities), best-fit (least weighted sum of per-move penalties; see --weights).\n"
      "Constraints are hard exclusions. Exit codes: 0 found, 4 no route, 2 bad request, 3 unknown name.\n"
      "Example: careergraph route --from \"Staff Software Engineer\" --to \"Director of Product\" --objective safest");
  AddGraphOption(sub, &st->graph);
  AddRouteOptions(sub, &st->route, /*require_endpoints=*/true);
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    auto req = st->route.ToRequest();
    if (!req.ok()) return ReportError(req.status());
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = RunRouteQuery(**g, *req);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string currency = (*g)->metadata().currency();
    return EmitMessage(st->out, *resp, [&] { return RenderRouteTable(*resp, currency); });
  };
}

const bool kRouteRegistered = RegisterCommand({"route", "Best route between two positions (fastest, fewest-moves, safest, best-fit)", 10, SetupRoute});

}  // namespace
}  // namespace careergraph::cli
