// O*NET Skills as competency profiles: the mapping on hand-written rows (suppressed, not
// relevant, missing halves, errors with file:line) and on known rows of the real Skills.tsv.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/career_graph.h"
#include "io/onet_skills.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

v1::Graph Occupations(std::initializer_list<const char*> codes) {
  v1::Graph g;
  for (const char* c : codes) {
    auto* p = g.add_positions();
    p->set_id(c);
    p->set_title(c);
  }
  return g;
}

const v1::CompetencyRequirement* Req(const v1::Position& p, const std::string& id) {
  for (const auto& r : p.competencies())
    if (r.competency() == id) return &r;
  return nullptr;
}

constexpr const char* kHeader =
    "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tRecommend Suppress\tNot Relevant\n";

TEST(OnetSkills, MapsLevelAndImportance) {
  const std::string text = std::string(kHeader) +
                           "11-1011.00\t2.A.1.a\tReading Comprehension\tIM\t4.12\tN\t\n"
                           "11-1011.00\t2.A.1.a\tReading Comprehension\tLV\t4.62\tN\tN\n"
                           "11-1011.00\t2.B.3.c\tEquipment Selection\tIM\t1.12\tN\t\n"
                           "11-1011.00\t2.B.3.c\tEquipment Selection\tLV\t0.25\tN\tY\n"   // not relevant
                           "11-1011.00\t2.B.3.a\tOperations Analysis\tIM\t1.75\tN\t\n"
                           "11-1011.00\t2.B.3.a\tOperations Analysis\tLV\t1.12\tY\tN\n"   // suppressed
                           "11-1011.00\t2.B.4.e\tJudgment and Decision Making\tIM\t5\tN\t\n"  // no LV
                           "99-9999.00\t2.A.1.a\tReading Comprehension\tIM\t3\tN\t\n";     // not in the graph
  auto t = io::TsvTable::Parse(text, "Skills.txt");
  ASSERT_TRUE(t.ok());
  v1::Graph g = Occupations({"11-1011.00"});
  ASSERT_TRUE(io::AddOnetSkillProfiles(*t, &g).ok());
  ASSERT_EQ(g.metadata().competencies_size(), 4);
  EXPECT_EQ(g.metadata().competencies(0).id(), "2.A.1.a");
  EXPECT_EQ(g.metadata().competencies(0).name(), "Reading Comprehension");
  EXPECT_EQ(g.metadata().competencies(0).scale_max(), 7);
  const v1::Position& p = g.positions(0);
  ASSERT_EQ(p.competencies_size(), 1);
  const auto* r = Req(p, "2.A.1.a");
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(r->level(), 4.62);
  EXPECT_DOUBLE_EQ(r->importance(), 0.78);  // (4.12 - 1) / 4
  EXPECT_TRUE(CareerGraph::Build(g).ok());
}

TEST(OnetSkills, The30xLayoutHasAColumnPerScale) {
  // O*NET 30.x: one row per occupation and skill, IM and LV side by side; no suppression
  // flags, so a value O*NET withholds is an empty cell.
  auto t = io::TsvTable::Parse("O*NET-SOC Code\tElement ID\tElement Name\tIM\tLV\n"
                               "11-1011.00\t2.A.1.a\tReading Comprehension\t4.12\t4.62\n"
                               "11-1011.00\t2.B.3.a\tOperations Analysis\t1.75\t\n"
                               "11-1011.00\t2.B.4.e\tJudgment and Decision Making\t5\t8\n",
                               "Skills.txt");
  ASSERT_TRUE(t.ok());
  v1::Graph g = Occupations({"11-1011.00"});
  const Status s = io::AddOnetSkillProfiles(*t, &g);
  ASSERT_FALSE(s.ok());  // LV 8 is off the scale
  EXPECT_EQ(s.line(), 4u);
  EXPECT_EQ(s.field(), "LV");
  auto fixed = io::TsvTable::Parse("O*NET-SOC Code\tElement ID\tElement Name\tIM\tLV\n"
                                   "11-1011.00\t2.A.1.a\tReading Comprehension\t4.12\t4.62\n"
                                   "11-1011.00\t2.B.3.a\tOperations Analysis\t1.75\t\n",
                                   "Skills.txt");
  ASSERT_TRUE(fixed.ok());
  g = Occupations({"11-1011.00"});
  ASSERT_TRUE(io::AddOnetSkillProfiles(*fixed, &g).ok());
  EXPECT_EQ(g.metadata().competencies_size(), 2);
  ASSERT_EQ(g.positions(0).competencies_size(), 1);
  const auto* r = Req(g.positions(0), "2.A.1.a");
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(r->level(), 4.62);
  EXPECT_DOUBLE_EQ(r->importance(), 0.78);
}

TEST(OnetSkills, BadRowsAreErrorsWithTheirLine) {
  auto twice = io::TsvTable::Parse(std::string(kHeader) +
                                       "11-1011.00\t2.A.1.a\tReading Comprehension\tLV\t4\tN\tN\n"
                                       "11-1011.00\t2.A.1.a\tReading Comprehension\tLV\t4\tN\tN\n",
                                   "Skills.txt");
  ASSERT_TRUE(twice.ok());
  v1::Graph g = Occupations({"11-1011.00"});
  Status s = io::AddOnetSkillProfiles(*twice, &g);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.line(), 3u);
  EXPECT_NE(s.message().find("twice (first on line 2)"), std::string::npos) << s.message();

  auto out = io::TsvTable::Parse(std::string(kHeader) + "11-1011.00\t2.A.1.a\tReading Comprehension\tLV\t8\tN\tN\n",
                                 "Skills.txt");
  ASSERT_TRUE(out.ok());
  g = Occupations({"11-1011.00"});
  s = io::AddOnetSkillProfiles(*out, &g);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.line(), 2u);
  EXPECT_NE(s.message().find("outside the LV scale (0 to 7)"), std::string::npos) << s.message();
}

TEST(OnetSkills, KnownRowsOfTheRealFile) {
  const std::string path = testing::SourcePath("../shared/data/onet-29.3/Skills.tsv");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is not present";
  auto t = io::TsvTable::Read(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  v1::Graph g = Occupations({"11-1011.00", "11-3031.00"});
  ASSERT_TRUE(io::AddOnetSkillProfiles(*t, &g).ok());
  EXPECT_EQ(g.metadata().competencies_size(), 35);
  // Chief Executives: Reading Comprehension IM 4.12, LV 4.62; Equipment Selection LV is
  // marked Not Relevant, so it is not asked.
  const auto* reading = Req(g.positions(0), "2.A.1.a");
  ASSERT_NE(reading, nullptr);
  EXPECT_DOUBLE_EQ(reading->level(), 4.62);
  EXPECT_DOUBLE_EQ(reading->importance(), 0.78);
  EXPECT_EQ(Req(g.positions(0), "2.B.3.c"), nullptr);
  // Financial Managers: Operations Analysis LV 1.12 is marked Recommend Suppress.
  EXPECT_EQ(Req(g.positions(1), "2.B.3.a"), nullptr);
  EXPECT_TRUE(CareerGraph::Build(g).ok());
}

}  // namespace
}  // namespace careergraph
