// careergraph gap: what a move, or each move of a route, asks you to learn.
#include <sstream>

#include "careergraph/v1/gap.pb.h"
#include "engine/career_graph.h"
#include "engine/gap.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

// "3", "2.5": levels as a ladder writes them.
std::string GapLevel(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

std::string RenderGap(const v1::GapResponse& r) {
  std::ostringstream os;
  if (!r.has_profiles()) os << "This graph carries no competency profiles: every gap is 0.\n";
  for (int i = 0; i < r.moves_size(); ++i) {
    const auto& m = r.moves(i);
    if (i) os << "\n";
    os << m.from_title() << " -> " << m.to_title() << ": gap " << Fixed(m.gap(), 2);
    if (m.max_growth() > 0) os << ", largest growth " << GapLevel(m.max_growth()) << (m.max_growth() == 1 ? " level" : " levels");
    os << "\n";
    if (m.competencies_size() == 0) {
      os << "  (" << m.to_title() << " has no competency profile)\n";
      continue;
    }
    TextTable t({"competency", "have", "need", "importance", "grow", "weighted", "need means"},
                {false, true, true, true, true, true, false});
    for (const auto& c : m.competencies())
      t.AddRow({c.name(), GapLevel(c.have()), GapLevel(c.need()), Fixed(c.importance(), 2),
                c.growth() > 0 ? "+" + GapLevel(c.growth()) : "-", Fixed(c.weighted(), 2), c.need_label()});
    os << t.Render();
    if (m.grow_size() > 0) {
      os << "Grow first: ";
      for (int k = 0; k < m.grow_size(); ++k) os << (k ? ", " : "") << m.grow(k);
      os << "\n";
    } else {
      os << "Nothing to grow: what you hold covers every competency it asks for.\n";
    }
  }
  if (r.moves_size() > 1) os << "\nTotal gap over " << r.moves_size() << " moves: " << Fixed(r.total_gap(), 2) << "\n";
  return os.str();
}

RunFn SetupGap(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "For each competency the target asks for: growth = max(0, need - have); the gap is the sum of\n"
      "importance x growth. With --via or --route, what you hold is carried forward: after a move you\n"
      "hold the higher of what you had and what the position asked.\n"
      "Example: careergraph gap --from \"Staff Software Engineer\" --to \"Principal Product Manager\"");
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::GapRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Current position (id or title, case-insensitive)")->required();
  f.Value("--to", "to", "Target position")->required();
  f.Value("--via", "via", "Positions in between, in order: the gap of each move");
  f.Switch("--route", "route", "The gap of each move of the best route (see --objective)");
  f.Value("--objective", "objective", "With --route: which route (default fastest)");
  f.Map("--have", "have", "Your own levels, NAME=LEVEL,... or @FILE (a YAML file of competency: level; replace the start position's profile where given)");
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::GapRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = FindGap(**g, req, CliLimits().gap);
    if (!resp.ok()) return ReportError(resp.status());
    return EmitMessage(st->out, *resp, [&] { return RenderGap(*resp); });
  };
}

const bool kGapRegistered =
    RegisterCommand({"gap", "What a move (or each move of a route) asks you to learn, competency by competency", 34, SetupGap});

}  // namespace
}  // namespace careergraph::cli
