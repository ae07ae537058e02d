#include "engine/huge_pages.h"

#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <new>
#include <set>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#include <sys/mman.h>
#endif

namespace careergraph {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
std::size_t WholeHugePages(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

#if defined(__linux__) && defined(MADV_HUGEPAGE)
// Freed blocks kept for the next block of the same length: a server reloading its graph
// frees the old graph's blocks after building the new one, and the next reload asks for
// the same lengths again. Reusing them spares first touches of fresh memory (page faults
// and zeroing, and on a VM that hands free memory back to its host, the host's faults),
// as malloc reuses the heap it keeps. At most as many bytes are kept as are in use, so a
// process holds at most twice what it uses; the rest is unmapped.
struct Kept {
  std::mutex mutex;
  std::multimap<std::size_t, void*> blocks;  // by length
  std::size_t kept = 0;                      // bytes in `blocks`
  std::size_t in_use = 0;                    // bytes of blocks handed out and not freed
  std::map<void*, std::size_t> live;         // the blocks handed out and not freed: length
  std::set<void*> promoted;                  // blocks (live or kept) advised for huge pages
};

// MADV_COLLAPSE (Linux 6.1): make the huge pages now, on the calling thread, rather than
// when the kernel's khugepaged gets to them (minutes for a large graph at its default
// pace). glibc's headers before 2.37 do not name it; older kernels reject it (EINVAL).
#if defined(MADV_COLLAPSE)
constexpr int kMadvCollapse = MADV_COLLAPSE;
#else
constexpr int kMadvCollapse = 25;  // include/uapi/asm-generic/mman-common.h
#endif

// MADV_POPULATE_WRITE (Linux 5.14): fault a range in with one call. Older kernels reject
// it (EINVAL) and the pages are faulted in as they are first written, as before.
#if defined(MADV_POPULATE_WRITE)
constexpr int kMadvPopulateWrite = MADV_POPULATE_WRITE;
#else
constexpr int kMadvPopulateWrite = 23;  // include/uapi/asm-generic/mman-common.h
#endif

Kept* g_kept = nullptr;  // never destroyed: blocks may be freed during exit

// The lock is held across fork() so a child never inherits it held by a thread it does not
// have (the kept blocks are the child's too: its memory is a copy).
void LockKept() { g_kept->mutex.lock(); }
void UnlockKept() { g_kept->mutex.unlock(); }

// Made, and the fork handlers registered, when the library loads, before any thread can ask
// for a block: made on first use, one thread could be making it (its static guard held) while
// another forks, and the child would wait for that guard forever.
// (A block asked for by another file's static initializer, earlier still, makes it then, on
// the one thread there is.)
Kept& TheKept() {
  if (g_kept == nullptr) {
    g_kept = new Kept;
    pthread_atfork(LockKept, UnlockKept, UnlockKept);
  }
  return *g_kept;
}
[[maybe_unused]] Kept& g_kept_made = TheKept();

void* MapHugePages(std::size_t length) {
  // Map a huge page more than needed, keep the aligned run inside it, return the rest.
  void* const mapped = ::mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return nullptr;
  auto* const start = static_cast<char*>(mapped);
  auto* const aligned =
      reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1));
  if (aligned > start) ::munmap(start, static_cast<std::size_t>(aligned - start));
  const std::size_t after = static_cast<std::size_t>(start + length + kHugePage - (aligned + length));
  if (after > 0) ::munmap(aligned + length, after);
  // Small pages until PromoteToHugePages (huge_pages.h), also where the system would give
  // every mapping huge pages.
  ::madvise(aligned, length, MADV_NOHUGEPAGE);
  // A block is asked for to be written (a column, a table, an arena block), nearly all of
  // it and soon, so its pages are faulted in now, in one call: 29 MB took 5.6-7.5 ms this
  // way plus 1.5-2.9 ms to write, against 11.7-13.5 ms of page faults when written at once.
  ::madvise(aligned, length, kMadvPopulateWrite);
  return aligned;
}
#endif
}  // namespace

void* AllocateHugeBlock(std::size_t bytes, std::size_t alignment) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHugePage) {
    if (bytes > (std::size_t{1} << 62)) throw std::bad_alloc();
    const std::size_t length = WholeHugePages(bytes);
    Kept& k = TheKept();
    {
      std::lock_guard lock(k.mutex);
      k.in_use += length;
      if (auto it = k.blocks.find(length); it != k.blocks.end()) {
        void* const block = it->second;
        k.blocks.erase(it);
        k.kept -= length;
        k.live.emplace(block, length);
        return block;
      }
    }
    void* const block = MapHugePages(length);
    std::lock_guard lock(k.mutex);
    if (block == nullptr) {
      k.in_use -= length;
      throw std::bad_alloc();
    }
    k.live.emplace(block, length);
    return block;
  }
#endif
  if (alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator new(bytes, std::align_val_t{alignment});
  return ::operator new(bytes);
}

void FreeHugeBlock(void* block, std::size_t bytes, std::size_t alignment) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHugePage) {
    const std::size_t length = WholeHugePages(bytes);
    Kept& k = TheKept();
    std::lock_guard lock(k.mutex);
    k.in_use -= length;
    k.live.erase(block);
    if (k.kept + length <= k.in_use) {
      k.blocks.emplace(length, block);
      k.kept += length;
      return;
    }
    ::munmap(block, length);
    k.promoted.erase(block);
    while (k.kept > k.in_use) {  // less in use now: keep less
      const auto largest = std::prev(k.blocks.end());
      ::munmap(largest->second, largest->first);
      k.promoted.erase(largest->second);
      k.kept -= largest->first;
      k.blocks.erase(largest);
    }
    return;
  }
#endif
  if (alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator delete(block, std::align_val_t{alignment});
  ::operator delete(block);
}

std::size_t PromoteToHugePages(const std::atomic<bool>* stop) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  std::vector<std::pair<char*, std::size_t>> blocks;
  {
    Kept& k = TheKept();
    std::lock_guard lock(k.mutex);
    for (const auto& [block, length] : k.live)
      if (k.promoted.insert(block).second) blocks.emplace_back(static_cast<char*>(block), length);
  }
  // Outside the lock, so blocks are handed out and freed meanwhile: a block freed and
  // unmapped since fails with ENOMEM, and one whose addresses were mapped again since gets
  // advice that changes no byte of it. Either way nothing needs undoing.
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) {  // the rest for the next call
      Kept& k = TheKept();
      std::lock_guard lock(k.mutex);
      for (; i < blocks.size(); ++i) k.promoted.erase(blocks[i].first);
      break;
    }
    const auto [block, length] = blocks[i];
    if (::madvise(block, length, MADV_HUGEPAGE) != 0) continue;
    ::madvise(block, length, kMadvCollapse);  // fails harmlessly before Linux 6.1 or with no huge page free
    bytes += length;
  }
  return bytes;
#else
  return 0;
#endif
}

namespace huge_pages_internal {
std::size_t KeptBytes() {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  Kept& k = TheKept();
  std::lock_guard lock(k.mutex);
  return k.kept;
#else
  return 0;
#endif
}
}  // namespace huge_pages_internal

}  // namespace careergraph
