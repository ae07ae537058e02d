// CSV / TSV ladders: RFC 4180 quoting, header aliases in any order, kind inference, and the
// synthetic peers_tiny pair exactly as its generator writes it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/career_graph.h"
#include "io/csv_reader.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using careergraph::testing::SourcePath;
using careergraph::testing::TempPath;
using careergraph::testing::WriteText;

std::string Dump(const LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings) s += "  " + f.file() + ":" + std::to_string(f.line()) + " " + f.code() + ": " + f.message() + "\n";
  return s;
}

const v1::Position* Find(const v1::Graph& g, const std::string& id) {
  for (const auto& p : g.positions())
    if (p.id() == id) return &p;
  return nullptr;
}

const v1::Transition* FindMove(const v1::Graph& g, const std::string& from, const std::string& to) {
  for (const auto& t : g.transitions())
    if (t.from() == from && t.to() == to) return &t;
  return nullptr;
}

TEST(CsvReaderTest, ParsesQuotedFieldsPerRfc4180) {
  CsvTable t = ParseCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n  plain  ,,\"\"\n", ',');
  ASSERT_TRUE(t.error.empty()) << t.error;
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(t.records[1].line, 2u);
  EXPECT_EQ(t.records[2].fields, (std::vector<std::string>{"plain", "", ""}));
  EXPECT_EQ(t.records[2].line, 4u);  // the record before spans lines 2-3
  EXPECT_EQ(t.records[1].field_lines, (std::vector<unsigned>{2, 2, 2}));
}

TEST(CsvReaderTest, SkipsBomAndBlankLinesAndKeepsLineNumbers) {
  CsvTable t = ParseCsv("\xEF\xBB\xBFid\tname\n\n1\t\"a\tb\"\n\n2\tc", '\t');
  ASSERT_TRUE(t.error.empty()) << t.error;
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[0].fields[0], "id");
  EXPECT_EQ(t.records[1].line, 3u);
  EXPECT_EQ(t.records[1].fields[1], "a\tb");
  EXPECT_EQ(t.records[2].line, 5u);
  EXPECT_EQ(t.records[2].fields[1], "c");
}

TEST(CsvReaderTest, UnterminatedQuoteIsAParseErrorAtItsLine) {
  CsvTable t = ParseCsv("id,title\n1,ok\n2,\"never closed\n3,x\n", ',');
  EXPECT_FALSE(t.error.empty());
  EXPECT_EQ(t.error_line, 3u);
  CsvTable u = ParseCsv("id,title\n1,\"a\"b\n", ',');
  EXPECT_FALSE(u.error.empty());
  EXPECT_EQ(u.error_line, 2u);
}

