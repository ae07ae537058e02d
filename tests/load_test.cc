// Loading: protobuf formats, merging inputs, opening --graph specs, atomic files.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <csignal>

#include <cstdlib>
#include <filesystem>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include "engine/career_graph.h"
#include "io/atomic_file.h"
#include "io/finding.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

namespace fs = std::filesystem;
using careergraph::testing::MakeGraph;
using careergraph::testing::ReadText;
using careergraph::testing::SourcePath;
using careergraph::testing::TempPath;
using careergraph::testing::WriteText;
using google::protobuf::util::MessageDifferencer;

std::string Dump(const LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings) s += "  " + f.file() + ":" + std::to_string(f.line()) + " " + f.code() + ": " + f.message() + "\n";
  return s;
}

v1::Graph Sample() {
  v1::Graph g = MakeGraph({"a|Analyst|ops|1|50000|0.1|0.2", "b|Senior Analyst|ops|2|65000|0.25|0.3",
                           "c|Ops Manager|mgr|2|70000|0.4|0.6"},
                          {"a>b|promotion|2|0.8", "a>c|track-switch|3|0.3", "b>c|track-switch|1.5|0.5"});
  g.mutable_metadata()->set_description("sample");
  g.mutable_positions(0)->add_tags("entry");
  g.mutable_transitions(0)->set_provenance("test");
  return g;
}

TEST(LoadTest, BinaryRoundTrip) {
  const std::string file = TempPath("g.pb");
  WriteText(file, Sample().SerializeAsString());
  LoadResult r = LoadLadders({file});
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_TRUE(MessageDifferencer::Equals(r.graph, Sample())) << r.graph.DebugString();
}

TEST(LoadTest, TextRoundTrip) {
  for (const char* ext : {".textproto", ".txtpb", ".pbtxt"}) {
    const std::string file = TempPath(std::string("g") + ext);
    std::string text;
    google::protobuf::TextFormat::PrintToString(Sample(), &text);
    WriteText(file, text);
    LoadResult r = LoadLadders({file});
    EXPECT_TRUE(r.findings.empty()) << ext << Dump(r);
    EXPECT_TRUE(MessageDifferencer::Equals(r.graph, Sample())) << ext;
  }
}

TEST(LoadTest, JsonRoundTrip) {
  const std::string file = TempPath("g.json");
  std::string json;
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = true;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(Sample(), &json, o).ok());
  WriteText(file, json);
  LoadResult r = LoadLadders({file});
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_TRUE(MessageDifferencer::Equals(r.graph, Sample()));
}

TEST(LoadTest, ColumnarSnapshotLoadsAndIsChecked) {
  auto g = CareerGraph::Build(Sample());
  ASSERT_TRUE(g.ok());
  v1::Graph columnar = (*g)->ToSnapshot(true);
  ASSERT_EQ(columnar.transitions_size(), 0);
  const std::string file = TempPath("c.pb");
  WriteText(file, columnar.SerializeAsString());
  LoadResult r = LoadLadders({file});
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_EQ(r.graph.transition_table().from_size(), 3);

  columnar.mutable_transition_table()->set_to(1, 99);
  columnar.mutable_transition_table()->set_probability(2, 1.5);
  WriteText(file, columnar.SerializeAsString());
  LoadResult bad = LoadLadders({file});
  ASSERT_EQ(bad.findings.size(), 2u) << Dump(bad);
  EXPECT_EQ(bad.findings[0].code(), "unknown-position");
  EXPECT_EQ(bad.findings[0].field(), "to");
  EXPECT_NE(bad.findings[0].message().find("99"), std::string::npos);
  EXPECT_EQ(bad.findings[0].file(), file);
  EXPECT_EQ(bad.findings[1].code(), "bad-probability");
}

