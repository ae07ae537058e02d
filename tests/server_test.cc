// The HTTP server, called over HTTP on a loopback port: answers equal the CLI's, every error
// path, limits, admin, CORS, reload under load and graceful stop.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <limits>
#include <random>
#include <regex>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "careergraph/v1/next.pb.h"
#include "careergraph/v1/reach.pb.h"
#include "careergraph/v1/route.pb.h"
#include "careergraph/v1/service.pb.h"
#include "careergraph/v1/tradeoffs.pb.h"
#include "engine/errors.h"
#include "engine/pareto.h"
#include "engine/route.h"
#include "io/csv_reader.h"
#include "io/graph_source.h"
#include "render/csv.h"
#include "tests/test_util.h"
#include "tools/server/codec.h"
#include "tools/server/json_parse.h"
#include "tools/server/json_print.h"
#include "tools/server/server.h"

extern char** environ;

namespace careergraph::server {
namespace {

using careergraph::testing::MakeGraph;
using careergraph::testing::RunCli;
using careergraph::testing::TempPath;
using careergraph::testing::WriteText;
using google::protobuf::util::MessageDifferencer;

constexpr const char* kHost = "127.0.0.1";
constexpr const char* kJson = "application/json";
constexpr const char* kPb = "application/x-protobuf";

template <typename M>
M FromJson(const std::string& text) {
  M m;
  const auto st = google::protobuf::util::JsonStringToMessage(text, &m);
  if (!st.ok()) throw std::runtime_error("bad JSON in test: " + std::string(st.message()) + "\n" + text);
  return m;
}

std::string ToJsonText(const google::protobuf::Message& m) {
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(m, &out);
  return out;
}

// Asserts an error answer: the HTTP status is the registry's for `code`, the body is a
// careergraph.v1.Error with that code. Returns the error.
v1::Error ExpectError(const httplib::Result& res, v1::ErrorCode code, bool binary = false) {
  v1::Error e;
  EXPECT_TRUE(res) << "no response";
  if (!res) return e;
  EXPECT_EQ(res->status, LookupError(code).http_status) << res->body;
  if (binary) {
    EXPECT_EQ(res->get_header_value("Content-Type"), kPb);
    EXPECT_TRUE(e.ParseFromString(res->body));
  } else {
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    e = FromJson<v1::Error>(res->body);
  }
  EXPECT_EQ(e.code(), code) << res->body;
  EXPECT_FALSE(e.message().empty());
  return e;
}

// A door tests can hold shut: requests to the endpoint that waits on it block in a worker
// until Open().
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  int entered = 0;
  bool open = false;

  void Pass() {
    std::unique_lock<std::mutex> lock(mu);
    ++entered;
    cv.notify_all();
    cv.wait(lock, [this] { return open; });
  }
  void WaitEntered(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return entered >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

// The default endpoints plus /test/block (waits on the gate, answers with the version of the
// graph it started on) and /test/throw.
EndpointRegistry TestEndpoints(std::shared_ptr<Gate> gate) {
  EndpointRegistry r = DefaultEndpoints();
  Register<v1::HealthRequest, v1::Health>(r, "/test/block",
                                          [gate](const CallContext& ctx, const v1::HealthRequest&) -> StatusOr<v1::Health> {
                                            gate->Pass();
                                            v1::Health h;
                                            h.set_status("done");
                                            h.set_graph_version(ctx.snapshot.version());
                                            return h;
                                          });
  Register<v1::HealthRequest, v1::Health>(r, "/test/throw", [](const CareerGraph&, const v1::HealthRequest&) -> StatusOr<v1::Health> {
    throw std::runtime_error("secret internal detail");
  });
  return r;
}

ServerOptions QuietOptions() {
  ServerOptions o;
  o.transport.host = kHost;
  o.transport.port = 0;
  o.transport.threads = 2;
  o.service.log_requests = false;
  return o;
}

std::unique_ptr<Server> StartServer(ServerOptions o = QuietOptions(), EndpointRegistry endpoints = DefaultEndpoints()) {
  auto s = Server::Start(std::move(o), std::move(endpoints));
  if (!s.ok()) throw std::runtime_error("server did not start: " + s.status().ToString());
  return std::move(s).value();
}

httplib::Client Client(const Server& s) {
  httplib::Client c(kHost, s.port());
  c.set_read_timeout(60, 0);
  return c;
}

v1::RouteRequest Route(const std::string& from, const std::string& to) {
  v1::RouteRequest r;
  r.set_from(from);
  r.set_to(to);
  return r;
}

// ---- answers equal the CLI's ----------------------------------------------------------

TEST(ServerTest, RouteJsonEqualsCli) {
  auto server = StartServer();
  auto c = Client(*server);
  struct Case {
    std::vector<std::string> flags;
    std::string body;
  };
  const std::vector<Case> cases = {
      {{"--from", "Software Engineer", "--to", "Senior Product Manager"},
       R"({"from": "Software Engineer", "to": "Senior Product Manager"})"},
      {{"--from", "swe-l4", "--to", "Director of Product", "--objective", "safest"},
       R"({"from": "swe-l4", "to": "Director of Product", "objective": "OBJECTIVE_SAFEST"})"},
      // Alternatives go through the same endpoint.
      {{"--from", "Software Engineer", "--to", "Director of Engineering", "-k", "3"},
       R"({"from": "Software Engineer", "to": "Director of Engineering", "alternatives": 3})"},
      {{"--from", "Software Engineer", "--to", "VP of Product", "--avoid-track", "tpm", "--max-moves", "8"},
       R"({"from": "Software Engineer", "to": "VP of Product", "constraints": {"avoidTracks": ["tpm"], "max_moves": 8}})"},
  };
  for (const auto& tc : cases) {
    auto args = tc.flags;
    args.insert(args.begin(), "route");
    args.insert(args.end(), {"--format", "json"});
    auto cli = RunCli(args);
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    auto res = c.Post("/v1/route", tc.body, kJson);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    EXPECT_EQ(res->get_header_value("X-Graph-Version"), "2026.1");
    const auto http = FromJson<v1::RouteResponse>(res->body);
    const auto expected = FromJson<v1::RouteResponse>(cli.out);
    EXPECT_TRUE(MessageDifferencer::Equals(http, expected)) << tc.body << "\nHTTP: " << res->body << "\nCLI: " << cli.out;
    EXPECT_GE(http.routes_size(), 1);
  }
}

TEST(ServerTest, RouteProtobufEqualsCli) {
  auto server = StartServer();
  auto c = Client(*server);
  auto cli = RunCli({"route", "--from", "Software Engineer", "--to", "Director of Product", "--objective", "fewest-moves",
                     "--format", "pb"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  v1::RouteRequest req = Route("Software Engineer", "Director of Product");
  req.set_objective(v1::OBJECTIVE_FEWEST_MOVES);
  auto res = c.Post("/v1/route", {{"Accept", kPb}}, req.SerializeAsString(), kPb);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), kPb);
  v1::RouteResponse http, expected;
  ASSERT_TRUE(http.ParseFromString(res->body));
  ASSERT_TRUE(expected.ParseFromString(cli.out));
  EXPECT_TRUE(MessageDifferencer::Equals(http, expected)) << http.DebugString() << "\nvs\n" << expected.DebugString();
  // The same serialiser on both sides: the bytes agree too.
  EXPECT_EQ(res->body, cli.out);

  // Binary in, JSON out (no Accept) and JSON in, binary out are the same message.
  auto json_out = c.Post("/v1/route", req.SerializeAsString(), kPb);
  ASSERT_TRUE(json_out);
  EXPECT_TRUE(MessageDifferencer::Equals(FromJson<v1::RouteResponse>(json_out->body), expected));
  auto pb_out = c.Post("/v1/route", {{"Accept", "application/x-protobuf, application/json;q=0.5"}}, ToJsonText(req), kJson);
  ASSERT_TRUE(pb_out);
  EXPECT_EQ(pb_out->body, cli.out);
}

TEST(ServerTest, TradeoffsEqualsCli) {
  auto server = StartServer();
  auto c = Client(*server);
  auto cli = RunCli({"tradeoffs", "--from", "Software Engineer", "--to", "Director of Product", "--criteria", "years,risk",
                     "--format", "json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto res = c.Post("/v1/tradeoffs",
                    R"({"from": "Software Engineer", "to": "Director of Product", "criteria": ["CRITERION_YEARS", "CRITERION_RISK"]})",
                    kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto http = FromJson<v1::TradeoffsResponse>(res->body);
  EXPECT_TRUE(MessageDifferencer::Equals(http, FromJson<v1::TradeoffsResponse>(cli.out))) << res->body;
  EXPECT_GE(http.routes_size(), 1);
}

// Every other query endpoint answers what its CLI command prints, in JSON and in binary.
TEST(ServerTest, EveryQueryEndpointEqualsItsCliCommand) {
  auto server = StartServer();
  auto c = Client(*server);
  const EndpointRegistry registry = DefaultEndpoints();
  struct Case {
    std::string path;
    std::vector<std::string> cli;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"/v1/plan", {"plan", "--from", "Software Engineer", "-n", "10", "--goal", "expected"},
       R"({"from": "Software Engineer", "horizonYears": 10, "goal": "PLAN_GOAL_EXPECTED"})"},
      {"/v1/plan", {"plan", "--from", "swe-l4", "-n", "12", "--end-track", "pm"},
       R"({"from": "swe-l4", "horizon_years": 12, "endTrack": "pm"})"},
      {"/v1/reach", {"reach", "--from", "swe-l4", "-n", "6", "--sort", "pay"},
       R"({"from": "swe-l4", "withinYears": 6, "sort": "REACH_SORT_PAY"})"},
      {"/v1/next", {"next", "--from", "swe-l5", "-k", "3"}, R"({"from": "swe-l5", "top": 3})"},
      {"/v1/compare", {"compare", "--from", "swe-l4", "--tracks", "pm,tpm", "-n", "8"},
       R"({"from": "swe-l4", "tracks": ["pm", "tpm"], "horizonYears": 8})"},
      {"/v1/matrix", {"matrix", "--from", "swe-l3,pm-l3", "--to", "em-l8,pm-l8,tpm-l6", "--objective", "safest"},
       R"({"from": ["swe-l3", "pm-l3"], "to": ["em-l8", "pm-l8", "tpm-l6"], "objective": "OBJECTIVE_SAFEST"})"},
  };
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.path + " " + tc.body);
    const Endpoint* ep = registry.Find(tc.path);
    ASSERT_NE(ep, nullptr);
    auto args = tc.cli;
    args.insert(args.end(), {"--format", "json"});
    auto cli = RunCli(args);
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    std::unique_ptr<google::protobuf::Message> expected(factory->GetPrototype(ep->response_type)->New());
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(cli.out, expected.get()).ok());

    auto res = c.Post(tc.path, tc.body, kJson);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::unique_ptr<google::protobuf::Message> http(expected->New());
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, http.get()).ok());
    EXPECT_TRUE(MessageDifferencer::Equals(*http, *expected)) << res->body << "\nCLI: " << cli.out;

