#include "engine/position_list.h"

#include <gtest/gtest.h>

#include <google/protobuf/arena.h>

#include <string>
#include <thread>
#include <vector>

namespace careergraph {
namespace {

v1::Position P(const std::string& id, const std::string& title) {
  v1::Position p;
  p.set_id(id);
  p.set_title(title);
  p.set_org("Acme");
  p.add_tags("ladder");
  return p;
}

std::vector<std::string> Ids(const PositionList& list) {
  std::vector<std::string> ids;
  for (const v1::Position& p : list) ids.push_back(p.id());
  return ids;
}

TEST(PositionList, KeepsPositionsInOrderAtAddressesThatDoNotMoveAsItGrows) {
  PositionList list;
  EXPECT_TRUE(list.empty());
  v1::Position& first = list.emplace_back();
  first.set_id("p0");
  first.set_title("A title long enough not to fit in a short string");
  std::vector<const v1::Position*> at;
  for (int i = 1; i < 5000; ++i) {
    list.push_back(P("p" + std::to_string(i), "T" + std::to_string(i)));
    if (i % 1000 == 0) at.push_back(&list[static_cast<std::size_t>(i)]);
  }
  ASSERT_EQ(list.size(), 5000u);
  EXPECT_EQ(&list[0], &first);
  EXPECT_EQ(list[0].title(), "A title long enough not to fit in a short string");
  for (std::size_t k = 0; k < at.size(); ++k) EXPECT_EQ(at[k], &list[(k + 1) * 1000]);
  EXPECT_EQ(list.back().id(), "p4999");
  EXPECT_EQ(list[1234].tags(0), "ladder");
  std::size_t i = 0;
  for (const v1::Position& p : list) EXPECT_EQ(p.id(), "p" + std::to_string(i++));
  EXPECT_GT(list.MemoryBytes(), 5000 * sizeof(v1::Position));

  PositionList moved = std::move(list);  // the messages stay where they are
  EXPECT_EQ(&moved[0], &first);
  EXPECT_EQ(moved.size(), 5000u);
}

TEST(PositionList, MadeFromCopiesAndChangedInPlace) {
  const std::vector<v1::Position> given = {P("a", "A"), P("b", "B")};
  PositionList list(given);
  EXPECT_EQ(Ids(list), (std::vector<std::string>{"a", "b"}));
  EXPECT_NE(&list[0], &given[0]);
  for (v1::Position& p : list) p.set_level(3);
  EXPECT_EQ(list[1].level(), 3);
  EXPECT_EQ(given[1].level(), 0) << "a copy, not the caller's";
}

TEST(PositionList, ResizeAddsEmptyPositionsOrDropsTheLast) {
  PositionList list;
  list.push_back(P("a", "A"));
  list.resize(3);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id(), "a");
  EXPECT_TRUE(list[2].id().empty());
  list.resize(1);
  EXPECT_EQ(Ids(list), (std::vector<std::string>{"a"}));
  list.push_back(P("z", "Z"));
  EXPECT_EQ(Ids(list), (std::vector<std::string>{"a", "z"}));
}

TEST(PositionList, PositionsFilledOnTwoThreadsAfterResize) {
  PositionList list;
  list.resize(20000);
  auto fill = [&](std::size_t from) {
    for (std::size_t i = from; i < list.size(); i += 2) {
      list[i].set_id("position-" + std::to_string(i));
      list[i].set_title("A long title of position number " + std::to_string(i));
    }
  };
  std::thread other(fill, 1);
  fill(0);
  other.join();
  for (std::size_t i = 0; i < list.size(); i += 997) {
    EXPECT_EQ(list[i].id(), "position-" + std::to_string(i));
    EXPECT_EQ(list[i].title(), "A long title of position number " + std::to_string(i));
  }
}

TEST(PositionList, AdoptsASnapshotsHeapMessagesWithoutCopying) {
  v1::Graph snapshot;
  *snapshot.add_positions() = P("a", "A");
  *snapshot.add_positions() = P("b", "B");
  const v1::Position* a = &snapshot.positions(0);
  const v1::Position* b = &snapshot.positions(1);
  PositionList list;
  list.Adopt(snapshot.mutable_positions());
  EXPECT_EQ(snapshot.positions_size(), 0);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(&list[0], a);
  EXPECT_EQ(&list[1], b);
  // More positions after them, and a second snapshot's (appended as copies).
  list.push_back(P("c", "C"));
  v1::Graph more;
  *more.add_positions() = P("d", "D");
  list.Adopt(more.mutable_positions());
  EXPECT_EQ(Ids(list), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(more.positions_size(), 0);
  PositionList moved = std::move(list);
  EXPECT_EQ(&moved[0], a);
  EXPECT_EQ(moved[3].title(), "D");
}

TEST(PositionList, CopiesASnapshotKeptOnAnArena) {
  google::protobuf::Arena arena;
  auto* snapshot = google::protobuf::Arena::CreateMessage<v1::Graph>(&arena);
  *snapshot->add_positions() = P("a", "A");
  PositionList list;
  list.Adopt(snapshot->mutable_positions());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id(), "a");
  EXPECT_NE(list[0].GetArena(), &arena) << "the list must not point into an arena it does not own";
}

}  // namespace
}  // namespace careergraph
