// A monotone radix heap of (non-negative double key, vertex) pairs for Dijkstra-like
// searches that pop keys in non-decreasing order (Ahuja, Mehlhorn, Orlin & Tarjan, "Faster
// algorithms for the shortest path problem", JACM 37(2), 1990).
//
// Design choices:
//  - Keys are the bit patterns of non-negative doubles, which order exactly like the values,
//    so any real-valued lengths work (no scaling to integers).
//  - No decrease-key: a search pushes a vertex again when its distance improves and skips
//    entries whose key no longer matches the vertex's distance when popped. A push is an
//    append; each entry moves to a strictly lower bucket at most 64 times.
//  - Equal keys pop last-in first-out; callers must not depend on the order among ties.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace careergraph {

class RadixHeap {
 public:
  static std::uint64_t Key(double d) { return std::bit_cast<std::uint64_t>(d); }

  bool empty() const { return size_ == 0; }
  // Only valid when empty: starts a new search.
  void Reset() { last_ = 0; }
  // Drops every entry (keeping the buckets' memory) and starts a new search.
  void Clear() {
    if (size_ != 0)
      for (auto& b : buckets_) b.clear();
    size_ = 0;
    last_ = 0;
  }

  // The last popped key: every key pushed from now on must be at least this.
  std::uint64_t last() const { return last_; }

  // `key` must be at least the last popped key.
  void Push(std::uint64_t key, std::uint32_t v) {
    buckets_[Bucket(key, last_)].emplace_back(key, v);
    ++size_;
  }

  std::pair<std::uint64_t, std::uint32_t> Pop() {
    if (buckets_[0].empty()) {
      int i = 1;
      while (buckets_[i].empty()) ++i;
      auto& b = buckets_[i];
      std::uint64_t lowest = b.front().first;
      for (const auto& e : b) lowest = std::min(lowest, e.first);
      last_ = lowest;
      for (const auto& e : b) buckets_[Bucket(e.first, last_)].push_back(e);
      b.clear();
    }
    const auto top = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return top;
  }

 private:
  static int Bucket(std::uint64_t key, std::uint64_t last) {
    return key == last ? 0 : 64 - std::countl_zero(key ^ last);
  }

  std::vector<std::pair<std::uint64_t, std::uint32_t>> buckets_[65];
  std::uint64_t last_ = 0;
  std::size_t size_ = 0;
};

}  // namespace careergraph
