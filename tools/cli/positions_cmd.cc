// careergraph positions: list or search the positions of a graph.
#include "careergraph/v1/graph.pb.h"
#include "engine/career_graph.h"
#include "engine/tracks.h"
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
    std::string search;
    std::string track;
    std::size_t limit = 0;
  };
  auto st = std::make_shared<State>();
  AddGraphOption(sub, &st->graph);
  sub.add_option("--search,-s", st->search,
                 "Case-insensitive text to look for in id, title, org and track (exact titles first)");
  sub.add_option("--track,-t", st->track,
                 "Only this track, in ladder order (junior to senior): its id or name, case-insensitive");
  sub.add_option("--limit,-n", st->limit, "Show at most this many (0 = all)");
  AddOutputOptions(sub, &st->out);
  sub.footer("The json/textproto/pb formats print a careergraph.v1.Graph holding the matching positions.");
  return [st]() -> int {
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    const auto& graph = **g;
    std::vector<Vertex> hits;
    if (!st->track.empty()) {
      auto t = ResolveTrack(graph, st->track, "track");
      if (!t.ok()) return ReportError(t.status());
      const std::string want = ToLower(st->search);
      for (Vertex v : TrackLadder(graph, *t)) {
        const auto& p = graph.position(v);
        if (!want.empty() && ToLower(p.id() + "\n" + p.title() + "\n" + p.org()).find(want) == std::string::npos) continue;
        if (st->limit && hits.size() == st->limit) break;
        hits.push_back(v);
      }
    } else {
      hits = graph.index().Search(st->search, st->limit ? st->limit : graph.num_positions());
    }
    if (hits.empty() && !st->search.empty()) {
      auto s = graph.index().Suggest(st->search);
      Status err = Status::NotFound("no position matches '" + st->search + "'" +
                                    (s.empty() ? "" : "; did you mean '" + s.front() + "'?"))
                       .WithField("search");
      return ReportError(std::move(err).WithSuggestions(s));
    }
    v1::Graph msg;
    *msg.mutable_metadata() = graph.metadata();
    for (Vertex v : hits) *msg.add_positions() = graph.position(v);
    const std::string currency = graph.metadata().currency();
    return EmitMessage(st->out, msg, [&] {
      TextTable t({"id", "title", "org", "track", "level", "pay", "ambiguity", "leadership", "moves out"},
                  {false, false, false, false, true, true, true, true, true});
      for (Vertex v : hits) {
        const auto& p = graph.position(v);
        t.AddRow({p.id(), p.title(), p.org(), p.track(), std::to_string(p.level()), Money(p.annual_pay(), currency),
                  Fixed(p.ambiguity(), 2), Fixed(p.leadership(), 2),
                  std::to_string(graph.out_end(v) - graph.out_begin(v))});
      }
      return t.Render() + std::to_string(hits.size()) + " of " + std::to_string(graph.num_positions()) +
             " positions\n";
    });
  };
}

const bool kPositionsRegistered = RegisterCommand({"positions", "List or search positions (id, title, org, track, pay, ...)", 50, SetupPositions});

}  // namespace
}  // namespace careergraph::cli
