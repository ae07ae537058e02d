// `careergraph build` and `careergraph validate`, run as a user would.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include "engine/career_graph.h"
#include "engine/errors.h"
#include "io/load.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunCli;
using testing::SourcePath;
using testing::TempPath;
using testing::WriteText;
using google::protobuf::util::MessageDifferencer;

const int kInvalidDataExit = LookupError(v1::INVALID_DATA).exit_code;

std::string Peers() { return SourcePath("tests/testdata/peers_tiny"); }
std::string Bad() { return SourcePath("tests/testdata/cli_bad"); }

// Files in `dir` other than the test runner's own capture files.
std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n != "cli.stdout" && n != "cli.stderr") names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The engine graph `inputs` load into, as a snapshot (what build must write).
v1::Graph Expected(const std::vector<std::string>& inputs, bool columnar) {
  io::LoadResult r = io::LoadLadders(inputs);
  auto g = CareerGraph::Build(r.graph);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? (*g)->ToSnapshot(columnar) : v1::Graph();
}

TEST(BuildCliTest, WritesABinarySnapshotThatLoadsAsTheSameGraph) {
  const std::string out = TempPath("graph.pb");
  auto r = RunCli({"build", Peers(), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("wrote " + out + ": 120 positions, 764 transitions, 0 errors, 2 warnings"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("[pay-inversion]"), std::string::npos) << "warnings are shown: " << r.err;
  v1::Graph written;
  ASSERT_TRUE(written.ParseFromString(ReadText(out)));
  EXPECT_EQ(written.transitions_size(), 0);  // columnar
  EXPECT_EQ(written.transition_table().from_size(), 764);
  EXPECT_TRUE(MessageDifferencer::Equals(written, Expected({Peers()}, true)));
  // Loading the .pb back gives the same engine graph.
  io::LoadResult back = io::LoadLadders({out});
  EXPECT_FALSE(back.has_errors());
  auto g = CareerGraph::Build(back.graph);
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE(MessageDifferencer::Equals((*g)->ToSnapshot(false), Expected({Peers()}, false)));
  EXPECT_EQ(Listing(fs::path(out).parent_path().string()), std::vector<std::string>{"graph.pb"});
}

TEST(BuildCliTest, JsonAndTextprotoByFlagOrExtension) {
  const std::string yaml = SourcePath("tests/testdata/yaml/ladder.yaml");
  const v1::Graph expected = Expected({yaml}, false);
  for (const auto& [name, flags] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"g.json", {}}, {"g.textproto", {}}, {"g.out", {"--format", "json"}}, {"h.out", {"--format", "textproto"}}}) {
    const std::string out = TempPath(name);
    std::vector<std::string> args = {"build", yaml, "-o", out};
    args.insert(args.end(), flags.begin(), flags.end());
    auto r = RunCli(args);
    ASSERT_EQ(r.exit_code, 0) << name << r.err;
    const std::string text = ReadText(out);
    v1::Graph got;
    const bool json = name == "g.json" || name == "g.out";
    if (json) {
      ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(text, &got).ok()) << name;
    } else {
      const std::string copy = TempPath(name + ".textproto");
      WriteText(copy, text);
      io::LoadResult l = io::LoadLadders({copy});
      ASSERT_FALSE(l.has_errors()) << name;
      got = l.graph;
    }
    EXPECT_TRUE(MessageDifferencer::Equals(got, expected)) << name;
    EXPECT_EQ(got.transitions_size(), 6) << "rows, readable: " << name;
  }
}

