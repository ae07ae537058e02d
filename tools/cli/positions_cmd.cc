// careergraph positions: list or search the positions of a graph.
#include "careergraph/v1/service.pb.h"
#include "engine/career_graph.h"
#include "engine/positions.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

RunFn SetupPositions(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    std::unique_ptr<RequestFlags> flags;
  };
  auto st = std::make_shared<State>();
  AddGraphOption(sub, &st->graph);
  st->flags = std::make_unique<RequestFlags>(sub, v1::PositionsRequest::descriptor());
  st->flags->Value("--search,-s", "search",
                   "Case-insensitive text to look for in id, title, org and track (exact titles first)");
  st->flags->Value("--track,-t", "track",
                   "Only this track, in ladder order (junior to senior): its id or name, case-insensitive");
  st->flags->Value("--limit,-n", "limit", "Show at most this many (default 100; at most 1000)");
  AddOutputOptions(sub, &st->out);
  sub.footer("The json/textproto/pb formats print the careergraph.v1.PositionsResponse, as GET /v1/positions does.");
  return [st]() -> int {
    v1::PositionsRequest req;
    if (Status s = st->flags->Fill(&req); !s.ok()) return ReportError(s);
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    const auto& graph = **g;
    auto resp = ListPositions(graph, req, CliLimits().positions);
    if (!resp.ok()) return ReportError(resp.status());
    const std::string currency = graph.metadata().currency();
    return EmitMessage(st->out, *resp, [&] {
      TextTable t({"id", "title", "org", "track", "level", "pay", "ambiguity", "leadership", "moves out"},
                  {false, false, false, false, true, true, true, true, true});
      PayMarks marks;
      for (const auto& p : resp->positions()) {
        const auto v = graph.index().FindId(p.id());
        const std::size_t out = v == PositionIndex::kNotFound ? 0 : graph.out_end(v) - graph.out_begin(v);
        t.AddRow({p.id(), p.title(), p.org(), p.track(), std::to_string(p.level()), marks.Money(Value(p.has_annual_pay(), p.annual_pay()), p.pay_basis(), currency),
                  Fixed(Value(p.has_ambiguity(), p.ambiguity()), 2), Fixed(Value(p.has_leadership(), p.leadership()), 2), std::to_string(out)});
      }
      std::string tail = std::to_string(resp->positions_size()) + " of " + std::to_string(resp->total_positions()) +
                         " positions";
      if (resp->more()) tail += " (more match: raise --limit or narrow --search)";
      return t.Render() + PayFootnotes(marks, std::vector<std::string>{}) + tail + "\n";
    });
  };
}

const bool kPositionsRegistered = RegisterCommand({"positions", "List or search positions (id, title, org, track, pay, ...)", 50, SetupPositions});

}  // namespace
}  // namespace careergraph::cli
