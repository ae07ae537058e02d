// Next moves on a hand-made ladder (every ranking, the lookahead ceiling, the reasons) and
// against every simple path on random small ladders; every request error.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "engine/next_moves.h"
#include "engine/search.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {


// From Engineer (100k): Senior (+50k, 2y, 80%), Manager (+80k, 1y, 30%), another org
// (+20k, 1y, 90%). Staff (200k) is 3 years after Senior, 1 after Manager or the other org.
GraphPtr Ladder() {
  return testing::EngineerLadder(true);
}

v1::NextRequest Req(double lookahead = 0, v1::NextSort sort = v1::NEXT_SORT_UNSPECIFIED) {
  v1::NextRequest r;
  r.set_from("Engineer");
  r.set_lookahead_years(lookahead);
  r.set_sort(sort);
  return r;
}

std::vector<std::string> Ids(const v1::NextResponse& r) {
  std::vector<std::string> out;
  for (const auto& m : r.moves()) out.push_back(m.position_id());
  return out;
}
using Ids_ = std::vector<std::string>;

TEST(NextMoves, RankedByExpectedUpside) {
  auto g = Ladder();
  auto r = FindNextMoves(*g, Req());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Every move leads to Staff within 5 years: upside = p x 100k.
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "sr", "mgr"}));
  EXPECT_DOUBLE_EQ(r->lookahead_years(), 5);
  EXPECT_EQ(r->moves_total(), 3u);
  const auto& sr = r->moves(1);
  EXPECT_EQ(sr.rank(), 2u);
  EXPECT_EQ(sr.ceiling_id(), "staff");
  EXPECT_DOUBLE_EQ(sr.ceiling_years(), 3);
  EXPECT_DOUBLE_EQ(sr.ceiling_pay(), 200000);
  EXPECT_NEAR(sr.upside(), 80000, 1e-6);
  EXPECT_DOUBLE_EQ(sr.pay_change(), 50000);
  EXPECT_NEAR(sr.ambiguity_change(), 0.1, 1e-12);
  EXPECT_NEAR(sr.leadership_change(), 0.1, 1e-12);
  EXPECT_EQ(sr.kind(), v1::TRANSITION_KIND_PROMOTION);
  EXPECT_NE(r->ranking_rule().find("expected upside"), std::string::npos);
  // The reasons, in words.
  const auto& mgr = r->moves(2);
  std::vector<std::string> why(mgr.why().begin(), mgr.why().end());
  EXPECT_EQ(why, (std::vector<std::string>{"+$80,000 pay (+80%)", "30% chance, 1 year",
                                           "leads to Staff Engineer ($200,000) 1 year later",
                                           "more ambiguity (+0.40)", "closer to leadership (+0.50)",
                                           "into track mgmt"}));
}

TEST(NextMoves, LookaheadChangesTheCeiling) {
  auto g = Ladder();
  auto r = FindNextMoves(*g, Req(2));
  ASSERT_TRUE(r.ok());
  // Staff is 3 years after Senior: out of reach, so Senior's ceiling is itself.
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "sr", "mgr"}));
  EXPECT_EQ(r->moves(1).ceiling_id(), "sr");
  EXPECT_NEAR(r->moves(1).upside(), 40000, 1e-6);
  EXPECT_EQ(r->moves(1).why(2), "nothing better-paid within 2 years after it");
  r = FindNextMoves(*g, Req(0.5));
  ASSERT_TRUE(r.ok());
  // 0.8 x 50k > 0.3 x 80k > 0.9 x 20k.
  EXPECT_EQ(Ids(*r), (Ids_{"sr", "mgr", "ext"}));
}

TEST(NextMoves, OtherOrders) {
  auto g = Ladder();
  EXPECT_EQ(Ids(*FindNextMoves(*g, Req(0, v1::NEXT_SORT_PAY))), (Ids_{"mgr", "sr", "ext"}));
  EXPECT_EQ(Ids(*FindNextMoves(*g, Req(0, v1::NEXT_SORT_PROBABILITY))), (Ids_{"ext", "sr", "mgr"}));
  EXPECT_EQ(Ids(*FindNextMoves(*g, Req(0, v1::NEXT_SORT_YEARS))), (Ids_{"ext", "mgr", "sr"}));
  // Equal ceilings: higher probability first.
  EXPECT_EQ(Ids(*FindNextMoves(*g, Req(0, v1::NEXT_SORT_CEILING))), (Ids_{"ext", "sr", "mgr"}));
  auto req = Req();
  req.set_top(2);
  auto r = FindNextMoves(*g, req);
  EXPECT_EQ(Ids(*r), (Ids_{"ext", "sr"}));
  EXPECT_EQ(r->moves_total(), 3u);
}

