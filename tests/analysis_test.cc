// Ladder analysis: every metric on hand-made ladders whose answers are worked out by hand in
// the comments, plus the guarantees the batch runner relies on (any split of the units gives
// the same bytes; options are checked).
#include <cstdio>
#include <algorithm>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <thread>
#include <atomic>
#include <chrono>

#include "engine/analysis.h"
#include "engine/cancel.h"
#include "engine/thread_pool.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;

v1::AnalyzeOptions Defaults() {
  auto o = ResolveAnalyzeOptions({});
  if (!o.ok()) throw std::runtime_error(o.status().ToString());
  return *o;
}

// Engineering L1-L3 and management L2-L3, with a switch each way at level 2.
//   e1 -2y,50%-> e2 -3y,75%-> e3        e2 -1y,50%-> m2 -2.5y,80%-> m3        m2 -1y,90%-> e2
GraphPtr TwoTracks() {
  return MakeEngineGraph({"e1|Engineer|eng|1|100000|0.1|0.1", "e2|Senior Engineer|eng|2|150000|0.2|0.2",
                          "e3|Staff Engineer|eng|3|250000|0.4|0.3", "m2|Manager|mgr|2|160000|0.3|0.5",
                          "m3|Director|mgr|3|260000|0.5|0.7"},
                         {"e1>e2|promotion|2|0.5", "e2>e3|promotion|3|0.75", "e2>m2|track-switch|1|0.5",
                          "m2>m3|promotion|2.5|0.8", "m2>e2|track-switch|1|0.9"});
}

const v1::PositionReport& Pos(const v1::LadderReport& r, const std::string& id) {
  for (const auto& p : r.positions())
    if (p.id() == id) return p;
  throw std::runtime_error("no position " + id);
}

// ---- cancellation reaches the worker threads ----------------------------------------

