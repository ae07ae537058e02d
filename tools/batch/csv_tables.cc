#include "tools/batch/csv_tables.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <string_view>
#include <vector>

#include "engine/career_graph.h"
#include "io/atomic_file.h"

namespace careergraph::batch {
namespace {

// A message's optional number: NaN (an empty cell) when unset.
double Value(bool has, double v) { return has ? v : std::nan(""); }


class Csv {
 public:
  explicit Csv(std::vector<std::string> header) {
    for (const auto& h : header) Text(h);
    End();
  }
  Csv& Text(std::string_view s) {
    Sep();
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
    const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote) out_ += '"';
    if (formula) out_ += '\'';
    for (char c : s) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    if (quote) out_ += '"';
    return *this;
  }
  // The shortest digits that read back to the same double, in plain notation where a
  // spreadsheet user would expect it (100000, not 1e+05).
  Csv& Num(double v) {
    Sep();
    if (std::isnan(v)) return *this;  // unknown: an empty cell
    char buf[64];
    const double a = v < 0 ? -v : v;
    const bool plain = a == 0 || (a >= 1e-6 && a < 1e15);
    auto r = plain ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                   : std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
    return *this;
  }
  Csv& Int(long long v) {
    Sep();
    out_ += std::to_string(v);
    return *this;
  }
  Csv& Bool(bool b) {
    Sep();
    out_ += b ? "true" : "false";
    return *this;
  }
  template <typename Range>
  Csv& List(const Range& items) {
    std::string joined;
    for (const auto& s : items) joined += (joined.empty() ? "" : ";") + std::string(s);
    return Text(joined);
  }
  void End() {
    out_ += '\n';
    first_ = true;
  }
  const std::string& str() const { return out_; }

 private:
  void Sep() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

std::string HorizonName(double h) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, h);
  return "mobility_" + std::string(buf, r.ptr) + "y";
}

std::string Ladders(const v1::AnalysisReport& rep) {
  std::vector<std::string> header = {
      "ladder", "name", "rejected", "positions", "transitions", "orgs", "tracks", "errors", "warnings", "dead_ends",
      "unreachable", "pay_inversions", "lateral_cycles", "positions_in_lateral_cycles", "strong_components",
      "tracks_with_route_to_top", "mean_years_to_top", "max_years_to_top", "mean_expected_years_to_top",
      "mean_years_per_promotion", "mean_pay_growth_per_year", "mean_pay_growth_rate"};
  for (double h : rep.options().mobility_years()) header.push_back("mean_" + HorizonName(h));
  for (const char* c : {"top_bottleneck", "top_bottleneck_betweenness", "top_critical", "top_critical_routes_cut",
                        "track_switch_moves", "mean_track_switch_pay_change_pct", "betweenness_exact",
                        "betweenness_sources", "betweenness_epsilon"})
    header.push_back(c);
  Csv csv(header);
  for (const auto& l : rep.ladders()) {
    const auto& s = l.summary();
    csv.Text(l.source()).Text(l.name()).Bool(l.rejected()).Int(s.positions()).Int(s.transitions()).Int(s.orgs())
        .Int(s.tracks()).Int(s.errors()).Int(s.warnings()).Int(s.dead_ends()).Int(s.unreachable())
        .Int(s.pay_inversions()).Int(s.lateral_cycles()).Int(s.positions_in_lateral_cycles())
        .Int(s.strong_components()).Int(s.tracks_with_route_to_top()).Num(s.mean_years_to_top())
        .Num(s.max_years_to_top()).Num(s.mean_expected_years_to_top()).Num(s.mean_years_per_promotion())
        .Num(Value(s.has_mean_pay_growth_per_year(), s.mean_pay_growth_per_year())).Num(Value(s.has_mean_pay_growth_rate(), s.mean_pay_growth_rate()));
    for (int k = 0; k < rep.options().mobility_years_size(); ++k)
      csv.Num(k < s.mean_mobility_size() ? s.mean_mobility(k) : 0.0);
    csv.Text(s.top_bottleneck()).Num(s.top_bottleneck_betweenness()).Text(s.top_critical())
        .Num(s.top_critical_routes_cut()).Int(s.track_switch_moves()).Num(s.mean_track_switch_pay_change_pct())
        .Bool(l.betweenness().exact()).Int(l.betweenness().sources()).Num(l.betweenness().epsilon());
    csv.End();
  }
  return csv.str();
}

