// careergraph analyze end to end: golden output on the reference ladder, directories of
// ladders, report files in every format, CSV tables, the same bytes whatever the thread
// count, and every bad input with its message and exit code.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include "careergraph/v1/report.pb.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::ReadText;
using testing::RunCli;
using testing::SourcePath;
using testing::TempPath;
using testing::WriteText;

namespace fs = std::filesystem;

// Paths in the output are made relative to the source tree so the golden files do not
// depend on where the tree is checked out.
std::string Relative(std::string s) {
  const std::string prefix = SourcePath("");
  for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
  return s;
}

// Compares with a golden file; CAREERGRAPH_UPDATE_GOLDEN=1 rewrites it instead.
void ExpectGolden(const std::string& actual, const std::string& golden) {
  const std::string path = SourcePath("tests/testdata/analyze/" + golden);
  if (std::getenv("CAREERGRAPH_UPDATE_GOLDEN")) {
    fs::create_directories(fs::path(path).parent_path());
    WriteText(path, actual);
  }
  EXPECT_EQ(actual, ReadText(path)) << "golden " << path
                                    << " differs; rerun with CAREERGRAPH_UPDATE_GOLDEN=1 to accept the new output";
}

v1::AnalysisReport ParsePb(const std::string& path) {
  v1::AnalysisReport r;
  EXPECT_TRUE(r.ParseFromString(ReadText(path))) << path;
  return r;
}

std::size_t Lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

const std::string kDefault = SourcePath("data/default_ladder.yaml");

