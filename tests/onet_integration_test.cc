// The real import: O*NET 29.3 + BLS OEWS May 2024 (+ legacy context, O*NET 30.0 work
// activities) from ../shared/data, checked against facts of the data, for determinism, and
// against the shipped data/onet/graph.pb so the shipped file cannot go stale.
// Skipped, with a message, where ../shared/data is not present.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "engine/career_graph.h"
#include "io/graph_source.h"
#include "io/onet_import.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunCli;
using testing::SourcePath;

std::string DataDir() { return SourcePath("../shared/data"); }

io::OnetImportOptions RealOptions() {
  const std::string d = DataDir();
  io::OnetImportOptions o;
  o.onet_dir = d + "/onet-29.3";
  o.wages = d + "/bls-oews-2024-national/national_M2024.tsv";
  o.context_dir = d + "/onet-18.1-legacy-context";
  o.activities = d + "/onet-30.0-work-activities/work_activities.tsv";
  return o;
}

bool HaveData() {
  std::error_code ec;
  for (const char* sub : {"onet-29.3", "bls-oews-2024-national", "onet-18.1-legacy-context", "onet-30.0-work-activities"})
    if (!fs::is_directory(DataDir() + "/" + sub, ec)) return false;
  return true;
}

// One import shared by the tests (it reads ~12 MB of text).
class OnetReal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!HaveData()) return;
    auto r = io::ImportOnet(RealOptions());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    imported_ = new io::OnetImport(std::move(*r));
    auto bytes = io::EncodeOnetSnapshot(imported_->graph);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    bytes_ = new std::string(std::move(*bytes));
  }
  static void TearDownTestSuite() {
    delete imported_;
    delete bytes_;
    imported_ = nullptr;
    bytes_ = nullptr;
  }
  void SetUp() override {
    if (!HaveData()) GTEST_SKIP() << "the public data is not at " << DataDir() << " (O*NET, BLS OEWS); skipping";
    ASSERT_NE(imported_, nullptr);
  }
  const v1::Graph& graph() const { return imported_->graph; }
  const io::OnetImportReport& report() const { return imported_->report; }
  const v1::Position& ById(const std::string& id) const {
    for (const auto& p : graph().positions())
      if (p.id() == id) return p;
    throw std::runtime_error("no position " + id);
  }
  static bool HasTag(const v1::Position& p, const std::string& tag) {
    return std::find(p.tags().begin(), p.tags().end(), tag) != p.tags().end();
  }

  static io::OnetImport* imported_;
  static std::string* bytes_;
};
io::OnetImport* OnetReal::imported_ = nullptr;
std::string* OnetReal::bytes_ = nullptr;

TEST_F(OnetReal, CountsMatchTheData) {
  EXPECT_EQ(report().occupations, 1016u);
  EXPECT_EQ(graph().positions_size(), 923);
  const auto& t = graph().transition_table();
  ASSERT_EQ(t.from_size(), 18460);
  // Every one of the 923 occupations has exactly its 20 related occupations as out-edges,
  // and every edge's endpoints are positions.
  std::map<std::uint32_t, int> out;
  for (int i = 0; i < t.from_size(); ++i) {
    ASSERT_LT(t.from(i), 923u);
    ASSERT_LT(t.to(i), 923u);
    ASSERT_NE(t.from(i), t.to(i));
    ++out[t.from(i)];
  }
  EXPECT_EQ(out.size(), 923u);
  for (const auto& [v, n] : out) EXPECT_EQ(n, 20) << graph().positions(static_cast<int>(v)).id();
  // Tiers as O*NET publishes them: 5 Primary-Short, 5 Primary-Long, 10 Supplemental each.
  std::map<std::string, int> tiers;
  for (int i = 0; i < t.from_size(); ++i) {
    const std::string& prov = t.provenance_strings(static_cast<int>(t.provenance(i)));
    tiers[prov.substr(0, prov.find(','))]++;
  }
  EXPECT_EQ(tiers["O*NET Related Occupations: Primary-Short"], 4615);
  EXPECT_EQ(tiers["O*NET Related Occupations: Primary-Long"], 4615);
  EXPECT_EQ(tiers["O*NET Related Occupations: Supplemental"], 9230);
  EXPECT_EQ(report().lateral + report().promotion + report().track_switch, 18460u);
  // Titles are unique, so every title resolves to one position.
  std::set<std::string> titles;
  for (const auto& p : graph().positions()) EXPECT_TRUE(titles.insert(p.title()).second) << p.title();
}