std::string Tracks(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "org", "track", "positions", "entry_level", "top_level", "entry_positions", "top_positions",
           "top_reachable", "fastest_years_to_top", "expected_years_to_top", "probability_fastest", "entry_pay",
           "top_pay", "pay_growth_per_year", "pay_growth_rate", "entry_ambiguity", "top_ambiguity",
           "ambiguity_per_year", "entry_leadership", "top_leadership", "leadership_per_year"});
  for (const auto& l : rep.ladders())
    for (const auto& t : l.tracks()) {
      csv.Text(l.source()).Text(t.org()).Text(t.track()).Int(t.positions()).Int(t.entry_level()).Int(t.top_level())
          .List(t.entry_positions()).List(t.top_positions()).Bool(t.top_reachable()).Num(t.fastest_years_to_top())
          .Num(t.expected_years_to_top()).Num(t.probability_fastest()).Num(Value(t.has_entry_pay(), t.entry_pay())).Num(Value(t.has_top_pay(), t.top_pay()))
          .Num(Value(t.has_pay_growth_per_year(), t.pay_growth_per_year())).Num(Value(t.has_pay_growth_rate(), t.pay_growth_rate())).Num(Value(t.has_entry_ambiguity(), t.entry_ambiguity())).Num(Value(t.has_top_ambiguity(), t.top_ambiguity()))
          .Num(Value(t.has_ambiguity_per_year(), t.ambiguity_per_year())).Num(Value(t.has_entry_leadership(), t.entry_leadership())).Num(Value(t.has_top_leadership(), t.top_leadership())).Num(Value(t.has_leadership_per_year(), t.leadership_per_year()));
      csv.End();
    }
  return csv.str();
}

std::string TrackLevels(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "org", "track", "level", "positions", "pay", "ambiguity", "leadership", "next_level",
           "next_reachable", "years_to_next", "expected_years_to_next", "probability_to_next", "levels_per_year",
           "pay_growth_per_year"});
  for (const auto& l : rep.ladders())
    for (const auto& t : l.tracks())
      for (const auto& s : t.levels()) {
        csv.Text(l.source()).Text(t.org()).Text(t.track()).Int(s.level()).Int(s.positions()).Num(Value(s.has_pay(), s.pay()))
            .Num(Value(s.has_ambiguity(), s.ambiguity())).Num(Value(s.has_leadership(), s.leadership())).Int(s.next_level()).Bool(s.next_reachable())
            .Num(s.years_to_next()).Num(s.expected_years_to_next()).Num(s.probability_to_next())
            .Num(s.levels_per_year()).Num(Value(s.has_pay_growth_per_year(), s.pay_growth_per_year()));
        csv.End();
      }
  return csv.str();
}

std::string Positions(const v1::AnalysisReport& rep) {
  std::vector<std::string> header = {"ladder", "id", "title", "org", "track", "level", "pay", "betweenness",
                                     "betweenness_normalized", "routes_cut"};
  for (double h : rep.options().mobility_years()) header.push_back(HorizonName(h));
  for (const char* c : {"moves_in", "moves_out", "dead_end", "unreachable", "lateral_cycle", "top_reachable",
                        "years_to_top"})
    header.push_back(c);
  Csv csv(header);
  for (const auto& l : rep.ladders())
    for (const auto& p : l.positions()) {
      csv.Text(l.source()).Text(p.id()).Text(p.title()).Text(p.org()).Text(p.track()).Int(p.level()).Num(Value(p.has_pay(), p.pay()))
          .Num(p.betweenness()).Num(p.betweenness_normalized()).Num(p.routes_cut());
      for (int k = 0; k < rep.options().mobility_years_size(); ++k)
        csv.Int(k < p.mobility_size() ? p.mobility(k) : 0);
      csv.Int(p.moves_in()).Int(p.moves_out()).Bool(p.dead_end()).Bool(p.unreachable()).Int(p.lateral_cycle())
          .Bool(p.top_reachable()).Num(p.years_to_top());
      csv.End();
    }
  return csv.str();
}

std::string TrackSwitches(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "from_track", "to_track", "moves", "mean_years", "mean_probability", "moves_with_pay",
           "mean_pay_change", "mean_pay_change_pct", "moves_with_top", "mean_years_to_top_change",
           "mean_top_pay_change"});
  for (const auto& l : rep.ladders())
    for (const auto& s : l.track_switches()) {
      csv.Text(l.source()).Text(s.from_track()).Text(s.to_track()).Int(s.moves()).Num(s.mean_years())
          .Num(s.mean_probability()).Int(s.moves_with_pay()).Num(s.mean_pay_change()).Num(s.mean_pay_change_pct())
          .Int(s.moves_with_top()).Num(s.mean_years_to_top_change()).Num(s.mean_top_pay_change());
      csv.End();
    }
  return csv.str();
}

