// One table of requests asked through the CLI and through HTTP: every endpoint, with and
// without optional fields, with defaults left out, with bad values. Both front ends must
// answer the same response message, or the same careergraph.v1.Error (the CLI prints it with
// --format json). A rule that lives in one front end only makes a row of this table fail.
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "careergraph/v1/compare.pb.h"
#include "careergraph/v1/gap.pb.h"
#include "careergraph/v1/matrix.pb.h"
#include "careergraph/v1/next.pb.h"
#include "careergraph/v1/plan.pb.h"
#include "careergraph/v1/reach.pb.h"
#include "careergraph/v1/route.pb.h"
#include "careergraph/v1/service.pb.h"
#include "careergraph/v1/tradeoffs.pb.h"
#include "engine/errors.h"
#include "tests/test_util.h"
#include "tools/server/server.h"

namespace careergraph::server {
namespace {

using careergraph::testing::RunCli;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

struct Row {
  std::string path;                // HTTP endpoint
  std::string body;                // JSON body (POST), or the query string (GET)
  std::vector<std::string> args;   // the same question as CLI arguments
};

const std::string kStaff = "Staff Software Engineer";

// Each row asks one question both ways.
const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      // route: defaults, every objective spelling, constraints, alternatives, bad values
      {"/v1/route", R"({"from":"Staff Software Engineer","to":"Director of Product"})",
       {"route", "--from", kStaff, "--to", "Director of Product"}},
      {"/v1/route", R"({"from":"Staff Software Engineer","to":"Director of Product","objective":"safest"})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--objective", "SAFEST"}},
      {"/v1/route",
       R"({"from":"swe-l4","to":"Director of Product","objective":"OBJECTIVE_BEST_FIT","weights":{"risk":2,"pay":1}})",
       {"route", "--from", "swe-l4", "--to", "Director of Product", "--objective", "best-fit", "--weights",
        "risk=2,pay=1"}},
      {"/v1/route",
       R"({"from":"Staff Software Engineer","to":"Director of Product","constraints":{"avoidTracks":["tpm"],"avoidKinds":["lateral"],"maxMoves":4}})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--avoid-track", "tpm", "--avoid-kind", "lateral",
        "--max-moves", "4"}},
      {"/v1/route", R"({"from":"Staff Software Engineer","to":"Director of Product","alternatives":3})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--alternatives", "3"}},
      {"/v1/route", R"({"from":"Staff Software Engineer","to":"Director of Product","weights":{"years":1}})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--weights", "years=1"}},
      {"/v1/route", R"({"from":"Staff Software Engineer","to":"Director of Product","objective":"cheapest"})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--objective", "cheapest"}},
      {"/v1/route", R"({"from":"Staf Software Enginer","to":"Director of Product"})",
       {"route", "--from", "Staf Software Enginer", "--to", "Director of Product"}},
      {"/v1/route", R"({"from":"Staff Software Engineer","to":"Director of Product","constraints":{"maxYears":5}})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--max-years", "5"}},
      {"/v1/route",
       R"({"from":"Staff Software Engineer","to":"Director of Product","constraints":{"avoidTracks":["pm","sales"]}})",
       {"route", "--from", kStaff, "--to", "Director of Product", "--avoid-track", "pm,sales"}},
      // trade-offs: default criteria, explicit criteria, a bad one
      {"/v1/tradeoffs", R"({"from":"Staff Software Engineer","to":"Director of Product"})",
       {"tradeoffs", "--from", kStaff, "--to", "Director of Product"}},
      {"/v1/tradeoffs", R"({"from":"Staff Software Engineer","to":"Director of Product","criteria":["years","pay"]})",
       {"tradeoffs", "--from", kStaff, "--to", "Director of Product", "--criteria", "years,pay"}},
      {"/v1/tradeoffs", R"({"from":"Staff Software Engineer","to":"Director of Product","criteria":["years","salary"]})",
       {"tradeoffs", "--from", kStaff, "--to", "Director of Product", "--criteria", "years,salary"}},
      // reach: the default budget (5 years) is the engine's, whoever asks
      {"/v1/reach", R"({"from":"Staff Software Engineer"})", {"reach", "--from", kStaff}},
      {"/v1/reach", R"({"from":"Staff Software Engineer","withinYears":0,"sort":"pay","limit":5})",
       {"reach", "--from", kStaff, "--within-years", "0", "--sort", "pay", "--limit", "5"}},
      {"/v1/reach", R"({"from":"Staff Software Engineer","maxMoves":500})",
       {"reach", "--from", kStaff, "--max-moves", "500"}},
      // plan: the default horizon (10 years), goals by any spelling
      {"/v1/plan", R"({"from":"Staff Software Engineer"})", {"plan", "--from", kStaff}},
      {"/v1/plan", R"({"from":"Staff Software Engineer","horizonYears":8,"goal":"expected"})",
       {"plan", "--from", kStaff, "--horizon-years", "8", "--goal", "PLAN_GOAL_EXPECTED"}},
      {"/v1/plan", R"({"from":"Staff Software Engineer","horizonYears":60})",
       {"plan", "--from", kStaff, "--horizon-years", "60"}},
      {"/v1/plan", R"({"from":"Staff Software Engineer","goal":"riches"})",
       {"plan", "--from", kStaff, "--goal", "riches"}},
      // next
      {"/v1/next", R"({"from":"Staff Software Engineer"})", {"next", "--from", kStaff}},
      {"/v1/next", R"({"from":"Staff Software Engineer","top":3,"sort":"probability","constraints":{"noPayCut":true}})",
       {"next", "--from", kStaff, "--top", "3", "--sort", "probability", "--no-pay-cut"}},
      // compare: the default horizon; a track that does not exist
      {"/v1/compare", R"({"from":"Staff Software Engineer","tracks":["pm","tpm"]})",
       {"compare", "--from", kStaff, "--tracks", "pm,tpm"}},
      {"/v1/compare", R"({"from":"Staff Software Engineer","tracks":["pm","ops"]})",
       {"compare", "--from", kStaff, "--tracks", "pm,ops"}},
      // matrix
      {"/v1/matrix",
       R"({"from":["Senior Software Engineer","Staff Software Engineer"],"to":["Director of Product"],"objective":"fewest-moves"})",
       {"matrix", "--from", "Senior Software Engineer,Staff Software Engineer", "--to", "Director of Product",
        "--objective", "fewest-moves"}},
      {"/v1/matrix", R"({"from":["Staff Software Engineer"],"to":["Director of Product"],"weights":{"pay":1}})",
       {"matrix", "--from", kStaff, "--to", "Director of Product", "--weights", "pay=1"}},
      // gap: a pair, the person's own levels, a route's steps, an unknown competency
      {"/v1/gap", R"({"from":"Staff Software Engineer","to":"Principal Product Manager"})",
       {"gap", "--from", kStaff, "--to", "Principal Product Manager"}},
      {"/v1/gap", R"({"from":"Staff Software Engineer","to":"Director of Product","route":true,"have":{"strategy":4}})",
       {"gap", "--from", kStaff, "--to", "Director of Product", "--route", "--have", "strategy=4"}},
      {"/v1/gap", R"({"from":"Staff Software Engineer","to":"Director of Product","have":{"stratgy":4}})",
       {"gap", "--from", kStaff, "--to", "Director of Product", "--have", "stratgy=4"}},
      // route: the fastest route whose moves ask at most one level of growth each
      {"/v1/route", R"({"from":"Senior Software Engineer","to":"Director of Product","constraints":{"maxGrowth":1}})",
       {"route", "--from", "Senior Software Engineer", "--to", "Director of Product", "--max-growth", "1"}},
      // positions (GET): the default page, a search, a miss
      {"/v1/positions", "", {"positions"}},
      {"/v1/positions", "search=product&limit=3", {"positions", "--search", "product", "--limit", "3"}},
      {"/v1/positions", "search=zzzz", {"positions", "--search", "zzzz"}},
  };
  return rows;
}

