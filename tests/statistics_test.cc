// Median: the middle of an odd count, the mean of the two middles of an even one, whatever
// the input order; 0 for nothing.
#include <gtest/gtest.h>

#include <vector>

#include "engine/statistics.h"

namespace careergraph {
namespace {

TEST(Median, OddCountIsTheMiddleValue) {
  EXPECT_DOUBLE_EQ(Median({7}), 7);
  EXPECT_DOUBLE_EQ(Median({1, 2, 3}), 2);
  EXPECT_DOUBLE_EQ(Median({1, 2, 3, 4, 100}), 3);
}

TEST(Median, EvenCountIsTheMeanOfTheTwoMiddleValues) {
  EXPECT_DOUBLE_EQ(Median({1, 2}), 1.5);
  EXPECT_DOUBLE_EQ(Median({1, 2, 4, 10}), 3);
  EXPECT_DOUBLE_EQ(Median({-1, 1}), 0);
}

TEST(Median, InputOrderDoesNotMatter) {
  EXPECT_DOUBLE_EQ(Median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(Median({10, 4, 1, 2}), 3);
  EXPECT_DOUBLE_EQ(Median({5, 5, 1, 9, 5}), 5);
  // Pay on a log scale between levels, as the level bands use it.
  EXPECT_DOUBLE_EQ(Median({0.4, 0.1, 0.3, 0.2}), 0.25);
}

TEST(Median, EmptyListIsZero) { EXPECT_DOUBLE_EQ(Median({}), 0); }

}  // namespace
}  // namespace careergraph
