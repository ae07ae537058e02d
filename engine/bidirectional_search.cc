#include "engine/bidirectional_search.h"

#include <algorithm>

namespace careergraph {

std::vector<EdgeId> MeetingPath(const CareerGraph& g, const BidirectionalSpace& space, const Meeting& m) {
  std::vector<EdgeId> path;
  if (m.meet == kNoVertex) return path;
  constexpr int F = BidirectionalSpace::kForward, B = BidirectionalSpace::kBackward;
  for (EdgeId e = space.pred(F, m.meet); e != kNoEdge; e = space.pred(F, g.source(e))) path.push_back(e);
  std::reverse(path.begin(), path.end());
  // The backward search's predecessor of v is the edge v -> w it reached v by.
  for (EdgeId e = space.pred(B, m.meet); e != kNoEdge; e = space.pred(B, g.target(e))) path.push_back(e);
  return path;
}

}  // namespace careergraph
