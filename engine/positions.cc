#include "engine/positions.h"

#include <string>
#include <utility>

namespace careergraph {

StatusOr<v1::PositionsResponse> SearchPositions(const CareerGraph& g, const v1::PositionsRequest& req,
                                                const PositionsLimits& limits) {
  const std::uint32_t limit = req.limit() ? req.limit() : limits.default_limit;
  if (limit > limits.max_limit)
    return Status::TooLarge("limit " + std::to_string(limit) + " is above the maximum of " +
                            std::to_string(limits.max_limit) + "; ask for fewer or narrow the search")
        .WithField("limit");
  // One more than asked tells whether there are more.
  auto hits = g.index().Search(req.search(), static_cast<std::size_t>(limit) + 1);
  if (hits.empty() && !req.search().empty()) {
    auto s = g.index().Suggest(req.search());
    Status err = Status::NotFound("no position matches '" + req.search() + "'" +
                                  (s.empty() ? "" : "; did you mean '" + s.front() + "'?"))
                     .WithField("search");
    return std::move(err).WithSuggestions(std::move(s));
  }
  v1::PositionsResponse resp;
  resp.set_more(hits.size() > limit);
  if (hits.size() > limit) hits.resize(limit);
  for (Vertex v : hits) *resp.add_positions() = g.position(v);
  resp.set_total_positions(g.num_positions());
  resp.set_graph_version(g.metadata().version());
  return resp;
}

}  // namespace careergraph
