// The alternatives and trade-offs front ends on the embedded ladder: golden tables, the
// response messages in every format, and every user error with its exit code and message.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include <google/protobuf/util/json_util.h>

#include "careergraph/v1/route.pb.h"
#include "careergraph/v1/tradeoffs.pb.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::RunCli;

std::vector<std::string> With(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

const std::vector<std::string> kRoute = {"route", "--graph", "default", "--from", "Staff Software Engineer",
                                         "--to", "Director of Product"};
const std::vector<std::string> kTradeoffs = {"tradeoffs", "--graph", "default", "--from", "Software Engineer",
                                             "--to", "Director of Product"};

template <typename M>
M ParseJson(const std::string& text) {
  M msg;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &msg).ok()) << text;
  return msg;
}

std::vector<std::string> Ids(const v1::Route& r) {
  std::vector<std::string> out;
  for (const auto& s : r.steps()) out.push_back(s.position_id());
  return out;
}

// ---- route --alternatives ----

constexpr const char* kThreeAlternatives = R"(Route 1 of 3
#  position                   track  move          years  cum.years       pay     change  ambiguity  leadership  p(move)   gap  grow first
-  -------------------------  -----  ------------  -----  ---------  --------  ---------  ---------  ----------  -------  ----  -----------------------------------------------
0  Staff Software Engineer    swe    start                      0.0  $340,000                  0.39        0.37
1  Principal Product Manager  pm     track-switch    1.5        1.5  $360,000   +$20,000       0.54        0.57      30%  5.00  product_sense, program_management, strategy
2  Group Product Manager      pm     promotion       3.0        4.5  $470,000  +$110,000       0.62        0.66      65%  2.00  people, strategy
3  Director of Product        pm     promotion       3.5        8.0  $610,000  +$140,000       0.70        0.75      60%  4.00  coordination, program_management, product_sense
Total: 3 moves, 8.0 years, success probability 11.7%, pay $340,000 -> $610,000 (+$270,000), fastest cost 8.000, competency gap 11.00

Route 2 of 3
#  position                        track  move          years  cum.years       pay     change  ambiguity  leadership  p(move)   gap  grow first
-  ------------------------------  -----  ------------  -----  ---------  --------  ---------  ---------  ----------  -------  ----  --------------------------------------------
0  Staff Software Engineer         swe    start                      0.0  $340,000                  0.39        0.37
1  Senior Staff Software Engineer  swe    promotion       3.0        3.0  $445,000  +$105,000       0.47        0.46      65%  5.00  technology, system_design, coordination
2  Group Product Manager           pm     track-switch    2.0        5.0  $470,000   +$25,000       0.62        0.66      20%  5.00  product_sense, people, strategy
3  Director of Product             pm     promotion       3.5        8.5  $610,000  +$140,000       0.70        0.75      60%  3.00  program_management, product_sense, ambiguity
Total: 3 moves, 8.5 years, success probability 7.8%, pay $340,000 -> $610,000 (+$270,000), fastest cost 8.500, competency gap 13.00

Route 3 of 3
#  position                    track  move          years  cum.years       pay     change  ambiguity  leadership  p(move)   gap  grow first
-  --------------------------  -----  ------------  -----  ---------  --------  ---------  ---------  ----------  -------  ----  ----------------------------------------
0  Staff Software Engineer     swe    start                      0.0  $340,000                  0.39        0.37
1  Engineering Manager         em     track-switch    1.0        1.0  $365,000   +$25,000       0.49        0.62      50%  3.00  people, program_management
2  Senior Engineering Manager  em     promotion       3.0        4.0  $480,000  +$115,000       0.57        0.71      65%  3.00  execution, program_management, ambiguity
3  Director of Engineering     em     promotion       3.5        7.5  $620,000  +$140,000       0.65        0.80      60%  1.00  strategy
4  Director of Product         pm     track-switch    1.5        9.0  $610,000   -$10,000       0.70        0.75      20%  6.00  product_sense, coordination, strategy
Total: 4 moves, 9.0 years, success probability 3.9%, pay $340,000 -> $610,000 (+$270,000), fastest cost 9.000, competency gap 13.00
)";

