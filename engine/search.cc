#include "engine/search.h"

#include <algorithm>

namespace careergraph {

std::vector<EdgeId> ExtractPath(const CareerGraph& g, const SearchSpace& ws, Vertex v) {
  std::vector<EdgeId> path;
  for (EdgeId e = ws.pred(v); e != kNoEdge; e = ws.pred(g.source(e))) path.push_back(e);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace careergraph
