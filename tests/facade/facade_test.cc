// The facade as an embedder uses it: only <careergraph/careergraph.h>.
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "careergraph/careergraph.h"

namespace {

using careergraph::Engine;
namespace v1 = careergraph::v1;

// A three-rung ladder: Engineer -> Senior -> Staff, and Engineer -> Staff directly (slower).
v1::Graph TinyLadder(const std::string& name = "tiny") {
  v1::Graph g;
  g.mutable_metadata()->set_name(name);
  g.mutable_metadata()->set_currency("USD");
  int level = 1;
  for (const char* id : {"eng", "senior", "staff"}) {
    auto* p = g.add_positions();
    p->set_id(id);
    p->set_title(std::string(id) + " engineer");
    p->set_org("acme");
    p->set_track("swe");
    p->set_level(level);
    p->set_annual_pay(100000.0 * level);
    p->set_ambiguity(0.1 * level);
    p->set_leadership(0.1 * level);
    ++level;
  }
  auto move = [&](const char* from, const char* to, v1::TransitionKind kind, double years, double p) {
    auto* t = g.add_transitions();
    t->set_from(from);
    t->set_to(to);
    t->set_kind(kind);
    t->set_years(years);
    t->set_probability(p);
  };
  move("eng", "senior", v1::TRANSITION_KIND_PROMOTION, 2, 0.8);
  move("senior", "staff", v1::TRANSITION_KIND_PROMOTION, 3, 0.6);
  move("eng", "staff", v1::TRANSITION_KIND_LATERAL, 7, 0.9);
  return g;
}

std::vector<std::string> Titles(const v1::Route& r) {
  std::vector<std::string> out;
  for (const auto& s : r.steps()) out.push_back(s.title());
  return out;
}

v1::RouteRequest Ask(const std::string& from, const std::string& to) {
  v1::RouteRequest req;
  req.set_from(from);
  req.set_to(to);
  return req;
}

TEST(Facade, RoutesOnTheDefaultLadderAsTheCliDoes) {
  auto engine = Engine::Open();
  ASSERT_TRUE(engine.ok()) << engine.error().message();
  auto r = engine->Route(Ask("Staff Software Engineer", "Director of Product"));
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->routes_size(), 1);
  EXPECT_EQ(Titles(r->routes(0)), (std::vector<std::string>{"Staff Software Engineer", "Principal Product Manager",
                                                             "Group Product Manager", "Director of Product"}));
  EXPECT_DOUBLE_EQ(r->routes(0).totals().years(), 8.0);
}

TEST(Facade, ErrorsAreTheRegistrysWithFieldAndSuggestions) {
  auto engine = Engine::Open("default");
  ASSERT_TRUE(engine.ok());
  auto r = engine->Route(Ask("Staf Software Enginer", "Director of Product"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), v1::NOT_FOUND);
  EXPECT_EQ(r.error().field(), "from");
  ASSERT_GT(r.error().suggestions_size(), 0);
  EXPECT_EQ(r.error().suggestions(0), "Staff Software Engineer");

  auto blocked = Ask("Staff Software Engineer", "Director of Product");
  blocked.mutable_constraints()->set_max_years(5);
  auto none = engine->Route(blocked);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code(), v1::NO_ROUTE);
}

TEST(Facade, OpeningAMissingFileFailsWithNotFound) {
  auto engine = Engine::Open("/nonexistent/ladder.yaml");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().code(), v1::NOT_FOUND);
  EXPECT_NE(engine.error().message().find("/nonexistent/ladder.yaml"), std::string::npos);
}

TEST(Facade, OpensAnInMemoryGraphAndChecksIt) {
  auto engine = Engine::Open(TinyLadder());
  ASSERT_TRUE(engine.ok()) << engine.error().message();
  auto r = engine->Route(Ask("eng", "staff"));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(Titles(r->routes(0)), (std::vector<std::string>{"eng engineer", "senior engineer", "staff engineer"}));
  auto info = engine->Info();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->name(), "tiny");
  EXPECT_EQ(info->positions(), 3u);
  EXPECT_EQ(info->generation(), 1u);

  v1::Graph bad = TinyLadder();
  bad.mutable_transitions(0)->set_to("nowhere");
  auto refused = Engine::Open(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), v1::INVALID_DATA);
}