    std::unique_ptr<google::protobuf::Message> request(factory->GetPrototype(ep->request_type)->New());
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(tc.body, request.get()).ok());
    auto pb = c.Post(tc.path, {{"Accept", kPb}}, request->SerializeAsString(), kPb);
    ASSERT_TRUE(pb);
    ASSERT_EQ(pb->status, 200);
    std::unique_ptr<google::protobuf::Message> binary(expected->New());
    ASSERT_TRUE(binary->ParseFromString(pb->body));
    EXPECT_TRUE(MessageDifferencer::Equals(*binary, *expected));
  }
  // The engines' own validation and the server's limits come back as errors.
  ExpectError(c.Post("/v1/plan", R"({"from": "swe-l4", "horizonYears": 500})", kJson), v1::TOO_LARGE);
  ExpectError(c.Post("/v1/next", R"({"from": "swe-l99"})", kJson), v1::NOT_FOUND);
}

TEST(ServerTest, MatrixCellsAreLimited) {
  auto o = QuietOptions();
  o.service.limits.matrix.max_cells = 4;
  auto server = StartServer(o);
  auto c = Client(*server);
  auto ok = c.Post("/v1/matrix", R"({"from": ["swe-l3", "pm-l3"], "to": ["em-l8", "pm-l8"]})", kJson);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  ExpectError(c.Post("/v1/matrix", R"({"from": ["swe-l3", "pm-l3"], "to": ["em-l8", "pm-l8", "tpm-l6"]})", kJson),
              v1::TOO_LARGE);
}

TEST(ServerTest, PositionsEqualCli) {
  auto server = StartServer();
  auto c = Client(*server);
  auto cli = RunCli({"positions", "--search", "product", "--limit", "3", "--format", "json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const auto expected = FromJson<v1::PositionsResponse>(cli.out);
  auto res = c.Get("/v1/positions?search=product&limit=3");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto http = FromJson<v1::PositionsResponse>(res->body);
  ASSERT_EQ(http.positions_size(), expected.positions_size());
  for (int i = 0; i < http.positions_size(); ++i)
    EXPECT_TRUE(MessageDifferencer::Equals(http.positions(i), expected.positions(i))) << i;
  EXPECT_TRUE(http.more());
  EXPECT_EQ(http.total_positions(), 25u);
  EXPECT_EQ(http.graph_version(), "2026.1");

  // Percent-encoded text and JSON field names work too; no search lists from the top.
  c.set_url_encode(false);  // send the query string exactly as written
  auto spaced = c.Get("/v1/positions?search=Director%20of+Product");
  ASSERT_TRUE(spaced);
  ASSERT_EQ(spaced->status, 200) << spaced->body;
  EXPECT_EQ(FromJson<v1::PositionsResponse>(spaced->body).positions(0).id(), "pm-l8");
  auto all = c.Get("/v1/positions");
  ASSERT_TRUE(all);
  EXPECT_EQ(FromJson<v1::PositionsResponse>(all->body).positions_size(), 25);
  EXPECT_FALSE(FromJson<v1::PositionsResponse>(all->body).more());
}

TEST(ServerTest, GraphInfoHealthAndMetrics) {
  auto server = StartServer();
  auto c = Client(*server);
  auto info_res = c.Get("/v1/graph");
  ASSERT_TRUE(info_res);
  ASSERT_EQ(info_res->status, 200);
  const auto info = FromJson<v1::GraphInfo>(info_res->body);
  EXPECT_EQ(info.name(), "Reference tech ladder");
  EXPECT_EQ(info.version(), "2026.1");
  EXPECT_EQ(info.positions(), 25u);
  EXPECT_EQ(info.transitions(), server->graphs().Current()->graph->num_transitions());
  EXPECT_EQ(info.source(), "default");
  EXPECT_EQ(info.generation(), 1u);
  EXPECT_EQ(info.loaded_at().size(), 24u);  // 2026-01-31T12:34:56.789Z
  EXPECT_GT(info.loaded_at_unix_ms(), 0);

  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(FromJson<v1::Health>(health->body).status(), "ok");
  auto health_pb = c.Get("/healthz", {{"Accept", kPb}});
  ASSERT_TRUE(health_pb);
  v1::Health h;
  ASSERT_TRUE(h.ParseFromString(health_pb->body));
  EXPECT_EQ(h.graph_version(), "2026.1");

  ASSERT_TRUE(c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5"})", kJson));
  ASSERT_TRUE(c.Post("/v1/route", R"({"from": "nobody", "to": "swe-l5"})", kJson));
  ASSERT_TRUE(c.Get("/nowhere"));
  auto metrics = c.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& m = metrics->body;
  EXPECT_NE(m.find("careergraph_http_requests_total{endpoint=\"/v1/route\",status=\"200\"} 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("careergraph_http_requests_total{endpoint=\"/v1/route\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(m.find("careergraph_http_requests_total{endpoint=\"other\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(m.find("careergraph_http_request_duration_seconds_bucket{endpoint=\"/v1/route\",le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(m.find("careergraph_http_request_duration_seconds_count{endpoint=\"/v1/route\"} 2\n"), std::string::npos);
  EXPECT_NE(m.find("careergraph_graph_info{name=\"Reference tech ladder\",version=\"2026.1\",source=\"default\"} 1\n"),
            std::string::npos);
  EXPECT_NE(m.find("careergraph_workers 2\n"), std::string::npos);
  EXPECT_NE(m.find("careergraph_graph_reloads_total{result=\"ok\"} 1\n"), std::string::npos);
  EXPECT_EQ(server->service().metrics().Count("/v1/graph", 200), 1u);
}

TEST(ServerTest, LogsOneLinePerRequest) {
  auto o = QuietOptions();
  o.service.log_requests = true;
  const std::string log_path = TempPath("requests.log");
  std::FILE* log = std::fopen(log_path.c_str(), "w+");
  ASSERT_NE(log, nullptr);
  o.service.log = log;
  {
    auto server = StartServer(o);
    auto c = Client(*server);
    ASSERT_TRUE(c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5"})", kJson));
    ASSERT_TRUE(c.Get("/v1/positions?search=zzzzqqq"));
    server->Stop();
  }
  std::fclose(log);
  const std::string text = careergraph::testing::ReadText(log_path);
  EXPECT_NE(text.find(" POST /v1/route 200 "), std::string::npos) << text;
  EXPECT_NE(text.find(" GET /v1/positions?search=zzzzqqq 404 "), std::string::npos) << text;
  EXPECT_NE(text.find("graph=2026.1\n"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

// ---- every error path -----------------------------------------------------------------

TEST(ServerTest, MalformedRequestsAre400) {
  auto server = StartServer();
  auto c = Client(*server);

  auto e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "to": )", kJson), v1::INVALID_ARGUMENT);
  EXPECT_NE(e.message().find("not valid JSON for careergraph.v1.RouteRequest"), std::string::npos) << e.message();

  e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5", "frob": 1})", kJson), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "frob");
  EXPECT_EQ(e.message(), "unknown field 'frob' in careergraph.v1.RouteRequest; did you mean 'from'?");

  e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5", "constraints": {"maxMovez": 2}})", kJson),
                  v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "constraints.maxMovez");
  ASSERT_GE(e.suggestions_size(), 1);
  EXPECT_EQ(e.suggestions(0), "maxMoves");

  e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5", "constraints": {"max_moves": "two"}})", kJson),
                  v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "constraints.max_moves");

  e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "objective": "QUICKEST"})", kJson), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "objective");

  e = ExpectError(c.Post("/v1/route", "", kJson), v1::INVALID_ARGUMENT);
  EXPECT_NE(e.message().find("empty"), std::string::npos);

  e = ExpectError(c.Post("/v1/route", "from=swe-l3&to=swe-l5", "application/x-www-form-urlencoded"), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "Content-Type");
  EXPECT_NE(e.message().find("Content-Type: application/json"), std::string::npos) << e.message();
  e = ExpectError(c.Post("/v1/route", "not json", "text/plain"), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "Content-Type");
  // A JSON object under another type is still JSON, and its mistakes are reported as JSON's.
  e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "frob": 1})", "text/plain"), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "frob");

  // Binary: garbage, and a field number this server does not know.
  e = ExpectError(c.Post("/v1/route", std::string("\xff\xff\xff\xff", 4), kPb), v1::INVALID_ARGUMENT);
  EXPECT_NE(e.message().find("not a valid binary careergraph.v1.RouteRequest"), std::string::npos);
  std::string unknown = Route("swe-l3", "swe-l5").SerializeAsString() + std::string("\x98\x06\x01", 3);  // field 99 = 1
  e = ExpectError(c.Post("/v1/route", unknown, kPb), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "#99");

  // The engine's own validation comes back the same way.
  e = ExpectError(c.Post("/v1/route", R"({"to": "swe-l5"})", kJson), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "from");

  // Query strings are checked like bodies.
  e = ExpectError(c.Get("/v1/positions?serch=pm"), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "serch");
  ASSERT_GE(e.suggestions_size(), 1);
  EXPECT_EQ(e.suggestions(0), "search");
  e = ExpectError(c.Get("/v1/positions?limit=many"), v1::INVALID_ARGUMENT);
  EXPECT_EQ(e.field(), "limit");
  e = ExpectError(c.Get("/v1/positions?limit=2&limit=3"), v1::INVALID_ARGUMENT);
  e = ExpectError(c.Get("/v1/graph?verbose=1"), v1::INVALID_ARGUMENT);
}

