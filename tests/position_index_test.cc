// PositionIndex: ids, case-insensitive titles, ambiguous titles, "title @ org",
// duplicates and suggestions, on hand-made position lists and on a large one against a
// plain map.
#include "engine/position_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <tuple>
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
  const PositionList list(ps);
  PositionIndex index(list);
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
  const PositionList list(ps);
  PositionIndex index(list);
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
    EXPECT_EQ(PositionIndex(PositionList(ps)).FirstSharedTitleInOrg(), want) << "round " << round;
  }
}

TEST(PositionIndexTest, ResolvesTitlesIgnoringCaseAndSurroundingSpace) {
  const std::vector<v1::Position> ps = {P("swe-1", "Software Engineer"), P("pm-1", "Product Manager")};
  const PositionList list(ps);
  PositionIndex index(list);
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
  const PositionList list(ps);
  PositionIndex index(list);
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
  const PositionList list(ps);
  PositionIndex index(list);
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
  const PositionList list(ps);
  PositionIndex index(list);
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
  const PositionList list(ps);
  PositionIndex index(list);
  auto r = index.Resolve("", "via[1]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), v1::INVALID_ARGUMENT);
  EXPECT_EQ(r.status().field(), "via[1]");
}

TEST(PositionIndexTest, LowerCaseIsAsciiOnly) {
  EXPECT_EQ(ToLower("Ab-Z@[`{ÄÖ"), "ab-z@[`{ÄÖ");
  const std::vector<v1::Position> ps = {P("x", "Ärztin")};
  const PositionList list(ps);
  PositionIndex index(list);
  EXPECT_FALSE(index.Resolve("äRZTIN").ok());  // non-ASCII letters keep their case
  auto x = index.Resolve("ÄRZTIN");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(*x, 0u);
}

// The textbook full-table edit distance, the reference for the banded one.
std::size_t PlainEditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
  return d[a.size()][b.size()];
}

TEST(PositionIndexTest, BoundedEditDistanceIsExactUpToItsLimit) {
  std::mt19937 rng(11);
  const std::string letters = "abcab";  // few letters: many near strings
  for (int trial = 0; trial < 4000; ++trial) {
    std::string a, b;
    const int la = static_cast<int>(rng() % 12), lb = static_cast<int>(rng() % 12);
    for (int k = 0; k < la; ++k) a += letters[rng() % letters.size()];
    for (int k = 0; k < lb; ++k) b += letters[rng() % letters.size()];
    if (trial % 4 == 0) b.append(static_cast<std::size_t>(rng() % 150), 'x');  // past the stack row
    const std::size_t exact = PlainEditDistance(a, b);
    EXPECT_EQ(EditDistance(a, b), exact) << a << " / " << b;
    for (std::size_t limit = 0; limit <= 13; ++limit)
      ASSERT_EQ(BoundedEditDistance(a, b, limit), std::min(exact, limit + 1)) << a << " / " << b << " limit " << limit;
  }
  EXPECT_EQ(BoundedEditDistance("", "", 0), 0u);
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 3), 3u);
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 2), 3u);
}

