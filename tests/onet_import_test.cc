// The O*NET + BLS importer on small hand-made fixtures (tests/testdata/onet):
//   basic/      the official .txt forms, "n/a" for no value
//   reordered/  the same numbers as .tsv with every column order reversed, an extra column,
//               empty cells for no value and CRLF line ends in one file
//   bad_row/    basic's Related Occupations with a misspelled tier on line 5
//   layout_30/  basic's Work Styles and Skills in the O*NET 30.x layout (a column per scale,
//               no suppression flags: suppressed values are empty)
// The fixture's numbers are chosen so every expected value below can be worked out by hand;
// the comments show the arithmetic.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/career_graph.h"
#include "engine/errors.h"
#include "io/onet_import.h"
#include "io/onet_tables.h"
#include "io/wages.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

namespace fs = std::filesystem;
using io::ImportOnet;
using io::OnetImportOptions;
using testing::ReadText;
using testing::RunCli;
using testing::SourcePath;
using testing::TempPath;
using testing::WriteText;

OnetImportOptions Fixture(const std::string& dir, bool context = true, bool activities = true) {
  OnetImportOptions o;
  o.onet_dir = dir + "/onet";
  o.wages = dir + "/wages/national.tsv";
  if (context) o.context_dir = dir + "/context";
  if (activities) o.activities = dir + "/work_activities.tsv";
  return o;
}

OnetImportOptions Basic(bool context = true, bool activities = true) {
  return Fixture(SourcePath("tests/testdata/onet/basic"), context, activities);
}

// A writable copy of the basic fixture, for tests that break one file.
std::string CopyOfBasic() {
  const std::string dir = TempPath("fixture");
  fs::remove_all(dir);
  fs::copy(SourcePath("tests/testdata/onet/basic"), dir, fs::copy_options::recursive);
  return dir;
}

// Replaces line `line` (1-based) of a text file.
void ReplaceLine(const std::string& path, int line, const std::string& text) {
  std::string all = ReadText(path), out;
  int n = 1;
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    out += (n == line ? text : all.substr(start, end - start)) + "\n";
    start = end + 1;
    ++n;
  }
  WriteText(path, out);
}

struct Imported {
  v1::Graph graph;
  io::OnetImportReport report;
  std::map<std::string, const v1::Position*> by_title;
  const v1::Position& operator[](const std::string& title) const {
    auto it = by_title.find(title);
    if (it == by_title.end()) throw std::runtime_error("no position " + title);
    return *it->second;
  }
  bool HasTag(const std::string& title, const std::string& tag) const {
    const auto& tags = (*this)[title].tags();
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
  }
};

Imported Import(const OnetImportOptions& o) {
  auto r = ImportOnet(o);
  if (!r.ok()) throw std::runtime_error(r.status().ToString());
  Imported out{std::move(r->graph), r->report, {}};
  for (const auto& p : out.graph.positions()) out.by_title[p.title()] = &p;
  return out;
}

// One transition of the columnar table, by endpoint titles.
struct Move {
  v1::TransitionKind kind;
  double years, probability;
  std::string provenance;
};
std::map<std::pair<std::string, std::string>, Move> Moves(const v1::Graph& g) {
  std::map<std::pair<std::string, std::string>, Move> out;
  const auto& t = g.transition_table();
  for (int i = 0; i < t.from_size(); ++i)
    out[{g.positions(static_cast<int>(t.from(i))).title(), g.positions(static_cast<int>(t.to(i))).title()}] = {
        t.kind(i), t.years(i), t.probability(i), t.provenance_strings(static_cast<int>(t.provenance(i)))};
  return out;
}

Status ImportError(const OnetImportOptions& o) {
  auto r = ImportOnet(o);
  return r.ok() ? Status::Ok() : r.status();
}

std::string FileName(const std::string& path) { return fs::path(path).filename().string(); }

// ---- positions ----------------------------------------------------------------------------

TEST(OnetImport, PositionsAreTheOccupationsWithRelatedOccupations) {
  const Imported g = Import(Basic());
  // 15-1299.08 is in Occupation Data and Job Zones but has no related occupations.
  ASSERT_EQ(g.graph.positions_size(), 8);
  std::vector<std::string> ids;
  for (const auto& p : g.graph.positions()) ids.push_back(p.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"11-1011.00", "11-3021.00", "15-1211.00", "15-1251.00", "15-1252.00",
                                           "15-2051.00", "29-1212.00", "45-3031.00"}));
  EXPECT_EQ(g.report.occupations, 9u);
  EXPECT_EQ(g.report.positions, 8u);
  EXPECT_EQ(g.report.transitions, 16u);
  const auto& dev = g["Software Developers"];
  EXPECT_EQ(dev.id(), "15-1252.00");
  EXPECT_EQ(dev.track(), "15 Computer and Mathematical");
  EXPECT_EQ(dev.level(), 4);  // job zone
  EXPECT_EQ(dev.description(), "Research, design, and develop computer and network software or specialized utility programs.");
  EXPECT_EQ(g["Chief Executives"].track(), "11 Management");
  EXPECT_EQ(g["Fishing and Hunting Workers"].level(), 1);
}

TEST(OnetImport, PayJoinsOewsWithFallbackAndFlagsMarkers) {
  const Imported g = Import(Basic());
  // Own detailed code.
  EXPECT_EQ(g["Chief Executives"].annual_pay(), 206420);
  EXPECT_TRUE(g.HasTag("Chief Executives", "pay:oews:11-1011"));
  EXPECT_FALSE(g.HasTag("Chief Executives", "pay:top-coded"));
  EXPECT_EQ(g["Computer Programmers"].annual_pay(), 98670);
  // '#' = the top code from field_descriptions.txt ("$239,200 per year"), flagged.
  EXPECT_EQ(g["Cardiologists"].annual_pay(), 239200);
  EXPECT_TRUE(g.HasTag("Cardiologists", "pay:top-coded"));
  // No 15-1252 row: the broad group 15-1250.
  EXPECT_EQ(g["Software Developers"].annual_pay(), 130000);
  EXPECT_TRUE(g.HasTag("Software Developers", "pay:imputed-from:15-1250"));
  // A_MEDIAN '*' with an hourly median of $50.00: 50 x 2080.
  EXPECT_EQ(g["Computer Systems Analysts"].annual_pay(), 104000);
  EXPECT_TRUE(g.HasTag("Computer Systems Analysts", "pay:from-hourly-x2080"));
  EXPECT_FALSE(g.HasTag("Computer Systems Analysts", "pay:imputed-from:15-1210"));
  // No 45-3031; broad 45-3030 is '*' in both wages: on to the minor group 45-3000.
  EXPECT_EQ(g["Fishing and Hunting Workers"].annual_pay(), 38000);
  EXPECT_TRUE(g.HasTag("Fishing and Hunting Workers", "pay:imputed-from:45-3000"));
  EXPECT_EQ(g.report.pay_own_code, 6u);
  EXPECT_EQ(g.report.pay_broader, 2u);
  EXPECT_EQ(g.report.pay_top_coded, 1u);
  EXPECT_EQ(g.report.pay_from_hourly, 1u);
  for (const auto& p : g.graph.positions()) EXPECT_GT(p.annual_pay(), 0) << p.title();
}