TEST(Analysis, ParallelWorkersRunUnderTheCallersCancelScope) {
  // Both workers hold an item before either polls, so worker 1 is known to have run; each
  // must see the caller's (already set) shutdown flag and stop.
  std::atomic<bool> stop{true};
  std::atomic<int> started{0};
  std::atomic<bool> worker_one_stopped{false};
  bool caller_saw = false;
  try {
    CancelScope scope(std::chrono::steady_clock::time_point::max(), &stop);
    ParallelFor(2, 2, [&](std::size_t, int w) {
      started.fetch_add(1);
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (started.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
      try {
        CheckCancelNow();
      } catch (const Cancelled&) {
        if (w == 1) worker_one_stopped = true;
        throw;
      }
    });
  } catch (const Cancelled& c) {
    caller_saw = true;
    EXPECT_TRUE(c.shutdown);
  }
  EXPECT_TRUE(caller_saw) << "a worker's Cancelled reaches the caller";
  EXPECT_TRUE(worker_one_stopped) << "the spawned worker polled the caller's scope";
}

TEST(Analysis, AnalyzeWithThreadsStopsAtItsDeadline) {
  std::mt19937 rng(7);
  testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 3000;
  opt.edge_probability = 0.003;
  auto g = CareerGraph::Build(testing::RandomGraph(rng, opt));
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  GraphPtr graph = std::move(*g);
  bool stopped = false;
  try {
    CancelScope scope(std::chrono::steady_clock::now() - std::chrono::seconds(1));
    (void)AnalyzeLadder(graph, Defaults(), /*threads=*/2);
  } catch (const Cancelled& c) {
    stopped = true;
    EXPECT_FALSE(c.shutdown);
  }
  EXPECT_TRUE(stopped);
  // Without a scope the same analysis runs to its report.
  EXPECT_EQ(AnalyzeLadder(graph, Defaults(), 2).positions_size(), 3000);
}

TEST(Analysis, TimeToTopVelocityAndGrowthPerTrack) {
  const v1::LadderReport r = AnalyzeLadder(TwoTracks(), Defaults());
  ASSERT_EQ(r.tracks_size(), 2);
  const auto& eng = r.tracks(0);
  EXPECT_EQ(eng.org(), "Acme");
  EXPECT_EQ(eng.track(), "eng");
  EXPECT_EQ(eng.entry_level(), 1);
  EXPECT_EQ(eng.top_level(), 3);
  EXPECT_EQ(eng.entry_positions(0), "e1");
  EXPECT_EQ(eng.top_positions(0), "e3");
  EXPECT_TRUE(eng.top_reachable());
  EXPECT_DOUBLE_EQ(eng.fastest_years_to_top(), 5.0);          // 2 + 3
  EXPECT_DOUBLE_EQ(eng.expected_years_to_top(), 8.0);         // 2/0.5 + 3/0.75
  EXPECT_DOUBLE_EQ(eng.probability_fastest(), 0.375);         // 0.5 * 0.75
  EXPECT_DOUBLE_EQ(eng.entry_pay(), 100000);
  EXPECT_DOUBLE_EQ(eng.top_pay(), 250000);
  EXPECT_DOUBLE_EQ(eng.pay_growth_per_year(), 30000);         // 150000 / 5
  EXPECT_NEAR(eng.pay_growth_rate(), std::pow(2.5, 0.2) - 1, 1e-15);
  EXPECT_NEAR(eng.ambiguity_per_year(), 0.06, 1e-15);         // (0.4 - 0.1) / 5
  EXPECT_NEAR(eng.leadership_per_year(), 0.04, 1e-15);        // (0.3 - 0.1) / 5

  ASSERT_EQ(eng.levels_size(), 3);
  const auto& l1 = eng.levels(0);
  EXPECT_EQ(l1.level(), 1);
  EXPECT_EQ(l1.next_level(), 2);
  EXPECT_TRUE(l1.next_reachable());
  EXPECT_DOUBLE_EQ(l1.years_to_next(), 2);
  EXPECT_DOUBLE_EQ(l1.expected_years_to_next(), 4);
  EXPECT_DOUBLE_EQ(l1.probability_to_next(), 0.5);
  EXPECT_DOUBLE_EQ(l1.levels_per_year(), 0.5);
  EXPECT_DOUBLE_EQ(l1.pay_growth_per_year(), 25000);
  const auto& l2 = eng.levels(1);
  EXPECT_DOUBLE_EQ(l2.years_to_next(), 3);
  EXPECT_DOUBLE_EQ(l2.expected_years_to_next(), 4);
  EXPECT_DOUBLE_EQ(l2.levels_per_year(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(l2.pay_growth_per_year(), 100000.0 / 3.0);
  const auto& l3 = eng.levels(2);
  EXPECT_EQ(l3.next_level(), 0);
  EXPECT_FALSE(l3.next_reachable());
  EXPECT_DOUBLE_EQ(l3.pay(), 250000);
  EXPECT_DOUBLE_EQ(l3.ambiguity(), 0.4);

  const auto& mgr = r.tracks(1);
  EXPECT_EQ(mgr.track(), "mgr");
  EXPECT_DOUBLE_EQ(mgr.fastest_years_to_top(), 2.5);
  EXPECT_DOUBLE_EQ(mgr.expected_years_to_top(), 3.125);
  EXPECT_DOUBLE_EQ(mgr.pay_growth_per_year(), 40000);

  EXPECT_DOUBLE_EQ(Pos(r, "e1").years_to_top(), 5);
  EXPECT_DOUBLE_EQ(Pos(r, "e2").years_to_top(), 3);
  EXPECT_TRUE(Pos(r, "e3").top_reachable());
  EXPECT_DOUBLE_EQ(Pos(r, "e3").years_to_top(), 0);
  EXPECT_DOUBLE_EQ(Pos(r, "m2").years_to_top(), 2.5);

  const auto& s = r.summary();
  EXPECT_EQ(s.tracks_with_route_to_top(), 2u);
  EXPECT_DOUBLE_EQ(s.mean_years_to_top(), 3.75);
  EXPECT_DOUBLE_EQ(s.max_years_to_top(), 5);
  EXPECT_DOUBLE_EQ(s.mean_years_per_promotion(), (2 + 3 + 2.5) / 3.0);
}

TEST(Analysis, TrackWithoutARouteToItsTop) {
  auto g = MakeEngineGraph({"a1|A1|t|1|100|0.1|0.1", "a2|A2|t|2|200|0.2|0.2", "b1|B1|u|1|100|0.1|0.1"},
                           {"a1>b1|track-switch|1|1"});
  const auto r = AnalyzeLadder(g, Defaults());
  const auto& t = r.tracks(0);
  EXPECT_EQ(t.track(), "t");
  EXPECT_FALSE(t.top_reachable());
  EXPECT_EQ(t.fastest_years_to_top(), 0);
  EXPECT_FALSE(t.levels(0).next_reachable());
  // A one-level track is at its top from the start.
  const auto& u = r.tracks(1);
  EXPECT_TRUE(u.top_reachable());
  EXPECT_EQ(u.fastest_years_to_top(), 0);
  EXPECT_FALSE(u.has_pay_growth_per_year());
  EXPECT_EQ(r.summary().tracks_with_route_to_top(), 1u);
}

TEST(Analysis, BetweennessRoutesCutAndMobility) {
  const v1::LadderReport r = AnalyzeLadder(TwoTracks(), Defaults());
  // Fastest routes through e2: e1->e3, e1->m2, e1->m3, m2->e3; through m2: e1->m3, e2->m3.
  EXPECT_DOUBLE_EQ(Pos(r, "e2").betweenness(), 4);
  EXPECT_DOUBLE_EQ(Pos(r, "m2").betweenness(), 2);
  EXPECT_DOUBLE_EQ(Pos(r, "e1").betweenness(), 0);
  EXPECT_DOUBLE_EQ(Pos(r, "e2").betweenness_normalized(), 4.0 / 12.0);  // (n-1)(n-2) = 12
  // Every route e1->{e3,m2,m3} and m2->e3 needs e2; e1->m3 and e2->m3 need m2.
  EXPECT_DOUBLE_EQ(Pos(r, "e2").routes_cut(), 4);
  EXPECT_DOUBLE_EQ(Pos(r, "m2").routes_cut(), 2);
  EXPECT_TRUE(r.betweenness().exact());
  EXPECT_EQ(r.betweenness().sources(), 5u);
  ASSERT_EQ(r.bottlenecks_size(), 2);
  EXPECT_EQ(r.bottlenecks(0).id(), "e2");
  EXPECT_EQ(r.bottlenecks(1).id(), "m2");
  EXPECT_EQ(r.critical_positions(0).id(), "e2");
  EXPECT_EQ(r.summary().top_bottleneck(), "e2");
  EXPECT_DOUBLE_EQ(r.summary().top_critical_routes_cut(), 4);

  // Within 3 / 5 years: e1 reaches e2 (2), m2 (3) / + e3 (5); m3 is 5.5 away.
  const auto& e1 = Pos(r, "e1");
  ASSERT_EQ(e1.mobility_size(), 2);
  EXPECT_EQ(e1.mobility(0), 2u);
  EXPECT_EQ(e1.mobility(1), 3u);
  EXPECT_EQ(Pos(r, "e2").mobility(0), 2u);  // m2 (1), e3 (3)
  EXPECT_EQ(Pos(r, "e2").mobility(1), 3u);  // + m3 (3.5)
  EXPECT_EQ(Pos(r, "e3").mobility(1), 0u);
  EXPECT_DOUBLE_EQ(r.summary().mean_mobility(0), 6.0 / 5.0);
  EXPECT_DOUBLE_EQ(r.summary().mean_mobility(1), 9.0 / 5.0);
  EXPECT_EQ(Pos(r, "e2").moves_in(), 2u);
  EXPECT_EQ(Pos(r, "e2").moves_out(), 2u);
}

TEST(Analysis, MobilityHorizonsAreOptions) {
  v1::AnalyzeOptions o;
  o.add_mobility_years(1);
  o.add_mobility_years(5.5);
  auto opts = ResolveAnalyzeOptions(o);
  ASSERT_TRUE(opts.ok());
  const auto r = AnalyzeLadder(TwoTracks(), *opts);
  EXPECT_EQ(Pos(r, "e1").mobility(0), 0u);
  EXPECT_EQ(Pos(r, "e1").mobility(1), 4u);
  EXPECT_EQ(Pos(r, "m2").mobility(0), 1u);  // e2 after exactly 1 year counts
}

TEST(Analysis, LateralCyclesAndTrackSwitchPremiums) {
  const v1::LadderReport r = AnalyzeLadder(TwoTracks(), Defaults());
  ASSERT_EQ(r.lateral_cycles_size(), 1);
  const auto& c = r.lateral_cycles(0);
  EXPECT_EQ(std::vector<std::string>(c.positions().begin(), c.positions().end()),
            (std::vector<std::string>{"e2", "m2"}));
  EXPECT_EQ(std::vector<std::string>(c.tracks().begin(), c.tracks().end()), (std::vector<std::string>{"eng", "mgr"}));
  EXPECT_EQ(c.level_min(), 2);
  EXPECT_EQ(c.level_max(), 2);
  EXPECT_EQ(Pos(r, "e2").lateral_cycle(), 1u);
  EXPECT_EQ(Pos(r, "e1").lateral_cycle(), 0u);
  EXPECT_EQ(r.summary().strong_components(), 4u);  // {e2, m2}, e1, e3, m3
  EXPECT_EQ(r.summary().positions_in_lateral_cycles(), 2u);

  ASSERT_EQ(r.track_switch_moves_size(), 2);
  const auto& up = r.track_switch_moves(0);
  EXPECT_EQ(up.from(), "e2");
  EXPECT_EQ(up.to(), "m2");
  EXPECT_DOUBLE_EQ(up.pay_change(), 10000);
  EXPECT_NEAR(up.pay_change_pct(), 100.0 * 10000 / 150000, 1e-12);
  EXPECT_DOUBLE_EQ(up.years_to_top_staying(), 3);
  EXPECT_DOUBLE_EQ(up.years_to_top_switching(), 3.5);  // 1 + 2.5
  EXPECT_DOUBLE_EQ(up.top_pay_staying(), 250000);
  EXPECT_DOUBLE_EQ(up.top_pay_switching(), 260000);

  ASSERT_EQ(r.track_switches_size(), 2);
  const auto& em = r.track_switches(0);
  EXPECT_EQ(em.from_track(), "eng");
  EXPECT_EQ(em.to_track(), "mgr");
  EXPECT_EQ(em.moves(), 1u);
  EXPECT_DOUBLE_EQ(em.mean_years(), 1);
  EXPECT_DOUBLE_EQ(em.mean_probability(), 0.5);
  EXPECT_DOUBLE_EQ(em.mean_pay_change(), 10000);
  EXPECT_DOUBLE_EQ(em.mean_years_to_top_change(), 0.5);
  EXPECT_DOUBLE_EQ(em.mean_top_pay_change(), 10000);
  const auto& me = r.track_switches(1);
  EXPECT_EQ(me.from_track(), "mgr");
  EXPECT_DOUBLE_EQ(me.mean_pay_change(), -10000);
  EXPECT_DOUBLE_EQ(me.mean_pay_change_pct(), -6.25);
  EXPECT_DOUBLE_EQ(me.mean_years_to_top_change(), 1.5);  // (1 + 3) - 2.5
  EXPECT_EQ(r.summary().track_switch_moves(), 2u);
}

// One track, levels 1-3:
//   a1 -> a2 -> a3 (top);  x2 -> a3 but nothing leads into x2;  a1 -> d2, a dead end;
//   a1 -> p2 <-> q2, a trap: moves out, but never to a top.
// Pay: a2 (90) below a1 (100) on a lower level; q2 (95) too.
TEST(Analysis, DeadEndsUnreachableAndPayInversions) {
  auto g = MakeEngineGraph({"a1|A1|t|1|100|0.1|0.1", "a2|A2|t|2|90|0.2|0.2", "a3|A3|t|3|200|0.3|0.3",
                            "x2|X2|t|2|120|0.2|0.2", "d2|D2|t|2|130|0.2|0.2", "p2|P2|t|2|110|0.2|0.2",
                            "q2|Q2|t|2|95|0.2|0.2"},
                           {"a1>a2|promotion|1|1", "a2>a3|promotion|1|1", "x2>a3|promotion|1|1", "a1>d2|promotion|1|1",
                            "a1>p2|promotion|1|1", "p2>q2|lateral|1|1", "q2>p2|lateral|1|1"});
  const auto r = AnalyzeLadder(g, Defaults());
  EXPECT_EQ(std::vector<std::string>(r.dead_ends().begin(), r.dead_ends().end()),
            (std::vector<std::string>{"d2", "p2", "q2"}));
  EXPECT_EQ(std::vector<std::string>(r.unreachable().begin(), r.unreachable().end()),
            (std::vector<std::string>{"x2"}));
  EXPECT_TRUE(Pos(r, "d2").dead_end());
  EXPECT_TRUE(Pos(r, "x2").unreachable());
  ASSERT_EQ(r.pay_inversions_size(), 2);
  EXPECT_EQ(r.pay_inversions(0).position(), "a2");
  EXPECT_EQ(r.pay_inversions(0).lower_position(), "a1");
  EXPECT_EQ(r.pay_inversions(0).lower_pay(), 100);
  EXPECT_EQ(r.pay_inversions(1).position(), "q2");
  EXPECT_EQ(r.lateral_cycles_size(), 1);  // p2 <-> q2
  const auto& s = r.summary();
  EXPECT_EQ(s.dead_ends(), 3u);
  EXPECT_EQ(s.unreachable(), 1u);
  EXPECT_EQ(s.pay_inversions(), 2u);
  EXPECT_EQ(s.lateral_cycles(), 1u);
}

TEST(Analysis, UnknownPayIsNotAnInversion) {
  auto g = MakeEngineGraph({"a1|A1|t|1|100|0.1|0.1", "a2|A2|t|2|0|0.2|0.2"}, {"a1>a2|promotion|1|1"});
  const auto r = AnalyzeLadder(g, Defaults());
  EXPECT_EQ(r.pay_inversions_size(), 0);
  EXPECT_FALSE(r.tracks(0).has_pay_growth_per_year());  // top pay unknown: no growth, not 0
  EXPECT_FALSE(r.tracks(0).has_pay_growth_rate());
  EXPECT_FALSE(r.summary().has_mean_pay_growth_per_year());
}

TEST(Analysis, LevelBandsAndMapping) {
  // Pay and ambiguity step evenly (x1.5, +0.2), so each level's band meets its neighbours'.
  auto ref = AnalyzeLadder(MakeEngineGraph({"r1|R1|t|1|100000|0.1|0", "r2|R2|t|2|150000|0.3|0",
                                            "r3|R3|t|3|225000|0.5|0"},
                                           {"r1>r2|promotion|1|1", "r2>r3|promotion|1|1"}),
                           Defaults());
  ASSERT_EQ(ref.levels_size(), 3);
  const double w = std::log(1.5) / 2;
  EXPECT_NEAR(ref.levels(1).band_pay_low(), 150000 * std::exp(-w), 1e-6);
  EXPECT_NEAR(ref.levels(1).band_pay_high(), 150000 * std::exp(w), 1e-6);
  EXPECT_NEAR(ref.levels(1).band_ambiguity_low(), 0.2, 1e-12);
  EXPECT_NEAR(ref.levels(1).band_ambiguity_high(), 0.4, 1e-12);
  EXPECT_EQ(ref.levels(1).pay_median(), 150000);

  // Another org numbers levels 10, 20, 30; its 10 is paid and scoped like our 2.
  auto other = AnalyzeLadder(MakeEngineGraph({"o10|O10|t|10|150000|0.3|0", "o20|O20|t|20|225000|0.5|0",
                                              "o30|O30|t|30|337500|0.7|0"},
                                             {"o10>o20|promotion|1|1", "o20>o30|promotion|1|1"}),
                             Defaults());
  other.set_source("other.yaml");
  const auto m = MapLevels(ref, other);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].ladder(), "other.yaml");
  EXPECT_EQ(m[0].level(), 10);
  EXPECT_TRUE(m[0].matched());
  EXPECT_EQ(m[0].reference_level(), 2);
  EXPECT_NEAR(m[0].score(), 1.0, 1e-9);
  EXPECT_EQ(m[1].reference_level(), 3);
  EXPECT_NEAR(m[1].pay_overlap(), 1.0, 1e-9);
  // Who sits at both levels: org, titles and level labels ("L<level>" when the ladder names none).
  EXPECT_EQ(ref.levels(1).names().titles().at(0), "R2");
  EXPECT_EQ(m[0].names().orgs().at(0), "Acme");
  EXPECT_EQ(m[0].names().titles().at(0), "O10");
  EXPECT_EQ(m[0].names().level_labels().at(0), "L10");
  EXPECT_EQ(m[0].reference_names().orgs().at(0), "Acme");
  EXPECT_EQ(m[0].reference_names().titles().at(0), "R2");
  EXPECT_EQ(m[0].reference_names().level_labels().at(0), "L2");

  auto far = AnalyzeLadder(MakeEngineGraph({"f1|F1|t|1|900000|0.95|0"}, {}), Defaults());
  const auto none = MapLevels(ref, far);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_FALSE(none[0].matched());
  EXPECT_EQ(none[0].names().titles().at(0), "F1");
  EXPECT_FALSE(none[0].has_reference_names());

  v1::AnalysisReport rep;
  ref.set_source("ref.yaml");
  *rep.add_ladders() = ref;
  rep.add_ladders()->set_rejected(true);
  *rep.add_ladders() = other;
  ASSERT_TRUE(CompleteReport(&rep).ok());
  EXPECT_EQ(rep.reference_ladder(), "ref.yaml");
  EXPECT_EQ(rep.level_mapping_size(), 3);
  EXPECT_EQ(rep.ladders_analysed(), 2u);
  EXPECT_EQ(rep.ladders_rejected(), 1u);
}

TEST(Analysis, ReferenceIsChosenByNameAndAnUnknownOneIsAnError) {
  v1::AnalysisReport rep;
  for (const char* src : {"ladders/acme.yaml", "ladders/initech.yaml"}) {
    auto l = AnalyzeLadder(MakeEngineGraph({"a|A|t|1|100000|0.1|0", "b|B|t|2|150000|0.3|0"}, {"a>b|promotion|1|1"}),
                           Defaults());
    l.set_source(src);
    *rep.add_ladders() = l;
  }
  rep.mutable_options()->set_reference("Initech");
  ASSERT_TRUE(CompleteReport(&rep).ok());
  EXPECT_EQ(rep.reference_ladder(), "ladders/initech.yaml");
  ASSERT_EQ(rep.level_mapping_size(), 2);
  EXPECT_EQ(rep.level_mapping(0).ladder(), "ladders/acme.yaml");
  rep.mutable_options()->set_reference("hooli");
  const Status s = CompleteReport(&rep);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.field(), "reference");
  EXPECT_NE(s.message().find("acme.yaml, initech.yaml"), std::string::npos) << s.message();
}