TEST(CsvReaderTest, ReordersColumnsAliasesAndQuotedFields) {
  const std::string dir = SourcePath("tests/testdata/csv_quoted");
  LoadResult r = LoadLadders({dir + "/positions.csv", dir + "/transitions.csv"});
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  ASSERT_EQ(r.graph.positions_size(), 4);
  const v1::Position* e1 = Find(r.graph, "eng-1");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ(e1->title(), "Engineer");
  EXPECT_EQ(e1->org(), "Acme");
  EXPECT_EQ(e1->track(), "eng");
  EXPECT_EQ(e1->level(), 1);
  EXPECT_EQ(e1->annual_pay(), 100000);
  EXPECT_DOUBLE_EQ(e1->ambiguity(), 0.2);
  EXPECT_DOUBLE_EQ(e1->leadership(), 0.1);
  EXPECT_EQ(e1->description(), "Builds things, mostly");
  EXPECT_EQ(std::vector<std::string>(e1->tags().begin(), e1->tags().end()), (std::vector<std::string>{"ic", "entry"}));
  const v1::Position* e2 = Find(r.graph, "eng-2");
  ASSERT_NE(e2, nullptr);
  EXPECT_EQ(e2->title(), "Senior Engineer, Backend");
  EXPECT_EQ(e2->description(), "Said \"ship it\" once");
  const v1::Position* e3 = Find(r.graph, "eng-3");
  ASSERT_NE(e3, nullptr);
  EXPECT_EQ(e3->description(), "Two lines:\ndesign and review");
  EXPECT_EQ(e3->tags_size(), 0);

  ASSERT_EQ(r.graph.transitions_size(), 3);
  const v1::Transition* t = FindMove(r.graph, "eng-1", "eng-2");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_DOUBLE_EQ(t->years(), 1.5);
  EXPECT_DOUBLE_EQ(t->probability(), 0.8);
  EXPECT_EQ(t->provenance(), "survey, 2024");
  EXPECT_EQ(FindMove(r.graph, "eng-2", "eng-3")->provenance(), "note with \"quotes\"");
  const v1::Transition* sw = FindMove(r.graph, "eng-3", "mgr-3");
  ASSERT_NE(sw, nullptr);
  EXPECT_EQ(sw->kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
  EXPECT_EQ(sw->provenance(), "multi\nline");
}

TEST(CsvReaderTest, RecordAfterMultiLineFieldKeepsItsLine) {
  // mgr-3 is on physical line 6 of positions.csv (eng-3's description spans lines 4-5).
  const std::string file = TempPath("positions.csv");
  std::string bad = careergraph::testing::ReadText(SourcePath("tests/testdata/csv_quoted/positions.csv"));
  bad.replace(bad.find("180000"), 6, "-1");
  WriteText(file, bad);
  LoadResult r = LoadLadders({file, SourcePath("tests/testdata/csv_quoted/transitions.csv")});
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "negative-pay");
  EXPECT_EQ(r.findings[0].position(), "mgr-3");
  EXPECT_EQ(r.findings[0].line(), 6u);
}