TEST(ServerTest, UnknownPathsAndMethods) {
  auto server = StartServer();
  auto c = Client(*server);
  auto e = ExpectError(c.Post("/v1/rout", "{}", kJson), v1::NOT_FOUND);
  EXPECT_EQ(e.field(), "path");
  ASSERT_GE(e.suggestions_size(), 1);
  EXPECT_EQ(e.suggestions(0), "/v1/route");

  // A wrong method is 405 with Allow; the body is the usual Error.
  auto wrong_method = [](const httplib::Result& res, const std::string& allow) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405) << res->body;
    EXPECT_EQ(res->get_header_value("Allow"), allow);
    const auto err = FromJson<v1::Error>(res->body);
    EXPECT_EQ(err.code(), v1::INVALID_ARGUMENT);
    EXPECT_NE(err.message().find("is not supported"), std::string::npos) << err.message();
  };
  wrong_method(c.Get("/v1/route"), "POST, OPTIONS");
  wrong_method(c.Delete("/v1/route"), "POST, OPTIONS");
  wrong_method(c.Post("/v1/graph", "{}", kJson), "GET, OPTIONS");
  wrong_method(c.Post("/metrics", "", kJson), "GET, OPTIONS");
}

// The README's curl example: `curl -d '{...}'` sends application/x-www-form-urlencoded.
TEST(ServerTest, JsonBodyUnderAnyContentType) {
  auto server = StartServer();
  auto c = Client(*server);
  const std::string body = R"({"from": "swe-l3", "to": "swe-l5"})";
  auto json = c.Post("/v1/route", body, kJson);
  ASSERT_TRUE(json);
  ASSERT_EQ(json->status, 200) << json->body;
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain", "text/plain; charset=utf-8"}) {
    auto res = c.Post("/v1/route", "\n  " + body, type);
    ASSERT_TRUE(res) << type;
    EXPECT_EQ(res->status, 200) << type << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    EXPECT_EQ(res->body, json->body) << type;
  }
}

TEST(ServerTest, UnknownPositionIs404WithSuggestions) {
  auto server = StartServer();
  auto c = Client(*server);
  auto e = ExpectError(c.Post("/v1/route", R"({"from": "Staf Software Engineer", "to": "Director of Product"})", kJson),
                       v1::NOT_FOUND);
  EXPECT_EQ(e.field(), "from");
  ASSERT_GE(e.suggestions_size(), 1);
  EXPECT_EQ(e.suggestions(0), "Staff Software Engineer");

  // The same error in binary when Accept asks for it.
  auto res = c.Post("/v1/route", {{"Accept", kPb}}, Route("swe-l3", "Directr of Product").SerializeAsString(), kPb);
  e = ExpectError(res, v1::NOT_FOUND, /*binary=*/true);
  EXPECT_EQ(e.field(), "to");
  ASSERT_GE(e.suggestions_size(), 1);
  EXPECT_EQ(e.suggestions(0), "Director of Product");

  e = ExpectError(c.Get("/v1/positions?search=Direktor%20of%20Prodct"), v1::NOT_FOUND);
  EXPECT_EQ(e.field(), "search");
  EXPECT_GE(e.suggestions_size(), 1);
}

TEST(ServerTest, NoRouteIs422WithTheCliMessage) {
  auto server = StartServer();
  auto c = Client(*server);
  auto e = ExpectError(
      c.Post("/v1/route", R"({"from": "Software Engineer", "to": "Senior Product Manager", "constraints": {"maxMoves": 1}})",
             kJson),
      v1::NO_ROUTE);
  auto cli = RunCli({"route", "--from", "Software Engineer", "--to", "Senior Product Manager", "--max-moves", "1"});
  EXPECT_EQ(cli.exit_code, LookupError(v1::NO_ROUTE).exit_code);
  // The same message, with the field path spelled as the CLI's flag.
  EXPECT_NE(e.message().find("blocked by constraints.max_moves 1"), std::string::npos) << e.message();
  EXPECT_NE(cli.err.find("blocked by --max-moves 1"), std::string::npos) << cli.err;
}

TEST(ServerTest, LimitsAre413) {
  auto o = QuietOptions();
  o.transport.max_body = 512;
  o.service.limits.route.max_alternatives = 5;
  o.service.limits.positions.max_limit = 10;
  auto server = StartServer(o);
  auto c = Client(*server);
  std::string big = R"({"from": "swe-l3", "to": "swe-l5", "constraints": {"avoidPositions": [)";
  for (int i = 0; i < 100; ++i) big += std::string(i ? "," : "") + "\"pm-l" + std::to_string(i) + "\"";
  big += "]}}";
  ASSERT_GT(big.size(), 512u);
  auto e = ExpectError(c.Post("/v1/route", big, kJson), v1::TOO_LARGE);
  EXPECT_EQ(e.field(), "body");
  EXPECT_NE(e.message().find("512 bytes"), std::string::npos);

  e = ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "to": "em-l8", "alternatives": 6})", kJson), v1::TOO_LARGE);
  auto ok = c.Post("/v1/route", R"({"from": "swe-l3", "to": "em-l8", "alternatives": 5})", kJson);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;

  e = ExpectError(c.Get("/v1/positions?limit=11"), v1::TOO_LARGE);
  EXPECT_EQ(e.field(), "limit");

  // The server still answers on a fresh connection after refusing a body.
  auto after = c.Get("/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

// A raw HTTP exchange, for what client libraries do not send.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, kHost, &addr.sin_addr);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect failed");
  }
  ~RawConnection() { close(fd_); }
  void Send(const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
      const auto n = ::send(fd_, text.data() + done, text.size() - done, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      done += static_cast<std::size_t>(n);
    }
  }
  // Reads until `marker` has arrived (or the peer closes); returns everything read so far.
  std::string ReadUntil(const std::string& marker) {
    while (got_.find(marker) == std::string::npos) {
      char buf[4096];
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      got_.append(buf, static_cast<std::size_t>(n));
    }
    return got_;
  }

 private:
  int fd_ = -1;
  std::string got_;
};

TEST(ServerTest, ExpectContinueAndMalformedHttp) {
  auto o = QuietOptions();
  o.transport.max_body = 1000;
  auto server = StartServer(o);
  const std::string body = R"({"from": "swe-l3", "to": "swe-l5"})";
  {
    // A body over the limit is refused before the client sends it.
    RawConnection raw(server->port());
    raw.Send("POST /v1/route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
             "Content-Length: 5000\r\n\r\n");
    const std::string got = raw.ReadUntil("}");
    EXPECT_EQ(got.rfind("HTTP/1.1 413 Payload Too Large\r\n", 0), 0u) << got;
    EXPECT_NE(got.find("Connection: close\r\n"), std::string::npos) << got;
    EXPECT_NE(got.find("\"code\":\"TOO_LARGE\""), std::string::npos) << got;
  }
  {
    // Within the limit: 100 Continue, then the answer.
    RawConnection raw(server->port());
    raw.Send("POST /v1/route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
             "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(raw.ReadUntil("\r\n\r\n"), "HTTP/1.1 100 Continue\r\n\r\n");
    raw.Send(body);
    const std::string got = raw.ReadUntil("\"graphVersion\"");
    EXPECT_NE(got.find("HTTP/1.1 200 OK\r\n"), std::string::npos) << got;
  }
  {
    RawConnection raw(server->port());
    raw.Send("NOT HTTP AT ALL\r\n\r\n");
    const std::string got = raw.ReadUntil("}");
    EXPECT_EQ(got.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << got;
    EXPECT_NE(got.find("malformed HTTP request"), std::string::npos) << got;
  }
  {
    // Two requests in one write on one connection (pipelined) are answered in order.
    RawConnection raw(server->port());
    raw.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/graph HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string got = raw.ReadUntil("\"sources\"");
    const auto first = got.find("\"status\":\"ok\"");
    const auto second = got.find("\"name\":\"Reference tech ladder\"");
    ASSERT_NE(first, std::string::npos) << got;
    ASSERT_NE(second, std::string::npos) << got;
    EXPECT_LT(first, second);
  }
  auto after = Client(*server).Get("/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST(ServerTest, FullPoolIs503AndProbesStillAnswer) {
  auto gate = std::make_shared<Gate>();
  auto o = QuietOptions();
  o.transport.threads = 1;
  o.transport.queue = 0;
  auto server = StartServer(o, TestEndpoints(gate));
  auto blocked = std::async(std::launch::async, [&] { return Client(*server).Post("/test/block", "{}", kJson); });
  gate->WaitEntered(1);

  auto c = Client(*server);
  auto res = c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5"})", kJson);
  auto e = ExpectError(res, v1::OVERLOADED);
  EXPECT_EQ(res->get_header_value("Retry-After"), "1");
  EXPECT_NE(e.message().find("capacity"), std::string::npos);
  // Health, metrics and graph info are answered on the I/O thread, never queued.
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto metrics = c.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("careergraph_requests_running 1\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("careergraph_http_requests_total{endpoint=\"/v1/route\",status=\"503\"} 1\n"),
            std::string::npos);

  gate->Open();
  auto first = blocked.get();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(FromJson<v1::Health>(first->body).status(), "done");
  // Capacity is back: the worker frees its slot right after its answer is handed to the I/O
  // thread, which may be a moment after the client has read it.
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    auto again = c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5"})", kJson);
    ASSERT_TRUE(again);
    status = again->status;
    if (status != 503) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status, 200);
}