template <typename M>
std::unique_ptr<Message> New() {
  return std::make_unique<M>();
}

std::unique_ptr<Message> ResponseFor(const std::string& path) {
  if (path == "/v1/route") return New<v1::RouteResponse>();
  if (path == "/v1/tradeoffs") return New<v1::TradeoffsResponse>();
  if (path == "/v1/reach") return New<v1::ReachResponse>();
  if (path == "/v1/plan") return New<v1::PlanResponse>();
  if (path == "/v1/next") return New<v1::NextResponse>();
  if (path == "/v1/compare") return New<v1::CompareResponse>();
  if (path == "/v1/matrix") return New<v1::MatrixResponse>();
  if (path == "/v1/gap") return New<v1::GapResponse>();
  if (path == "/v1/positions") return New<v1::PositionsResponse>();
  throw std::logic_error("no response type for " + path);
}

void Parse(const std::string& json, Message* m, const std::string& what) {
  const auto st = google::protobuf::util::JsonStringToMessage(json, m);
  ASSERT_TRUE(st.ok()) << what << " is not a " << m->GetDescriptor()->full_name() << ": " << st.ToString() << "\n"
                       << json;
}

// Search effort (settled labels, states, work bytes) depends on the search used (the server
// has landmark tables, a one-shot CLI query does not); the answer does not.
void IgnoreDiagnostics(MessageDifferencer* d, const google::protobuf::Descriptor* type) {
  for (const char* name : {"settled", "states", "work_bytes"})
    if (const auto* f = type->FindFieldByName(name)) d->IgnoreField(f);
}

