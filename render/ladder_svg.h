// The ladder as a standalone SVG: tracks as columns (in the order the graph first names them),
// levels as rows with the most senior at the top, one box per position with its title and
// pay, and a route drawn as arrows between its positions, highlighted. The same layout as the
// dashboard's diagram; used by `careergraph export --format svg [--route ...]` and by
// POST /v1/route with `Accept: image/svg+xml`.
//
// Design choices: a fixed grid rather than a general graph layout (Graphviz's layered layout
// scatters a ladder's levels): a ladder already has coordinates, its track and its level, and
// people read a career as "up" and "across". A graph of more than 150 positions is drawn
// with only the tracks the route touches, so an occupational graph still gives a readable page.
#pragma once

#include <string>
#include <vector>

#include "careergraph/v1/graph.pb.h"

namespace careergraph::render {

// `route`: position ids in order (empty: the ladder alone). `title`: a heading, may be empty.
std::string LadderSvg(const std::vector<const v1::Position*>& positions, const std::vector<std::string>& route,
                      const std::string& title, const std::string& currency);

}  // namespace careergraph::render