// Two levels of a company never collapse onto one reference level, and an unknown ambiguity
// is left out rather than matched as 0 on both sides.
TEST(Analysis, MappingIsOneToOneInOrderAndIgnoresUnknownAmbiguity) {
  auto ref = AnalyzeLadder(MakeEngineGraph({"r1|R1|t|1|100000|?|0", "r2|R2|t|2|140000|?|0", "r3|R3|t|3|200000|?|0"},
                                           {"r1>r2|promotion|1|1", "r2>r3|promotion|1|1"}),
                           Defaults());
  // Levels 1 and 2 both sit nearest reference level 2 by pay; level 3 has no pay overlap anywhere.
  auto co = AnalyzeLadder(MakeEngineGraph({"c1|C1|t|1|128000|0.2|0", "c2|C2|t|2|150000|0.3|0", "c3|C3|t|3|900000|0.9|0"},
                                          {"c1>c2|promotion|1|1", "c2>c3|promotion|1|1"}),
                          Defaults());
  const auto m = MapLevels(ref, co);
  ASSERT_EQ(m.size(), 3u);
  ASSERT_TRUE(m[0].matched());
  ASSERT_TRUE(m[1].matched());
  EXPECT_LT(m[0].reference_level(), m[1].reference_level());
  EXPECT_FALSE(m[0].has_ambiguity_overlap());  // the reference has no ambiguity: only pay counts
  EXPECT_DOUBLE_EQ(m[0].score(), m[0].pay_overlap());
  EXPECT_FALSE(m[2].matched());
}

