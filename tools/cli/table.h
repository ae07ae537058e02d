// Plain-text tables for people: aligned columns, numbers formatted for reading.
#pragma once

#include <string>
#include <vector>

#include "render/text.h"

namespace careergraph::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> right_align = {});
  void AddRow(std::vector<std::string> row);
  std::string Render() const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

using render::Money;  // "$155,000"
using render::PayMarks;  // "$161,180*": pay with how sure it is
using render::Value;  // an optional field as a double, NaN (shown "-") when unset
std::string SignedMoney(double v, const std::string& currency = "USD");  // "+$20,000", "" for 0
std::string Fixed(double v, int decimals);  // "2.50"
std::string Percent(double p);              // "45%"
std::string Percent1(double p);             // "11.7%"
// The lines under an answer about its pay figures: the legend of the marks used, then each
// of the answer's pay notes ("note: ..."); "" when there is neither.
template <typename Notes>
std::string PayFootnotes(const PayMarks& marks, const Notes& notes) {
  std::string s;
  if (std::string legend = marks.Legend(); !legend.empty()) s += legend + "\n";
  for (const auto& n : notes) s += "note: " + std::string(n) + "\n";
  return s;
}

}  // namespace careergraph::cli
