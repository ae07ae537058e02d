#include "engine/huge_pages.h"

#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <new>

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
};

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
  ::madvise(aligned, length, MADV_HUGEPAGE);
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
        return block;
      }
    }
    if (void* const block = MapHugePages(length)) return block;
    std::lock_guard lock(k.mutex);
    k.in_use -= length;
    throw std::bad_alloc();
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
    if (k.kept + length <= k.in_use) {
      k.blocks.emplace(length, block);
      k.kept += length;
      return;
    }
    ::munmap(block, length);
    while (k.kept > k.in_use) {  // less in use now: keep less
      const auto largest = std::prev(k.blocks.end());
      ::munmap(largest->second, largest->first);
      k.kept -= largest->first;
      k.blocks.erase(largest);
    }
    return;
  }
#endif
  if (alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator delete(block, std::align_val_t{alignment});
  ::operator delete(block);
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
