// Reload off the request path: a reload swaps a large graph in before its landmark tables
// exist and builds them in the background; requests on it are answered meanwhile and never
// build them; a reload stops the replaced graph's build instead of waiting for it (and
// leaves it running when the new graph is refused); a replaced graph is freed on the
// holder's own thread, not on the request thread that let go of it last.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "engine/best_fit_tables.h"
#include "engine/cost.h"
#include "engine/route.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"
#include "tools/server/graph_holder.h"
#include "tools/server/service.h"
#include "tools/server/table_warmer.h"

namespace careergraph::server {
namespace {

// Above RouteLimits::landmark_min_positions, so the server gives it tables.
GraphPtr LargeGraph(unsigned seed) {
  std::mt19937 rng(seed);
  careergraph::testing::RandomGraphOptions opt;
  opt.min_positions = opt.max_positions = 6000;
  opt.edge_probability = 0.001;
  auto built = CareerGraph::Build(careergraph::testing::RandomGraph(rng, opt));
  if (!built.ok()) throw std::runtime_error(built.status().ToString());
  return *built;
}

// Polls until the tables are built; gives up after two minutes (a hang, not a timing check).
bool TablesBuilt(const GraphPtr& g) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!g->landmarks_built() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return g->landmarks_built();
}

// A constrained route (a goal-directed search, where tables would help) with the server's
// limits: answered, with or without tables.
void ExpectConstrainedRouteAnswered(const CareerGraph& g) {
  v1::RouteRequest req;
  req.set_from(g.position(0).id());
  req.set_to(g.position(1).id());
  req.mutable_constraints()->add_avoid_kinds(v1::TRANSITION_KIND_LATERAL);
  auto r = FindRoute(g, req, ServingLimits().route);
  EXPECT_TRUE(r.ok() || r.status().code() == v1::NO_ROUTE) << r.status().ToString();
}

TEST(ServerReload, SwapsFirstAndBuildsTablesInTheBackground) {
  const GraphPtr g = LargeGraph(18);
  GraphHolder holder([&](const std::string&) -> StatusOr<GraphPtr> { return g; });
  ASSERT_TRUE(holder.Reload("large").ok());
  ASSERT_EQ(holder.Current()->graph, g);

  // Answered whether or not the tables are built yet, without building them.
  ExpectConstrainedRouteAnswered(*g);
  // Reloading the very same graph (a loader that caches) keeps its build going.
  ASSERT_TRUE(holder.Reload("large").ok());
  EXPECT_TRUE(TablesBuilt(g));
}

// Which graphs get tables follows the served limits: a service whose routes use tables from
// 100 positions on has a 300-position graph's built (and /metrics says so); with the default
// limits (5,000) that graph is ready as it is, and none are built for it.
TEST(ServerReload, TheServedLimitsSayWhichGraphsGetTables) {
  for (const std::uint32_t min_positions : {100u, RouteLimits{}.landmark_min_positions}) {
    SCOPED_TRACE(min_positions);
    std::mt19937 rng(5);
    careergraph::testing::RandomGraphOptions opt;
    opt.min_positions = opt.max_positions = 300;
    auto built = CareerGraph::Build(careergraph::testing::RandomGraph(rng, opt));
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const GraphPtr g = *built;
    auto holder = std::make_shared<GraphHolder>([&](const std::string&) -> StatusOr<GraphPtr> { return g; });
    ServiceOptions opts;
    opts.log_requests = false;
    opts.limits.route.landmark_min_positions = min_positions;
    Service service(opts, holder, DefaultEndpoints());
    ASSERT_TRUE(holder->Reload("small").ok());
    if (min_positions == 100) {
      EXPECT_TRUE(TablesBuilt(g));
      EXPECT_NE(service.RenderMetrics().find("careergraph_graph_landmarks_ready 1\n"), std::string::npos);
    } else {
      EXPECT_NE(service.RenderMetrics().find("careergraph_graph_landmarks_ready 1\n"), std::string::npos);
      // Reloading the same graph would keep a build going; with none started, none ends.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      EXPECT_FALSE(g->landmarks_built());
    }
  }
}

// Through the service, as a request after a start or a reload runs: with the background
// build held off, constrained routes in every metric (the searches that would use tables)
// are answered and leave the graph without tables.
TEST(ServerReload, RequestsAfterAStartOrReloadNeverBuildTables) {
  std::vector<GraphPtr> loaded;
  auto holder = std::make_shared<GraphHolder>([&](const std::string&) -> StatusOr<GraphPtr> {
    loaded.push_back(LargeGraph(100 + static_cast<unsigned>(loaded.size())));
    return loaded.back();
  });
  holder->set_warm_tables(false);
  ServiceOptions opts;
  opts.log_requests = false;
  Service service(opts, holder, DefaultEndpoints());

  for (int generation = 1; generation <= 2; ++generation) {
    ASSERT_TRUE(holder->Reload("large").ok());
    const GraphPtr g = holder->Current()->graph;
    ASSERT_EQ(g, loaded.back());
    for (const char* objective : {"OBJECTIVE_FASTEST", "OBJECTIVE_FEWEST_MOVES", "OBJECTIVE_SAFEST"}) {
      for (int pair = 0; pair < 4; ++pair) {
        HttpRequest req;
        req.method = "POST";
        req.target = "/v1/route";
        req.content_type = "application/json";
        req.body = std::string(R"({"from": ")") + g->position(pair).id() + R"(", "to": ")" +
                   g->position(5999 - pair).id() + R"(", "objective": ")" + objective +
                   R"(", "constraints": {"avoidKinds": ["TRANSITION_KIND_LATERAL"]}})";
        Service::Plan plan = service.Prepare(std::move(req), Clock::now() + std::chrono::minutes(10));
        ASSERT_FALSE(plan.now) << plan.now->body;
        const HttpResponse resp = plan.work(&plan.meta);
        EXPECT_TRUE(resp.status == 200 || resp.status == 422) << resp.status << " " << resp.body;
      }
    }
    EXPECT_FALSE(g->landmarks_built()) << "generation " << generation;
    EXPECT_NE(service.RenderMetrics().find("careergraph_graph_landmarks_ready 0\n"), std::string::npos);
    EXPECT_NE(service.RenderMetrics().find("careergraph_graph_best_fit_tables 0\n"), std::string::npos);
    EXPECT_NE(service.RenderMetrics().find("careergraph_graph_huge_pages_ready 0\n"), std::string::npos);
  }
}

