// careergraph compare: two or more options side by side over a horizon, as tables and as
// an SVG chart ("Staff Software Engineer: PM or TPM?").
#include <cctype>
#include <cstdio>
#include <sstream>

#include "careergraph/v1/compare.pb.h"
#include "engine/career_graph.h"
#include "engine/compare.h"
#include "io/atomic_file.h"
#include "io/graph_source.h"
#include "render/compare_chart.h"
#include "tools/cli/command.h"
#include "tools/cli/gap_text.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

// A chance short of certain never reads as 100%.
std::string Chance(double p) {
  if (p < 1 && p >= 0.9995) return ">99.9%";
  char buf[32];
  std::snprintf(buf, sizeof buf, p < 1 && p >= 0.995 ? "%.1f%%" : "%.0f%%", p * 100);
  return buf;
}

// The level label of the best plan's position at a year (from its entry, else "L<level>").
std::string LevelText(const v1::CompareOption& o, const v1::CompareYear& y) {
  for (const auto& s : o.best_plan().steps())
    if (s.position_id() == y.best_position_id() && !s.level_label().empty()) return s.level_label();
  return "L" + std::to_string(y.best_level());
}

std::string RenderCompare(const v1::CompareResponse& r, const std::string& cur) {
  std::ostringstream os;
  const std::string horizon = Fixed(r.horizon_years(), r.horizon_years() == static_cast<int>(r.horizon_years()) ? 0 : 2);
  os << render::CompareQuestion(r) << " Over the next " << YearsText(r.horizon_years()) << " (" << Fixed(r.step_years(), 2)
     << "-year steps)\n";
  if (r.verdict_lines_size() == 0) os << r.verdict() << "\n";
  for (const auto& line : r.verdict_lines()) os << "- " << line << "\n";
  os << "\n";

  // Every way into each option.
  for (const auto& o : r.options()) {
    if (o.entries_size() == 0) continue;
    os << "Ways into " << o.name() << " from " << r.from_title() << " (committing = in it by year "
       << Fixed(o.commit_by_years(), o.commit_by_years() == static_cast<int>(o.commit_by_years()) ? 0 : 2)
       << " and staying):\n";
    TextTable w({"entry", "via", "level change", "years", "odds", "pay change", "best plan earnings", "pay at year " + horizon},
                {false, false, false, true, true, true, true, true});
    for (const auto& e : o.entries()) {
      const int d = e.level_change();
      w.AddRow({e.entry_label() + " " + e.entry_title(), e.moves() > 1 ? e.via_title() : "direct",
                d == 0 ? "same level" : (d > 0 ? "+" : "") + std::to_string(d),
                Fixed(e.years(), 2), Chance(e.probability()), e.pay_change() == 0 ? "0" : SignedMoney(e.pay_change(), cur),
                e.within_commit() ? (e.best_earnings() > 0 ? Money(e.best_earnings(), cur) : "-") : "too late",
                e.within_commit() && e.best_earnings() > 0 ? Money(e.end_pay(), cur) : "-"});
    }
    os << w.Render();
    bool gaps = false;
    for (const auto& e : o.entries()) gaps |= e.gap() > 0;
    if (gaps) {
      os << "What each way in asks to learn (competency gap; see `careergraph gap`):\n";
      for (const auto& e : o.entries())
        os << "  " << e.entry_label() << " " << e.entry_title() << (e.moves() > 1 ? " via " + e.via_title() : "")
           << ": " << GapText(e.gap(), e.grow()) << "\n";
    }
    os << "\n";
  }

  // Summary, one column per option.
  std::vector<std::string> header = {""};
  std::vector<bool> right = {false};
  for (const auto& o : r.options()) {
    header.push_back(o.name());
    right.push_back(false);
  }
  TextTable sum(header, right);
  auto row = [&](const std::string& name, auto cell) {
    std::vector<std::string> cells = {name};
    for (const auto& o : r.options()) cells.push_back(o.reachable() ? cell(o) : std::string("not within the horizon"));
    sum.AddRow(cells);
  };
  row("expected earnings", [&](const v1::CompareOption& o) { return Money(o.expected_earnings(), cur); });
  row("best-plan earnings", [&](const v1::CompareOption& o) { return Money(o.best_earnings(), cur); });
  row("years in it (best / exp.)", [&](const v1::CompareOption& o) {
    return Fixed(o.best_years_in(), 2) + " / " + Fixed(o.expected_years_in(), 2);
  });
  row("in it at year " + horizon, [&](const v1::CompareOption& o) { return Chance(o.end_probability()); });
  row("pay at year " + horizon + " (best)", [&](const v1::CompareOption& o) { return Money(o.best_plan().end_pay(), cur); });
  PayMarks marks;
  {
    std::vector<std::string> cells = {"ceiling within " + horizon + " years"};
    for (const auto& o : r.options())
      cells.push_back(o.ceiling_id().empty() ? "-"
                                             : o.ceiling_title() + " " + marks.Money(o.ceiling_pay(), o.ceiling_pay_basis(), cur) + " (" +
                                                   Fixed(o.ceiling_years(), 1) + "y)");
    sum.AddRow(cells);
    cells = {"top of the option"};
    for (const auto& o : r.options())
      cells.push_back(o.top_id().empty() ? "unreachable"
                                         : o.top_title() + " " + marks.Money(o.top_pay(), o.top_pay_basis(), cur) + " (" +
                                               Fixed(o.top_years(), 1) + "y)");
    sum.AddRow(cells);
    cells = {"fastest way in"};
    for (const auto& o : r.options())
      cells.push_back(o.top_id().empty() ? "-" : YearsText(o.entry_years()));
    sum.AddRow(cells);
  }
  os << sum.Render() << PayFootnotes(marks, r.pay_notes());

  // Pay side by side, per year.
  os << "\nPay by year: best plan (every move succeeds) / expected (moves can fail)\n";
  std::vector<std::string> ph = {"year"};
  std::vector<bool> pr = {true};
  for (const auto& o : r.options()) {
    if (!o.reachable()) continue;
    for (const std::string& s : {o.label() + " best", o.label() + " expected"}) {
      ph.push_back(s);
      pr.push_back(true);
    }
  }
  TextTable pay(ph, pr);
  int rows = 0;
  for (const auto& o : r.options()) rows = std::max(rows, o.years_size());
  for (int i = 0; i < rows; ++i) {
    std::vector<std::string> cells;
    for (const auto& o : r.options()) {
      if (!o.reachable() || i >= o.years_size()) continue;
      if (cells.empty()) cells.push_back(Fixed(o.years(i).year(), o.years(i).year() == static_cast<int>(o.years(i).year()) ? 0 : 2));
      cells.push_back(Money(o.years(i).best_pay(), cur));
      cells.push_back(Money(o.years(i).expected_pay(), cur));
    }
    if (!cells.empty()) pay.AddRow(cells);
  }
  os << pay.Render();
  if (r.crossovers_size() > 0) {
    os << "Crossovers:";
    for (int i = 0; i < r.crossovers_size(); ++i) {
      const auto& c = r.crossovers(i);
      os << (i ? ";" : "") << " " << c.leader_after() << " overtakes " << c.leader_before() << " at year "
         << Fixed(c.year(), 2) << " (" << c.series() << ")";
    }
    os << "\n";
  } else {
    os << "No crossovers: the leader never changes.\n";
  }

  // Each option year by year.
  for (const auto& o : r.options()) {
    os << "\n" << o.name() << ": ";
    if (!o.reachable()) {
      os << "cannot be entered within the horizon";
      if (!o.top_id().empty()) os << " (the fastest way in takes " << YearsText(o.entry_years()) << ")";
      os << "\n";
      continue;
    }
    os << "best plan ";
    const auto& steps = o.best_plan().steps();
    if (steps.size() == 1) os << "stays " << steps[0].title();
    for (int i = 1; i < steps.size(); ++i)
      os << (i > 1 ? ", " : "") << steps[i].title() << " at year " << Fixed(steps[i].arrival_year(), 2);
    os << "\n";
    TextTable t({"year", "best position", "level", "pay", "ambiguity", "leadership", "earned", "exp. pay", "exp. level",
                 "exp. ambiguity", "exp. leadership", "exp. earned", "in " + o.label()},
                {true, false, true, true, true, true, true, true, true, true, true, true, true});
    for (const auto& y : o.years())
      t.AddRow({Fixed(y.year(), y.year() == static_cast<int>(y.year()) ? 0 : 2), y.best_title(),
                LevelText(o, y), Money(y.best_pay(), cur), Fixed(Value(y.has_best_ambiguity(), y.best_ambiguity()), 2),
                Fixed(Value(y.has_best_leadership(), y.best_leadership()), 2), Money(y.best_cumulative(), cur), Money(y.expected_pay(), cur),
                Fixed(y.expected_level(), 2), Fixed(Value(y.has_expected_ambiguity(), y.expected_ambiguity()), 2), Fixed(Value(y.has_expected_leadership(), y.expected_leadership()), 2),
                Money(y.expected_cumulative(), cur), Chance(y.in_option_probability())});
    os << t.Render();
  }
  return os.str();
}

