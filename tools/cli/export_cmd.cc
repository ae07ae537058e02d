// careergraph export: the whole graph as JSON, CSV, Graphviz DOT or an SVG ladder diagram.
#include <filesystem>
#include <map>
#include <iostream>
#include <set>
#include <cmath>
#include <sstream>

#include "engine/career_graph.h"
#include "engine/route.h"
#include "io/csv_writer.h"
#include "io/graph_source.h"
#include "render/ladder_svg.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string DotId(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Dot(const CareerGraph& g, const std::set<EdgeId>& highlight, const std::set<Vertex>& on_route) {
  std::ostringstream os;
  os << "digraph careergraph {\n  graph [rankdir=LR, fontname=\"Helvetica\", label=" << DotId(g.metadata().name())
     << "];\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\", fontname=\"Helvetica\"];\n"
     << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  std::map<std::pair<std::string, std::string>, std::vector<Vertex>> clusters;  // (org, track)
  for (Vertex v = 0; v < g.num_positions(); ++v)
    clusters[{g.position(v).org(), g.position(v).track()}].push_back(v);
  int c = 0;
  for (const auto& [key, members] : clusters) {
    os << "  subgraph cluster_" << c++ << " {\n    label=" << DotId(key.first.empty() ? key.second : key.first + " / " + key.second)
       << ";\n    style=rounded; color=\"#999999\";\n";
    for (Vertex v : members) {
      const auto& p = g.position(v);
      os << "    " << DotId(p.id()) << " [label=" << DotId(p.title() + "\n" + Money(Value(p.has_annual_pay(), p.annual_pay()), g.metadata().currency()))
         << (on_route.count(v) ? ", fillcolor=\"#ffe08a\", penwidth=2" : "") << "];\n";
    }
    os << "  }\n";
  }
  for (EdgeId e = 0; e < g.num_transitions(); ++e) {
    const bool hot = highlight.count(e) > 0;
    const char* style = g.kind(e) == v1::TRANSITION_KIND_PROMOTION ? "solid" : g.kind(e) == v1::TRANSITION_KIND_ORG_CHANGE ? "dotted" : "dashed";
    os << "  " << DotId(g.position(g.source(e)).id()) << " -> " << DotId(g.position(g.target(e)).id())
       << " [label=\"" << Fixed(g.years(e), 1) << "y " << Percent(g.probability(e)) << "\", style=" << style
       << (hot ? ", color=\"#d62728\", penwidth=3" : ", color=\"#666666\"") << "];\n";
  }
  os << "}\n";
  return os.str();
}

