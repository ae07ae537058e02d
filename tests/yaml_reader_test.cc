// The compact YAML ladder: generated promotions, their overrides, defaults and errors.
#include <gtest/gtest.h>

#include "engine/career_graph.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using careergraph::testing::SourcePath;

std::string Dump(const LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings) s += "  " + f.file() + ":" + std::to_string(f.line()) + " " + f.code() + " " + f.field() + ": " + f.message() + "\n";
  return s;
}

const v1::Position* Find(const v1::Graph& g, const std::string& id) {
  for (const auto& p : g.positions())
    if (p.id() == id) return &p;
  return nullptr;
}

std::vector<const v1::Transition*> Moves(const v1::Graph& g, const std::string& from, const std::string& to) {
  std::vector<const v1::Transition*> out;
  for (const auto& t : g.transitions())
    if (t.from() == from && t.to() == to) out.push_back(&t);
  return out;
}

class YamlFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = SourcePath("tests/testdata/yaml/ladder.yaml");
    r_ = LoadLadders({file_});
  }
  std::string file_;
  LoadResult r_;
};

TEST_F(YamlFixture, ReadsMetadataAndPositions) {
  EXPECT_TRUE(r_.findings.empty()) << Dump(r_);
  const auto& md = r_.graph.metadata();
  EXPECT_EQ(md.name(), "Test ladder");
  EXPECT_EQ(md.version(), "t1");
  EXPECT_EQ(md.currency(), "EUR");
  ASSERT_EQ(md.sources_size(), 1);
  EXPECT_EQ(md.sources(0).licence(), "CC0");
  ASSERT_EQ(r_.graph.positions_size(), 7);
  const v1::Position* s1 = Find(r_.graph, "swe-1");
  ASSERT_NE(s1, nullptr);
  EXPECT_EQ(s1->org(), "Acme");  // the default org
  EXPECT_EQ(s1->track(), "swe");
  EXPECT_EQ(s1->level(), 1);  // 1-based index when not given
  EXPECT_EQ(s1->annual_pay(), 100000);
  EXPECT_EQ(s1->tags_size(), 1);
  EXPECT_EQ(Find(r_.graph, "swe-4")->level(), 4);
  EXPECT_EQ(Find(r_.graph, "swe-4")->title(), "Principal Engineer");
  EXPECT_EQ(Find(r_.graph, "mgr-1")->org(), "Acme Labs");  // the track's org
  EXPECT_EQ(Find(r_.graph, "mgr-1")->level(), 5);          // given explicitly
  const v1::Position* tl = Find(r_.graph, "swe-tl");
  EXPECT_EQ(tl->track(), "swe");
  EXPECT_EQ(tl->level(), 3);
}