RunFn SetupCompare(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::string chart;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Committing to an option means being in it by year N (--commit-by; default 3, or the option's\n"
      "quickest way in when that is later) and staying in it. The answer comes first: a few lines naming\n"
      "what decides it (pay at the same level, odds of getting in, expected and best-case earnings, pay at\n"
      "the horizon and the ceiling beyond, ambiguity and leadership at the same level, upward mobility).\n"
      "Then every way into each option (entry, level change, years, odds, pay change, the best plan through\n"
      "it). The best plan is the best of those ways in, every move succeeding. The expected line is the best\n"
      "committed policy when moves succeed only with their probability: the most expected earnings among\n"
      "policies that, until in the option, attempt a move on a way in by year N (once failures make N\n"
      "impossible, on a quickest way in), retrying after a failure, and once in stay in it. Per year: pay,\n"
      "level, ambiguity and leadership of both, ceilings and crossovers.\n"
      "--chart writes SVG only (a file name ending in .svg).\n"
      "Example: careergraph compare --from \"Staff Software Engineer\" --tracks pm,tpm --chart pm-vs-tpm.svg");
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::CompareRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Current position (id or title, case-insensitive)")->required();
  f.Value("--tracks", "tracks", "Tracks to compare, e.g. pm,tpm");
  f.Value("--targets", "targets", "Or target positions to compare (ids or titles, comma-separated)");
  f.Value("--horizon-years,-n", "horizon_years", "Compare over this many years (default 10; at most 50)");
  f.Value("--step", "step_years", "Time step in years (default 0.25; at least 1/52)");
  f.Value("--commit-by", "commit_by_years",
          "Committing = in the option by this year and staying (default 3, or the quickest way in if later)");
  sub.add_option("--chart", st->chart, "Also write an SVG line chart of pay over the years to this .svg file");
  f.MoveExclusions();
  f.Map("--have", "have", "Your own competency levels, NAME=LEVEL,... or @FILE (a YAML file of competency: level; replace the start position's profile)");
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::CompareRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    if (!st->chart.empty()) {
      std::string ext = st->chart.size() >= 4 ? st->chart.substr(st->chart.size() - 4) : "";
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (ext != ".svg")
        return ReportError(Status::InvalidArgument("--chart writes an SVG image, so its file name must end in .svg (got '" +
                                                   st->chart + "'); for PNG convert it, e.g. rsvg-convert chart.svg > chart.png")
                               .WithField("chart"));
    }
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = CompareOptions(**g, req, CliLimits().compare);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string cur = (*g)->metadata().currency();
    if (!st->chart.empty()) {
      if (Status s = io::WriteFileAtomic(st->chart, render::CompareChartSvg(*resp, cur)); !s.ok())
        return ReportError(s);
    }
    return EmitMessage(st->out, *resp, [&] { return RenderCompare(*resp, cur); });
  };
}

const bool kCompareRegistered = RegisterCommand(
    {"compare", "Options side by side over N years (e.g. PM or TPM?): pay, level, odds, ceiling, crossover, chart",
     33, SetupCompare});

}  // namespace
}  // namespace careergraph::cli
