// Matrix on a hand-made ladder, against `route` and every simple path on random small
// ladders, and every request error including the cell limit.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/matrix.h"
#include "engine/route.h"
#include "engine/search.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

GraphPtr Ladder() {
  return testing::EngineerLadder(false);
}

v1::MatrixRequest Req(std::vector<std::string> from, std::vector<std::string> to, v1::Objective o = v1::OBJECTIVE_FASTEST) {
  v1::MatrixRequest r;
  for (auto& f : from) r.add_from(f);
  for (auto& t : to) r.add_to(t);
  r.set_objective(o);
  return r;
}

TEST(Matrix, YearsMovesProbabilityAndCost) {
  auto g = Ladder();
  auto r = ComputeMatrix(*g, Req({"Engineer", "Manager"}, {"Staff Engineer", "sr", "eng"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows_size(), 2);
  ASSERT_EQ(r->to_size(), 3);
  EXPECT_EQ(r->to(0).position_id(), "staff");
  EXPECT_EQ(r->cells(), 6u);
  EXPECT_EQ(r->reachable_cells(), 4u);
  const auto& eng = r->rows(0);
  EXPECT_EQ(eng.from().position_id(), "eng");
  EXPECT_TRUE(eng.cells(0).reachable());
  EXPECT_DOUBLE_EQ(eng.cells(0).years(), 2);
  EXPECT_EQ(eng.cells(0).moves(), 2u);
  EXPECT_NEAR(eng.cells(0).probability(), 0.27, 1e-12);
  EXPECT_DOUBLE_EQ(eng.cells(0).cost(), 2);
  EXPECT_DOUBLE_EQ(eng.cells(1).years(), 2);
  EXPECT_TRUE(eng.cells(2).reachable());  // to itself
  EXPECT_EQ(eng.cells(2).moves(), 0u);
  const auto& mgr = r->rows(1);
  EXPECT_DOUBLE_EQ(mgr.cells(0).years(), 1);
  EXPECT_FALSE(mgr.cells(1).reachable());
  EXPECT_FALSE(mgr.cells(2).reachable());
}

TEST(Matrix, ObjectiveAndFilters) {
  auto g = Ladder();
  auto r = ComputeMatrix(*g, Req({"eng"}, {"staff"}, v1::OBJECTIVE_SAFEST));
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->rows(0).cells(0).years(), 5);  // via Senior: 40% beats 27%
  EXPECT_NEAR(r->rows(0).cells(0).probability(), 0.4, 1e-12);
  EXPECT_NEAR(r->rows(0).cells(0).cost(), -std::log(0.4), 1e-12);
  EXPECT_EQ(r->objective(), v1::OBJECTIVE_SAFEST);
  r = ComputeMatrix(*g, Req({"eng"}, {"staff"}, v1::OBJECTIVE_FEWEST_MOVES));
  EXPECT_DOUBLE_EQ(r->rows(0).cells(0).cost(), 2);
  auto req = Req({"eng", "mgr"}, {"staff", "mgr"});
  req.mutable_constraints()->add_avoid_tracks("mgmt");
  r = ComputeMatrix(*g, req);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->rows(0).cells(0).years(), 5);
  // Excluded endpoints have no route, as in `route`.
  EXPECT_FALSE(r->rows(0).cells(1).reachable());
  EXPECT_FALSE(r->rows(1).cells(0).reachable());
  EXPECT_FALSE(r->rows(1).cells(1).reachable());
}

