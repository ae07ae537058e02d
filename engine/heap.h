// A 4-ary min-heap of vertex ids keyed by double, with decrease-key through a position
// array. Four children per node halve the depth of a binary heap and keep siblings in one
// cache line, the same choice Boost.Graph's dijkstra makes (d_ary_heap_indirect, D = 4).
#pragma once

#include <cstdint>
#include <vector>

namespace careergraph {

class QuadHeap {
 public:
  static constexpr std::uint32_t kAbsent = static_cast<std::uint32_t>(-1);

  void Resize(std::size_t n) { pos_.assign(n, kAbsent); heap_.clear(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  bool contains(std::uint32_t v) const { return pos_[v] != kAbsent; }
  std::uint32_t top() const { return heap_[0].v; }
  double top_key() const { return heap_[0].key; }

  // Inserts v or lowers its key.
  void Push(std::uint32_t v, double key) {
    std::uint32_t i = pos_[v];
    if (i == kAbsent) {
      i = static_cast<std::uint32_t>(heap_.size());
      heap_.push_back({key, v});
    } else {
      heap_[i].key = key;
    }
    SiftUp(i);
  }

  std::uint32_t Pop() {
    const std::uint32_t v = heap_[0].v;
    pos_[v] = kAbsent;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_[0] = last;
      SiftDown(0);
    }
    return v;
  }

  // Empties the heap touching only its current members (positions stay valid).
  void Clear() {
    for (const auto& e : heap_) pos_[e.v] = kAbsent;
    heap_.clear();
  }

 private:
  struct Entry {
    double key;
    std::uint32_t v;
  };

  void SiftUp(std::uint32_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const std::uint32_t parent = (i - 1) / 4;
      if (heap_[parent].key <= e.key) break;
      heap_[i] = heap_[parent];
      pos_[heap_[i].v] = i;
      i = parent;
    }
    heap_[i] = e;
    pos_[e.v] = i;
  }

  void SiftDown(std::uint32_t i) {
    const Entry e = heap_[i];
    const std::uint32_t n = static_cast<std::uint32_t>(heap_.size());
    for (;;) {
      const std::uint32_t first = 4 * i + 1;
      if (first >= n) break;
      std::uint32_t best = first;
      const std::uint32_t last = first + 4 < n ? first + 4 : n;
      for (std::uint32_t c = first + 1; c < last; ++c)
        if (heap_[c].key < heap_[best].key) best = c;
      if (heap_[best].key >= e.key) break;
      heap_[i] = heap_[best];
      pos_[heap_[i].v] = i;
      i = best;
    }
    heap_[i] = e;
    pos_[e.v] = i;
  }

  std::vector<Entry> heap_;
  std::vector<std::uint32_t> pos_;
};

}  // namespace careergraph
