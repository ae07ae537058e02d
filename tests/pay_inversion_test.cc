// The pay-inversion rule on one ladder given as columns: a position paid less than the
// best-paid position on a strictly lower level, unknown pay never compared.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/career_graph.h"
#include "engine/pay_inversion.h"

namespace careergraph {
namespace {

struct Rung {
  std::string id;
  int level;
  double pay;
};

// The inversions as (position, lower position) ids.
std::vector<std::pair<std::string, std::string>> Inversions(const std::vector<Rung>& ladder) {
  std::vector<int> levels;
  std::vector<double> pays;
  for (const Rung& r : ladder) {
    levels.push_back(r.level);
    pays.push_back(r.pay);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const PayInversion& inv : FindPayInversions(levels, pays))
    out.emplace_back(ladder[inv.position].id, ladder[inv.lower].id);
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PayInversion, RisingPayHasNone) {
  EXPECT_EQ(Inversions({{"SWE I", 1, 100}, {"SWE II", 2, 120}, {"Senior SWE", 3, 150}}), Pairs{});
  EXPECT_EQ(Inversions({}), Pairs{});
}

TEST(PayInversion, NamesTheBestPaidPositionOnAnyLowerLevel) {
  // Staff pays less than Senior and SWE II; Senior (the best paid below) is named.
  EXPECT_EQ(Inversions({{"SWE II", 2, 130}, {"Senior SWE", 3, 160}, {"Staff SWE", 4, 120}}),
            (Pairs{{"Staff SWE", "Senior SWE"}}));
  // Two levels down counts too.
  EXPECT_EQ(Inversions({{"SWE I", 1, 150}, {"SWE II", 2, 160}, {"Senior SWE", 3, 140}}),
            (Pairs{{"Senior SWE", "SWE II"}}));
}

TEST(PayInversion, PositionsOnTheSameLevelAreNotCompared) {
  EXPECT_EQ(Inversions({{"Senior SWE", 3, 160}, {"Senior SRE", 3, 120}}), Pairs{});
  // ... but the best of a level is what the levels above are held to.
  EXPECT_EQ(Inversions({{"Senior SRE", 3, 120}, {"Senior SWE", 3, 160}, {"Staff SWE", 4, 150}}),
            (Pairs{{"Staff SWE", "Senior SWE"}}));
}

TEST(PayInversion, InputOrderDoesNotChangeTheAnswer) {
  EXPECT_EQ(Inversions({{"Staff SWE", 4, 120}, {"Principal", 5, 110}, {"Senior SWE", 3, 160}}),
            (Pairs{{"Staff SWE", "Senior SWE"}, {"Principal", "Senior SWE"}}));
}

TEST(PayInversion, EqualPayIsNoInversionAndTiesNameTheLowestLevel) {
  EXPECT_EQ(Inversions({{"SWE II", 2, 150}, {"Senior SWE", 3, 150}}), Pairs{});
  EXPECT_EQ(Inversions({{"SWE I", 1, 150}, {"SWE II", 2, 150}, {"Senior SWE", 3, 140}}),
            (Pairs{{"Senior SWE", "SWE I"}}));
  EXPECT_EQ(Inversions({{"SWE II a", 2, 150}, {"SWE II b", 2, 150}, {"Senior SWE", 3, 140}}),
            (Pairs{{"Senior SWE", "SWE II a"}}));
}

TEST(PayInversion, UnknownPayIsNeverCompared) {
  // Unknown (NaN), 0 or any pay that is not a positive finite number is neither reported nor
  // held against the levels above.
  for (double unknown : {kUnknown, 0.0, -5.0, std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(Inversions({{"SWE II", 2, 130}, {"Senior SWE", 3, unknown}}), Pairs{}) << unknown;
    EXPECT_EQ(Inversions({{"SWE II", 2, unknown}, {"Senior SWE", 3, 100}}), Pairs{}) << unknown;
    EXPECT_EQ(Inversions({{"SWE I", 1, 120}, {"SWE II", 2, unknown}, {"Senior SWE", 3, 100}}),
              (Pairs{{"Senior SWE", "SWE I"}}))
        << unknown;
  }
}

}  // namespace
}  // namespace careergraph
