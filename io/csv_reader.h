// CSV / TSV ladders: a positions file and a transitions file, recognised by their header.
//
// Parsing follows RFC 4180 for either delimiter: a field may be quoted with '"', a quoted
// field may hold the delimiter, newlines and doubled quotes (""); CRLF and LF both end a
// record; a UTF-8 byte-order mark and blank lines are skipped; unquoted fields are trimmed.
//
// Header names are matched case-insensitively in any order ('-' and ' ' read as '_'):
//   positions    id (required); title|name (default: the id); org|company|organization;
//                track; level; pay|annual_pay|salary; ambiguity; leadership|
//                leadership_proximity; tags (separated by ';'); description; level_label|label;
//                competency:ID, one column per competency of the profile (see csv_catalogue.h)
//   transitions  from|src|source, to|dst|target, years, probability|p|prob (required);
//                kind|type; provenance (default: the file's name)
// A file with from/to/years/probability columns is a transitions file, else one with an id
// column is a positions file. A tracks table and a competency catalogue table are recognised
// by their own headers (csv_catalogue.h). Optional numeric columns default to 0 when absent, but when
// present every value must be a number (malformed-number). An empty or absent kind is
// inferred from the endpoints once all positions are read (load.h).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "io/ladder_part.h"

namespace careergraph::io {

struct CsvRecord {
  unsigned line = 0;                 // 1-based line the record starts on
  std::vector<std::string> fields;
  std::vector<unsigned> field_lines;  // line each field starts on
};

struct CsvTable {
  std::vector<CsvRecord> records;  // the header is records[0]
  std::string error;               // non-empty when the text is not valid CSV
  unsigned error_line = 0;
};

// Reads records one at a time (a transitions file may have millions).
class CsvParser {
 public:
  CsvParser(std::string_view text, char delimiter);
  // The next record into `rec` (its strings are reused); false at the end or on an error.
  bool Next(CsvRecord* rec);
  const std::string& error() const { return error_; }
  unsigned error_line() const { return error_line_; }

 private:
  bool Fail(std::string message, unsigned line);

  std::string_view text_;
  char delim_;
  std::size_t pos_ = 0;
  unsigned line_ = 1;
  std::string error_;
  unsigned error_line_ = 0;
};

// The columns a header line names, as the rules above read it.
enum class CsvColumn {
  kId, kTitle, kOrg, kTrack, kLevel, kPay, kAmbiguity, kLeadership, kTags, kDescription, kLevelLabel,
  kPayBasis, kPayError, kPaySource,
  kFrom, kTo, kKind, kYears, kProbability, kProvenance, kCount
};

struct CsvHeader {
  std::array<int, static_cast<std::size_t>(CsvColumn::kCount)> at;  // field index, or -1
  std::vector<std::string> names;                                  // as written
  std::vector<std::string> ignored;  // why each unknown or repeated column is ignored
  bool transitions = false;          // a transitions table (else one with an id: positions)
  std::vector<CsvColumn> missing;    // required transition columns it lacks
  // Competency profile columns of a positions table, "competency:ID" (field index, ID as written).
  std::vector<std::pair<int, std::string>> profile;
  int column(CsvColumn c) const { return at[static_cast<std::size_t>(c)]; }
  bool Has(CsvColumn c) const { return column(c) >= 0; }
  bool positions() const { return !transitions && Has(CsvColumn::kId); }
  // Endpoints only (neither years nor probability): a list of pairs, not a transitions table.
  bool pair_list() const { return transitions && !Has(CsvColumn::kYears) && !Has(CsvColumn::kProbability); }
};

CsvHeader ReadCsvHeader(const std::vector<std::string>& fields);

// The canonical name of a column, as findings name the field.
const char* CsvFieldName(CsvColumn c);

// Appends the ';'-separated tags of a tags cell to `p`, trimmed, empty ones dropped. A tag
// holds a ';' written "\;" and a backslash before one written "\\" (CsvTagsCell writes them
// so); any other backslash is itself.
void AddCsvTags(std::string_view tags, v1::Position* p);
// The tags cell AddCsvTags reads back as `tags`.
std::string CsvTagsCell(const google::protobuf::RepeatedPtrField<std::string>& tags);

// All records at once (for small files and tests).
CsvTable ParseCsv(std::string_view text, char delimiter);

// Reads one file. `in_directory`: a file whose header fits neither role, or that lists
// from/to pairs with neither years nor probability, is skipped with a warning (skipped-file)
// instead of being an error (missing-column). An empty file is an error either way.
LadderPart ReadCsvLadder(std::string_view text, const std::string& file, char delimiter, bool in_directory);

}  // namespace careergraph::io
