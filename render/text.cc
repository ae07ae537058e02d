#include "render/text.h"

#include "engine/horizon.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace careergraph::render {

// The engine's FormatMoney: digits from printf, never through an integer that could overflow.
std::string Money(double v, const std::string& currency) {
  return std::isnan(v) ? kUnknownText : FormatMoney(v, currency);
}

double Value(bool has, double v) { return has ? v : std::numeric_limits<double>::quiet_NaN(); }

std::string YearsText(double years) {
  std::ostringstream os;
  os << years << (years == 1 ? " year" : " years");
  return os.str();
}

}  // namespace careergraph::render