// Suggest's rule, read off every name with the plain distance: (distance, name) over the
// distinct titles and (up to 200k positions) the ids that are not their title; a name
// holding the query, or held in it, is len_gap / 2 + 1 away; the first n distinct names of
// those within max(2, |query| / 2), in (distance, name) order.
std::vector<std::string> ReferenceSuggest(const std::vector<v1::Position>& ps, const std::string& query,
                                          std::size_t n) {
  const std::string q = ToLower(query);
  std::vector<std::pair<std::size_t, std::string>> scored;
  auto consider = [&](const std::string& name) {
    const std::string l = ToLower(name);
    const std::size_t gap = l.size() > q.size() ? l.size() - q.size() : q.size() - l.size();
    if (gap > std::max<std::size_t>(q.size(), 4)) return;
    std::size_t d = PlainEditDistance(q, l);
    if (l.find(q) != std::string::npos || q.find(l) != std::string::npos) d = std::min(d, gap / 2 + 1);
    if (d <= std::max<std::size_t>(2, q.size() / 2)) scored.emplace_back(d, name);
  };
  std::map<std::string, bool> seen_title;
  for (const auto& p : ps)
    if (seen_title.emplace(ToLower(p.title()), true).second) consider(p.title());
  for (const auto& p : ps)
    if (ToLower(p.id()) != ToLower(p.title())) consider(p.id());
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, name] : scored) {
    if (out.size() == n) break;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// The suggestions keep only the best few names and measure each only as far as the last
// kept one: on random ladders and queries they are the ones the full rule gives.
TEST(PositionIndexTest, SuggestionsAreTheClosestNamesByTheFullRule) {
  std::mt19937 rng(5);
  const std::string letters = "abcdeABC -";
  auto word = [&](int max_len) {
    std::string w;
    const int len = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_len));
    for (int k = 0; k < len; ++k) w += letters[rng() % letters.size()];
    return w;
  };
  for (int ladder = 0; ladder < 40; ++ladder) {
    std::vector<v1::Position> ps;
    const int count = 1 + static_cast<int>(rng() % 300);
    for (int i = 0; i < count; ++i) {
      std::string title = word(9);
      ps.push_back(P("id" + std::to_string(i) + (rng() % 3 == 0 ? word(3) : ""), rng() % 5 == 0 ? "ID" + std::to_string(i) : title));
    }
    const PositionList list(ps);
    PositionIndex index(list);
    for (int query = 0; query < 25; ++query) {
      // A name with a few letters changed, or a fresh word.
      std::string q = rng() % 2 ? ps[rng() % ps.size()].title() : word(10);
      for (int edits = static_cast<int>(rng() % 3); edits > 0 && !q.empty(); --edits)
        q[rng() % q.size()] = letters[rng() % letters.size()];
      if (q.empty()) continue;
      for (std::size_t n : {1u, 3u, 6u})
        ASSERT_EQ(index.Suggest(q, n), ReferenceSuggest(ps, q, n)) << "ladder " << ladder << " query '" << q << "' n " << n;
    }
  }
}

// Search ranks without lower-casing every name into a new string: the same hits as the
// rule written plainly (exact title or id, title prefix, title substring, then id, org or
// track), in (rank, title, index) order.
TEST(PositionIndexTest, SearchAgreesWithThePlainRule) {
  std::mt19937 rng(9);
  const std::string letters = "abAB c";
  auto word = [&](int max_len) {
    std::string w;
    const int len = static_cast<int>(rng() % static_cast<unsigned>(max_len + 1));
    for (int k = 0; k < len; ++k) w += letters[rng() % letters.size()];
    return w;
  };
  std::vector<v1::Position> ps;
  for (int i = 0; i < 500; ++i) {
    v1::Position p = P(word(4), word(6), word(4));
    p.set_track(word(3));
    ps.push_back(p);
  }
  const PositionList list(ps);
  PositionIndex index(list);
  for (int query = 0; query < 200; ++query) {
    const std::string text = word(3), q = ToLower(text);
    std::vector<std::tuple<int, std::string, std::uint32_t>> hits;
    for (std::uint32_t i = 0; i < ps.size(); ++i) {
      const std::string title = ToLower(ps[i].title());
      int rank;
      if (q.empty()) rank = 3;
      else if (title == q || ToLower(ps[i].id()) == q) rank = 0;
      else if (title.rfind(q, 0) == 0) rank = 1;
      else if (title.find(q) != std::string::npos) rank = 2;
      else if (ToLower(ps[i].id()).find(q) != std::string::npos || ToLower(ps[i].org()).find(q) != std::string::npos ||
               ToLower(ps[i].track()).find(q) != std::string::npos)
        rank = 3;
      else continue;
      hits.emplace_back(rank, q.empty() ? std::string() : title, i);
    }
    std::sort(hits.begin(), hits.end());
    for (std::size_t limit : {std::size_t{5}, std::size_t{1000}}) {
      std::vector<std::uint32_t> expected;
      for (std::size_t k = 0; k < hits.size() && k < limit; ++k) expected.push_back(std::get<2>(hits[k]));
      ASSERT_EQ(index.Search(text, limit), expected) << "'" << text << "' limit " << limit;
    }
  }
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
  const PositionList list(ps);
  PositionIndex index(list);
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
