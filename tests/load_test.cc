// Loading: protobuf formats, merging inputs, opening --graph specs, atomic files.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include "engine/career_graph.h"
#include "io/atomic_file.h"
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
  WriteText(csv, "id,title,org,track,level\nz,Zed,Acme,ops,3\n");
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
  WriteText(bad, "id,pay\na,1\nb,-5\n");
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
  EXPECT_NE(st.message().find("No such file or directory"), std::string::npos) << st.message();
  EXPECT_FALSE(fs::exists(fs::path(file).parent_path()));

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

}  // namespace
}  // namespace careergraph::io
