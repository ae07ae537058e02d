// How sure pay is, in answers: each figure carries its basis, a ranking by pay says when a
// figure that is not a position's own outranks one that is, plans and comparisons name the
// uncertain figures they use, and bad bases are refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/next_moves.h"
#include "engine/pay_basis.h"
#include "engine/plan.h"
#include "engine/reach.h"
#include "engine/route.h"
#include "io/csv_snapshot.h"
#include "io/load.h"
#include "render/text.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

// Engineer (100k) can move to Coordinator (200k, a group's figure it shares), Senior (150k,
// measured), Director (250k, top-coded) and Analyst (120k, estimated).
v1::Graph Snapshot(v1::PayBasis coordinator = v1::PAY_BASIS_SHARED) {
  v1::Graph g = testing::MakeGraph(
      {"eng|Engineer|t|1|100000|0.2|0.2", "coord|Coordinator|t|2|200000|0.3|0.3", "senior|Senior|t|2|150000|0.3|0.3",
       "dir|Director|t|3|250000|0.5|0.5", "analyst|Analyst|t|2|120000|0.3|0.3"},
      {"eng>coord|promotion|1|0.5", "eng>senior|promotion|2|0.8", "eng>dir|promotion|3|0.2",
       "eng>analyst|promotion|1|0.9"});
  for (auto& p : *g.mutable_positions()) {
    if (p.id() == "eng" || p.id() == "senior") p.set_pay_basis(v1::PAY_BASIS_MEASURED);
    if (p.id() == "coord") p.set_pay_basis(coordinator), p.set_pay_source("survey code 11-9121, shared by 2 occupations");
    if (p.id() == "dir") p.set_pay_basis(v1::PAY_BASIS_TOP_CODED);
    if (p.id() == "analyst") p.set_pay_basis(v1::PAY_BASIS_ESTIMATED), p.set_pay_error(0.18);
  }
  return g;
}

GraphPtr Graph(v1::PayBasis coordinator = v1::PAY_BASIS_SHARED) {
  auto g = CareerGraph::Build(Snapshot(coordinator));
  EXPECT_TRUE(g.ok()) << g.status().message();
  return *g;
}

v1::NextResponse Next(const CareerGraph& g, v1::NextSort sort) {
  v1::NextRequest req;
  req.set_from("Engineer");
  req.set_sort(sort);
  req.set_lookahead_years(0.5);  // ceilings are the moves themselves
  auto r = FindNextMoves(g, req);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return *r;
}

TEST(PayBasis, EveryMoveCarriesItsFiguresBasis) {
  auto g = Graph();
  const auto r = Next(*g, v1::NEXT_SORT_PAY);
  ASSERT_EQ(r.moves_size(), 4);
  EXPECT_EQ(r.moves(0).position_id(), "dir");
  EXPECT_EQ(r.moves(0).pay_basis(), v1::PAY_BASIS_TOP_CODED);
  EXPECT_EQ(r.moves(1).position_id(), "coord");
  EXPECT_EQ(r.moves(1).pay_basis(), v1::PAY_BASIS_SHARED);
  EXPECT_EQ(r.moves(1).ceiling_pay_basis(), v1::PAY_BASIS_SHARED);
  EXPECT_EQ(r.moves(2).pay_basis(), v1::PAY_BASIS_MEASURED);
  EXPECT_EQ(r.moves(3).pay_basis(), v1::PAY_BASIS_ESTIMATED);
}

TEST(PayBasis, ASharedFigureRankedAboveAnOwnOneIsNamed) {
  auto g = Graph();
  const auto r = Next(*g, v1::NEXT_SORT_PAY);
  ASSERT_EQ(r.pay_notes_size(), 1);
  EXPECT_EQ(r.pay_notes(0),
            "1 of these moves rank above others on a pay figure that is not the position's own: "
            "Coordinator (shared: survey code 11-9121, shared by 2 occupations)");
  // Upside ranks by the ceiling's pay: the same figure decides.
  EXPECT_EQ(Next(*g, v1::NEXT_SORT_UPSIDE).pay_notes_size(), 1);
  // A ranking not by pay says nothing about pay.
  EXPECT_EQ(Next(*g, v1::NEXT_SORT_YEARS).pay_notes_size(), 0);
}

