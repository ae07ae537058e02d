// careergraph tracks: what each track is and how it progresses (engine/tracks.h).
#include "careergraph/v1/tracks.pb.h"
#include "engine/career_graph.h"
#include "engine/tracks.h"
#include "io/graph_source.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/route_options.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

// `text` in lines of at most `width` characters, each starting with `indent`.
std::string Wrap(const std::string& text, std::size_t width, const std::string& indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

std::string LevelChange(int d) {
  if (d == 0) return "same level";
  return (d > 0 ? "+" : "") + std::to_string(d) + (d == 1 || d == -1 ? " level" : " levels");
}

std::string RenderTrack(const v1::TrackSummary& t, const std::string& cur) {
  std::string out = t.name() + (t.name() != t.id() ? " (" + t.id() + ")" : "") + "\n";
  if (!t.description().empty()) out += Wrap(t.description(), 92, "  ");
  std::map<std::string, std::string> title_of;
  for (const auto& s : t.ladder()) title_of[s.position_id()] = s.title();
  out += "\n  Ladder, junior to senior:\n";
  TextTable lt({"level", "title", "pay", "ambiguity", "leadership", "step up", "years", "odds"},
               {false, false, true, true, true, false, true, true});
  const int top_level = t.ladder_size() ? t.ladder(t.ladder_size() - 1).level() : 0;
  PayMarks marks;
  for (const auto& s : t.ladder())
    lt.AddRow({s.level_label(), s.title(), marks.Money(Value(s.has_pay(), s.pay()), s.pay_basis(), cur), Fixed(Value(s.has_ambiguity(), s.ambiguity()), 2), Fixed(Value(s.has_leadership(), s.leadership()), 2),
               s.next_id().empty() ? (s.level() == top_level ? "(top)" : "(no step up in the track)")
                                   : "-> " + title_of[s.next_id()],
               s.next_id().empty() ? "" : Fixed(s.next_years(), 1), s.next_id().empty() ? "" : Percent(s.next_probability())});
  std::string table = lt.Render() + PayFootnotes(marks, std::vector<std::string>{});
  for (std::size_t start = 0; start < table.size();) {
    const std::size_t nl = table.find('\n', start);
    out += "  " + table.substr(start, nl - start + 1);
    start = nl + 1;
  }
  if (t.ladder_size() > 1) {
    if (t.top_reachable())
      out += Wrap("Time to the top: " + title_of[t.bottom_id()] + " -> " + title_of[t.top_id()] + " in " +
                      Fixed(t.years_to_top(), 1) + " years at the quickest (" + Percent1(t.probability_to_top()) +
                      " that every step of it succeeds first time).",
                  92, "  ");
    else
      out += Wrap("Time to the top: the track's own moves do not lead from " + title_of[t.bottom_id()] + " to " +
                      title_of[t.top_id()] + ".",
                  92, "  ");
  }
  bool described = false;
  for (const auto& s : t.ladder()) described |= !s.description().empty();
  if (described) {
    out += "\n  What each level does:\n";
    for (const auto& s : t.ladder())
      if (!s.description().empty()) out += Wrap(s.level_label() + " " + s.title() + ": " + s.description(), 88, "    ");
  }
  auto moves = [&](const char* heading, const auto& list, bool in) {
    if (list.empty()) {
      out += std::string("\n  ") + heading + ": none\n";
      return;
    }
    out += std::string("\n  ") + heading + ":\n";
    TextTable mt({in ? "from track" : "to track", "from", "to", "level change", "years", "odds", "pay change"},
                 {false, false, false, false, true, true, true});
    for (const auto& m : list)
      mt.AddRow({in ? m.from_track() : m.to_track(), m.from_label() + " " + m.from_title(), m.to_label() + " " + m.to_title(),
                 LevelChange(m.level_change()), Fixed(m.years(), 1), Percent(m.probability()),
                 Value(m.has_pay_change(), m.pay_change()) == 0 ? "0" : SignedMoney(Value(m.has_pay_change(), m.pay_change()), cur)});
    std::string s = mt.Render();
    for (std::size_t start = 0; start < s.size();) {
      const std::size_t nl = s.find('\n', start);
      out += "  " + s.substr(start, nl - start + 1);
      start = nl + 1;
    }
  };
  moves("Ways in", t.ways_in(), true);
  moves("Ways out", t.ways_out(), false);
  return out;
}

RunFn SetupTracks(CLI::App& sub) {
  struct State {
    GraphOption graph;
    OutputOptions out;
    v1::TracksRequest req;
  };
  auto st = std::make_shared<State>();
  AddGraphOption(sub, &st->graph);
  sub.add_option("--track,-t", *st->req.mutable_track(),
                 "Only this track: its id or name, case-insensitive (\"pm\", \"Product Management\", \"product\")");
  AddOutputOptions(sub, &st->out);
  sub.footer(
      "For each track: what it is, its ladder in order (level label, title, pay, ambiguity, leadership\n"
      "proximity, the quickest step up with its years and odds), the time from its first level to its top,\n"
      "and the moves into it from other tracks and out of it. json/textproto/pb print a\n"
      "careergraph.v1.TracksResponse.\n"
      "Example: careergraph tracks --track \"Technical Program Management\"");
  return [st]() -> int {
    auto g = io::OpenGraph(st->graph.graph);
    if (!g.ok()) return ReportError(g.status());
    auto resp = DescribeTracks(**g, st->req);
    if (!resp.ok()) return ReportError(resp.status());
    return EmitMessage(st->out, *resp, [&] {
      std::string out;
      for (const auto& t : resp->tracks()) out += (out.empty() ? "" : "\n") + RenderTrack(t, resp->currency());
      return out;
    });
  };
}

const bool kTracksRegistered =
    RegisterCommand({"tracks", "What each track is: its ladder in order, ways in and out, time to the top", 45, SetupTracks});

}  // namespace
}  // namespace careergraph::cli
