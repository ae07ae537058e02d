// The benchmark generator: deterministic, the advertised shape, and valid input for the engine.
//
// The generator's source is compiled into this test directly: bench/ is only configured when
// CAREERGRAPH_BUILD_BENCH is on (the sanitizer run turns it off), and the test must build
// either way.
#include "bench/synthetic.cc"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include <gtest/gtest.h>

#include "engine/career_graph.h"
#include "tests/test_util.h"

namespace careergraph::synthetic_test {
namespace {

using bench::kSyntheticLevels;
using bench::kSyntheticTracks;
using bench::SyntheticLadder;
using bench::SyntheticOptions;
using bench::SyntheticPosition;
using bench::SyntheticPositionId;

constexpr std::uint32_t kSwe = 0, kEm = 1, kPm = 2, kTpm = 3;

SyntheticOptions Companies(std::uint32_t c, std::uint64_t seed = 7) {
  SyntheticOptions o;
  o.companies = c;
  o.seed = seed;
  return o;
}

TEST(SyntheticLadder, SameSeedGivesByteIdenticalSnapshots) {
  const std::string a = SyntheticLadder(Companies(9, 42)).SerializeAsString();
  const std::string b = SyntheticLadder(Companies(9, 42)).SerializeAsString();
  EXPECT_EQ(a, b);
  EXPECT_NE(a, SyntheticLadder(Companies(9, 43)).SerializeAsString());
}

TEST(SyntheticLadder, PresetsHaveTheAdvertisedSizes) {
  EXPECT_EQ(SyntheticOptions::Small().companies * 60, 1020u);
  EXPECT_EQ(SyntheticOptions::Medium().companies * 60, 100020u);
  EXPECT_EQ(SyntheticOptions::Large().companies * 60, 1000020u);
  const v1::Graph g = SyntheticLadder(SyntheticOptions::Small());
  EXPECT_EQ(g.positions_size(), 1020);
  const double per_position = static_cast<double>(g.transition_table().from_size()) / g.positions_size();
  EXPECT_GT(per_position, 9.0);
  EXPECT_LT(per_position, 11.0);
  EXPECT_EQ(g.transitions_size(), 0);  // columnar form only
}

TEST(SyntheticLadder, PositionsAreLaidOutCompanyTrackLevel) {
  const v1::Graph g = SyntheticLadder(Companies(3));
  for (std::uint32_t c = 0; c < 3; ++c)
    for (std::uint32_t t = 0; t < kSyntheticTracks; ++t)
      for (std::uint32_t l = 1; l <= kSyntheticLevels; ++l) {
        const v1::Position& p = g.positions(static_cast<int>(SyntheticPosition(c, t, l)));
        EXPECT_EQ(p.id(), SyntheticPositionId(c, t, l));
        EXPECT_EQ(p.level(), static_cast<int>(l));
        EXPECT_EQ(p.org(), "Company " + std::to_string(c));
      }
  EXPECT_EQ(g.positions(static_cast<int>(SyntheticPosition(1, kSwe, 5))).title(), "Staff Software Engineer");
  EXPECT_EQ(g.positions(static_cast<int>(SyntheticPosition(1, kPm, 6))).title(), "Director of Product");
  EXPECT_EQ(g.positions(static_cast<int>(SyntheticPosition(2, kEm, 3))).title(), "Engineering Manager");
  EXPECT_EQ(g.positions(static_cast<int>(SyntheticPosition(2, kTpm, 2))).title(), "Technical Program Manager");
}

TEST(SyntheticLadder, TransitionsAreSortedSimpleAndInRange) {
  const v1::Graph g = SyntheticLadder(Companies(40));
  const auto& t = g.transition_table();
  const int m = t.from_size();
  ASSERT_EQ(t.to_size(), m);
  ASSERT_EQ(t.kind_size(), m);
  ASSERT_EQ(t.years_size(), m);
  ASSERT_EQ(t.probability_size(), m);
  std::set<v1::TransitionKind> kinds;
  for (int i = 0; i < m; ++i) {
    const std::uint32_t from = t.from(i), to = t.to(i);
    ASSERT_LT(from, static_cast<std::uint32_t>(g.positions_size()));
    ASSERT_LT(to, static_cast<std::uint32_t>(g.positions_size()));
    ASSERT_NE(from, to) << "self-loop at transition " << i;
    if (i > 0) {
      ASSERT_LT(std::make_pair(t.from(i - 1), t.to(i - 1)), std::make_pair(from, to)) << "at " << i;
    }
    const double y = t.years(i);
    ASSERT_GT(y, 0.0);
    ASSERT_EQ(y * 8, std::floor(y * 8)) << "years " << y << " is not a multiple of 1/8";
    ASSERT_GT(t.probability(i), 0.0);
    ASSERT_LE(t.probability(i), 1.0);
    const auto& a = g.positions(static_cast<int>(from));
    const auto& b = g.positions(static_cast<int>(to));
    const auto kind = static_cast<v1::TransitionKind>(t.kind(i));
    kinds.insert(kind);
    switch (kind) {
      case v1::TRANSITION_KIND_PROMOTION:
        EXPECT_EQ(a.org(), b.org());
        EXPECT_EQ(a.track(), b.track());
        EXPECT_EQ(b.level(), a.level() + 1);
        break;
      case v1::TRANSITION_KIND_LATERAL:
      case v1::TRANSITION_KIND_TRACK_SWITCH:
        EXPECT_EQ(a.org(), b.org());
        EXPECT_NE(a.track(), b.track());
        EXPECT_LE(std::abs(b.level() - a.level()), 1);
        break;
      case v1::TRANSITION_KIND_ORG_CHANGE:
        EXPECT_NE(a.org(), b.org());
        EXPECT_GE(b.level(), a.level());
        break;
      default: ADD_FAILURE() << "unexpected kind " << kind;
    }
  }
  EXPECT_EQ(kinds.size(), 4u);
}

TEST(SyntheticLadder, AttributesArePlausibleAndPmOutranksTpm) {
  const v1::Graph g = SyntheticLadder(Companies(50));
  for (const auto& p : g.positions()) {
    ASSERT_GT(p.annual_pay(), 0.0);
    ASSERT_GE(p.ambiguity(), 0.0);
    ASSERT_LE(p.ambiguity(), 1.0);
    ASSERT_GE(p.leadership(), 0.0);
    ASSERT_LE(p.leadership(), 1.0);
  }
  for (std::uint32_t c = 0; c < 50; ++c)
    for (std::uint32_t l = 1; l <= kSyntheticLevels; ++l) {
      const auto& pm = g.positions(static_cast<int>(SyntheticPosition(c, kPm, l)));
      const auto& tpm = g.positions(static_cast<int>(SyntheticPosition(c, kTpm, l)));
      EXPECT_GT(pm.annual_pay(), tpm.annual_pay()) << pm.id();
      EXPECT_GT(pm.ambiguity(), tpm.ambiguity()) << pm.id();
      EXPECT_GT(pm.leadership(), tpm.leadership()) << pm.id();
      if (l > 1) {
        const auto& below = g.positions(static_cast<int>(SyntheticPosition(c, kPm, l - 1)));
        EXPECT_GT(pm.annual_pay(), below.annual_pay()) << "pay inversion at " << pm.id();
      }
    }
}

// Same hash streams as ../shared/peers/gen_graph.py, so benchmark graphs are the peers'
// graphs move for move (testdata/peers_tiny is its --scale tiny output, seed 20240601).
TEST(SyntheticLadder, ReproducesThePeersGeneratorTopologyAndYears) {
  SyntheticOptions o;
  o.companies = 2;
  const v1::Graph g = SyntheticLadder(o);
  std::ifstream in(careergraph::testing::SourcePath("tests/testdata/peers_tiny/edges.tsv"));
  ASSERT_TRUE(in) << "missing tests/testdata/peers_tiny/edges.tsv";
  std::string line;
  std::getline(in, line);  // header
  int i = 0;
  const auto& t = g.transition_table();
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::uint32_t from = 0, to = 0;
    double years = 0;
    row >> from >> to >> years;
    ASSERT_LT(i, t.from_size());
    EXPECT_EQ(t.from(i), from) << "line " << i + 2;
    EXPECT_EQ(t.to(i), to) << "line " << i + 2;
    EXPECT_EQ(t.years(i), years) << "line " << i + 2;
    ++i;
  }
  EXPECT_EQ(i, t.from_size());
}

TEST(SyntheticLadder, OneCompanyHasNoExternalMoves) {
  const v1::Graph g = SyntheticLadder(Companies(1));
  EXPECT_EQ(g.positions_size(), 60);
  for (int i = 0; i < g.transition_table().kind_size(); ++i)
    EXPECT_NE(g.transition_table().kind(i), v1::TRANSITION_KIND_ORG_CHANGE);
}

TEST(SyntheticLadder, BuildsAndRoundTripsThroughTheEngine) {
  const v1::Graph snapshot = SyntheticLadder(Companies(20));
  auto g = CareerGraph::Build(snapshot);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)->num_positions(), 1200u);
  EXPECT_EQ((*g)->num_transitions(), static_cast<EdgeId>(snapshot.transition_table().from_size()));
  EXPECT_EQ((*g)->ToSnapshot(true).SerializeAsString(), snapshot.SerializeAsString());
  auto v = (*g)->index().Resolve("c3-pm-6");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, SyntheticPosition(3, kPm, 6));
}

}  // namespace
}  // namespace careergraph::synthetic_test