TEST_F(OnetReal, PayFactsOfOewsMay2024) {
  // 892 of the 923 match a detailed OEWS code; 31 need a broader group; 21 medians are
  // top-coded ('#', all physicians, surgeons and dental specialists); 4 publish only an
  // hourly median.
  EXPECT_EQ(report().pay_own_code, 892u);
  EXPECT_EQ(report().pay_broader, 31u);
  EXPECT_EQ(report().pay_top_coded, 21u);
  EXPECT_EQ(report().pay_from_hourly, 4u);
  // Chief Executives' annual median is published ($206,420); only their upper percentiles
  // are top-coded in May 2024.
  const auto& ceo = ById("11-1011.00");
  EXPECT_EQ(ceo.title(), "Chief Executives");
  EXPECT_EQ(ceo.annual_pay(), 206420);
  EXPECT_FALSE(HasTag(ceo, "pay:top-coded"));
  const auto& cardio = ById("29-1212.00");
  EXPECT_EQ(cardio.annual_pay(), 239200);
  EXPECT_TRUE(HasTag(cardio, "pay:top-coded"));
  std::size_t top = 0;
  for (const auto& p : graph().positions())
    if (HasTag(p, "pay:top-coded")) {
      ++top;
      EXPECT_EQ(p.annual_pay(), 239200) << p.title();
      EXPECT_EQ(p.id().substr(0, 3), "29-") << p.title();
    }
  EXPECT_EQ(top, 21u);
  EXPECT_EQ(ById("15-1252.00").annual_pay(), 133080);  // Software Developers
  EXPECT_EQ(ById("15-1251.00").annual_pay(), 98670);   // Computer Programmers
  // OEWS has no fishing and hunting rows at any level below the major group.
  EXPECT_TRUE(HasTag(ById("45-3031.00"), "pay:imputed-from:45-0000"));
  // Actors: hourly only, $23.33 x 2080.
  EXPECT_EQ(ById("27-2011.00").annual_pay(), 48526);
  EXPECT_TRUE(HasTag(ById("27-2011.00"), "pay:from-hourly-x2080"));
  for (const auto& p : graph().positions()) EXPECT_GT(p.annual_pay(), 0) << p.title();
}

// An occupation whose OEWS code is shared with other O*NET occupations, or is a
// broader group, carries a group's figure; the basis says so, and the estimator that would
// give such siblings their own figures is validated on occupations whose code is their own.
TEST_F(OnetReal, PayBasisOfEveryOccupation) {
  EXPECT_EQ(report().pay_measured, 693u);
  EXPECT_EQ(report().pay_shared, 209u);
  EXPECT_EQ(report().pay_estimated, 0u);
  EXPECT_EQ(report().pay_top_coded, 21u);
  std::map<std::string, int> users;  // OEWS code -> occupations using it
  for (const auto& p : graph().positions())
    for (const auto& t : p.tags())
      if (t.rfind("pay:oews:", 0) == 0) ++users[t.substr(9)];
  for (const auto& p : graph().positions()) {
    ASSERT_FALSE(p.pay_source().empty()) << p.title();
    std::string code;
    bool broader = false;
    for (const auto& t : p.tags()) {
      if (t.rfind("pay:oews:", 0) == 0) code = t.substr(9);
      broader |= t.rfind("pay:imputed-from:", 0) == 0;
    }
    if (HasTag(p, "pay:top-coded")) EXPECT_EQ(p.pay_basis(), v1::PAY_BASIS_TOP_CODED) << p.title();
    else if (!broader && users[code] == 1) EXPECT_EQ(p.pay_basis(), v1::PAY_BASIS_MEASURED) << p.title();
    else EXPECT_EQ(p.pay_basis(), v1::PAY_BASIS_SHARED) << p.title();
    // The error claimed for a shared figure is the one the held-out baseline measured.
    if (p.pay_basis() == v1::PAY_BASIS_SHARED) EXPECT_EQ(p.pay_error(), std::round(report().pay_baseline_error * 1000) / 1000);
    else EXPECT_FALSE(p.has_pay_error()) << p.title();
  }
  const auto& crc = ById("11-9121.01");
  EXPECT_EQ(crc.title(), "Clinical Research Coordinators");
  EXPECT_EQ(crc.annual_pay(), 161180);
  EXPECT_EQ(crc.pay_source(), "OEWS May 2024 median of 11-9121 Natural Sciences Managers, shared by 3 occupations");
  EXPECT_EQ(ById("15-1252.00").pay_basis(), v1::PAY_BASIS_MEASURED);
  EXPECT_EQ(ById("15-1252.00").pay_source(), "OEWS May 2024 median of 15-1252 Software Developers");
  EXPECT_EQ(ById("29-1229.01").pay_source(),
            "OEWS May 2024 median of 29-1229 Physicians, All Other, top-coded: at least $239,200, shared by 6 occupations");
  EXPECT_EQ(ById("45-3031.00").pay_source(),
            "OEWS May 2024 median of the broader group 45-0000 Farming, Fishing, and Forestry Occupations");
}

