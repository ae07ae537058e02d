// The searches' priority queues: QuadHeap (engine/heap.h: 4-ary, decrease-key) and RadixHeap
// (engine/radix_heap.h: monotone, duplicates instead of decrease-key), each against
// std::priority_queue on random input.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <random>
#include <utility>
#include <vector>

#include "engine/heap.h"
#include "engine/radix_heap.h"

namespace careergraph {
namespace {

using Entry = std::pair<double, std::uint32_t>;  // (key, position)
using MinQueue = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;

TEST(QuadHeap, PopsPositionsInKeyOrder) {
  QuadHeap heap;
  heap.Resize(5);
  heap.Push(3, 2.5);
  heap.Push(0, 4.0);
  heap.Push(4, 0.5);
  heap.Push(1, 3.0);
  EXPECT_EQ(heap.size(), 4u);
  EXPECT_FALSE(heap.contains(2));
  EXPECT_EQ(heap.top(), 4u);
  EXPECT_EQ(heap.top_key(), 0.5);
  std::vector<std::uint32_t> order;
  while (!heap.empty()) order.push_back(heap.Pop());
  EXPECT_EQ(order, (std::vector<std::uint32_t>{4, 3, 1, 0}));
  EXPECT_FALSE(heap.contains(4));
}

TEST(QuadHeap, PushingAQueuedPositionLowersItsKey) {
  QuadHeap heap;
  heap.Resize(3);
  heap.Push(0, 5.0);
  heap.Push(1, 4.0);
  heap.Push(0, 1.0);  // a shorter route to position 0: the same entry, a lower key
  EXPECT_EQ(heap.size(), 2u);
  EXPECT_EQ(heap.top(), 0u);
  EXPECT_EQ(heap.top_key(), 1.0);
  EXPECT_EQ(heap.Pop(), 0u);
  EXPECT_EQ(heap.Pop(), 1u);
  EXPECT_TRUE(heap.empty());
}

TEST(QuadHeap, ClearEmptiesTheHeapAndForgetsItsMembers) {
  QuadHeap heap;
  heap.Resize(4);
  heap.Push(2, 1.0);
  heap.Push(3, 2.0);
  heap.Clear();
  EXPECT_TRUE(heap.empty());
  EXPECT_FALSE(heap.contains(2));
  heap.Push(3, 7.0);  // a fresh entry, not a decrease of the old one
  EXPECT_EQ(heap.size(), 1u);
  EXPECT_EQ(heap.top_key(), 7.0);
}

TEST(QuadHeap, MatchesAPriorityQueueOnRandomPushesAndDecreases) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    const std::uint32_t n = 1 + rng() % 300;
    QuadHeap heap;
    heap.Resize(n);
    MinQueue want;                          // every key ever given, stale ones skipped on pop
    std::vector<double> key(n, -1);         // the current key of each queued position, -1 if none
    std::uniform_real_distribution<double> unit(0.0, 1000.0);
    for (int op = 0; op < 2000; ++op) {
      const std::uint32_t v = rng() % n;
      if (rng() % 3 != 0) {
        // Push v, or lower its key (a heap with decrease-key never raises one).
        const double k = key[v] < 0 ? unit(rng) : key[v] * unit(rng) / 1000.0;
        heap.Push(v, k);
        key[v] = k;
        want.emplace(k, v);
      } else if (!heap.empty()) {
        while (key[want.top().second] != want.top().first) want.pop();  // superseded
        const auto [k, w] = want.top();
        want.pop();
        ASSERT_EQ(heap.top_key(), k) << "round " << round << " op " << op;
        ASSERT_EQ(heap.Pop(), w) << "round " << round << " op " << op;  // random doubles: no ties
        key[w] = -1;
      }
      ASSERT_EQ(heap.contains(v), key[v] >= 0);
    }
  }
}

