// Backing the large arrays of a graph with transparent huge pages.
//
// Design choices:
//  - A graph of millions of positions keeps arrays of tens of megabytes that are written
//    once, on load, and then read at random (index probes, the in-edge transpose,
//    searches). With 4 KiB pages each first touch is a page fault and each random read is
//    likely a TLB miss, and both cost more still in a virtual machine (~1.3 µs a fault).
//    Transparent huge pages (madvise MADV_HUGEPAGE, honoured in the common "madvise" THP
//    mode) make one fault per 2 MiB and keep the TLB working.
//  - But not while loading. On a VM whose balloon hands free memory back to its host (free
//    page reporting: Firecracker, crosvm and others, the 2-core machines here among them)
//    the host takes back exactly the large free blocks huge pages are made of, a few
//    seconds after they are freed, and the guest's next touch of one faults on the host
//    once per 4 KiB: the first touch of a huge page took 0.22 ms in memory freed moments
//    before and 6 ms in memory idle for a few seconds, while small pages come from lists
//    the guest keeps using. Loading the 100k-position graph in a fresh process took
//    224-271 ms with huge pages after a few idle seconds (the usual case for a query run
//    now and then) against 107-162 ms with small pages; right after another load, 98-180
//    against 102-126. So blocks are mapped with small pages (advised against huge ones, in
//    case the system gives them to every mapping), and a process that keeps its graph
//    (the server, an embedding Engine) calls PromoteToHugePages once the graph and its
//    tables are built, off the request path: searches then read huge pages, 3-8% faster
//    on the 100k graph's routes.
//  - A heap block of that size is mapped by malloc 16 bytes into a 4 KiB page, so only its
//    2 MiB-aligned middle could be huge pages: a 4 MB column got one huge page and a
//    thousand small ones. Large blocks are therefore mapped here, 2 MiB-aligned and whole
//    huge pages (at most one huge page more than asked for, on arrays of 2 MiB or more);
//    smaller ones come from operator new. Where THP is off or unavailable the
//    pages are ordinary ones and nothing else changes.
//  - A freshly mapped block is faulted in at once (MADV_POPULATE_WRITE): its pages cost
//    about half as much made in one call as made by one page fault each on first write,
//    and a block is asked for to be written, nearly all of it, soon. The 100k-position TSV
//    load in a fresh process: 103-107 ms -> 99-100 ms.
//  - Freed large blocks are kept for the next block of the same length, up to as many bytes
//    as are in use, so a server that reloads its graph reuses the old graph's pages as malloc
//    reuses its heap, instead of faulting in fresh ones each time.
//  - HugeVector is a std::vector with that allocator: the graph's columns and tables, and
//    (through AllocateHugeBlock) the arena that holds its positions.
#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

namespace careergraph {

// A block of `bytes`: from 2 MiB up, whole 2 MiB-aligned pages of its own, in small pages
// until PromoteToHugePages (a block freed earlier with the same length in pages when one is
// kept, see huge_pages.cc); below that, operator new's with `alignment`. Its contents are
// unspecified. Throws std::bad_alloc. FreeHugeBlock takes the size and alignment it was
// asked with.
void* AllocateHugeBlock(std::size_t bytes, std::size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__);
void FreeHugeBlock(void* block, std::size_t bytes, std::size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__);

// Advises every block handed out and not yet promoted for huge pages and, where the kernel
// can (Linux 6.1), makes them on the calling thread; returns the bytes advised. For a
// low-priority thread of a process that keeps its graph: on a VM that hands free memory
// back to its host this takes about 3 ms per MiB. Blocks promoted once stay so when they
// are freed and handed out again; blocks mapped afterwards wait for the next call. Once
// `*stop` is set it returns before the next block, leaving the rest for the next call.
std::size_t PromoteToHugePages(const std::atomic<bool>* stop = nullptr);

namespace huge_pages_internal {
std::size_t KeptBytes();  // freed large blocks kept for reuse (tests)
}

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(AllocateHugeBlock(n * sizeof(T), alignof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { FreeHugeBlock(p, n * sizeof(T), alignof(T)); }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace careergraph