// Acceptance: company ladders generated from a known common scale (each company starts at a
// random level of it, skips some levels, numbers its levels with an offset, and its pay and
// ambiguity carry noise). The band mapping recovers the true reference level more often than
// mapping each level to the reference level with the nearest median pay.
TEST(Analysis, MappingRecoversAGeneratedScaleBetterThanNearestMedianPay) {
  std::mt19937 rng(20261202);
  std::normal_distribution<double> noise(0.0, 1.0);
  const int kScale = 8;
  auto true_pay = [](int k) { return 90000.0 * std::pow(1.32, k); };
  auto true_amb = [](int k) { return 0.1 + 0.1 * k; };
  // The reference: the scale itself, two positions per level.
  std::vector<std::string> rp, rt;
  for (int k = 0; k < kScale; ++k)
    for (int q = 0; q < 2; ++q) {
      const double pay = std::round(true_pay(k) * (q ? 1.04 : 0.96));
      rp.push_back("r" + std::to_string(k) + std::to_string(q) + "|R" + std::to_string(k) + std::to_string(q) + "|t" + std::to_string(q) + "|" + std::to_string(k + 1) +
                   "|" + std::to_string(pay) + "|" + std::to_string(true_amb(k)) + "|0");
    }
  const auto ref = AnalyzeLadder(MakeEngineGraph(rp, rt), Defaults());
  int bands_right = 0, nearest_right = 0, total = 0;
  for (int c = 0; c < 300; ++c) {
    const int offset = static_cast<int>(rng() % 7) - 3;  // shifted level numbers
    std::vector<int> truth;
    for (int k = static_cast<int>(rng() % 3); k < kScale; ++k)
      if (rng() % 4 != 0) truth.push_back(k);  // missing levels
    if (truth.size() < 2) continue;
    const double company = std::exp(0.08 * noise(rng));  // a company pays a little over or under
    std::vector<std::string> ps, ts;
    std::vector<double> medians;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      std::vector<double> pays;
      for (int q = 0; q < 3; ++q) {
        const double pay = std::round(true_pay(truth[i]) * company * std::exp(0.10 * noise(rng)));
        const double amb = std::clamp(true_amb(truth[i]) + 0.04 * noise(rng), 0.0, 1.0);
        pays.push_back(pay);
        ps.push_back("c" + std::to_string(i) + std::to_string(q) + "|C" + std::to_string(i) + std::to_string(q) + "|t" + std::to_string(q) + "|" +
                     std::to_string(static_cast<int>(i) + 1 + offset + 10) + "|" + std::to_string(pay) + "|" +
                     std::to_string(amb) + "|0");
      }
      std::sort(pays.begin(), pays.end());
      medians.push_back(pays[1]);
    }
    const auto co = AnalyzeLadder(MakeEngineGraph(ps, ts), Defaults());
    const auto m = MapLevels(ref, co);
    ASSERT_EQ(m.size(), truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
      ++total;
      if (m[i].matched() && m[i].reference_level() == truth[i] + 1) ++bands_right;
      int nearest = 0;
      for (int k = 1; k < kScale; ++k)
        if (std::fabs(std::log(medians[i] / true_pay(k))) < std::fabs(std::log(medians[i] / true_pay(nearest))))
          nearest = k;
      if (nearest == truth[i]) ++nearest_right;
    }
  }
  ASSERT_GT(total, 1000);
  std::printf("level mapping: bands %d/%d right, nearest median pay %d/%d\n", bands_right, total, nearest_right, total);
  EXPECT_GT(bands_right, nearest_right);
}

