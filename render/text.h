// Numbers as people read them, shared by every renderer (the CLI's tables, the SVG charts the
// CLI and the server draw), so a figure reads the same wherever it is shown.
#pragma once

#include <string>

namespace careergraph::render {

// An unknown value (NaN: a field the answer leaves unset) prints as "-" everywhere.
inline constexpr const char* kUnknownText = "-";
std::string Money(double v, const std::string& currency = "USD");  // "$155,000", "EUR 90,000"; "-" unknown
// A message's optional number as a double: NaN (unknown) when unset. Money(Value(s.has_pay(), s.pay())).
double Value(bool has, double v);
std::string YearsText(double years);                               // "1 year", "2.5 years"

}  // namespace careergraph::render
