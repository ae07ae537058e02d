#include "io/onet_tables.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "engine/position_index.h"
#include "io/atomic_file.h"
#include "io/number_parse.h"
#include "io/text_encoding.h"

namespace careergraph::io {

std::string TsvTable::NormaliseName(std::string_view name) {
  std::string s = ToLower(TrimBlanks(name));
  std::replace(s.begin(), s.end(), '-', '_');
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

bool TsvTable::IsBlank(std::string_view cell) {
  cell = TrimBlanks(cell);
  return cell.empty() || ToLower(cell) == "n/a";
}

StatusOr<TsvTable> TsvTable::Parse(std::string_view text, std::string file) {
  TsvTable t;
  t.file_ = std::move(file);
  if (auto bad = CheckUtf8Text(text)) return Status::InvalidData(bad->message).WithLocation(t.file_, bad->line);
  CsvTable parsed = ParseCsv(text, '\t');
  if (!parsed.error.empty()) return Status::InvalidData(parsed.error).WithLocation(t.file_, parsed.error_line);
  if (parsed.records.empty())
    return Status::InvalidData("empty file; expected a header line of tab-separated column names").WithLocation(t.file_, 1);
  t.records_ = std::move(parsed.records);
  const std::size_t width = t.records_[0].fields.size();
  for (const auto& h : t.records_[0].fields) t.normalised_.push_back(NormaliseName(h));
  for (std::size_t r = 1; r < t.records_.size(); ++r) {
    const CsvRecord& rec = t.records_[r];
    if (rec.fields.size() != width)
      return Status::InvalidData("row has " + std::to_string(rec.fields.size()) + " tab-separated fields but the header has " +
                                 std::to_string(width) + "; a tab is missing or extra in this row")
          .WithLocation(t.file_, rec.line);
  }
  return t;
}

StatusOr<TsvTable> TsvTable::Read(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return Parse(*bytes, path);
}

int TsvTable::Find(std::initializer_list<std::string_view> names) const {
  for (std::string_view n : names) {
    const std::string want = NormaliseName(n);
    auto it = std::find(normalised_.begin(), normalised_.end(), want);
    if (it != normalised_.end()) return static_cast<int>(it - normalised_.begin());
  }
  return -1;
}

StatusOr<int> TsvTable::Require(std::initializer_list<std::string_view> names) const {
  const int c = Find(names);
  if (c >= 0) return c;
  std::string wanted, found;
  for (std::string_view n : names) wanted += (wanted.empty() ? "'" : " or '") + std::string(n) + "'";
  for (const auto& h : header()) found += (found.empty() ? "" : ", ") + h;
  return Status::InvalidData("no " + wanted + " column; the header has: " + found +
                             " (is this the right file for the release?)")
      .WithLocation(file_, header_line())
      .WithField(std::string(*names.begin()));
}

Status TsvTable::Error(std::size_t row, int col, std::string message) const {
  return Status::InvalidData(std::move(message))
      .WithLocation(file_, line(row))
      .WithField(col >= 0 ? header()[static_cast<std::size_t>(col)] : "");
}

StatusOr<std::optional<double>> TsvTable::OptionalNumber(std::size_t row, int col) const {
  const std::string_view cell = Text(row, col);
  if (IsBlank(cell)) return std::optional<double>();
  double v = 0;
  if (!ParseDouble(cell, &v) || !std::isfinite(v))
    return Error(row, col, "'" + std::string(cell) + "' is not a number; expected a value like 4.25, or n/a");
  return std::optional<double>(v);
}

StatusOr<double> TsvTable::Number(std::size_t row, int col) const {
  auto v = OptionalNumber(row, col);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Error(row, col, "value is missing; this column needs a number on every row");
  return **v;
}

StatusOr<OnetScales> OnetScales::Find(const TsvTable& t, std::initializer_list<std::string_view> scales) {
  OnetScales s;
  for (std::string_view scale : scales) s.scales_.push_back(ToLower(scale));
  s.scale_col_ = t.Find({"Scale ID"});
  if (s.scale_col_ >= 0) {
    auto value = t.Require({"Data Value"});
    if (!value.ok()) return value.status();
    s.value_col_ = *value;
    return s;
  }
  bool any = false;
  for (std::string_view scale : scales) any |= t.Find({scale}) >= 0;
  if (!any) {
    std::string found;
    for (const auto& h : t.header()) found += (found.empty() ? "" : ", ") + h;
    return Status::InvalidData("no 'Scale ID' column (O*NET 29.x layout, with 'Data Value') and no '" +
                               std::string(*scales.begin()) + "' column (O*NET 30.x layout, a column per scale); the header has: " +
                               found)
        .WithLocation(t.file(), t.header_line())
        .WithField("Scale ID");
  }
  for (std::string_view scale : scales) {
    auto col = t.Require({scale});
    if (!col.ok()) return col.status();
    s.columns_.push_back(*col);
  }
  return s;
}

int OnetScales::Column(const TsvTable& t, std::size_t row, std::size_t k) const {
  if (!per_row()) return columns_[k];
  return ToLower(TrimBlanks(t.Text(row, scale_col_))) == scales_[k] ? value_col_ : -1;
}

std::string OnetScales::ScalesIn(const TsvTable& t) const {
  if (!per_row()) return "";
  std::set<std::string> seen;
  for (std::size_t r = 0; r < t.rows(); ++r) seen.emplace(TrimBlanks(t.Text(r, scale_col_)));
  std::string out;
  for (const auto& s : seen) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string FirstLineOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (in && std::getline(in, line)) {
    std::string_view t = TrimBlanks(line);
    if (t.substr(0, 3) == "\xEF\xBB\xBF") t = TrimBlanks(t.substr(3));
    if (!t.empty()) return std::string(t);
  }
  return "";
}

}  // namespace careergraph::io
