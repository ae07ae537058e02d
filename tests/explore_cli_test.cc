// Golden tests of the exploration commands (plan, reach, next, compare, matrix) on the
// embedded ladder: exact output for people, the response message for programs, the SVG
// chart, exit codes, and user errors with their messages.
//
// Regenerate after an intended change with CAREERGRAPH_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include "careergraph/v1/compare.pb.h"
#include "careergraph/v1/matrix.pb.h"
#include "careergraph/v1/next.pb.h"
#include "careergraph/v1/plan.pb.h"
#include "careergraph/v1/reach.pb.h"
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

const std::string kStaff = "Staff Software Engineer";

TEST(ExploreCli, PlanEarnings) {
  ExpectOkGolden({"plan", "--from", kStaff, "--horizon-years", "10"}, "explore_plan_earnings.txt");
}

TEST(ExploreCli, PlanPay) {
  ExpectOkGolden({"plan", "--from", kStaff, "--horizon-years", "10", "--goal", "pay"}, "explore_plan_pay.txt");
}

TEST(ExploreCli, PlanExpected) {
  ExpectOkGolden({"plan", "--from", kStaff, "--horizon-years", "10", "--goal", "expected"},
                 "explore_plan_expected.txt");
}

TEST(ExploreCli, PlanWithFiltersAndFinish) {
  ExpectOkGolden({"plan", "--from", "Senior Software Engineer", "--horizon-years", "8", "--end-track", "pm",
                  "--avoid-track", "em", "--min-leadership", "0.3"},
                 "explore_plan_end_pm.txt");
}

TEST(ExploreCli, Reach) {
  ExpectOkGolden({"reach", "--from", kStaff, "--within-years", "5"}, "explore_reach.txt");
  ExpectOkGolden({"reach", "--from", "Software Engineer", "--within-years", "8", "--max-moves", "3", "--sort", "pay",
                  "--limit", "8"},
                 "explore_reach_moves.txt");
}

TEST(ExploreCli, Next) {
  ExpectOkGolden({"next", "--from", kStaff}, "explore_next.txt");
  ExpectOkGolden({"next", "--from", "Senior Software Engineer", "--top", "3", "--sort", "probability"},
                 "explore_next_probability.txt");
}

TEST(ExploreCli, CompareAnswersPmOrTpm) {
  auto r = RunCli({"compare", "--from", kStaff, "--tracks", "pm,tpm"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The question and its one-line answer come first.
  EXPECT_EQ(r.out.rfind("Staff Software Engineer: Product Management or Technical Program Management? Over the next "
                        "10 years (0.25-year steps)\n"
                        "- Product Management over Technical Program Management: it earns more both ways over the "
                        "next 10 years",
                        0),
            0u)
      << r.out;
  ExpectGolden("explore_compare_pm_tpm.txt", r.out);
}

TEST(ExploreCli, TracksDescribeThemselvesAndTheirLadders) {
  ExpectOkGolden({"tracks"}, "tracks_all.txt");
  ExpectOkGolden({"positions", "--track", "Technical Program Management"}, "positions_track_tpm.txt");
}

TEST(ExploreCli, CompareTargets) {
  ExpectOkGolden({"compare", "--from", kStaff, "--targets", "Director of Product,Director of Program Management",
                  "--horizon-years", "8"},
                 "explore_compare_targets.txt");
}

TEST(ExploreCli, CompareWritesAStandaloneSvgChart) {
  const std::string svg = testing::TempPath("pm-vs-tpm.svg");
  auto r = RunCli({"compare", "--from", kStaff, "--tracks", "pm,tpm", "--chart", svg});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = testing::ReadText(svg);
  EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(text.find("<title>Staff Software Engineer: Product Management or Technical Program Management?</title>"),
            std::string::npos);
  EXPECT_NE(text.find("Annual pay over the next 10 years."), std::string::npos);
  for (const char* label : {"Product Management: best plan", "Product Management: expected",
                            "Technical Program Management: best plan", "Technical Program Management: expected",
                            "enters as Principal Product Manager", "Years from now",
                            "Annual pay (USD)", "$500k", "</svg>"})
    EXPECT_NE(text.find(label), std::string::npos) << label;
  ExpectGolden("explore_compare_chart.svg", text);
  // Written atomically: nothing but the chart (and the runner's own files) in its directory.
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(svg).parent_path())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "pm-vs-tpm.svg" || name.rfind("cli.", 0) == 0) << "stray file " << name;
  }
}

TEST(ExploreCli, Matrix) {
  ExpectOkGolden({"matrix", "--from", "Senior Software Engineer,Staff Software Engineer,Tech Lead", "--to",
                  "Director of Product,Director of Program Management,Director of Engineering"},
                 "explore_matrix.txt");
  ExpectOkGolden({"matrix", "--from", "Senior Software Engineer", "--from", "Staff Software Engineer", "--to",
                  "Director of Product", "--objective", "safest"},
                 "explore_matrix_safest.txt");
}

template <typename Msg>
Msg ParseJson(const std::string& text) {
  Msg m;
  auto st = google::protobuf::util::JsonStringToMessage(text, &m);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return m;
}

