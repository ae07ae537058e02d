// Small descriptive statistics shared by the engine's analytics and the importers.
//
// Design choices:
//  - Values come by value and are sorted in place: the callers hand over a scratch list
//    they do not need afterwards, and a copy is what a const reference would cost anyway.
//  - An empty list has a defined answer rather than a precondition, so a caller that may
//    have nothing to summarise (a ladder with a single paid level has no pay step between
//    levels) needs no special case of its own.
#pragma once

#include <vector>

namespace careergraph {

// The median: the middle value, or the mean of the two middle values of an even count;
// 0 for an empty list. The order of `values` does not matter.
double Median(std::vector<double> values);

}  // namespace careergraph