TEST(CsvReaderTest, TsvPairWithInferredKinds) {
  const std::string dir = SourcePath("tests/testdata/tsv_pair");
  LoadResult r = LoadLadders({dir});
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  ASSERT_EQ(r.graph.positions_size(), 4);
  EXPECT_EQ(Find(r.graph, "ops-2")->title(), "Senior\tAnalyst");
  EXPECT_EQ(Find(r.graph, "ops-3")->title(), "Lead, Analyst");
  EXPECT_EQ(std::vector<std::string>(Find(r.graph, "ops-1")->tags().begin(), Find(r.graph, "ops-1")->tags().end()),
            (std::vector<std::string>{"entry", "ops"}));
  ASSERT_EQ(r.graph.transitions_size(), 5);
  EXPECT_EQ(FindMove(r.graph, "ops-1", "ops-2")->kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_EQ(FindMove(r.graph, "ops-2", "ops-3")->kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_EQ(FindMove(r.graph, "ops-1", "ops-2b")->kind(), v1::TRANSITION_KIND_ORG_CHANGE);
  EXPECT_EQ(FindMove(r.graph, "ops-2b", "ops-2")->kind(), v1::TRANSITION_KIND_ORG_CHANGE);
  EXPECT_EQ(FindMove(r.graph, "ops-1", "ops-3")->kind(), v1::TRANSITION_KIND_LATERAL);  // skips a level
  EXPECT_EQ(FindMove(r.graph, "ops-1", "ops-2")->provenance(), "transitions.tsv");
  EXPECT_EQ(r.graph.metadata().name(), "tsv_pair");
}

TEST(CsvReaderTest, InfersTrackSwitchAndEmptyKindCells) {
  const std::string p = TempPath("p.csv"), t = TempPath("t.csv");
  WriteText(p, "id,org,track,level,pay,ambiguity,leadership\na,X,pm,1,,,\nb,X,tpm,2,,,\n");
  WriteText(t, "from,to,kind,years,probability\na,b,,1,0.5\nb,a,lateral,1,0.5\n");
  LoadResult r = LoadLadders({t, p});  // transitions first: inference waits for every position
  EXPECT_FALSE(r.has_errors()) << Dump(r);
  EXPECT_EQ(FindMove(r.graph, "a", "b")->kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
  EXPECT_EQ(FindMove(r.graph, "b", "a")->kind(), v1::TRANSITION_KIND_LATERAL);
  EXPECT_EQ(Find(r.graph, "a")->title(), "a");  // title defaults to the id
}

TEST(CsvReaderTest, PeersTinyLoadsAsGenerated) {
  const std::string dir = SourcePath("tests/testdata/peers_tiny");
  LoadResult r = LoadLadders({dir + "/nodes.tsv", dir + "/edges.tsv"});
  EXPECT_FALSE(r.has_errors()) << Dump(r);
  EXPECT_EQ(r.graph.positions_size(), 120);
  EXPECT_EQ(r.graph.transitions_size(), 764);
  const v1::Position* p = Find(r.graph, "1");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->title(), "co00000:SWE:L2");
  EXPECT_EQ(p->org(), "co00000");
  EXPECT_EQ(p->track(), "SWE");
  EXPECT_EQ(p->level(), 2);
  EXPECT_EQ(p->annual_pay(), 67700);
  EXPECT_DOUBLE_EQ(p->ambiguity(), 0.0849);
  EXPECT_DOUBLE_EQ(p->leadership(), 0.0694);
  std::map<v1::TransitionKind, int> kinds;
  for (const auto& t : r.graph.transitions()) ++kinds[t.kind()];
  EXPECT_GT(kinds[v1::TRANSITION_KIND_PROMOTION], 0);
  EXPECT_GT(kinds[v1::TRANSITION_KIND_LATERAL], 0);
  EXPECT_GT(kinds[v1::TRANSITION_KIND_ORG_CHANGE], 0);  // "external"
  EXPECT_EQ(kinds[v1::TRANSITION_KIND_UNSPECIFIED], 0);
  const v1::Transition* t = FindMove(r.graph, "0", "60");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind(), v1::TRANSITION_KIND_ORG_CHANGE);
  EXPECT_DOUBLE_EQ(t->years(), 1.0);
  EXPECT_DOUBLE_EQ(t->probability(), 0.2235);
  // The directory form loads the same.
  LoadResult d = LoadLadders({dir});
  EXPECT_EQ(d.graph.positions_size(), 120);
  EXPECT_EQ(d.graph.transitions_size(), 764);
  EXPECT_TRUE(CareerGraph::Build(r.graph).ok());
}

TEST(CsvReaderTest, DirectorySkipsTablesThatAreNotLadders) {
  const std::string dir = SourcePath("tests/testdata/csv_dir");
  LoadResult r = LoadLadders({dir});
  EXPECT_FALSE(r.has_errors()) << Dump(r);
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "skipped-file");
  EXPECT_EQ(r.findings[0].file(), dir + "/queries.tsv");
  EXPECT_EQ(r.findings[0].line(), 1u);
  EXPECT_EQ(r.graph.positions_size(), 4);
  ASSERT_EQ(r.graph.transitions_size(), 4);
  EXPECT_EQ(FindMove(r.graph, "pm-1", "pm-2")->kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_EQ(FindMove(r.graph, "pm-1", "tpm-2")->kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
  EXPECT_EQ(FindMove(r.graph, "pm-1", "pm-2x")->kind(), v1::TRANSITION_KIND_ORG_CHANGE);
  EXPECT_EQ(FindMove(r.graph, "tpm-2", "pm-2")->kind(), v1::TRANSITION_KIND_TRACK_SWITCH);
}

TEST(CsvReaderTest, DirectoryWhoseOnlyMovesAreAPairListIsAnError) {
  // transitions.csv with from/to but neither years nor probability: skipping it would build
  // a ladder with no moves.
  const std::string dir = TempPath("pairs_only_dir");
  std::filesystem::create_directories(dir);
  WriteText(dir + "/positions.csv", "id,title,org,track,level,pay,ambiguity,leadership\na1,A,o,t,1,1,0.1,0.1\na2,B,o,t,2,2,0.2,0.2\n");
  WriteText(dir + "/transitions.csv", "from,to\na1,a2\n");
  LoadResult r = LoadLadders({dir});
  std::vector<v1::Finding> errors;
  for (const auto& f : r.findings)
    if (f.severity() == v1::ERROR) errors.push_back(f);
  ASSERT_EQ(errors.size(), 1u) << Dump(r);
  EXPECT_EQ(errors[0].code(), "no-transitions");
  EXPECT_EQ(errors[0].file(), dir + "/transitions.csv");
  EXPECT_EQ(errors[0].line(), 1u);
  EXPECT_NE(errors[0].message().find("neither years nor probability"), std::string::npos) << errors[0].message();
  EXPECT_NE(errors[0].message().find("add years and probability columns"), std::string::npos) << errors[0].message();
  EXPECT_FALSE(OpenGraph(dir).ok()) << "the fast directory reader must not accept it either";
}

TEST(CsvReaderTest, ExplicitFileThatIsNoLadderIsAnError) {
  const std::string dir = SourcePath("tests/testdata/csv_dir");
  LoadResult r = LoadLadders({dir + "/queries.tsv"});
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "missing-column");
  EXPECT_EQ(r.findings[0].field(), "years");
  EXPECT_EQ(r.findings[1].field(), "probability");
  const std::string other = TempPath("other.csv");
  WriteText(other, "name,colour\nx,red\n");
  LoadResult o = LoadLadders({other});
  ASSERT_EQ(o.findings.size(), 1u) << Dump(o);
  EXPECT_EQ(o.findings[0].code(), "missing-column");
  EXPECT_EQ(o.findings[0].line(), 1u);
  EXPECT_NE(o.findings[0].message().find("found columns: title and 1 other"), std::string::npos) << o.findings[0].message();
}

TEST(CsvReaderTest, UnknownColumnIsAWarning) {
  const std::string p = TempPath("p.csv");
  WriteText(p, "id,title,pay,ambiguity,leadership,colour\na,A,1,0.5,0.5,red\n");
  LoadResult r = LoadLadders({p});
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].severity(), v1::WARNING);
  EXPECT_EQ(r.findings[0].code(), "unknown-column");
  EXPECT_NE(r.findings[0].message().find("'colour'"), std::string::npos);
}

