// Opening the graph a query runs on, from what a user passes as --graph.
//   ""  or "default"   the embedded reference ladder (data/default_ladder.yaml)
//   "onet"             the shipped O*NET occupational graph (data/onet/graph.pb), if built
//   anything else      a file or directory in any format load.h reads
#pragma once

#include <string>

#include "engine/career_graph.h"
#include "engine/status.h"

namespace careergraph::io {

StatusOr<GraphPtr> OpenGraph(const std::string& spec);

// The embedded default ladder as a snapshot (parsed once per process).
const v1::Graph& DefaultLadder();

}  // namespace careergraph::io