v1::LadderReport Split(const LadderAnalysis& a, int shards, int threads) {
  AnalysisPartial all = a.EmptyPartial();
  for (int s = shards - 1; s >= 0; --s) {
    const auto units = a.ShardUnits(s, shards);
    auto packed = a.Compute(units, threads).Pack();
    auto part = AnalysisPartial::Unpack(packed, a.graph().num_positions(), 2);
    EXPECT_TRUE(part.ok());
    all.Merge(*part);
  }
  return a.Finish(all);
}

TEST(Analysis, SameBytesWhateverTheThreadsOrShards) {
  std::mt19937 rng(41);
  testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 300;
  opt.edge_probability = 0.015;
  opt.tracks = 4;
  auto g = CareerGraph::Build(testing::RandomGraph(rng, opt));
  ASSERT_TRUE(g.ok());
  for (std::uint32_t exact_limit : {1000u, 100u}) {  // exact, then sampled
    v1::AnalyzeOptions o;
    o.set_exact_max_positions(exact_limit);
    o.set_samples(40);
    auto opts = ResolveAnalyzeOptions(o);
    ASSERT_TRUE(opts.ok());
    LadderAnalysis a(*g, *opts);
    EXPECT_EQ(a.sources().exact, exact_limit == 1000u);
    const std::string one = AnalyzeLadder(*g, *opts, 1).SerializeAsString();
    for (int threads : {2, 3, 8}) EXPECT_EQ(AnalyzeLadder(*g, *opts, threads).SerializeAsString(), one) << threads;
    for (int shards : {2, 3}) EXPECT_EQ(Split(a, shards, 2).SerializeAsString(), one) << shards << " shards";
  }
}