// A reload runs on the admin lane: with every query worker busy and no queue, it is still
// accepted and answered, and a query still finds the pool full (the reload took no worker).
TEST(ServerTest, ReloadTakesNoQueryWorker) {
  auto gate = std::make_shared<Gate>();
  auto o = QuietOptions();
  o.transport.threads = 1;
  o.transport.queue = 0;
  o.service.admin_token = "t";
  auto server = StartServer(o, TestEndpoints(gate));
  auto blocked = std::async(std::launch::async, [&] { return Client(*server).Post("/test/block", "{}", kJson); });
  gate->WaitEntered(1);

  auto c = Client(*server);
  auto reloaded = c.Post("/v1/admin/reload", {{"Authorization", "Bearer t"}}, "", kJson);
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(reloaded->status, 200) << reloaded->body;
  EXPECT_EQ(FromJson<v1::ReloadResponse>(reloaded->body).current().generation(), 2u);
  ExpectError(c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5"})", kJson), v1::OVERLOADED);

  gate->Open();
  auto first = blocked.get();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
}

TEST(ServerTest, DeadlineIs504) {
  auto gate = std::make_shared<Gate>();
  auto o = QuietOptions();
  o.graph = "slow";
  o.transport.deadline = std::chrono::milliseconds(100);
  o.service.admin_token = "t";
  // A loader that takes longer than the deadline for "slow".
  auto loader = [](const std::string& spec) {
    if (spec == "slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return io::OpenGraph("default");
  };
  auto started = Server::Start(o, TestEndpoints(gate), loader);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  auto& server = *started;
  auto c = Client(*server);
  // A reload is not a query: it runs to completion, deadline or not.
  auto reload = c.Post("/v1/admin/reload", {{"Authorization", "Bearer t"}}, R"({"graph": "slow"})", kJson);
  ASSERT_TRUE(reload);
  EXPECT_EQ(reload->status, 200) << reload->body;

  auto e = ExpectError(c.Post("/test/block", "{}", kJson), v1::DEADLINE_EXCEEDED);
  EXPECT_NE(e.message().find("100 ms"), std::string::npos);
  gate->Open();
  // The connection goes on serving; the late answer was dropped, not sent to the next request.
  auto next = c.Post("/v1/route", R"({"from": "swe-l3", "to": "swe-l5"})", kJson);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(FromJson<v1::RouteResponse>(next->body).routes_size(), 1);
}

TEST(ServerTest, ExceptionsBecome500WithoutDetail) {
  auto server = StartServer(QuietOptions(), TestEndpoints(std::make_shared<Gate>()));
  auto c = Client(*server);
  auto e = ExpectError(c.Post("/test/throw", "{}", kJson), v1::INTERNAL);
  EXPECT_EQ(e.message().find("secret"), std::string::npos) << e.message();
  auto still = c.Get("/healthz");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);
}

// ---- admin and CORS -------------------------------------------------------------------

TEST(ServerTest, AdminIsOffWithoutTokenAndNeedsIt) {
  {
    auto server = StartServer();
    auto c = Client(*server);
    auto e = ExpectError(c.Post("/v1/admin/reload", "", kJson), v1::FAILED_PRECONDITION);
    EXPECT_NE(e.message().find("--admin-token"), std::string::npos);
    ExpectError(c.Post("/v1/admin/reload", {{"Authorization", "Bearer anything"}}, "", kJson), v1::FAILED_PRECONDITION);
  }
  auto o = QuietOptions();
  o.service.admin_token = "s3cret";
  auto server = StartServer(o);
  auto c = Client(*server);
  auto res = c.Post("/v1/admin/reload", "", kJson);
  ExpectError(res, v1::UNAUTHENTICATED);
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer realm=\"careergraph\"");
  ExpectError(c.Post("/v1/admin/reload", {{"Authorization", "Bearer s3cret-not"}}, "", kJson), v1::UNAUTHENTICATED);
  ExpectError(c.Post("/v1/admin/reload", {{"Authorization", "Basic s3cret"}}, "", kJson), v1::UNAUTHENTICATED);
  EXPECT_EQ(server->graphs().reloads_ok(), 1u);  // the start only

  auto ok = c.Post("/v1/admin/reload", {{"Authorization", "Bearer s3cret"}}, "", kJson);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  const auto r = FromJson<v1::ReloadResponse>(ok->body);
  EXPECT_EQ(r.previous().generation(), 1u);
  EXPECT_EQ(r.current().generation(), 2u);
  EXPECT_EQ(r.current().source(), "default");
}

TEST(ServerTest, CorsPreflightAndHeaders) {
  {
    auto server = StartServer();  // CORS off
    auto c = Client(*server);
    auto pre = c.Options("/v1/route", {{"Origin", "https://dash.example"}, {"Access-Control-Request-Method", "POST"}});
    ASSERT_TRUE(pre);
    EXPECT_EQ(pre->status, 204);
    EXPECT_FALSE(pre->has_header("Access-Control-Allow-Origin"));
    auto res = c.Post("/v1/route", {{"Origin", "https://dash.example"}}, R"({"from": "swe-l3", "to": "swe-l5"})", kJson);
    ASSERT_TRUE(res);
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
  }
  auto o = QuietOptions();
  o.service.cors_origins = {"https://dash.example"};
  auto server = StartServer(o);
  auto c = Client(*server);
  auto pre = c.Options("/v1/route", {{"Origin", "https://dash.example"},
                                     {"Access-Control-Request-Method", "POST"},
                                     {"Access-Control-Request-Headers", "content-type"}});
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Origin"), "https://dash.example");
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Methods"), "POST, OPTIONS");
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Headers").find("Content-Type"), std::string::npos);
  EXPECT_EQ(pre->get_header_value("Vary"), "Origin");

  auto res = c.Post("/v1/route", {{"Origin", "https://dash.example"}}, R"({"from": "swe-l3", "to": "swe-l5"})", kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "https://dash.example");
  EXPECT_EQ(res->get_header_value("Access-Control-Expose-Headers"), "X-Graph-Version");
  // Errors carry the headers too, or the browser would hide them from the dashboard.
  auto err = c.Post("/v1/route", {{"Origin", "https://dash.example"}}, R"({"from": "nobody", "to": "swe-l5"})", kJson);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status, 404);
  EXPECT_EQ(err->get_header_value("Access-Control-Allow-Origin"), "https://dash.example");

  auto other = c.Options("/v1/route", {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));
  ExpectError(c.Options("/v1/nothing", {{"Origin", "https://dash.example"}}), v1::NOT_FOUND);
}

// ---- reload ---------------------------------------------------------------------------

// Two versions of one ladder in which the fastest route from Analyst to Chief differs:
// through Left in version "A", through Right in version "B".
std::string LadderJson(const std::string& version) {
  const bool a = version == "A";
  v1::Graph g = MakeGraph({"an|Analyst|t|1|100|0.1|0.1", "left|Left|t|2|200|0.2|0.2", "right|Right|t|2|200|0.2|0.2",
                           "chief|Chief|t|3|300|0.3|0.3"},
                          {std::string("an>left|promotion|") + (a ? "1" : "5") + "|0.9",
                           std::string("left>chief|promotion|") + (a ? "1" : "5") + "|0.9",
                           std::string("an>right|promotion|") + (a ? "5" : "1") + "|0.9",
                           std::string("right>chief|promotion|") + (a ? "5" : "1") + "|0.9"});
  g.mutable_metadata()->set_version(version);
  return ToJsonText(g);
}

