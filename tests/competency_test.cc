// Competency profiles: the YAML syntax (catalogue, compact rows, mapping form), every bad input
// with its file:line, the gap arithmetic on hand-made profiles, carrying forward, and the
// gap query and route annotations.
#include <gtest/gtest.h>

#include "engine/competency.h"
#include "engine/gap.h"
#include "engine/pareto.h"
#include "engine/plan.h"
#include "engine/route.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::SourcePath;

std::string Dump(const io::LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings)
    s += "  " + std::to_string(f.line()) + " " + f.code() + " " + f.field() + ": " + f.message() + "\n";
  return s;
}

GraphPtr Ladder() {
  auto g = io::OpenGraph(SourcePath("tests/testdata/competency/ladder.yaml"));
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return *g;
}

Vertex V(const CareerGraph& g, const std::string& id) { return g.index().FindId(id); }

TEST(CompetencyYaml, ReadsCatalogueCompactRowsAndMappings) {
  const auto r = io::LoadLadders({SourcePath("tests/testdata/competency/ladder.yaml")});
  ASSERT_FALSE(r.has_errors()) << Dump(r);
  const auto& md = r.graph.metadata();
  ASSERT_EQ(md.competencies_size(), 3);
  EXPECT_EQ(md.competencies(0).id(), "tech");
  EXPECT_EQ(md.competencies(0).name(), "Technology");
  EXPECT_EQ(md.competencies(0).scale_max(), 5);
  ASSERT_EQ(md.competencies(0).labels_size(), 3);
  EXPECT_EQ(md.competencies(0).labels(1).label(), "designs a team's systems");
  EXPECT_EQ(md.competencies(1).name(), "People");
  EXPECT_EQ(md.competencies(1).scale_min(), 0);  // default scale 0..5
  EXPECT_EQ(md.competencies(1).scale_max(), 5);
  EXPECT_EQ(md.competencies(2).scale_max(), 4);
  std::map<std::string, const v1::Position*> by_id;
  for (const auto& p : r.graph.positions()) by_id[p.id()] = &p;
  // Compact row [4, 2, "-"]: strategy not asked.
  const auto& swe2 = *by_id["swe2"];
  ASSERT_EQ(swe2.competencies_size(), 2);
  EXPECT_EQ(swe2.competencies(0).competency(), "tech");
  EXPECT_EQ(swe2.competencies(0).level(), 4);
  EXPECT_FALSE(swe2.competencies(0).has_importance());
  EXPECT_EQ(swe2.competencies(1).competency(), "people");
  EXPECT_EQ(swe2.competencies(1).level(), 2);
  // Mapping with an importance.
  const auto& pm1 = *by_id["pm1"];
  ASSERT_EQ(pm1.competencies_size(), 3);
  EXPECT_EQ(pm1.competencies(1).competency(), "people");
  EXPECT_EQ(pm1.competencies(1).level(), 3);
  EXPECT_TRUE(pm1.competencies(1).has_importance());
  EXPECT_EQ(pm1.competencies(1).importance(), 0.5);
  // A free-standing position.
  EXPECT_EQ(by_id["em1"]->competencies_size(), 2);
}

TEST(CompetencyYaml, EveryBadInputHasItsLine) {
  const std::string file = SourcePath("tests/testdata/competency/bad.yaml");
  const auto r = io::LoadLadders({file});
  std::vector<std::tuple<unsigned, std::string, std::string>> got;
  for (const auto& f : r.findings)
    if (f.severity() == v1::ERROR) got.emplace_back(f.line(), f.code(), f.message());
  ASSERT_EQ(got.size(), 5u) << Dump(r);
  EXPECT_EQ(std::get<0>(got[0]), 7u);
  EXPECT_EQ(std::get<1>(got[0]), "bad-scale");
  EXPECT_EQ(std::get<0>(got[1]), 14u);
  EXPECT_EQ(std::get<1>(got[1]), "bad-competency-level");
  EXPECT_EQ(std::get<2>(got[1]), "level 7 of 'tech' is outside its scale 0..5");
  EXPECT_EQ(std::get<0>(got[2]), 16u);
  EXPECT_EQ(std::get<1>(got[2]), "bad-profile-row");
  EXPECT_EQ(std::get<2>(got[2]), "this row has 2 levels but the track has 1 competency_axes");
  EXPECT_EQ(std::get<0>(got[3]), 18u);
  EXPECT_EQ(std::get<1>(got[3]), "unknown-competency");
  EXPECT_EQ(std::get<2>(got[3]), "unknown competency 'tehc'; did you mean 'tech'? (the catalogue has: tech)");
  EXPECT_EQ(std::get<0>(got[4]), 20u);
  EXPECT_EQ(std::get<1>(got[4]), "bad-importance");
  for (const auto& f : r.findings) EXPECT_EQ(f.file(), file);
}

