// The fast binary snapshot reader against protobuf's own parser, and OpenGraph's fast path
// against the general one (same graph, same errors).
#include "io/binary_snapshot.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "io/atomic_file.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using careergraph::testing::MakeGraph;
using careergraph::testing::TempPath;

// Everything a query can see of a graph, as bytes.
std::string Fingerprint(const CareerGraph& g) {
  std::string out = g.ToSnapshot(true).SerializeAsString();
  for (EdgeId e = 0; e < g.num_transitions(); ++e) {
    const double r = g.risk(e);
    out.append(reinterpret_cast<const char*>(&r), sizeof r);
  }
  for (Vertex v = 0; v < g.num_positions(); ++v)
    g.ForEachInEdge(v, [&](EdgeId e) { out.append(reinterpret_cast<const char*>(&e), sizeof e); });
  return out;
}

std::string ViaProtobuf(const std::string& bytes) {
  v1::Graph s;
  EXPECT_TRUE(s.ParseFromString(bytes));
  auto g = CareerGraph::Build(std::move(s));
  EXPECT_TRUE(g.ok()) << g.status().message();
  return g.ok() ? Fingerprint(**g) : "";
}

std::string ViaReader(const std::string& bytes, int threads = 2) {
  auto parts = DecodeBinarySnapshot(bytes, threads);
  EXPECT_TRUE(parts.ok()) << parts.status().message();
  if (!parts.ok()) return "";
  auto g = CareerGraph::Build(std::move(*parts));
  EXPECT_TRUE(g.ok()) << g.status().message();
  return g.ok() ? Fingerprint(**g) : "";
}

void Varint(std::string* out, std::uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
void Tag(std::string* out, std::uint32_t field, std::uint32_t wire) { Varint(out, (field << 3) | wire); }
void LengthDelimited(std::string* out, std::uint32_t field, const std::string& payload) {
  Tag(out, field, 2);
  Varint(out, payload.size());
  out->append(payload);
}

v1::Graph RandomSnapshot(std::mt19937& rng, int positions, double p) {
  careergraph::testing::RandomGraphOptions o;
  o.min_positions = o.max_positions = positions;
  o.edge_probability = p;
  v1::Graph s = careergraph::testing::RandomGraph(rng, o);
  for (auto& t : *s.mutable_transitions()) t.set_provenance(rng() % 4 ? "" : "survey " + std::to_string(rng() % 3));
  return s;
}

TEST(BinarySnapshotTest, DecodesWhatProtobufParses) {
  std::mt19937 rng(1);
  for (int round = 0; round < 40; ++round) {
    v1::Graph s = RandomSnapshot(rng, round < 35 ? 2 + round : 9000, round < 35 ? 0.3 : 0.002);
    s.mutable_metadata()->set_description("round " + std::to_string(round));
    auto g = CareerGraph::Build(s);
    ASSERT_TRUE(g.ok());
    for (const v1::Graph& form : {s, (*g)->ToSnapshot(true)}) {  // rows, then the columnar form
      const std::string bytes = form.SerializeAsString();
      EXPECT_EQ(ViaReader(bytes), ViaProtobuf(bytes)) << round;
      EXPECT_EQ(ViaReader(bytes, 1), ViaProtobuf(bytes)) << round;
    }
  }
}

TEST(BinarySnapshotTest, UnpackedValuesRepeatedTablesAndUnknownFields) {
  v1::Graph s = MakeGraph({"a|A|swe|1|100|0.1|0.1", "b|B|swe|2|120|0.2|0.2", "c|C|swe|3|150|0.3|0.3"}, {});
  std::string bytes = s.SerializeAsString();
  // Table 1, unpacked: b -> c and a -> b (out of order), with an unknown field in between.
  std::string table;
  for (auto [f, t] : {std::pair{1, 2}, std::pair{0, 1}}) {
    Tag(&table, 1, 0), Varint(&table, f);
    Tag(&table, 2, 0), Varint(&table, t);
    Tag(&table, 3, 0), Varint(&table, v1::TRANSITION_KIND_PROMOTION);
    const double years = 1.25 + f, p = 0.5;
    Tag(&table, 4, 1), table.append(reinterpret_cast<const char*>(&years), 8);
    Tag(&table, 5, 1), table.append(reinterpret_cast<const char*>(&p), 8);
    Tag(&table, 99, 0), Varint(&table, 12345);
  }
  LengthDelimited(&bytes, 4, table);
  Tag(&bytes, 77, 5), bytes.append("abcd");        // unknown fixed32 at the top level
  LengthDelimited(&bytes, 78, "whatever");         // unknown length-delimited
  // Table 2, packed, merged after table 1: c -> a with a large varint index truncated to 32 bits.
  v1::Graph more;
  auto* t = more.mutable_transition_table();
  t->add_from(2), t->add_to(0), t->add_kind(v1::TRANSITION_KIND_LATERAL), t->add_years(2), t->add_probability(0.25);
  bytes += more.SerializeAsString();
  EXPECT_EQ(ViaReader(bytes), ViaProtobuf(bytes));
  auto parts = DecodeBinarySnapshot(bytes);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->columns.from, (HugeVector<std::uint32_t>{1, 0, 2}));
  EXPECT_EQ(parts->columns.kind, (HugeVector<std::uint8_t>{1, 1, 2}));
}

