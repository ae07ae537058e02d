// CSV ladders carry tracks, the competency catalogue and profiles: read with file:line
// errors, written by export, and every format reads back the graph it was written from.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include "engine/career_graph.h"
#include "io/csv_writer.h"
#include "io/finding.h"
#include "io/load.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using google::protobuf::util::MessageDifferencer;
using testing::TempPath;
using testing::WriteText;

std::string Dump(const LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings) s += FormatFinding(f) + "\n";
  return s;
}

const char* kPositions =
    "id,title,org,track,level,pay,ambiguity,leadership,competency:design,Competency: people\n"
    "e1,Engineer,acme,eng,1,100,0.2,0.1,2,\n"
    "e2,Senior Engineer,acme,eng,2,150,0.3,0.2,3@0.5,1\n"
    "m2,Manager,acme,mgr,2,160,0.4,0.5,-,3\n";
const char* kTransitions = "from,to,kind,years,probability\ne1,e2,promotion,2,0.8\ne2,m2,track-switch,1,0.5\n";
const char* kCompetencies =
    "competency,name,description,scale_min,scale_max,labels,source\n"
    "design,System design,\"Designs systems, end to end\",0,5,0=none;3=leads a team's designs,ladder\n"
    "people,People,,0,4,,\n";
const char* kTracks =
    "track,name,description,levels\n"
    "eng,Engineering,\"Builds the product; owns \"\"how\"\"\",1=E1;2=E2\n"
    "mgr,Management,Leads people,2=M2\n";

std::string Directory(const std::string& name, std::initializer_list<std::pair<const char*, std::string>> tables) {
  const std::string dir = TempPath(name);
  std::filesystem::create_directories(dir);
  for (const auto& [file, text] : tables) WriteText(dir + "/" + file, text);
  return dir;
}

TEST(CsvCatalogue, ADirectoryCarriesTracksCompetenciesAndProfiles) {
  const std::string dir = Directory("full", {{"positions.csv", kPositions},
                                             {"transitions.csv", kTransitions},
                                             {"graph.csv", "graph,version,currency,description\nAcme ladder,2,EUR,\"One, two\"\n"},
                                             {"sources.csv", "source,url,License\nAcme guide,https://acme.example/levels,CC BY 4.0\n"},
                                             {"competencies.csv", kCompetencies},
                                             {"tracks.csv", kTracks}});
  LoadResult r = LoadLadders({dir});
  ASSERT_FALSE(r.has_errors()) << Dump(r);
  const v1::Metadata& md = r.graph.metadata();
  EXPECT_EQ(md.name(), "Acme ladder");
  EXPECT_EQ(md.version(), "2");
  EXPECT_EQ(md.currency(), "EUR");
  EXPECT_EQ(md.description(), "One, two");
  ASSERT_EQ(md.sources_size(), 1);
  EXPECT_EQ(md.sources(0).url(), "https://acme.example/levels");
  EXPECT_EQ(md.sources(0).licence(), "CC BY 4.0");
  ASSERT_EQ(md.competencies_size(), 2);
  EXPECT_EQ(md.competencies(0).id(), "design");
  EXPECT_EQ(md.competencies(0).description(), "Designs systems, end to end");
  EXPECT_EQ(md.competencies(0).scale_max(), 5);
  ASSERT_EQ(md.competencies(0).labels_size(), 2);
  EXPECT_EQ(md.competencies(0).labels(1).level(), 3);
  EXPECT_EQ(md.competencies(0).labels(1).label(), "leads a team's designs");
  EXPECT_EQ(md.competencies(0).source(), "ladder");
  ASSERT_EQ(md.tracks_size(), 2);
  EXPECT_EQ(md.tracks(0).name(), "Engineering");
  EXPECT_EQ(md.tracks(0).description(), "Builds the product; owns \"how\"");
  ASSERT_EQ(md.tracks(0).levels_size(), 2);
  EXPECT_EQ(md.tracks(0).levels(1).label(), "E2");
  // Profiles: the column's id as written; "-" and empty ask nothing; LEVEL@IMPORTANCE.
  const v1::Position& e2 = r.graph.positions(1);
  ASSERT_EQ(e2.competencies_size(), 2);
  EXPECT_EQ(e2.competencies(0).competency(), "design");
  EXPECT_EQ(e2.competencies(0).level(), 3);
  EXPECT_EQ(e2.competencies(0).importance(), 0.5);
  EXPECT_EQ(e2.competencies(1).competency(), "people");
  EXPECT_FALSE(e2.competencies(1).has_importance());
  EXPECT_EQ(r.graph.positions(0).competencies_size(), 1);
  ASSERT_EQ(r.graph.positions(2).competencies_size(), 1);
  EXPECT_EQ(r.graph.positions(2).competencies(0).competency(), "people");
  EXPECT_TRUE(CareerGraph::Build(r.graph).ok());
}

