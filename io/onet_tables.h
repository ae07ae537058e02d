// Tab-separated tables read by header name, the way O*NET and the BLS publish them.
//
// Design choices:
//  - Columns are found by their header name, never by position: O*NET adds, drops and
//    reorders columns between releases, and Excel conversions drop some more. Names match
//    case-insensitively with ' ', '_' and '-' read alike, and a column may be asked for by
//    several spellings (O*NET's "O*NET-SOC 2010 Code" or a re-saved crosswalk's
//    "soc2010_code").
//  - The text is split by ParseCsv (io/csv_reader.h) with a tab delimiter: O*NET quotes a
//    field only when it holds a quote ("Content Model Reference.txt"), which is RFC 4180.
//  - A file is rejected as a whole at its first problem, with file:line and the column's
//    header as the field: a row with more or fewer fields than the header, a number that is
//    not one. An importer that skipped bad rows would ship a graph silently missing edges.
//  - "n/a" (O*NET's .txt files) and an empty cell (the Excel conversions) both mean "no
//    value"; only OptionalNumber accepts them.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"
#include "io/csv_reader.h"

namespace careergraph::io {

class TsvTable {
 public:
  // `file` is the name used in errors (the path as the user gave it).
  static StatusOr<TsvTable> Parse(std::string_view text, std::string file);
  static StatusOr<TsvTable> Read(const std::string& path);

  const std::string& file() const { return file_; }
  std::size_t rows() const { return records_.empty() ? 0 : records_.size() - 1; }
  unsigned line(std::size_t row) const { return records_[row + 1].line; }
  unsigned header_line() const { return records_.empty() ? 1 : records_[0].line; }
  const std::vector<std::string>& header() const { return records_[0].fields; }

  // The column with any of `names`, or -1.
  int Find(std::initializer_list<std::string_view> names) const;
  // The column with any of `names`, or INVALID_DATA at the header line listing the columns
  // the file has.
  StatusOr<int> Require(std::initializer_list<std::string_view> names) const;

  std::string_view Text(std::size_t row, int col) const { return records_[row + 1].fields[static_cast<std::size_t>(col)]; }
  // A number; an empty or "n/a" cell is an error too.
  StatusOr<double> Number(std::size_t row, int col) const;
  // nullopt for an empty or "n/a" cell; an error for any other text that is not a number.
  StatusOr<std::optional<double>> OptionalNumber(std::size_t row, int col) const;
  // INVALID_DATA at the row's line, naming the column.
  Status Error(std::size_t row, int col, std::string message) const;

  // Whether a cell means "no value".
  static bool IsBlank(std::string_view cell);
  // The form header names are compared in ("o*net_soc_code").
  static std::string NormaliseName(std::string_view name);

 private:
  std::string file_;
  std::vector<CsvRecord> records_;  // [0] is the header
  std::vector<std::string> normalised_;
};

// Where an O*NET descriptor table (Work Styles, Skills, Work Activities) keeps the values of
// the rating scales a reader wants, in either of the two layouts O*NET's releases come in:
//  - the O*NET 29.x text layout: a row per occupation, element and scale, the scale in
//    "Scale ID" and the value in "Data Value" (with "Recommend Suppress" and other columns);
//  - the O*NET 30.x layout: a row per occupation and element, a column per scale named by the
//    scale's id ("IM", "LV"), the layout the O*NET 30.0 work activities we import come in.
// Anything else is an error at the header line naming the file and the missing column.
class OnetScales {
 public:
  // `scales`: the scale ids wanted ("IM", "LV"); every one must have a column in the 30.x layout.
  static StatusOr<OnetScales> Find(const TsvTable& t, std::initializer_list<std::string_view> scales);

  bool per_row() const { return scale_col_ >= 0; }  // the 29.x layout
  // The column holding the value of scale `k` (the index into `scales`) on `row`, or -1 when
  // the row rates another scale (29.x layout).
  int Column(const TsvTable& t, std::size_t row, std::size_t k) const;
  // The distinct scale ids of the 29.x layout's rows, sorted ("DR, WI"); empty for 30.x.
  std::string ScalesIn(const TsvTable& t) const;

 private:
  std::vector<std::string> scales_;  // lower case
  int scale_col_ = -1, value_col_ = -1;
  std::vector<int> columns_;  // 30.x: a column per scale
};

// The first line of a text file beside the data that names its release, e.g. "O*NET 29.3
// Database" from O*NET's "Read Me.txt" or "May 2024 OEWS Estimates" from the BLS field
// descriptions; empty when the file is absent or empty.
std::string FirstLineOf(const std::string& path);

}  // namespace careergraph::io