// A misspelt attribute column is no column at all: the table is refused, never read as 0.
TEST(CsvReaderTest, AMissingAttributeColumnIsAnError) {
  const std::string p = TempPath("p.csv");
  WriteText(p, "id,title,salary_usd,ambiguty,leadership\na,A,100,0.5,0.5\n");
  LoadResult r = LoadLadders({p});
  ASSERT_TRUE(r.has_errors()) << Dump(r);
  std::vector<std::string> missing;
  for (const auto& f : r.findings)
    if (f.code() == "missing-column") {
      missing.push_back(f.field());
      EXPECT_EQ(f.line(), 1u);
      EXPECT_EQ(f.file(), p);
      EXPECT_NE(f.message().find("leave a cell empty, or write unknown"), std::string::npos) << f.message();
      // A header name a typo away from the missing column's is pointed at (by its place, not
      // quoted); salary_usd is no typo of salary.
      const bool hinted = f.message().find("column 4 of the header may be 'ambiguity' misspelt") != std::string::npos;
      EXPECT_EQ(hinted, f.field() == "ambiguity") << f.message();
      EXPECT_EQ(f.message().find("misspelt") != std::string::npos, f.field() == "ambiguity") << f.message();
    }
  EXPECT_EQ(missing, (std::vector<std::string>{"pay", "ambiguity"})) << Dump(r);
  // Transitions alike ("yeras", a swapped pair, is years); a one- or two-letter name is
  // too short to call a typo ("t" is not pointed at as 'to').
  const std::string t = TempPath("t.csv");
  WriteText(t, "from,t,yeras,probability\na,b,1,0.5\n");
  LoadResult m = LoadLadders({t});
  std::map<std::string, std::string> by_field;
  for (const auto& f : m.findings)
    if (f.code() == "missing-column") by_field[f.field()] = f.message();
  ASSERT_EQ(by_field.size(), 2u) << Dump(m);
  EXPECT_NE(by_field["years"].find("; column 3 of the header may be 'years' misspelt; add one named 'years'"),
            std::string::npos)
      << by_field["years"];
  EXPECT_EQ(by_field["to"].find("misspelt"), std::string::npos) << by_field["to"];
}