TEST(BinarySnapshotTest, RejectsWhatItDoesNotTakeExactly) {
  v1::Graph s = MakeGraph({"a|A|swe|1|100|0.1|0.1", "b|B|swe|2|120|0.2|0.2"}, {"a>b|promotion|1|0.5"});
  const std::string good = (*CareerGraph::Build(s))->ToSnapshot(true).SerializeAsString();
  ASSERT_TRUE(DecodeBinarySnapshot(good).ok());
  EXPECT_FALSE(DecodeBinarySnapshot(good.substr(0, good.size() - 3)).ok());  // truncated
  EXPECT_FALSE(DecodeBinarySnapshot(std::string("\xff\xff\xff", 3)).ok());
  std::string bad_kind = good;
  std::string table;
  Tag(&table, 3, 0), Varint(&table, 9);
  LengthDelimited(&bad_kind, 4, table);
  EXPECT_FALSE(DecodeBinarySnapshot(bad_kind).ok());
  std::string two_metadata = good + good;
  EXPECT_FALSE(DecodeBinarySnapshot(two_metadata).ok());
  std::string group = good;
  Tag(&group, 50, 3);  // a group: not taken
  Tag(&group, 50, 4);
  EXPECT_FALSE(DecodeBinarySnapshot(group).ok());
  std::string wrong_wire = good;
  Tag(&wrong_wire, 2, 0), Varint(&wrong_wire, 1);  // positions as a varint
  EXPECT_FALSE(DecodeBinarySnapshot(wrong_wire).ok());
  std::string bad_utf8 = good, strings;
  LengthDelimited(&strings, 7, "\xc3\x28");
  LengthDelimited(&bad_utf8, 4, strings);
  EXPECT_FALSE(DecodeBinarySnapshot(bad_utf8).ok());
  // Protobuf reads a tag and a length in at most five bytes and refuses a longer encoding,
  // even of a small number (a fuzzer's find: a six-byte tag of an unknown fixed32 field).
  v1::Graph probe;
  for (const std::string& overlong :
       {good + std::string("\xfd\xff\xff\xff\x83\x00", 6) + "abcd",            // tag, six bytes
        good + std::string("\xf2\x04\x81\x80\x80\x80\x80\x00", 8) + "x",  // field 78's length 1, six bytes
        good + std::string("\xf2\x04\x80\x80\x80\x80\x08", 7)}) {          // field 78's length 2 GiB
    EXPECT_FALSE(probe.ParseFromString(overlong));
    EXPECT_FALSE(DecodeBinarySnapshot(overlong).ok());
  }
  // The same numbers in five bytes or fewer are taken by both.
  for (const std::string& five : {good + std::string("\xfd\xff\xff\xff\x03", 5) + "abcd",
                                  good + std::string("\xf2\x04\x81\x80\x80\x80\x00", 7) + "x"}) {
    EXPECT_TRUE(probe.ParseFromString(five));
    EXPECT_TRUE(DecodeBinarySnapshot(five).ok());
  }
}