TEST(OnetImport, EveryPayHasABasisAndASource) {
  const Imported g = Import(Basic());
  // Own detailed code, used by no other occupation: measured (an hourly-only median too).
  EXPECT_EQ(g["Chief Executives"].pay_basis(), v1::PAY_BASIS_MEASURED);
  EXPECT_EQ(g["Chief Executives"].pay_source(), "OEWS May 2024 median of 11-1011 Chief Executives");
  EXPECT_FALSE(g["Chief Executives"].has_pay_error());
  EXPECT_EQ(g["Computer Systems Analysts"].pay_basis(), v1::PAY_BASIS_MEASURED);
  EXPECT_EQ(g["Computer Systems Analysts"].pay_source(),
            "OEWS May 2024 hourly median of 15-1211 Computer Systems Analysts x 2,080 hours");
  EXPECT_EQ(g["Cardiologists"].pay_basis(), v1::PAY_BASIS_TOP_CODED);
  EXPECT_EQ(g["Cardiologists"].pay_source(), "OEWS May 2024 median of 29-1212 Cardiologists, top-coded: at least $239,200");
  // A broader group's figure is shared; this fixture has no percentiles and holds nothing
  // out, so no error is claimed and nothing is estimated.
  EXPECT_EQ(g["Software Developers"].pay_basis(), v1::PAY_BASIS_SHARED);
  EXPECT_EQ(g["Software Developers"].pay_source(),
            "OEWS May 2024 median of the broader group 15-1250 Software and Web Developers, Programmers, and Testers");
  EXPECT_FALSE(g["Software Developers"].has_pay_error());
  EXPECT_EQ(g.report.pay_measured, 5u);
  EXPECT_EQ(g.report.pay_shared, 2u);
  EXPECT_EQ(g.report.pay_estimated, 0u);
  EXPECT_EQ(g.report.pay_held_out, 0u);
  EXPECT_NE(g.report.Summary().find("pay basis: 5 measured, 2 shared, 0 estimated, 1 top-coded\n"), std::string::npos)
      << g.report.Summary();
}

TEST(OnetImport, AmbiguityIsTheMeasuredPercentileWithProxiesAndPeers) {
  const Imported g = Import(Basic());
  // Measured (legacy 2010 codes through the crosswalk): Fishing 2.5, Programmers 3.5,
  // Developers mean(4.0, 4.5) = 4.25, CIS Managers 4.5, Chief Executives 5.0. Mid-rank
  // percentiles of 5 values: 0.1, 0.3, 0.5, 0.7, 0.9.
  EXPECT_DOUBLE_EQ(g["Fishing and Hunting Workers"].ambiguity(), 0.1);
  EXPECT_DOUBLE_EQ(g["Computer Programmers"].ambiguity(), 0.3);
  EXPECT_DOUBLE_EQ(g["Software Developers"].ambiguity(), 0.5);
  EXPECT_DOUBLE_EQ(g["Computer and Information Systems Managers"].ambiguity(), 0.7);
  EXPECT_DOUBLE_EQ(g["Chief Executives"].ambiguity(), 0.9);
  EXPECT_TRUE(g.HasTag("Chief Executives", "ambiguity:legacy-work-context"));
  // Analysts have an empty legacy row. Their proxies (all three 4.4) sit on a line with the
  // measured values (proxies = measure for the 4 occupations that have both, r = 1), so the
  // prediction is 4.4: above 3 of the 5 measured values -> 0.6.
  EXPECT_DOUBLE_EQ(g["Computer Systems Analysts"].ambiguity(), 0.6);
  EXPECT_TRUE(g.HasTag("Computer Systems Analysts", "ambiguity:imputed-from:proxies"));
  EXPECT_EQ(g.report.ambiguity_fit_n, 4u);
  EXPECT_NEAR(g.report.ambiguity_fit_r, 1.0, 1e-12);
  // Cardiologists: no measure, and their only proxy is marked Recommend Suppress = Y. No
  // other zone-5 peers in group 29 and only one in zone 5: the median of all six -> 0.55.
  EXPECT_DOUBLE_EQ(g["Cardiologists"].ambiguity(), 0.55);
  EXPECT_TRUE(g.HasTag("Cardiologists", "ambiguity:imputed-from:median-all"));
  // Data Scientists: nothing at all; zone-4 peers Programmers 0.3, Developers 0.5, CIS
  // Managers 0.7 -> 0.5.
  EXPECT_DOUBLE_EQ(g["Data Scientists"].ambiguity(), 0.5);
  EXPECT_TRUE(g.HasTag("Data Scientists", "ambiguity:imputed-from:median-zone-4"));
  EXPECT_EQ(g.report.ambiguity_measured, 5u);
  EXPECT_EQ(g.report.ambiguity_proxy, 1u);
  EXPECT_EQ(g.report.ambiguity_peers, 2u);
}

TEST(OnetImport, LeadershipCombinesWorkStylesAndActivities) {
  const Imported g = Import(Basic());
  // All three measures equal per occupation: Fishing 1.5 < Programmers 3 < Analysts 3.5 <
  // CIS Managers 4.5 < Chief Executives 5. Developers have only the two activities (2.0),
  // which rank just above Fishing. Mid-rank percentiles of 6 composites.
  EXPECT_DOUBLE_EQ(g["Fishing and Hunting Workers"].leadership(), 0.083);
  EXPECT_DOUBLE_EQ(g["Software Developers"].leadership(), 0.25);
  EXPECT_DOUBLE_EQ(g["Computer Programmers"].leadership(), 0.417);
  EXPECT_DOUBLE_EQ(g["Computer Systems Analysts"].leadership(), 0.583);
  EXPECT_DOUBLE_EQ(g["Computer and Information Systems Managers"].leadership(), 0.75);
  EXPECT_DOUBLE_EQ(g["Chief Executives"].leadership(), 0.917);
  EXPECT_TRUE(g.HasTag("Software Developers", "leadership:missing:work-styles-leadership"));
  EXPECT_FALSE(g.HasTag("Computer Programmers", "leadership:missing:work-styles-leadership"));
  // Cardiologists: only legacy values (4.0 through 29-1069.00), z = 0.52 on the legacy
  // spread, between Analysts and CIS Managers on the current one -> 4/6.
  EXPECT_DOUBLE_EQ(g["Cardiologists"].leadership(), 0.667);
  EXPECT_TRUE(g.HasTag("Cardiologists", "leadership:imputed-from:legacy-onet"));
  // Data Scientists: zone-4 peers 0.417, 0.25, 0.75 -> 0.417.
  EXPECT_DOUBLE_EQ(g["Data Scientists"].leadership(), 0.417);
  EXPECT_TRUE(g.HasTag("Data Scientists", "leadership:imputed-from:median-zone-4"));
  EXPECT_EQ(g.report.leadership_full, 5u);
  EXPECT_EQ(g.report.leadership_partial, 1u);
  EXPECT_EQ(g.report.leadership_legacy, 1u);
  EXPECT_EQ(g.report.leadership_peers, 1u);
}