TEST_F(YamlFixture, GeneratesPromotionsBetweenConsecutiveLevels) {
  auto p12 = Moves(r_.graph, "swe-1", "swe-2");
  ASSERT_EQ(p12.size(), 1u);
  EXPECT_EQ(p12[0]->kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_DOUBLE_EQ(p12[0]->years(), 2.5);  // the track's default
  EXPECT_DOUBLE_EQ(p12[0]->probability(), 0.7);
  EXPECT_EQ(p12[0]->provenance(), "generated: consecutive levels of track swe");
  auto p34 = Moves(r_.graph, "swe-3", "swe-4");
  ASSERT_EQ(p34.size(), 1u);
  EXPECT_DOUBLE_EQ(p34[0]->years(), 4);  // the level's override
  EXPECT_DOUBLE_EQ(p34[0]->probability(), 0.5);
  // generate_promotions: false
  auto m = Moves(r_.graph, "mgr-1", "mgr-2");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_DOUBLE_EQ(m[0]->years(), 3);  // the explicit one, not the track's 9 years
}

TEST_F(YamlFixture, ExplicitPromotionReplacesTheGeneratedOne) {
  auto p23 = Moves(r_.graph, "swe-2", "swe-3");
  ASSERT_EQ(p23.size(), 1u);  // no duplicate
  EXPECT_DOUBLE_EQ(p23[0]->years(), 1.5);
  EXPECT_DOUBLE_EQ(p23[0]->probability(), 0.9);
  EXPECT_EQ(p23[0]->provenance(), "explicit beats generated");
  EXPECT_EQ(r_.graph.transitions_size(), 6);
}

TEST_F(YamlFixture, ExplicitTransitionsKeepKindsOrInferThem) {
  EXPECT_EQ(Moves(r_.graph, "swe-2", "swe-tl")[0]->kind(), v1::TRANSITION_KIND_LATERAL);
  EXPECT_EQ(Moves(r_.graph, "swe-2", "swe-tl")[0]->provenance(), "ladder.yaml");
  EXPECT_EQ(Moves(r_.graph, "swe-tl", "mgr-1")[0]->kind(), v1::TRANSITION_KIND_ORG_CHANGE);  // Acme -> Acme Labs
  EXPECT_TRUE(CareerGraph::Build(r_.graph).ok());
}

TEST(YamlReaderTest, LevelOverrideFallsBackPerFieldToTheTrack) {
  LoadResult r = LoadYamlLadder(
      "tracks:\n"
      "  - id: t\n"
      "    promotion: {years: 2, probability: 0.6}\n"
      "    levels:\n"
      "      - {id: a, promotion: {probability: 0.9}}\n"
      "      - {id: b}\n"
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n",
      "inline.yaml");
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  auto ab = Moves(r.graph, "a", "b");
  ASSERT_EQ(ab.size(), 1u);
  EXPECT_DOUBLE_EQ(ab[0]->years(), 2);
  EXPECT_DOUBLE_EQ(ab[0]->probability(), 0.9);
}

TEST(YamlReaderTest, MissingPromotionNumbersNameTrackAndLevel) {
  LoadResult r = LoadYamlLadder(
      "tracks:\n"                               // 1
      "  - id: pm\n"                            // 2
      "    levels:\n"                           // 3
      "      - {id: pm-1}\n"                    // 4
      "      - {id: pm-2, promotion: {years: 2, probability: 0.5}}\n"  // 5
      "      - {id: pm-3}\n"                    // 6
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n",
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.code(), "missing-value");
    EXPECT_EQ(f.file(), "inline.yaml");
    EXPECT_EQ(f.line(), 4u);
    EXPECT_EQ(f.position(), "pm-1");
    EXPECT_NE(f.message().find("track 'pm'"), std::string::npos) << f.message();
    EXPECT_NE(f.message().find("pm-1 -> pm-2"), std::string::npos) << f.message();
  }
  EXPECT_EQ(r.findings[0].field(), "promotion.years");
  EXPECT_EQ(r.findings[1].field(), "promotion.probability");
  EXPECT_EQ(r.FirstError().code(), v1::INVALID_DATA);
}

TEST(YamlReaderTest, ABadTrackDefaultIsReportedOnce) {
  LoadResult r = LoadYamlLadder(
      "tracks:\n"
      "  - id: t\n"
      "    promotion: {years: -1, probability: 0.5}\n"
      "    levels: [{id: a}, {id: b}, {id: c}, {id: d}]\n"
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n",
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "bad-years");
  EXPECT_EQ(r.findings[0].line(), 3u);
}

TEST(YamlReaderTest, AnUnusedBadTrackDefaultIsStillAnError) {
  // Every level overrides the default, so no generated promotion takes `years: nan`.
  LoadResult r = LoadYamlLadder(
      "tracks:\n"
      "  - id: t\n"
      "    promotion: {years: nan, probability: 2}\n"
      "    levels:\n"
      "      - {id: a, promotion: {years: 1, probability: 0.5}}\n"
      "      - {id: b}\n"
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n",
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 2u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "bad-years");
  EXPECT_EQ(r.findings[0].line(), 3u);
  EXPECT_EQ(r.findings[0].field(), "promotion.years");
  EXPECT_EQ(r.findings[1].code(), "bad-probability");
}