TEST(NextMoves, FiltersApplyToMovesAndLookahead) {
  auto g = Ladder();
  auto req = Req();
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_ORG_CHANGE);
  req.mutable_constraints()->add_avoid_positions("staff");
  auto r = FindNextMoves(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (Ids_{"sr", "mgr"}));
  EXPECT_EQ(r->moves(0).ceiling_id(), "sr");
  auto none = FindNextMoves(*g, [] {
    auto q = Req();
    q.set_from("staff");
    return q;
  }());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->moves_size(), 0);
}

TEST(NextMovesProperty, CeilingsMatchEverySimplePath) {
  std::mt19937 rng(555);
  int moves = 0;
  for (int iter = 0; iter < 400; ++iter) {
    SCOPED_TRACE("iteration " + std::to_string(iter));
    auto gr = CareerGraph::Build(testing::RandomGraph(rng));
    ASSERT_TRUE(gr.ok());
    const CareerGraph& g = **gr;
    const Vertex s = static_cast<Vertex>(rng() % g.num_positions());
    const double lookahead = 0.25 * (1 + rng() % 20);
    v1::NextRequest req;
    req.set_from(g.position(s).id());
    req.set_lookahead_years(lookahead);
    std::set<std::string> avoid;
    if (rng() % 4 == 0) {
      avoid.insert(g.position(static_cast<Vertex>(rng() % g.num_positions())).track());
      req.mutable_constraints()->add_avoid_tracks(*avoid.begin());
    }
    auto allow = [&](EdgeId e) { return !avoid.count(g.position(g.target(e)).track()); };
    auto r = FindNextMoves(g, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::uint32_t expected_moves = 0;
    for (EdgeId e = g.out_begin(s); e < g.out_end(s); ++e) expected_moves += allow(e) ? 1 : 0;
    EXPECT_EQ(r->moves_total(), expected_moves);
    for (int i = 0; i < r->moves_size(); ++i) {
      const auto& m = r->moves(i);
      if (i > 0) {
        EXPECT_GE(r->moves(i - 1).upside(), m.upside());
      }
      const Vertex w = g.index().FindId(m.position_id());
      Vertex best = w;
      double best_years = 0;
      for (Vertex x = 0; x < g.num_positions(); ++x) {
        double fastest = kInf;
        testing::ForEachSimplePath(g, w, x, allow, [&](const std::vector<EdgeId>& path) {
          double y = 0;
          for (EdgeId e : path) y += g.years(e);
          fastest = std::min(fastest, y);
          return true;
        });
        if (fastest > lookahead + 1e-9) continue;
        if (g.pay(x) > g.pay(best) || (g.pay(x) == g.pay(best) && (fastest < best_years - 1e-9 ||
                                                                   (std::fabs(fastest - best_years) <= 1e-9 && x < best)))) {
          best = x;
          best_years = fastest;
        }
      }
      EXPECT_DOUBLE_EQ(m.ceiling_pay(), g.pay(best));
      EXPECT_NEAR(m.ceiling_years(), best_years, 1e-9);
      EXPECT_NEAR(m.upside(), m.probability() * (g.pay(best) - g.pay(s)), 1e-6);
      ++moves;
    }
  }
  EXPECT_GT(moves, 500);
}

TEST(NextMovesErrors, EveryBadRequestNamesItsField) {
  auto g = Ladder();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Bad {
    std::string name;
    std::function<void(v1::NextRequest*)> change;
    v1::ErrorCode code;
    std::string field;
  };
  const std::vector<Bad> cases = {
      {"unknown start", [](auto* r) { r->set_from("Enginer"); }, v1::NOT_FOUND, "from"},
      {"top past the limit", [](auto* r) { r->set_top(1001); }, v1::TOO_LARGE, "top"},
      {"negative lookahead", [](auto* r) { r->set_lookahead_years(-1); }, v1::INVALID_ARGUMENT, "lookahead_years"},
      {"NaN lookahead", [&](auto* r) { r->set_lookahead_years(nan); }, v1::INVALID_ARGUMENT, "lookahead_years"},
      {"lookahead past the limit", [](auto* r) { r->set_lookahead_years(60); }, v1::TOO_LARGE, "lookahead_years"},
      {"unknown sort", [](auto* r) { r->set_sort(static_cast<v1::NextSort>(42)); }, v1::INVALID_ARGUMENT, "sort"},
      {"via", [](auto* r) { r->mutable_constraints()->add_via("sr"); }, v1::INVALID_ARGUMENT, "constraints.via"},
      {"min leadership > 1", [](auto* r) { r->set_min_leadership(2); }, v1::INVALID_ARGUMENT, "min_leadership"},
      {"unknown avoided track", [](auto* r) { r->mutable_constraints()->add_avoid_tracks("ops"); }, v1::NOT_FOUND,
       "constraints.avoid_tracks"},
  };
  for (const auto& c : cases) {
    auto req = Req();
    c.change(&req);
    auto r = FindNextMoves(*g, req);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r.status().field(), c.field) << c.name << ": " << r.status().ToString();
  }
}

}  // namespace
}  // namespace careergraph