TEST(LoadTest, DamagedTransitionTableIsFoundByValidateAndByOpenAlike) {
  auto g = CareerGraph::Build(Sample());
  ASSERT_TRUE(g.ok());
  const v1::Graph columnar = (*g)->ToSnapshot(true);
  const std::string file = TempPath("damaged.pb");
  auto expect_refused = [&](const v1::Graph& damaged, const std::string& what) {
    WriteText(file, damaged.SerializeAsString());
    LoadResult r = LoadLadders({file});  // what `careergraph validate` reports
    ASSERT_TRUE(r.has_errors()) << what;
    EXPECT_EQ(r.findings[0].code(), "bad-table") << what << Dump(r);
    EXPECT_EQ(r.findings[0].file(), file) << what;
    EXPECT_NE(r.findings[0].message().find(what), std::string::npos) << Dump(r);
    auto opened = OpenGraph(file);  // what route and serve do
    ASSERT_FALSE(opened.ok()) << what;
    EXPECT_EQ(opened.status().file(), file) << opened.status().ToString();
    EXPECT_NE(opened.status().message().find(what), std::string::npos) << opened.status().ToString();
  };
  v1::Graph short_column = columnar;
  short_column.mutable_transition_table()->mutable_years()->RemoveLast();
  expect_refused(short_column, "different lengths");
  v1::Graph bad_provenance = columnar;
  ASSERT_GT(bad_provenance.transition_table().provenance_size(), 0);
  bad_provenance.mutable_transition_table()->set_provenance(0, 1000);
  expect_refused(bad_provenance, "provenance index 1000 is out of range");
}

TEST(LoadTest, TextThatIsNotUtf8IsRefusedWithFileLineAndColumn) {
  const std::string csv = TempPath("latin1.csv");
  WriteText(csv, "id,title\ncafe,Caf\xe9 Manager\n");
  LoadResult r = LoadLadders({csv});
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "not-utf8");
  EXPECT_EQ(r.findings[0].file(), csv);
  EXPECT_EQ(r.findings[0].line(), 2u);
  EXPECT_NE(r.findings[0].message().find("column 9"), std::string::npos) << Dump(r);
  EXPECT_NE(FormatFinding(r.findings[0]).find(csv + ":2:"), std::string::npos) << FormatFinding(r.findings[0]);
  // Every text format, and a CSV directory through the fast path of OpenGraph too.
  const std::string json = TempPath("latin1.json"), yaml = TempPath("latin1.yaml"), text = TempPath("latin1.textproto");
  WriteText(json, "{\"positions\": [{\"id\": \"Caf\xe9\"}]}");
  WriteText(yaml, "positions:\n  - {id: Caf\xe9}\n");
  WriteText(text, "positions { id: \"Caf\xe9\" }\n");
  for (const std::string& f : {json, yaml, text}) {
    LoadResult t = LoadLadders({f});
    ASSERT_EQ(t.findings.size(), 1u) << f << Dump(t);
    EXPECT_EQ(t.findings[0].code(), "not-utf8") << f;
  }
  const std::string dir = TempPath("latin1_dir");
  fs::create_directories(dir);
  WriteText(dir + "/1_nodes.csv", "id,title\na,A\ncafe,Caf\xe9\n");
  WriteText(dir + "/2_edges.csv", "from,to,years,probability\na,a,1,0.5\n");
  auto opened = OpenGraph(dir);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().file(), dir + "/1_nodes.csv");
  EXPECT_EQ(opened.status().line(), 3u);
}

TEST(LoadTest, ATableThatCannotBeReadIsAnErrorNeverSkipped) {
  const std::string dir = TempPath("ladder");
  fs::create_directories(dir);
  WriteText(dir + "/nodes.csv", "id,title,level,pay,ambiguity,leadership\na,A,1,,,\nb,B,2,,,\n");
  WriteText(dir + "/transitions.tsv", "from\tto\tprobability\na\tb\t0.5\n");  // no years
  LoadResult r = LoadLadders({dir});
  ASSERT_TRUE(r.has_errors()) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "missing-column");
  EXPECT_EQ(r.findings[0].file(), dir + "/transitions.tsv");
  EXPECT_FALSE(OpenGraph(dir).ok());
  // Empty, BOM-only and UTF-16 tables.
  for (const std::string& content : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\xEF\xBB\xBF\n \n"),
                                     std::string("\xFF\xFE" "f\0r\0o\0m\0", 10)}) {
    WriteText(dir + "/transitions.tsv", content);
    LoadResult t = LoadLadders({dir});
    ASSERT_TRUE(t.has_errors()) << Dump(t);
    EXPECT_EQ(t.findings[0].file(), dir + "/transitions.tsv") << Dump(t);
    EXPECT_EQ(t.findings[0].severity(), v1::ERROR) << Dump(t);
    EXPECT_FALSE(OpenGraph(dir).ok());
  }
  EXPECT_NE(LoadLadders({dir}).findings[0].message().find("UTF-16"), std::string::npos);
  // An empty snapshot builds no 0-position graph.
  for (const char* name : {"empty.textproto", "empty.pb", "empty.json", "comment.textproto", "braces.json"}) {
    const std::string f = TempPath(name);
    const std::string n = name;
    WriteText(f, n == "comment.textproto" ? "# nothing\n" : n == "braces.json" ? "{}" : "");
    LoadResult t = LoadLadders({f});
    ASSERT_TRUE(t.has_errors()) << name;
    EXPECT_EQ(t.findings[0].file(), f) << name;
  }
}

