// A graph's positions: v1::Position messages in the order given, kept on one arena.
//
// Design choices:
//  - As heap messages, each string of a position (id, title, org and track at least) is a
//    heap block of its own, the std::string object even when its text is short: loading a
//    100k-position ladder made some 400k allocations and first touched ~20 MB of fresh
//    4 KiB pages, one page fault each (~1.3 µs in a virtual machine), which cost a fresh
//    process as much as reading the moves. On a protobuf arena the messages and their
//    strings are carved in order from a few blocks, and blocks from 2 MiB up are whole
//    huge pages (huge_pages.h).
//  - Messages never move: the list holds pointers, so growing it copies pointers, and a
//    position's address (and the list's) stays valid for PositionIndex, which keeps it.
//  - A parsed snapshot's heap messages (CareerGraph::Build of a v1::Graph) are taken over
//    as they are, not copied onto the arena.
//  - Readers fill positions in place: emplace_back() one at a time, or resize() and then
//    each one on any thread (the arena is thread-safe).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <boost/iterator/indirect_iterator.hpp>
#include <google/protobuf/arena.h>
#include <google/protobuf/repeated_ptr_field.h>

#include "careergraph/v1/graph.pb.h"

namespace careergraph {

class PositionList {
 public:
  using iterator = boost::indirect_iterator<std::vector<v1::Position*>::const_iterator, v1::Position>;
  using const_iterator = boost::indirect_iterator<std::vector<v1::Position*>::const_iterator, const v1::Position>;

  PositionList();
  // Copies of `positions`, in order (for lists made by hand).
  explicit PositionList(const std::vector<v1::Position>& positions);
  PositionList(PositionList&&) noexcept;
  PositionList& operator=(PositionList&&) noexcept;
  PositionList(const PositionList&) = delete;
  PositionList& operator=(const PositionList&) = delete;
  ~PositionList();

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const v1::Position& operator[](std::size_t i) const { return *items_[i]; }
  v1::Position& operator[](std::size_t i) { return *items_[i]; }
  const v1::Position& back() const { return *items_.back(); }
  v1::Position& back() { return *items_.back(); }
  const_iterator begin() const { return const_iterator(items_.begin()); }
  const_iterator end() const { return const_iterator(items_.end()); }
  iterator begin() { return iterator(items_.begin()); }
  iterator end() { return iterator(items_.end()); }

  void reserve(std::size_t n) { items_.reserve(n); }
  // A new empty position at the end.
  v1::Position& emplace_back();
  // A copy of `p` at the end.
  v1::Position& push_back(const v1::Position& p);
  // Grows to `n` positions, the new ones empty, or drops the last ones.
  void resize(std::size_t n);
  // Appends the messages of `from` (a parsed snapshot's), taking them over when both are
  // on the heap; `from` is left empty.
  void Adopt(google::protobuf::RepeatedPtrField<v1::Position>* from);

  // Bytes held: the arena's blocks, the messages taken over and the list itself.
  std::size_t MemoryBytes() const;

 private:
  google::protobuf::Arena* arena();  // made on first use

  std::unique_ptr<google::protobuf::Arena> arena_;
  google::protobuf::RepeatedPtrField<v1::Position> adopted_;  // heap messages taken over
  std::vector<v1::Position*> items_;  // in order: on arena_ or in adopted_
};

}  // namespace careergraph
