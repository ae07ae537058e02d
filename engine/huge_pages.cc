#include "engine/huge_pages.h"

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace careergraph {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
std::size_t WholeHugePages(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }
}  // namespace

void* AllocateHugeBlock(std::size_t bytes, std::size_t alignment) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHugePage) {
    if (bytes > (std::size_t{1} << 62)) throw std::bad_alloc();
    // Map a huge page more than needed, keep the aligned run inside it, return the rest.
    const std::size_t length = WholeHugePages(bytes);
    void* const mapped = ::mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    auto* const start = static_cast<char*>(mapped);
    auto* const aligned = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1));
    if (aligned > start) ::munmap(start, static_cast<std::size_t>(aligned - start));
    const std::size_t after = static_cast<std::size_t>(start + length + kHugePage - (aligned + length));
    if (after > 0) ::munmap(aligned + length, after);
    ::madvise(aligned, length, MADV_HUGEPAGE);
    return aligned;
  }
#endif
  if (alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator new(bytes, std::align_val_t{alignment});
  return ::operator new(bytes);
}

void FreeHugeBlock(void* block, std::size_t bytes, std::size_t alignment) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHugePage) {
    ::munmap(block, WholeHugePages(bytes));
    return;
  }
#endif
  if (alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator delete(block, std::align_val_t{alignment});
  ::operator delete(block);
}

}  // namespace careergraph