// OpenGraph on a .pb: the fast path builds what the general path builds, names an
// unnamed graph after its file, and on bad data fails exactly as the general path does.
TEST(BinarySnapshotTest, OpenGraphAgreesWithTheGeneralPath) {
  std::mt19937 rng(9);
  v1::Graph s = RandomSnapshot(rng, 40, 0.2);
  s.mutable_metadata()->clear_name();
  const v1::Graph columnar = (*CareerGraph::Build(s))->ToSnapshot(true);
  const std::string path = TempPath("ladder.pb");
  ASSERT_TRUE(WriteFileAtomic(path, columnar.SerializeAsString()).ok());
  auto fast = OpenGraph(path);
  ASSERT_TRUE(fast.ok()) << fast.status().message();
  EXPECT_EQ((*fast)->metadata().name(), "ladder");
  LoadResult general = LoadLadders({path});
  ASSERT_FALSE(general.has_errors());
  auto slow = CareerGraph::Build(general.graph);
  ASSERT_TRUE(slow.ok());
  EXPECT_EQ(Fingerprint(**fast), Fingerprint(**slow));

  auto expect_same_error = [&](const v1::Graph& bad, const std::string& what) {
    const std::string file = TempPath("bad.binpb");
    ASSERT_TRUE(WriteFileAtomic(file, bad.SerializeAsString()).ok());
    auto opened = OpenGraph(file);
    ASSERT_FALSE(opened.ok()) << what;
    const Status expected = LoadLadders({file}).FirstError();
    ASSERT_FALSE(expected.ok()) << what;
    EXPECT_EQ(opened.status().code(), expected.code()) << what;
    EXPECT_EQ(opened.status().message(), expected.message()) << what;
    EXPECT_EQ(opened.status().field(), expected.field()) << what;
    EXPECT_EQ(opened.status().file(), expected.file()) << what;
  };
  v1::Graph duplicate = columnar;
  duplicate.mutable_positions(3)->set_id(duplicate.positions(1).id());
  expect_same_error(duplicate, "duplicate id");
  v1::Graph no_kind = columnar;
  no_kind.mutable_transition_table()->set_kind(0, v1::TRANSITION_KIND_UNSPECIFIED);
  expect_same_error(no_kind, "transition without a kind");
  v1::Graph out_of_range = columnar;
  out_of_range.mutable_transition_table()->set_to(0, 1000);
  expect_same_error(out_of_range, "index out of range");
  v1::Graph bad_pay = columnar;
  bad_pay.mutable_positions(5)->set_annual_pay(-1);
  expect_same_error(bad_pay, "negative pay");

  const std::string corrupt = TempPath("corrupt.pb");
  ASSERT_TRUE(WriteFileAtomic(corrupt, "\x0a\xff\xff\xff").ok());
  auto opened = OpenGraph(corrupt);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().message(), LoadLadders({corrupt}).FirstError().message());
}

TEST(BinarySnapshotTest, MappedFileReadsTheWholeFile) {
  const std::string path = TempPath("bytes.bin");
  std::string text(100000, 'x');
  text[99999] = 'y';
  ASSERT_TRUE(WriteFileAtomic(path, text).ok());
  auto f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->bytes(), text);
  const std::string empty = TempPath("empty.bin");
  ASSERT_TRUE(WriteFileAtomic(empty, "").ok());
  auto e = MappedFile::Open(empty);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->bytes().empty());
  EXPECT_FALSE(MappedFile::Open(TempPath("missing.bin")).ok());
}

}  // namespace
}  // namespace careergraph::io
