#include "engine/position_list.h"

#include "engine/huge_pages.h"

#include <utility>

namespace careergraph {
namespace {
// The arena's block functions (it asks for no alignment past the default).
void* AllocateBlock(std::size_t bytes) { return AllocateHugeBlock(bytes); }
void FreeBlock(void* block, std::size_t bytes) { FreeHugeBlock(block, bytes); }
}  // namespace

PositionList::PositionList() = default;

PositionList::PositionList(const std::vector<v1::Position>& positions) {
  items_.reserve(positions.size());
  for (const auto& p : positions) push_back(p);
}

PositionList::PositionList(PositionList&&) noexcept = default;
PositionList& PositionList::operator=(PositionList&&) noexcept = default;
PositionList::~PositionList() = default;

google::protobuf::Arena* PositionList::arena() {
  if (!arena_) {
    google::protobuf::ArenaOptions options;
    // Blocks double up to one huge page each: a small ladder takes a few small blocks, a
    // large one whole huge pages with nothing left over.
    options.start_block_size = 4096;
    options.max_block_size = std::size_t{2} << 20;
    options.block_alloc = AllocateBlock;
    options.block_dealloc = FreeBlock;
    arena_ = std::make_unique<google::protobuf::Arena>(options);
  }
  return arena_.get();
}

v1::Position& PositionList::emplace_back() {
  items_.push_back(google::protobuf::Arena::CreateMessage<v1::Position>(arena()));
  return *items_.back();
}

v1::Position& PositionList::push_back(const v1::Position& p) {
  v1::Position& added = emplace_back();
  added.CopyFrom(p);
  return added;
}

void PositionList::resize(std::size_t n) {
  if (n <= items_.size()) {
    items_.resize(n);  // a dropped message stays on the arena (or in adopted_) until the list goes
    return;
  }
  items_.reserve(n);
  while (items_.size() < n) emplace_back();
}

void PositionList::Adopt(google::protobuf::RepeatedPtrField<v1::Position>* from) {
  if (adopted_.empty() && from->GetArena() == nullptr) {
    adopted_.Swap(from);  // both on the heap: the messages change hands, none is copied
    items_.reserve(items_.size() + static_cast<std::size_t>(adopted_.size()));
    for (auto& p : adopted_) items_.push_back(&p);
    return;
  }
  items_.reserve(items_.size() + static_cast<std::size_t>(from->size()));
  for (const auto& p : *from) push_back(p);
  from->Clear();
}

std::size_t PositionList::MemoryBytes() const {
  std::size_t b = items_.capacity() * sizeof(v1::Position*);
  if (arena_) b += static_cast<std::size_t>(arena_->SpaceAllocated());
  for (const auto& p : adopted_) b += p.SpaceUsedLong();
  return b;
}

}  // namespace careergraph