TEST(ServerTest, BadSnapshotIsRefusedAndTheOldOneServes) {
  const std::string a = TempPath("a.json"), bad = TempPath("bad.json");
  WriteText(a, LadderJson("A"));
  WriteText(bad, R"({"metadata": {"version": "X"}, "positions": [{"id": "p", "title": "P"}], "transitions": [{"from": "p", "to": "ghost", "years": 1, "probability": 0.5}]})");
  auto o = QuietOptions();
  o.graph = a;
  o.reload_dir = std::filesystem::path(bad).parent_path().string();
  o.service.admin_token = "t";
  auto server = StartServer(o);
  auto c = Client(*server);
  const httplib::Headers auth = {{"Authorization", "Bearer t"}};

  auto e = ExpectError(c.Post("/v1/admin/reload", auth, R"({"graph": ")" + bad + R"("})", kJson), v1::INVALID_DATA);
  EXPECT_EQ(e.field(), "graph");
  EXPECT_NE(e.message().find("refused; the current graph keeps serving"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("ghost"), std::string::npos) << e.message();
  e = ExpectError(c.Post("/v1/admin/reload", auth, R"({"graph": "no-such-ladder.yaml"})", kJson), v1::NOT_FOUND);
  ExpectError(c.Post("/v1/admin/reload", auth, R"({"graf": "x"})", kJson), v1::INVALID_ARGUMENT);
  EXPECT_EQ(server->graphs().reloads_failed(), 2u);

  auto info = c.Get("/v1/graph");
  ASSERT_TRUE(info);
  EXPECT_EQ(FromJson<v1::GraphInfo>(info->body).version(), "A");
  EXPECT_EQ(FromJson<v1::GraphInfo>(info->body).generation(), 1u);
  auto route = c.Post("/v1/route", R"({"from": "Analyst", "to": "Chief"})", kJson);
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);

  // A server never starts on a bad graph.
  auto bad_start = QuietOptions();
  bad_start.graph = bad;
  auto refused = Server::Start(bad_start);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), v1::INVALID_DATA);
}

TEST(ServerTest, TextThatIsNotUtf8IsRefusedInBodiesAndQueries) {
  auto server = StartServer();
  auto c = Client(*server);
  auto e = ExpectError(c.Post("/v1/route", "{\"from\": \"Caf\xe9\", \"to\": \"x\"}", kJson), v1::INVALID_ARGUMENT);
  EXPECT_NE(e.message().find("not UTF-8"), std::string::npos) << e.message();
  ExpectError(c.Get("/v1/positions?search=Caf%E9"), v1::INVALID_ARGUMENT);
  ExpectError(c.Get("/v1/positions?s%E9arch=x"), v1::INVALID_ARGUMENT);
  auto ok = c.Get("/v1/positions?search=Caf%C3%A9");  // UTF-8: a search (that finds nothing here)
  ASSERT_TRUE(ok);
  EXPECT_NE(ok->status, 400) << ok->body;
}

TEST(ServerTest, ReloadReadsOnlyTheConfiguredGraphOrTheReloadDirectory) {
  namespace fs = std::filesystem;
  const std::string dir = TempPath("snapshots"), outside = TempPath("outside");
  fs::create_directories(dir);
  fs::create_directories(outside);
  const std::string a = dir + "/a.json", b = dir + "/b.json", elsewhere = outside + "/b.json";
  WriteText(a, LadderJson("A"));
  WriteText(b, LadderJson("B"));
  WriteText(elsewhere, LadderJson("B"));
  WriteText(outside + "/secret.csv", "root:x:0:0:root:/root:/bin/bash\n");
  fs::create_symlink(outside + "/secret.csv", dir + "/leak.csv");
  const httplib::Headers auth = {{"Authorization", "Bearer t"}};
  {
    // Without --reload-dir only the graph the server started with.
    auto o = QuietOptions();
    o.graph = a;
    o.service.admin_token = "t";
    auto server = StartServer(o);
    auto c = Client(*server);
    auto e = ExpectError(c.Post("/v1/admin/reload", auth, R"({"graph": ")" + b + R"("})", kJson), v1::FAILED_PRECONDITION);
    EXPECT_NE(e.message().find("--reload-dir"), std::string::npos) << e.message();
    auto same = c.Post("/v1/admin/reload", auth, R"({"graph": ")" + a + R"("})", kJson);
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, 200) << same->body;
  }
  auto o = QuietOptions();
  o.graph = a;
  o.reload_dir = dir;
  o.service.admin_token = "t";
  auto server = StartServer(o);
  auto c = Client(*server);
  for (const std::string& refused : {elsewhere, std::string("/etc/passwd"), dir + "/../outside/b.json",
                                     std::string("../outside/b.json"), dir + "/leak.csv", std::string("leak.csv")}) {
    auto e = ExpectError(c.Post("/v1/admin/reload", auth, R"({"graph": ")" + refused + R"("})", kJson),
                         v1::FAILED_PRECONDITION);
    EXPECT_EQ(e.message().find("root:"), std::string::npos) << e.message();
  }
  auto ok = c.Post("/v1/admin/reload", auth, R"({"graph": "b.json"})", kJson);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(FromJson<v1::ReloadResponse>(ok->body).current().version(), "B");
  EXPECT_EQ(server->graphs().reloads_failed(), 6u);
}

TEST(ServerTest, ReloadUnderConcurrentRequestsLosesNoneAndMixesNoGraphs) {
  const std::string a = TempPath("a.json"), b = TempPath("b.json");
  WriteText(a, LadderJson("A"));
  WriteText(b, LadderJson("B"));
  auto o = QuietOptions();
  o.graph = a;
  o.reload_dir = std::filesystem::path(b).parent_path().string();
  o.transport.threads = 2;
  o.transport.queue = 1024;
  o.service.admin_token = "t";
  auto server = StartServer(o);

  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::mutex failures_mu;
  std::vector<std::string> failures;
  std::set<std::string> versions_seen;
  auto client = [&](bool binary) {
    auto c = Client(*server);
    c.set_keep_alive(true);
    const std::string body = binary ? Route("Analyst", "Chief").SerializeAsString() : R"({"from": "Analyst", "to": "Chief"})";
    while (!stop.load()) {
      auto res = binary ? c.Post("/v1/route", {{"Accept", kPb}}, body, kPb) : c.Post("/v1/route", body, kJson);
      std::string problem, version;
      if (!res) {
        problem = "request failed: " + httplib::to_string(res.error());
      } else if (res->status != 200) {
        problem = "status " + std::to_string(res->status) + ": " + res->body;
      } else {
        v1::RouteResponse r;
        if (binary ? !r.ParseFromString(res->body) : !google::protobuf::util::JsonStringToMessage(res->body, &r).ok()) {
          problem = "unparsable answer";
        } else {
          version = r.graph_version();
          const std::string via = r.routes_size() ? r.routes(0).steps(1).position_id() : "";
          // Each answer comes whole from one graph: its version, its route and its header.
          if (!((version == "A" && via == "left") || (version == "B" && via == "right")))
            problem = "graph " + version + " answered via '" + via + "'";
          if (res->get_header_value("X-Graph-Version") != version) problem = "header/body versions differ";
        }
      }
      std::lock_guard<std::mutex> lock(failures_mu);
      if (!problem.empty()) failures.push_back(problem);
      if (!version.empty()) versions_seen.insert(version);
      answered.fetch_add(1);
    }
  };
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) clients.emplace_back(client, i % 2 == 1);

  auto admin = Client(*server);
  for (int i = 0; i < 20; ++i) {
    const int before = answered.load();
    auto res = admin.Post("/v1/admin/reload", {{"Authorization", "Bearer t"}},
                          std::string(R"({"graph": ")") + (i % 2 == 0 ? b : a) + "\"}", kJson);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(FromJson<v1::ReloadResponse>(res->body).current().version(), i % 2 == 0 ? "B" : "A");
    while (answered.load() < before + 10) std::this_thread::yield();  // let requests hit this graph
  }
  stop.store(true);
  for (auto& t : clients) t.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  EXPECT_EQ(versions_seen, (std::set<std::string>{"A", "B"}));
  EXPECT_GE(answered.load(), 200);
  EXPECT_EQ(server->graphs().Current()->generation, 21u);
  EXPECT_EQ(server->service().metrics().Count("/v1/route", 200), static_cast<std::uint64_t>(answered.load()));
}

TEST(ServerTest, InFlightRequestFinishesOnTheGraphItStartedWith) {
  const std::string a = TempPath("a.json"), b = TempPath("b.json");
  WriteText(a, LadderJson("A"));
  WriteText(b, LadderJson("B"));
  auto gate = std::make_shared<Gate>();
  auto o = QuietOptions();
  o.graph = a;
  auto server = StartServer(o, TestEndpoints(gate));
  auto inflight = std::async(std::launch::async, [&] { return Client(*server).Post("/test/block", "{}", kJson); });
  gate->WaitEntered(1);
  auto reloaded = server->Reload(b);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  gate->Open();
  auto res = inflight.get();
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(FromJson<v1::Health>(res->body).graph_version(), "A");
  EXPECT_EQ(res->get_header_value("X-Graph-Version"), "A");
  auto now = Client(*server).Post("/test/block", "{}", kJson);
  ASSERT_TRUE(now);
  EXPECT_EQ(FromJson<v1::Health>(now->body).graph_version(), "B");
}

// ---- graceful stop --------------------------------------------------------------------

