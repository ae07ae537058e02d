// PositionIndex: ids, case-insensitive titles, ambiguous titles, "title @ org",
// duplicates and suggestions, on hand-made position lists and on a large one against a
// plain map.
#include "engine/position_index.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace careergraph {
namespace {

v1::Position P(const std::string& id, const std::string& title, const std::string& org = "Acme") {
  v1::Position p;
  p.set_id(id);
  p.set_title(title);
  p.set_org(org);
  return p;
}

TEST(PositionIndexTest, FindsIdsExactly) {
  const std::vector<v1::Position> ps = {P("swe-1", "Software Engineer"), P("SWE-2", "Senior Software Engineer"),
                                        P("pm-1", "Product Manager")};
  PositionIndex index(ps);
  EXPECT_EQ(index.FindId("swe-1"), 0u);
  EXPECT_EQ(index.FindId("SWE-2"), 1u);
  EXPECT_EQ(index.FindId("pm-1"), 2u);
  EXPECT_EQ(index.FindId("swe-2"), PositionIndex::kNotFound);  // ids are case-sensitive
  EXPECT_EQ(index.FindId(""), PositionIndex::kNotFound);
  EXPECT_EQ(index.FindId("pm-"), PositionIndex::kNotFound);
  EXPECT_EQ(index.first_duplicate(), PositionIndex::kNotFound);
}

TEST(PositionIndexTest, DefaultIndexFindsNothing) {
  PositionIndex index;
  EXPECT_EQ(index.FindId("x"), PositionIndex::kNotFound);
  auto r = index.Resolve("x", "from");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::NOT_FOUND);
  EXPECT_TRUE(index.Suggest("x").empty());
}

TEST(PositionIndexTest, FirstDuplicateIsTheEarliestRepeatAndTheFirstWins) {
  const std::vector<v1::Position> ps = {P("a", "A"), P("b", "B"), P("a", "A again"), P("b", "B again"),
                                        P("a", "A third")};
  PositionIndex index(ps);
  EXPECT_EQ(index.first_duplicate(), 2u);
  EXPECT_EQ(index.FindId("a"), 0u);
  EXPECT_EQ(index.FindId("b"), 1u);
}

TEST(PositionIndexTest, FirstSharedTitleInOrgAgreesWithComparingEveryPair) {
  // Titles and orgs drawn from small sets (case varied), so chains are long and repeats common.
  std::mt19937 rng(11);
  const char* titles[] = {"Engineer", "ENGINEER", "Manager", "Director", ""};
  const char* orgs[] = {"Acme", "acme", "Initech", "Globex", "Umbrella", "Hooli"};
  for (int round = 0; round < 200; ++round) {
    std::vector<v1::Position> ps;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i)
      ps.push_back(P("p" + std::to_string(i), titles[rng() % 5], orgs[rng() % (1 + round % 6)]));
    auto lower = [](std::string s) {
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    std::uint32_t want = PositionIndex::kNotFound;
    for (int v = 0; v < n && want == PositionIndex::kNotFound; ++v)
      for (int u = 0; u < v; ++u)
        if (!ps[v].title().empty() && lower(ps[u].title()) == lower(ps[v].title()) &&
            lower(ps[u].org()) == lower(ps[v].org())) {
          want = static_cast<std::uint32_t>(v);
          break;
        }
    EXPECT_EQ(PositionIndex(ps).FirstSharedTitleInOrg(), want) << "round " << round;
  }
}

TEST(PositionIndexTest, ResolvesTitlesIgnoringCaseAndSurroundingSpace) {
  const std::vector<v1::Position> ps = {P("swe-1", "Software Engineer"), P("pm-1", "Product Manager")};
  PositionIndex index(ps);
  for (const char* q : {"software engineer", "SOFTWARE ENGINEER", "Software Engineer", "  software engineer \t"}) {
    auto r = index.Resolve(q, "from");
    ASSERT_TRUE(r.ok()) << q << ": " << r.status().message();
    EXPECT_EQ(*r, 0u) << q;
  }
  auto id = index.Resolve("pm-1");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, 1u);
}

TEST(PositionIndexTest, AmbiguousTitleListsEveryIdSorted) {
  const std::vector<v1::Position> ps = {P("z-pm", "Product Manager", "Zeta"), P("swe", "Software Engineer"),
                                        P("a-pm", "product manager", "Alpha"), P("m-pm", "PRODUCT MANAGER", "Mu")};
  PositionIndex index(ps);
  auto r = index.Resolve("Product Manager", "to");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(r.status().field(), "to");
  EXPECT_EQ(r.status().message(),
            "position title 'Product Manager' is ambiguous: 3 positions share it; name one by id or as 'title @ org'");
  EXPECT_EQ(r.status().suggestions(), (std::vector<std::string>{"a-pm", "m-pm", "z-pm"}));
}

