// Golden tests of the CLI on the embedded ladder: exact output for people and programs,
// exit codes, and every user error with its message.
//
// Regenerate after an intended change with CAREERGRAPH_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <filesystem>

#include <cstdlib>
#include <fstream>

#include <google/protobuf/util/json_util.h>

#include "careergraph/v1/route.pb.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::RunCli;

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = testing::SourcePath("tests/golden/" + name);
  if (std::getenv("CAREERGRAPH_UPDATE_GOLDEN")) {
    testing::WriteText(path, actual);
    return;
  }
  std::ifstream probe(path);
  ASSERT_TRUE(probe.good()) << "missing golden file " << path << " (run with CAREERGRAPH_UPDATE_GOLDEN=1)";
  EXPECT_EQ(actual, testing::ReadText(path)) << "output differs from " << path;
}

const std::vector<std::string> kMainQuery = {"route", "--from", "Staff Software Engineer", "--to",
                                             "Director of Product"};

std::vector<std::string> With(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

TEST(Cli, MainQueryTable) {
  auto r = RunCli(kMainQuery);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden("route_staff_to_director.txt", r.out);
}

TEST(Cli, RouteObjectivesAndConstraints) {
  auto r = RunCli(With(kMainQuery, {"--objective", "safest", "--avoid-track", "tpm"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden("route_safest_avoid_tpm.txt", r.out);
  r = RunCli(With(kMainQuery, {"--objective", "best-fit", "--weights", "years=1,risk=2,pay=1,ambiguity=0.5,leadership=1"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden("route_best_fit.txt", r.out);
  r = RunCli(With(kMainQuery, {"--via", "Staff Technical Program Manager", "--max-moves", "4"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden("route_via_tpm.txt", r.out);
}

TEST(Cli, RouteJsonIsTheResponseMessage) {
  auto r = RunCli(With(kMainQuery, {"--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden("route_staff_to_director.json", r.out);
  v1::RouteResponse resp;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &resp).ok());
  ASSERT_EQ(resp.routes_size(), 1);
  EXPECT_EQ(resp.routes(0).steps(0).title(), "Staff Software Engineer");
  EXPECT_EQ(resp.routes(0).steps(resp.routes(0).steps_size() - 1).title(), "Director of Product");
}

TEST(Cli, RouteBinaryAndTextFormatsCarryTheSameMessage) {
  auto json = RunCli(With(kMainQuery, {"--format", "json"}));
  auto pb = RunCli(With(kMainQuery, {"--format", "pb"}));
  auto text = RunCli(With(kMainQuery, {"--format", "textproto"}));
  ASSERT_EQ(pb.exit_code, 0);
  ASSERT_EQ(text.exit_code, 0);
  v1::RouteResponse a, b;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &a).ok());
  ASSERT_TRUE(b.ParseFromString(pb.out));
  EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString());
  EXPECT_NE(text.out.find("title: \"Director of Product\""), std::string::npos);
}

TEST(Cli, OutputFileIsWrittenAtomically) {
  const std::string path = testing::TempPath("route.json");
  auto r = RunCli(With(kMainQuery, {"--format", "json", "--output", path}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(testing::ReadText(path).find("\"Director of Product\""), std::string::npos);
  // A failing query leaves the previous file alone.
  r = RunCli({"route", "--from", "Nobody", "--to", "Director of Product", "--format", "json", "--output", path});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(testing::ReadText(path).find("\"Director of Product\""), std::string::npos);
}

TEST(Cli, UnknownPositionSuggestsAndExits3) {
  auto r = RunCli({"route", "--from", "Staf Software Enginer", "--to", "Director of Product"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "careergraph: error: --from: unknown position 'Staf Software Enginer'; did you mean 'Staff Software "
            "Engineer', 'Senior Software Engineer' or 'Software Engineer'?\n");
}

TEST(Cli, AnAbbreviatedTitleWithATypoSuggestsTheTitle) {
  auto r = RunCli({"route", "--from", "Staf SWE", "--to", "Director of Product"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "careergraph: error: --from: unknown position 'Staf SWE'; did you mean 'Staff Software Engineer'?\n");
  // Spelt right, it names the position.
  r = RunCli({"route", "--from", "Staff SWE", "--to", "Director of Product", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"Staff Software Engineer\""), std::string::npos);
}

TEST(Cli, AnErrorInALadderFileNamesItsFieldNotAFlag) {
  // The transition's "to" and "from" are the file's fields; `--to` and `--from` are flags of
  // the command, which these errors are not about.
  const std::string dir = testing::TempPath("ladder_error");
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::SourcePath("tests/testdata/peers_tiny/nodes.tsv"), dir + "/nodes.tsv");
  struct Case {
    std::string row, field, ends, id;
  };
  for (const Case& c : {Case{"0\t99999\t1\t0.5\tlateral\n", "to", "0 -> 99999", "99999"},
                        Case{"88888\t1\t1\t0.5\tlateral\n", "from", "88888 -> 1", "88888"}}) {
    testing::WriteText(dir + "/edges.tsv", "src\tdst\tyears\tprobability\tkind\n1\t2\t2\t0.8\tpromotion\n" + c.row);
    auto r = RunCli({"route", "--graph", dir, "--from", "0", "--to", "1"});
    EXPECT_EQ(r.exit_code, 5);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "careergraph: error: " + dir + "/edges.tsv:3: " + c.field + ": transition " + c.ends +
                         ": unknown position '" + c.id + "'; define it or fix the id [unknown-position]\n");
  }
}

TEST(Cli, NoRouteExplainsAndExits4) {
  auto r = RunCli(With(kMainQuery, {"--max-years", "5"}));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "careergraph: error: no route from 'Staff Software Engineer' to 'Director of Product': blocked by "
            "--max-years 5 (without it: 3 moves, 8 years)\n");
  r = RunCli({"route", "--from", "Director of Product", "--to", "Software Engineer"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("'Software Engineer' cannot be reached from 'Director of Product'"), std::string::npos) << r.err;
}

TEST(Cli, BadFlagsAreUsageErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string err_contains;
  };
  const std::vector<Case> cases = {
      {{"route", "--to", "Director of Product"}, "--from is required"},
      {With(kMainQuery, {"--objective", "cheapest"}), "--objective"},
      {With(kMainQuery, {"--weights", "years=1"}), "--weights: weights apply to the best-fit objective only"},
      {With(kMainQuery, {"--objective", "best-fit", "--weights", "speed=1"}), "unknown name 'speed' in 'speed=1'; use years, risk, pay, ambiguity, leadership"},
      {With(kMainQuery, {"--objective", "best-fit", "--weights", "years=abc"}), "--weights years must be a finite number, got 'abc'"},
      {With(kMainQuery, {"--objective", "best-fit", "--weights", "years=-1"}), "weight years must be a finite number >= 0"},
      {With(kMainQuery, {"--avoid-kind", "teleport"}), "unknown --avoid-kind 'teleport'; valid values"},
      {With(kMainQuery, {"--avoid-track", "sales"}), "unknown track 'sales'"},
      {With(kMainQuery, {"--max-ambiguity", "2"}), "max_ambiguity must be in [0, 1]"},
      {With(kMainQuery, {"--format", "xml"}), "--format"},
      {With(kMainQuery, {"--graph", "/nonexistent/ladder.yaml"}), "/nonexistent/ladder.yaml"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"rout"}, "did you mean 'route'?"},
  };
  for (const auto& c : cases) {
    auto r = RunCli(c.args);
    EXPECT_NE(r.exit_code, 0) << c.args.back();
    EXPECT_NE(r.err.find(c.err_contains), std::string::npos) << "args ending " << c.args.back() << ": " << r.err;
    EXPECT_EQ(r.out.find("Director of Product"), std::string::npos);
  }
}

TEST(Cli, PositionsSearch) {
  auto r = RunCli({"positions", "--search", "program"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden("positions_program.txt", r.out);
  r = RunCli({"positions", "--search", "zzzz"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no position matches 'zzzz'"), std::string::npos);
  // No title holds "Sr SWE", but it names a position as --from would take it.
  r = RunCli({"positions", "--search", " Sr SWE ", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\": \"swe-l5\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"id\": \"swe-l6\""), std::string::npos) << r.out;
  r = RunCli({"positions", "--search", "Staf SWE"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "careergraph: error: --search: no position matches 'Staf SWE'; did you mean 'Staff Software Engineer'?\n");
}

TEST(Cli, ExportDotHighlightsTheRoute) {
  auto r = RunCli(With({"export", "--format", "dot", "--route"}, {"--from", "Staff Software Engineer", "--to", "Director of Product"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectGolden("export_route.dot", r.out);
  EXPECT_NE(r.out.find("subgraph cluster_"), std::string::npos);
  EXPECT_NE(r.out.find("\"swe-l6\" -> \"pm-l6\" [label=\"1.5y 30%\", style=dashed, color=\"#d62728\", penwidth=3]"),
            std::string::npos);
}

TEST(Cli, ExportCsvAndJsonRoundTrip) {
  // The directory does not exist yet: export creates it (nested, too).
  const std::string dir = testing::TempPath("csv") + "/nested/";
  auto r = RunCli({"export", "--format", "csv", "--output", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  for (const char* table : {"positions.csv", "transitions.csv", "graph.csv", "sources.csv", "tracks.csv", "competencies.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir + table)) << table;
  // The exported tables load back into the same graph: positions with their profiles,
  // moves, the graph's name and sources, tracks and the competency catalogue.
  auto json1 = RunCli({"export", "--format", "json"});
  auto json2 = RunCli({"export", "--format", "json", "--graph", dir});
  ASSERT_EQ(json2.exit_code, 0) << json2.err;
  v1::Graph a, b;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json1.out, &a).ok());
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json2.out, &b).ok());
  ASSERT_EQ(a.positions_size(), b.positions_size());
  ASSERT_EQ(a.transitions_size(), b.transitions_size());
  for (int i = 0; i < a.positions_size(); ++i)
    EXPECT_EQ(a.positions(i).ShortDebugString(), b.positions(i).ShortDebugString());
  for (int i = 0; i < a.transitions_size(); ++i)
    EXPECT_EQ(a.transitions(i).ShortDebugString(), b.transitions(i).ShortDebugString());
  EXPECT_GT(a.metadata().tracks_size(), 0);
  EXPECT_GT(a.metadata().competencies_size(), 0);
  EXPECT_EQ(a.metadata().ShortDebugString(), b.metadata().ShortDebugString());
  EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString()) << "the same snapshot, byte for byte";
}

TEST(Cli, ExportCsvToAFileNameIsRefusedAndABareNameIsADirectory) {
  // Several tables in one file could not be read back: refused, naming the directory to give.
  const std::string base = testing::TempPath("csv-out");
  auto r = RunCli({"export", "--format", "csv", "-o", base + "/ladder.csv"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("CSV export writes one file per table"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'" + base + "/ladder.csv' names a file: give a directory, e.g. -o " + base + "/ladder/"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(base)) << "nothing written";
  // An existing file, extension or not, is refused the same way and left alone.
  std::filesystem::create_directories(base);
  testing::WriteText(base + "/notes", "keep");
  r = RunCli({"export", "--format", "csv", "-o", base + "/notes"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("'" + base + "/notes' is a file"), std::string::npos) << r.err;
  EXPECT_EQ(testing::ReadText(base + "/notes"), "keep");
  // A name with no extension is a directory, created with its parents, and reads back.
  r = RunCli({"export", "--format", "csv", "-o", base + "/new/ladder"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(base + "/new/ladder/positions.csv"));
  auto back = RunCli({"positions", "--graph", base + "/new/ladder", "--format", "json"});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  // Other formats name a missing directory plainly.
  r = RunCli({"export", "--format", "json", "-o", base + "/missing/ladder.json"});
  EXPECT_NE(r.exit_code, 0);
  // (as a JSON error, since JSON was asked for)
  EXPECT_NE(r.out.find("the directory '" + base + "/missing' does not exist"), std::string::npos) << r.out;
}

TEST(Cli, HelpExplainsEveryCommand) {
  auto r = RunCli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"route", "positions", "build", "validate", "export"})
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  r = RunCli({"route", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--objective", "--weights", "--avoid", "--via", "--max-moves", "--max-years", "--max-ambiguity",
                           "--no-pay-cut", "--format", "--graph"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

// Numeric flags never wrap: a negative count or size is refused with the flag named, before
// anything runs.
TEST(Cli, NumericFlagsAreRangeChecked) {
  struct Case {
    std::vector<std::string> args;
    std::string err_contains;
  };
  const std::vector<Case> cases = {
      {{"positions", "--limit", "-1"}, "--limit: limit must be a whole number >= 0"},
      {{"serve", "--queue", "-5"}, "--queue"},
      {{"serve", "--max-body", "-1"}, "--max-body"},
      {{"serve", "--port", "70000"}, "--port"},
      {{"reach", "--from", "Staff Software Engineer", "--max-moves", "-3"}, "--max-moves must be a whole number >= 0"},
      {{"route", "--from", "Staff Software Engineer", "--to", "Director of Product", "--objective", "best-fit",
        "--weights", "years=1,years=2"},
       "'years' is given twice"},
      {{"positions", "--limit", "5000"}, "--limit: limit 5000 is above the maximum of 1000"},
      {{"route", "--from", "Staff Software Engineer", "--to", "Director of Product", "--alternatives", "1e3"},
       "--alternatives: alternatives must be a whole number"},
      {{"import", "onet", "--top-code", "-1", "-o", "/tmp/never-written.pb"}, "--top-code"},
      {{"analyze", "--top", "0", "data/default_ladder.yaml"}, "--top"},
  };
  for (const auto& c : cases) {
    auto r = RunCli(c.args);
    // 2 for a malformed value, 6 for one past a limit
    EXPECT_TRUE(r.exit_code == 2 || r.exit_code == 6) << c.args[0] << " " << c.args[1] << ": " << r.err;
    EXPECT_NE(r.err.find(c.err_contains), std::string::npos) << c.args[0] << " " << c.args[1] << ": " << r.err;
  }
}

}  // namespace
}  // namespace careergraph