TEST(ExploreCli, MachineFormatsAreTheResponseMessages) {
  auto r = RunCli({"plan", "--from", kStaff, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto plan = ParseJson<v1::PlanResponse>(r.out);
  EXPECT_EQ(plan.from_id(), "swe-l6");
  EXPECT_EQ(plan.goal(), v1::PLAN_GOAL_EARNINGS);
  EXPECT_DOUBLE_EQ(plan.earnings().total_earnings(), 4665000);

  r = RunCli({"reach", "--from", kStaff, "--format", "textproto"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::ReachResponse reach;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(r.out, &reach));
  EXPECT_EQ(reach.reachable(), 9u);

  const std::string pb = testing::TempPath("next.pb");
  r = RunCli({"next", "--from", kStaff, "--format", "pb", "--output", pb});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::NextResponse next;
  ASSERT_TRUE(next.ParseFromString(testing::ReadText(pb)));
  EXPECT_EQ(next.moves(0).position_id(), "swe-l7");

  r = RunCli({"compare", "--from", kStaff, "--tracks", "pm,tpm", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto cmp = ParseJson<v1::CompareResponse>(r.out);
  EXPECT_EQ(cmp.winner(), "pm");
  EXPECT_EQ(cmp.options_size(), 2);

  r = RunCli({"matrix", "--from", kStaff, "--to", "Director of Product", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto m = ParseJson<v1::MatrixResponse>(r.out);
  EXPECT_DOUBLE_EQ(m.rows(0).cells(0).years(), 8);
}

TEST(ExploreCli, HelpListsTheCommandsInOrder) {
  auto r = RunCli({"--help"});
  ASSERT_EQ(r.exit_code, 0);
  const auto plan = r.out.find("  plan "), reach = r.out.find("  reach "), next = r.out.find("  next "),
             compare = r.out.find("  compare "), matrix = r.out.find("  matrix ");
  ASSERT_NE(plan, std::string::npos);
  EXPECT_LT(plan, reach);
  EXPECT_LT(reach, next);
  EXPECT_LT(next, compare);
  EXPECT_LT(compare, matrix);
}

struct CliError {
  std::vector<std::string> args;
  int exit_code;
  std::string message;
};

TEST(ExploreCli, UserErrorsSayWhatAndHow) {
  std::vector<std::string> too_many = {"matrix", "--from", "", "--to", ""};
  for (int i = 0; i < 101; ++i) too_many[2] += (i ? "," : "") + std::string("swe-l3");
  for (int i = 0; i < 100; ++i) too_many[4] += (i ? "," : "") + std::string("swe-l4");
  const std::vector<CliError> cases = {
      {{"plan", "--from", "Staf Software Engineer"}, 3, "did you mean"},
      {{"plan", "--from", kStaff, "--horizon-years", "60"}, 6, "--horizon-years 60 exceeds the limit of 50 years"},
      {{"plan", "--from", kStaff, "--horizon-years", "7.3"}, 2,
       "--horizon-years 7.3 is not a whole number of 0.25-year steps; use 7.25 or 7.5"},
      {{"plan", "--from", kStaff, "--step", "0.001"}, 2, "--step must be at least"},
      {{"plan", "--from", kStaff, "--end-track", "design"}, 3, "unknown track 'design'; known: swe (Software Engineering IC), em (Engineering Management), pm (Product Management), tpm (Technical Program Management)"},
      {{"plan", "--from", "Principal Engineer", "--horizon-years", "2", "--end-track", "pm"}, 4,
       "no plan from 'Principal Engineer' finishes in track 'pm' within 2 years"},
      {{"plan", "--from", kStaff, "--avoid-kind", "sideways"}, 2, "unknown --avoid-kind 'sideways'; valid values: promotion, lateral, track-switch or org-change"},
      {{"plan", "--from", kStaff, "--min-leadership", "2"}, 2, "--min-leadership must be in [0, 1]"},
      {{"reach", "--from", kStaff, "--max-moves", "500"}, 6, "--max-moves 500 exceeds the limit of 100"},
      {{"next", "--from", kStaff, "--lookahead-years", "-1"}, 2, "--lookahead-years must be > 0"},
      {{"compare", "--from", kStaff, "--tracks", "pm"}, 2, "give at least 2 options"},
      {{"compare", "--from", kStaff, "--tracks", "pm", "--targets", "swe-l7"}, 2, "not both"},
      {{"compare", "--from", kStaff, "--tracks", "pm,ops"}, 3, "unknown track 'ops'"},
      {{"compare", "--from", kStaff, "--tracks", "swe,Prodct Management"}, 3,
       "unknown track 'Prodct Management'; did you mean 'pm'?"},
      {{"compare", "--from", kStaff, "--tracks", "pm,tpm", "--chart", "pm-vs-tpm.png"}, 2,
       "--chart writes an SVG image, so its file name must end in .svg (got 'pm-vs-tpm.png')"},
      {{"tracks", "--track", "design"}, 3, "unknown track 'design'"},
      {too_many, 6, "101 origins x 100 destinations = 10100 cells exceeds the limit of 10000"},
      {{"matrix", "--from", kStaff, "--to", "Director of Product", "--weights", "years=1"}, 2,
       "--weights: weights apply to the best-fit objective only, not to fastest"},
  };
  for (const auto& c : cases) {
    auto r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args[0] << " " << c.message << "\n" << r.err;
    EXPECT_NE(r.err.find("careergraph: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

}  // namespace
}  // namespace careergraph