TEST(Parity, CliAndHttpAnswerTheSameMessage) {
  ServerOptions o;
  o.transport.host = "127.0.0.1";
  o.transport.port = 0;
  o.transport.threads = 2;
  o.service.log_requests = false;
  auto started = Server::Start(std::move(o));
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  auto& server = **started;
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(60, 0);
  int answers = 0, errors = 0;
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.path + " " + row.body);
    auto args = row.args;
    args.insert(args.end(), {"--format", "json"});
    const auto cli = RunCli(args);
    const bool get = row.path == "/v1/positions";
    auto http = get ? c.Get(row.path + (row.body.empty() ? "" : "?" + row.body))
                    : c.Post(row.path, row.body, "application/json");
    ASSERT_TRUE(http);
    if (http->status == 200) {
      ASSERT_EQ(cli.exit_code, 0) << cli.out << cli.err;
      auto from_cli = ResponseFor(row.path), from_http = ResponseFor(row.path);
      Parse(cli.out, from_cli.get(), "CLI output");
      Parse(http->body, from_http.get(), "HTTP body");
      MessageDifferencer d;
      IgnoreDiagnostics(&d, from_cli->GetDescriptor());
      std::string diff;
      d.ReportDifferencesToString(&diff);
      EXPECT_TRUE(d.Compare(*from_cli, *from_http)) << diff;
      ++answers;
    } else {
      v1::Error from_cli, from_http;
      Parse(cli.out, &from_cli, "CLI error");
      Parse(http->body, &from_http, "HTTP error");
      EXPECT_TRUE(MessageDifferencer::Equals(from_cli, from_http))
          << "CLI: " << from_cli.ShortDebugString() << "\nHTTP: " << from_http.ShortDebugString();
      EXPECT_EQ(cli.exit_code, LookupError(from_http.code()).exit_code);
      EXPECT_EQ(http->status, LookupError(from_http.code()).http_status);
      EXPECT_EQ(cli.err, "");
      ++errors;
    }
  }
  // The table covers both kinds of answer.
  EXPECT_GE(answers, 15);
  EXPECT_GE(errors, 8);
}

}  // namespace
}  // namespace careergraph::server