// After its tables, the warmer moves the graph's blocks to huge pages (engine/huge_pages.h)
// and /metrics says so; a reload starts over for the new graph, and the replaced graph's
// promotion no longer counts.
TEST(ServerReload, AfterItsTablesTheGraphIsPromotedToHugePagesAndMetricsSaySo) {
  std::vector<GraphPtr> loaded;
  auto holder = std::make_shared<GraphHolder>([&](const std::string&) -> StatusOr<GraphPtr> {
    loaded.push_back(LargeGraph(200 + static_cast<unsigned>(loaded.size())));
    return loaded.back();
  });
  ServiceOptions opts;
  opts.log_requests = false;
  Service service(opts, holder, DefaultEndpoints());
  // Polls /metrics until the graph is in huge pages; gives up after two minutes (a hang).
  auto promoted = [&] {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (service.RenderMetrics().find("careergraph_graph_huge_pages_ready 1\n") == std::string::npos) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  };
  ASSERT_TRUE(holder->Reload("large").ok());
  EXPECT_TRUE(promoted());
  EXPECT_TRUE(loaded[0]->landmarks_built()) << "tables first";
  ASSERT_TRUE(holder->Reload("large").ok());
  EXPECT_FALSE(holder->InHugePages(loaded[0].get())) << "the replaced graph";
  EXPECT_TRUE(promoted());
  EXPECT_TRUE(holder->InHugePages(loaded[1].get()));
}

// Starting the next graph's build stops the one in progress; the next graph gets its
// tables, and the stopped one still answers (plain searches).
TEST(ServerReload, AStartedBuildStopsThePreviousOne) {
  const GraphPtr first = LargeGraph(7), second = LargeGraph(8);
  TableWarmer warmer;
  warmer.Start(first);
  warmer.Start(second);
  warmer.Wait();
  EXPECT_TRUE(second->landmarks_built());
  ExpectConstrainedRouteAnswered(*first);
}