TEST(Facade, EveryQueryAnswers) {
  auto engine = Engine::Open();
  ASSERT_TRUE(engine.ok());
  const std::string from = "Staff Software Engineer";

  v1::TradeoffsRequest t;
  t.set_from(from);
  t.set_to("Director of Product");
  t.add_criteria(v1::CRITERION_YEARS);
  t.add_criteria(v1::CRITERION_RISK);
  auto tr = engine->Tradeoffs(t);
  ASSERT_TRUE(tr.ok()) << tr.error().message();
  EXPECT_GT(tr->routes_size(), 0);

  v1::PlanRequest p;
  p.set_from(from);
  p.set_horizon_years(10);
  auto pr = engine->Plan(p);
  ASSERT_TRUE(pr.ok()) << pr.error().message();

  v1::ReachRequest re;
  re.set_from(from);
  re.set_within_years(5);
  auto rr = engine->Reach(re);
  ASSERT_TRUE(rr.ok()) << rr.error().message();
  EXPECT_GT(rr->positions_size(), 0);

  v1::NextRequest n;
  n.set_from(from);
  auto nr = engine->Next(n);
  ASSERT_TRUE(nr.ok()) << nr.error().message();
  EXPECT_GT(nr->moves_size(), 0);

  v1::CompareRequest c;
  c.set_from(from);
  c.add_tracks("pm");
  c.add_tracks("tpm");
  c.set_horizon_years(10);
  auto cr = engine->Compare(c);
  ASSERT_TRUE(cr.ok()) << cr.error().message();
  EXPECT_EQ(cr->options_size(), 2);

  v1::MatrixRequest m;
  m.add_from(from);
  m.add_to("Director of Product");
  m.add_to("Principal Engineer");
  auto mr = engine->Matrix(m);
  ASSERT_TRUE(mr.ok()) << mr.error().message();
  EXPECT_EQ(mr->rows_size(), 1);

  v1::PositionsRequest ps;
  ps.set_search("product");
  ps.set_limit(3);
  auto pos = engine->Positions(ps);
  ASSERT_TRUE(pos.ok()) << pos.error().message();
  EXPECT_EQ(pos->positions_size(), 3);
  EXPECT_TRUE(pos->more());

  auto an = engine->Analyze(v1::AnalyzeRequest());
  ASSERT_TRUE(an.ok()) << an.error().message();
  ASSERT_EQ(an->ladders_size(), 1);
  EXPECT_EQ(an->ladders(0).source(), "default");
  EXPECT_GT(an->ladders(0).tracks_size(), 0);
  EXPECT_NE(careergraph::AnalysisTableCsv(*an, "tracks").find("track"), std::string::npos);
  EXPECT_TRUE(careergraph::AnalysisTableCsv(*an, "no-such-table").empty());
}

TEST(Facade, ReloadAndSwapReplaceTheGraphAndAFailedOneKeepsIt) {
  auto engine = Engine::Open(TinyLadder("first"));
  ASSERT_TRUE(engine.ok());
  auto swapped = engine->Swap(TinyLadder("second"));
  ASSERT_TRUE(swapped.ok()) << swapped.error().message();
  EXPECT_EQ(swapped->previous().name(), "first");
  EXPECT_EQ(swapped->current().name(), "second");
  EXPECT_EQ(swapped->current().generation(), 2u);

  // An in-memory graph has no source to read again.
  auto again = engine->Reload();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), v1::FAILED_PRECONDITION);

  auto missing = engine->Reload("/nonexistent/ladder.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(engine->Info()->name(), "second");

  auto reloaded = engine->Reload("default");
  ASSERT_TRUE(reloaded.ok()) << reloaded.error().message();
  EXPECT_EQ(engine->Info()->source(), "default");
  EXPECT_TRUE(engine->Route(Ask("Staff Software Engineer", "Director of Product")).ok());
}

TEST(Facade, ConcurrentQueriesWhileTheGraphIsSwapped) {
  auto opened = Engine::Open(TinyLadder("a"));
  ASSERT_TRUE(opened.ok());
  Engine engine = std::move(opened).value();
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, failed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        auto r = engine.Route(Ask("eng", "staff"));
        // Every graph swapped in has this route; an answer never mixes two graphs.
        if (r.ok() && r->routes(0).steps_size() == 3) ++answered;
        else ++failed;
      }
    });
  }
  // Swap at least 50 times, and until the readers have answered many times in between.
  int swaps = 0;
  for (; swaps < 50 || answered.load() < 1000; ++swaps) ASSERT_TRUE(engine.Swap(TinyLadder(swaps % 2 ? "a" : "b")).ok());
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(answered.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(engine.Info()->generation(), static_cast<std::uint64_t>(swaps) + 1);
}

}  // namespace