TEST(Analysis, SampledLadderStatesItsBound) {
  v1::AnalyzeOptions o;
  o.set_exact_max_positions(3);
  o.set_samples(20);
  o.set_failure_probability(0.1);
  auto opts = ResolveAnalyzeOptions(o);
  ASSERT_TRUE(opts.ok());
  const auto r = AnalyzeLadder(TwoTracks(), *opts);
  const auto& b = r.betweenness();
  EXPECT_FALSE(b.exact());
  EXPECT_EQ(b.sources(), 20u);
  EXPECT_DOUBLE_EQ(b.epsilon(), std::sqrt(std::log(2.0 * 5 / 0.1) / 40.0));
  EXPECT_DOUBLE_EQ(b.absolute_error_bound(), b.epsilon() * 5 * 3);
  EXPECT_EQ(b.seed(), kDefaultAnalysisSeed);
  for (const auto& p : r.positions()) {
    const double exact = p.id() == "e2" ? 4 : p.id() == "m2" ? 2 : 0;
    EXPECT_LE(std::abs(p.betweenness() - exact), b.absolute_error_bound()) << p.id();
  }
}

TEST(Analysis, OptionsAreChecked) {
  const auto d = Defaults();
  EXPECT_EQ(d.exact_max_positions(), kDefaultExactMaxPositions);
  EXPECT_EQ(d.samples(), kDefaultSamples);
  EXPECT_EQ(d.mobility_years_size(), 2);
  EXPECT_EQ(d.top(), kDefaultTop);

  v1::AnalyzeOptions bad;
  bad.set_failure_probability(1.5);
  auto r = ResolveAnalyzeOptions(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(r.status().field(), "failure_probability");
  EXPECT_NE(r.status().message().find("it must be between 0 and 1"), std::string::npos);

  v1::AnalyzeOptions horizon;
  horizon.add_mobility_years(-1);
  r = ResolveAnalyzeOptions(horizon);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "mobility_years");
  EXPECT_NE(r.status().message().find("mobility horizon -1 years must be > 0"), std::string::npos);

  v1::AnalyzeOptions samples;
  samples.set_samples(kMaxSamples + 1);
  r = ResolveAnalyzeOptions(samples);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "samples");

  v1::AnalyzeOptions top;
  top.set_top(kMaxTop + 1);
  EXPECT_FALSE(ResolveAnalyzeOptions(top).ok());
}

TEST(Analysis, PartialsPackAndCheckTheirSize) {
  LadderAnalysis a(TwoTracks(), Defaults());
  const auto units = a.AllUnits();
  const AnalysisPartial p = a.Compute(units, 1);
  const auto packed = p.Pack();
  EXPECT_EQ(packed.size(), 5u * (3 + 2));
  auto back = AnalysisPartial::Unpack(packed, 5, 2);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(a.Finish(*back).SerializeAsString(), a.Finish(p).SerializeAsString());
  auto bad = AnalysisPartial::Unpack(packed, 6, 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), v1::INTERNAL);
}

TEST(Analysis, EmptyLadder) {
  auto g = CareerGraph::Build(testing::MakeGraph({}, {}));
  ASSERT_TRUE(g.ok());
  const auto r = AnalyzeLadder(*g, Defaults(), 2);
  EXPECT_EQ(r.positions_size(), 0);
  EXPECT_EQ(r.tracks_size(), 0);
  EXPECT_EQ(r.summary().positions(), 0u);
}

}  // namespace
}  // namespace careergraph
