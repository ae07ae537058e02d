// careergraph matrix: best-route years (and cost) from many positions to many positions.
#include <cctype>
#include <sstream>

#include "careergraph/v1/matrix.pb.h"
#include "engine/career_graph.h"
#include "engine/cost.h"
#include "engine/matrix.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/explore_options.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string RenderMatrix(const v1::MatrixResponse& r) {
  std::ostringstream os;
  const bool show_cost = r.objective() != v1::FASTEST;
  std::string name = CostModel::ObjectiveName(r.objective());
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
    FilterOptions filter;
    OutputOptions out;
    std::vector<std::string> from, to;
    std::string objective = "fastest", weights;
  };
  auto st = std::make_shared<State>();
  sub.footer(
      "Each cell is what `careergraph route` answers for that pair: the objective's best route, its years,\n"
      "moves, success probability and cost. One search per origin; at most 10,000 cells.\n"
      "Titles may contain spaces; separate positions with commas or repeat the flag.\n"
      "Example: careergraph matrix --from \"Senior Software Engineer,Staff Software Engineer\" "
      "--to \"Director of Product,Director of Program Management\"");
  AddGraphOption(sub, &st->graph);
  sub.add_option("--from", st->from, "Origins (ids or titles; comma-separated or repeated)")->required()->delimiter(',');
  sub.add_option("--to", st->to, "Destinations (ids or titles; comma-separated or repeated)")->required()->delimiter(',');
  sub.add_option("--objective", st->objective, "fastest | fewest-moves | safest | best-fit")
      ->check(CLI::IsMember({"fastest", "fewest-moves", "safest", "best-fit"}))
      ->capture_default_str();
  sub.add_option("--weights", st->weights, "best-fit weights, e.g. years=1,risk=2,pay=1,ambiguity=0.5,leadership=1");
  AddFilterOptions(sub, &st->filter);
  AddOutputOptions(sub, &st->out);
  return [st]() -> int {
    v1::MatrixRequest req;
    for (const auto& f : st->from)
      for (const auto& x : SplitList(f)) req.add_from(x);
    for (const auto& t : st->to)
      for (const auto& x : SplitList(t)) req.add_to(x);
    auto obj = CostModel::ParseObjective(st->objective);
    if (!obj.ok()) return ReportError(obj.status());
    req.set_objective(*obj);
    if (!st->weights.empty()) {
      if (*obj != v1::BEST_FIT)
        return ReportError(Status::InvalidArgument("--weights applies to --objective best-fit only").WithField("weights"));
      if (Status s = CostModel::ParseWeights(st->weights, req.mutable_weights()); !s.ok()) return ReportError(s);
    }
    req.set_min_leadership(st->filter.min_leadership);
    if (Status s = st->filter.Fill(req.mutable_constraints()); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = ComputeMatrix(**g, req);
    if (!resp.ok()) return ReportError(resp.status());
    return EmitMessage(st->out, *resp, [&] { return RenderMatrix(*resp); });
  };
}

const bool kMatrixRegistered = RegisterCommand(
    {"matrix", "Many-to-many table of best-route years and cost (one search per origin)", 34, SetupMatrix});

}  // namespace
}  // namespace careergraph::cli
