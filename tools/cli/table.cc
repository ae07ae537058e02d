#include "tools/cli/table.h"

#include <cmath>
#include <cstdio>

#include "engine/horizon.h"

namespace careergraph::cli {

namespace {
// Display width of UTF-8 text: count code points, not bytes.
std::size_t Width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}
}  // namespace

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right_align)
    : header_(std::move(header)), right_(std::move(right_align)) {
  right_.resize(header_.size(), false);
}

void TextTable::AddRow(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

std::string TextTable::Render() const {
  std::vector<std::size_t> w(header_.size());
  for (std::size_t i = 0; i < header_.size(); ++i) w[i] = Width(header_[i]);
  for (const auto& r : rows_)
    for (std::size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], Width(r[i]));
  auto line = [&](const std::vector<std::string>& r) {
    std::string out;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string pad(w[i] - Width(r[i]), ' ');
      if (i) out += "  ";
      out += right_[i] ? pad + r[i] : (i + 1 == r.size() ? r[i] : r[i] + pad);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header_);
  std::vector<std::string> rule;
  for (auto x : w) rule.push_back(std::string(x, '-'));
  out += line(rule);
  for (const auto& r : rows_) out += line(r);
  return out;
}

std::string SignedMoney(double v, const std::string& currency) {
  if (std::isnan(v)) return render::kUnknownText;
  if (!(std::fabs(v) >= 0.5)) return std::isfinite(v) ? "" : "n/a";
  return (v > 0 ? "+" : "") + Money(v, currency);
}

std::string Fixed(double v, int decimals) {
  if (std::isnan(v)) return render::kUnknownText;
  if (!std::isfinite(v)) return "n/a";
  const int n = std::snprintf(nullptr, 0, "%.*f", decimals, v);
  if (n <= 0) return "n/a";
  std::string out(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), "%.*f", decimals, v);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string Percent(double p) {
  if (std::isnan(p)) return render::kUnknownText;
  char buf[32];
  std::snprintf(buf, sizeof buf, p < 0.01 && p > 0 ? "%.1f%%" : "%.0f%%", p * 100);
  return buf;
}

std::string Percent1(double p) {
  if (std::isnan(p)) return render::kUnknownText;
  char buf[32];
  std::snprintf(buf, sizeof buf, p < 0.001 && p > 0 ? "%.2f%%" : "%.1f%%", p * 100);
  return buf;
}

}  // namespace careergraph::cli