TEST(BuildCliTest, RefusesOnErrorsAndLeavesTheOldFileAlone) {
  const std::string out = TempPath("graph.pb");
  WriteText(out, "previous contents");
  auto r = RunCli({"build", Bad(), "-o", out});
  EXPECT_EQ(r.exit_code, kInvalidDataExit) << r.err;
  EXPECT_EQ(ReadText(out), "previous contents");
  EXPECT_EQ(Listing(fs::path(out).parent_path().string()), std::vector<std::string>{"graph.pb"}) << "no temp files";
  // Every finding is printed, not just the first.
  const std::string pos = Bad() + "/positions.csv", tr = Bad() + "/transitions.csv";
  EXPECT_NE(r.err.find(pos + ":3: error: ambiguity: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(tr + ":3: error: probability: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(tr + ":4: error: to: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(pos + ":4: warning: pay: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 errors, 1 warning in the input"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("was not written"), std::string::npos) << r.err;
}

TEST(BuildCliTest, RefusesTextThatIsNotUtf8AndNeverWritesAnUnloadableFile) {
  const std::string dir = TempPath("latin1");
  fs::create_directories(dir);
  const std::string csv = dir + "/nodes.csv", out = dir + "/l.pb";
  WriteText(csv, "id,title\ncafe,Caf\xe9 Manager\n");
  auto r = RunCli({"build", csv, "-o", out});
  EXPECT_EQ(r.exit_code, kInvalidDataExit) << r.err;
  EXPECT_NE(r.err.find(csv + ":2: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("column 9"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[not-utf8]"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  auto v = RunCli({"validate", csv});
  EXPECT_EQ(v.exit_code, kInvalidDataExit) << v.out << v.err;
  // Every format build writes loads back as the graph it built (the read-back check passes).
  for (const char* name : {"g.pb", "g.json", "g.textproto"}) {
    const std::string o = dir + "/" + name;
    auto b = RunCli({"build", Peers(), "-o", o});
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(RunCli({"validate", o}).exit_code, 0) << name;
  }
  EXPECT_EQ(Listing(dir), (std::vector<std::string>{"g.json", "g.pb", "g.textproto", "nodes.csv"}));
}

TEST(BuildCliTest, WritesOnlyToARegularFileOrANewPath) {
  const std::string dir = TempPath("targets");
  fs::create_directories(dir);
  const std::string fifo = dir + "/fifo", link = dir + "/link.pb", real = dir + "/real.pb";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  WriteText(real, "old");
  fs::create_symlink(real, link);
  for (const std::string& target : {fifo, link, dir, std::string("/dev/null")}) {
    auto r = RunCli({"build", Peers(), "-o", target});
    EXPECT_NE(r.exit_code, 0) << target;
    EXPECT_NE(r.err.find("refusing to write " + target), std::string::npos) << r.err;
  }
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(ReadText(real), "old");
  EXPECT_EQ(Listing(dir), (std::vector<std::string>{"fifo", "link.pb", "real.pb"}));
}

TEST(BuildCliTest, RefusesValuesOutsideTheBoundsWithFileAndLine) {
  const std::string csv = TempPath("nodes.csv");
  WriteText(csv, "id,title,pay\nrich,Rich,1e19\n");
  auto r = RunCli({"build", csv, "-o", TempPath("g.pb")});
  EXPECT_EQ(r.exit_code, kInvalidDataExit) << r.err;
  EXPECT_NE(r.err.find(csv + ":2: error: pay"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[bad-pay]"), std::string::npos) << r.err;
}

TEST(BuildCliTest, RefusesWithoutOutputOrInputs) {
  EXPECT_NE(RunCli({"build", Peers()}).exit_code, 0);
  const std::string out = TempPath("g.pb");
  auto r = RunCli({"build", "/nonexistent/ladder.csv", "-o", out});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_NE(r.err.find("no such file: /nonexistent/ladder.csv"), std::string::npos) << r.err;
}

TEST(ValidateCliTest, CleanInputExitsZero) {
  auto r = RunCli({"validate", SourcePath("tests/testdata/yaml/ladder.yaml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "7 positions, 6 transitions: 0 errors, 0 warnings\n");
}

TEST(ValidateCliTest, WarningsPassUnlessStrict) {
  auto r = RunCli({"validate", Peers() + "/nodes.tsv", Peers() + "/edges.tsv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(Peers() + "/nodes.tsv:9: warning: pay: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[pay-inversion]\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("120 positions, 764 transitions: 0 errors, 2 warnings\n"), std::string::npos) << r.out;
  auto strict = RunCli({"validate", "--strict", Peers()});
  EXPECT_EQ(strict.exit_code, kInvalidDataExit);
}

TEST(ValidateCliTest, ErrorsExitWithInvalidData) {
  auto r = RunCli({"validate", Bad()});
  EXPECT_EQ(r.exit_code, kInvalidDataExit) << r.err;
  const std::string tr = Bad() + "/transitions.csv";
  EXPECT_NE(r.out.find(tr + ":3: error: probability: transition a2 -> a3: probability 0 is outside (0, 1]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[bad-probability]\n"), std::string::npos);
  EXPECT_NE(r.out.find("3 positions, 3 transitions: 3 errors, 1 warning\n"), std::string::npos) << r.out;
}

TEST(ValidateCliTest, JsonPrintsTheReport) {
  auto r = RunCli({"validate", Bad(), "--format", "json"});
  EXPECT_EQ(r.exit_code, kInvalidDataExit);
  v1::ValidationReport report;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &report).ok()) << r.out;
  EXPECT_EQ(report.errors(), 3u);
  EXPECT_EQ(report.warnings(), 1u);
  EXPECT_EQ(report.positions(), 3u);
  ASSERT_EQ(report.findings_size(), 4);
  EXPECT_EQ(report.findings(0).code(), "bad-ambiguity");
  EXPECT_EQ(report.findings(0).line(), 3u);
  EXPECT_EQ(report.findings(0).position(), "a2");
}

}  // namespace
}  // namespace careergraph