TEST(PositionIndexTest, TitleAtOrgPicksThePositionInThatOrg) {
  const std::vector<v1::Position> ps = {P("z-pm", "Product Manager", "Zeta"), P("a-pm", "Product Manager", "Alpha"),
                                        P("a-pm2", "Product Manager", "Alpha")};
  PositionIndex index(ps);
  auto z = index.Resolve("product manager @ zeta");
  ASSERT_TRUE(z.ok()) << z.status().message();
  EXPECT_EQ(*z, 0u);
  // Two positions of Alpha share the title: an error listing both, never a silent pick.
  auto a = index.Resolve("Product Manager @ ALPHA", "from");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(a.status().field(), "from");
  EXPECT_NE(a.status().message().find("2 positions of that org share the title (a-pm, a-pm2)"), std::string::npos)
      << a.status().message();
  EXPECT_EQ(a.status().suggestions(), (std::vector<std::string>{"a-pm", "a-pm2"}));
  auto none = index.Resolve("Product Manager @ Omega");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), v1::NOT_FOUND);
}

TEST(PositionIndexTest, UnknownNameSuggestsTheClosestTitles) {
  const std::vector<v1::Position> ps = {P("swe-1", "Software Engineer"), P("swe-2", "Staff Software Engineer"),
                                        P("swe-3", "Staff Software Engineer", "Other"), P("pm-1", "Product Manager")};
  PositionIndex index(ps);
  auto r = index.Resolve("Staf Software Engineer", "from");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::NOT_FOUND);
  ASSERT_FALSE(r.status().suggestions().empty());
  EXPECT_EQ(r.status().suggestions()[0], "Staff Software Engineer");
  EXPECT_NE(r.status().message().find("did you mean 'Staff Software Engineer'"), std::string::npos)
      << r.status().message();
  // A title shared by two positions is suggested once.
  const auto s = index.Suggest("staff software engineer", 5);
  EXPECT_EQ(std::count(s.begin(), s.end(), "Staff Software Engineer"), 1);
  auto far = index.Resolve("qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq");
  ASSERT_FALSE(far.ok());
  EXPECT_NE(far.status().message().find("careergraph positions --search"), std::string::npos);
}

TEST(PositionIndexTest, EmptyQueryIsAnInvalidArgument) {
  const std::vector<v1::Position> ps = {P("a", "A")};
  PositionIndex index(ps);
  auto r = index.Resolve("", "via[1]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(r.status().field(), "via[1]");
}

TEST(PositionIndexTest, LowerCaseIsAsciiOnly) {
  EXPECT_EQ(ToLower("Ab-Z@[`{ÄÖ"), "ab-z@[`{ÄÖ");
  const std::vector<v1::Position> ps = {P("x", "Ärztin")};
  PositionIndex index(ps);
  EXPECT_FALSE(index.Resolve("äRZTIN").ok());  // non-ASCII letters keep their case
  auto x = index.Resolve("ÄRZTIN");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(*x, 0u);
}

// Many ids and titles of every length (the hash reads eight bytes at a time), checked
// against std::map.
TEST(PositionIndexTest, AgreesWithAMapOnManyPositions) {
  std::mt19937 rng(7);
  std::vector<v1::Position> ps;
  std::map<std::string, std::uint32_t> first_by_id;
  std::map<std::string, std::vector<std::uint32_t>> by_title;
  std::uint32_t expected_duplicate = PositionIndex::kNotFound;
  const std::string letters = "abcDEFghiJKLmno-_ 0123456789";
  for (std::uint32_t i = 0; i < 20000; ++i) {
    std::string id, title;
    const int id_len = 1 + static_cast<int>(rng() % 20), title_len = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < id_len; ++k) id += letters[rng() % letters.size()];
    for (int k = 0; k < title_len; ++k) title += letters[rng() % 6];  // few distinct titles
    if (!first_by_id.emplace(id, i).second && expected_duplicate == PositionIndex::kNotFound) expected_duplicate = i;
    by_title[ToLower(title)].push_back(i);
    ps.push_back(P(id, title));
  }
  PositionIndex index(ps);
  EXPECT_EQ(index.first_duplicate(), expected_duplicate);
  for (const auto& [id, i] : first_by_id) EXPECT_EQ(index.FindId(id), i) << id;
  EXPECT_EQ(index.FindId("not an id at all, too long"), PositionIndex::kNotFound);
  for (const auto& [title, members] : by_title) {
    if (!first_by_id.count(title) && title.find_first_not_of(' ') != std::string::npos &&
        title.front() != ' ' && title.back() != ' ') {
      auto r = index.Resolve(title);
      if (members.size() == 1) {
        ASSERT_TRUE(r.ok()) << title;
        EXPECT_EQ(*r, members[0]);
      } else {
        ASSERT_FALSE(r.ok()) << title;
        EXPECT_EQ(r.status().suggestions().size(), members.size()) << title;
      }
    }
  }
}

}  // namespace
}  // namespace careergraph
