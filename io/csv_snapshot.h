// Opening a directory of CSV/TSV ladder tables for a query fast: read straight into what
// CareerGraph::Build takes, as io/binary_snapshot.h does for binary snapshots.
//
// Design choices:
//  - The general path (io/load.h) turns every row into a protobuf message with its ids as
//    strings and a location record, validates the whole ladder by id, and Build then looks
//    every endpoint up again. Here positions files are read first, indexed once, and each
//    transition's endpoints are resolved as its row is read, into the columns Build adopts
//    as the graph's edge columns (TransitionColumns): no message or location per move.
//  - The result is the graph the general path builds, by construction and by test
//    (tests/csv_snapshot_test.cc compares the two): the same header rules (csv_reader.h),
//    files in the same order, the same kind inference and defaults.
//  - Numbered positions (every id a decimal number, as the peers' graphs and many exports
//    have them) resolve endpoints through a flat array by number; other ids by hashing.
//  - One large plain moves table is read on two threads: its records are cut into chunks
//    at line ends, both threads scan the chunks (plain? how many lines?) so that each knows
//    its rows in the columns ahead, then one thread reads the positions while the other
//    starts on the chunks and both take chunks until none is left, each writing its rows
//    in place. No thread waits on a fixed share and no part is copied to join it: the same
//    columns as one thread reads, row for row. Numbered endpoints are read as numbers; text
//    endpoints are kept as views of the table until the positions' thread has indexed the
//    ids, then looked up a chunk at a time on both threads.
//  - A line of a plain table is read in one pass as its header lays it out (endpoints as
//    numbers, numbers as decimals, text trimmed), with no list of fields in between; a line
//    it does not take whole (blanks or a sign around a number, a percent, "unknown", a
//    short or long row) is read by the general rules instead.
//  - Anything the general path would report as an error (a parse error, a malformed row or
//    number, an unknown kind or endpoint, an empty id) or that this reader does not handle
//    (a directory holding other formats) makes it return nothing, and the caller takes the
//    general path, which reports the problem with file, line and field. Range checks and
//    duplicate ids are left to Build, whose failure also sends the caller there.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "engine/career_graph.h"

namespace careergraph::io {

// How a large moves table is read (the graph is the same every way).
enum class CsvThreads {
  kAuto,  // two threads for one plain table over 64 KiB, when there are two cores
  kOne,
  kTwo,   // two threads whenever the table is plain (for tests)
};

// The ladder in directory `dir` when it holds only CSV/TSV ladder files and the general
// path would read it without an error; nothing otherwise. `chunk_bytes`: how much of a
// moves table read on two threads goes in one chunk (0: by the table's size; tests and the
// fuzzer pass a small size to cut small tables into many chunks).
std::optional<SnapshotParts> ReadCsvDirectory(const std::string& dir, CsvThreads threads = CsvThreads::kAuto,
                                              std::size_t chunk_bytes = 0);

}  // namespace careergraph::io