// The test: hide each own code, estimate from the group's wages and the evidence,
// compare with the real median. On O*NET 29.3 + OEWS May 2024 the estimator cuts the large
// errors (90th percentile) but not the typical one (median): the group median is already
// within 8% for half the occupations, mostly those that dominate their group's employment.
// So the import keeps the shared figures (data/onet/README.md, "Pay: how sure each figure is").
TEST_F(OnetReal, HeldOutEstimatorAgainstTheGroupMedian) {
  const auto& r = report();
  EXPECT_EQ(r.pay_held_out, 636u);
  EXPECT_EQ(r.pay_held_out_groups, 233u);
  EXPECT_NEAR(r.pay_estimate_error, 0.0830, 0.0005);
  EXPECT_NEAR(r.pay_estimate_p90, 0.2730, 0.0005);
  EXPECT_NEAR(r.pay_baseline_error, 0.0766, 0.0005);
  EXPECT_NEAR(r.pay_baseline_p90, 0.3251, 0.0005);
  EXPECT_LT(r.pay_estimate_p90, r.pay_baseline_p90);     // better on the large errors
  EXPECT_GT(r.pay_estimate_error, r.pay_baseline_error);  // worse on the typical one
  EXPECT_FALSE(r.pay_estimates_used);
  EXPECT_NE(r.Summary().find("not better on both, shared figures kept"), std::string::npos) << r.Summary();
}

TEST_F(OnetReal, EveryImputedValueSaysHow) {
  // 860 occupations have the legacy ambiguity measure through the crosswalk (as the data's
  // README counts); the rest are predicted or take their peers' median, and say so.
  EXPECT_EQ(report().ambiguity_measured, 860u);
  EXPECT_EQ(report().ambiguity_measured + report().ambiguity_proxy + report().ambiguity_peers, 923u);
  EXPECT_EQ(report().leadership_full + report().leadership_partial + report().leadership_legacy +
                report().leadership_peers,
            923u);
  EXPECT_EQ(report().experience_measured, 858u);  // Education, Training, and Experience covers 858
  EXPECT_EQ(report().experience_imputed, 65u);
  for (const auto& p : graph().positions()) {
    bool ambiguity = false, pay = false;
    for (const auto& t : p.tags()) {
      ambiguity |= t.rfind("ambiguity:", 0) == 0;
      pay |= t.rfind("pay:oews:", 0) == 0;
    }
    EXPECT_TRUE(ambiguity && pay) << p.title();
    EXPECT_GE(p.ambiguity(), 0);
    EXPECT_LE(p.ambiguity(), 1);
    EXPECT_GE(p.leadership(), 0);
    EXPECT_LE(p.leadership(), 1);
    EXPECT_GE(p.level(), 1);
    EXPECT_LE(p.level(), 5);
  }
  // O*NET 29.3 has no ratings for Software Developers; the 30.0 activities give leadership,
  // Work Styles Leadership is missing and says so.
  EXPECT_TRUE(HasTag(ById("15-1252.00"), "leadership:missing:work-styles-leadership"));
  EXPECT_TRUE(HasTag(ById("15-2051.00"), "experience:imputed-from:median-zone-4"));  // Data Scientists
}