std::string LevelMapping(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "level", "positions", "orgs", "titles", "level_labels", "matched", "reference_ladder",
           "reference_level", "reference_orgs", "reference_titles", "reference_level_labels", "pay_overlap",
           "ambiguity_overlap", "score"});
  for (const auto& m : rep.level_mapping()) {
    const v1::LevelNames &at = m.names(), &ref = m.reference_names();
    csv.Text(m.ladder()).Int(m.level()).Int(m.positions()).List(at.orgs()).List(at.titles()).List(at.level_labels())
        .Bool(m.matched()).Text(rep.reference_ladder()).Int(m.reference_level()).List(ref.orgs())
        .List(ref.titles()).List(ref.level_labels()).Num(Value(m.has_pay_overlap(), m.pay_overlap())).Num(Value(m.has_ambiguity_overlap(), m.ambiguity_overlap())).Num(m.score());
    csv.End();
  }
  return csv.str();
}

std::string CompetencyGates(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "kind", "rank", "competency", "name", "moves_gated", "share", "mean_growth", "moves_of_kind",
           "gated_moves_of_kind"});
  for (const auto& l : rep.ladders())
    for (const auto& [kind, k] : {std::pair{v1::TRANSITION_KIND_PROMOTION, &l.competency_gates().promotions()},
                                  std::pair{v1::TRANSITION_KIND_TRACK_SWITCH, &l.competency_gates().track_switches()}})
      for (int i = 0; i < k->competencies_size(); ++i) {
        const auto& c = k->competencies(i);
        csv.Text(l.source()).Text(TransitionKindName(kind)).Int(i + 1).Text(c.competency()).Text(c.name())
            .Int(c.moves()).Num(c.share()).Num(c.mean_growth()).Int(k->moves()).Int(k->gated_moves());
        csv.End();
      }
  return csv.str();
}

std::string LargestGaps(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "rank", "from", "to", "from_title", "to_title", "kind", "gap", "max_growth", "grow"});
  for (const auto& l : rep.ladders())
    for (int i = 0; i < l.competency_gates().largest_gaps_size(); ++i) {
      const v1::GapMove& gm = l.competency_gates().largest_gaps(i);
      const v1::MoveGapInfo& m = gm.move();
      csv.Text(l.source()).Int(i + 1).Text(m.from_id()).Text(m.to_id()).Text(m.from_title()).Text(m.to_title())
          .Text(TransitionKindName(gm.kind())).Num(m.gap()).Num(m.max_growth()).List(m.grow());
      csv.End();
    }
  return csv.str();
}

std::string Findings(const v1::AnalysisReport& rep) {
  Csv csv({"ladder", "severity", "code", "file", "line", "field", "position", "message"});
  for (const auto& l : rep.ladders())
    for (const auto& f : l.validation().findings()) {
      csv.Text(l.source()).Text(f.severity() == v1::ERROR ? "error" : "warning").Text(f.code()).Text(f.file())
          .Int(f.line()).Text(f.field()).Text(f.position()).Text(f.message());
      csv.End();
    }
  return csv.str();
}

constexpr const char* kTables[] = {"ladders", "tracks", "track_levels", "positions", "track_switches",
                                   "level_mapping", "competency_gates", "largest_gaps", "findings"};

}  // namespace

std::string CsvTable(const v1::AnalysisReport& report, const std::string& table) {
  if (table == "ladders") return Ladders(report);
  if (table == "tracks") return Tracks(report);
  if (table == "track_levels") return TrackLevels(report);
  if (table == "positions") return Positions(report);
  if (table == "track_switches") return TrackSwitches(report);
  if (table == "level_mapping") return LevelMapping(report);
  if (table == "competency_gates") return CompetencyGates(report);
  if (table == "largest_gaps") return LargestGaps(report);
  if (table == "findings") return Findings(report);
  return "";
}

Status WriteCsvTables(const v1::AnalysisReport& report, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    return Status::Io("cannot create the CSV directory " + dir + (ec ? ": " + ec.message() : "")).WithField("csv");
  for (const char* t : kTables)
    CAREERGRAPH_RETURN_IF_ERROR(io::WriteFileAtomic((std::filesystem::path(dir) / (std::string(t) + ".csv")).string(),
                                                    CsvTable(report, t)));
  return Status::Ok();
}

}  // namespace careergraph::batch