TEST(OnetImport, ExperienceAndPreparation) {
  const Imported g = Import(Basic());
  // Developers and Data Scientists have no RW rows: the zone-4 median of Programmers (3)
  // and CIS Managers (7) = 5.
  EXPECT_TRUE(g.HasTag("Software Developers", "experience:imputed-from:median-zone-4"));
  EXPECT_TRUE(g.HasTag("Data Scientists", "experience:imputed-from:median-zone-4"));
  EXPECT_FALSE(g.HasTag("Computer Programmers", "experience:imputed-from:median-zone-4"));
  EXPECT_EQ(g.report.experience_measured, 6u);
  EXPECT_EQ(g.report.experience_imputed, 2u);
  // Education by zone (RL medians): 1: 0; 2: none -> zone 1's 0; 3: associate 2;
  // 4: median(bachelor 4, half bachelor half master 5) = 4.5; 5: median(6, 7) = 6.5.
  const auto& p = g.report.zone_education_years;
  EXPECT_DOUBLE_EQ(p[1], 0);
  EXPECT_DOUBLE_EQ(p[2], 0);
  EXPECT_DOUBLE_EQ(p[3], 2);
  EXPECT_DOUBLE_EQ(p[4], 4.5);
  EXPECT_DOUBLE_EQ(p[5], 6.5);
}

TEST(OnetImport, TransitionsCarryYearsProbabilityKindAndProvenance) {
  const Imported g = Import(Basic());
  const auto moves = Moves(g.graph);
  ASSERT_EQ(moves.size(), 16u);
  auto m = [&](const std::string& a, const std::string& b) { return moves.at({a, b}); };
  // years = max(1, E(to) - rho(tier) E(from)) + max(0, P(to) - P(from)).
  // Programmers (E 3) -> Developers (E 5), Primary-Short first: 5 - 0.75*3 = 2.75.
  auto pd = m("Computer Programmers", "Software Developers");
  EXPECT_DOUBLE_EQ(pd.years, 2.75);
  EXPECT_DOUBLE_EQ(pd.probability, 0.80);
  EXPECT_EQ(pd.kind, v1::TRANSITION_KIND_LATERAL);
  EXPECT_EQ(pd.provenance, "O*NET Related Occupations: Primary-Short, index 1");
  // Second in Primary-Short: 0.78; Analysts need less experience than Programmers have: 1 year.
  auto pa = m("Computer Programmers", "Computer Systems Analysts");
  EXPECT_DOUBLE_EQ(pa.years, 1.0);
  EXPECT_DOUBLE_EQ(pa.probability, 0.78);
  EXPECT_EQ(pa.kind, v1::TRANSITION_KIND_LATERAL);  // to a lower zone in the same group
  // Primary-Long first: 0.65; 7 - 0.5*3 = 5.5; major group 15 -> 11.
  auto pm = m("Computer Programmers", "Computer and Information Systems Managers");
  EXPECT_DOUBLE_EQ(pm.years, 5.5);
  EXPECT_DOUBLE_EQ(pm.probability, 0.65);
  EXPECT_EQ(pm.kind, v1::TRANSITION_KIND_TRACK_SWITCH);
  EXPECT_EQ(pm.provenance, "O*NET Related Occupations: Primary-Long, index 6");
  // Zone 3 -> 4 in group 15: a promotion; 5 - 0.75*1.5 = 3.875, plus 4.5 - 2 = 2.5.
  auto ad = m("Computer Systems Analysts", "Software Developers");
  EXPECT_DOUBLE_EQ(ad.years, 6.38);
  EXPECT_EQ(ad.kind, v1::TRANSITION_KIND_PROMOTION);
  // Zone 4 -> 5 in group 11: 12 - 0.75*7 = 6.75, plus 6.5 - 4.5 = 2.
  auto mc = m("Computer and Information Systems Managers", "Chief Executives");
  EXPECT_DOUBLE_EQ(mc.years, 8.75);
  EXPECT_EQ(mc.kind, v1::TRANSITION_KIND_PROMOTION);
  EXPECT_DOUBLE_EQ(m("Chief Executives", "Computer and Information Systems Managers").years, 1.0);
  EXPECT_EQ(m("Chief Executives", "Computer and Information Systems Managers").kind, v1::TRANSITION_KIND_LATERAL);
  // Supplemental: 0.50 then 0.485; 12 - 0.25*5 = 10.75, plus 2.
  auto dc = m("Software Developers", "Chief Executives");
  EXPECT_DOUBLE_EQ(dc.years, 12.75);
  EXPECT_DOUBLE_EQ(dc.probability, 0.50);
  EXPECT_EQ(dc.provenance, "O*NET Related Occupations: Supplemental, index 11");
  EXPECT_DOUBLE_EQ(m("Software Developers", "Computer Systems Analysts").probability, 0.485);
  EXPECT_DOUBLE_EQ(m("Software Developers", "Data Scientists").probability, 0.76);
  // Zone 1 -> 3: 1.5 - 0.25*0 = 1.5, plus 2 - 0 = 2.
  EXPECT_DOUBLE_EQ(m("Fishing and Hunting Workers", "Computer Systems Analysts").years, 3.5);
  EXPECT_EQ(g.report.lateral + g.report.promotion + g.report.track_switch, 16u);
  EXPECT_EQ(g.report.promotion, 2u);  // Analysts -> Developers, CIS Managers -> Chief Executives
}

TEST(OnetImport, TheSnapshotBuildsAndRoutes) {
  auto bytes = io::EncodeOnetSnapshot(Import(Basic()).graph);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  v1::Graph snapshot;
  ASSERT_TRUE(snapshot.ParseFromString(*bytes));
  EXPECT_EQ(snapshot.transition_table().from_size(), 16);
  EXPECT_EQ(snapshot.transitions_size(), 0);  // columnar only
  EXPECT_EQ(snapshot.metadata().currency(), "USD");
  EXPECT_EQ(snapshot.metadata().version(), "O*NET 29.3 Database + May 2024 OEWS Estimates");
  ASSERT_EQ(snapshot.metadata().sources_size(), 4);
  EXPECT_NE(snapshot.metadata().sources(0).attribution().find(
                "information from the O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training "
                "Administration (USDOL/ETA). Used under the CC BY 4.0 license."),
            std::string::npos);
  EXPECT_NE(snapshot.metadata().sources(3).attribution().find("U.S. Bureau of Labor Statistics"), std::string::npos);
  auto built = CareerGraph::Build(snapshot);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ((*built)->num_positions(), 8u);
}

