// Loading a large binary careergraph.v1.Graph (.pb) fast: the file mapped, not copied, and
// decoded straight into what CareerGraph::Build takes.
//
// Design choices:
//  - Parsing a whole Graph with protobuf grows each packed TransitionTable column one value
//    at a time (reallocating and copying as it doubles), and Build then copies every column
//    once more. Here the top level of the message is walked by hand and the table's columns
//    are decoded straight into TransitionColumns, sized exactly up front (a packed varint
//    column holds one value per byte without the continuation bit). Build adopts them as
//    the graph's edge columns when they come sorted by source, as `careergraph build`
//    writes them.
//  - Positions, metadata and transition rows are still parsed by protobuf's generated code,
//    one message at a time; positions go straight into the vector the graph keeps, on two
//    threads, each taking chunks of the list (the result is the same whoever parses what).
//  - Anything this reader does not handle exactly as protobuf would (a repeated metadata
//    field, groups, a known field with an unexpected wire type, a kind outside the enum)
//    fails with INVALID_DATA rather than guess; OpenGraph then takes the general path
//    (io/load.h), which reports the problem as a finding with the file's name.
//  - The file is mapped read-only: a 300 MB snapshot is then neither copied nor zero-filled
//    first. Snapshots are replaced by rename (io/atomic_file.h), which leaves a mapping of
//    the old file intact.
#pragma once

#include <string>
#include <string_view>

#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph::io {

// Decodes `bytes`, the binary encoding of a careergraph.v1.Graph. Uses up to `threads`
// threads (at least one).
StatusOr<SnapshotParts> DecodeBinarySnapshot(std::string_view bytes, int threads = 2);

// A read-only view of a whole file, mapped into memory; unmapped on destruction.
class MappedFile {
 public:
  static StatusOr<MappedFile> Open(const std::string& path);
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }

 private:
  MappedFile() = default;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace careergraph::io