TEST(CompetencyYaml, ProfileWithoutCatalogueIsAnError) {
  const auto r = io::LoadLadders({SourcePath("tests/testdata/competency/no_catalogue.yaml")});
  ASSERT_TRUE(r.has_errors());
  const Status s = r.FirstError();
  EXPECT_EQ(s.line(), 8u) << s.ToString();
  EXPECT_NE(s.message().find("needs the competency catalogue"), std::string::npos) << s.message();
}

TEST(CompetencyBuild, SnapshotsAreCheckedToo) {
  auto base = [] {
    v1::Graph g = testing::MakeGraph({"a|A|x|1|1|0|0", "b|B|x|2|1|0|0"}, {"a>b|promotion|1|1"});
    auto* c = g.mutable_metadata()->add_competencies();
    c->set_id("tech");
    c->set_scale_min(0);
    c->set_scale_max(5);
    return g;
  };
  struct Case {
    std::function<void(v1::Graph*)> change;
    std::string field, message;
  };
  const Case cases[] = {
      {[](v1::Graph* g) {
         auto* r = g->mutable_positions(1)->add_competencies();
         r->set_competency("tech");
         r->set_level(6);
       },
       "competencies[0].level", "position 2 ('b'): level 6 of 'tech' is outside its scale 0..5"},
      {[](v1::Graph* g) { g->mutable_positions(0)->add_competencies()->set_competency("people"); },
       "competencies[0].competency", "position 1 ('a'): unknown competency 'people'"},
      {[](v1::Graph* g) {
         auto* r = g->mutable_positions(0)->add_competencies();
         r->set_competency("tech");
         r->set_importance(1.5);
       },
       "competencies[0].importance", "position 1 ('a'): importance 1.5 of 'tech' is outside [0, 1]"},
      {[](v1::Graph* g) { g->mutable_metadata()->mutable_competencies(0)->set_scale_max(0); },
       "metadata.competencies[0].scale_max", "competency 'tech': its scale needs scale_min < scale_max (got 0..0)"},
      {[](v1::Graph* g) {
         g->mutable_metadata()->clear_competencies();
         g->mutable_positions(0)->add_competencies()->set_competency("tech");
       },
       "competencies[0].competency",
       "position 1 ('a'): has a competency profile but the graph has no competency catalogue; declare the "
       "competencies in the metadata"},
  };
  for (const auto& c : cases) {
    v1::Graph g = base();
    c.change(&g);
    auto built = CareerGraph::Build(g);
    ASSERT_FALSE(built.ok()) << c.field;
    EXPECT_EQ(built.status().code(), v1::INVALID_DATA);
    EXPECT_EQ(built.status().field(), c.field);
    EXPECT_EQ(built.status().message(), c.message);
  }
}

TEST(CompetencyGap, HandMadeProfiles) {
  GraphPtr gp = Ladder();
  const CareerGraph& g = *gp;
  const Competencies& c = g.competencies();
  ASSERT_EQ(c.size(), 3u);
  const auto swe1 = c.Levels(V(g, "swe1"));
  EXPECT_EQ(swe1, (std::vector<double>{2, 1, 0}));
  // swe1 -> pm1: tech 0; people 0.5 x (3 - 1) = 1; strategy 3 - 0 = 3.
  MoveGap m = c.Explain(swe1, V(g, "pm1"));
  EXPECT_DOUBLE_EQ(m.total, 4.0);
  EXPECT_DOUBLE_EQ(m.max_growth, 3.0);
  ASSERT_EQ(m.items.size(), 3u);
  EXPECT_EQ(c.id(m.items[0].competency), "strategy");
  EXPECT_DOUBLE_EQ(m.items[0].weighted, 3.0);
  EXPECT_EQ(c.id(m.items[1].competency), "people");
  EXPECT_DOUBLE_EQ(m.items[1].growth, 2.0);
  EXPECT_DOUBLE_EQ(m.items[1].weighted, 1.0);
  EXPECT_EQ(c.id(m.items[2].competency), "tech");
  EXPECT_DOUBLE_EQ(m.items[2].growth, 0.0);
  // Directional: pm1 -> swe1 asks tech 0, people 0, strategy not named -> 0.
  EXPECT_DOUBLE_EQ(c.Gap(c.Levels(V(g, "pm1")), V(g, "swe1")), 0.0);
  // swe2 -> em1: people 4 - 2 = 2; tech 0.25 x max(0, 3 - 4) = 0.
  EXPECT_DOUBLE_EQ(c.Gap(c.Levels(V(g, "swe2")), V(g, "em1")), 2.0);
  // Carrying forward: after swe1 -> swe2 you hold (4, 2, 0).
  auto have = swe1;
  c.CarryForward(&have, V(g, "swe2"));
  EXPECT_EQ(have, (std::vector<double>{4, 2, 0}));
  // A lower requirement never lowers what you hold.
  c.CarryForward(&have, V(g, "pm1"));
  EXPECT_EQ(have, (std::vector<double>{4, 3, 3}));
}