// ---- format tolerance and determinism ---------------------------------------------------

TEST(OnetImport, ReorderedColumnsAndTsvFormsGiveTheSameBytes) {
  auto a = io::EncodeOnetSnapshot(Import(Basic()).graph);
  auto b = io::EncodeOnetSnapshot(Import(Fixture(SourcePath("tests/testdata/onet/reordered"))).graph);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(OnetImport, ImportingTwiceGivesIdenticalBytes) {
  auto a = io::EncodeOnetSnapshot(Import(Basic()).graph);
  auto b = io::EncodeOnetSnapshot(Import(Basic()).graph);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(OnetImport, WithoutContextAmbiguityComesFromProxies) {
  const Imported g = Import(Basic(/*context=*/false, /*activities=*/false));
  // The proxy composite is its own scale: Analysts 4.4 among Fishing 2.5, Programmers 3.5,
  // Analysts 4.4, CIS Managers 4.5, Chief Executives 5.0 -> 0.5.
  EXPECT_DOUBLE_EQ(g["Computer Systems Analysts"].ambiguity(), 0.5);
  EXPECT_TRUE(g.HasTag("Chief Executives", "ambiguity:imputed-from:proxies"));
  EXPECT_EQ(g.report.ambiguity_measured, 0u);
  EXPECT_EQ(g.report.ambiguity_proxy, 5u);
  // Without the activities, Work Styles Leadership alone. Developers have none and no
  // legacy values either; of their peers only Programmers and CIS Managers (zone 4) have
  // a value, too few for a zone median -> the median of all.
  EXPECT_TRUE(g.HasTag("Chief Executives", "leadership:missing:guiding-subordinates"));
  EXPECT_TRUE(g.HasTag("Chief Executives", "leadership:missing:coordinating-others"));
  EXPECT_TRUE(g.HasTag("Software Developers", "leadership:imputed-from:median-all"));
  EXPECT_EQ(g.report.leadership_partial, 5u);
}

// ---- required and optional inputs --------------------------------------------------------

bool SummaryHas(const Imported& g, const std::string& line) {
  return g.report.Summary().find(line + "\n") != std::string::npos;
}

// The import's one note (an absent input), checked to be a line of the summary.
std::string OnlyNote(const Imported& g) {
  EXPECT_EQ(g.report.notes.size(), 1u) << g.report.Summary();
  if (g.report.notes.empty()) return "";
  EXPECT_TRUE(SummaryHas(g, g.report.notes[0])) << g.report.Summary();
  return g.report.notes[0];
}

// The basic fixture without its O*NET table `name`.
Imported ImportWithoutTable(const std::string& name) {
  const std::string dir = CopyOfBasic();
  fs::remove(dir + "/onet/" + name + ".txt");
  return Import(Fixture(dir));
}

// A release folder with only the four required tables of the basic fixture, and nothing else.
OnetImportOptions RequiredOnly() {
  const std::string dir = TempPath("required");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* name : {"Occupation Data", "Related Occupations", "Job Zones", "Work Styles"})
    fs::copy_file(SourcePath("tests/testdata/onet/basic/onet/") + name + ".txt", dir + "/" + name + ".txt");
  OnetImportOptions o;
  o.onet_dir = dir;
  return o;
}

TEST(OnetImport, EveryInputGivenLeavesNoNotes) {
  const Imported g = Import(Basic());
  EXPECT_TRUE(g.report.notes.empty()) << g.report.Summary();
}

TEST(OnetImport, TheFourRequiredTablesAloneImport) {
  const Imported g = Import(RequiredOnly());
  EXPECT_EQ(g.graph.positions_size(), 8);
  EXPECT_EQ(g.report.transitions, 16u);
  EXPECT_EQ(g.report.notes.size(), 5u) << g.report.Summary();
  for (const auto& p : g.graph.positions()) {
    EXPECT_FALSE(p.has_annual_pay()) << p.title();  // unknown, never 0
    EXPECT_EQ(p.competencies_size(), 0) << p.title();
  }
  EXPECT_EQ(g["Software Developers"].track(), "15");
  EXPECT_TRUE(SummaryHas(g, "pay: unknown for 8 (no wages file)"));
  auto bytes = io::EncodeOnetSnapshot(g.graph);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
}

TEST(OnetImport, WithoutWagesPayIsUnknown) {
  OnetImportOptions o = Basic();
  o.wages.clear();
  const Imported g = Import(o);
  EXPECT_EQ(OnlyNote(g), "no wages file (--wages): pay is unknown on every position (left out, never 0), and tracks "
                         "are named by their SOC major group code alone");
  EXPECT_EQ(g.report.pay_unknown, 8u);
  for (const auto& p : g.graph.positions()) {
    EXPECT_FALSE(p.has_annual_pay()) << p.title();
    for (const auto& t : p.tags()) EXPECT_NE(t.rfind("pay:", 0), 0u) << p.title() << " " << t;
  }
  EXPECT_EQ(g["Chief Executives"].track(), "11");
  EXPECT_EQ(g.graph.metadata().version(), "O*NET 29.3 Database");
  for (const auto& s : g.graph.metadata().sources()) EXPECT_EQ(s.name().find("Bureau of Labor Statistics"), std::string::npos);
  // The rest does not depend on pay.
  EXPECT_DOUBLE_EQ(g["Chief Executives"].ambiguity(), 0.9);
  auto built = CareerGraph::Build(g.graph);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
}

TEST(OnetImport, WithoutEducationYearsUseJobZoneMedians) {
  const Imported g = ImportWithoutTable("Education, Training, and Experience");
  EXPECT_EQ(OnlyNote(g), "Education, Training, and Experience.txt/.tsv not found: years use job-zone medians only, "
                         "O*NET 29.3's related work experience (0.71, 1.21, 2.27, 3.10, 3.05) and education (0.12, "
                         "0.29, 1.41, 3.81, 7.30 years, zones 1-5); tagged "
                         "experience:imputed-from:onet-29.3-median-zone-N");
  EXPECT_EQ(g.report.experience_measured, 0u);
  EXPECT_EQ(g.report.experience_imputed, 8u);
  EXPECT_TRUE(g.HasTag("Chief Executives", "experience:imputed-from:onet-29.3-median-zone-5"));
  EXPECT_TRUE(g.HasTag("Computer Systems Analysts", "experience:imputed-from:onet-29.3-median-zone-3"));
  for (std::size_t z = 1; z <= 5; ++z)
    EXPECT_DOUBLE_EQ(g.report.zone_education_years[z], io::onet::kReferenceZoneEducation[z]);
  // CIS Managers (zone 4, E 3.10) -> Chief Executives (zone 5, E 3.05), Primary-Short:
  // max(1, 3.05 - 0.75*3.10) = 1, plus 7.30 - 3.81 = 3.49.
  EXPECT_DOUBLE_EQ(Moves(g.graph).at({"Computer and Information Systems Managers", "Chief Executives"}).years, 4.49);
  EXPECT_TRUE(g.graph.positions(0).has_annual_pay());
}

TEST(OnetImport, WithoutSkillsNoCompetencyProfiles) {
  const Imported g = ImportWithoutTable("Skills");
  EXPECT_EQ(OnlyNote(g), "Skills.txt/.tsv not found: positions carry no competency profiles, and the ambiguity "
                         "proxies leave out Judgment and Decision Making");
  EXPECT_EQ(g.graph.metadata().competencies_size(), 0);
  for (const auto& p : g.graph.positions()) EXPECT_EQ(p.competencies_size(), 0) << p.title();
  EXPECT_EQ(g.report.ambiguity_measured, 5u);
  EXPECT_TRUE(g.HasTag("Computer Systems Analysts", "ambiguity:imputed-from:proxies"));
  EXPECT_EQ(g.graph.metadata().sources(0).name().find("Skills"), std::string::npos);
}

TEST(OnetImport, WithoutActivitiesLeadershipIsWorkStylesAlone) {
  const Imported g = Import(Basic(/*context=*/true, /*activities=*/false));
  EXPECT_EQ(OnlyNote(g), "no work activities file (--activities): leadership uses Work Styles Leadership without "
                         "Guiding, Directing, and Motivating Subordinates or Coordinating the Work and Activities of "
                         "Others; tagged leadership:missing:guiding-subordinates and "
                         "leadership:missing:coordinating-others");
  EXPECT_TRUE(g.HasTag("Chief Executives", "leadership:missing:guiding-subordinates"));
  EXPECT_EQ(g.report.leadership_full, 0u);
}

TEST(OnetImport, WithoutContextAmbiguityIsTheProxyPercentile) {
  const Imported g = Import(Basic(/*context=*/false, /*activities=*/true));
  EXPECT_EQ(OnlyNote(g), "no legacy work context (--context): ambiguity is the percentile of the proxy composite "
                         "(Work Styles Independence and Adaptability/Flexibility, Skills Judgment and Decision "
                         "Making), tagged ambiguity:imputed-from:proxies, and leadership has no legacy O*NET "
                         "fallback before the peer median");
  EXPECT_EQ(g.report.ambiguity_measured, 0u);
  EXPECT_EQ(g.report.leadership_legacy, 0u);
}

TEST(OnetImport, EachRequiredTableMissingIsNamed) {
  for (const std::string name : {"Occupation Data", "Related Occupations", "Job Zones", "Work Styles"}) {
    SCOPED_TRACE(name);
    const std::string dir = CopyOfBasic();
    fs::remove(dir + "/onet/" + name + ".txt");
    const Status st = ImportError(Fixture(dir));
    EXPECT_EQ(st.code(), v1::NOT_FOUND);
    EXPECT_EQ(st.field(), "onet-dir");
    EXPECT_NE(st.message().find("has no '" + name + ".txt' (or .tsv), a table the import needs: Occupation Data, "
                                "Related Occupations, Job Zones and Work Styles are required"),
              std::string::npos)
        << st.message();
  }
}

// ---- the two column layouts ------------------------------------------------------------

TEST(OnetImport, ReadsThe29xTextLayout) {
  // basic/: Work Styles and Skills a row per scale ("Scale ID", "Data Value"), with
  // "Recommend Suppress" (Cardiologists' Independence is suppressed).
  const Imported g = Import(Basic());
  EXPECT_EQ(g.report.leadership_full, 5u);
  EXPECT_DOUBLE_EQ(g["Chief Executives"].leadership(), 0.917);
  EXPECT_TRUE(g.HasTag("Cardiologists", "ambiguity:imputed-from:median-all"));
  ASSERT_EQ(g["Chief Executives"].competencies_size(), 1);
  EXPECT_EQ(g["Chief Executives"].competencies(0).competency(), "2.B.4.e");
  EXPECT_DOUBLE_EQ(g["Chief Executives"].competencies(0).level(), 6.5);
  EXPECT_DOUBLE_EQ(g["Chief Executives"].competencies(0).importance(), 1.0);
}

TEST(OnetImport, ReadsThe30xLayout) {
  // The same ratings a column per scale ("IM", "LV") give the same graph.
  const std::string dir = CopyOfBasic();
  for (const char* name : {"Work Styles.txt", "Skills.txt"})
    fs::copy_file(SourcePath("tests/testdata/onet/layout_30/onet/") + name, dir + "/onet/" + name,
                  fs::copy_options::overwrite_existing);
  const Imported g = Import(Fixture(dir));
  EXPECT_TRUE(g.report.notes.empty()) << g.report.Summary();
  auto a = io::EncodeOnetSnapshot(Import(Basic()).graph);
  auto b = io::EncodeOnetSnapshot(g.graph);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(OnetImport, NeitherLayoutIsAnErrorNamingTheColumn) {
  const std::string dir = CopyOfBasic();
  ReplaceLine(dir + "/onet/Work Styles.txt", 1,
              "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale\tScale Name\tValue\tRecommend Suppress");
  Status st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::INVALID_DATA);
  EXPECT_EQ(FileName(st.file()), "Work Styles.txt");
  EXPECT_EQ(st.line(), 1u);
  EXPECT_EQ(st.field(), "Scale ID");
  EXPECT_NE(st.message().find("no 'Scale ID' column (O*NET 29.x layout, with 'Data Value') and no 'IM' column "
                              "(O*NET 30.x layout, a column per scale); the header has: O*NET-SOC Code, Title"),
            std::string::npos)
      << st.message();
  // The 30.x layout needs a column for every scale read: Skills' LV.
  const std::string dir30 = CopyOfBasic();
  WriteText(dir30 + "/onet/Skills.txt", "O*NET-SOC Code\tElement ID\tElement Name\tIM\n11-1011.00\t2.B.4.e\tJudgment\t5.0\n");
  st = ImportError(Fixture(dir30));
  EXPECT_EQ(FileName(st.file()), "Skills.txt");
  EXPECT_EQ(st.line(), 1u);
  EXPECT_EQ(st.field(), "LV");
  EXPECT_NE(st.message().find("no 'LV' column"), std::string::npos) << st.message();
}

TEST(OnetImport, WorkStylesWithoutImportanceRatingsIsReported) {
  // A Work Styles file that rates other scales only (here WI) gives the model nothing; the
  // import goes on with the other measures and says so.
  const std::string dir = CopyOfBasic();
  std::string text = ReadText(dir + "/onet/Work Styles.txt");
  for (std::size_t at; (at = text.find("\tIM\tImportance\t")) != std::string::npos;)
    text.replace(at, 15, "\tWI\tWork Styles Impact\t");
  WriteText(dir + "/onet/Work Styles.txt", text);
  const Imported g = Import(Fixture(dir));
  EXPECT_EQ(OnlyNote(g), "Work Styles.txt gave no importance (IM) rating of Leadership (1.C.2.b), Independence "
                         "(1.C.6) or Adaptability/Flexibility (1.C.4.c) (its scales: WI): leadership and the "
                         "ambiguity proxies use the other measures, else the peer median");
  EXPECT_TRUE(g.HasTag("Chief Executives", "leadership:missing:work-styles-leadership"));
}

TEST(OnetImportCli, RequiredTablesAloneImportAndSayWhatIsMissing) {
  const std::string out = TempPath("required.pb");
  auto r = RunCli({"import", "onet", "--onet-dir", RequiredOnly().onet_dir, "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("\nno wages file (--wages): pay is unknown on every position"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\nSkills.txt/.tsv not found: positions carry no competency profiles"), std::string::npos) << r.err;
  auto route = RunCli({"route", "--graph", out, "--from", "Computer Programmers", "--to", "Chief Executives"});
  ASSERT_EQ(route.exit_code, 0) << route.err;
  EXPECT_NE(route.out.find("Computer and Information Systems Managers"), std::string::npos) << route.out;
}

// --quiet drops the summary's counts but never a note on what an absent input changed.
TEST(OnetImportCli, QuietStillSaysWhatIsMissing) {
  const std::string out = TempPath("required-quiet.pb");
  auto r = RunCli({"import", "onet", "--onet-dir", RequiredOnly().onet_dir, "-o", out, "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find("positions (of"), std::string::npos) << r.err;  // no summary
  EXPECT_EQ(r.err.find("wrote "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.rfind("careergraph: note: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("careergraph: note: no wages file (--wages): pay is unknown on every position"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("careergraph: note: Skills.txt/.tsv not found: positions carry no competency profiles"),
            std::string::npos)
      << r.err;
}

// ---- rejected inputs, each with file:line -----------------------------------------------

TEST(OnetImport, BadRowIsRejectedWithFileAndLine) {
  const std::string dir = CopyOfBasic();
  fs::copy_file(SourcePath("tests/testdata/onet/bad_row/onet/Related Occupations.txt"),
                dir + "/onet/Related Occupations.txt", fs::copy_options::overwrite_existing);
  const Status st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::INVALID_DATA);
  EXPECT_EQ(FileName(st.file()), "Related Occupations.txt");
  EXPECT_EQ(st.line(), 5u);
  EXPECT_EQ(st.field(), "Relatedness Tier");
  EXPECT_EQ(st.message(), "relatedness tier 'Primary Shortt' is not one of Primary-Short, Primary-Long, Supplemental");
}

TEST(OnetImport, MalformedFilesAreRejectedWithFileAndLine) {
  struct Case {
    std::string file;  // relative to the fixture
    int line;          // replaced line
    std::string text;
    std::string want_file, want_field, want_message_part;
    unsigned want_line;
  };
  const std::vector<Case> cases = {
      {"onet/Work Styles.txt", 3, "11-1011.00\tChief Executives\t1.C.2.b\tLeadership\tIM\tImportance\t4,5\tN",
       "Work Styles.txt", "Data Value", "'4,5' is not a number", 3},
      {"onet/Job Zones.txt", 4, "15-1211.00\tComputer Systems Analysts\t3\t08/2023", "Job Zones.txt", "",
       "row has 4 tab-separated fields but the header has 5", 4},
      {"onet/Job Zones.txt", 4, "15-1211.00\tComputer Systems Analysts\t6\t08/2023\tAnalyst", "Job Zones.txt",
       "Job Zone", "job zone '6' is not a whole number from 1 to 5", 4},
      {"onet/Job Zones.txt", 1, "O*NET-SOC Code\tTitle\tZone\tDate\tDomain Source", "Job Zones.txt", "Job Zone",
       "no 'Job Zone' column; the header has: O*NET-SOC Code, Title, Zone, Date, Domain Source", 1},
      {"onet/Related Occupations.txt", 3,
       "15-1251.00\tComputer Programmers\t15-9999.00\tNobody\tPrimary-Short\t2", "Related Occupations.txt",
       "Related O*NET-SOC Code", "related occupation 15-9999.00 is not in Occupation Data", 3},
      {"onet/Related Occupations.txt", 3, "15-1251.00\tComputer Programmers\t15-1211.00\tAnalysts\tPrimary-Short\t1",
       "Related Occupations.txt", "Index", "index 1 of 15-1251.00 is used twice (first on line 2)", 3},
      {"onet/Occupation Data.txt", 3, "11-3021\tComputer and Information Systems Managers\tPlan.",
       "Occupation Data.txt", "O*NET-SOC Code", "'11-3021' is not an O*NET-SOC code", 3},
      {"onet/Education, Training, and Experience.txt", 2,
       "11-1011.00\t2.D.1\tRequired Level of Education\tRL\t13\t0\t20\tN\tn/a\t08/2023\tIncumbent",
       "Education, Training, and Experience.txt", "Category", "category '13' of scale RL", 2},
      {"wages/national.tsv", 4, "99\tU.S.\t000000\t11-1011\tChief Executives\tdetailed\t99.24\t206k",
       "national.tsv", "A_MEDIAN", "wage '206k' is not a wage", 4},
      {"wages/national.tsv", 4, "17\tIllinois\t000000\t11-1011\tChief Executives\tdetailed\t99.24\t206420",
       "national.tsv", "AREA", "a second area '17'", 4},
      {"context/legacy_context.tsv", 2, "11-1011.00\tChief Executives\t7\t5\t5\t5", "legacy_context.tsv",
       "Work_Context:Structured_versus_Unstructured_Work", "value 7.00 is outside the 1 to 5 scale", 2},
      {"work_activities.tsv", 3, "11-1011.00\t4.A.4.b.1\tCoordinating the Work and Activities of Others\thigh\t3.0",
       "work_activities.tsv", "IM", "'high' is not a number", 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file + ":" + std::to_string(c.line));
    const std::string dir = CopyOfBasic();
    ReplaceLine(dir + "/" + c.file, c.line, c.text);
    const Status st = ImportError(Fixture(dir));
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), v1::INVALID_DATA);
    EXPECT_EQ(FileName(st.file()), c.want_file);
    EXPECT_EQ(st.line(), c.want_line);
    EXPECT_EQ(st.field(), c.want_field);
    EXPECT_NE(st.message().find(c.want_message_part), std::string::npos) << st.message();
  }
}

TEST(OnetImport, TopCodeMustBeKnown) {
  const std::string dir = CopyOfBasic();
  fs::remove(dir + "/wages/field_descriptions.txt");
  const Status st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::INVALID_DATA);
  EXPECT_EQ(FileName(st.file()), "national.tsv");
  EXPECT_EQ(st.line(), 12u);  // Cardiologists' '#'
  EXPECT_NE(st.message().find("pass --top-code"), std::string::npos);
  OnetImportOptions o = Fixture(dir);
  o.top_code = 250000;
  const Imported g = Import(o);
  EXPECT_EQ(g["Cardiologists"].annual_pay(), 250000);
  EXPECT_TRUE(g.HasTag("Cardiologists", "pay:top-coded"));
  // Without the notes file the release is named after the wages file.
  EXPECT_EQ(g.graph.metadata().version(), "O*NET 29.3 Database + OEWS (national.tsv)");
}

TEST(OnetImport, FilesAreFoundByNameInEitherForm) {
  const std::string dir = CopyOfBasic();
  fs::copy_file(dir + "/onet/Job Zones.txt", dir + "/onet/Job Zones.tsv");
  Status st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("both 'Job Zones.txt' and 'Job Zones.tsv'"), std::string::npos) << st.message();
  fs::remove(dir + "/onet/Job Zones.txt");
  EXPECT_TRUE(ImportError(Fixture(dir)).ok());  // the .tsv alone is read
  fs::remove(dir + "/onet/Job Zones.tsv");
  st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::NOT_FOUND);
  EXPECT_EQ(st.field(), "onet-dir");
  EXPECT_NE(st.message().find("has no 'Job Zones.txt' (or .tsv)"), std::string::npos);
}

