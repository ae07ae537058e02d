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

std::string PayMarks::Money(double v, v1::PayBasis basis, const std::string& currency) {
  const std::string m = render::Money(v, currency);
  if (std::isnan(v)) return m;
  switch (basis) {
    case v1::PAY_BASIS_SHARED: used_[basis] = true; return m + "*";
    case v1::PAY_BASIS_ESTIMATED: used_[basis] = true; return "~" + m;
    case v1::PAY_BASIS_TOP_CODED: used_[basis] = true; return m + "+";
    default: return m;
  }
}

std::string PayMarks::Legend() const {
  std::string s;
  auto add = [&](const char* text) { s += (s.empty() ? "pay: " : "; ") + std::string(text); };
  if (used_[v1::PAY_BASIS_SHARED]) add("* a group's figure shared with other positions, not the position's own");
  if (used_[v1::PAY_BASIS_ESTIMATED]) add("~ estimated for the position");
  if (used_[v1::PAY_BASIS_TOP_CODED]) add("+ top-coded: at least this");
  return s;
}

std::string Counted(std::uint64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string YearsText(double years) {
  std::ostringstream os;
  os << years << (years == 1 ? " year" : " years");
  return os.str();
}

}  // namespace careergraph::render