TEST(CompetencyGap, MoveColumnsUseTheSourceProfile) {
  GraphPtr gp = Ladder();
  const CareerGraph& g = *gp;
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> want = {
      {{"swe1", "swe2"}, {3.0, 2.0}}, {{"swe1", "pm1"}, {4.0, 3.0}}, {{"swe2", "pm1"}, {3.5, 3.0}},
      {{"swe2", "em1"}, {2.0, 2.0}}};
  int seen = 0;
  for (EdgeId e = 0; e < g.num_transitions(); ++e) {
    auto it = want.find({g.position(g.source(e)).id(), g.position(g.target(e)).id()});
    if (it == want.end()) continue;
    ++seen;
    EXPECT_DOUBLE_EQ(g.competencies().move_gap(e), it->second.first) << it->first.first << "->" << it->first.second;
    EXPECT_DOUBLE_EQ(g.competencies().move_growth(e), it->second.second);
  }
  EXPECT_EQ(seen, 4);
}

TEST(CompetencyGap, PersonLevelsReplaceTheStartProfile) {
  GraphPtr gp = Ladder();
  const CareerGraph& g = *gp;
  google::protobuf::Map<std::string, double> have;
  have["People"] = 4;  // by name, case-insensitive
  auto levels = PersonLevels(g.competencies(), V(g, "swe1"), have);
  ASSERT_TRUE(levels.ok());
  EXPECT_EQ(*levels, (std::vector<double>{2, 4, 0}));
  have.clear();
  have["peple"] = 1;
  auto bad = PersonLevels(g.competencies(), V(g, "swe1"), have);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), v1::NOT_FOUND);
  EXPECT_EQ(bad.status().field(), "have.peple");
  EXPECT_EQ(bad.status().message(), "unknown competency 'peple'; did you mean 'people'? (known: tech, people, strategy)");
  have.clear();
  have["strategy"] = 5;
  auto out = PersonLevels(g.competencies(), V(g, "swe1"), have);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(out.status().field(), "have.strategy");
  EXPECT_EQ(out.status().message(), "level 5 of 'strategy' is outside its scale 0..4");
}

TEST(GapQuery, PairViaAndRoute) {
  GraphPtr gp = Ladder();
  const CareerGraph& g = *gp;
  v1::GapRequest req;
  req.set_from("Engineer");
  req.set_to("Product Manager");
  auto r = FindGap(g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->moves_size(), 1);
  EXPECT_TRUE(r->has_profiles());
  EXPECT_DOUBLE_EQ(r->moves(0).gap(), 4.0);
  EXPECT_DOUBLE_EQ(r->total_gap(), 4.0);
  ASSERT_EQ(r->moves(0).grow_size(), 2);
  EXPECT_EQ(r->moves(0).grow(0), "strategy");
  EXPECT_EQ(r->moves(0).grow(1), "people");
  EXPECT_EQ(r->moves(0).competencies(2).need_label(), "uses the stack");  // tech need 2: label at or below

  // Through Senior Engineer, carried forward: 3 + 3.5.
  req.add_via("swe2");
  r = FindGap(g, req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->moves_size(), 2);
  EXPECT_DOUBLE_EQ(r->moves(0).gap(), 3.0);
  EXPECT_DOUBLE_EQ(r->moves(1).gap(), 3.5);
  EXPECT_DOUBLE_EQ(r->total_gap(), 6.5);

  // The person's own levels.
  req.clear_via();
  (*req.mutable_have())["people"] = 4;
  r = FindGap(g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->moves(0).gap(), 3.0);

  // The best route's steps: the fastest Engineer -> Product Manager is the direct switch.
  req.clear_have();
  req.set_route(true);
  r = FindGap(g, req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->moves_size(), 1);
  EXPECT_EQ(r->moves(0).to_id(), "pm1");

  req.add_via("swe2");
  auto both = FindGap(g, req);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().field(), "via");
}

TEST(GapQuery, RouteStepsShowTheCarriedForwardGap) {
  GraphPtr gp = Ladder();
  v1::RouteRequest req;
  req.set_from("swe1");
  req.set_to("em1");
  auto r = FindRoute(*gp, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& route = r->routes(0);
  ASSERT_EQ(route.steps_size(), 3);  // swe1 -> swe2 -> em1
  EXPECT_DOUBLE_EQ(route.steps(0).gap(), 0.0);
  EXPECT_DOUBLE_EQ(route.steps(1).gap(), 3.0);
  EXPECT_DOUBLE_EQ(route.steps(2).gap(), 2.0);
  ASSERT_EQ(route.steps(2).grow_size(), 1);
  EXPECT_EQ(route.steps(2).grow(0), "people");
  EXPECT_DOUBLE_EQ(route.totals().gap(), 5.0);

  (*req.mutable_have())["nope"] = 1;
  auto bad = FindRoute(*gp, req);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "have.nope");
}

