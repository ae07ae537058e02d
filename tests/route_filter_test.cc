// RouteFilter (engine/route_filter.h): each constraint of a route request refuses exactly
// the moves it should, says why a position is excluded, and bad constraints are refused by
// field.
#include "engine/route_filter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::FindMove;

// At Acme: Engineer -> Senior Engineer (promotion), Engineer -> Manager (track switch),
// Senior Engineer -> Manager (lateral, a pay cut from 150k to 140k). Engineer -> Engineer
// at Globex (org change). Design competency: the Engineer holds 1, the Senior asks 3 at half
// importance, the Manager 2, Globex's Engineer 4.
GraphPtr Ladder() {
  v1::Graph s = testing::MakeGraph({"eng|Engineer|swe|1|100000|0.2|0.1", "sr|Senior Engineer|swe|2|150000|0.4|0.3",
                                    "mgr|Manager|mgmt|2|140000|0.7|0.8", "ext|Engineer|swe|2|160000|0.3|0.2"},
                                   {"eng>sr|promotion|2|0.8", "eng>mgr|track-switch|1|0.3", "sr>mgr|lateral|1|0.5",
                                    "eng>ext|org-change|1|0.9"});
  s.mutable_positions(3)->set_org("Globex");
  auto* design = s.mutable_metadata()->add_competencies();
  design->set_id("design");
  design->set_scale_max(5);
  const double level[] = {1, 3, 2, 4};
  for (int i = 0; i < 4; ++i) {
    auto* r = s.mutable_positions(i)->add_competencies();
    r->set_competency("design");
    r->set_level(level[i]);
    if (i == 1) r->set_importance(0.5);
  }
  auto g = CareerGraph::Build(s);
  if (!g.ok()) throw std::runtime_error(g.status().ToString());
  return *g;
}

RouteFilter Filter(const CareerGraph& g, const std::function<void(v1::Constraints*)>& set) {
  v1::Constraints c;
  set(&c);
  auto f = RouteFilter::Make(g, c);
  if (!f.ok()) throw std::runtime_error(f.status().ToString());
  return *f;
}

// The moves the filter lets through, as "from>to" by position id.
std::vector<std::string> Allowed(const CareerGraph& g, const RouteFilter& f) {
  std::vector<std::string> out;
  for (EdgeId e = 0; e < g.num_transitions(); ++e)
    if (f(e)) out.push_back(g.position(g.source(e)).id() + ">" + g.position(g.target(e)).id());
  return out;
}

TEST(RouteFilter, WithoutConstraintsEveryMoveIsAllowed) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints*) {});
  EXPECT_FALSE(f.active());
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>sr", "eng>mgr", "eng>ext", "sr>mgr"}));
  for (Vertex v = 0; v < g->num_positions(); ++v) {
    EXPECT_TRUE(f.VertexOk(v));
    EXPECT_EQ(f.WhyExcluded(v), "");
  }
}

TEST(RouteFilter, AnAvoidedKindRefusesThoseMovesOnly) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints* c) {
    c->add_avoid_kinds(v1::TRANSITION_KIND_ORG_CHANGE);
    c->add_avoid_kinds(v1::TRANSITION_KIND_LATERAL);
  });
  EXPECT_TRUE(f.active());
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>sr", "eng>mgr"}));
  EXPECT_TRUE(f.VertexOk(g->index().FindId("ext")));  // a kind excludes moves, not positions
}

TEST(RouteFilter, AnAvoidedTrackRefusesMovesIntoIt) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints* c) { c->add_avoid_tracks("MGMT"); });
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>sr", "eng>ext"}));
  EXPECT_FALSE(f.VertexOk(g->index().FindId("mgr")));
  EXPECT_EQ(f.WhyExcluded(g->index().FindId("mgr")), "its track 'mgmt' is avoided");
  EXPECT_EQ(f.WhyExcluded(g->index().FindId("sr")), "");
}

TEST(RouteFilter, AnAvoidedOrgRefusesMovesIntoIt) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints* c) { c->add_avoid_orgs("globex"); });
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>sr", "eng>mgr", "sr>mgr"}));
  EXPECT_EQ(f.WhyExcluded(g->index().FindId("ext")), "its org 'Globex' is avoided");
}