TEST(ServerTest, StopFinishesInFlightRequests) {
  auto gate = std::make_shared<Gate>();
  auto o = QuietOptions();
  o.transport.drain_timeout = std::chrono::minutes(10);  // the test hangs, not passes, if stop cut requests off
  auto server = StartServer(o, TestEndpoints(gate));
  // An idle keep-alive connection must not hold the stop up.
  auto idle = Client(*server);
  idle.set_keep_alive(true);
  ASSERT_TRUE(idle.Get("/healthz"));

  auto inflight = std::async(std::launch::async, [&] { return Client(*server).Post("/test/block", "{}", kJson); });
  gate->WaitEntered(1);
  auto stopped = std::async(std::launch::async, [&] { server->Stop(); });
  // New connections are refused once stopping has begun.
  for (;;) {
    httplib::Client probe(kHost, server->port());
    probe.set_connection_timeout(1, 0);
    auto r = probe.Get("/healthz");
    if (!r || r->status == 503) break;
    std::this_thread::yield();
  }
  EXPECT_EQ(stopped.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  gate->Open();
  auto res = inflight.get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(FromJson<v1::Health>(res->body).status(), "done");
  EXPECT_EQ(res->get_header_value("Connection"), "close");
  stopped.get();
}

// `careergraph serve` itself: start, SIGHUP reloads, SIGTERM stops cleanly.
TEST(ServerTest, ServeCommandReloadsOnSighupAndStopsOnSigterm) {
  const std::string ladder = TempPath("ladder.json");
  WriteText(ladder, LadderJson("A"));
  int err_pipe[2];
  ASSERT_EQ(pipe(err_pipe), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  std::vector<std::string> args = {CAREERGRAPH_BIN, "serve", "--graph", ladder, "--port", "0", "--host", kHost, "--quiet"};
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, CAREERGRAPH_BIN, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(err_pipe[1]);
  std::FILE* err = fdopen(err_pipe[0], "r");
  auto read_line = [&] {
    char buf[1024];
    return std::fgets(buf, sizeof buf, err) ? std::string(buf) : std::string();
  };

  const std::string banner = read_line();
  const auto at = banner.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << banner;
  const int port = std::stoi(banner.substr(at + 17));
  httplib::Client c(kHost, port);
  auto info = c.Get("/v1/graph");
  ASSERT_TRUE(info);
  EXPECT_EQ(FromJson<v1::GraphInfo>(info->body).version(), "A");

  WriteText(ladder, LadderJson("B"));
  ASSERT_EQ(kill(pid, SIGHUP), 0);
  EXPECT_EQ(read_line(), "careergraph: reloaded '" + ladder + "': version A -> B (4 positions)\n");
  info = c.Get("/v1/graph");
  ASSERT_TRUE(info);
  EXPECT_EQ(FromJson<v1::GraphInfo>(info->body).version(), "B");
  EXPECT_EQ(FromJson<v1::GraphInfo>(info->body).generation(), 2u);

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  EXPECT_EQ(read_line(), "careergraph: stopping: finishing the requests in progress\n");
  EXPECT_EQ(read_line(), "careergraph: stopped\n");
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::fclose(err);
}


// ---- the fast JSON printer prints what protobuf prints --------------------------------

std::string ProtobufJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = false;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out, o).ok());
  return out;
}

void ExpectSameJson(const google::protobuf::Message& m) {
  std::string fast;
  ASSERT_TRUE(PrintJsonFast(m, &fast)) << m.DebugString();
  EXPECT_EQ(fast, ProtobufJson(m));
}

TEST(JsonPrintTest, EveryRouteOnTheDefaultLadder) {
  auto g = io::OpenGraph("default");
  ASSERT_TRUE(g.ok());
  const CareerGraph& graph = **g;
  int printed = 0;
  for (Vertex a = 0; a < graph.num_positions(); ++a) {
    for (Vertex b = 0; b < graph.num_positions(); ++b) {
      for (auto obj : {v1::OBJECTIVE_FASTEST, v1::OBJECTIVE_SAFEST, v1::OBJECTIVE_BEST_FIT}) {
        v1::RouteRequest req = Route(graph.position(a).id(), graph.position(b).id());
        req.set_objective(obj);
        if (obj == v1::OBJECTIVE_BEST_FIT) {
          req.mutable_weights()->set_years(1);
          req.mutable_weights()->set_pay(0.7);
          req.mutable_weights()->set_leadership(0.3);
        }
        if ((a + b) % 5 == 0) req.set_alternatives(3);
        auto r = FindRoute(graph, req);
        if (r.ok()) {
          ExpectSameJson(*r);
          ++printed;
        } else {
          ExpectSameJson(r.status().ToProto());
        }
      }
    }
  }
  EXPECT_GT(printed, 300);
  v1::TradeoffsRequest t;
  t.set_from("swe-l3");
  t.set_to("pm-l8");
  t.add_criteria(v1::CRITERION_YEARS);
  t.add_criteria(v1::CRITERION_RISK);
  t.add_criteria(v1::CRITERION_PAY);
  t.set_representatives(2);
  auto tr = FindTradeoffs(graph, t);
  ASSERT_TRUE(tr.ok());
  ExpectSameJson(*tr);
  ExpectSameJson(t);
  auto snap = std::make_shared<GraphSnapshot>();
  snap->graph = *g;
  snap->source = "default";
  snap->generation = 3;
  ExpectSameJson(snap->Info());
  v1::PositionsResponse p;
  for (const auto& pos : graph.positions()) *p.add_positions() = pos;
  p.set_more(true);
  ExpectSameJson(p);
}

TEST(JsonPrintTest, NumbersStringsAndEnumsAtTheEdges) {
  v1::RouteTotals t;
  for (double v : {0.1 + 0.7, 1e6, 1e15, 1e16, 1e21, 1e-5, 1e-7, 123456789012345678.0, 5e-324, 2.2250738585072009e-308, 1e-310, -0.0, -2.5,
                   std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    t.set_years(v);
    t.set_cost(v / 3);
    ExpectSameJson(t);
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 2000; ++i) {
    t.set_years(unit(rng) * std::pow(10.0, static_cast<int>(rng() % 40) - 20));
    t.set_probability(unit(rng));
    t.set_moves(static_cast<std::uint32_t>(rng()));
    ExpectSameJson(t);
  }
  for (int i = 0; i < 20000; ++i) {  // any bit pattern: subnormals, huge, tiny, NaN
    const std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    t.set_cost(v);
    ExpectSameJson(t);
  }
  v1::Error e;
  std::string all_ascii;
  for (int c = 0; c < 128; ++c) all_ascii += static_cast<char>(c);
  e.set_message(all_ascii);
  e.set_line(4000000000u);
  e.add_suggestions("<script>\"x\"</script>");
  e.add_suggestions("");
  e.set_code(static_cast<v1::ErrorCode>(99));  // unknown enum values print as numbers
  ExpectSameJson(e);
  v1::RouteResponse r;
  r.set_settled(std::numeric_limits<std::uint64_t>::max());
  r.add_routes();  // an empty message prints as {}
  r.set_truncated(true);
  ExpectSameJson(r);
  v1::Constraints c;
  c.add_avoid_kinds(v1::TRANSITION_KIND_PROMOTION);
  c.add_avoid_kinds(static_cast<v1::TransitionKind>(9));
  c.add_avoid_positions("a");
  c.add_avoid_positions("b\\c");
  ExpectSameJson(c);
  ExpectSameJson(v1::Health());

  // Declined, so protobuf's printer is used: non-ASCII text.
  std::string out;
  e.set_message("Directeur g\xc3\xa9n\xc3\xa9ral");
  EXPECT_FALSE(PrintJsonFast(e, &out));
  EXPECT_EQ(Serialize(e, WireFormat::kJson), ProtobufJson(e));
}


// ---- the fast JSON reader reads what protobuf reads ----------------------------------

// Whatever ParseJsonFast accepts, protobuf's parser accepts and reads to the same message,
// except enum values spelled other than their full name ("safest", "OBJECTIVE_best-fit"),
// which only the fast parser reads (through engine/choices.h): for those, protobuf reads the
// document with each enum value written as the fast parser understood it.
template <typename M>
bool CheckFastParse(const std::string& doc) {
  M fast, slow;
  if (!ParseJsonFast(doc, &fast)) return false;
  auto st = google::protobuf::util::JsonStringToMessage(doc, &slow);
  if (!st.ok() && std::string(st.message()).find("invalid value") != std::string::npos) {
    std::string canonical;
    (void)google::protobuf::util::MessageToJsonString(fast, &canonical);
    slow.Clear();
    st = google::protobuf::util::JsonStringToMessage(canonical, &slow);
  }
  EXPECT_TRUE(st.ok()) << "accepted what protobuf rejects (" << st.ToString() << "): " << doc;
  EXPECT_TRUE(MessageDifferencer::Equals(fast, slow)) << doc << "\nfast: " << fast.DebugString()
                                                      << "\nprotobuf: " << slow.DebugString();
  return true;
}

v1::RouteRequest RandomRouteRequest(std::mt19937_64& rng) {
  const std::string chars = "abcXYZ 09-_.'/\\\"@L3<";
  auto text = [&] {
    std::string t;
    for (std::size_t n = rng() % 12; n > 0; --n) t += chars[rng() % chars.size()];
    return t;
  };
  auto number = [&] {
    switch (rng() % 4) {
      case 0: return 0.0;
      case 1: return static_cast<double>(rng() % 100) / 4;
      case 2: return std::ldexp(static_cast<double>(rng() % 1000000), static_cast<int>(rng() % 60) - 40);
      default: return -static_cast<double>(rng() % 1000) / 7;
    }
  };
  v1::RouteRequest r;
  r.set_from(text());
  r.set_to(text());
  r.set_objective(static_cast<v1::Objective>(rng() % 5));
  if (rng() % 2) {
    r.mutable_weights()->set_years(number());
    r.mutable_weights()->set_risk(number());
    r.mutable_weights()->set_leadership(number());
  }
  if (rng() % 2) {
    auto* c = r.mutable_constraints();
    for (std::size_t n = rng() % 3; n > 0; --n) c->add_avoid_positions(text());
    for (std::size_t n = rng() % 3; n > 0; --n) c->add_avoid_kinds(static_cast<v1::TransitionKind>(rng() % 5));
    c->set_max_moves(static_cast<std::uint32_t>(rng() % 3 == 0 ? rng() : rng() % 10));
    c->set_max_years(number());
    c->set_no_pay_cut(rng() % 2);
  }
  r.set_alternatives(static_cast<std::uint32_t>(rng() % 4));
  r.set_max_overlap(number());
  return r;
}

TEST(JsonParseTest, ReadsWhatProtobufReadsAndDeclinesTheRest) {
  std::mt19937_64 rng(11);
  int accepted = 0, declined = 0;
  const std::string noise = "{}[]\",:-+.eE0159aftn\\ u";
  for (int i = 0; i < 3000; ++i) {
    const v1::RouteRequest original = RandomRouteRequest(rng);
    google::protobuf::util::JsonPrintOptions o;
    o.add_whitespace = i % 2 == 0;
    o.preserve_proto_field_names = i % 3 == 0;
    o.always_print_primitive_fields = i % 5 == 0;
    std::string doc;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &doc, o).ok());
    v1::RouteRequest back;
    if (ParseJsonFast(doc, &back)) {
      EXPECT_TRUE(MessageDifferencer::Equals(back, original)) << doc;
      ++accepted;
    } else {
      ++declined;
    }
    // Damaged copies: accepted only when protobuf reads them the same.
    for (int m = 0; m < 10; ++m) {
      std::string bad = doc;
      const std::size_t at = rng() % (bad.size() + 1);
      switch (rng() % 3) {
        case 0: if (at < bad.size()) bad.erase(at, 1); break;
        case 1: bad.insert(at, 1, noise[rng() % noise.size()]); break;
        default: if (at < bad.size()) bad[at] = noise[rng() % noise.size()]; break;
      }
      CheckFastParse<v1::RouteRequest>(bad);
    }
  }
  EXPECT_GT(accepted, 1000);  // the plain requests take the fast path
  EXPECT_GT(declined, 0);     // and some (\u003c escapes, ...) do not

  for (const char* doc : {R"({"from":"a","to":"b"})", R"( { "from" : "a" , "to" : "b" } )",
                          R"({"from":"a","constraints":{"max_moves":3,"avoidKinds":["TRANSITION_KIND_PROMOTION","TRANSITION_KIND_LATERAL"]}})",
                          R"({"weights":{"years":1e2,"risk":0.25,"pay":0.5E-3}})", R"({})",
                          R"({"objective":"safest","constraints":{"avoidKinds":["track-switch","LATERAL"]}})"})
    EXPECT_TRUE(CheckFastParse<v1::RouteRequest>(doc)) << doc;
  for (const char* doc :
       {R"({"from":"a","from":"b"})", R"({"from":null})", R"({"alternatives":"3"})", R"({"alternatives":3.0})",
        R"({"alternatives":-1})", R"({"alternatives":4294967296})", R"({"objective":1})", R"({"objective":"quickest"})",
        R"({"from":"\u0041"})", "{\"from\":\"caf\xc3\xa9\"}", R"({"weights":{"years":"NaN"}})", R"({"weights":{"risk":-0}})", R"({"frob":1})",
        R"({"from":"a"} x)", R"({"from":"a",})", R"({"weights":{"years":01}})", R"([])", ""})
    EXPECT_FALSE(CheckFastParse<v1::RouteRequest>(doc)) << doc;
  EXPECT_TRUE(CheckFastParse<v1::ReloadRequest>(R"({"graph":"/data/ladder.pb"})"));
  EXPECT_TRUE(CheckFastParse<v1::TradeoffsRequest>(
      R"({"from":"a","to":"b","criteria":["CRITERION_YEARS","CRITERION_RISK"],"maxFront":10,"timeLimitSeconds":0.5})"));
}

