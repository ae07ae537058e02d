// Brute-force oracles for property tests: enumerate every simple path on small graphs and
// random small graphs to run them on. Exponential by design; only for tests.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/career_graph.h"

namespace careergraph::testing {

// Calls visit(edges) for every simple path from s to t (s == t gives the empty path).
// `allow(e)` filters edges. Stops early when visit returns false.
void ForEachSimplePath(const CareerGraph& g, Vertex s, Vertex t, const std::function<bool(EdgeId)>& allow,
                       const std::function<bool(const std::vector<EdgeId>&)>& visit);

// The least summed `cost` over the simple paths from s to t that `allow` lets through (0 for
// s == t), or infinity when there is none. With non-negative costs this is the distance.
double LeastPathCost(const CareerGraph& g, Vertex s, Vertex t, const std::function<double(EdgeId)>& cost,
                     const std::function<bool(EdgeId)>& allow = [](EdgeId) { return true; });

struct RandomGraphOptions {
  int min_positions = 4, max_positions = 9;
  double edge_probability = 0.3;
  int tracks = 3, orgs = 2;
  bool allow_self_loops = false;
  // > 0: a catalogue of this many competencies (scale 0..5) and a random profile per position
  // (whole levels; importance absent, 0.25, 0.5 or 1).
  int competencies = 0;
};
// A random ladder: positions with random pay/ambiguity/leadership/track/org/level,
// transitions with years in multiples of 1/4 (exact sums) and probabilities in (0, 1],
// and with opt.competencies random competency profiles (drawn after everything else, so
// the rest of the graph is the same for a seed either way).
v1::Graph RandomGraph(std::mt19937& rng, const RandomGraphOptions& opt = {});
// The same built into an engine graph (throws if Build refuses it).
GraphPtr RandomEngineGraph(std::mt19937& rng, const RandomGraphOptions& opt = {});

}  // namespace careergraph::testing
