// Numbers as people read them, shared by every renderer (the CLI's tables, the SVG charts the
// CLI and the server draw), so a figure reads the same wherever it is shown.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "careergraph/v1/graph.pb.h"

namespace careergraph::render {

// An unknown value (NaN: a field the answer leaves unset) prints as "-" everywhere.
inline constexpr const char* kUnknownText = "-";
std::string Money(double v, const std::string& currency = "USD");  // "$155,000", "EUR 90,000"; "-" unknown
// A message's optional number as a double: NaN (unknown) when unset. Money(Value(s.has_pay(), s.pay())).
double Value(bool has, double v);
std::string YearsText(double years);                               // "1 year", "2.5 years"
// A count with its noun: "1 warning", "0 errors", "3 positions" (`noun` in the singular,
// made plural with an s).
std::string Counted(std::uint64_t n, const std::string& noun);

// Pay figures with how sure they are (graph.proto, PayBasis), marked so a table stays narrow:
// "$161,180*" a group's figure shared with other positions, "~$150,000" estimated,
// "$239,200+" top-coded (at least this). A figure that is the position's own has no mark.
// One PayMarks per rendered answer remembers which marks it used, for the legend below it.
class PayMarks {
 public:
  std::string Money(double v, v1::PayBasis basis, const std::string& currency);
  // "pay: * shared with other positions (a group's figure); ~ estimated" for the marks
  // used, each once; "" when none was used.
  std::string Legend() const;

 private:
  std::array<bool, 5> used_{};
};

}  // namespace careergraph::render