// ---- codec details --------------------------------------------------------------------

TEST(CodecTest, FormatsFromHeaders) {
  EXPECT_EQ(*BodyFormat(""), WireFormat::kJson);
  EXPECT_EQ(*BodyFormat("application/json; charset=utf-8"), WireFormat::kJson);
  EXPECT_EQ(*BodyFormat("Application/X-Protobuf"), WireFormat::kProtobuf);
  EXPECT_FALSE(BodyFormat("text/plain").ok());
  EXPECT_EQ(ResponseFormat(""), WireFormat::kJson);
  EXPECT_EQ(ResponseFormat("*/*"), WireFormat::kJson);
  EXPECT_EQ(ResponseFormat("application/x-protobuf"), WireFormat::kProtobuf);
  EXPECT_EQ(ResponseFormat("application/json, application/x-protobuf"), WireFormat::kJson);
  EXPECT_EQ(ResponseFormat("application/json;q=0, application/x-protobuf"), WireFormat::kProtobuf);
  EXPECT_EQ(ResponseFormat("text/html"), WireFormat::kJson);
}

TEST(CodecTest, QueryStrings) {
  const auto p = ParseQueryString("search=Director%20of+Product&limit=5&&flag");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"search", "Director of Product"}));
  EXPECT_EQ(p[1], (std::pair<std::string, std::string>{"limit", "5"}));
  EXPECT_EQ(p[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("a%2Bb+c", false), "a+b+c");
}

// ---- the dashboard and the API's description -------------------------------------------

using google::protobuf::Struct;
using google::protobuf::Value;

Struct ParseJson(const std::string& text) {
  Struct s;
  const auto st = google::protobuf::util::JsonStringToMessage(text, &s);
  if (!st.ok()) throw std::runtime_error("not JSON: " + std::string(st.message()));
  return s;
}

const Value& At(const Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  if (it == s.fields().end()) throw std::runtime_error("no key " + key);
  return it->second;
}

// Every "$ref" in `v`.
void Refs(const Value& v, std::set<std::string>* out) {
  if (v.has_struct_value()) {
    for (const auto& [k, x] : v.struct_value().fields()) {
      if (k == "$ref") out->insert(x.string_value());
      Refs(x, out);
    }
  } else if (v.has_list_value()) {
    for (const auto& x : v.list_value().values()) Refs(x, out);
  }
}

