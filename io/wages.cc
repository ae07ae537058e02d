#include "io/wages.h"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>
#include <vector>

#include "io/atomic_file.h"
#include "io/number_parse.h"
#include "io/onet_tables.h"

namespace careergraph::io {
namespace {

bool IsSocCode(std::string_view s) {
  if (s.size() != 7 || s[2] != '-') return false;
  for (std::size_t i = 0; i < 7; ++i)
    if (i != 2 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

std::string WageText(std::string_view cell) { return cell.empty() ? "(empty)" : "'" + std::string(cell) + "'"; }

}  // namespace

double OewsWages::TopCodeFromDescriptions(std::string_view text) {
  // The note reads: "#  = indicates a wage equal to or greater than $115.00 per hour or
  // $239,200 per year". Take the dollar amount that precedes "per year" on the '#' line.
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimBlanks(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() != '#') continue;
    const std::size_t year = line.find("per year");
    if (year == std::string_view::npos) continue;
    const std::size_t dollar = line.rfind('$', year);
    if (dollar == std::string_view::npos) continue;
    std::string digits;
    for (std::size_t i = dollar + 1; i < year; ++i) {
      if (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '.') digits += line[i];
      else if (line[i] != ',' && line[i] != ' ') break;
    }
    double v = 0;
    if (ParseDouble(digits, &v) && v > 0) return v;
  }
  return 0;
}

StatusOr<OewsWages::Wage> OewsWages::ParseWage(const TsvTable& t, std::size_t row, int col) {
  Wage w;
  if (col < 0) return w;
  const std::string_view cell = TrimBlanks(t.Text(row, col));
  if (cell == "#") {
    w.kind = Kind::kTopCoded;
    return w;
  }
  if (cell.empty() || cell == "*" || cell == "**") return w;
  std::string digits;
  for (char c : cell)
    if (c != ',') digits += c;
  double v = 0;
  if (!ParseDouble(digits, &v) || !std::isfinite(v) || v < 0)
    return t.Error(row, col, "wage " + WageText(cell) +
                                 " is not a wage; expected a number of dollars, '#' (top-coded) or '*' (not available)");
  w.kind = Kind::kValue;
  w.value = v;
  return w;
}

StatusOr<OewsWages> OewsWages::Read(const std::string& path, double top_code) {
  auto table = TsvTable::Read(path);
  if (!table.ok()) return table.status();
  if (top_code <= 0) {
    const auto notes = std::filesystem::path(path).parent_path() / "field_descriptions.txt";
    std::error_code ec;
    if (std::filesystem::is_regular_file(notes, ec)) {
      auto text = ReadFile(notes.string());
      if (text.ok()) top_code = TopCodeFromDescriptions(*text);
    }
  }
  return FromTable(*table, top_code);
}

StatusOr<OewsWages> OewsWages::FromTable(const TsvTable& t, double top_code) {
  OewsWages w;
  w.top_code_ = top_code;
  auto code_col = t.Require({"OCC_CODE", "SOC code", "OCC code"});
  if (!code_col.ok()) return code_col.status();
  auto median_col = t.Require({"A_MEDIAN", "annual median"});
  if (!median_col.ok()) return median_col.status();
  const int hourly_col = t.Find({"H_MEDIAN", "hourly median"});
  // The percentiles are optional; a column that is absent reads as kMissing (ParseWage).
  const std::array<int, 5> annual_cols = {t.Find({"A_PCT10"}), t.Find({"A_PCT25"}), *median_col, t.Find({"A_PCT75"}),
                                          t.Find({"A_PCT90"})};
  const int group_col = t.Find({"O_GROUP"});
  const int title_col = t.Find({"OCC_TITLE"});
  const int area_col = t.Find({"AREA"});
  const int industry_col = t.Find({"NAICS"});
  std::optional<std::string> area, industry;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    // One area and one industry: several would give one code several wages.
    if (area_col >= 0) {
      const std::string a(t.Text(r, area_col));
      if (!area) area = a;
      else if (*area != a)
        return t.Error(r, area_col, "a second area '" + a + "' (the first row is area '" + *area +
                                        "'); use the national file, which has one area (e.g. national_M2024_dl)");
    }
    if (industry_col >= 0) {
      const std::string i(t.Text(r, industry_col));
      if (!industry) industry = i;
      else if (*industry != i)
        return t.Error(r, industry_col, "a second industry '" + i + "' (the first row is '" + *industry +
                                            "'); use the cross-industry file, which has one industry");
    }
    const std::string code(TrimBlanks(t.Text(r, *code_col)));
    if (!IsSocCode(code))
      return t.Error(r, *code_col, "'" + code + "' is not a SOC code; expected the form 15-1252");
    Row row;
    row.line = t.line(r);
    if (title_col >= 0) row.title = std::string(TrimBlanks(t.Text(r, title_col)));
    if (group_col >= 0) row.group = std::string(TrimBlanks(t.Text(r, group_col)));
    for (std::size_t k = 0; k < annual_cols.size(); ++k) {
      auto annual = ParseWage(t, r, annual_cols[k]);
      if (!annual.ok()) return annual.status();
      row.annual[k] = *annual;
    }
    auto hourly = ParseWage(t, r, hourly_col);
    if (!hourly.ok()) return hourly.status();
    row.hourly = *hourly;
    // Only a top-coded median needs the top code to import: it is the pay. A top-coded
    // percentile without it stays a floor of unknown height (Percentiles).
    if (row.annual[AnnualPercentiles::kMedian].kind == Kind::kTopCoded && top_code <= 0)
      return t.Error(r, *median_col, "'#' marks a top-coded wage, but the top-code value is unknown; put the BLS "
                                     "field_descriptions.txt beside the wages file or pass --top-code");
    auto [it, inserted] = w.rows_.emplace(code, row);
    if (inserted) continue;
    // OEWS lists a broad group it publishes as "detailed" twice (once per designation),
    // with the same wages; anything else is two areas or industries mixed together.
    Row& first = it->second;
    auto same_wage = [](const Wage& a, const Wage& b) { return a.kind == b.kind && a.value == b.value; };
    bool same = same_wage(first.hourly, row.hourly);
    for (std::size_t k = 0; k < row.annual.size(); ++k) same = same && same_wage(first.annual[k], row.annual[k]);
    if (!same)
      return t.Error(r, *code_col, "OCC_CODE " + code + " appears again with a different wage (first on line " +
                                       std::to_string(first.line) +
                                       "); the file must hold one area and one industry, like the national file");
    if (row.group == "detailed") first.group = row.group;
  }
  return w;
}

bool OewsWages::RowPay(const Row& r, OccupationPay* out) const {
  const Wage& median = r.annual[AnnualPercentiles::kMedian];
  if (median.kind == Kind::kValue) {
    out->annual = median.value;
    return true;
  }
  if (median.kind == Kind::kTopCoded) {
    out->annual = top_code_;
    out->top_coded = true;
    return true;
  }
  if (r.hourly.kind == Kind::kValue) {
    out->annual = r.hourly.value * kHoursPerYear;
    out->from_hourly = true;
    return true;
  }
  if (r.hourly.kind == Kind::kTopCoded && top_code_ > 0) {
    out->annual = top_code_;
    out->top_coded = true;
    out->from_hourly = true;
    return true;
  }
  return false;
}

StatusOr<OccupationPay> OewsWages::PayFor(std::string_view soc) const {
  if (!IsSocCode(soc))
    return Status::InvalidArgument("'" + std::string(soc) + "' is not a SOC code; expected the form 15-1252");
  const std::string s(soc);
  // detailed, broad, minor, major: the SOC hierarchy is encoded in trailing zeros.
  std::vector<std::string> chain = {s, s.substr(0, 6) + "0", s.substr(0, 5) + "00", s.substr(0, 3) + "0000"};
  std::string tried;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (i > 0 && chain[i] == chain[i - 1]) continue;
    tried += (tried.empty() ? "" : ", ") + chain[i];
    auto it = rows_.find(chain[i]);
    if (it == rows_.end()) continue;
    OccupationPay pay;
    if (!RowPay(it->second, &pay)) continue;
    pay.soc = chain[i];
    pay.title = it->second.title;
    pay.broader = chain[i] != s;
    return pay;
  }
  return Status::NotFound("no OEWS wage for SOC " + s + " or its broader groups (tried " + tried + ")");
}

std::optional<AnnualPercentiles> OewsWages::Percentiles(std::string_view soc) const {
  auto it = rows_.find(soc);
  if (it == rows_.end()) return std::nullopt;
  AnnualPercentiles out;
  for (std::size_t k = 0; k < out.wage.size(); ++k) {
    const Wage& w = it->second.annual[k];
    PublishedWage& p = out.wage[k];
    if (w.kind == Kind::kValue) {
      p.mark = PublishedWage::Mark::kValue;
      p.value = w.value;
    } else if (w.kind == Kind::kTopCoded) {
      p.mark = PublishedWage::Mark::kTopCoded;
      if (top_code_ > 0) p.value = top_code_;
    }
  }
  return out;
}

std::string OewsWages::MajorGroupTitle(std::string_view major) const {
  auto it = rows_.find(std::string(major) + "-0000");
  if (it == rows_.end()) return "";
  std::string title = it->second.title;
  constexpr std::string_view kSuffix = " Occupations";
  if (title.size() > kSuffix.size() && title.compare(title.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0)
    title.resize(title.size() - kSuffix.size());
  return title;
}

}  // namespace careergraph::io
