#include "engine/statistics.h"

#include <algorithm>

namespace careergraph {

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t k = values.size();
  return k % 2 ? values[k / 2] : (values[k / 2 - 1] + values[k / 2]) / 2;
}

}  // namespace careergraph
