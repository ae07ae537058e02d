// Pay inversions: within one (org, track) ladder, a position paid less than the best-paid
// position on a strictly lower level. `careergraph validate` warns about each one
// (io/validate.h) and `careergraph analyze` lists them in the ladder report
// (engine/analysis.h); both ask this one function, so they cannot disagree.
//
// Design choices:
//  - Plain columns in, indexes out: validate works on the snapshot as read (where a pay may
//    be missing or already reported as malformed) and the analysis on the engine's columns;
//    each caller says which pay it knows and turns the pairs into its own findings or
//    report entries.
//  - Missing is not zero: a pay that is not a positive finite number (unknown is NaN, and a
//    pay of 0 means unknown too) is never compared, neither as the lower-paid position nor
//    as the best-paid one below.
//  - Only the best-paid position below is named, not every lower position that pays more:
//    one warning per position, pointing at the clearest counter-example.
//  - One pass over the positions in level order, O(n log n) for the sort.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace careergraph {

struct PayInversion {
  std::size_t position = 0;  // index of the position paid less
  std::size_t lower = 0;     // index of the best-paid position on a strictly lower level
};

// The inversions of one ladder whose position i has level[i] and pay[i] (the spans are
// equally long; positions may come in any order). In level order, and within a level in
// index order. Among equally paid positions below, the one on the lowest level, then with
// the lowest index, is named.
std::vector<PayInversion> FindPayInversions(std::span<const int> level, std::span<const double> pay);

}  // namespace careergraph