// Once its tables are built the warmer stays with the graph and builds the tables of the
// best-fit weighting that requests keep asking for; a route then reads them, with the same
// cost as before.
TEST(ServerReload, TheWarmerBuildsTheTablesOfAWeightingAskedForOften) {
  const GraphPtr g = LargeGraph(11);
  TableWarmer warmer;
  warmer.Start(g);
  warmer.Wait();
  ASSERT_TRUE(g->landmarks_built());
  v1::RouteRequest req;
  req.set_objective(v1::OBJECTIVE_BEST_FIT);
  req.mutable_weights()->set_years(1);
  req.mutable_weights()->set_risk(0.5);
  req.mutable_weights()->set_pay(2);
  const RouteLimits limits = ServingLimits().route;
  std::vector<double> before;
  for (std::uint64_t i = 0; i < BestFitTables::kWantedAfterUses; ++i) {
    req.set_from(g->position(static_cast<Vertex>(i)).id());
    req.set_to(g->position(static_cast<Vertex>(5999 - i)).id());
    auto r = FindRoute(*g, req, limits);
    before.push_back(r.ok() ? r->routes(0).totals().cost() : -1);
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (g->best_fit_tables().size() == 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(g->best_fit_tables().size(), 1u);
  auto cost = CostModel::Make(*g, v1::OBJECTIVE_BEST_FIT, req.weights());
  ASSERT_TRUE(cost.ok());
  EXPECT_NE(g->best_fit_tables().Find(cost->weights()), nullptr);
  for (std::uint64_t i = 0; i < BestFitTables::kWantedAfterUses; ++i) {
    req.set_from(g->position(static_cast<Vertex>(i)).id());
    req.set_to(g->position(static_cast<Vertex>(5999 - i)).id());
    auto r = FindRoute(*g, req, limits);
    EXPECT_EQ(r.ok() ? r->routes(0).totals().cost() : -1, before[i]) << req.ShortDebugString();
  }
  warmer.Cancel();  // stops the polling thread
}

TEST(ServerReload, ARefusedReloadLeavesTheServingGraphItsTables) {
  const GraphPtr g = LargeGraph(9);
  int calls = 0;
  GraphHolder holder([&](const std::string&) -> StatusOr<GraphPtr> {
    if (calls++ == 0) return g;
    return Status::InvalidData("broken snapshot");
  });
  ASSERT_TRUE(holder.Reload("large").ok());
  // The reload fails; the graph that keeps serving still gets its tables.
  EXPECT_FALSE(holder.Reload("large").ok());
  EXPECT_EQ(holder.Current()->graph, g);
  EXPECT_TRUE(TablesBuilt(g));
}

TEST(ServerReload, AReplacedGraphIsFreedOffTheThreadThatLetItGo) {
  std::mutex mu;
  std::condition_variable cv;
  bool freed = false;
  std::thread::id freed_on;
  int loads = 0;
  GraphHolder holder([&](const std::string&) -> StatusOr<GraphPtr> {
    auto built = CareerGraph::Build(careergraph::testing::MakeGraph(
        {"a|A|x|1|100|0.1|0.1", "b|B|x|2|200|0.2|0.2"}, {"a>b|promotion|1|0.9"}));
    if (!built.ok()) return built.status();
    if (loads++ > 0) return *built;
    // The first graph tells which thread frees it.
    GraphPtr inner = *built;
    return GraphPtr(inner.get(), [inner, &mu, &cv, &freed, &freed_on](const CareerGraph*) mutable {
      inner.reset();
      std::lock_guard<std::mutex> lock(mu);
      freed = true;
      freed_on = std::this_thread::get_id();
      cv.notify_all();
    });
  });
  ASSERT_TRUE(holder.Reload("first").ok());
  SnapshotPtr in_flight = holder.Current();  // as a request holds it
  ASSERT_TRUE(holder.Reload("first").ok());
  in_flight.reset();  // the last reference to the first graph
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return freed; });
  EXPECT_NE(freed_on, std::this_thread::get_id());
}

}  // namespace
}  // namespace careergraph::server
