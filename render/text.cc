#include "render/text.h"

#include <cmath>
#include <sstream>

namespace careergraph::render {

std::string Money(double v, const std::string& currency) {
  const std::string symbol = currency == "USD" || currency.empty() ? "$" : currency + " ";
  const bool neg = v < 0;
  long long x = std::llround(std::fabs(v));
  std::string digits = std::to_string(x), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (neg ? "-" : "") + symbol + out;
}

std::string YearsText(double years) {
  std::ostringstream os;
  os << years << (years == 1 ? " year" : " years");
  return os.str();
}

}  // namespace careergraph::render