struct BadCase {
  const char* what;
  std::string file, text;  // replaces that table of the full directory
  std::string code, in_file, field;
  unsigned line;
};

TEST(CsvCatalogue, EveryBadInputIsAnErrorAtItsLine) {
  const BadCase cases[] = {
      {"profile level outside the scale", "positions.csv",
       "id,title,org,track,level,pay,ambiguity,leadership,competency:design\ne1,E,acme,eng,1,1,0,0,6\n",
       "bad-competency-level", "positions.csv", "competencies.design", 2},
      {"unknown competency column", "positions.csv",
       "id,title,org,track,level,pay,ambiguity,leadership,competency:desgn\ne1,E,acme,eng,1,1,0,0,2\n",
       "unknown-competency", "positions.csv", "competencies.desgn", 2},
      {"a cell that is not a level", "positions.csv",
       "id,title,org,track,level,pay,ambiguity,leadership,competency:design\ne1,E,acme,eng,1,1,0,0,high\n",
       "malformed-number", "positions.csv", "competencies.design", 2},
      {"importance outside [0, 1]", "positions.csv",
       "id,title,org,track,level,pay,ambiguity,leadership,competency:design\ne1,E,acme,eng,1,1,0,0,2@3\n",
       "bad-importance", "positions.csv", "competencies.design.importance", 2},
      {"scale upside down", "competencies.csv", "competency,name,scale_min,scale_max\ndesign,D,5,0\npeople,P,0,4\n",
       "bad-competency-scale", "competencies.csv", "scale_max", 2},
      {"scale not a number", "competencies.csv", "competency,name,scale_min,scale_max\ndesign,D,0,five\npeople,P,0,4\n",
       "malformed-number", "competencies.csv", "scale_max", 2},
      {"competency declared twice", "competencies.csv",
       "competency,name,scale_min,scale_max\ndesign,D,0,5\npeople,P,0,4\ndesign,D2,0,5\n", "duplicate-competency",
       "competencies.csv", "competency", 4},
      {"no scale column", "competencies.csv", "competency,name,scale_max\ndesign,D,5\n", "missing-column",
       "competencies.csv", "scale_min", 1},
      {"labels not LEVEL=LABEL", "competencies.csv",
       "competency,name,scale_min,scale_max,labels\ndesign,D,0,5,expert\npeople,P,0,4,\n", "malformed-number",
       "competencies.csv", "labels", 2},
      {"track described twice", "tracks.csv", "track,name\neng,Engineering\neng,Eng again\n", "duplicate-track",
       "tracks.csv", "track", 3},
      {"track levels not numbers", "tracks.csv", "track,name,levels\neng,Engineering,one=E1\n", "malformed-number",
       "tracks.csv", "levels", 2},
      {"a graph table with two rows", "graph.csv", "graph,currency\nAcme,USD\nOther,EUR\n", "malformed-row",
       "graph.csv", "graph", 3},
      {"a source with neither name nor url", "sources.csv", "source,url,licence\n,,CC0\n", "missing-value",
       "sources.csv", "source", 2},
  };
  for (const auto& c : cases) {
    std::vector<std::pair<const char*, std::string>> tables = {{"positions.csv", kPositions},
                                                               {"transitions.csv", kTransitions},
                                                               {"competencies.csv", kCompetencies},
                                                               {"tracks.csv", kTracks}};
    const std::string dir = TempPath(std::string("bad-") + std::to_string(&c - cases));
    std::filesystem::create_directories(dir);
    for (auto& [file, text] : tables) WriteText(dir + "/" + file, text);
    WriteText(dir + "/" + c.file, c.text);
    if (c.file == "positions.csv") WriteText(dir + "/transitions.csv", "from,to,years,probability\ne1,e1,1,0.5\n");
    LoadResult r = LoadLadders({dir});
    const v1::Finding* found = nullptr;
    for (const auto& f : r.findings)
      if (f.code() == c.code && f.severity() == v1::ERROR) found = &f;
    ASSERT_NE(found, nullptr) << c.what << "\n" << Dump(r);
    EXPECT_EQ(found->file(), dir + "/" + c.in_file) << c.what;
    EXPECT_EQ(found->line(), c.line) << c.what << ": " << found->message();
    EXPECT_EQ(found->field(), c.field) << c.what << ": " << found->message();
  }
}

// ---- every format reads back the graph it was written from --------------------------

