// Every error and warning the loader reports, each with its exact file, line, field and code.
// The ladders are written inline so the line numbers can be read off the test.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/load.h"
#include "io/validate.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using careergraph::testing::TempPath;
using careergraph::testing::WriteText;

// A valid three-level ladder; tests change one line of it.
const std::vector<std::string> kPositions = {
    "id,title,track,level,pay,ambiguity,leadership",  // line 1
    "a1,Analyst,ops,1,50000,0.1,0.1",                 // line 2
    "a2,Senior Analyst,ops,2,60000,0.2,0.2",          // line 3
    "a3,Lead Analyst,ops,3,70000,0.3,0.3",            // line 4
};
const std::vector<std::string> kTransitions = {
    "from,to,kind,years,probability",  // line 1
    "a1,a2,promotion,2,0.8",           // line 2
    "a2,a3,promotion,2,0.7",           // line 3
};

std::string Join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

struct Loaded {
  std::string positions_file, transitions_file;
  LoadResult result;
};

Loaded Load(const std::vector<std::string>& positions, const std::vector<std::string>& transitions) {
  Loaded l;
  l.positions_file = TempPath("positions.csv");
  l.transitions_file = TempPath("transitions.csv");
  WriteText(l.positions_file, Join(positions));
  WriteText(l.transitions_file, Join(transitions));
  l.result = LoadLadders({l.positions_file, l.transitions_file});
  return l;
}

std::vector<std::string> With(std::vector<std::string> lines, std::size_t index, std::string line) {
  if (index < lines.size()) lines[index] = std::move(line);
  else lines.push_back(std::move(line));
  return lines;
}

std::string Dump(const LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings) s += "  " + f.file() + ":" + std::to_string(f.line()) + " " + f.code() + " " + f.field() + ": " + f.message() + "\n";
  return s;
}

// The one finding of the whole load; fails the test when there are others.
v1::Finding Single(const LoadResult& r) {
  EXPECT_EQ(r.findings.size(), 1u) << Dump(r);
  return r.findings.empty() ? v1::Finding() : r.findings[0];
}

void ExpectFinding(const v1::Finding& f, v1::Severity severity, const std::string& code, const std::string& file,
                   unsigned line, const std::string& field) {
  EXPECT_EQ(f.severity(), severity) << f.message();
  EXPECT_EQ(f.code(), code) << f.message();
  EXPECT_EQ(f.file(), file) << f.message();
  EXPECT_EQ(f.line(), line) << f.message();
  EXPECT_EQ(f.field(), field) << f.message();
}

TEST(ValidateTest, BaseLadderIsClean) {
  Loaded l = Load(kPositions, kTransitions);
  EXPECT_TRUE(l.result.findings.empty()) << Dump(l.result);
  EXPECT_TRUE(l.result.FirstError().ok());
}

// ---- errors -------------------------------------------------------------------

TEST(ValidateTest, DuplicateId) {
  Loaded l = Load(With(kPositions, 4, "a2,Another Analyst,ops,2,60000,0.2,0.2"), kTransitions);
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "duplicate-id", l.positions_file, 5, "id");
  EXPECT_EQ(f.position(), "a2");
  EXPECT_NE(f.message().find(l.positions_file + ":3"), std::string::npos) << "names the first definition: " << f.message();
  Status st = l.result.FirstError();
  EXPECT_EQ(st.code(), v1::INVALID_DATA);
  EXPECT_EQ(st.file(), l.positions_file);
  EXPECT_EQ(st.line(), 5u);
  EXPECT_EQ(st.field(), "id");
}

TEST(ValidateTest, UnknownPosition) {
  Loaded l = Load(kPositions, With(kTransitions, 3, "a2,a4,promotion,2,0.7"));
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "unknown-position", l.transitions_file, 4, "to");
  EXPECT_EQ(f.position(), "a4");
  EXPECT_NE(f.message().find("did you mean"), std::string::npos) << f.message();
}

TEST(ValidateTest, YearsZero) {
  Loaded l = Load(kPositions, With(kTransitions, 2, "a2,a3,promotion,0,0.7"));
  ExpectFinding(Single(l.result), v1::ERROR, "bad-years", l.transitions_file, 3, "years");
}