TEST(OnetImport, MissingInputsNameTheirFlag) {
  OnetImportOptions o = Basic();
  o.wages = TempPath("none.tsv");
  Status st = ImportError(o);
  EXPECT_EQ(st.code(), v1::NOT_FOUND);
  EXPECT_EQ(st.field(), "wages");
  o = Basic();
  o.activities = TempPath("none.tsv");
  EXPECT_EQ(ImportError(o).field(), "activities");
  o = Basic();
  o.context_dir = TempPath("none");
  EXPECT_EQ(ImportError(o).field(), "context");
  o = Basic();
  o.onet_dir = TempPath("none");
  st = ImportError(o);
  EXPECT_EQ(st.field(), "onet-dir");
  EXPECT_NE(st.message().find("no such directory"), std::string::npos);
}

TEST(OnetImport, ContextTablesAreRecognisedByHeader) {
  const std::string dir = CopyOfBasic();
  fs::rename(dir + "/context/legacy_context.tsv", dir + "/context/a.txt");
  WriteText(dir + "/context/notes.txt", "\"Notes on the legacy context, never closed\nsecond line\n");
  const Imported g = Import(Fixture(dir));
  EXPECT_EQ(g.report.ambiguity_measured, 5u);
  EXPECT_DOUBLE_EQ(g["Chief Executives"].ambiguity(), 0.9);
  // A recognised table with a bad row is still rejected at its line.
  ReplaceLine(dir + "/context/crosswalk.tsv", 3, "11-3021\tComputer and Information Systems Managers\t11-3021.00\tx");
  const Status st = ImportError(Fixture(dir));
  EXPECT_EQ(FileName(st.file()), "crosswalk.tsv");
  EXPECT_EQ(st.line(), 3u);
  EXPECT_EQ(st.field(), "soc2010_code");
}

