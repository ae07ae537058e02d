// careergraph matrix: best-route years (and cost) from many positions to many positions.
#include <cctype>
#include <sstream>

#include "careergraph/v1/matrix.pb.h"
#include "engine/career_graph.h"
#include "engine/choices.h"
#include "engine/cost.h"
#include "engine/matrix.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string RenderMatrix(const v1::MatrixResponse& r) {
  std::ostringstream os;
  const bool show_cost = r.objective() != v1::OBJECTIVE_FASTEST;
  std::string name = std::string(ChoiceName(r.objective()));
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  os << name << " routes, " << r.rows_size() << " x " << r.to_size() << " ("
     << r.reachable_cells() << " of " << r.cells() << " reachable). Cell: years (moves, success probability)"
     << (show_cost ? "; cost" : "") << "\n";
  std::vector<std::string> header = {"from \\ to"};
  std::vector<bool> right = {false};
  for (const auto& t : r.to()) {
    header.push_back(t.title());
    right.push_back(true);
  }
  TextTable t(header, right);
  for (const auto& row : r.rows()) {
    std::vector<std::string> cells = {row.from().title()};
    for (const auto& c : row.cells()) {
      if (!c.reachable()) {
        cells.push_back("-");
        continue;
      }
      std::string s = Fixed(c.years(), 1) + " (" + std::to_string(c.moves()) + ", " + Percent(c.probability()) + ")";
      if (show_cost) s += "; " + Fixed(c.cost(), 3);
      cells.push_back(s);
    }
    t.AddRow(cells);
  }
  os << t.Render();
  return os.str();
}

RunFn SetupMatrix(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Each cell is what `careergraph route` answers for that pair: the objective's best route, its years,\n"
      "moves, success probability and cost. One search per origin; at most 10,000 cells.\n"
      "Titles may contain spaces; separate positions with commas or repeat the flag.\n"
      "Example: careergraph matrix --from \"Senior Software Engineer,Staff Software Engineer\" "
      "--to \"Director of Product,Director of Program Management\"");
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::MatrixRequest::descriptor());
  RequestFlags& f = *st->flags;
  f.Value("--from", "from", "Origins (ids or titles; comma-separated or repeated)")->required();
  f.Value("--to", "to", "Destinations (ids or titles; comma-separated or repeated)")->required();
  f.Value("--objective", "objective", "What each cell's route minimises (default fastest)");
  f.Pairs("--weights", "weights", "best-fit weights, e.g. years=1,risk=2,pay=1,ambiguity=0.5,leadership=1");
  f.MoveExclusions();
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::MatrixRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = ComputeMatrix(**g, req, CliLimits().matrix);
    if (!resp.ok()) return ReportError(resp.status());
    return EmitMessage(st->out, *resp, [&] { return RenderMatrix(*resp); });
  };
}

const bool kMatrixRegistered = RegisterCommand(
    {"matrix", "Many-to-many table of best-route years and cost (one search per origin)", 34, SetupMatrix});

}  // namespace
}  // namespace careergraph::cli