TEST(PayBasis, NoNoteWhenEveryUncertainFigureRanksBelowTheOwnOnes) {
  // Measured, the coordinator outranks the senior by its own figure; the estimated analyst
  // (120k) ranks below the senior, and the top-coded director is a floor.
  auto g = Graph(v1::PAY_BASIS_MEASURED);
  EXPECT_EQ(Next(*g, v1::NEXT_SORT_PAY).pay_notes_size(), 0);
}

TEST(PayBasis, ReachByPayNamesTheFigure) {
  auto g = Graph();
  v1::ReachRequest req;
  req.set_from("Engineer");
  req.set_within_years(5);
  req.set_sort(v1::REACH_SORT_PAY);
  auto r = FindReach(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->positions_size(), 4);
  EXPECT_EQ(r->positions(1).position_id(), "coord");
  EXPECT_EQ(r->positions(1).pay_basis(), v1::PAY_BASIS_SHARED);
  ASSERT_EQ(r->pay_notes_size(), 1);
  EXPECT_NE(r->pay_notes(0).find("1 of these positions rank above"), std::string::npos) << r->pay_notes(0);
}

TEST(PayBasis, RoutesAndPlansShowTheBasisAndPlansNameUncertainFigures) {
  auto g = Graph();
  v1::RouteRequest rr;
  rr.set_from("eng");
  rr.set_to("analyst");
  auto route = FindRoute(*g, rr);
  ASSERT_TRUE(route.ok()) << route.status().message();
  EXPECT_EQ(route->routes(0).steps(0).pay_basis(), v1::PAY_BASIS_MEASURED);
  EXPECT_EQ(route->routes(0).steps(1).pay_basis(), v1::PAY_BASIS_ESTIMATED);

  v1::PlanRequest pr;
  pr.set_from("Engineer");
  pr.set_horizon_years(4);
  pr.set_step_years(1);
  auto plan = MakePlan(*g, pr);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  // Most earnings over 4 years: the director (250k from year 3) or the coordinator (200k
  // from year 1): 100 + 200 * 3 = 700k against 100 * 3 + 250 = 550k.
  ASSERT_EQ(plan->earnings().steps_size(), 2);
  EXPECT_EQ(plan->earnings().steps(1).position_id(), "coord");
  EXPECT_EQ(plan->earnings().steps(1).pay_basis(), v1::PAY_BASIS_SHARED);
  ASSERT_EQ(plan->pay_notes_size(), 1);
  EXPECT_EQ(plan->pay_notes(0),
            "pay figures that are not the positions' own enter the plan's earnings: Coordinator (shared: survey "
            "code 11-9121, shared by 2 occupations)");
}

TEST(PayBasis, BuildRefusesAnUnknownBasisAndAnErrorOutOfRange) {
  v1::Graph bad = Snapshot();
  bad.mutable_positions(1)->set_pay_basis(static_cast<v1::PayBasis>(9));
  auto g = CareerGraph::Build(bad);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("unknown pay basis 9"), std::string::npos) << g.status().message();
  for (double e : {-0.1, 10.5, std::nan("")}) {
    bad = Snapshot();
    bad.mutable_positions(4)->set_pay_error(e);
    g = CareerGraph::Build(bad);
    ASSERT_FALSE(g.ok()) << e;
    EXPECT_NE(g.status().message().find("pay error must be a fraction in [0, 10]"), std::string::npos)
        << g.status().message();
  }
}

TEST(PayBasis, NamesParseAndPrint) {
  v1::PayBasis b{};
  for (auto [text, want] : std::vector<std::pair<std::string, v1::PayBasis>>{
           {"measured", v1::PAY_BASIS_MEASURED}, {"Shared", v1::PAY_BASIS_SHARED},
           {"estimated", v1::PAY_BASIS_ESTIMATED}, {"top-coded", v1::PAY_BASIS_TOP_CODED},
           {"top_coded", v1::PAY_BASIS_TOP_CODED}, {"unspecified", v1::PAY_BASIS_UNSPECIFIED}}) {
    ASSERT_TRUE(ParsePayBasis(text, &b)) << text;
    EXPECT_EQ(b, want) << text;
  }
  EXPECT_FALSE(ParsePayBasis("guessed", &b));
  EXPECT_FALSE(ParsePayBasis("", &b));
  EXPECT_EQ(PayBasisName(v1::PAY_BASIS_TOP_CODED), "top-coded");
  EXPECT_EQ(BadPayBasisMessage("estimate"),
            "pay_basis 'estimate' is not one of measured, shared, estimated or top-coded; did you mean 'estimated'?");
  EXPECT_EQ(BadPayBasisMessage("Topcode"),
            "pay_basis 'Topcode' is not one of measured, shared, estimated or top-coded; did you mean 'top-coded'?");
  EXPECT_EQ(BadPayBasisMessage("guessed"), "pay_basis 'guessed' is not one of measured, shared, estimated or top-coded");
}

