// careergraph gap end to end, and the gap columns of the other commands: exact output for
// people (golden files), the response message for programs, and user errors with their flag.
//
// Regenerate after an intended change with CAREERGRAPH_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <google/protobuf/util/json_util.h>

#include "careergraph/v1/gap.pb.h"
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

void ExpectOkGolden(const std::vector<std::string>& args, const std::string& golden) {
  auto r = RunCli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden(golden, r.out);
}

std::string Ladder() { return testing::SourcePath("tests/testdata/competency/ladder.yaml"); }

TEST(GapCli, PairViaAndHave) {
  ExpectOkGolden({"gap", "--graph", Ladder(), "--from", "Engineer", "--to", "Product Manager"}, "gap_pair.txt");
  ExpectOkGolden({"gap", "--graph", Ladder(), "--from", "Engineer", "--to", "Product Manager", "--via", "Senior Engineer"},
                 "gap_via.txt");
  ExpectOkGolden({"gap", "--graph", Ladder(), "--from", "Engineer", "--to", "Product Manager", "--have", "people=3,strategy=1"},
                 "gap_have.txt");
}

TEST(GapCli, RouteShowsTheGapColumns) {
  ExpectOkGolden({"route", "--graph", Ladder(), "--from", "Engineer", "--to", "Engineering Manager"}, "gap_route.txt");
}

// The default ladder: what the two switches people ask about ask of a Staff Software Engineer.
TEST(GapCli, DefaultLadderSwitches) {
  ExpectOkGolden({"gap", "--from", "Staff Software Engineer", "--to", "Principal Product Manager"}, "gap_staff_to_pm.txt");
  ExpectOkGolden({"gap", "--from", "Staff Software Engineer", "--to", "Staff Technical Program Manager"},
                 "gap_staff_to_tpm.txt");
  ExpectOkGolden({"gap", "--from", "Staff Software Engineer", "--to", "Director of Product", "--route"},
                 "gap_staff_route_director.txt");
}

// "The fastest route where no single move asks me to grow more than one level in any
// competency" is one flag.
TEST(GapCli, FastestRouteGrowingOneLevelAtATime) {
  ExpectOkGolden({"route", "--from", "Senior Software Engineer", "--to", "Director of Product", "--max-growth", "1"},
                 "gap_route_max_growth.txt");
}

TEST(GapCli, JsonIsTheResponseMessage) {
  auto r = RunCli({"gap", "--graph", Ladder(), "--from", "swe1", "--to", "pm1", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::GapResponse resp;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &resp).ok()) << r.out;
  ASSERT_EQ(resp.moves_size(), 1);
  EXPECT_DOUBLE_EQ(resp.moves(0).gap(), 4.0);
  EXPECT_EQ(resp.moves(0).grow(0), "strategy");
}

TEST(GapCli, HaveFromAProfileFile) {
  // @FILE gives the same levels as the flag's pairs, and the answer is the same.
  const std::string me = testing::TempPath("me.yaml");
  testing::WriteText(me, "# what I hold\npeople: 3\nstrategy: 1\n");
  ExpectOkGolden({"gap", "--graph", Ladder(), "--from", "Engineer", "--to", "Product Manager", "--have", "@" + me},
                 "gap_have.txt");
  // Pairs and files mix; a competency given in both is an error naming the file's line.
  const std::string part = testing::TempPath("part.yaml");
  testing::WriteText(part, "strategy: 1\n");
  ExpectOkGolden({"gap", "--graph", Ladder(), "--from", "Engineer", "--to", "Product Manager", "--have", "people=3,@" + part},
                 "gap_have.txt");
  auto twice = RunCli({"gap", "--graph", Ladder(), "--from", "swe1", "--to", "pm1", "--have", "strategy=2,@" + part});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_EQ(twice.err, "careergraph: error: --have: 'strategy' is given twice (again in " + part + ":1)\n");

  struct Case {
    std::string text;
    std::string err;  // after "careergraph: error: --have: FILE:"
  };
  const Case cases[] = {
      {"people: lots\n", "1: level of 'people' is not a number ('lots'); write e.g. 3 or 2.5"},
      {"people: 3\nstrategy: [1, 2]\n", "2: level of 'strategy' is not a number; write e.g. 3 or 2.5"},
      {"people: 3\npeople: 4\n", "2: 'people' is given twice (first on line 1)"},
      {"- people\n", "1: a profile is a mapping from competency to level, one per line, e.g. 'system_design: 4'"},
      {"people: 3\n  strategy: 1\n", "2: illegal map value"},
  };
  for (const auto& c : cases) {
    const std::string bad = testing::TempPath("bad.yaml");
    testing::WriteText(bad, c.text);
    auto r = RunCli({"gap", "--graph", Ladder(), "--from", "swe1", "--to", "pm1", "--have", "@" + bad});
    EXPECT_EQ(r.exit_code, 2) << c.text;
    EXPECT_EQ(r.err, "careergraph: error: --have: " + bad + ":" + c.err + "\n") << c.text;
  }
  auto missing = RunCli({"gap", "--graph", Ladder(), "--from", "swe1", "--to", "pm1", "--have", "@/nonexistent/me.yaml"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_EQ(missing.err, "careergraph: error: --have: no such file: /nonexistent/me.yaml\n");
}

TEST(GapCli, ErrorsNameTheFlag) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string err;
  };
  const Case cases[] = {
      {{"--have", "peple=3"}, 3,
       "careergraph: error: --have: unknown competency 'peple'; did you mean 'people'? (known: tech, people, strategy)\n"},
      {{"--have", "people=9"}, 2, "careergraph: error: --have: level 9 of 'people' is outside its scale 0..5\n"},
      {{"--have", "people"}, 2, "careergraph: error: --have: 'people' is not NAME=LEVEL, e.g. people=4, or @FILE, a profile file\n"},
      {{"--have", "people=lots"}, 2, "careergraph: error: --have: level 'lots' of 'people' is not a number\n"},
      {{"--route", "--via", "swe2"}, 2, "careergraph: error: --via: give either via positions or route, not both\n"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"gap", "--graph", Ladder(), "--from", "swe1", "--to", "pm1"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = RunCli(args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args[0];
    EXPECT_EQ(r.err, c.err);
  }
  auto r = RunCli({"route", "--graph", Ladder(), "--from", "swe1", "--to", "pm1", "--max-growth", "2"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("blocked by --max-growth 2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace careergraph