std::string seed_version(std::mt19937& rng) { return "v" + std::to_string(rng() % 100); }

v1::Graph RandomLadder(std::mt19937& rng) {
  testing::RandomGraphOptions opt;
  opt.min_positions = 5;
  opt.max_positions = 12;
  opt.competencies = 1 + static_cast<int>(rng() % 4);
  v1::Graph g = testing::RandomGraph(rng, opt);
  auto* md = g.mutable_metadata();
  md->mutable_competencies(0)->set_description("with a comma, and \"quotes\"");
  auto* label = md->mutable_competencies(0)->add_labels();
  label->set_level(2.5);
  label->set_label("halfway = there");
  std::set<std::string> tracks;
  for (const auto& p : g.positions()) tracks.insert(p.track());
  for (const auto& id : tracks) {
    auto* t = md->add_tracks();
    t->set_id(id);
    t->set_name("Track " + id);
    t->set_description("line one\nline two");
    auto* l = t->add_levels();
    l->set_level(1);
    l->set_label("L1");
  }
  md->set_name("ladder, \"quoted\"");
  md->set_version(seed_version(rng));
  md->set_currency("EUR");
  md->set_description("two\nlines");
  auto* src = md->add_sources();
  src->set_name("Survey, 2025");
  src->set_url("https://example.org/survey?a=1,b=2");
  src->set_licence("CC BY 4.0");
  src->set_attribution("Example \"Org\"");
  // Values whose shortest text matters, and unknown ones.
  g.mutable_positions(0)->set_annual_pay(123456.789);
  g.mutable_positions(1)->clear_ambiguity();
  for (auto& t : *g.mutable_transitions()) t.set_provenance("survey 2025");
  // Tags with the CSV cell's separator and its escape inside them.
  const char* tags[] = {"remote", "a;b", "back\\slash", "ends\\", "\\;both", "x\\\\y", ";"};
  for (auto& p : *g.mutable_positions())
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) p.add_tags(tags[rng() % std::size(tags)]);
  // How sure each pay is, on some ladders only (a ladder that never says keeps its table).
  if (rng() % 2)
    for (auto& p : *g.mutable_positions()) {
      if (!p.has_annual_pay()) continue;
      p.set_pay_basis(static_cast<v1::PayBasis>(rng() % 5));
      if (rng() % 2) p.set_pay_error(0.077 + 0.001 * static_cast<double>(rng() % 100));
      if (rng() % 2) p.set_pay_source("OEWS 2024 11-9121, shared by 3 occupations");
    }
  return g;
}

v1::Graph Rebuilt(const v1::Graph& g) {
  auto built = CareerGraph::Build(g);
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  return built.ok() ? (*built)->ToSnapshot() : v1::Graph();
}

TEST(CsvCatalogue, EveryFormatReadsBackTheGraphWrittenFromIt) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::mt19937 rng(seed);
    const v1::Graph original = Rebuilt(RandomLadder(rng));
    auto built = CareerGraph::Build(original);
    ASSERT_TRUE(built.ok()) << "seed " << seed << ": " << built.status().ToString();

    // The protobuf forms keep everything.
    std::string json, text;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &json).ok());
    ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(original, &text));
    for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"g.json", json}, {"g.textproto", text}, {"g.pb", original.SerializeAsString()}}) {
      LoadResult r = LoadLadderBytes(bytes, name);
      ASSERT_FALSE(r.has_errors()) << "seed " << seed << " " << name << "\n" << Dump(r);
      EXPECT_TRUE(MessageDifferencer::Equals(Rebuilt(r.graph), original)) << "seed " << seed << " " << name;
    }

    // CSV keeps everything too.
    const CsvTables t = WriteCsvTables(**built);
    const std::string dir = TempPath("csv-" + std::to_string(seed));
    std::filesystem::create_directories(dir);
    WriteText(dir + "/positions.csv", t.positions);
    WriteText(dir + "/transitions.csv", t.transitions);
    WriteText(dir + "/graph.csv", t.graph);
    WriteText(dir + "/sources.csv", t.sources);
    WriteText(dir + "/tracks.csv", t.tracks);
    WriteText(dir + "/competencies.csv", t.competencies);
    LoadResult r = LoadLadders({dir});
    ASSERT_FALSE(r.has_errors()) << "seed " << seed << "\n" << Dump(r);
    const v1::Graph back = Rebuilt(r.graph), want = original;
    std::string diff;
    MessageDifferencer d;
    d.ReportDifferencesToString(&diff);
    EXPECT_TRUE(d.Compare(back, want)) << "seed " << seed << "\n" << diff;
  }
}

}  // namespace
}  // namespace careergraph::io
