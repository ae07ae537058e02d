// Backing the large arrays of a graph with transparent huge pages.
//
// Design choices:
//  - A graph of millions of positions keeps arrays of tens of megabytes that are written
//    once, on load, and then read at random (index probes, the in-edge transpose,
//    searches). With 4 KiB pages each first touch is a page fault and each random read is
//    likely a TLB miss, and both cost more still in a virtual machine. Asking the kernel for
//    transparent huge pages on such a region (madvise MADV_HUGEPAGE, honoured in the
//    common "madvise" THP mode) makes one fault per 2 MiB and keeps the TLB working.
//  - It is advice only: the memory still belongs to the vector's allocator and is freed
//    the usual way; where THP is off or unavailable nothing changes. Small regions are left
//    alone (a huge page would only waste memory there).
#pragma once

#include <cstddef>
#include <vector>

namespace careergraph {

// Advises huge pages for the whole 2 MiB-aligned pages inside [p, p + bytes), if any.
// Call before the memory is first written.
void AdviseHugePages(const void* p, std::size_t bytes);

// Reserves room for `n` elements in an empty `v` and advises huge pages for it.
template <typename T>
void ReserveHuge(std::vector<T>* v, std::size_t n) {
  v->reserve(n);
  AdviseHugePages(v->data(), v->capacity() * sizeof(T));
}

// `v` as `n` copies of `value`, in memory advised for huge pages.
template <typename T>
void AssignHuge(std::vector<T>* v, std::size_t n, const T& value) {
  std::vector<T>().swap(*v);
  ReserveHuge(v, n);
  v->assign(n, value);
}

}  // namespace careergraph