TEST(ValidateTest, YearsNegative) {
  Loaded l = Load(kPositions, With(kTransitions, 1, "a1,a2,promotion,-1.5,0.8"));
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "bad-years", l.transitions_file, 2, "years");
  EXPECT_NE(f.message().find("-1.5"), std::string::npos) << f.message();
}

TEST(ValidateTest, ProbabilityZero) {
  Loaded l = Load(kPositions, With(kTransitions, 1, "a1,a2,promotion,2,0"));
  ExpectFinding(Single(l.result), v1::ERROR, "bad-probability", l.transitions_file, 2, "probability");
}

TEST(ValidateTest, ProbabilityAboveOne) {
  Loaded l = Load(kPositions, With(kTransitions, 2, "a2,a3,promotion,2,1.5"));
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "bad-probability", l.transitions_file, 3, "probability");
  EXPECT_NE(f.message().find("1.5"), std::string::npos) << f.message();
}

TEST(ValidateTest, ProbabilityOneIsAllowed) {
  Loaded l = Load(kPositions, With(kTransitions, 2, "a2,a3,promotion,2,1"));
  EXPECT_TRUE(l.result.findings.empty()) << Dump(l.result);
}

TEST(ValidateTest, AmbiguityAboveOne) {
  Loaded l = Load(With(kPositions, 2, "a2,Senior Analyst,ops,2,60000,1.2,0.2"), kTransitions);
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "bad-ambiguity", l.positions_file, 3, "ambiguity");
  EXPECT_EQ(f.position(), "a2");
}

TEST(ValidateTest, LeadershipNegative) {
  Loaded l = Load(With(kPositions, 1, "a1,Analyst,ops,1,50000,0.1,-0.1"), kTransitions);
  ExpectFinding(Single(l.result), v1::ERROR, "bad-leadership", l.positions_file, 2, "leadership");
}

TEST(ValidateTest, NegativePay) {
  Loaded l = Load(With(kPositions, 1, "a1,Analyst,ops,1,-50000,0.1,0.1"), kTransitions);
  ExpectFinding(Single(l.result), v1::ERROR, "negative-pay", l.positions_file, 2, "pay");
}

TEST(ValidateTest, MalformedNumberIsReportedOnce) {
  Loaded l = Load(kPositions, With(kTransitions, 2, "a2,a3,promotion,abc,0.7"));
  v1::Finding f = Single(l.result);  // not also bad-years
  ExpectFinding(f, v1::ERROR, "malformed-number", l.transitions_file, 3, "years");
  EXPECT_NE(f.message().find("years 'abc' is not a number"), std::string::npos) << f.message();
}

TEST(ValidateTest, MalformedPayIsReportedOnceAndNotComparedForInversion) {
  Loaded l = Load(With(kPositions, 2, "a2,Senior Analyst,ops,2,60k,0.2,0.2"), kTransitions);
  ExpectFinding(Single(l.result), v1::ERROR, "malformed-number", l.positions_file, 3, "pay");
}

TEST(ValidateTest, MissingRequiredColumn) {
  Loaded l = Load(kPositions, {"from,to,kind,years", "a1,a2,promotion,2", "a2,a3,promotion,2"});
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "missing-column", l.transitions_file, 1, "probability");
  EXPECT_NE(f.message().find("'probability' or 'p' or 'prob'"), std::string::npos) << f.message();
}

TEST(ValidateTest, EmptyIdIsMissingValue) {
  Loaded l = Load(With(kPositions, 4, ",Nameless,ops,2,60000,0.2,0.2"), kTransitions);
  ExpectFinding(Single(l.result), v1::ERROR, "missing-value", l.positions_file, 5, "id");
}

TEST(ValidateTest, BadKind) {
  Loaded l = Load(kPositions, With(kTransitions, 1, "a1,a2,promo,2,0.8"));
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::ERROR, "bad-kind", l.transitions_file, 2, "kind");
  EXPECT_NE(f.message().find("'promo'"), std::string::npos);
}