TEST(RouteFilter, AnAvoidedPositionRefusesMovesIntoIt) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints* c) { c->add_avoid_positions("Senior Engineer"); });
  // Moves out of it are the search's business: it never gets there.
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>mgr", "eng>ext", "sr>mgr"}));
  EXPECT_EQ(f.WhyExcluded(g->index().FindId("sr")), "it is in constraints.avoid_positions");
}

TEST(RouteFilter, MaxAmbiguityRefusesMovesIntoVaguerPositions) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints* c) { c->set_max_ambiguity(0.4); });
  // The Senior's 0.4 is within the limit; the Manager's 0.7 is not.
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>sr", "eng>ext"}));
  EXPECT_EQ(f.WhyExcluded(g->index().FindId("mgr")), "its ambiguity 0.7 exceeds constraints.max_ambiguity 0.4");
}

TEST(RouteFilter, NoPayCutRefusesMovesThatLowerPay) {
  auto g = Ladder();
  const RouteFilter f = Filter(*g, [](v1::Constraints* c) { c->set_no_pay_cut(true); });
  EXPECT_TRUE(f.active());
  EXPECT_EQ(Allowed(*g, f), (std::vector<std::string>{"eng>sr", "eng>mgr", "eng>ext"}));
  EXPECT_TRUE(f.VertexOk(g->index().FindId("mgr")));  // the Manager is fine when reached with a raise
}

TEST(RouteFilter, MaxGapAndMaxGrowthWeighTheMoveFromTheProfileLeft) {
  auto g = Ladder();
  // Gaps from the Engineer's design 1: to the Senior 0.5 x 2 = 1 (2 levels to grow), to the
  // Manager 1 (1 level), to Globex 3 (3 levels); the Senior already holds the Manager's 2.
  const RouteFilter gap = Filter(*g, [](v1::Constraints* c) { c->set_max_gap(1); });
  EXPECT_EQ(Allowed(*g, gap), (std::vector<std::string>{"eng>sr", "eng>mgr", "sr>mgr"}));
  const RouteFilter growth = Filter(*g, [](v1::Constraints* c) { c->set_max_growth(1.5); });
  EXPECT_EQ(Allowed(*g, growth), (std::vector<std::string>{"eng>mgr", "sr>mgr"}));
  const RouteFilter none = Filter(*g, [](v1::Constraints* c) { c->set_max_gap(0); });
  EXPECT_EQ(Allowed(*g, none), (std::vector<std::string>{"sr>mgr"}));
  EXPECT_TRUE(none.active());
}

TEST(RouteFilter, ConstraintsItCannotApplyAreRefusedByField) {
  auto g = Ladder();
  auto field_of = [&](const std::function<void(v1::Constraints*)>& set) {
    v1::Constraints c;
    set(&c);
    auto f = RouteFilter::Make(*g, c);
    return f.ok() ? std::string("accepted") : f.status().field();
  };
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->add_avoid_tracks("sales"); }), "constraints.avoid_tracks");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->add_avoid_orgs("Initech"); }), "constraints.avoid_orgs");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->add_avoid_positions("CEO"); }), "constraints.avoid_positions");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->add_avoid_kinds(v1::TRANSITION_KIND_UNSPECIFIED); }),
            "constraints.avoid_kinds");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->add_avoid_kinds(static_cast<v1::TransitionKind>(9)); }),
            "constraints.avoid_kinds");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->set_max_ambiguity(1.5); }), "constraints.max_ambiguity");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->set_max_gap(-1); }), "constraints.max_gap");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->set_max_growth(std::nan("")); }), "constraints.max_growth");
  EXPECT_EQ(field_of([](v1::Constraints* c) { c->set_max_ambiguity(1); }), "accepted");

  // A limit on a value the ladder leaves unknown cannot be decided.
  auto unknown_pay = testing::MakeEngineGraph({"a|Engineer|swe|1|?|0.2|0.1", "b|Senior|swe|2|150000|?|0.3"},
                                              {"a>b|promotion|2|0.8"});
  v1::Constraints pay_cut;
  pay_cut.set_no_pay_cut(true);
  auto refused = RouteFilter::Make(*unknown_pay, pay_cut);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "constraints.no_pay_cut");
  v1::Constraints vague;
  vague.set_max_ambiguity(0.5);
  EXPECT_EQ(RouteFilter::Make(*unknown_pay, vague).status().field(), "constraints.max_ambiguity");
}

}  // namespace
}  // namespace careergraph