// A misspelt key is an error with the key it probably meant, never a value silently left at
// zero.
TEST(YamlReaderTest, UnknownKeysAreErrorsWithTheKeyMeant) {
  LoadResult r = LoadYamlLadder(
      "name: x\n"
      "tracks:\n"
      "  - id: t\n"
      "    levels:\n"
      "      - {id: a, salary: 10, ambiguity: 0.2, leadership: 0.1}\n"
      "      - {id: b, paye: 10, ambiguity: 0.2, leadership: 0.1}\n"
      "positions:\n"
      "  - {id: p, tittle: P, pay: 1, ambiguity: 0.2, leadership: 0.1}\n",
      "inline.yaml");
  EXPECT_TRUE(r.has_errors());
  std::vector<v1::Finding> unknown;
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.severity(), v1::ERROR) << Dump(r);
    if (f.code() == "unknown-key") unknown.push_back(f);
  }
  ASSERT_EQ(unknown.size(), 3u) << Dump(r);
  EXPECT_EQ(unknown[0].field(), "salary");
  EXPECT_EQ(unknown[0].line(), 5u);
  EXPECT_NE(unknown[0].message().find("did you mean 'pay'?"), std::string::npos) << unknown[0].message();
  EXPECT_EQ(unknown[1].field(), "paye");
  EXPECT_NE(unknown[1].message().find("did you mean 'pay'?"), std::string::npos) << unknown[1].message();
  EXPECT_EQ(unknown[2].field(), "tittle");
  EXPECT_EQ(unknown[2].line(), 8u);
  EXPECT_NE(unknown[2].message().find("did you mean 'title'?"), std::string::npos) << unknown[2].message();
}

TEST(YamlReaderTest, ALevelLabelGivenAsTheLevelSaysWhereItGoes) {
  LoadResult r = LoadYamlLadder(
      "org: Acme\n"
      "positions:\n"
      "  - {id: a, level: L5}\n"
      "  - {id: b, level: 2.5}\n"
      "  - {id: c, level: [5]}\n"
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n",
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 3u) << Dump(r);
  EXPECT_EQ(r.findings[2].message(), "level (a list or mapping) is not a whole number; levels are whole numbers like 5");
  EXPECT_EQ(r.findings[0].code(), "malformed-number");
  EXPECT_EQ(r.findings[0].field(), "level");
  EXPECT_EQ(r.findings[0].line(), 3u);
  EXPECT_EQ(r.findings[0].message(),
            "level 'L5' is not a whole number; levels are whole numbers like 5 (for 'L5' write level 5 and label 'L5')");
  EXPECT_EQ(r.findings[1].message(), "level '2.5' is not a whole number; levels are whole numbers like 5");
}

TEST(YamlReaderTest, MalformedNumberAndKind) {
  LoadResult r = LoadYamlLadder(
      "positions:\n"                                          // 1
      "  - {id: a, pay: lots}\n"                              // 2
      "  - {id: b}\n"                                         // 3
      "transitions:\n"                                        // 4
      "  - from: a\n"                                         // 5
      "    to: b\n"                                           // 6
      "    kind: sideways\n"                                  // 7
      "    years: 1\n"                                        // 8
      "  - {from: b, to: a, years: soon, probability: 0.5}\n"  // 9
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n",
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 4u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "malformed-number");
  EXPECT_EQ(r.findings[0].field(), "pay");
  EXPECT_EQ(r.findings[0].line(), 2u);
  EXPECT_EQ(r.findings[1].code(), "missing-value");  // a -> b has no probability
  EXPECT_EQ(r.findings[1].field(), "probability");
  EXPECT_EQ(r.findings[1].line(), 5u);
  EXPECT_EQ(r.findings[2].code(), "bad-kind");
  EXPECT_EQ(r.findings[2].line(), 7u);
  EXPECT_EQ(r.findings[3].code(), "malformed-number");
  EXPECT_EQ(r.findings[3].field(), "years");
  EXPECT_EQ(r.findings[3].line(), 9u);
}

TEST(YamlReaderTest, SyntaxErrorHasItsLine) {
  LoadResult r = LoadYamlLadder("name: x\ntracks:\n  - id: [unclosed\n", "broken.yaml");
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "parse-error");
  EXPECT_EQ(r.findings[0].file(), "broken.yaml");
  EXPECT_GT(r.findings[0].line(), 2u);
  LoadResult s = LoadYamlLadder("- just\n- a list\n", "list.yaml");
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].code(), "parse-error");
  EXPECT_EQ(s.findings[0].line(), 1u);
}