// Missing is not zero: an empty cell (or "unknown") is an unknown value, carried as unset.
TEST(CsvReaderTest, EmptyOrUnknownAttributeCellIsUnknownNeverZero) {
  const std::string p = TempPath("p.csv");
  WriteText(p, "id,pay,ambiguity,leadership\na,100,0,0.5\nb,,unknown,UNKNOWN\n");
  LoadResult r = LoadLadders({p});
  ASSERT_FALSE(r.has_errors()) << Dump(r);
  EXPECT_TRUE(Find(r.graph, "a")->has_annual_pay());
  EXPECT_TRUE(Find(r.graph, "a")->has_ambiguity());  // a written 0 is a value
  EXPECT_DOUBLE_EQ(Find(r.graph, "a")->ambiguity(), 0.0);
  EXPECT_FALSE(Find(r.graph, "b")->has_annual_pay());
  EXPECT_FALSE(Find(r.graph, "b")->has_ambiguity());
  EXPECT_FALSE(Find(r.graph, "b")->has_leadership());
}

TEST(CsvReaderTest, EmptyLevelCellIsMalformed) {
  const std::string p = TempPath("p.csv");
  WriteText(p, "id,level,pay,ambiguity,leadership\na,1,100,,\nb,,100,,\n");
  LoadResult r = LoadLadders({p}, LoadOptions{.warnings = false});
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "malformed-number");
  EXPECT_EQ(r.findings[0].line(), 3u);
  EXPECT_EQ(r.findings[0].field(), "level");
  EXPECT_EQ(r.findings[0].position(), "b");
}

// A level that is not a whole number says what levels are, and a label with the level in it
// ("L5") says where the label goes; the YAML reader words it the same (yaml_reader_test).
TEST(CsvReaderTest, ALevelLabelInTheLevelColumnSaysWhereItGoes) {
  const std::string p = TempPath("p.csv");
  WriteText(p, "id,level,pay,ambiguity,leadership\na,L5,100,,\nb,5.5,100,,\nc,IC4,100,,\nd,senior,100,,\n"
               "e,E0000000000000000007,100,,\nf,L99999999999999999999,100,,\ng,L-5,100,,\n");
  LoadResult r = LoadLadders({p}, LoadOptions{.warnings = false});
  ASSERT_EQ(r.findings.size(), 7u) << Dump(r);
  const std::string whole = " is not a whole number; levels are whole numbers like 5";
  EXPECT_EQ(r.findings[0].message(), "level 'L5'" + whole + " (for 'L5' write level 5 and level_label 'L5')");
  EXPECT_EQ(r.findings[1].message(), "level '5.5'" + whole);
  EXPECT_EQ(r.findings[2].message(), "level 'IC4'" + whole + " (for 'IC4' write level 4 and level_label 'IC4')");
  EXPECT_EQ(r.findings[3].message(), "level 'senior'" + whole);
  // The number a level can be, or no hint: not a wrong one.
  EXPECT_EQ(r.findings[4].message(),
            "level 'E0000000000000000007'" + whole + " (for 'E0000000000000000007' write level 7 and level_label "
            "'E0000000000000000007')");
  EXPECT_EQ(r.findings[5].message(), "level 'L99999999999999999999'" + whole);
  EXPECT_EQ(r.findings[6].message(), "level 'L-5'" + whole);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(r.findings[i].code(), "malformed-number");
    EXPECT_EQ(r.findings[i].field(), "level");
    EXPECT_EQ(r.findings[i].line(), i + 2);
  }
}

}  // namespace
}  // namespace careergraph::io