TEST(OnetImport, ContextFolderNeedsBothTables) {
  const std::string dir = CopyOfBasic();
  fs::remove(dir + "/context/crosswalk.tsv");
  const Status st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::NOT_FOUND);
  EXPECT_EQ(st.field(), "context");
  EXPECT_NE(st.message().find("SOC 2010 to 2019 crosswalk"), std::string::npos);
}

TEST(OnetImport, EveryGraphOccupationNeedsAJobZone) {
  const std::string dir = CopyOfBasic();
  ReplaceLine(dir + "/onet/Job Zones.txt", 9, "29-1213.00\tDermatologists\t5\t08/2023\tAnalyst");
  const Status st = ImportError(Fixture(dir));
  EXPECT_EQ(st.code(), v1::INVALID_DATA);
  EXPECT_EQ(FileName(st.file()), "Related Occupations.txt");
  EXPECT_EQ(st.line(), 15u);  // Cardiologists' first edge
  EXPECT_NE(st.message().find("occupation 29-1212.00 has related occupations but no row in"), std::string::npos);
}

// ---- the pieces ---------------------------------------------------------------------------

TEST(OnetModel, ProbabilityFallsWithTierAndPlace) {
  using io::onet::Tier;
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kPrimaryShort, 0), 0.80);
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kPrimaryShort, 4), 0.72);
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kPrimaryLong, 0), 0.65);
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kPrimaryLong, 4), 0.57);
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kSupplemental, 0), 0.50);
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kSupplemental, 9), 0.365);
  EXPECT_DOUBLE_EQ(io::onet::MoveProbability(Tier::kSupplemental, 1000), 0.05);
  Tier t;
  EXPECT_TRUE(io::onet::ParseTier("primary-long", &t));
  EXPECT_EQ(t, Tier::kPrimaryLong);
  EXPECT_FALSE(io::onet::ParseTier("Primary", &t));
}