TEST(LoadTest, Utf8BomIsAcceptedBeforeJsonAndTextproto) {
  std::string text, json;
  google::protobuf::TextFormat::PrintToString(Sample(), &text);
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(Sample(), &json).ok());
  const std::string tf = TempPath("bom.textproto"), jf = TempPath("bom.json");
  WriteText(tf, "\xEF\xBB\xBF" + text);
  WriteText(jf, "\xEF\xBB\xBF" + json);
  for (const std::string& f : {tf, jf}) {
    LoadResult r = LoadLadders({f});
    EXPECT_TRUE(r.findings.empty()) << f << Dump(r);
    EXPECT_TRUE(MessageDifferencer::Equals(r.graph, Sample())) << f;
  }
}

TEST(LoadTest, ValuesOutsideTheDocumentedBoundsAreRefusedWithTheirLine) {
  const std::string pos = TempPath("nodes.csv"), edges = TempPath("edges.csv");
  WriteText(pos, "id,title,pay,ambiguity,leadership\na,A,100,,\nb,B,1e19,,\n");
  WriteText(edges, "from,to,years,probability\na,b,1e308,0.5\nb,a,100,0.5\n");  // 100 years is allowed
  LoadResult r = LoadLadders({pos, edges});
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "bad-pay");
  EXPECT_EQ(r.findings[0].line(), 3u);
  EXPECT_EQ(r.findings[1].code(), "bad-years");
  EXPECT_EQ(r.findings[1].file(), edges);
  EXPECT_EQ(r.findings[1].line(), 2u);
  // A binary snapshot through the fast path is held to the same bounds.
  v1::Graph g = Sample();
  g.mutable_positions(0)->set_annual_pay(1e19);
  const std::string file = TempPath("big.pb");
  WriteText(file, g.SerializeAsString());
  auto opened = OpenGraph(file);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().file(), file);
  g = Sample();
  g.mutable_transitions(0)->set_years(100.5);
  WriteText(file, g.SerializeAsString());
  EXPECT_FALSE(OpenGraph(file).ok());
}

TEST(LoadTest, ParseErrorsNameFileAndLine) {
  const std::string text = TempPath("bad.textproto");
  WriteText(text, "positions { id: \"a\" }\npositions {\n  idd: \"b\"\n}\n");
  LoadResult t = LoadLadders({text});
  ASSERT_EQ(t.findings.size(), 1u) << Dump(t);
  EXPECT_EQ(t.findings[0].code(), "parse-error");
  EXPECT_EQ(t.findings[0].file(), text);
  EXPECT_EQ(t.findings[0].line(), 3u);
  EXPECT_NE(t.findings[0].message().find("idd"), std::string::npos) << t.findings[0].message();

  const std::string json = TempPath("bad.json");
  WriteText(json, "{\n  \"positions\": [\n    {\"id\": \"a\"},\n    {\"id\": b}\n  ]\n}\n");
  LoadResult j = LoadLadders({json});
  ASSERT_EQ(j.findings.size(), 1u) << Dump(j);
  EXPECT_EQ(j.findings[0].code(), "parse-error");
  EXPECT_EQ(j.findings[0].line(), 4u);

  const std::string unknown_field = TempPath("field.json");
  WriteText(unknown_field, "{\n  \"positions\": [\n    {\"id\": \"a\",\n     \"salary\": 3}\n  ]\n}\n");
  LoadResult u = LoadLadders({unknown_field});
  ASSERT_EQ(u.findings.size(), 1u) << Dump(u);
  EXPECT_EQ(u.findings[0].line(), 4u);

  const std::string bin = TempPath("bad.pb");
  WriteText(bin, "\xff\xff\xff\xff not a protobuf");
  LoadResult b = LoadLadders({bin});
  ASSERT_EQ(b.findings.size(), 1u) << Dump(b);
  EXPECT_EQ(b.findings[0].code(), "parse-error");
  EXPECT_EQ(b.findings[0].file(), bin);
}