TEST(AnalyzeCli, GoldenJsonOnTheReferenceLadder) {
  auto r = RunCli({"analyze", kDefault, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden(Relative(r.out), "default_ladder.json");
}

TEST(AnalyzeCli, GoldenTableOnTheReferenceLadder) {
  auto r = RunCli({"analyze", kDefault});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden(Relative(r.out), "default_ladder.txt");
}

// Two company ladders: each level's row names its org, titles and label and those of the
// reference level it maps to, with the band overlaps behind the match; Initech's E4, paid far
// above any Acme level, is unmatched.
TEST(AnalyzeCli, GoldenLevelMappingTable) {
  const std::string acme = SourcePath("tests/testdata/level_mapping/acme.yaml");
  const std::string initech = SourcePath("tests/testdata/level_mapping/initech.yaml");
  const std::string dir = TempPath("csv");
  auto r = RunCli({"analyze", acme, initech, "--csv", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = Relative(r.out);
  const std::size_t at = out.find("Level mapping onto");
  ASSERT_NE(at, std::string::npos) << out;
  ExpectGolden(out.substr(at), "level_mapping.txt");
  // The CSV row carries the same names, lists separated by ';'.
  EXPECT_NE(ReadText(dir + "/level_mapping.csv")
                .find(initech + ",30,1,Initech,Lead Developer,E3,true," + acme +
                      ",5,Acme Corp,Staff Software Engineer;Engineering Manager,L5;M1,"),
            std::string::npos);
}

// The published company ladders of data/ladders map onto GitLab's as the README shows: a
// level without a pay or ambiguity band shows "-" for that overlap (never 0.00), and levels
// paid below every reference band stay unmatched.
TEST(AnalyzeCli, GoldenLevelMappingOfThePublishedLadders) {
  auto r = RunCli({"analyze", SourcePath("data/ladders"), "--reference", "gitlab"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = Relative(r.out);
  const std::size_t at = out.find("Level mapping onto");
  ASSERT_NE(at, std::string::npos) << out;
  ExpectGolden(out.substr(at), "published_level_mapping.txt");
}

// A ladder with competency profiles: the competencies gating promotions and track switches
// and the moves with the largest gaps, in the table and in the JSON report.
TEST(AnalyzeCli, GoldenCompetencyGates) {
  const std::string ladder = SourcePath("tests/testdata/competency/ladder.yaml");
  auto r = RunCli({"analyze", ladder});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t from = r.out.find("\nCompetencies gating promotions"), to = r.out.find("\nMobility:");
  ASSERT_NE(from, std::string::npos) << r.out;
  ASSERT_NE(to, std::string::npos);
  ExpectGolden(r.out.substr(from + 1, to - from), "competency_gates.txt");

  auto json = RunCli({"analyze", ladder, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::AnalysisReport rep;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &rep).ok());
  const auto& gates = rep.ladders(0).competency_gates();
  EXPECT_EQ(gates.promotions().moves(), 1u);
  EXPECT_EQ(gates.track_switches().moves(), 3u);
  EXPECT_EQ(gates.track_switches().competencies(0).competency(), "people");
  EXPECT_EQ(gates.track_switches().competencies(0).moves(), 3u);
  ASSERT_EQ(gates.largest_gaps_size(), 4);
  EXPECT_EQ(gates.largest_gaps(0).move().from_id(), "swe1");
  EXPECT_EQ(gates.largest_gaps(0).move().to_id(), "pm1");
  // Each competency's part as `careergraph gap` gives it: pm1 asks tech 2, "uses the stack".
  ASSERT_EQ(gates.largest_gaps(0).move().competencies_size(), 3);
  EXPECT_EQ(gates.largest_gaps(0).move().competencies(2).need_label(), "uses the stack");
}

// Without a competency catalogue the tables are absent, not shown as zeros.
TEST(AnalyzeCli, NoCompetencyGatesWithoutACatalogue) {
  const std::string ladder = SourcePath("tests/testdata/yaml/ladder.yaml");
  auto r = RunCli({"analyze", ladder});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("Competencies gating"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("competency gaps"), std::string::npos);
  auto json = RunCli({"analyze", ladder, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out.find("competencyGates"), std::string::npos);
  const std::string dir = TempPath("csv");
  ASSERT_EQ(RunCli({"analyze", ladder, "--csv", dir}).exit_code, 0);
  EXPECT_EQ(Lines(ReadText(dir + "/competency_gates.csv")), 1u);  // the header only
  EXPECT_EQ(Lines(ReadText(dir + "/largest_gaps.csv")), 1u);
}

TEST(AnalyzeCli, ReferenceLadderHeadlines) {
  const std::string out = TempPath("report.pb");
  auto r = RunCli({"analyze", kDefault, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const v1::AnalysisReport rep = ParsePb(out);
  ASSERT_EQ(rep.ladders_size(), 1);
  const auto& l = rep.ladders(0);
  EXPECT_EQ(l.name(), "Reference tech ladder");
  EXPECT_EQ(l.validation().errors(), 0u);
  EXPECT_EQ(l.summary().positions(), 25u);
  EXPECT_TRUE(l.betweenness().exact());
  // SWE L3 -> L8 by promotions: 1.5 + 2 + 2.5 + 3 + 3.5 years.
  for (const auto& t : l.tracks())
    if (t.track() == "swe") {
      EXPECT_DOUBLE_EQ(t.fastest_years_to_top(), 12.5);
      EXPECT_DOUBLE_EQ(t.entry_pay(), 155000);
      EXPECT_DOUBLE_EQ(t.top_pay(), 575000);
    }
  // Engineering Manager is where most fastest routes between tracks pass.
  EXPECT_EQ(l.bottlenecks(0).id(), "em-l6");
  EXPECT_EQ(l.dead_ends_size(), 0);
  EXPECT_EQ(rep.options().samples(), 128u);
}

TEST(AnalyzeCli, ReportFilesInEveryFormatHoldTheSameMessage) {
  auto json = RunCli({"analyze", kDefault, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0);
  v1::AnalysisReport from_json;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &from_json).ok());

  const std::string pb = TempPath("r.pb"), js = TempPath("r.json"), tp = TempPath("r.textproto");
  ASSERT_EQ(RunCli({"analyze", kDefault, "--out", pb}).exit_code, 0);
  ASSERT_EQ(RunCli({"analyze", kDefault, "-o", js, "--format", "table"}).exit_code, 0);
  ASSERT_EQ(RunCli({"analyze", kDefault, "--out", tp}).exit_code, 0);
  EXPECT_EQ(ParsePb(pb).SerializeAsString(), from_json.SerializeAsString());
  EXPECT_EQ(ReadText(js), json.out);
  v1::AnalysisReport from_text;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(ReadText(tp), &from_text));
  EXPECT_EQ(from_text.SerializeAsString(), from_json.SerializeAsString());

  auto stdout_pb = RunCli({"analyze", kDefault, "--format", "pb"});
  EXPECT_EQ(stdout_pb.out, ReadText(pb));
}

TEST(AnalyzeCli, SameBytesWhateverTheThreadCount) {
  const std::vector<std::string> ladders = {kDefault, SourcePath("tests/testdata/yaml/ladder.yaml"),
                                            SourcePath("tests/testdata/peers_tiny"),
                                            SourcePath("tests/testdata/tsv_pair")};
  std::string first;
  for (const auto& extra : std::vector<std::vector<std::string>>{
           {"--threads", "1"}, {"--threads", "4"}, {"--threads", "2", "--split-threshold", "1"},
           {"--threads", "3", "--split-threshold", "50"}}) {
    const std::string out = TempPath("t" + std::to_string(first.size()) + extra[1] + ".pb");
    std::vector<std::string> args = {"analyze", "--out", out, "--format", "json"};
    args.insert(args.end(), ladders.begin(), ladders.end());
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = RunCli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string bytes = ReadText(out);
    if (first.empty()) first = bytes;
    EXPECT_EQ(bytes, first) << extra[0] << " " << extra[1];
  }
  // Sampled betweenness too (every ladder above 20 positions).
  std::string sampled;
  for (const char* threads : {"1", "2"}) {
    const std::string out = TempPath(std::string("s") + threads + ".pb");
    std::vector<std::string> args = {"analyze", "--exact-limit", "20", "--samples", "17", "--threads", threads,
                                     "--split-threshold", "1", "--out", out};
    args.insert(args.end(), ladders.begin(), ladders.end());
    ASSERT_EQ(RunCli(args).exit_code, 0);
    if (sampled.empty()) sampled = ReadText(out);
    EXPECT_EQ(ReadText(out), sampled);
  }
  const v1::AnalysisReport rep = ParsePb(TempPath("s1.pb"));
  EXPECT_FALSE(rep.ladders(0).betweenness().exact());
  EXPECT_EQ(rep.ladders(0).betweenness().sources(), 17u);
  EXPECT_GT(rep.ladders(0).betweenness().epsilon(), 0);
}

TEST(AnalyzeCli, DirectoryOfLadders) {
  const fs::path dir = TempPath("corpus");
  fs::create_directories(dir / "30-csv");
  fs::create_directories(dir / "40-empty");
  fs::copy_file(kDefault, dir / "10-reference.yaml");
  fs::copy_file(SourcePath("tests/testdata/yaml/ladder.yaml"), dir / "20-small.yaml");
  fs::copy_file(SourcePath("tests/testdata/tsv_pair/positions.tsv"), dir / "30-csv" / "positions.tsv");
  fs::copy_file(SourcePath("tests/testdata/tsv_pair/transitions.tsv"), dir / "30-csv" / "transitions.tsv");
  WriteText((dir / "README.md").string(), "not a ladder\n");
  WriteText((dir / ".hidden.yaml").string(), "not: [valid\n");

  const std::string out = TempPath("dir.pb");
  auto r = RunCli({"analyze", dir.string(), "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const v1::AnalysisReport rep = ParsePb(out);
  ASSERT_EQ(rep.ladders_size(), 3);
  EXPECT_EQ(rep.ladders(0).source(), (dir / "10-reference.yaml").string());
  EXPECT_EQ(rep.ladders(1).source(), (dir / "20-small.yaml").string());
  EXPECT_EQ(rep.ladders(2).source(), (dir / "30-csv").string());
  EXPECT_EQ(rep.ladders(1).name(), "Test ladder");
  EXPECT_EQ(rep.ladders_analysed(), 3u);
  EXPECT_EQ(rep.reference_ladder(), (dir / "10-reference.yaml").string());
  std::size_t small_levels = 0;
  for (const auto& m : rep.level_mapping()) small_levels += m.ladder() == rep.ladders(1).source();
  EXPECT_EQ(small_levels, static_cast<std::size_t>(rep.ladders(1).levels_size()));
  EXPECT_NE(r.out.find("Comparison"), std::string::npos);
  EXPECT_NE(r.out.find("Level mapping onto Reference tech ladder (" + (dir / "10-reference.yaml").string() + ")"),
            std::string::npos);
  EXPECT_NE(r.out.find("3 ladders analysed, 0 rejected"), std::string::npos);

  // A directory holding only CSV/TSV files is one ladder; named directly it is the ladder.
  auto one = RunCli({"analyze", (dir / "30-csv").string(), "--out", out});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(ParsePb(out).ladders_size(), 1);

  // Tables beside other ladder files form a ladder of their own, listed first.
  fs::copy_file(SourcePath("tests/testdata/tsv_pair/positions.tsv"), dir / "positions.tsv");
  fs::copy_file(SourcePath("tests/testdata/tsv_pair/transitions.tsv"), dir / "transitions.tsv");
  auto mixed = RunCli({"analyze", dir.string(), "--out", out});
  ASSERT_EQ(mixed.exit_code, 0) << mixed.err;
  const v1::AnalysisReport mrep = ParsePb(out);
  ASSERT_EQ(mrep.ladders_size(), 4);
  EXPECT_EQ(mrep.ladders(0).source(), dir.string());
  EXPECT_EQ(mrep.ladders(0).summary().positions(), rep.ladders(2).summary().positions());
}

TEST(AnalyzeCli, CsvTables) {
  const std::string dir = TempPath("csv");
  auto r = RunCli({"analyze", kDefault, SourcePath("tests/testdata/yaml/ladder.yaml"), "--csv", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* t : {"ladders", "tracks", "track_levels", "positions", "track_switches", "level_mapping",
                        "competency_gates", "largest_gaps", "findings"})
    EXPECT_TRUE(fs::exists(dir + "/" + t + ".csv")) << t;
  const std::string ladders = ReadText(dir + "/ladders.csv");
  EXPECT_EQ(Lines(ladders), 3u);  // header + 2 ladders
  EXPECT_EQ(ladders.substr(0, ladders.find('\n')),
            "ladder,name,rejected,positions,transitions,orgs,tracks,errors,warnings,dead_ends,unreachable,"
            "pay_inversions,lateral_cycles,positions_in_lateral_cycles,strong_components,tracks_with_route_to_top,"
            "mean_years_to_top,max_years_to_top,mean_expected_years_to_top,mean_years_per_promotion,"
            "mean_pay_growth_per_year,mean_pay_growth_rate,mean_mobility_3y,mean_mobility_5y,top_bottleneck,"
            "top_bottleneck_betweenness,top_critical,top_critical_routes_cut,track_switch_moves,"
            "mean_track_switch_pay_change_pct,betweenness_exact,betweenness_sources,betweenness_epsilon");
  const std::string positions = ReadText(dir + "/positions.csv");
  EXPECT_NE(positions.find("\n" + kDefault + ",swe-l3,Software Engineer,Reference Tech,swe,3,155000,"),
            std::string::npos);
  const std::string tracks = ReadText(dir + "/tracks.csv");
  EXPECT_NE(tracks.find(kDefault + ",Reference Tech,swe,7,3,8,swe-l3,swe-l8,true,12.5,"), std::string::npos);
  // A row per level of each track: 5 + 8 + 6 + 5 in the reference ladder, 4 + 2 in the other.
  EXPECT_EQ(Lines(ReadText(dir + "/track_levels.csv")), 1u + 24u + 6u);
  // Only the reference ladder has a competency catalogue: at most --top (10) moves of its own.
  const std::string gaps = ReadText(dir + "/largest_gaps.csv");
  EXPECT_EQ(gaps.substr(0, gaps.find('\n')), "ladder,rank,from,to,from_title,to_title,kind,gap,max_growth,grow");
  EXPECT_EQ(Lines(gaps), 1u + 10u);
  EXPECT_NE(ReadText(dir + "/competency_gates.csv").find("\n" + kDefault + ",promotion,1,"), std::string::npos);
}

TEST(AnalyzeCli, CsvQuotesTextAndDefusesFormulas) {
  const std::string ladder = TempPath("quoted.yaml");
  WriteText(ladder,
            "name: Quoted\norg: Acme\ntracks:\n  - id: t\n    promotion: {years: 2, probability: 0.5}\n    levels:\n"
            "      - {id: a, title: \"Lead, Platform\", pay: 100, ambiguity: 0.1, leadership: 0.1}\n"
            "      - {id: b, title: \"=HYPERLINK(1)\", pay: 200, ambiguity: 0.2, leadership: 0.2}\n"
            "      - {id: c, title: \"Says \\\"hi\\\"\", pay: 300, ambiguity: 0.3, leadership: 0.3}\n");
  const std::string dir = TempPath("qcsv");
  auto r = RunCli({"analyze", ladder, "--csv", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string positions = ReadText(dir + "/positions.csv");
  EXPECT_NE(positions.find(",a,\"Lead, Platform\",Acme,"), std::string::npos) << positions;
  EXPECT_NE(positions.find(",b,'=HYPERLINK(1),Acme,"), std::string::npos) << positions;
  EXPECT_NE(positions.find(",c,\"Says \"\"hi\"\"\",Acme,"), std::string::npos) << positions;
}

TEST(AnalyzeCli, RejectedLadderIsReportedAndFailsTheRun) {
  const std::string bad = TempPath("bad.yaml");
  WriteText(bad,
            "name: Bad\norg: X\ntracks:\n  - id: t\n    levels:\n"
            "      - {id: a, title: A, pay: 100, ambiguity: 0.1, leadership: 0.1}\n"
            "transitions:\n  - {from: a, to: ghost, years: 1, probability: 0.5}\n");
  const std::string out = TempPath("bad.pb"), csv = TempPath("badcsv");
  auto r = RunCli({"analyze", kDefault, bad, "--out", out, "--csv", csv});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("careergraph: error: 1 of 2 ladders have errors and were not analysed"), std::string::npos)
      << r.err;
  const v1::AnalysisReport rep = ParsePb(out);
  ASSERT_EQ(rep.ladders_size(), 2);
  EXPECT_TRUE(rep.ladders(1).rejected());
  EXPECT_EQ(rep.ladders(1).summary().errors(), 1u);
  EXPECT_EQ(rep.ladders(1).validation().findings(0).code(), "unknown-position");
  EXPECT_EQ(rep.ladders(1).positions_size(), 0);
  EXPECT_EQ(rep.ladders_rejected(), 1u);
  EXPECT_NE(ReadText(csv + "/findings.csv").find(",error,unknown-position," + bad + ",8,"), std::string::npos);
  EXPECT_NE(r.out.find("rejected: not analysed"), std::string::npos);
}

TEST(AnalyzeCli, BadArguments) {
  auto missing = RunCli({"analyze", "no/such/ladder.yaml"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.err, "careergraph: error: ladders: no such file or directory: no/such/ladder.yaml\n");

  const std::string empty = TempPath("empty");
  fs::create_directories(empty);
  auto nothing = RunCli({"analyze", empty});
  EXPECT_EQ(nothing.exit_code, 3);
  EXPECT_NE(nothing.err.find("no ladder files in directory " + empty), std::string::npos) << nothing.err;

  auto ext = RunCli({"analyze", kDefault, "--out", TempPath("report.txt")});
  EXPECT_EQ(ext.exit_code, 2);
  EXPECT_NE(ext.err.find("cannot tell the report format from"), std::string::npos) << ext.err;
  EXPECT_NE(ext.err.find("end it in .pb or .binpb (binary protobuf), .json, or .textproto"), std::string::npos);

  auto prob = RunCli({"analyze", kDefault, "--failure-probability", "2"});
  EXPECT_EQ(prob.exit_code, 2);
  EXPECT_EQ(prob.err,
            "careergraph: error: failure_probability: the failure probability of the sampling bound is 2; it must be "
            "between 0 and 1, e.g. 0.05\n");

  auto horizon = RunCli({"analyze", kDefault, "--mobility-years", "3,0"});
  EXPECT_EQ(horizon.exit_code, 2);
  EXPECT_NE(horizon.err.find("mobility horizon 0 years must be > 0"), std::string::npos) << horizon.err;

  auto noarg = RunCli({"analyze"});
  EXPECT_NE(noarg.exit_code, 0);
  EXPECT_NE(noarg.err.find("ladders is required"), std::string::npos) << noarg.err;

  auto csv = RunCli({"analyze", kDefault, "--csv", kDefault});
  EXPECT_EQ(csv.exit_code, 12);
  EXPECT_NE(csv.err.find("cannot create the CSV directory"), std::string::npos) << csv.err;
}

TEST(AnalyzeCli, NoProgressBarWhenStderrIsNotATerminal) {
  auto r = RunCli({"analyze", kDefault, SourcePath("tests/testdata/peers_tiny"), "--split-threshold", "1"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
}

TEST(AnalyzeCli, MobilityHorizonsNameTheColumns) {
  const std::string dir = TempPath("h");
  ASSERT_EQ(RunCli({"analyze", kDefault, "--mobility-years", "2.5,10", "--csv", dir}).exit_code, 0);
  const std::string header = ReadText(dir + "/positions.csv").substr(0, 200);
  EXPECT_NE(header.find(",routes_cut,mobility_2.5y,mobility_10y,moves_in,"), std::string::npos) << header;
}

}  // namespace
}  // namespace careergraph