TEST(OnetModel, YearsAndCategories) {
  using io::onet::Tier;
  EXPECT_DOUBLE_EQ(io::onet::MoveYears(3, 5, 4, 4, Tier::kPrimaryShort), 2.75);
  EXPECT_DOUBLE_EQ(io::onet::MoveYears(10, 2, 4, 3, Tier::kPrimaryShort), 1.0);  // never below a year, no negative step
  EXPECT_DOUBLE_EQ(io::onet::MoveYears(0, 2, 0, 4, Tier::kSupplemental), 6.0);
  EXPECT_DOUBLE_EQ(io::onet::ExperienceCategoryYears(1), 0);
  EXPECT_DOUBLE_EQ(io::onet::ExperienceCategoryYears(7), 3);
  EXPECT_DOUBLE_EQ(io::onet::ExperienceCategoryYears(11), 12);
  EXPECT_DOUBLE_EQ(io::onet::EducationCategoryYears(6), 4);
  EXPECT_DOUBLE_EQ(io::onet::EducationCategoryYears(8), 6);
}

TEST(OnetTables, TextThatIsNotUtf8IsRefusedWithItsLine) {
  auto t = io::TsvTable::Parse("OCC_CODE\tOCC_TITLE\n15-1252\tD\xe9veloppeur\n", "wages.txt");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().file(), "wages.txt");
  EXPECT_EQ(t.status().line(), 2u);
  EXPECT_NE(t.status().message().find("column 10"), std::string::npos) << t.status().ToString();
  EXPECT_TRUE(io::TsvTable::Parse("\xEF\xBB\xBFOCC_CODE\n15-1252\n", "bom.txt").ok());
}

TEST(OnetTables, ColumnsByNameInAnyOrderAndSpelling) {
  auto t = io::TsvTable::Parse("Data Value\to*net_soc_code\tScale ID\n4.5\t11-1011.00\tIM\nn/a\t11-1011.00\tIM\n", "x.tsv");
  ASSERT_TRUE(t.ok());
  auto code = t->Require({"O*NET-SOC Code"});
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 1);
  EXPECT_EQ(t->Find({"Element ID"}), -1);
  auto v = t->Number(0, 0);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 4.5);
  auto missing = t->OptionalNumber(1, 0);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  const Status needed = t->Number(1, 0).status();
  EXPECT_EQ(needed.line(), 3u);
  EXPECT_EQ(needed.field(), "Data Value");
  const Status absent = t->Require({"Element ID"}).status();
  EXPECT_EQ(absent.line(), 1u);
  EXPECT_EQ(absent.message(), "no 'Element ID' column; the header has: Data Value, o*net_soc_code, Scale ID (is this the right file for the release?)");
}