TEST_F(OnetReal, ReferenceJobZoneMediansAreThisRelease) {
  // A release without Education, Training, and Experience uses these medians of O*NET 29.3.
  for (std::size_t z = 1; z <= 5; ++z) {
    EXPECT_DOUBLE_EQ(std::round(report().zone_experience_years[z] * 100) / 100, io::onet::kReferenceZoneExperience[z]) << z;
    EXPECT_DOUBLE_EQ(std::round(report().zone_education_years[z] * 100) / 100, io::onet::kReferenceZoneEducation[z]) << z;
  }
  EXPECT_TRUE(report().notes.empty());
}

// The O*NET 29.3 folder cut down to the four required tables, without wages or the other
// sources: the same graph of occupations and moves, pay unknown, every absence reported.
TEST_F(OnetReal, TheRequiredTablesAloneImport) {
  const std::string dir = testing::TempPath("onet-required");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* name : {"Occupation Data", "Related Occupations", "Job Zones", "Work Styles"})
    fs::create_symlink(RealOptions().onet_dir + "/" + name + ".txt", dir + "/" + name + ".txt");
  io::OnetImportOptions o;
  o.onet_dir = dir;
  auto r = io::ImportOnet(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->graph.positions_size(), 923);
  EXPECT_EQ(r->report.transitions, 18460u);
  EXPECT_EQ(r->report.pay_unknown, 923u);
  EXPECT_EQ(r->report.notes.size(), 5u) << r->report.Summary();
  for (const auto& p : r->graph.positions()) EXPECT_FALSE(p.has_annual_pay()) << p.title();
  EXPECT_TRUE(io::EncodeOnetSnapshot(r->graph).ok());
}

TEST_F(OnetReal, ImportIsDeterministic) {
  auto again = io::ImportOnet(RealOptions());
  ASSERT_TRUE(again.ok());
  auto bytes = io::EncodeOnetSnapshot(again->graph);
  ASSERT_TRUE(bytes.ok());
  EXPECT_TRUE(*bytes == *bytes_) << "two imports of the same files differ";
}

TEST_F(OnetReal, ShippedSnapshotIsAFreshImport) {
  const std::string shipped = ReadText(SourcePath("data/onet/graph.pb"));
  ASSERT_FALSE(shipped.empty()) << "data/onet/graph.pb is missing; run scripts/build_onet.sh";
  EXPECT_TRUE(shipped == *bytes_)
      << "data/onet/graph.pb differs from a fresh import of ../shared/data; rebuild it with scripts/build_onet.sh";
  EXPECT_LT(shipped.size(), 4u << 20);
}

TEST_F(OnetReal, CliImportWritesTheShippedBytes) {
  const auto o = RealOptions();
  const std::string out = testing::TempPath("onet.pb");
  auto r = RunCli({"import", "onet", "--onet-dir", o.onet_dir, "--wages", o.wages, "--context", o.context_dir,
                   "--activities", o.activities, "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("923 positions (of 1016 occupations), 18460 transitions"), std::string::npos) << r.err;
  EXPECT_TRUE(ReadText(out) == *bytes_);
}

// The shipped graph through the same door every query uses (--graph onet).
TEST(OnetShipped, OpensAndAnswersQueries) {
  auto g = io::OpenGraph("onet");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)->num_positions(), 923u);
  EXPECT_EQ((*g)->num_transitions(), 18460u);
  auto route = RunCli({"route", "--graph", "onet", "--from", "Computer Programmers", "--to",
                       "Computer and Information Systems Managers"});
  ASSERT_EQ(route.exit_code, 0) << route.err;
  EXPECT_NE(route.out.find("Computer and Information Systems Managers"), std::string::npos) << route.out;
  EXPECT_NE(route.out.find("11 Management"), std::string::npos) << route.out;
  auto search = RunCli({"positions", "--graph", "onet", "--search", "software"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("15-1252.00  Software Developers"), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("2 of 923 positions"), std::string::npos) << search.out;
}

}  // namespace
}  // namespace careergraph
