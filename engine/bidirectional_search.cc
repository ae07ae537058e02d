#include "engine/bidirectional_search.h"

#include <algorithm>

namespace careergraph {

std::vector<EdgeId> MeetingPath(const CareerGraph& g, const BidirectionalSpace& space, const Meeting& m) {
  std::vector<EdgeId> path;
  if (m.meet == kNoVertex) return path;
  for (EdgeId e = space.forward.pred(m.meet); e != kNoEdge; e = space.forward.pred(g.source(e))) path.push_back(e);
  std::reverse(path.begin(), path.end());
  // The backward search's predecessor of v is the edge v -> w it reached v by.
  for (EdgeId e = space.backward.pred(m.meet); e != kNoEdge; e = space.backward.pred(g.target(e))) path.push_back(e);
  return path;
}

}  // namespace careergraph