TEST(ValidateTest, EveryErrorIsReportedNotJustTheFirst) {
  Loaded l = Load(With(kPositions, 1, "a1,Analyst,ops,1,-1,1.5,0.1"),
                  {"from,to,kind,years,probability", "a1,a2,promotion,0,0.8", "a2,a3,promotion,2,7", "a3,zz,lateral,1,0.5"});
  std::vector<std::string> codes;
  for (const auto& f : l.result.findings) codes.push_back(f.code() + "@" + std::to_string(f.line()));
  EXPECT_EQ(codes, (std::vector<std::string>{"negative-pay@2", "bad-ambiguity@2", "bad-years@2", "bad-probability@3",
                                             "unknown-position@4"}))
      << Dump(l.result);
  Status st = l.result.FirstError();
  EXPECT_EQ(st.line(), 2u);
  EXPECT_EQ(st.field(), "pay");
  EXPECT_NE(st.message().find("4 more"), std::string::npos) << st.message();
}

// ---- warnings -----------------------------------------------------------------

TEST(ValidateTest, Unreachable) {
  // Nothing leads into a3 any more (and a2, whose only way out went to a3, is a dead end).
  Loaded l = Load(kPositions, {"from,to,kind,years,probability", "a1,a2,promotion,2,0.8", "a3,a1,lateral,1,0.5"});
  ASSERT_EQ(l.result.findings.size(), 2u) << Dump(l.result);
  EXPECT_FALSE(l.result.has_errors());
  const auto& dead = l.result.findings[0];
  const auto& unreachable = l.result.findings[1];
  ExpectFinding(dead, v1::WARNING, "dead-end", l.positions_file, 3, "id");
  EXPECT_EQ(dead.position(), "a2");
  ExpectFinding(unreachable, v1::WARNING, "unreachable", l.positions_file, 4, "id");
  EXPECT_EQ(unreachable.position(), "a3");
}

TEST(ValidateTest, DeadEnd) {
  Loaded l = Load(kPositions, {"from,to,kind,years,probability", "a1,a2,promotion,2,0.8", "a1,a3,promotion,4,0.2"});
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::WARNING, "dead-end", l.positions_file, 3, "id");
  EXPECT_EQ(f.position(), "a2");
  EXPECT_TRUE(l.result.FirstError().ok());
}

TEST(ValidateTest, EntryAndTopLevelsAreNotFlagged) {
  // a1 has no way in and a3 no way out, by design; another track's ladder is judged on its own.
  Loaded l = Load(With(kPositions, 4, "b9,Other,hr,9,10,0,0"), kTransitions);
  EXPECT_TRUE(l.result.findings.empty()) << Dump(l.result);
}

TEST(ValidateTest, PayInversionNamesBoth) {
  Loaded l = Load(With(kPositions, 3, "a3,Lead Analyst,ops,3,55000,0.3,0.3"), kTransitions);
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::WARNING, "pay-inversion", l.positions_file, 4, "pay");
  EXPECT_EQ(f.position(), "a3");
  EXPECT_NE(f.message().find("'a3'"), std::string::npos) << f.message();
  EXPECT_NE(f.message().find("'a2'"), std::string::npos) << "names the better-paid lower level: " << f.message();
}

TEST(ValidateTest, SelfLoop) {
  Loaded l = Load(kPositions, With(kTransitions, 3, "a2,a2,lateral,1,0.5"));
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::WARNING, "self-loop", l.transitions_file, 4, "to");
  EXPECT_EQ(f.position(), "a2");
}

TEST(ValidateTest, PromotionToItselfIsAnErrorBesidesTheSelfLoop) {
  // A promotion that stays at its own level is refused as the engine refuses it.
  Loaded l = Load(kPositions, With(kTransitions, 3, "a2,a2,promotion,1,0.5"));
  ASSERT_EQ(l.result.findings.size(), 2u) << Dump(l.result);
  ExpectFinding(l.result.findings[0], v1::ERROR, "promotion-not-up", l.transitions_file, 4, "kind");
  ExpectFinding(l.result.findings[1], v1::WARNING, "self-loop", l.transitions_file, 4, "to");
}

TEST(ValidateTest, DuplicateTransition) {
  Loaded l = Load(kPositions, With(kTransitions, 3, "a1,a2,promotion,3,0.5"));
  v1::Finding f = Single(l.result);
  ExpectFinding(f, v1::WARNING, "duplicate-transition", l.transitions_file, 4, "from");
  EXPECT_NE(f.message().find(l.transitions_file + ":2"), std::string::npos) << f.message();
}

