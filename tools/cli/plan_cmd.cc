// careergraph plan: the highest-value plan over a horizon (earnings, pay or expected).
#include <sstream>

#include "careergraph/v1/plan.pb.h"
#include "engine/career_graph.h"
#include "engine/horizon.h"
#include "engine/plan.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/gap_text.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string GridNote(const v1::PlanResponse& r) {
  std::ostringstream os;
  os << Fixed(r.step_years(), 2) << "-year steps; ";
  if (r.rounded_transitions() == 0)
    os << "exact: every allowed move is a whole number of steps";
  else
    os << r.rounded_transitions() << " allowed move" << (r.rounded_transitions() == 1 ? " is" : "s are")
       << " rounded up to whole steps (use a --step that divides their years for an exact plan)";
  return os.str();
}

std::string Finish(const v1::PlanResponse& r) {
  if (!r.end_track().empty()) return ", finishing in track " + r.end_track();
  if (!r.end_position_id().empty()) return ", finishing at " + r.end_position_id();
  return "";
}

std::string RenderEarnings(const v1::PlanResponse& r, const std::string& cur) {
  const auto& p = r.earnings();
  std::ostringstream os;
  os << "Most cumulative pay from " << r.from_title() << " over " << YearsText(r.horizon_years()) << Finish(r)
     << ", every move succeeding (" << GridNote(r) << ")\n";
  TextTable t({"#", "position", "track", "move", "starts", "arrives", "held", "pay", "earned", "p(move)"},
              {true, false, false, false, true, true, true, true, true, true});
  PayMarks marks;
  for (int i = 0; i < p.steps_size(); ++i) {
    const auto& s = p.steps(i);
    const bool start = i == 0;
    t.AddRow({std::to_string(i), s.title(), s.track(), start ? "start" : std::string(TransitionKindName(s.kind())),
              start ? "" : "year " + Fixed(s.start_year(), 2), "year " + Fixed(s.arrival_year(), 2),
              Fixed(s.years_held(), 2), marks.Money(s.pay(), s.pay_basis(), cur), Money(s.earnings(), cur),
              start ? "" : Percent(s.move_probability())});
  }
  os << t.Render() << PayFootnotes(marks, r.pay_notes());
  bool gaps = false;
  for (const auto& s : p.steps()) gaps |= s.gap() > 0;
  if (gaps) {
    os << "Learn before each move (competency gap, carried forward; see `careergraph gap`):\n";
    for (int i = 1; i < p.steps_size(); ++i)
      os << "  " << i << ". " << p.steps(i).title() << ": " << GapText(p.steps(i).gap(), p.steps(i).grow()) << "\n";
  }
  os << "Total: " << Money(p.total_earnings(), cur) << " over " << YearsText(r.horizon_years()) << " ("
     << SignedMoney(p.total_earnings() - p.stay_earnings(), cur) << " vs " << Money(p.stay_earnings(), cur)
     << " staying put); " << p.moves() << (p.moves() == 1 ? " move" : " moves") << ", all succeeding with probability "
     << Percent(p.probability()) << "; pay at the end " << Money(p.end_pay(), cur) << "\n";
  if (p.moves() > 0)
    os << "A move's years run from 'starts' to 'arrives' while you hold the previous position; "
          "try --goal expected to plan with the odds.\n";
  return os.str();
}

std::string RenderPay(const v1::PlanResponse& r, const std::string& cur) {
  const auto& route = r.pay().route();
  std::ostringstream os;
  const auto& end = route.steps(route.steps_size() - 1);
  os << "Best-paid position reachable from " << r.from_title() << " within " << YearsText(r.horizon_years())
     << Finish(r) << ": " << end.title() << " (" << Money(Value(end.has_pay(), end.pay()), cur) << "), fastest in "
     << YearsText(route.totals().years()) << "; " << r.pay().reachable() << " positions are reachable\n";
  v1::RouteResponse as_route;
  as_route.set_objective(v1::OBJECTIVE_FASTEST);
  *as_route.add_routes() = route;
  os << RenderRouteTable(as_route, cur) << PayFootnotes(PayMarks(), r.pay_notes());
  return os.str();
}

