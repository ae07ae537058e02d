#include "engine/huge_pages.h"
#include "tests/test_util.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#if defined(__linux__)
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace careergraph {
namespace {

constexpr std::size_t kHuge = std::size_t{2} << 20;

bool Aligned(const void* p, std::size_t to) { return reinterpret_cast<std::uintptr_t>(p) % to == 0; }

// The VmFlags line of the mapping in /proc/self/smaps that holds `p` ("" when not found).
std::string VmFlagsOf(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  while (std::getline(smaps, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-') {
      inside = lo <= at && at < hi;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

bool KernelHasHugePages() { return std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good(); }

TEST(HugePages, LargeBlocksAreWholeAlignedPagesInSmallPagesUntilPromoted) {
  for (std::size_t bytes : {kHuge, kHuge + 1, 3 * kHuge - 24, 4 * kHuge}) {
    auto* p = static_cast<unsigned char*>(AllocateHugeBlock(bytes));
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(Aligned(p, kHuge)) << bytes;
    std::memset(p, 0xab, bytes);  // all of it is ours to write
    EXPECT_EQ(p[bytes - 1], 0xab);
    if (KernelHasHugePages()) {
      const std::string flags = VmFlagsOf(p + bytes - 1);
      EXPECT_NE(flags.find(" nh"), std::string::npos) << bytes << ": " << flags;
      EXPECT_EQ(flags.find(" hg"), std::string::npos) << bytes << ": " << flags;
    }
    FreeHugeBlock(p, bytes);
  }
}

#if defined(__linux__)
TEST(HugePages, PromotingAdvisesEveryLiveBlockOnceAndKeepsTheAdviceThroughReuse) {
  ASSERT_EQ(huge_pages_internal::KeptBytes(), 0u);
  const std::size_t whole = 2 * kHuge;  // 2 MiB + 1 byte is two huge pages
  auto* a = static_cast<unsigned char*>(AllocateHugeBlock(kHuge + 1));
  auto* b = static_cast<unsigned char*>(AllocateHugeBlock(kHuge));
  auto* small = static_cast<unsigned char*>(AllocateHugeBlock(4096));  // a heap block: never advised
  std::memset(a, 1, kHuge + 1);
  std::memset(b, 2, kHuge);
  const std::atomic<bool> stopped{true};
  EXPECT_EQ(PromoteToHugePages(&stopped), 0u) << "stopped before the first block";
  EXPECT_EQ(PromoteToHugePages(), whole + kHuge) << "what a stopped call left is still to do";
  EXPECT_EQ(PromoteToHugePages(), 0u) << "each block is promoted once";
  // The contents are kept (MADV_COLLAPSE copies them into the huge pages).
  EXPECT_EQ(a[0], 1);
  EXPECT_EQ(a[kHuge], 1);
  EXPECT_EQ(b[kHuge - 1], 2);
  if (KernelHasHugePages()) {
    for (const unsigned char* p : {a, a + kHuge, b}) {
      const std::string flags = VmFlagsOf(p);
      EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
      EXPECT_EQ(flags.find(" nh"), std::string::npos) << flags;
    }
  }
  // A block mapped after the promotion waits for the next one.
  auto* c = static_cast<unsigned char*>(AllocateHugeBlock(3 * kHuge));
  if (KernelHasHugePages()) {
    EXPECT_NE(VmFlagsOf(c).find(" nh"), std::string::npos);
  }
  // Freed and handed out again (kept: b and c stay in use), a promoted block is still one.
  FreeHugeBlock(a, kHuge + 1);
  ASSERT_EQ(huge_pages_internal::KeptBytes(), whole);
  auto* again = static_cast<unsigned char*>(AllocateHugeBlock(whole));
  EXPECT_EQ(again, a);
  EXPECT_EQ(PromoteToHugePages(), 3 * kHuge) << "only c is new";
  if (KernelHasHugePages()) {
    EXPECT_NE(VmFlagsOf(c + 3 * kHuge - 1).find(" hg"), std::string::npos);
  }
  FreeHugeBlock(again, whole);
  FreeHugeBlock(b, kHuge);
  FreeHugeBlock(c, 3 * kHuge);
  FreeHugeBlock(small, 4096);
  EXPECT_EQ(huge_pages_internal::KeptBytes(), 0u);
  EXPECT_EQ(PromoteToHugePages(), 0u) << "nothing is in use";
}
#endif

#if defined(__linux__)
TEST(HugePages, AFreedBlockIsKeptForTheNextOfItsLengthWhileNoMoreIsKeptThanIsInUse) {
  ASSERT_EQ(huge_pages_internal::KeptBytes(), 0u);
  // A graph in use and the one replacing it: the old one's blocks are kept for the next.
  void* in_use = AllocateHugeBlock(3 * kHuge);
  void* old_graph = AllocateHugeBlock(2 * kHuge - 100);  // two huge pages
  FreeHugeBlock(old_graph, 2 * kHuge - 100);
  EXPECT_EQ(huge_pages_internal::KeptBytes(), 2 * kHuge);
  void* other_length = AllocateHugeBlock(kHuge);
  EXPECT_NE(other_length, old_graph) << "only a block of the same length in pages is reused";
  void* same_length = AllocateHugeBlock(2 * kHuge);
  EXPECT_EQ(same_length, old_graph);
  EXPECT_EQ(huge_pages_internal::KeptBytes(), 0u);
  std::memset(same_length, 1, 2 * kHuge);
  FreeHugeBlock(other_length, kHuge);   // in use 5 huge pages, 1 kept
  FreeHugeBlock(same_length, 2 * kHuge);  // in use 3, kept 3
  EXPECT_EQ(huge_pages_internal::KeptBytes(), 3 * kHuge);
  FreeHugeBlock(in_use, 3 * kHuge);  // nothing in use: nothing kept
  EXPECT_EQ(huge_pages_internal::KeptBytes(), 0u);
  if (KernelHasHugePages()) {
    EXPECT_EQ(VmFlagsOf(same_length), "") << "unmapped";
  }
}
#endif

TEST(HugePages, SmallBlocksComeFromTheHeapWithTheAlignmentAsked) {
  for (std::size_t alignment : {std::size_t{8}, std::size_t{16}, std::size_t{64}, std::size_t{4096}}) {
    void* p = AllocateHugeBlock(1000, alignment);
    EXPECT_TRUE(Aligned(p, alignment)) << alignment;
    std::memset(p, 1, 1000);
    if (KernelHasHugePages()) {
      EXPECT_EQ(VmFlagsOf(p).find(" hg"), std::string::npos) << "a heap block is left alone";
    }
    FreeHugeBlock(p, 1000, alignment);
  }
}

TEST(HugePages, AHugeVectorKeepsItsElementsAsItGrowsPastAHugePage) {
  HugeVector<std::uint32_t> v;
  for (std::uint32_t i = 0; i < 3 * kHuge / sizeof(std::uint32_t); ++i) v.push_back(i * 7);
  for (std::uint32_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], i * 7) << i;
  EXPECT_TRUE(Aligned(v.data(), kHuge));
  v.resize(100);
  v.shrink_to_fit();  // back below a huge page: a heap block again, the elements kept
  ASSERT_EQ(v.size(), 100u);
  EXPECT_EQ(v[99], 99u * 7);
  HugeVector<std::uint32_t> copy = v, moved = std::move(v);
  EXPECT_EQ(copy, moved);
}

TEST(HugePages, OverAlignedElementsKeepTheirAlignmentSmallAndLarge) {
  struct alignas(64) Row {
    double e[8];
  };
  for (std::size_t n : {std::size_t{3}, 3 * kHuge / sizeof(Row) + 1}) {
    HugeVector<Row> rows(n);
    EXPECT_TRUE(Aligned(rows.data(), 64)) << n;
    rows.back().e[7] = 1.5;
    EXPECT_EQ(rows.back().e[7], 1.5);
  }
}

#if defined(__linux__)
// A program that forks while another of its threads allocates large blocks (a Python program
// using multiprocessing beside a loading thread): the child must be able to allocate too.
TEST(HugePages, AChildForkedWhileAnotherThreadAllocatesCanAllocate) {
  if (testing::kThreadSanitizer)
    GTEST_SKIP() << "ThreadSanitizer does not support threads started after a multi-threaded fork";
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      void* keep = AllocateHugeBlock(kHuge);
      void* p = AllocateHugeBlock(kHuge);
      FreeHugeBlock(p, kHuge);
      FreeHugeBlock(keep, kHuge);
    }
  });
  for (int round = 0; round < 50; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      alarm(10);  // a child waiting for a lock its parent's other thread held would hang: end it
      void* p = AllocateHugeBlock(3 * kHuge);
      std::memset(p, 1, 3 * kHuge);
      FreeHugeBlock(p, 3 * kHuge);
      _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "round " << round << ": the child did not end by itself";
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  stop = true;
  busy.join();
}
#endif

}  // namespace
}  // namespace careergraph
