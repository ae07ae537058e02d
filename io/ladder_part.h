// What each reader returns: the records of one input file with their locations and the
// problems found while parsing. load.cc merges parts, infers missing kinds and runs the
// whole-graph checks (validate.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "careergraph/v1/error.pb.h"
#include "careergraph/v1/graph.pb.h"
#include "io/validate.h"

namespace careergraph::io {

struct LadderPart {
  v1::Graph graph;
  SourceMap where;
  std::vector<v1::Finding> findings;
  // Transition rows with no kind given; the kind is inferred once every position is known
  // (in a directory, edges.tsv sorts before nodes.tsv). See InferKind in load.h.
  std::vector<std::size_t> infer_kind;
};

// The kind of a transition read without one, from its endpoints (the rule in load.h).
v1::TransitionKind InferKind(const v1::Position& from, const v1::Position& to);

// The error for a level that is not a whole number, the same from every reader: `text` as
// given ("L5"; `scalar` false for a list or mapping), and `label_field`, where the ladder's
// format takes a level's label ("label", "level_label"), named when the text looks like one
// (letters, then a number a level can be: "L5", "IC4").
std::string BadLevelMessage(const std::string& text, const std::string& label_field, bool scalar = true);

// Appends the location of a record whose fields all sit on `line` of files[`file`].
inline SourceMap::Loc& AddLoc(std::vector<SourceMap::Loc>* v, unsigned line, std::uint32_t file = 0) {
  v->push_back(SourceMap::Loc{file, line, {}, 0});
  return v->back();
}

}  // namespace careergraph::io