TEST(ValidateTest, EachRepeatNamesTheFirst) {
  Loaded l = Load(kPositions, {"from,to,kind,years,probability", "a1,a2,promotion,2,0.8", "a2,a3,promotion,2,0.7",
                               "a1,a2,promotion,3,0.5", "a1,a2,promotion,4,0.4"});
  ASSERT_EQ(l.result.findings.size(), 2u) << Dump(l.result);
  for (unsigned k = 0; k < 2; ++k) {
    ExpectFinding(l.result.findings[k], v1::WARNING, "duplicate-transition", l.transitions_file, 4 + k, "from");
    EXPECT_NE(l.result.findings[k].message().find(l.transitions_file + ":2)"), std::string::npos)
        << l.result.findings[k].message();
  }
}

TEST(ValidateTest, SameEndpointsWithAnotherKindIsNotADuplicate) {
  Loaded l = Load(kPositions, With(kTransitions, 3, "a1,a2,lateral,3,0.5"));
  EXPECT_TRUE(l.result.findings.empty()) << Dump(l.result);
}

// ---- locations in the other formats ----------------------------------------------

TEST(ValidateTest, YamlFindingsNameTheLineOfTheField) {
  const std::string yaml =
      "name: t\n"                       // 1
      "tracks:\n"                       // 2
      "  - id: ops\n"                   // 3
      "    levels:\n"                   // 4
      "      - id: o1\n"                 // 5
      "        pay: 10\n"                // 6
      "        ambiguity: 1.2\n"         // 7
      "      - id: o2\n"                 // 8
      "        pay: 20\n"                // 9
      "        promotion: {years: 1}\n"  // 10
      "    promotion:\n"                 // 11
      "      years: 2\n"                 // 12
      "      probability: 1.5\n"         // 13
      "defaults: {ambiguity: unknown, leadership: unknown}\n";  // 14
  const std::string file = TempPath("ladder.yaml");
  WriteText(file, yaml);
  LoadResult r = LoadLadders({file});
  v1::Finding f0 = r.findings.size() == 2 ? r.findings[0] : v1::Finding();
  v1::Finding f1 = r.findings.size() == 2 ? r.findings[1] : v1::Finding();
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  ExpectFinding(f0, v1::ERROR, "bad-ambiguity", file, 7, "ambiguity");
  ExpectFinding(f1, v1::ERROR, "bad-probability", file, 13, "probability");
}

TEST(ValidateTest, TextprotoFindingsNameTheLineOfTheField) {
  const std::string text =
      "positions { id: \"a\" level: 1 }\n"  // 1
      "positions {\n"                       // 2
      "  id: \"b\"\n"                       // 3
      "  level: 2\n"                        // 4
      "  leadership: 3\n"                   // 5
      "}\n"                                 // 6
      "transitions {\n"                     // 7
      "  from: \"a\"\n"                     // 8
      "  to: \"b\"\n"                       // 9
      "  kind: TRANSITION_KIND_PROMOTION\n"                 // 10
      "  years: 1\n"                        // 11
      "}\n";                                // 12
  const std::string file = TempPath("g.textproto");
  WriteText(file, text);
  LoadResult r = LoadLadders({file});
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  ExpectFinding(r.findings[0], v1::ERROR, "bad-leadership", file, 5, "leadership");
  ExpectFinding(r.findings[1], v1::ERROR, "bad-probability", file, 7, "probability");  // not given: the record's line
}

TEST(ValidateTest, JsonFindingsNameTheLineOfTheField) {
  const std::string text =
      "{\n"                                                       // 1
      "  \"positions\": [\n"                                      // 2
      "    {\"id\": \"a\", \"level\": 1},\n"                      // 3
      "    {\"id\": \"b\", \"level\": 2,\n"                       // 4
      "     \"annualPay\": -3}\n"                                 // 5
      "  ],\n"                                                    // 6
      "  \"transitions\": [\n"                                    // 7
      "    {\"from\": \"a\", \"to\": \"c\", \"kind\": \"TRANSITION_KIND_PROMOTION\",\n"  // 8
      "     \"years\": 1, \"probability\": 0.5}\n"                // 9
      "  ]\n"                                                     // 10
      "}\n";
  const std::string file = TempPath("g.json");
  WriteText(file, text);
  LoadResult r = LoadLadders({file});
  ASSERT_EQ(r.findings.size(), 3u) << Dump(r);
  // b is a level-2 position nothing leads into (the one move goes to the unknown c).
  ExpectFinding(r.findings[0], v1::WARNING, "unreachable", file, 4, "id");
  ExpectFinding(r.findings[1], v1::ERROR, "negative-pay", file, 5, "pay");
  ExpectFinding(r.findings[2], v1::ERROR, "unknown-position", file, 8, "to");
}

