// Reading ladders: every input format becomes one careergraph.v1.Graph plus findings.
//
// Formats, chosen by extension (or by content for directories):
//   .pb .binpb                binary protobuf Graph
//   .textproto .txtpb .pbtxt  protobuf text format
//   .json                     protobuf JSON mapping of Graph
//   .yaml .yml                the compact hand-written form (tracks with ordered levels)
//   .csv .tsv                 a positions file and a transitions file, recognised by their
//                             header columns; delimiter from the extension
//   a directory               every ladder file inside it (e.g. nodes.tsv + edges.tsv)
// Several inputs merge into one graph (positions and transitions concatenated, metadata
// from the first that has a name, the other inputs' sources appended; a graph with no name
// is named after its first input). Every problem becomes a Finding with file, line and
// field; errors reject the input, warnings do not (see validate.h for the list). Findings
// come sorted by input order, then line.
//
// A directory loads the ladder files directly inside it, sorted by name, skipping hidden
// files; a CSV/TSV file there whose header fits neither table, or that lists only from/to
// pairs (neither years nor probability), is skipped with a warning when another table there
// gives transitions, and is an error when none does. Every other table that
// cannot be read (empty, not UTF-8, a transitions table missing a column) is an error.
//
// Text inputs must be UTF-8 (a byte-order mark is allowed): see text_encoding.h.
//
// Transitions read without a kind (CSV without a kind column or with an empty cell, YAML
// without `kind`) get one inferred from their endpoints once every input is read:
//   org-change    when the orgs differ;
//   promotion     same org and track, and the target's level is the source's plus one;
//   track-switch  same org, different tracks;
//   lateral       otherwise.
// (Orgs are compared first: a move to the next level at another company is an org change.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/error.pb.h"
#include "careergraph/v1/graph.pb.h"
#include "engine/status.h"

namespace careergraph::io {

struct LoadResult {
  v1::Graph graph;
  std::vector<v1::Finding> findings;  // errors and warnings, in input order
  bool has_errors() const;
  // The first error as a Status (INVALID_DATA with file:line:field), or OK.
  Status FirstError() const;
};

struct LoadOptions {
  // The whole-ladder warnings (validate.h). Errors are always checked; opening a graph for
  // a query leaves the warnings out, as it never shows them.
  bool warnings = true;
};

// Reads and validates `inputs`. Never throws; unreadable files are IO_ERROR findings.
LoadResult LoadLadders(const std::vector<std::string>& inputs, const LoadOptions& options = {});

// The ladder files LoadLadders reads from directory `dir`: regular files with a ladder
// extension (above), hidden ones skipped, sorted by name. Fails when `dir` cannot be listed.
StatusOr<std::vector<std::string>> LadderFilesIn(const std::string& dir);

// The name LoadLadders gives a graph whose inputs name none: the first input's stem.
std::string DefaultGraphName(const std::string& first_input);

// Reads one ladder file from memory, its format from the extension of `name` (the name used
// in findings), exactly as LoadLadders reads a file of that name (the fuzz harnesses use it).
LoadResult LoadLadderBytes(std::string_view bytes, const std::string& name);

// Reads the compact YAML form from memory; `name` is used as the file name in findings.
LoadResult LoadYamlLadder(std::string_view yaml_text, const std::string& name);

}  // namespace careergraph::io