TEST(LoadTest, MissingAndUnknownInputs) {
  LoadResult m = LoadLadders({"/nonexistent/ladder.yaml"});
  ASSERT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.findings[0].code(), "io-error");
  EXPECT_EQ(m.FirstError().code(), v1::IO_ERROR);
  const std::string txt = TempPath("ladder.txt");
  WriteText(txt, "x");
  LoadResult u = LoadLadders({txt});
  ASSERT_EQ(u.findings.size(), 1u);
  EXPECT_EQ(u.findings[0].code(), "unknown-format");
  const std::string empty_dir = TempPath("empty");
  fs::create_directories(empty_dir);
  LoadResult e = LoadLadders({empty_dir});
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].code(), "no-input");
  EXPECT_TRUE(LoadLadders({}).has_errors());
}

TEST(LoadTest, InputsMergeWithMetadataFromTheFirstNamed) {
  const std::string csv = TempPath("extra.csv");
  WriteText(csv, "id,title,org,track,level,pay,ambiguity,leadership\nz,Zed,Acme,ops,3,,,\n");
  const std::string moves = TempPath("moves.csv");
  WriteText(moves, "from,to,kind,years,probability\nb,z,promotion,2,0.5\n");
  const std::string pb = TempPath("g.pb");
  auto g = CareerGraph::Build(Sample());
  ASSERT_TRUE(g.ok());
  WriteText(pb, (*g)->ToSnapshot(true).SerializeAsString());  // columnar: indexes must shift
  LoadResult r = LoadLadders({csv, pb, moves});
  EXPECT_FALSE(r.has_errors()) << Dump(r);
  EXPECT_EQ(r.graph.metadata().name(), "test");
  ASSERT_EQ(r.graph.positions_size(), 4);
  EXPECT_EQ(r.graph.positions(0).id(), "z");
  auto built = CareerGraph::Build(r.graph);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const CareerGraph& m = **built;
  EXPECT_EQ(m.num_transitions(), 4u);
  // a -> b survived the index shift.
  const Vertex a = m.index().FindId("a"), b = m.index().FindId("b");
  bool found = false;
  for (EdgeId e = m.out_begin(a); e < m.out_end(a); ++e) found |= m.target(e) == b && m.kind(e) == v1::TRANSITION_KIND_PROMOTION;
  EXPECT_TRUE(found);
}

// Tracks and competencies merge by id, the first description of an id winning, the named
// input's metadata first, and sources by name and url: with an input before it, after it,
// and many ladders in one directory's worth of inputs.
TEST(LoadTest, TracksAndCompetenciesMergeByIdTheNamedInputsFirst) {
  auto part = [](const std::string& name, const std::string& prefix,
                 const std::vector<std::pair<std::string, std::string>>& tracks) {
    v1::Graph g = MakeGraph({prefix + "1|" + prefix + " One|ops|1|50000|0.1|0.2"}, {});
    g.mutable_metadata()->set_name(name);
    g.mutable_metadata()->clear_tracks();
    for (const auto& [id, described] : tracks) {
      v1::Track* t = g.mutable_metadata()->add_tracks();
      t->set_id(id);
      t->set_name(described);
      v1::Competency* c = g.mutable_metadata()->add_competencies();
      c->set_id(id + "-skill");
      c->set_name(described);
    }
    return g;
  };
  std::vector<std::string> files;
  auto write = [&](const v1::Graph& g) {
    files.push_back(TempPath("part" + std::to_string(files.size()) + ".pb"));
    WriteText(files.back(), g.SerializeAsString());
  };
  auto with_sources = [](v1::Graph g, const std::vector<std::string>& names) {
    for (const auto& n : names) {
      v1::Source* src = g.mutable_metadata()->add_sources();
      src->set_name(n);
      src->set_url("https://example.org/" + n);
    }
    return g;
  };
  write(with_sources(part("", "u", {{"ops", "Ops, unnamed input"}, {"x", "X"}}), {"shared"}));
  write(with_sources(part("named", "n", {{"ops", "Ops, named input"}, {"mgr", "Managers"}}), {"named"}));
  write(with_sources(part("", "l", {{"mgr", "Managers, later"}, {"y", "Y"}}), {"shared", "later", "later"}));
  for (int k = 0; k < 300; ++k) write(part("", "m" + std::to_string(k), {{"org" + std::to_string(k % 200), "Org"}}));
  LoadResult r = LoadLadders(files);
  EXPECT_EQ(r.graph.metadata().name(), "named");
  std::vector<std::string> ids, names, skills;
  for (const auto& t : r.graph.metadata().tracks()) ids.push_back(t.id()), names.push_back(t.name());
  for (const auto& c : r.graph.metadata().competencies()) skills.push_back(c.id());
  ASSERT_EQ(ids.size(), 4u + 200u);
  EXPECT_EQ(std::vector<std::string>(ids.begin(), ids.begin() + 4), (std::vector<std::string>{"ops", "mgr", "x", "y"}));
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 2),
            (std::vector<std::string>{"Ops, named input", "Managers"}));
  EXPECT_EQ(ids.back(), "org199");
  ASSERT_EQ(skills.size(), 4u + 200u);
  EXPECT_EQ(std::vector<std::string>(skills.begin(), skills.begin() + 4),
            (std::vector<std::string>{"ops-skill", "mgr-skill", "x-skill", "y-skill"}));
  // Every input's sources (licences) are kept, each (name, url) once.
  std::vector<std::string> sources;
  for (const auto& src : r.graph.metadata().sources()) sources.push_back(src.name());
  EXPECT_EQ(sources, (std::vector<std::string>{"named", "shared", "later"}));
}