TEST(YamlReaderTest, DefaultLadderIsValid) {
  const v1::Graph& g = DefaultLadder();
  EXPECT_GT(g.positions_size(), 10);
  EXPECT_GT(g.transitions_size(), g.positions_size());
  EXPECT_FALSE(g.metadata().name().empty());
  auto opened = OpenGraph("default");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->num_positions(), static_cast<Vertex>(g.positions_size()));
  auto again = OpenGraph("");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), opened->get());  // parsed once per process
  LoadResult r = LoadLadders({SourcePath("data/default_ladder.yaml")});
  EXPECT_FALSE(r.has_errors()) << Dump(r);
}


// Missing is not zero: a level without pay, ambiguity or leadership is an error naming the
// level, its line and the field, unless the value is declared unknown (here or in defaults).
TEST(YamlReaderTest, AMissingAttributeIsAnErrorAndUnknownIsSaidExplicitly) {
  LoadResult r = LoadYamlLadder(
      "tracks:\n"                                                  // 1
      "  - id: t\n"                                                // 2
      "    promotion: {years: 1, probability: 0.5}\n"              // 3
      "    levels:\n"                                              // 4
      "      - {id: a, pay: 100, ambiguity: 0.1}\n"                // 5
      "      - {id: b, pay: unknown, ambiguity: Unknown, leadership: 0}\n",  // 6
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "missing-value");
  EXPECT_EQ(r.findings[0].line(), 5u);
  EXPECT_EQ(r.findings[0].field(), "leadership");
  EXPECT_EQ(r.findings[0].position(), "a");
  EXPECT_NE(r.findings[0].message().find("leadership: unknown"), std::string::npos) << r.findings[0].message();
  const v1::Position* b = nullptr;
  for (const auto& p : r.graph.positions())
    if (p.id() == "b") b = &p;
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->has_annual_pay());
  EXPECT_FALSE(b->has_ambiguity());
  EXPECT_TRUE(b->has_leadership());  // a written 0 is a value
}

TEST(YamlReaderTest, DefaultsFillWhatALevelLeavesOutAndAreChecked) {
  LoadResult r = LoadYamlLadder(
      "defaults: {ambiguity: 0.25, leadership: unknown}\n"
      "positions:\n"
      "  - {id: a, pay: 100}\n"
      "  - {id: b, pay: 200, leadership: 0.5}\n",
      "inline.yaml");
  ASSERT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_DOUBLE_EQ(r.graph.positions(0).ambiguity(), 0.25);
  EXPECT_FALSE(r.graph.positions(0).has_leadership());
  EXPECT_DOUBLE_EQ(r.graph.positions(1).leadership(), 0.5);
  LoadResult bad = LoadYamlLadder("defaults:\n  pay: -3\npositions: []\n", "inline.yaml");
  ASSERT_EQ(bad.findings.size(), 1u) << Dump(bad);
  EXPECT_EQ(bad.findings[0].code(), "bad-pay");
  EXPECT_EQ(bad.findings[0].line(), 2u);
  EXPECT_EQ(bad.findings[0].field(), "defaults.pay");
}

TEST(YamlReaderTest, AProbabilityMayBeAPercent) {
  LoadResult r = LoadYamlLadder(
      "defaults: {pay: unknown, ambiguity: unknown, leadership: unknown}\n"
      "positions: [{id: a}, {id: b}]\n"
      "transitions:\n"
      "  - {from: a, to: b, years: 1, probability: 85%}\n"
      "  - {from: b, to: a, years: 1, probability: 85 percent}\n",
      "inline.yaml");
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_DOUBLE_EQ(r.graph.transitions(0).probability(), 0.85);
  EXPECT_EQ(r.findings[0].line(), 5u);
  EXPECT_NE(r.findings[0].message().find("write it like 0.85 or 85%"), std::string::npos) << r.findings[0].message();
}

TEST(YamlReaderTest, ATabInIndentationIsNamed) {
  LoadResult r = LoadYamlLadder("name: x\npositions:\n\t- {id: a}\n", "tabs.yaml");
  ASSERT_EQ(r.findings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.findings[0].code(), "parse-error");
  EXPECT_EQ(r.findings[0].line(), 3u);
  EXPECT_NE(r.findings[0].message().find("indented with a tab"), std::string::npos) << r.findings[0].message();
}

}  // namespace
}  // namespace careergraph::io
