#include "engine/positions.h"

#include <optional>
#include <string>

#include "engine/position_index.h"
#include "engine/tracks.h"

namespace careergraph {

StatusOr<v1::PositionsResponse> ListPositions(const CareerGraph& g, const v1::PositionsRequest& req,
                                              const PositionsLimits& limits) {
  const std::uint32_t limit = req.limit() ? req.limit() : limits.default_limit;
  if (limit > limits.max_limit)
    return Status::TooLarge("limit " + std::to_string(limit) + " is above the maximum of " +
                            std::to_string(limits.max_limit) + "; ask for fewer or narrow the search")
        .WithField("limit");
  // One more than asked tells whether there are more.
  std::vector<Vertex> hits;
  std::optional<PositionAliasHits> aliases;  // read once, for the hits and the suggestions
  if (!req.track().empty()) {
    auto t = ResolveTrack(g, req.track(), "track");
    if (!t.ok()) return t.status();
    const std::string want = ToLower(req.search());
    for (Vertex v : TrackLadder(g, *t)) {
      const auto& p = g.position(v);
      if (!want.empty() && ToLower(p.id() + "\n" + p.title() + "\n" + p.org()).find(want) == std::string::npos) continue;
      if (hits.size() > limit) break;
      hits.push_back(v);
    }
  } else {
    hits = g.index().Search(req.search(), static_cast<std::size_t>(limit) + 1);
    // No title holds the text: it may name positions as people abbreviate them ("Sr SWE",
    // "L6 pm"), as a route's --from may.
    if (hits.empty() && !req.search().empty()) {
      aliases = FindPositionAliases(req.search(), g.positions(), g.metadata().tracks());
      for (const std::uint32_t v : aliases->exact) {
        if (hits.size() > limit) break;
        hits.push_back(v);
      }
    }
  }
  if (hits.empty() && !req.search().empty()) {
    auto s = aliases ? g.index().SuggestAfter(req.search(), 3, aliases->close) : g.index().Suggest(req.search());
    Status err = Status::NotFound("no position matches '" + req.search() + "'" +
                                  (s.empty() ? "" : "; did you mean '" + s.front() + "'?"))
                     .WithField("search");
    return std::move(err).WithSuggestions(std::move(s));
  }
  v1::PositionsResponse resp;
  resp.set_more(hits.size() > limit);
  if (hits.size() > limit) hits.resize(limit);
  for (Vertex v : hits) *resp.add_positions() = g.position(v);
  resp.set_total_positions(static_cast<std::uint32_t>(g.num_positions()));
  resp.set_graph_version(g.metadata().version());
  return resp;
}

}  // namespace careergraph