TEST(RadixHeap, KeysOrderLikeTheDistancesTheyEncode) {
  EXPECT_EQ(RadixHeap::Key(0.0), 0u);
  EXPECT_LT(RadixHeap::Key(0.25), RadixHeap::Key(0.5));
  EXPECT_LT(RadixHeap::Key(0.5), RadixHeap::Key(1.0));
  EXPECT_LT(RadixHeap::Key(1.0), RadixHeap::Key(1.0000000000000002));
  EXPECT_LT(RadixHeap::Key(100.0), RadixHeap::Key(1e300));
  EXPECT_LT(RadixHeap::Key(1e300), RadixHeap::Key(std::numeric_limits<double>::infinity()));
}

TEST(RadixHeap, AnImprovedPositionIsPushedAgainAndItsBestEntryPopsFirst) {
  RadixHeap heap;
  heap.Push(RadixHeap::Key(0.0), 0);
  EXPECT_EQ(heap.Pop(), std::make_pair(RadixHeap::Key(0.0), 0u));
  heap.Push(RadixHeap::Key(3.0), 1);
  heap.Push(RadixHeap::Key(2.0), 2);
  heap.Push(RadixHeap::Key(1.5), 1);  // position 1 again, by a shorter route
  EXPECT_EQ(heap.Pop(), std::make_pair(RadixHeap::Key(1.5), 1u));
  EXPECT_EQ(heap.last(), RadixHeap::Key(1.5));
  EXPECT_EQ(heap.Pop(), std::make_pair(RadixHeap::Key(2.0), 2u));
  EXPECT_EQ(heap.Pop(), std::make_pair(RadixHeap::Key(3.0), 1u));  // the stale entry, which a search skips
  EXPECT_TRUE(heap.empty());
}

TEST(RadixHeap, ClearStartsANewSearch) {
  RadixHeap heap;
  heap.Push(RadixHeap::Key(5.0), 1);
  heap.Push(RadixHeap::Key(9.0), 2);
  EXPECT_EQ(heap.Pop().second, 1u);
  heap.Clear();
  EXPECT_TRUE(heap.empty());
  EXPECT_EQ(heap.last(), 0u);
  heap.Push(RadixHeap::Key(0.5), 3);  // below the last search's popped keys
  EXPECT_EQ(heap.Pop(), std::make_pair(RadixHeap::Key(0.5), 3u));
}

TEST(RadixHeap, MatchesAPriorityQueueOnMonotoneRandomInput) {
  // As Dijkstra uses it: every key pushed is at least the last popped one; positions are
  // pushed again with other keys; many keys repeat (years in eighths).
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    RadixHeap heap;
    std::priority_queue<std::pair<std::uint64_t, std::uint32_t>, std::vector<std::pair<std::uint64_t, std::uint32_t>>,
                        std::greater<>>
        want;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> pushed, popped;
    double last = 0;
    for (int op = 0; op < 3000; ++op) {
      if (want.empty() || rng() % 5 < 3) {
        const double d = last + static_cast<double>(rng() % 40) / 8.0;
        const auto e = std::make_pair(RadixHeap::Key(d), static_cast<std::uint32_t>(rng() % 100));
        heap.Push(e.first, e.second);
        want.push(e);
        pushed.push_back(e);
      } else {
        const auto got = heap.Pop();
        // Among equal keys the order is the heap's own: compare keys, and the entries as a whole below.
        ASSERT_EQ(got.first, want.top().first) << "round " << round << " op " << op;
        want.pop();
        popped.push_back(got);
        last = std::bit_cast<double>(got.first);
      }
      ASSERT_EQ(heap.empty(), want.empty());
    }
    while (!heap.empty()) {
      const auto got = heap.Pop();
      ASSERT_EQ(got.first, want.top().first);
      want.pop();
      popped.push_back(got);
    }
    // Every entry pushed came out once, with its position.
    std::sort(pushed.begin(), pushed.end());
    std::sort(popped.begin(), popped.end());
    EXPECT_EQ(popped, pushed);
  }
}

}  // namespace
}  // namespace careergraph
