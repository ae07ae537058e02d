#include "engine/pay_inversion.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace careergraph {

std::vector<PayInversion> FindPayInversions(std::span<const int> level, std::span<const double> pay) {
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> order(level.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return level[a] < level[b]; });
  auto known = [&](std::size_t i) { return pay[i] > 0 && std::isfinite(pay[i]); };

  std::vector<PayInversion> out;
  std::size_t best = kNone;        // best-paid among the levels below the current one
  std::size_t level_best = kNone;  // best-paid on the current level
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (k > 0 && level[order[k - 1]] != level[i]) {
      if (level_best != kNone && (best == kNone || pay[level_best] > pay[best])) best = level_best;
      level_best = kNone;
    }
    if (!known(i)) continue;
    if (best != kNone && pay[best] > pay[i]) out.push_back({i, best});
    if (level_best == kNone || pay[i] > pay[level_best]) level_best = i;
  }
  return out;
}

}  // namespace careergraph