TEST(LoadTest, OpenGraphSpecs) {
  auto missing = OpenGraph("/nonexistent/graph.pb");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), v1::NOT_FOUND);
  EXPECT_EQ(missing.status().message(),
            "no such file: /nonexistent/graph.pb (--graph takes a ladder file, a directory, 'default' or 'onet')");

  auto dir = OpenGraph(SourcePath("tests/testdata/peers_tiny"));
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();  // warnings do not stop it
  EXPECT_EQ((*dir)->num_positions(), 120u);
  EXPECT_EQ((*dir)->num_transitions(), 764u);

  const std::string bad = TempPath("bad.csv");
  WriteText(bad, "id,pay,ambiguity,leadership\na,1,,\nb,-5,,\n");
  auto invalid = OpenGraph(bad);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), v1::INVALID_DATA);
  EXPECT_EQ(invalid.status().file(), bad);
  EXPECT_EQ(invalid.status().line(), 3u);
  EXPECT_EQ(invalid.status().field(), "pay");
}

TEST(LoadTest, OpenOnetFromDataDir) {
  // Only this test opens "onet" in this process, so the environment is read here.
  const std::string data = TempPath("data");
  fs::create_directories(data + "/onet");
  auto g = CareerGraph::Build(Sample());
  ASSERT_TRUE(g.ok());
  WriteText(data + "/onet/graph.pb", (*g)->ToSnapshot(true).SerializeAsString());
  ::setenv("CAREERGRAPH_DATA_DIR", data.c_str(), 1);
  auto onet = OpenGraph("onet");
  ::unsetenv("CAREERGRAPH_DATA_DIR");
  ASSERT_TRUE(onet.ok()) << onet.status().ToString();
  EXPECT_EQ((*onet)->num_positions(), 3u);
  EXPECT_EQ((*onet)->num_transitions(), 3u);
}

TEST(LoadTest, AtomicFileWritesAndReplaces) {
  const std::string file = TempPath("out.bin");
  ASSERT_TRUE(WriteFileAtomic(file, std::string("one\0two", 7)).ok());
  auto read = ReadFile(file);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, std::string("one\0two", 7));
  ASSERT_TRUE(WriteFileAtomic(file, "replaced").ok());
  EXPECT_EQ(ReadText(file), "replaced");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(fs::path(file).parent_path())) entries += e.path().filename() != "cli.stdout";
  EXPECT_EQ(entries, 1) << "no temporary files are left behind";
}

TEST(LoadTest, AtomicFileFailureNamesThePathAndLeavesNothing) {
  const std::string file = TempPath("no-such-dir/out.bin");
  Status st = WriteFileAtomic(file, "x");
  EXPECT_EQ(st.code(), v1::IO_ERROR);
  EXPECT_NE(st.message().find(file), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("the directory '" + fs::path(file).parent_path().string() + "' does not exist"),
            std::string::npos)
      << st.message();
  EXPECT_FALSE(fs::exists(fs::path(file).parent_path()));
  // A file where the directory should be.
  const std::string plain = TempPath("plain-file");
  WriteText(plain, "x");
  Status nd = WriteFileAtomic(plain + "/out.bin", "x");
  EXPECT_EQ(nd.code(), v1::IO_ERROR);
  EXPECT_NE(nd.message().find("'" + plain + "' is not a directory"), std::string::npos) << nd.message();

  // A directory in the way of the target: the rename fails, the temporary file is removed.
  const std::string dir = TempPath("target");
  fs::create_directories(dir + "/inside");
  Status rn = WriteFileAtomic(dir, "x");
  EXPECT_EQ(rn.code(), v1::IO_ERROR);
  for (const auto& e : fs::directory_iterator(fs::path(dir).parent_path()))
    EXPECT_EQ(e.path().filename().string().find(".target.tmp"), std::string::npos) << e.path();

  auto missing = ReadFile(TempPath("missing"));
  EXPECT_EQ(missing.status().code(), v1::NOT_FOUND);
}