TEST(OewsWages, TopCodeFromTheFieldDescriptions) {
  EXPECT_EQ(io::OewsWages::TopCodeFromDescriptions(
                "Notes:\n*  = indicates that a wage estimate is not available\n"
                "#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year \n"),
            239200);
  EXPECT_EQ(io::OewsWages::TopCodeFromDescriptions("no notes\n"), 0);
}

TEST(OewsWages, MarkersAreNeverZero) {
  auto t = io::TsvTable::Parse(
      "OCC_CODE\tO_GROUP\tH_MEDIAN\tA_MEDIAN\n"
      "29-1211\tdetailed\t#\t#\n"
      "27-2011\tdetailed\t23.33\t*\n"
      "27-2010\tbroad\t**\t**\n"
      "27-0000\tmajor\t25.00\t52000\n"
      "13-1020\tbroad\t35.00\t72800\n"
      "13-1020\tdetailed\t35.00\t72800\n",
      "w.tsv");
  ASSERT_TRUE(t.ok());
  auto w = io::OewsWages::FromTable(*t, 239200);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  auto top = w->PayFor("29-1211");
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->annual, 239200);
  EXPECT_TRUE(top->top_coded);
  auto hourly = w->PayFor("27-2011");
  ASSERT_TRUE(hourly.ok());
  EXPECT_DOUBLE_EQ(hourly->annual, 23.33 * 2080);
  EXPECT_TRUE(hourly->from_hourly);
  auto broader = w->PayFor("27-2012");  // no row; broad 27-2010 is '**': the major group
  ASSERT_TRUE(broader.ok());
  EXPECT_EQ(broader->annual, 52000);
  EXPECT_EQ(broader->soc, "27-0000");
  EXPECT_TRUE(broader->broader);
  auto twice = w->PayFor("13-1020");  // listed as broad and as detailed, same wages
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->annual, 72800);
  EXPECT_FALSE(twice->broader);
  EXPECT_EQ(w->PayFor("55-1011").status().code(), v1::NOT_FOUND);
  EXPECT_EQ(w->MajorGroupTitle("27"), "");
}

// Reads a wages table given inline, with the May 2024 top code.
io::OewsWages Read(const std::string& text) {
  auto t = io::TsvTable::Parse(text, "wages.tsv");
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  auto w = io::OewsWages::FromTable(*t, 239200);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return std::move(*w);
}

TEST(OewsWages, PercentilesKeepTheirMarkers) {
  constexpr const char* kHeader = "OCC_CODE\tOCC_TITLE\tO_GROUP\tA_PCT10\tA_PCT25\tA_MEDIAN\tA_PCT75\tA_PCT90\n";
  const auto w = Read(std::string(kHeader) + "11-1011\tChief Executives\tdetailed\t73710\t126080\t206420\t#\t#\n" +
                      "27-2011\tActors\tdetailed\t*\t*\t*\t*\t*\n");
  const auto ceo = w.Percentiles("11-1011");
  ASSERT_TRUE(ceo);
  using Mark = io::PublishedWage::Mark;
  EXPECT_EQ(ceo->wage[2].mark, Mark::kValue);
  EXPECT_EQ(ceo->wage[2].value, 206420);
  EXPECT_EQ(ceo->wage[3].mark, Mark::kTopCoded);
  EXPECT_EQ(ceo->wage[3].value, 239200);  // a floor, never 0
  const auto actors = w.Percentiles("27-2011");
  ASSERT_TRUE(actors);
  for (const auto& p : actors->wage) {
    EXPECT_EQ(p.mark, Mark::kMissing);
    EXPECT_FALSE(p.value);
  }
  EXPECT_FALSE(w.Percentiles("15-1252"));
  // A file with the median alone: the percentiles are unknown, not 0.
  const auto median_only = Read("OCC_CODE\tA_MEDIAN\n15-1252\t133080\n");
  EXPECT_EQ(median_only.Percentiles("15-1252")->wage[0].mark, Mark::kMissing);
  EXPECT_EQ(median_only.PayFor("15-1252")->annual, 133080);
  // A '#' percentile with the top code unknown is a floor of unknown height.
  auto t = io::TsvTable::Parse(std::string(kHeader) + "11-1011\tCEO\tdetailed\t1\t2\t3\t#\t#\n", "w.tsv");
  auto unknown_top = io::OewsWages::FromTable(*t, 0);
  ASSERT_TRUE(unknown_top.ok()) << unknown_top.status().ToString();
  EXPECT_EQ(unknown_top->Percentiles("11-1011")->wage[4].mark, Mark::kTopCoded);
  EXPECT_FALSE(unknown_top->Percentiles("11-1011")->wage[4].value);
}

// ---- the command ------------------------------------------------------------------------

TEST(OnetImportCli, WritesTheSnapshotAndQueriesRunOnIt) {
  const std::string base = SourcePath("tests/testdata/onet/basic");
  const std::string out = TempPath("onet.pb");
  auto r = RunCli({"import", "onet", "--onet-dir", base + "/onet", "--wages", base + "/wages/national.tsv",
                   "--context", base + "/context", "--activities", base + "/work_activities.tsv", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("8 positions (of 9 occupations), 16 transitions"), std::string::npos) << r.err;
  auto expected = io::EncodeOnetSnapshot(Import(Basic()).graph);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(ReadText(out), *expected);
  auto route = RunCli({"route", "--graph", out, "--from", "Computer Programmers", "--to", "Chief Executives"});
  ASSERT_EQ(route.exit_code, 0) << route.err;
  EXPECT_NE(route.out.find("Computer and Information Systems Managers"), std::string::npos) << route.out;
  EXPECT_NE(route.out.find("$206,420"), std::string::npos) << route.out;
}

TEST(OnetImportCli, BadRowExitsWithFileLine) {
  const std::string dir = CopyOfBasic();
  fs::copy_file(SourcePath("tests/testdata/onet/bad_row/onet/Related Occupations.txt"),
                dir + "/onet/Related Occupations.txt", fs::copy_options::overwrite_existing);
  const std::string out = TempPath("never.pb");
  auto r = RunCli({"import", "onet", "--onet-dir", dir + "/onet", "--wages", dir + "/wages/national.tsv", "-o", out});
  EXPECT_EQ(r.exit_code, LookupError(v1::INVALID_DATA).exit_code);
  EXPECT_NE(r.err.find("Related Occupations.txt:5: Relatedness Tier: relatedness tier 'Primary Shortt'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace careergraph