TEST(DashboardTest, ServedFromTheBinary) {
  auto server = StartServer();
  auto c = Client(*server);
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("<title>careergraph</title>"), std::string::npos);
  EXPECT_EQ(page->body, testing::ReadText(std::string(CAREERGRAPH_SOURCE_DIR) + "/web/index.html"));
  for (const auto& [path, type] : std::vector<std::pair<std::string, std::string>>{
           {"/app.js", "text/javascript; charset=utf-8"}, {"/app.css", "text/css; charset=utf-8"}}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), type);
    EXPECT_EQ(res->body, testing::ReadText(std::string(CAREERGRAPH_SOURCE_DIR) + "/web" + path));
  }
  auto post = c.Post("/", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, OPTIONS");
  auto missing = c.Get("/nothing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

// The page is a client of the public API only: every /v1 path it names is an endpoint (or
// one it tolerates missing), with the method the endpoint takes.
TEST(DashboardTest, CallsOnlyThePublicApi) {
  const std::string js = testing::ReadText(std::string(CAREERGRAPH_SOURCE_DIR) + "/web/app.js");
  const EndpointRegistry registry = DefaultEndpoints();
  const std::regex call(R"((get|post)\('(/v1/[a-z/]+))");
  int calls = 0;
  for (std::sregex_iterator it(js.begin(), js.end(), call), end; it != end; ++it, ++calls) {
    const std::string method = (*it)[1], path = (*it)[2];
    if (path == "/v1/tracks") continue;  // newer servers; the page falls back on 404
    const Endpoint* ep = registry.Find(path);
    ASSERT_NE(ep, nullptr) << path;
    EXPECT_EQ(ep->options.method == Method::kGet ? "get" : "post", method) << path;
    EXPECT_FALSE(ep->options.admin) << path;
  }
  EXPECT_GE(calls, 8);
  // One way out, to the API's origin (the page's own, or ?api=...), and nothing from a CDN.
  std::size_t fetches = 0;
  for (auto at = js.find("fetch("); at != std::string::npos; at = js.find("fetch(", at + 1)) ++fetches;
  EXPECT_EQ(fetches, 1u);
  EXPECT_NE(js.find("fetch(API + path"), std::string::npos);
  const std::string html = testing::ReadText(std::string(CAREERGRAPH_SOURCE_DIR) + "/web/index.html");
  EXPECT_EQ(html.find("http"), std::string::npos) << "no external scripts, styles or fonts";
}

TEST(OpenApiTest, DescribesEveryEndpointFromTheDescriptors) {
  auto o = QuietOptions();
  o.service.cors_origins = {"https://dash.example"};
  auto server = StartServer(o);
  auto c = Client(*server);
  auto res = c.Get("/v1/openapi.json", {{"Origin", "https://dash.example"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "https://dash.example");
  const Struct doc = ParseJson(res->body);
  EXPECT_EQ(At(doc, "openapi").string_value(), "3.0.3");
  const Struct& paths = At(doc, "paths").struct_value();
  const EndpointRegistry registry = DefaultEndpoints();
  for (const Endpoint& e : registry.endpoints()) {
    ASSERT_TRUE(paths.fields().count(e.path)) << e.path;
    const Struct& item = paths.fields().at(e.path).struct_value();
    EXPECT_TRUE(item.fields().count(e.options.method == Method::kGet ? "get" : "post")) << e.path;
  }
  for (const char* p : {"/healthz", "/metrics", "/v1/openapi.json"}) EXPECT_TRUE(paths.fields().count(p)) << p;

  // Every reference resolves, and the schemas are the messages' own fields and enum values.
  const Struct& schemas = At(At(doc, "components").struct_value(), "schemas").struct_value();
  std::set<std::string> refs;
  Refs(At(doc, "paths"), &refs);
  Refs(At(doc, "components"), &refs);
  for (const auto& r : refs) {
    ASSERT_EQ(r.rfind("#/components/schemas/", 0), 0u) << r;
    EXPECT_TRUE(schemas.fields().count(r.substr(21))) << r;
  }
  const Struct& route = schemas.fields().at("careergraph.v1.RouteRequest").struct_value();
  const Struct& props = At(route, "properties").struct_value();
  EXPECT_EQ(props.fields_size(), v1::RouteRequest::descriptor()->field_count());
  EXPECT_EQ(At(At(props, "constraints").struct_value(), "$ref").string_value(),
            "#/components/schemas/careergraph.v1.Constraints");
  const Struct& objective = schemas.fields().at("careergraph.v1.Objective").struct_value();
  std::set<std::string> values;
  for (const auto& v : At(objective, "enum").list_value().values()) values.insert(v.string_value());
  EXPECT_TRUE(values.count("OBJECTIVE_SAFEST"));
  EXPECT_EQ(values.size(), static_cast<std::size_t>(v1::Objective_descriptor()->value_count()));
  // GET endpoints take their request from the query string.
  const Struct& positions = At(paths.fields().at("/v1/positions").struct_value(), "get").struct_value();
  std::set<std::string> params;
  for (const auto& p : At(positions, "parameters").list_value().values())
    params.insert(At(p.struct_value(), "name").string_value());
  EXPECT_EQ(params, (std::set<std::string>{"search", "limit", "track"}));
}

// The compare chart over HTTP is the CLI's chart, byte for byte; errors stay structured.
TEST(RenderingTest, CompareChartAsSvg) {
  auto server = StartServer();
  auto c = Client(*server);
  const std::string body = R"({"from": "Staff Software Engineer", "tracks": ["pm", "tpm"], "horizonYears": 10})";
  auto svg = c.Post("/v1/compare", {{"Accept", "image/svg+xml"}}, body, "application/json");
  ASSERT_TRUE(svg);
  ASSERT_EQ(svg->status, 200) << svg->body;
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  const std::string path = testing::TempPath("pm-vs-tpm.svg");
  auto cli = testing::RunCli({"compare", "--from", "Staff Software Engineer", "--tracks", "pm,tpm", "--horizon-years",
                              "10", "--chart", path});
  ASSERT_EQ(cli.exit_code, 0);
  EXPECT_EQ(svg->body, testing::ReadText(path));

  // JSON stays the default, and wins when listed first.
  for (const char* accept : {"", "application/json, image/svg+xml", "*/*", "image/svg+xml;q=0, application/json"}) {
    auto json = c.Post("/v1/compare", {{"Accept", accept}}, body, "application/json");
    ASSERT_TRUE(json);
    EXPECT_EQ(json->status, 200);
    EXPECT_EQ(json->get_header_value("Content-Type"), "application/json") << accept;
  }
  auto err = c.Post("/v1/compare", {{"Accept", "image/svg+xml"}}, R"({"from": "nobody", "tracks": ["pm", "tpm"]})",
                    "application/json");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status, 404);
  EXPECT_EQ(err->get_header_value("Content-Type"), "application/json");
  // Endpoints without a drawing ignore the media type.
  auto next = c.Post("/v1/next", {{"Accept", "image/svg+xml"}}, R"({"from": "swe-l3"})", "application/json");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->get_header_value("Content-Type"), "application/json");
}

// The best route on the ladder, as `careergraph export --format svg --route` draws it.
TEST(RenderingTest, RouteOnTheLadderAsSvg) {
  auto server = StartServer();
  auto c = Client(*server);
  const std::string body = R"({"from": "Senior Software Engineer", "to": "Director of Product"})";
  auto svg = c.Post("/v1/route", {{"Accept", "image/svg+xml"}}, body, kJson);
  ASSERT_TRUE(svg);
  ASSERT_EQ(svg->status, 200) << svg->body;
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  auto cli = RunCli({"export", "--format", "svg", "--route", "--from", "Senior Software Engineer", "--to",
                     "Director of Product"});
  ASSERT_EQ(cli.exit_code, 0);
  EXPECT_EQ(svg->body, cli.out);
  // One highlighted arrow per move of the route, in order.
  const auto route = FromJson<v1::RouteResponse>(c.Post("/v1/route", body, kJson)->body);
  const auto& steps = route.routes(0).steps();
  std::string expected;
  for (int i = 1; i < steps.size(); ++i)
    expected += steps[i - 1].position_id() + ">" + steps[i].position_id() + " ";
  std::string drawn;
  const std::regex move(R"re(class="move route-move" data-from="([^"]+)" data-to="([^"]+)")re");
  for (std::sregex_iterator it(svg->body.begin(), svg->body.end(), move), end; it != end; ++it)
    drawn += (*it)[1].str() + ">" + (*it)[2].str() + " ";
  EXPECT_EQ(drawn, expected);
  EXPECT_EQ(std::count(svg->body.begin(), svg->body.end(), '\n') > 20, true);
}

// Every answer with a main list as CSV: header from the descriptor, one row per element,
// quoting that the project's own CSV reader reads back.
TEST(RenderingTest, AnswersAsCsv) {
  auto server = StartServer();
  auto c = Client(*server);
  auto csv_of = [&](const std::string& path, const std::string& body) {
    auto res = body.empty() ? c.Get(path, {{"Accept", "text/csv"}}) : c.Post(path, {{"Accept", "text/csv"}}, body, kJson);
    EXPECT_TRUE(res) << path;
    if (!res) return io::CsvTable{};
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv") << path;
    auto table = io::ParseCsv(res->body, ',');
    EXPECT_TRUE(table.error.empty()) << path << ": " << table.error;
    return table;
  };
  auto names = [](const io::CsvTable& t) {
    std::vector<std::string> out;
    if (!t.records.empty())
      for (const auto& f : t.records[0].fields) out.push_back(f);
    return out;
  };

  const std::string route_body = R"({"from": "swe-l3", "to": "Director of Product", "alternatives": 2})";
  auto route = csv_of("/v1/route", route_body);
  EXPECT_EQ(names(route), render::CsvHeader(v1::RouteResponse::descriptor(), "routes.steps"));
  ASSERT_FALSE(route.records.empty());
  EXPECT_EQ(route.records[0].fields[0], "routes_index");
  const auto json = FromJson<v1::RouteResponse>(c.Post("/v1/route", route_body, kJson)->body);
  std::size_t steps = 0;
  for (const auto& r : json.routes()) steps += r.steps_size();
  EXPECT_EQ(route.records.size(), steps + 1);
  const auto header = names(route);
  const auto title = std::find(header.begin(), header.end(), "title") - header.begin();
  EXPECT_EQ(route.records[1].fields[title], json.routes(0).steps(0).title());

  // The CLI's --format csv is the same table for the same question.
  auto cli = RunCli({"route", "--from", "swe-l3", "--to", "Director of Product", "--alternatives", "2", "--format", "csv"});
  ASSERT_EQ(cli.exit_code, 0);
  EXPECT_EQ(cli.out, c.Post("/v1/route", {{"Accept", "text/csv"}}, route_body, kJson)->body);

  auto next = csv_of("/v1/next", R"({"from": "Staff Software Engineer"})");
  EXPECT_EQ(names(next), render::CsvHeader(v1::NextResponse::descriptor(), "moves"));
  auto compare = csv_of("/v1/compare", R"({"from": "Staff Software Engineer", "tracks": ["pm", "tpm"], "horizonYears": 2})");
  ASSERT_GE(compare.records.size(), 3u);
  EXPECT_EQ(compare.records[0].fields[0], "options_index");
  EXPECT_EQ(compare.records[0].fields[1], "options.label");
  auto positions = csv_of("/v1/positions?search=product&limit=3", "");
  EXPECT_EQ(positions.records.size(), 4u);
  EXPECT_EQ(names(positions), render::CsvHeader(v1::PositionsResponse::descriptor(), "positions"));

  // The header does not depend on the answer: an empty list still names every column.
  v1::ReachResponse empty;
  EXPECT_EQ(render::ToCsv(empty), [&] {
    std::string line;
    for (const auto& n : render::CsvHeader(v1::ReachResponse::descriptor(), "positions")) line += (line.empty() ? "" : ",") + n;
    return line + "\r\n";
  }());
  // Missing is not zero: an optional field left out is an empty cell.
  v1::ReachResponse one;
  one.add_positions()->set_title("A, \"quoted\" title");
  const auto t = io::ParseCsv(render::ToCsv(one), ',');
  ASSERT_TRUE(t.error.empty()) << t.error;
  ASSERT_EQ(t.records.size(), 2u);
  const auto h = t.records[0].fields;
  EXPECT_EQ(t.records[1].fields[std::find(h.begin(), h.end(), "title") - h.begin()], "A, \"quoted\" title");
  EXPECT_EQ(t.records[1].fields[std::find(h.begin(), h.end(), "best_probability") - h.begin()], "");
  EXPECT_EQ(t.records[1].fields[std::find(h.begin(), h.end(), "pay") - h.begin()], "");
  EXPECT_EQ(render::CsvCell("plain"), "plain");
  EXPECT_EQ(render::CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(render::CsvCell("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
}

}  // namespace
}  // namespace careergraph::server