TEST(PayBasis, TablesMarkEachFigureAndExplainTheMarksOnce) {
  render::PayMarks marks;
  EXPECT_EQ(marks.Money(150000, v1::PAY_BASIS_MEASURED, "USD"), "$150,000");
  EXPECT_EQ(marks.Legend(), "");
  EXPECT_EQ(marks.Money(161180, v1::PAY_BASIS_SHARED, "USD"), "$161,180*");
  EXPECT_EQ(marks.Money(120000, v1::PAY_BASIS_ESTIMATED, "USD"), "~$120,000");
  EXPECT_EQ(marks.Money(239200, v1::PAY_BASIS_TOP_CODED, "USD"), "$239,200+");
  EXPECT_EQ(marks.Money(std::nan(""), v1::PAY_BASIS_SHARED, "USD"), "-");
  EXPECT_EQ(marks.Money(161180, v1::PAY_BASIS_SHARED, "USD"), "$161,180*");
  EXPECT_EQ(marks.Legend(),
            "pay: * a group's figure shared with other positions, not the position's own; ~ estimated for the "
            "position; + top-coded: at least this");
}

}  // namespace
}  // namespace careergraph

namespace careergraph::io {
namespace {

using testing::TempPath;
using testing::WriteText;

const v1::Finding* FindCode(const LoadResult& r, std::string_view code) {
  for (const auto& f : r.findings)
    if (f.code() == code) return &f;
  return nullptr;
}

// Lines 1-5 of the YAML ladders below; their levels start at line 6.
const std::string kHead =
    "name: t\n"
    "tracks:\n"
    "  - id: ops\n"
    "    promotion: {years: 1, probability: 0.5}\n"
    "    levels:\n";

// The formats people write say how sure a pay is, and every mistake is named at its line.
TEST(PayBasisInput, YamlCarriesBasisErrorAndSourceAndNamesMistakes) {
  const std::string file = TempPath("pay.yaml");
  WriteText(file, kHead +
            "      - id: o1\n"                                        // 6
            "        pay: 161180\n"                                   // 7
            "        pay_basis: shared\n"                             // 8
            "        pay_error: 0.077\n"                              // 9
            "        pay_source: OEWS 2024 11-9121\n"                 // 10
            "      - id: o2\n"                                        // 11
            "        pay: 200000\n"                                   // 12
            "        pay_basis: top-coded\n"                          // 13
            "defaults: {ambiguity: unknown, leadership: unknown}\n");  // 14
  LoadResult r = LoadLadders({file});
  ASSERT_FALSE(r.has_errors());
  EXPECT_EQ(r.graph.positions(0).pay_basis(), v1::PAY_BASIS_SHARED);
  EXPECT_DOUBLE_EQ(r.graph.positions(0).pay_error(), 0.077);
  EXPECT_EQ(r.graph.positions(0).pay_source(), "OEWS 2024 11-9121");
  EXPECT_EQ(r.graph.positions(1).pay_basis(), v1::PAY_BASIS_TOP_CODED);
  EXPECT_FALSE(r.graph.positions(1).has_pay_error());

  WriteText(file, kHead +
            "      - id: o1\n"                                        // 6
            "        pay: 161180\n"                                   // 7
            "        pay_basis: guessed\n"                            // 8
            "        pay_error: 15%\n"                                // 9
            "      - id: o2\n"                                        // 10
            "        pay: 200000\n"                                   // 11
            "        pay_error: 12\n"                                 // 12
            "      - id: o3\n"                                        // 13
            "        pay: unknown\n"                                  // 14
            "        pay_basis: measured\n"                           // 15
            "defaults: {ambiguity: unknown, leadership: unknown}\n");  // 16
  r = LoadLadders({file});
  const v1::Finding* basis = FindCode(r, "bad-pay-basis");
  ASSERT_NE(basis, nullptr);
  EXPECT_EQ(basis->line(), 8u);
  EXPECT_EQ(basis->field(), "pay_basis");
  EXPECT_EQ(basis->message(), "pay_basis 'guessed' is not one of measured, shared, estimated or top-coded");
  const v1::Finding* malformed = FindCode(r, "malformed-number");
  ASSERT_NE(malformed, nullptr);
  EXPECT_EQ(malformed->line(), 9u);
  EXPECT_EQ(malformed->field(), "pay_error");
  // Worded as the CSV reader words it.
  EXPECT_EQ(malformed->message(),
            "pay_error '15%' is not a number; write a relative error like 0.15 (the figure is typically within 15%)");
  const v1::Finding* range = FindCode(r, "bad-pay-error");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->line(), 12u);
  EXPECT_EQ(range->position(), "o2");
  const v1::Finding* orphan = FindCode(r, "pay-basis-without-pay");
  ASSERT_NE(orphan, nullptr);
  EXPECT_EQ(orphan->severity(), v1::WARNING);
  EXPECT_EQ(orphan->line(), 15u);
}

TEST(PayBasisInput, CsvCarriesBasisErrorAndSourceAndNamesMistakes) {
  const std::string dir = TempPath("pay-csv");
  std::filesystem::create_directories(dir);
  WriteText(dir + "/positions.csv",
            "id,title,track,level,pay,ambiguity,leadership,pay_basis,pay_error,pay_source\n"  // 1
            "a,A,t,1,100000,0.1,0.1,measured,,\n"                                           // 2
            "b,B,t,2,161180,0.2,0.2,shared,0.077,\"OEWS 2024 11-9121, shared by 3\"\n");     // 3
  WriteText(dir + "/transitions.csv", "from,to,kind,years,probability\na,b,promotion,1,0.5\n");
  LoadResult r = LoadLadders({dir});
  ASSERT_FALSE(r.has_errors());
  EXPECT_EQ(r.graph.positions(0).pay_basis(), v1::PAY_BASIS_MEASURED);
  EXPECT_FALSE(r.graph.positions(0).has_pay_error());
  EXPECT_EQ(r.graph.positions(1).pay_basis(), v1::PAY_BASIS_SHARED);
  EXPECT_DOUBLE_EQ(r.graph.positions(1).pay_error(), 0.077);
  EXPECT_EQ(r.graph.positions(1).pay_source(), "OEWS 2024 11-9121, shared by 3");
  // The fast reader that `--graph DIR` takes reads the same.
  auto fast = ReadCsvDirectory(dir);
  ASSERT_TRUE(fast.has_value());
  ASSERT_EQ(fast->positions.size(), 2u);
  EXPECT_EQ(fast->positions[1].pay_basis(), v1::PAY_BASIS_SHARED);
  EXPECT_DOUBLE_EQ(fast->positions[1].pay_error(), 0.077);
  EXPECT_EQ(fast->positions[1].pay_source(), "OEWS 2024 11-9121, shared by 3");

  WriteText(dir + "/positions.csv",
            "id,title,track,level,pay,ambiguity,leadership,pay_basis,pay_error,pay_source\n"  // 1
            "a,A,t,1,100000,0.1,0.1,sure,,\n"                                               // 2
            "b,B,t,2,161180,0.2,0.2,shared,8%,\n");                                         // 3
  EXPECT_FALSE(ReadCsvDirectory(dir).has_value());  // a mistake sends it to the reader that words it
  r = LoadLadders({dir});
  const v1::Finding* basis = FindCode(r, "bad-pay-basis");
  ASSERT_NE(basis, nullptr);
  EXPECT_EQ(basis->line(), 2u);
  EXPECT_EQ(basis->message(), "pay_basis 'sure' is not one of measured, shared, estimated or top-coded");
  const v1::Finding* malformed = FindCode(r, "malformed-number");
  ASSERT_NE(malformed, nullptr);
  EXPECT_EQ(malformed->line(), 3u);
  EXPECT_EQ(malformed->message(),
            "pay_error '8%' is not a number; write a relative error like 0.15 (the figure is typically within 15%)");
}

}  // namespace
}  // namespace careergraph::io