TEST(ValidateTest, ReportCounts) {
  Loaded l = Load(With(kPositions, 1, "a1,Analyst,ops,1,50000,0.1,-0.1"), With(kTransitions, 3, "a2,a2,lateral,1,0.5"));
  v1::ValidationReport report = MakeReport(l.result.graph, l.result.findings);
  EXPECT_EQ(report.errors(), 1u);
  EXPECT_EQ(report.warnings(), 1u);
  EXPECT_EQ(report.positions(), 3u);
  EXPECT_EQ(report.transitions(), 3u);
  EXPECT_EQ(report.findings_size(), 2);
}

// What real ladders get wrong, each with its file:line and field.
TEST(ValidateTest, DuplicateTitleInOneOrgNamesBothLines) {
  const std::string f = TempPath("p.csv");
  WriteText(f,
            "id,title,org,track,level,pay,ambiguity,leadership\n"
            "e1,Engineer,Acme,swe,1,100,0.1,0.1\n"
            "e2,engineer,Acme,swe,2,120,0.2,0.2\n"     // same title, other case: one name
            "e3,Engineer,Initech,swe,1,90,0.1,0.1\n");  // another org may reuse it
  LoadResult r = LoadLadders({f}, LoadOptions{.warnings = false});
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  ExpectFinding(r.findings[0], v1::ERROR, "duplicate-title", f, 3, "title");
  EXPECT_EQ(r.findings[0].position(), "e2");
  EXPECT_NE(r.findings[0].message().find("'e1' (" + f + ":2) and 'e2'"), std::string::npos) << r.findings[0].message();
}

TEST(ValidateTest, LevelsListedSeniorFirstAreAnErrorAtTheLevel) {
  const std::string f = TempPath("em.yaml");
  WriteText(f,
            "org: Acme\n"                                                               // 1
            "tracks:\n"                                                                 // 2
            "  - id: em\n"                                                              // 3
            "    promotion: {years: 2, probability: 0.5}\n"                             // 4
            "    levels:\n"                                                             // 5
            "      - {id: em-m5, level: 5, pay: 400, ambiguity: 0.6, leadership: 0.6}\n"  // 6
            "      - {id: em-m4, level: 4, pay: 300, ambiguity: 0.5, leadership: 0.5}\n"  // 7
            "      - {id: em-m3, level: 3, pay: 200, ambiguity: 0.4, leadership: 0.4}\n");  // 8
  LoadResult r = LoadLadders({f}, LoadOptions{.warnings = false});
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  ExpectFinding(r.findings[0], v1::ERROR, "levels-out-of-order", f, 7, "level");
  ExpectFinding(r.findings[1], v1::ERROR, "levels-out-of-order", f, 8, "level");
  EXPECT_EQ(r.graph.transitions_size(), 0) << "no promotion is generated down a ladder";
}

TEST(ValidateTest, APromotionThatDoesNotGoUpIsAnErrorAndOneAcrossLaddersThatCutsPayWarns) {
  const std::string p = TempPath("p.csv"), t = TempPath("t.csv");
  WriteText(p,
            "id,title,org,track,level,pay,ambiguity,leadership\n"
            "a,A,Acme,swe,2,200,0.1,0.1\n"
            "b,B,Acme,swe,1,100,0.1,0.1\n"
            "c,C,Acme,pm,3,150,0.1,0.1\n");
  WriteText(t,
            "from,to,kind,years,probability\n"
            "a,b,promotion,1,0.5\n"    // down a level
            "a,c,promotion,1,0.5\n");  // up a level into another track, for less
  LoadResult r = LoadLadders({p, t});
  std::vector<v1::Finding> mine;
  for (const auto& f : r.findings)
    if (f.code() == "promotion-not-up" || f.code() == "promotion-pay-cut") mine.push_back(f);
  ASSERT_EQ(mine.size(), 2u) << Dump(r);
  ExpectFinding(mine[0], v1::ERROR, "promotion-not-up", t, 2, "kind");
  ExpectFinding(mine[1], v1::WARNING, "promotion-pay-cut", t, 3, "from");
}

}  // namespace
}  // namespace careergraph::io
