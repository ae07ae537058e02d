// Which ladders a batch run analyses, from the files and directories named on the command
// line.
//
//   a file                     one ladder (any format `careergraph build` reads)
//   a directory holding only   one ladder: the directory, read as io/load.h reads it
//   CSV/TSV files              (e.g. nodes.tsv + edges.tsv)
//   any other directory        one ladder per self-contained ladder file in it (.yaml .yml
//                              .json .pb .binpb .textproto .txtpb .pbtxt), one per
//                              subdirectory (by these same rules), and, if it also holds
//                              CSV/TSV files, one ladder made of those files, listed first
//
// Order is deterministic: arguments as given, entries of a directory by name (byte order),
// hidden entries skipped. Files with other extensions (README.md, ...) are ignored inside
// directories; named directly they are a ladder whose loading reports the unknown format.
#pragma once

#include <string>
#include <vector>

#include "engine/status.h"

namespace careergraph::batch {

struct LadderInput {
  std::string source;              // what the report calls it: the file or directory
  std::vector<std::string> paths;  // what io::LoadLadders reads
};

// NOT_FOUND for an argument that does not exist or a directory with no ladder in it;
// INVALID_ARGUMENT when there are no arguments.
StatusOr<std::vector<LadderInput>> DiscoverLadders(const std::vector<std::string>& args);

}  // namespace careergraph::batch