TEST(GapQuery, TradeoffRoutesShowTheSameGapsAsTheRouteQuery) {
  GraphPtr gp = Ladder();
  v1::TradeoffsRequest req;
  req.set_from("swe1");
  req.set_to("em1");
  (*req.mutable_have())["people"] = 1;
  auto t = FindTradeoffs(*gp, req);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_GT(t->routes_size(), 0);
  for (const auto& tr : t->routes()) {
    // The same steps asked of the route query (via its interior positions) carry the same gaps.
    v1::RouteRequest same;
    same.set_from("swe1");
    same.set_to("em1");
    (*same.mutable_have())["people"] = 1;
    for (int i = 1; i + 1 < tr.route().steps_size(); ++i)
      same.mutable_constraints()->add_via(tr.route().steps(i).position_id());
    auto r = FindRoute(*gp, same);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->routes(0).steps_size(), tr.route().steps_size());
    for (int i = 0; i < tr.route().steps_size(); ++i)
      EXPECT_DOUBLE_EQ(tr.route().steps(i).gap(), r->routes(0).steps(i).gap()) << "step " << i;
    EXPECT_DOUBLE_EQ(tr.route().totals().gap(), r->routes(0).totals().gap());
  }
  (*req.mutable_have())["nope"] = 1;
  auto bad = FindTradeoffs(*gp, req);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "have.nope");
}

TEST(GapQuery, ExpectedPlanAttemptsShowWhatToLearn) {
  GraphPtr gp = Ladder();
  v1::PlanRequest req;
  req.set_from("swe1");
  req.set_goal(v1::PLAN_GOAL_EXPECTED);
  req.set_horizon_years(10);
  auto p = MakePlan(*gp, req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  int attempts = 0;
  for (const auto& rule : p->expected().policy()) {
    if (rule.stay()) {
      EXPECT_EQ(rule.gap(), 0);
      continue;
    }
    ++attempts;
    v1::GapRequest pair;
    pair.set_from(rule.position_id());
    pair.set_to(rule.target_id());
    auto gap = FindGap(*gp, pair);
    ASSERT_TRUE(gap.ok()) << gap.status().ToString();
    // At the start the gap is the pair's; elsewhere what is surely held is at least the
    // position's own profile, so the gap is at most the pair's.
    if (rule.position_id() == "swe1") EXPECT_DOUBLE_EQ(rule.gap(), gap->total_gap()) << rule.target_id();
    else EXPECT_LE(rule.gap(), gap->total_gap() + 1e-12) << rule.position_id() << " -> " << rule.target_id();
    if (rule.gap() > 0) {
      EXPECT_GT(rule.grow_size(), 0);
    }
  }
  EXPECT_GT(attempts, 0);
}

TEST(GapQuery, SkillsWeightAndMaxGrowthChooseTheRoute) {
  GraphPtr gp = Ladder();
  // swe1 -> pm1 directly (gap 4, growth 3) or via swe2 (3 + 3.5 from the source profiles).
  v1::RouteRequest req;
  req.set_from("swe1");
  req.set_to("pm1");
  req.set_objective(v1::OBJECTIVE_BEST_FIT);
  req.mutable_weights()->set_skills(1);
  auto r = FindRoute(*gp, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->routes(0).steps_size(), 2);
  EXPECT_DOUBLE_EQ(r->routes(0).totals().cost(), 4.0);
  // No move may ask to grow any competency by more than 2 levels: both ways in are blocked.
  v1::RouteRequest capped;
  capped.set_from("swe1");
  capped.set_to("pm1");
  capped.mutable_constraints()->set_max_growth(2);
  auto none = FindRoute(*gp, capped);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), v1::NO_ROUTE);
  EXPECT_NE(none.status().message().find("constraints.max_growth 2"), std::string::npos) << none.status().message();
  capped.set_to("swe2");
  EXPECT_TRUE(FindRoute(*gp, capped).ok());
  capped.mutable_constraints()->set_max_gap(2.5);
  EXPECT_FALSE(FindRoute(*gp, capped).ok());  // swe1 -> swe2 has gap 3
  capped.mutable_constraints()->set_max_gap(-1);
  auto neg = FindRoute(*gp, capped);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.status().field(), "constraints.max_gap");
}

}  // namespace
}  // namespace careergraph