RunFn SetupExport(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    RouteOptions route;
    bool highlight = false;
  };
  auto st = std::make_shared<State>();
  st->out.format = "json";
  AddGraphOption(sub, &st->graph);
  AddOutputOptions(sub, &st->out, {"csv", "dot", "svg"});
  sub.add_flag("--route", st->highlight,
               "With --format dot or svg: highlight the route given by --from/--to (and route flags)");
  AddRouteOptions(sub, &st->route, /*require_endpoints=*/false);
  sub.footer(
      "Formats: json/textproto/pb print the careergraph.v1.Graph snapshot; csv prints positions.csv,\n"
      "transitions.csv, then graph.csv, sources.csv, tracks.csv and competencies.csv when the graph has them,\n"
      "separated by blank lines; with -o DIR each is written into DIR (created when missing), which --graph DIR\n"
      "reads back (a single file of them could not be, so -o FILE.csv is refused); dot\n"
      "prints a "
      "Graphviz graph with one cluster per org and track; svg draws the ladder (tracks as columns, levels as\n"
      "rows), the same drawing as POST /v1/route with Accept: image/svg+xml.\n"
      "Example: careergraph export --format dot --route --from \"Staff Software Engineer\" --to \"Director of Product\" | dot -Tsvg > ladder.svg");
  return [st]() -> int {
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    const CareerGraph& graph = **g;
    const std::string& f = st->out.format;
    if (f == "csv") {
      const io::CsvTables tables = io::WriteCsvTables(graph);
      std::error_code ec;
      const std::string& out = st->out.output;
      if (!out.empty() && out.back() != '/' && !std::filesystem::is_directory(out, ec)) {
        // The tables printed one after another are for reading, not loading: written to a
        // file, nothing could read the graph back. A name with no extension is taken as a
        // directory; a file name is refused with the directory to give instead.
        const std::filesystem::path p(out);
        const std::string ext = p.extension().string();
        if (!ext.empty() || std::filesystem::exists(p, ec))
          return ReportError(
              Status::InvalidArgument(
                  "CSV export writes one file per table (positions.csv, transitions.csv, ...) into a directory, "
                  "which --graph DIR reads back; '" +
                  out + "' " + (std::filesystem::exists(p, ec) ? "is a file" : "names a file") + ": give a directory, e.g. -o " +
                  (p.parent_path() / p.stem()).string() + "/")
                  .WithField("output"));
      }
      if (!out.empty()) {
        // -o DIR/, DIR (no extension) or an existing directory: the directory is created
        // when missing, and holds the tables `--graph DIR` reads back.
        if (std::filesystem::create_directories(st->out.output, ec); ec)
          return ReportError(Status::Io("cannot create the directory '" + st->out.output + "': " + ec.message())
                                 .WithField("output"));
        const std::string dir = st->out.output.back() == '/' ? st->out.output : st->out.output + "/";
        for (const auto& [name, text] : {std::pair<const char*, const std::string*>{"positions.csv", &tables.positions},
                                         {"transitions.csv", &tables.transitions},
                                         {"graph.csv", &tables.graph},
                                         {"sources.csv", &tables.sources},
                                         {"tracks.csv", &tables.tracks},
                                         {"competencies.csv", &tables.competencies}}) {
          if (text->empty()) continue;
          OutputOptions o = st->out;
          o.output = dir + name;
          if (int rc = Emit(o, *text)) return rc;
        }
        return 0;
      }
      std::string all = tables.positions + "\n" + tables.transitions;
      for (const std::string* t : {&tables.graph, &tables.sources, &tables.tracks, &tables.competencies})
        if (!t->empty()) all += "\n" + *t;
      return Emit(st->out, all);
    }
    if (f == "dot" || f == "svg") {
      std::set<EdgeId> hot;
      std::set<Vertex> on;
      std::vector<std::string> ids;  // the route's positions, in order
      Vertex first = kNoVertex, last = kNoVertex;
      if (st->highlight) {
        auto req = st->route.ToRequest();
        if (!req.ok()) return ReportError(req.status());
        if (req->from().empty() || req->to().empty())
          return ReportError(Status::InvalidArgument("--route needs --from and --to").WithField("route"));
        auto r = ResolveRoute(graph, *req, {});
        if (!r.ok()) return ReportError(r.status());
        auto p = SolveRoute(graph, *r, {});
        if (!p.ok()) return ReportError(p.status());
        if (!p->found) return ReportError(ExplainNoRoute(graph, *req, *r, {}));
        on.insert(r->from);
        ids.push_back(graph.position(r->from).id());
        first = last = r->from;
        for (EdgeId e : p->edges) {
          hot.insert(e);
          on.insert(last = graph.target(e));
          ids.push_back(graph.position(last).id());
        }
      }
      if (f == "svg") {
        std::vector<const v1::Position*> positions;
        for (Vertex v = 0; v < graph.num_positions(); ++v) positions.push_back(&graph.position(v));
        const std::string title =
            ids.empty() ? std::string() : graph.position(first).title() + " to " + graph.position(last).title();
        return Emit(st->out, render::LadderSvg(positions, ids, title, graph.metadata().currency()));
      }
      return Emit(st->out, Dot(graph, hot, on));
    }
    if (f == "table")
      return ReportError(Status::InvalidArgument("export has no table form; use --format json|textproto|pb|csv|dot")
                             .WithField("format"));
    return EmitMessage(st->out, graph.ToSnapshot(false), [] { return std::string(); });
  };
}

const bool kExportRegistered = RegisterCommand({"export", "Export the whole graph as JSON, CSV or Graphviz DOT", 70, SetupExport});

}  // namespace
}  // namespace careergraph::cli
