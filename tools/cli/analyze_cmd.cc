// careergraph analyze: batch analysis of whole org ladders, in one process or over MPI.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "careergraph/v1/report.pb.h"
#include "engine/analysis.h"
#include "engine/request_fields.h"
#include "io/atomic_file.h"
#include "render/text.h"
#include "tools/batch/csv_tables.h"
#include "tools/batch/distributed.h"
#include "tools/batch/progress.h"
#include "tools/batch/runner.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"
#include "tools/cli/table.h"

namespace careergraph::cli {
namespace {

// Per-ladder details in the table only for a handful of ladders; a corpus gets the
// comparison table (and --csv / --out for everything).
constexpr int kDetailedLadders = 5;

std::string Years(double y) { return Fixed(y, 1); }

std::string Level(int level) { return "L" + std::to_string(level); }

// A level's orgs, titles or labels in one cell: the first three joined by " / ", then how
// many more there are.
std::string Names(const google::protobuf::RepeatedPtrField<std::string>& names) {
  constexpr int kShown = 3;
  std::string out;
  for (int i = 0; i < names.size() && i < kShown; ++i) out += (i ? " / " : "") + names[i];
  if (names.size() > kShown) out += " +" + std::to_string(names.size() - kShown) + " more";
  return out;
}

// The competencies that gate each kind of move, and the moves that ask the most to learn.
std::string CompetencyTables(const v1::CompetencyGates& gates) {
  std::ostringstream os;
  auto gated = [&](const std::string& kind, const v1::GatedMoves& k) {
    os << "\nCompetencies gating " << kind << ": ";
    if (k.moves() == 0) {
      os << "no " << kind << "\n";
      return;
    }
    os << k.gated_moves() << " of " << k.moves() << " " << kind << " ask to grow a competency\n";
    if (k.competencies_size() == 0) return;
    TextTable t({"#", "competency", "moves gated", "share", "mean growth"}, {true, false, true, true, true});
    for (int i = 0; i < k.competencies_size(); ++i) {
      const auto& c = k.competencies(i);
      t.AddRow({std::to_string(i + 1), c.name().empty() ? c.competency() : c.name(), std::to_string(c.moves()),
                Percent(c.share()), Fixed(c.mean_growth(), 2)});
    }
    os << t.Render();
    if (k.gating_competencies() > static_cast<std::uint32_t>(k.competencies_size()))
      os << "  and " << k.gating_competencies() - k.competencies_size() << " more (--top)\n";
  };
  gated("promotions", gates.promotions());
  gated("track switches", gates.track_switches());
  os << "\nLargest competency gaps (what a move asks beyond the profile of the position left)\n";
  if (gates.largest_gaps_size() == 0) {
    os << "  none: no move asks to grow a competency\n";
    return os.str();
  }
  TextTable t({"#", "from", "to", "kind", "gap", "max growth", "grow first"},
              {true, false, false, false, true, true, false});
  for (int i = 0; i < gates.largest_gaps_size(); ++i) {
    const auto& m = gates.largest_gaps(i).move();
    std::string grow;
    for (const auto& c : m.grow()) grow += (grow.empty() ? "" : ", ") + c;
    t.AddRow({std::to_string(i + 1), m.from_title(), m.to_title(),
              std::string(TransitionKindName(gates.largest_gaps(i).kind())), Fixed(m.gap(), 2),
              Fixed(m.max_growth(), 1), grow});
  }
  os << t.Render();
  return os.str();
}

std::string LadderDetails(const v1::AnalysisReport& rep, const v1::LadderReport& l) {
  std::ostringstream os;
  const auto& s = l.summary();
  const std::string& cur = l.currency();
  os << "Ladder: " << l.name() << " (" << l.source() << ")\n";
  os << "  " << s.positions() << " positions, " << s.transitions() << " transitions, " << s.tracks() << " tracks in "
     << render::Counted(s.orgs(), "org") << "; validation: " << render::Counted(s.errors(), "error")
     << ", " << render::Counted(s.warnings(), "warning") << "\n";
  if (l.rejected()) {
    os << "  rejected: not analysed (run 'careergraph validate " << l.source() << "' for the findings)\n\n";
    return os.str();
  }
  os << "\nTracks (routes inside the track, from the entry level to the top)\n";
  TextTable t({"org", "track", "levels", "years", "expected", "p(fastest)", "pay", "pay/year", "growth", "ambiguity",
               "leadership"},
              {false, false, false, true, true, true, false, true, true, false, false});
  for (const auto& tr : l.tracks()) {
    const std::string levels = Level(tr.entry_level()) + "-" + Level(tr.top_level());
    if (!tr.top_reachable()) {
      t.AddRow({tr.org(), tr.track(), levels, "no route", "", "", "", "", "", "", ""});
      continue;
    }
    t.AddRow({tr.org(), tr.track(), levels, Years(tr.fastest_years_to_top()), Years(tr.expected_years_to_top()),
              Percent(tr.probability_fastest()), Money(Value(tr.has_entry_pay(), tr.entry_pay()), cur) + " -> " + Money(Value(tr.has_top_pay(), tr.top_pay()), cur),
              Money(Value(tr.has_pay_growth_per_year(), tr.pay_growth_per_year()), cur), Percent(Value(tr.has_pay_growth_rate(), tr.pay_growth_rate())),
              Fixed(Value(tr.has_entry_ambiguity(), tr.entry_ambiguity()), 2) + " -> " + Fixed(Value(tr.has_top_ambiguity(), tr.top_ambiguity()), 2),
              Fixed(Value(tr.has_entry_leadership(), tr.entry_leadership()), 2) + " -> " + Fixed(Value(tr.has_top_leadership(), tr.top_leadership()), 2)});
  }
  os << t.Render();

  const auto& b = l.betweenness();
  os << "\nBottlenecks: betweenness over fastest routes ("
     << (b.exact() ? "exact" : "sampled, " + std::to_string(b.sources()) + " sources, error <= " +
                                   Fixed(b.epsilon(), 3) + " normalised with probability " +
                                   Percent(1 - b.failure_probability()))
     << ")\n";
  if (l.bottlenecks_size() == 0) {
    os << "  none: no position lies inside a fastest route\n";
  } else {
    TextTable bt({"#", "position", "betweenness", "normalised", "routes cut"}, {true, false, true, true, true});
    std::map<std::string, double> cut;
    for (const auto& p : l.positions()) cut[p.id()] = p.routes_cut();
    for (int i = 0; i < l.bottlenecks_size(); ++i) {
      const auto& r = l.bottlenecks(i);
      bt.AddRow({std::to_string(i + 1), r.title(), Fixed(r.value(), 1), Fixed(r.normalized(), 3), Fixed(cut[r.id()], 0)});
    }
    os << bt.Render();
  }
  if (l.critical_positions_size() > 0) {
    os << "\nCritical positions: removing one disconnects these many (from, to) routes\n";
    TextTable ct({"#", "position", "routes cut", "share"}, {true, false, true, true});
    for (int i = 0; i < l.critical_positions_size(); ++i) {
      const auto& r = l.critical_positions(i);
      ct.AddRow({std::to_string(i + 1), r.title(), Fixed(r.value(), 0), Percent(r.normalized())});
    }
    os << ct.Render();
  }

  auto list = [](const auto& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? std::string("none") : out;
  };
  os << "\nDead ends (no route to any track's top): " << list(l.dead_ends()) << "\n";
  os << "Unreachable (no route from any track's entry): " << list(l.unreachable()) << "\n";
  os << "Pay inversions: " << (l.pay_inversions_size() ? "" : "none") << "\n";
  for (const auto& p : l.pay_inversions())
    os << "  " << p.position() << " (" << Level(p.level()) << ", " << Money(p.pay(), cur) << ") pays less than "
       << p.lower_position() << " (" << Level(p.lower_level()) << ", " << Money(p.lower_pay(), cur) << ")\n";
  os << "Lateral cycles (moves that never raise the level): " << (l.lateral_cycles_size() ? "" : "none") << "\n";
  for (int i = 0; i < l.lateral_cycles_size(); ++i) {
    const auto& c = l.lateral_cycles(i);
    os << "  " << i + 1 << ". " << list(c.positions()) << " (" << Level(c.level_min())
       << (c.level_max() != c.level_min() ? "-" + Level(c.level_max()) : "") << ")\n";
  }

  if (l.track_switches_size() > 0) {
    os << "\nTrack switches (same org): pay and time effect\n";
    TextTable st({"from", "to", "moves", "years", "p", "pay change", "pay %", "years to top", "top pay"},
                 {false, false, true, true, true, true, true, true, true});
    for (const auto& p : l.track_switches()) {
      auto signed_years = [](double y) { return (y > 0 ? "+" : "") + Fixed(y, 1); };
      st.AddRow({p.from_track(), p.to_track(), std::to_string(p.moves()), Years(p.mean_years()),
                 Percent(p.mean_probability()), p.moves_with_pay() ? SignedMoney(p.mean_pay_change(), cur) : "",
                 p.moves_with_pay() ? Fixed(p.mean_pay_change_pct(), 1) : "",
                 p.moves_with_top() ? signed_years(p.mean_years_to_top_change()) : "",
                 p.moves_with_top() ? SignedMoney(p.mean_top_pay_change(), cur) : ""});
    }
    os << st.Render();
  }
  if (l.has_competency_gates()) os << CompetencyTables(l.competency_gates());
  os << "\nMobility: on average a position reaches";
  for (int k = 0; k < s.mean_mobility_size() && k < rep.options().mobility_years_size(); ++k) {
    const double h = rep.options().mobility_years(k);
    os << (k ? "," : "") << " " << Fixed(s.mean_mobility(k), 1) << " positions within "
       << Fixed(h, h == std::floor(h) ? 0 : 1) << " years";
  }
  os << "\n\n";
  return os.str();
}

std::string RenderReport(const v1::AnalysisReport& rep) {
  std::ostringstream os;
  if (rep.ladders_size() <= kDetailedLadders)
    for (const auto& l : rep.ladders()) os << LadderDetails(rep, l);
  if (rep.ladders_size() > 1) {
    os << "Comparison\n";
    TextTable t({"ladder", "positions", "tracks", "errors", "warnings", "years to top", "years/level", "pay growth",
                 "dead ends", "unreachable", "inversions", "cycles", "top bottleneck"},
                {false, true, true, true, true, true, true, true, true, true, true, true, false});
    for (const auto& l : rep.ladders()) {
      const auto& s = l.summary();
      if (l.rejected()) {
        t.AddRow({l.source(), "", "", std::to_string(s.errors()), std::to_string(s.warnings()), "rejected"});
        continue;
      }
      t.AddRow({l.source(), std::to_string(s.positions()), std::to_string(s.tracks()), std::to_string(s.errors()),
                std::to_string(s.warnings()), Years(s.mean_years_to_top()), Years(s.mean_years_per_promotion()),
                Percent(Value(s.has_mean_pay_growth_rate(), s.mean_pay_growth_rate())), std::to_string(s.dead_ends()), std::to_string(s.unreachable()),
                std::to_string(s.pay_inversions()), std::to_string(s.lateral_cycles()), s.top_bottleneck()});
    }
    os << t.Render();
  }
  if (rep.level_mapping_size() > 0 && rep.ladders_size() <= kDetailedLadders * 4) {
    std::string reference = rep.reference_ladder();
    for (const auto& l : rep.ladders())
      if (l.source() == rep.reference_ladder()) reference = l.name() + " (" + l.source() + ")";
    os << "\nLevel mapping onto " << reference << ": the overlap of the levels' pay and ambiguity bands\n";
    TextTable t({"org", "level", "title", "maps to", "reference org", "reference title", "pay overlap",
                 "ambiguity overlap", "score"},
                {false, false, false, false, false, false, true, true, true});
    for (const auto& m : rep.level_mapping()) {
      const v1::LevelNames &at = m.names(), &ref = m.reference_names();
      if (!m.matched()) {
        t.AddRow({Names(at.orgs()), Names(at.level_labels()), Names(at.titles()), "unmatched", "", "", "", "", ""});
        continue;
      }
      t.AddRow({Names(at.orgs()), Names(at.level_labels()), Names(at.titles()), Names(ref.level_labels()),
                Names(ref.orgs()), Names(ref.titles()), Fixed(Value(m.has_pay_overlap(), m.pay_overlap()), 2), Fixed(Value(m.has_ambiguity_overlap(), m.ambiguity_overlap()), 2),
                Fixed(m.score(), 2)});
    }
    os << t.Render();
  }
  os << rep.ladders_analysed() << (rep.ladders_analysed() == 1 ? " ladder" : " ladders") << " analysed, "
     << rep.ladders_rejected() << " rejected\n";
  return os.str();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The format of --out, from its extension.
StatusOr<std::string> OutFormat(const std::string& path) {
  const std::string ext = Lower(std::filesystem::path(path).extension().string());
  if (ext == ".pb" || ext == ".binpb") return std::string("pb");
  if (ext == ".json") return std::string("json");
  if (ext == ".textproto" || ext == ".txtpb" || ext == ".pbtxt") return std::string("textproto");
  return Status::InvalidArgument("cannot tell the report format from '" + path +
                                 "'; end it in .pb or .binpb (binary protobuf), .json, or .textproto")
      .WithField("out");
}

std::string Serialize(const v1::AnalysisReport& report, const std::string& format) {
  if (format == "pb") {
    // Deterministic serialisation is what makes reports comparable byte for byte.
    std::string bytes;
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.SetSerializationDeterministic(true);
    report.SerializeToCodedStream(&coded);
    coded.Trim();
    return bytes;
  }
  return Render(report, format, [&] { return RenderReport(report); });
}

RunFn SetupAnalyze(CLI::App& sub) {
  struct State {
    batch::BatchOptions batch;
    std::string out, csv, format = "table";
    bool distributed = false;
    std::uint32_t exact_limit = 0, samples = 0, top = 0;
    std::uint64_t seed = 0;
    double failure_probability = 0;
    std::vector<double> mobility_years;
    std::string reference;
    std::vector<std::string> map_weights;
  };
  auto st = std::make_shared<State>();
  sub.add_option("ladders", st->batch.ladders,
                 "Ladder files or directories: a directory of CSV/TSV files is one ladder; any other directory "
                 "holds one ladder per file or subdirectory")
      ->required();
  sub.add_option("--out,-o", st->out, "Write the report here (atomically): .pb/.binpb, .json or .textproto");
  sub.add_option("--csv", st->csv, "Also write CSV tables (ladders, tracks, positions, ...) into this directory");
  sub.add_option("--format,-f", st->format, "What to print on stdout: table|json|textproto|pb")
      ->check(CLI::IsMember({"table", "json", "textproto", "pb"}))
      ->capture_default_str();
  sub.add_option("--threads,-j", st->batch.threads, "Threads (0 = one per hardware thread)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  sub.add_flag("--distributed", st->distributed,
               "Split the work over the processes of an MPI job: mpirun -np N careergraph analyze --distributed ...");
  sub.add_option("--exact-limit", st->exact_limit,
                 "Exact betweenness up to this many positions, sampled above (default " +
                     std::to_string(kDefaultExactMaxPositions) + ")")
      ->check(CLI::Range(1LL, 10'000'000LL));
  sub.add_option("--samples", st->samples,
                 "Sources sampled for betweenness on larger ladders (default " + std::to_string(kDefaultSamples) + ")")
      ->check(CLI::Range(1LL, 10'000'000LL));
  sub.add_option("--seed", st->seed, "Seed of the source sample (default " + std::to_string(kDefaultAnalysisSeed) + ")");
  sub.add_option("--failure-probability", st->failure_probability,
                 "Probability the stated sampling error bound may fail (default 0.05)");
  sub.add_option("--mobility-years", st->mobility_years, "Horizons for mobility, in years (default 3 5)")
      ->delimiter(',');
  sub.add_option("--top", st->top, "Entries in the ranked lists (default " + std::to_string(kDefaultTop) + ")")
      ->check(CLI::Range(1LL, 100'000LL));
  sub.add_option("--reference", st->reference,
                 "The ladder the level mapping maps onto: its file, file name, stem or name (default: the first)");
  sub.add_option("--map-weights", st->map_weights,
                 "Weights of the band overlaps in a level match, e.g. pay=1,ambiguity=0.5 (the defaults)")
      ->delimiter(',');
  sub.add_option("--split-threshold", st->batch.split_threshold,
                 "Ladders with at least this many positions have their sources split over threads and ranks "
                 "(the report is the same either way)")
      ->check(CLI::Range(1LL, 4'000'000'000LL))
      ->capture_default_str();
  sub.footer(
      "For every ladder: validation findings; per track time to top (fastest and expected), promotion\n"
      "velocity, pay growth, ambiguity and leadership; betweenness bottlenecks and the positions whose\n"
      "removal disconnects the most routes; dead ends, unreachable positions, pay inversions, lateral\n"
      "cycles; track-switch premiums; mobility within 3 and 5 years; with a competency catalogue, the\n"
      "competencies that most often gate promotions and track switches and the moves with the largest\n"
      "gaps (--top of each). Across ladders: a comparison table and a level mapping onto the reference\n"
      "ladder (--reference, default the first): each level (its org, titles and label) matched to at\n"
      "most one reference level, in order, by the weighted overlap of pay and ambiguity bands\n"
      "(--map-weights), or 'unmatched' where no band overlaps.\n"
      "The report is the same bytes whatever --threads or the number of MPI ranks. Exits 0, or 5\n"
      "(invalid data) when some ladder was rejected.\n"
      "Examples: careergraph analyze ladders/ --csv out/ --out report.json\n"
      "          mpirun -np 4 careergraph analyze --distributed ladders/ --out report.pb");
  return [st]() -> int {
    std::string out_format;
    if (!st->out.empty()) {
      auto f = OutFormat(st->out);
      if (!f.ok()) return ReportError(f.status());
      out_format = *f;
    }
    auto& o = st->batch.analyze;
    o.set_exact_max_positions(st->exact_limit);
    o.set_samples(st->samples);
    o.set_seed(st->seed);
    o.set_failure_probability(st->failure_probability);
    o.set_top(st->top);
    for (double h : st->mobility_years) o.add_mobility_years(h);
    o.set_reference(st->reference);
    for (const auto& item : st->map_weights) {
      const auto eq = item.find('=');
      const std::string name = item.substr(0, eq);
      if (eq == std::string::npos || (name != "pay" && name != "ambiguity"))
        return ReportError(Status::InvalidArgument("'" + item + "' is not pay=NUMBER or ambiguity=NUMBER")
                               .WithField("--map-weights"));
      Status s = SetFieldText(&o, "map_weight_" + name, item.substr(eq + 1));
      if (!s.ok()) return ReportError(Status::InvalidArgument(s.message()).WithField("--map-weights"));
    }
    if (st->batch.split_threshold == 0) st->batch.split_threshold = 1;
    st->batch.progress = batch::StderrIsTerminal();

    v1::AnalysisReport report;
    if (st->distributed) {
      auto res = batch::RunDistributed(st->batch);
      if (!res.ok()) return ReportError(res.status());
      if (!res->root) return 0;
      report = std::move(res->report);
    } else {
      auto res = batch::RunBatch(st->batch);
      if (!res.ok()) return ReportError(res.status());
      report = std::move(*res);
    }

    if (!st->out.empty()) {
      Status s = io::WriteFileAtomic(st->out, Serialize(report, out_format));
      if (!s.ok()) return ReportError(s);
    }
    if (!st->csv.empty()) {
      Status s = batch::WriteCsvTables(report, st->csv);
      if (!s.ok()) return ReportError(s);
    }
    OutputOptions stdout_opts;
    if (int rc = Emit(stdout_opts, Serialize(report, st->format))) return rc;
    if (report.ladders_rejected() > 0)
      return ReportError(Status::InvalidData(
          std::to_string(report.ladders_rejected()) + " of " + std::to_string(report.ladders_size()) +
          " ladders have errors and were not analysed; their findings are in the report ('careergraph validate "
          "LADDER' lists them)"));
    return 0;
  };
}

const bool kAnalyzeRegistered = RegisterCommand(
    {"analyze", "Batch analysis of org ladders: health, bottlenecks, mobility, comparison (threads or MPI)", 40,
     SetupAnalyze});

}  // namespace
}  // namespace careergraph::cli
