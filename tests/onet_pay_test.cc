// Pay basis and the sibling estimator (io/onet_pay.h) on small hand-made tables whose answers
// can be worked out by hand. The group used throughout publishes P10..P90 = 40,000, 50,000,
// 60,000, 72,000, 90,000: its spread ln(P75/P25) = ln 1.44, so a shift of s moves a member to
// 60,000 x 1.2^(2s).
#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <string>
#include <vector>

#include "io/onet_import.h"
#include "io/onet_input.h"
#include "io/onet_pay.h"
#include "io/onet_tables.h"
#include "io/wages.h"

namespace careergraph {
namespace {

using io::onet::Deviation;
using io::onet::GroupWages;
using io::onet::HeldOutCase;
using io::onet::Occupation;
using io::onet::PayEvidence;
using io::onet::PayModel;

GroupWages Group() {
  GroupWages g;
  g.at = {40000.0, 50000.0, 60000.0, 72000.0, 90000.0};
  return g;
}

constexpr const char* kPercentileHeader = "OCC_CODE\tOCC_TITLE\tO_GROUP\tA_PCT10\tA_PCT25\tA_MEDIAN\tA_PCT75\tA_PCT90\n";
constexpr const char* kGroupPercentiles = "\t40000\t50000\t60000\t72000\t90000\n";

io::OewsWages Wages(const std::string& text) {
  auto t = io::TsvTable::Parse(text, "wages.tsv");
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  auto w = io::OewsWages::FromTable(*t, 239200);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return std::move(*w);
}

TEST(OnetPay, DeviationsFromTheSiblingsMeanLeaveMissingEvidenceAlone) {
  const std::vector<PayEvidence> members = {{3, 2.0, std::nullopt}, {4, std::nullopt, 5.0}, {5, 6.0, std::nullopt}};
  const auto d = io::onet::Deviations(members);
  ASSERT_EQ(d.size(), 3u);
  // Zone: mean 4. Education: mean of 2 and 6 = 4; the member without it is not moved on it.
  // Experience: only one member has it, nothing to compare with.
  EXPECT_EQ(d[0], (Deviation{-1, -2, 0}));
  EXPECT_EQ(d[1], (Deviation{0, 0, 0}));
  EXPECT_EQ(d[2], (Deviation{1, 2, 0}));
}

TEST(OnetPay, PlacesWithinTheGroupsSpreadAndPercentiles) {
  PayModel m;
  m.beta = {0.5, 0, 0};
  // One zone above the siblings: 60,000 x exp(ln 1.44 x 0.5) = 60,000 x 1.2 = 72,000.
  EXPECT_NEAR(io::onet::Place(m, Group(), {1, 0, 0}), 72000, 1e-6);
  EXPECT_NEAR(io::onet::Place(m, Group(), {-1, 0, 0}), 50000, 1e-6);
  EXPECT_NEAR(io::onet::Place(m, Group(), {0, 3, -2}), 60000, 1e-6);  // beta 0 on the others
  // Never outside P10..P90.
  EXPECT_NEAR(io::onet::Place(m, Group(), {10, 0, 0}), 90000, 1e-6);
  EXPECT_NEAR(io::onet::Place(m, Group(), {-10, 0, 0}), 40000, 1e-6);
  GroupWages open = Group();
  open.at[0].reset();  // no P10 published: no floor
  EXPECT_NEAR(io::onet::Place(m, open, {-2, 0, 0}), 60000 / 1.44, 1e-6);
}

TEST(OnetPay, AGroupThatCannotAnchorAnEstimate) {
  EXPECT_TRUE(io::onet::CanPlace(Group()));
  GroupWages g = Group();
  g.at[1].reset();  // P25 '*'
  EXPECT_FALSE(io::onet::CanPlace(g));
  g = Group();
  g.median_top_coded = true;  // a floor
  EXPECT_FALSE(io::onet::CanPlace(g));
}

// `groups` groups of three members one zone apart, own medians as `own(k)` for member k = 0,1,2
// (deviations -1, 0, +1).
template <typename Own>
std::vector<HeldOutCase> ThreeApart(int groups, Own own) {
  std::vector<HeldOutCase> cases;
  for (int g = 0; g < groups; ++g)
    for (int k = 0; k < 3; ++k)
      cases.push_back({"17-20" + std::to_string(g) + std::to_string(k + 1), "17-20" + std::to_string(g) + "0", Group(),
                       Deviation{static_cast<double>(k - 1), 0, 0}, own(k)});
  return cases;
}

TEST(OnetPay, FitRecoversTheRelationship) {
  // Own medians 50,000 / 60,000 / 72,000 are exactly beta_zone = 0.5.
  const auto cases = ThreeApart(4, [](int k) { return 60000 * std::pow(1.2, k - 1); });
  const PayModel m = io::onet::FitPayModel(cases);
  EXPECT_EQ(m.cases, 12u);
  EXPECT_NEAR(m.beta[0], 0.5, 1e-9);
  EXPECT_EQ(m.beta[1], 0);  // no spread in the evidence: says nothing
  EXPECT_EQ(m.beta[2], 0);
  EXPECT_EQ(io::onet::FitPayModel(cases, "17-2000").cases, 9u);
}

TEST(OnetPay, ValidationMeasuresEstimateAndBaselineOnHeldOutGroups) {
  // The evidence predicts perfectly: every held-out estimate is exact. The baseline (the
  // group median) is off by 10,000/50,000 = 0.2 for the lower member, 0 for the middle and
  // 12,000/72,000 = 1/6 for the upper: median 1/6, 90th percentile 0.2.
  const auto exact = ThreeApart(10, [](int k) { return 60000 * std::pow(1.2, k - 1); });
  const auto v = io::onet::ValidatePayModel(exact);
  EXPECT_EQ(v.cases, 30u);
  EXPECT_EQ(v.groups, 10u);
  EXPECT_NEAR(v.estimate_median, 0, 1e-9);
  EXPECT_NEAR(v.estimate_p90, 0, 1e-9);
  EXPECT_NEAR(v.baseline_median, 1.0 / 6, 1e-9);
  EXPECT_NEAR(v.baseline_p90, 0.2, 1e-9);
  EXPECT_TRUE(v.estimator_wins);
  // Too few cases to show anything, however good.
  EXPECT_FALSE(io::onet::ValidatePayModel(ThreeApart(9, [](int k) { return 60000 * std::pow(1.2, k - 1); })).estimator_wins);
  // Pay unrelated to the evidence (both ends 10% above the median, the middle 10% below):
  // beta is 0, the estimate is the group median, and no better than it.
  const auto noise = ThreeApart(10, [](int k) { return k == 1 ? 54000.0 : 66000.0; });
  const auto n = io::onet::ValidatePayModel(noise);
  EXPECT_NEAR(n.estimate_median, n.baseline_median, 1e-9);
  EXPECT_FALSE(n.estimator_wins);
}

TEST(OnetPay, NearestRankQuantile) {
  EXPECT_EQ(io::onet::NearestRankQuantile({5, 1, 4, 2, 3, 6, 7, 8, 9, 10}, 0.9), 9);
  EXPECT_EQ(io::onet::NearestRankQuantile({3, 1, 2}, 0.9), 3);
  EXPECT_EQ(io::onet::NearestRankQuantile({}, 0.9), 0);
}

TEST(OnetPay, ReleaseLabel) {
  EXPECT_EQ(io::onet::OewsReleaseLabel("May 2024 OEWS Estimates"), "OEWS May 2024");
  EXPECT_EQ(io::onet::OewsReleaseLabel(""), "OEWS");
  EXPECT_EQ(io::onet::OewsReleaseLabel("Field descriptions"), "OEWS");
}

// A small graph: ten broad groups 17-2010 .. 17-2090, 17-3010 of three own codes each, zones
// 3, 4, 5, paid exactly as beta_zone = 0.5 says when `related` (else both ends 10% above the
// group median and the middle 10% below); two O*NET occupations sharing OEWS 19-1029 (zones
// 4 and 5); Cardiologists top-coded; fishers on the major group's wage.
struct Fixture {
  std::deque<Occupation> occupations;
  std::vector<const Occupation*> nodes;
  io::OewsWages wages;
};

Fixture MakeFixture(bool related) {
  std::string text = kPercentileHeader;
  Fixture f{{}, {}, io::OewsWages()};
  auto add = [&](const std::string& code, const std::string& title, int zone) {
    Occupation o;
    o.code = code;
    o.title = title;
    o.zone = zone;
    f.occupations.push_back(o);
  };
  const std::vector<std::string> groups = {"17-201", "17-202", "17-203", "17-204", "17-205",
                                           "17-206", "17-207", "17-208", "17-209", "17-301"};
  for (const auto& g : groups) {
    text += g + "0\tGroup " + g + "\tbroad" + kGroupPercentiles;
    for (int k = 0; k < 3; ++k) {
      const std::string code = g + std::to_string(k + 1);
      const double own = related ? 60000 * std::pow(1.2, k - 1) : (k == 1 ? 54000.0 : 66000.0);
      text += code + "\tOccupation " + code + "\tdetailed\t*\t*\t" + std::to_string(own) + "\t*\t*\n";
      add(code + ".00", "Occupation " + code, 3 + k);
    }
  }
  text += std::string("19-1029\tBiological Scientists, All Other\tdetailed") + kGroupPercentiles;
  add("19-1029.01", "Bioinformatics Scientists", 4);
  add("19-1029.02", "Molecular and Cellular Biologists", 5);
  text += "29-1212\tCardiologists\tdetailed\t#\t#\t#\t#\t#\n";
  add("29-1212.00", "Cardiologists", 5);
  text += "45-0000\tFarming, Fishing, and Forestry Occupations\tmajor\t31470\t34590\t36750\t45450\t58950\n";
  add("45-3031.00", "Fishing and Hunting Workers", 1);
  f.wages = Wages(text);
  for (const auto& o : f.occupations) f.nodes.push_back(&o);
  return f;
}

const v1::PayBasis kMeasured = v1::PAY_BASIS_MEASURED, kShared = v1::PAY_BASIS_SHARED,
                   kEstimated = v1::PAY_BASIS_ESTIMATED, kTopCoded = v1::PAY_BASIS_TOP_CODED;

TEST(OnetPay, EstimatesSiblingsWhenTheValidationSaysTheyAreBetter) {
  const Fixture f = MakeFixture(/*related=*/true);
  io::OnetImportReport rep;
  auto r = io::onet::AssignPay(f.nodes, f.wages, "OEWS May 2024", &rep);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::size_t n = f.nodes.size(), bio1 = 30, bio2 = 31, cardio = 32, fish = 33;
  ASSERT_EQ(n, 34u);
  EXPECT_EQ(rep.pay_held_out, 30u);
  EXPECT_EQ(rep.pay_held_out_groups, 10u);
  EXPECT_TRUE(rep.pay_estimates_used);
  EXPECT_NEAR(r->model.beta[0], 0.5, 1e-9);
  EXPECT_EQ(rep.pay_measured, 30u);
  EXPECT_EQ(rep.pay_estimated, 2u);
  EXPECT_EQ(rep.pay_shared, 1u);
  EXPECT_EQ(rep.pay_top_coded, 1u);
  // The siblings are half a zone below and above their mean (4.5): 60,000 x 1.2^(-/+0.5).
  EXPECT_EQ(r->basis[bio1], kEstimated);
  EXPECT_EQ(r->pay[bio1], std::round(60000 / std::sqrt(1.2)));  // 54,772
  EXPECT_EQ(r->basis[bio2], kEstimated);
  EXPECT_EQ(r->pay[bio2], std::round(60000 * std::sqrt(1.2)));  // 65,727
  EXPECT_EQ(r->error[bio2], 0);  // the held-out estimates were exact
  EXPECT_EQ(r->source[bio2],
            "estimated within OEWS May 2024 19-1029 Biological Scientists, All Other's wage percentiles from job "
            "zone, education and experience (group median $60,000, shared by 2 occupations)");
  EXPECT_EQ(r->basis[0], kMeasured);
  EXPECT_EQ(r->pay[0], 50000);
  EXPECT_FALSE(r->error[0]);
  EXPECT_EQ(r->source[0], "OEWS May 2024 median of 17-2011 Occupation 17-2011");
  EXPECT_EQ(r->basis[cardio], kTopCoded);
  EXPECT_EQ(r->pay[cardio], 239200);
  EXPECT_EQ(r->source[cardio], "OEWS May 2024 median of 29-1212 Cardiologists, top-coded: at least $239,200");
  // The only one of its group: nothing to place it against; a group's figure all the same.
  EXPECT_EQ(r->basis[fish], kShared);
  EXPECT_EQ(r->source[fish],
            "OEWS May 2024 median of the broader group 45-0000 Farming, Fishing, and Forestry Occupations");
  EXPECT_EQ(r->tags[bio1], (std::vector<std::string>{"pay:oews:19-1029", "pay:estimated-within:19-1029"}));
}

TEST(OnetPay, KeepsTheSharedFigureWhenTheEstimatorIsNoBetter) {
  const Fixture f = MakeFixture(/*related=*/false);
  io::OnetImportReport rep;
  auto r = io::onet::AssignPay(f.nodes, f.wages, "OEWS May 2024", &rep);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(rep.pay_estimates_used);
  EXPECT_EQ(rep.pay_estimated, 0u);
  EXPECT_EQ(rep.pay_shared, 3u);
  // The group median is 6,000 from every held-out occupation: 6,000/66,000 = 1/11 for two of
  // each three, 6,000/54,000 for the third; the median, 1/11, is the shared figure's typical error.
  EXPECT_NEAR(rep.pay_baseline_error, 1.0 / 11, 1e-9);
  for (std::size_t i : {30u, 31u}) {
    EXPECT_EQ(r->basis[i], kShared);
    EXPECT_EQ(r->pay[i], 60000);
    EXPECT_EQ(r->error[i], 0.091);
    EXPECT_EQ(r->source[i], "OEWS May 2024 median of 19-1029 Biological Scientists, All Other, shared by 2 occupations");
  }
}

}  // namespace
}  // namespace careergraph