TEST(MatrixProperty, AgreesWithRouteAndEverySimplePath) {
  std::mt19937 rng(8080);
  int cells = 0;
  for (int iter = 0; iter < 200; ++iter) {
    SCOPED_TRACE("iteration " + std::to_string(iter));
    auto gr = CareerGraph::Build(testing::RandomGraph(rng));
    ASSERT_TRUE(gr.ok());
    const CareerGraph& g = **gr;
    const v1::Objective objectives[] = {v1::OBJECTIVE_FASTEST, v1::OBJECTIVE_SAFEST, v1::OBJECTIVE_FEWEST_MOVES};
    const v1::Objective o = objectives[rng() % 3];
    v1::MatrixRequest req;
    req.set_objective(o);
    for (int i = 0; i < 3; ++i) req.add_from(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    for (int i = 0; i < 4; ++i) req.add_to(g.position(static_cast<Vertex>(rng() % g.num_positions())).id());
    auto r = ComputeMatrix(g, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (int i = 0; i < req.from_size(); ++i)
      for (int j = 0; j < req.to_size(); ++j) {
        const auto& cell = r->rows(i).cells(j);
        const Vertex s = g.index().FindId(req.from(i)), t = g.index().FindId(req.to(j));
        double best = kInf;
        testing::ForEachSimplePath(g, s, t, [](EdgeId) { return true; }, [&](const std::vector<EdgeId>& path) {
          double c = 0;
          for (EdgeId e : path) c += o == v1::OBJECTIVE_FASTEST ? g.years(e) : o == v1::OBJECTIVE_SAFEST ? g.risk(e) : 1.0;
          best = std::min(best, c);
          return true;
        });
        ASSERT_EQ(cell.reachable(), best < kInf);
        if (!cell.reachable()) continue;
        ++cells;
        EXPECT_NEAR(cell.cost(), best, 1e-9);
        v1::RouteRequest rr;
        rr.set_from(req.from(i));
        rr.set_to(req.to(j));
        rr.set_objective(o);
        auto route = FindRoute(g, rr);
        ASSERT_TRUE(route.ok()) << route.status().ToString();
        EXPECT_NEAR(route->routes(0).totals().cost(), cell.cost(), 1e-9);
        if (o == v1::OBJECTIVE_FEWEST_MOVES) {
          EXPECT_NEAR(route->routes(0).totals().years(), cell.years(), 1e-9);
        }
      }
  }
  EXPECT_GT(cells, 1000);
}

TEST(MatrixErrors, EveryBadRequestNamesItsField) {
  auto g = Ladder();
  struct Bad {
    std::string name;
    v1::MatrixRequest req;
    v1::ErrorCode code;
    std::string field;
  };
  auto with = [](v1::MatrixRequest r, auto change) {
    change(&r);
    return r;
  };
  const std::vector<Bad> cases = {
      {"no origins", Req({}, {"sr"}), v1::INVALID_ARGUMENT, "from"},
      {"no destinations", Req({"eng"}, {}), v1::INVALID_ARGUMENT, "to"},
      {"unknown origin", Req({"eng", "Enginer"}, {"sr"}), v1::NOT_FOUND, "from[1]"},
      {"unknown destination", Req({"eng"}, {"Staf Engineer"}), v1::NOT_FOUND, "to[0]"},
      {"via", with(Req({"eng"}, {"sr"}), [](auto* r) { r->mutable_constraints()->add_via("mgr"); }),
       v1::INVALID_ARGUMENT, "constraints.via"},
      {"max moves", with(Req({"eng"}, {"sr"}), [](auto* r) { r->mutable_constraints()->set_max_moves(1); }),
       v1::INVALID_ARGUMENT, "constraints.max_moves"},
      {"bad min leadership", with(Req({"eng"}, {"sr"}), [](auto* r) { r->set_min_leadership(3); }),
       v1::INVALID_ARGUMENT, "min_leadership"},
  };
  for (const auto& c : cases) {
    auto r = ComputeMatrix(*g, c.req);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r.status().field(), c.field) << c.name << ": " << r.status().ToString();
  }
  auto bad_weights = Req({"eng"}, {"sr"}, v1::OBJECTIVE_BEST_FIT);
  bad_weights.mutable_weights()->set_years(-1);
  auto r = ComputeMatrix(*g, bad_weights);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::INVALID_ARGUMENT) << r.status().ToString();
}

TEST(MatrixErrors, CellLimitIsClear) {
  auto g = Ladder();
  MatrixLimits limits;
  limits.max_cells = 3;
  auto r = ComputeMatrix(*g, Req({"eng", "mgr"}, {"staff", "sr"}), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::TOO_LARGE);
  EXPECT_EQ(r.status().message(),
            "2 origins x 2 destinations = 4 cells exceeds the limit of 3; split the request");
  // The default limit is 10,000 cells.
  v1::MatrixRequest big;
  for (int i = 0; i < 101; ++i) big.add_from("eng");
  for (int i = 0; i < 100; ++i) big.add_to("sr");
  r = ComputeMatrix(*g, big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::TOO_LARGE);
  big.mutable_from()->RemoveLast();
  r = ComputeMatrix(*g, big);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

}  // namespace
}  // namespace careergraph
