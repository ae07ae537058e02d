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
using render::Value;  // an optional field as a double, NaN (shown "-") when unset
std::string SignedMoney(double v, const std::string& currency = "USD");  // "+$20,000", "" for 0
std::string Fixed(double v, int decimals);  // "2.50"
std::string Percent(double p);              // "45%"
std::string Percent1(double p);             // "11.7%"

}  // namespace careergraph::cli