TEST(LoadTest, AtomicFileReplacesOnlyRegularFiles) {
  const std::string dir = TempPath("special");
  fs::create_directories(dir);
  const std::string target = dir + "/target.txt", link = dir + "/link.txt", fifo = dir + "/fifo";
  WriteText(target, "keep");
  fs::create_symlink(target, link);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& [path, what] : std::vector<std::pair<std::string, std::string>>{
           {link, "symbolic link"}, {fifo, "FIFO"}, {dir, "directory"}, {"/dev/null", "device"}}) {
    Status st = WriteFileAtomic(path, "x");
    EXPECT_EQ(st.code(), v1::IO_ERROR) << path;
    EXPECT_NE(st.message().find(what), std::string::npos) << st.message();
    EXPECT_NE(st.message().find(path), std::string::npos) << st.message();
  }
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(ReadText(target), "keep");
  // A verification that fails leaves the target as it was and no temporary file.
  std::string seen;
  Status v = WriteFileAtomic(target, "new", [&](const std::string& written) {
    seen = ReadText(written);
    return Status::InvalidData("does not read back");
  });
  EXPECT_EQ(v.code(), v1::INVALID_DATA);
  EXPECT_EQ(seen, "new");
  EXPECT_EQ(ReadText(target), "keep");
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  EXPECT_TRUE(WriteFileAtomic(target, "new", [](const std::string&) { return Status::Ok(); }).ok());
  EXPECT_EQ(ReadText(target), "new");
}

// The temporary files in `dir`, by name.
std::vector<std::string> TempFilesIn(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path().filename().string());
  return out;
}

TEST(LoadTest, AtomicFileInterruptedBySignalLeavesNoTemporaryFile) {
  // "fast" death tests fork: the child writes into this test's own directory.
  GTEST_FLAG_SET(death_test_style, "fast");
  const std::string dir = TempPath("interrupted");
  fs::create_directories(dir);
  const std::string target = dir + "/out.pb";
  WriteText(target, "old");
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    // The process is ended by the signal while the complete temporary file waits for its
    // rename: the handler removes it, then the signal ends the process as it would have.
    EXPECT_EXIT(
        {
          (void)WriteFileAtomic(target, "new", [sig](const std::string&) {
            ::raise(sig);
            return Status::Ok();
          });
          std::exit(0);
        },
        ::testing::KilledBySignal(sig), "");
    EXPECT_TRUE(TempFilesIn(dir).empty()) << "signal " << sig << " left " << TempFilesIn(dir)[0];
    EXPECT_EQ(ReadText(target), "old");
  }
}

TEST(LoadTest, AtomicFileKilledMidWriteIsCleanedByTheNextWrite) {
  // "fast" death tests fork: the child writes into this test's own directory.
  GTEST_FLAG_SET(death_test_style, "fast");
  const std::string dir = TempPath("killed");
  fs::create_directories(dir);
  const std::string target = dir + "/out.pb";
  WriteText(target, "old");
  EXPECT_EXIT(
      {
        (void)WriteFileAtomic(target, "new", [](const std::string&) {
          ::raise(SIGKILL);
          return Status::Ok();
        });
        std::exit(0);
      },
      ::testing::KilledBySignal(SIGKILL), "");
  const std::vector<std::string> left = TempFilesIn(dir);
  ASSERT_EQ(left.size(), 1u) << "SIGKILL cannot be handled; its temporary file stays until the next write";
  EXPECT_EQ(left[0].rfind(".out.pb.tmp-", 0), 0u) << left[0];
  // A live writer's temporary file (this process's pid) is never taken for a stale one.
  const std::string live = dir + "/.out.pb.tmp-" + std::to_string(::getpid()) + "-abcdef";
  WriteText(live, "in progress");
  ASSERT_TRUE(WriteFileAtomic(target, "fresh").ok());
  EXPECT_EQ(ReadText(target), "fresh");
  EXPECT_EQ(TempFilesIn(dir), std::vector<std::string>{fs::path(live).filename().string()});
}

}  // namespace
}  // namespace careergraph::io
