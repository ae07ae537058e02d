// careergraph next: the moves open from a position now, ranked, each with why.
#include <sstream>

#include "careergraph/v1/next.pb.h"
#include "engine/career_graph.h"
#include "engine/next_moves.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/gap_text.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string Trimmed(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

std::string RenderNext(const v1::NextResponse& r, const std::string& cur) {
  std::ostringstream os;
  os << "Next moves from " << r.from_title() << " (" << Money(Value(r.has_from_pay(), r.from_pay()), cur) << "): " << r.moves_total()
     << (r.moves_total() == 1 ? " move" : " moves") << "\nRanked by " << r.ranking_rule() << "\n";
  if (r.moves_size() == 0) {
    os << "No moves are open from here under these exclusions.\n";
    return os.str();
  }
  TextTable t({"#", "move to", "kind", "years", "p", "pay", "change", "ambiguity", "leadership",
               "best within " + Trimmed(r.lookahead_years()) + "y after", "upside"},
              {true, false, false, true, true, true, true, true, true, false, true});
  PayMarks marks;
  for (const auto& m : r.moves())
    t.AddRow({std::to_string(m.rank()), m.title(), std::string(TransitionKindName(m.kind())), Fixed(m.years(), 1),
              Percent(m.probability()), marks.Money(Value(m.has_pay(), m.pay()), m.pay_basis(), cur), SignedMoney(Value(m.has_pay_change(), m.pay_change()), cur),
              Fixed(Value(m.has_ambiguity(), m.ambiguity()), 2) + " (" + (Value(m.has_ambiguity_change(), m.ambiguity_change()) >= 0 ? "+" : "") + Fixed(Value(m.has_ambiguity_change(), m.ambiguity_change()), 2) + ")",
              Fixed(Value(m.has_leadership(), m.leadership()), 2) + " (" + (Value(m.has_leadership_change(), m.leadership_change()) >= 0 ? "+" : "") +
                  Fixed(Value(m.has_leadership_change(), m.leadership_change()), 2) + ")",
              m.ceiling_title() + " " + marks.Money(Value(m.has_ceiling_pay(), m.ceiling_pay()), m.ceiling_pay_basis(), cur), Money(Value(m.has_upside(), m.upside()), cur)});
  os << t.Render() << PayFootnotes(marks, r.pay_notes());
  os << "Why:\n";
  for (const auto& m : r.moves()) {
    os << "  " << m.rank() << ". " << m.title() << ": ";
    for (int i = 0; i < m.why_size(); ++i) os << (i ? "; " : "") << m.why(i);
    os << "\n";
  }
  bool gaps = false;
  for (const auto& m : r.moves()) gaps |= m.gap() > 0;
  if (gaps) {
    os << "To learn (competency gap of each move; see `careergraph gap`):\n";
    for (const auto& m : r.moves()) os << "  " << m.rank() << ". " << m.title() << ": " << GapText(m.gap(), m.grow()) << "\n";
  }
  if (r.moves_size() < static_cast<int>(r.moves_total()))
    os << "(showing " << r.moves_size() << " of " << r.moves_total() << ")\n";
  return os.str();
}

RunFn SetupNext(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Each move shows its pay, ambiguity and leadership change, years, success probability and the\n"
      "best-paid position reachable within the lookahead after it. Default ranking: expected upside =\n"
      "probability x (that best pay - current pay); ties: higher probability, fewer years, higher pay.\n"
      "Example: careergraph next --from \"Staff Software Engineer\" --top 5");
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::NextRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Current position (id or title, case-insensitive)")->required();
  f.Value("--top,-k", "top", "Show the best K moves (0 = all; at most 1000)");
  f.Value("--lookahead-years", "lookahead_years", "How far after each move to look for the best pay (default 5)");
  f.Value("--sort", "sort", "Ranking (default upside)");
  f.MoveExclusions();
  f.Map("--have", "have", "Your own competency levels, NAME=LEVEL,... or @FILE (a YAML file of competency: level; replace the start position's profile)");
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::NextRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = FindNextMoves(**g, req, CliLimits().next);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string cur = (*g)->metadata().currency();
    return EmitMessage(st->out, *resp, [&] { return RenderNext(*resp, cur); });
  };
}

const bool kNextRegistered =
    RegisterCommand({"next", "Ranked immediate moves from a position, each with why", 32, SetupNext});

}  // namespace
}  // namespace careergraph::cli
