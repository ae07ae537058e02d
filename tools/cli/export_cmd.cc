// careergraph export: the whole graph as JSON, CSV, Graphviz DOT or an SVG ladder diagram.
#include <filesystem>
#include <map>
#include <iostream>
#include <set>
#include <charconv>
#include <cmath>
#include <sstream>

#include "engine/career_graph.h"
#include "engine/route.h"
#include "io/graph_source.h"
#include "render/ladder_svg.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The shortest text that reads back as the same double (so export -> import is exact); an
// unknown value is an empty cell, which the CSV reader reads as unknown again.
std::string Num(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string DotId(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// positions.csv then transitions.csv, separated by a blank line, unless --output names a
// directory-like prefix (then two files are written).
std::string PositionsCsv(const CareerGraph& g) {
  std::string out = "id,title,org,track,level,pay,ambiguity,leadership,tags,level_label,description\n";
  for (const auto& p : g.positions()) {
    std::string tags;
    for (const auto& t : p.tags()) tags += (tags.empty() ? "" : ";") + t;
    out += CsvField(p.id()) + "," + CsvField(p.title()) + "," + CsvField(p.org()) + "," + CsvField(p.track()) + "," +
           std::to_string(p.level()) + "," + Num(Value(p.has_annual_pay(), p.annual_pay())) + "," + Num(Value(p.has_ambiguity(), p.ambiguity())) + "," +
           Num(Value(p.has_leadership(), p.leadership())) + "," + CsvField(tags) + "," + CsvField(p.level_label()) + "," +
           CsvField(p.description()) + "\n";
  }
  return out;
}

std::string TransitionsCsv(const CareerGraph& g) {
  std::string out = "from,to,kind,years,probability,provenance\n";
  for (EdgeId e = 0; e < g.num_transitions(); ++e)
    out += CsvField(g.position(g.source(e)).id()) + "," + CsvField(g.position(g.target(e)).id()) + "," +
           std::string(TransitionKindName(g.kind(e))) + "," + Num(g.years(e)) + "," + Num(g.probability(e)) + "," +
           CsvField(g.provenance(e)) + "\n";
  return out;
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
      "a blank line, then transitions.csv (with -o DIR/ both files are written into DIR); dot prints a\n"
      "Graphviz graph with one cluster per org and track; svg draws the ladder (tracks as columns, levels as\n"
      "rows), the same drawing as POST /v1/route with Accept: image/svg+xml.\n"
      "Example: careergraph export --format dot --route --from \"Staff Software Engineer\" --to \"Director of Product\" | dot -Tsvg > ladder.svg");
  return [st]() -> int {
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    const CareerGraph& graph = **g;
    const std::string& f = st->out.format;
    if (f == "csv") {
      // The CSV form has no columns for competencies yet: say so rather than drop them quietly.
      if (graph.metadata().competencies_size() > 0)
        std::cerr << "careergraph: warning: the CSV form does not carry the competency catalogue and profiles; "
                     "export json, textproto or pb to keep them\n";
      std::error_code ec;
      const bool to_dir = !st->out.output.empty() &&
                          (st->out.output.back() == '/' || std::filesystem::is_directory(st->out.output, ec));
      if (to_dir) {
        // -o DIR/ (or an existing directory): the directory is created when missing.
        if (std::filesystem::create_directories(st->out.output, ec); ec)
          return ReportError(Status::Io("cannot create the directory '" + st->out.output + "': " + ec.message())
                                 .WithField("output"));
        OutputOptions p = st->out, t = st->out;
        if (p.output.back() != '/') p.output += '/', t.output += '/';
        p.output += "positions.csv";
        t.output += "transitions.csv";
        if (int rc = Emit(p, PositionsCsv(graph))) return rc;
        return Emit(t, TransitionsCsv(graph));
      }
      return Emit(st->out, PositionsCsv(graph) + "\n" + TransitionsCsv(graph));
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