TEST(AlternativesCli, ThreeBestRoutesTable) {
  auto r = RunCli(With(kRoute, {"--alternatives", "3"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, kThreeAlternatives);
}

TEST(AlternativesCli, JsonListsDistinctRoutesBestFirst) {
  auto r = RunCli(With(kRoute, {"--alternatives", "10", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto resp = ParseJson<v1::RouteResponse>(r.out);
  ASSERT_EQ(resp.routes_size(), 10);
  EXPECT_EQ(resp.routes_found(), 10u);
  EXPECT_FALSE(resp.truncated());
  std::set<std::vector<std::string>> seen;
  for (int i = 0; i < resp.routes_size(); ++i) {
    const auto ids = Ids(resp.routes(i));
    EXPECT_EQ(ids.front(), "swe-l6");
    EXPECT_EQ(ids.back(), "pm-l8");
    EXPECT_TRUE(seen.insert(ids).second);
    if (i > 0) {
      EXPECT_LE(resp.routes(i - 1).totals().cost(), resp.routes(i).totals().cost());
    }
  }
  EXPECT_EQ(Ids(resp.routes(0)), (std::vector<std::string>{"swe-l6", "pm-l6", "pm-l7", "pm-l8"}));
  EXPECT_EQ(resp.routes(9).totals().years(), 9.5);
}

TEST(AlternativesCli, OverlapStretchAndResourceLimits) {
  auto r = RunCli(With(kRoute, {"--alternatives", "10", "--max-overlap", "0.3", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto resp = ParseJson<v1::RouteResponse>(r.out);
  ASSERT_GE(resp.routes_size(), 2);
  // Every later route shares at most 30% of its moves with each earlier one.
  for (int i = 0; i < resp.routes_size(); ++i)
    for (int j = 0; j < i; ++j) {
      const auto a = Ids(resp.routes(i)), b = Ids(resp.routes(j));
      std::set<std::pair<std::string, std::string>> moves;
      for (std::size_t k = 0; k + 1 < b.size(); ++k) moves.insert({b[k], b[k + 1]});
      int shared = 0;
      for (std::size_t k = 0; k + 1 < a.size(); ++k) shared += static_cast<int>(moves.count({a[k], a[k + 1]}));
      EXPECT_LE(shared, 0.3 * static_cast<double>(a.size() - 1)) << i << " vs " << j;
    }

  r = RunCli(With(kRoute, {"--alternatives", "10", "--max-stretch", "1.1", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  resp = ParseJson<v1::RouteResponse>(r.out);
  EXPECT_EQ(resp.routes_size(), 2);  // 8 and 8.5 years; the next ones take 9 > 8.8
  EXPECT_EQ(resp.routes_found(), 2u);

  r = RunCli(With(kRoute, {"--alternatives", "3", "--max-moves", "3", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  resp = ParseJson<v1::RouteResponse>(r.out);
  ASSERT_EQ(resp.routes_size(), 2);  // only two routes of at most 3 moves exist
  EXPECT_EQ(resp.routes_found(), 2u);
  EXPECT_EQ(Ids(resp.routes(1)), (std::vector<std::string>{"swe-l6", "swe-l7", "pm-l7", "pm-l8"}));
}

TEST(AlternativesCli, Errors) {
  auto r = RunCli(With(kRoute, {"--alternatives", "500"}));
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_EQ(r.err, "careergraph: error: --alternatives: at most 100 alternatives may be asked for\n");
  r = RunCli(With(kRoute, {"--alternatives", "3", "--via", "Tech Lead"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--via: alternatives cannot be combined with via positions"), std::string::npos)
      << r.err;
  r = RunCli(With(kRoute, {"--alternatives", "3", "--max-overlap", "2"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--max-overlap must be a fraction between 0 and 1"), std::string::npos) << r.err;
  r = RunCli(With(kRoute, {"--alternatives", "3", "--max-stretch", "0.5"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--max-stretch must be >= 1"), std::string::npos) << r.err;
  r = RunCli({"route", "--from", "Staff Software Engineer", "--to", "Director of Prodct", "--alternatives", "3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("did you mean 'Director of Product'"), std::string::npos) << r.err;
}

// ---- tradeoffs ----

constexpr const char* kTwoCriteria = R"(#  years   risk  moves  success   end pay    gap  route
-  -----  -----  -----  -------  --------  -----  ------------------------------------------------------------------------------------------------------------------------------
1    8.0  2.146      3      12%  $610,000  11.00  Staff Software Engineer -> Principal Product Manager -> Group Product Manager -> Director of Product
2   10.0  2.097      4      12%  $610,000  11.00  Staff Software Engineer -> Senior Product Manager -> Principal Product Manager -> Group Product Manager -> Director of Product
Front: 2 routes no other route beats in every criterion
)";
constexpr const char* kThreeCriteriaRepresentatives = R"(#  years   risk    pay  moves  success   end pay    gap  route
-  -----  -----  -----  -----  -------  --------  -----  ----------------------------------------------------------------------------------------------------------------------------------------------------------------------------
1   13.0  3.630  3.729      6       3%  $610,000  28.00  Software Engineer -> Software Engineer II -> Senior Software Engineer -> Engineering Manager -> Senior Engineering Manager -> Group Product Manager -> Director of Product
2   13.0  3.853  3.586      6       2%  $610,000  28.00  Software Engineer -> Software Engineer II -> Senior Software Engineer -> Engineering Manager -> Senior Engineering Manager -> Director of Engineering -> Director of Product
3   13.5  2.734  3.971      6       6%  $610,000  23.00  Software Engineer -> Software Engineer II -> Product Manager -> Senior Product Manager -> Principal Product Manager -> Group Product Manager -> Director of Product
Front: 6 routes no other route beats in every criterion; showing 3 well-spread ones
)";
constexpr const char* kTruncated = R"(#  years   risk    pay  moves  success   end pay    gap  route
-  -----  -----  -----  -----  -------  --------  -----  ----------------------------------------------------------------------------------------------------------------------------------------------------------------------------
1   13.0  3.630  3.729      6       3%  $610,000  28.00  Software Engineer -> Software Engineer II -> Senior Software Engineer -> Engineering Manager -> Senior Engineering Manager -> Group Product Manager -> Director of Product
2   13.0  3.853  3.586      6       2%  $610,000  28.00  Software Engineer -> Software Engineer II -> Senior Software Engineer -> Engineering Manager -> Senior Engineering Manager -> Director of Engineering -> Director of Product
Front: 2 routes no other route beats in every criterion
Front truncated (front size limit of 2 routes reached): routes with years >= 13.0 may be missing
)";

TEST(TradeoffsCli, TwoCriteriaTable) {
  auto r = RunCli({"tradeoffs", "--from", "Staff Software Engineer", "--to", "Director of Product", "--criteria",
                   "years,risk"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, kTwoCriteria);
}

TEST(TradeoffsCli, RepresentativesTable) {
  auto r = RunCli(With(kTradeoffs, {"--criteria", "years,risk,pay", "--representatives", "3"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kThreeCriteriaRepresentatives);
}

TEST(TradeoffsCli, TruncatedFrontSaysSo) {
  auto r = RunCli(With(kTradeoffs, {"--criteria", "years,risk,pay", "--max-front", "2"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kTruncated);
}

TEST(TradeoffsCli, JsonTextprotoAndPbCarryTheSameMessage) {
  auto json = RunCli(With(kTradeoffs, {"--criteria", "years,risk,pay", "--representatives", "3", "--format", "json"}));
  auto pb = RunCli(With(kTradeoffs, {"--criteria", "years,risk,pay", "--representatives", "3", "--format", "pb"}));
  auto text =
      RunCli(With(kTradeoffs, {"--criteria", "years,risk,pay", "--representatives", "3", "--format", "textproto"}));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  ASSERT_EQ(pb.exit_code, 0) << pb.err;
  ASSERT_EQ(text.exit_code, 0) << text.err;
  auto a = ParseJson<v1::TradeoffsResponse>(json.out);
  v1::TradeoffsResponse b;
  ASSERT_TRUE(b.ParseFromString(pb.out));
  EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString());
  EXPECT_NE(text.out.find("criteria: CRITERION_PAY"), std::string::npos) << text.out;

  ASSERT_EQ(a.criteria_size(), 3);
  EXPECT_EQ(a.criteria(0), v1::CRITERION_YEARS);
  ASSERT_EQ(a.routes_size(), 6);
  EXPECT_FALSE(a.truncated());
  EXPECT_EQ(std::vector<std::uint32_t>(a.representatives().begin(), a.representatives().end()),
            (std::vector<std::uint32_t>{0, 1, 2}));
  for (int i = 0; i < a.routes_size(); ++i) {
    const auto& tr = a.routes(i);
    ASSERT_EQ(tr.criteria_size(), 3);
    EXPECT_DOUBLE_EQ(tr.criteria(0), tr.route().totals().years());
    EXPECT_NEAR(tr.criteria(1), -std::log(tr.route().totals().probability()), 1e-9);
    EXPECT_NEAR(tr.route().totals().cost(), tr.criteria(0) + tr.criteria(1) + tr.criteria(2), 1e-9);
    if (i > 0) {
      EXPECT_LE(a.routes(i - 1).criteria(0), tr.criteria(0));
    }
  }
}

TEST(TradeoffsCli, Errors) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {With(kTradeoffs, {"--criteria", "years,salary"}), 2,
       "careergraph: error: unknown --criteria 'salary'; valid values: years, risk, pay, ambiguity, leadership or skills\n"},
      {With(kTradeoffs, {"--criteria", "years"}), 2,
       "careergraph: error: --criteria: a trade-off needs at least 2 criteria (got 1), e.g. years,risk; for the best "
       "route in one criterion ask for a route with that objective\n"},
      {With(kTradeoffs, {"--criteria", "years,risk,pay,ambiguity,leadership"}), 2,
       "careergraph: error: --criteria: at most 4 criteria can be traded off at once (got 5); the front grows too "
       "fast to read or compute beyond that\n"},
      {With(kTradeoffs, {"--criteria", "years,risk,years"}), 2,
       "careergraph: error: --criteria: criterion 'years' is given twice\n"},
      {With(kTradeoffs, {"--max-front", "5000"}), 6, "careergraph: error: --max-front: at most 1000 front routes may be asked for\n"},
      {With(kTradeoffs, {"--time-limit", "60"}), 6,
       "careergraph: error: --time-limit: a time limit of at most 10 s may be asked for\n"},
      {With(kTradeoffs, {"--avoid-kind", "sideways"}), 2,
       "careergraph: error: unknown --avoid-kind 'sideways'; valid values: promotion, lateral, track-switch or "
       "org-change\n"},
      {With(kTradeoffs, {"--avoid-track", "sales"}), 3,
       "careergraph: error: --avoid-track: unknown track 'sales'; known: swe (Software Engineering IC), em (Engineering Management), pm (Product Management), tpm (Technical Program Management)\n"},
      {{"tradeoffs", "--from", "Sofware Engineer", "--to", "Director of Product"}, 3, ""},
      {{"tradeoffs", "--from", "Director of Product", "--to", "Software Engineer"}, 4,
       "careergraph: error: no route from 'Director of Product' to 'Software Engineer': 'Software Engineer' cannot "
       "be reached from 'Director of Product' by any sequence of moves in this graph (2 positions are reachable "
       "from it; list them with `careergraph reach`)\n"},
  };
  for (const auto& c : cases) {
    auto r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_EQ(r.out, "");
    if (!c.message.empty()) {
      EXPECT_EQ(r.err, c.message);
    } else {
      EXPECT_NE(r.err.find("careergraph: error: "), std::string::npos) << r.err;
    }
  }
  auto r = RunCli({"tradeoffs", "--from", "Sofware Engineer", "--to", "Director of Product"});
  EXPECT_NE(r.err.find("did you mean 'Software Engineer'"), std::string::npos) << r.err;
}

TEST(TradeoffsCli, HelpListsTheCommand) {
  auto r = RunCli({"--help"});
  EXPECT_NE(r.out.find("tradeoffs"), std::string::npos) << r.out;
  r = RunCli({"tradeoffs", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--representatives"), std::string::npos);
  EXPECT_NE(r.out.find("--criteria"), std::string::npos);
}

}  // namespace
}  // namespace careergraph