std::string RenderExpected(const v1::PlanResponse& r, const std::string& cur) {
  const auto& x = r.expected();
  std::ostringstream os;
  os << "Best policy from " << r.from_title() << " over " << YearsText(r.horizon_years()) << Finish(r)
     << " when moves can fail (" << GridNote(r) << ")\n";
  os << "An attempt takes the move's years in the current position; it succeeds with the move's "
        "probability, otherwise you stay and may try again.\n";
  os << "Expected earnings: " << Money(x.expected_earnings(), cur) << " ("
     << SignedMoney(x.expected_earnings() - x.stay_earnings(), cur) << " vs " << Money(x.stay_earnings(), cur)
     << " staying put); expected pay at the end " << Money(x.expected_end_pay(), cur);
  if (!r.end_track().empty() || !r.end_position_id().empty())
    os << "; chance of finishing there " << Percent(x.end_probability());
  os << "\n\nPolicy (decision years at each position the policy can reach):\n";
  // What to learn before each attempt, when some attempt asks to grow a competency.
  bool gaps = false;
  for (const auto& rule : x.policy()) gaps |= !rule.stay() && rule.gap() > 0;
  std::vector<std::string> header = {"position", "years", "do", "move", "p", "expected from here"};
  std::vector<bool> right = {false, false, false, false, true, true};
  if (gaps) {
    header.insert(header.end(), {"gap", "grow first"});
    right.insert(right.end(), {true, false});
  }
  TextTable t(header, right);
  for (const auto& rule : x.policy()) {
    const std::string when = rule.from_step() == rule.to_step()
                                 ? Fixed(rule.from_year(), 2)
                                 : Fixed(rule.from_year(), 2) + " to " + Fixed(rule.to_year(), 2);
    std::vector<std::string> row = {
        rule.title(), when, rule.stay() ? "stay" : "attempt " + rule.target_title(),
        rule.stay() ? "" : std::string(TransitionKindName(rule.kind())) + ", " + YearsText(rule.move_years()),
        rule.stay() ? "" : Percent(rule.probability()), Money(rule.value(), cur)};
    if (gaps) {
      std::string grow;
      for (const auto& id : rule.grow()) grow += (grow.empty() ? "" : ", ") + id;
      row.push_back(rule.stay() ? "" : Fixed(rule.gap(), 2));
      row.push_back(grow);
    }
    t.AddRow(row);
  }
  os << t.Render();
  if (x.policy_rules_total() > static_cast<unsigned>(x.policy_size()))
    os << "(" << x.policy_size() << " of " << x.policy_rules_total() << " rules shown; --format json has the same cut)\n";

  os << "\nMost likely path (probability " << Percent(x.most_likely_probability()) << "), ending as "
     << x.most_likely_end_title() << ":\n";
  if (x.most_likely_size() == 0) os << "  stay " << r.from_title() << " throughout\n";
  for (const auto& s : x.most_likely())
    os << "  year " << Fixed(s.start_year(), 2) << " to " << Fixed(s.end_year(), 2) << ": attempt "
       << s.from_title() << " -> " << s.target_title() << ", " << (s.succeeded() ? "succeeds" : "fails") << " ("
       << Percent(s.probability()) << ")\n";
  os << "\nWhere you are at year " << Fixed(r.horizon_years(), 2) << ":\n";
  TextTable e({"position", "probability", "pay"}, {false, true, true});
  PayMarks marks;
  for (const auto& s : x.end_distribution())
    e.AddRow({s.title(), Percent(s.probability()), marks.Money(s.pay(), s.pay_basis(), cur)});
  os << e.Render() << PayFootnotes(marks, r.pay_notes());
  return os.str();
}

RunFn SetupPlan(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Goals: earnings = the timed plan with the most cumulative pay (years held x pay), every move\n"
      "succeeding; pay = the best-paid position reachable within the horizon and the fastest route to it;\n"
      "expected = the policy with the most expected pay when a move succeeds only with its probability\n"
      "(a failed attempt costs its years and you stay), with the most likely path and where you end up.\n"
      "Time runs in --step years; a move takes its years rounded up to whole steps (exact when the step\n"
      "divides them; 0.25 does for the default ladder). Staying is always allowed.\n"
      "Exit codes: 0 found, 4 no plan finishes where asked, 2 bad request, 3 unknown name, 6 too large.\n"
      "Example: careergraph plan --from \"Staff Software Engineer\" --horizon-years 10 --goal expected");
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::PlanRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Start position (id or title, case-insensitive)")->required();
  f.Value("--horizon-years,-n", "horizon_years", "Plan over this many years (default 10; at most 50)");
  f.Value("--goal", "goal", "What the plan maximises (default earnings)");
  f.Value("--step", "step_years", "Time step in years (default 0.25; at least 1/52)");
  f.Value("--end-track", "end_track", "Finish in this track");
  f.Value("--end-position", "end_position", "Finish at this position (id or title)");
  f.MoveExclusions();
  f.Map("--have", "have", "Your own competency levels, NAME=LEVEL,... or @FILE (a YAML file of competency: level; replace the start position's profile)");
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::PlanRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = MakePlan(**g, req, CliLimits().plan);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string cur = (*g)->metadata().currency();
    return EmitMessage(st->out, *resp, [&] {
      if (resp->has_pay()) return RenderPay(*resp, cur);
      if (resp->has_expected()) return RenderExpected(*resp, cur);
      return RenderEarnings(*resp, cur);
    });
  };
}

const bool kPlanRegistered =
    RegisterCommand({"plan", "Highest-value plan over N years: most earnings, best pay, or the best policy when moves can fail",
                     30, SetupPlan});

}  // namespace
}  // namespace careergraph::cli
