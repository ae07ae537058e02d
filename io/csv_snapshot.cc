#include "io/csv_snapshot.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/huge_pages.h"
#include "engine/pay_basis.h"
#include "engine/position_index.h"
#include "engine/thread_pool.h"
#include "io/binary_snapshot.h"
#include "io/csv_catalogue.h"
#include "io/csv_reader.h"
#include "io/ladder_part.h"
#include "io/load.h"
#include "io/number_parse.h"
#include "io/text_encoding.h"
#include "io/text_scan.h"

namespace careergraph::io {
namespace {

namespace fs = std::filesystem;
using enum CsvColumn;
using Fields = std::span<const std::string_view>;

// ---- Tables ----

// One table of the directory: its text, header and delimiter.
struct Table {
  std::string path;
  std::optional<MappedFile> file;  // the bytes, mapped (text views them)
  std::string_view text;
  char delimiter = ',';
  bool plain = false;  // see Scan
  CsvHeader header;
  std::size_t header_fields = 0;
};

// The fields of one record by column, as csv_reader.cc's RowReader reads them.
class Row {
 public:
  Row(Fields f, const CsvHeader& h) : f_(f), h_(h) {}
  std::string_view Text(CsvColumn c) const {
    const int i = h_.column(c);
    return i >= 0 && static_cast<std::size_t>(i) < f_.size() ? f_[static_cast<std::size_t>(i)] : std::string_view();
  }
  // An optional number: 0 when the column is absent; false when present but not a number.
  bool Number(CsvColumn c, double* out) const {
    *out = 0;
    return !h_.Has(c) || ParseDouble(Text(c), out);
  }
  // Pay, ambiguity or leadership: the column must be there (else the general path reports
  // it); an empty cell or "unknown" is an unknown value (`*known` false).
  bool Attribute(CsvColumn c, double* out, bool* known) const {
    *out = 0;
    *known = false;
    if (!h_.Has(c)) return false;
    const std::string_view s = Text(c);
    if (TrimBlanks(s).empty() || IsUnknownWord(s)) return true;
    *known = true;
    return ParseDouble(s, out);
  }
  bool Probability(double* out) const {
    *out = 0;
    return !h_.Has(kProbability) || ParseProbability(Text(kProbability), out);
  }
  bool Integer(CsvColumn c, int* out) const {
    *out = 0;
    return !h_.Has(c) || ParseInt(Text(c), out);
  }

 private:
  Fields f_;
  const CsvHeader& h_;
};

// The records of a plain table (no quote, no CR) after its header, as CsvParser reads them:
// a record is a line, its fields the text between delimiters with blanks trimmed; a line
// with no delimiter and only blanks is skipped. Delimiters and line ends are found eight
// bytes at a time. `f(fields)` returns false to stop; false also when a record has more
// fields than the header (malformed-row).
// `text` is the table's text or, when `header` is false, a part of its records that
// starts and ends at line ends (see SplitRecords).
template <typename F>
bool ForEachPlainRecord(const Table& t, std::string_view text, bool header, F&& f) {
  const char delim = t.delimiter;
  std::vector<std::string_view> fields;
  fields.reserve(t.header_fields + 1);
  const char* field_start = text.data();
  auto end_field = [&](const char* at) {
    fields.push_back(TrimBlanks(std::string_view(field_start, static_cast<std::size_t>(at - field_start))));
    field_start = at + 1;
  };
  auto end_record = [&]() -> bool {
    if (fields.size() == 1 && fields[0].empty()) {  // a blank line
      fields.clear();
      return true;
    }
    bool ok = true;
    if (header) header = false;  // read before, by CsvParser
    else ok = fields.size() <= t.header_fields && f(Fields(fields));
    fields.clear();
    return ok;
  };
  const char* p = text.data();
  const char* const end = p + text.size();
  for (; static_cast<std::size_t>(end - p) >= 8; p += 8) {
    for (std::uint64_t m = BytesEqual(Load8(p), delim) | BytesEqual(Load8(p), '\n'); m != 0; m &= m - 1) {
      const char* at = p + (__builtin_ctzll(m) >> 3);
      end_field(at);
      if (*at == '\n' && !end_record()) return false;
    }
  }
  for (; p < end; ++p) {
    if (*p != delim && *p != '\n') continue;
    end_field(p);
    if (*p == '\n' && !end_record()) return false;
  }
  if (field_start < end || !fields.empty()) {  // the last line has no line end
    end_field(end);
    if (!end_record()) return false;
  }
  return true;
}

// Reads a table's records after its header; false on anything the general path reports.
template <typename F>
bool ForEachRecord(const Table& t, F&& f) {
  if (t.plain)
    return ForEachPlainRecord(t, StripUtf8Bom(t.text), true, [&](Fields fields) { return f(Row(fields, t.header)); });
  CsvParser parser(t.text, t.delimiter);
  CsvRecord r;
  std::vector<std::string_view> fields;
  if (!parser.Next(&r)) return false;  // the header, read before
  while (parser.Next(&r)) {
    if (r.fields.size() > t.header_fields) return false;  // malformed-row
    fields.assign(r.fields.begin(), r.fields.end());
    if (!f(Row(fields, t.header))) return false;
  }
  return parser.error().empty();
}

// `s` as a decimal number the way a program writes one: 1 to 9 digits, no sign, no
// leading zero (so no two such strings name the same number).
inline bool CanonicalDecimal(std::string_view s, std::uint32_t* out) {
  if (s.empty() || s.size() > 9 || (s[0] == '0' && s.size() > 1)) return false;
  std::uint32_t v = 0;
  for (char c : s) {
    const unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

// What CanonicalDecimal reads no id as (it reads at most 999,999,999).
constexpr std::uint32_t kNotANumber = ~std::uint32_t{0};

// The fields of the one-pass line readers (PositionLines, MoveLines), at `p` before `end`.
//
// A text field: up to `delimiter` or the line's end, blanks trimmed, into `text`; returns
// the place past it.
const char* TextField(const char* p, const char* end, char delimiter, std::string_view* text) {
  const char* q = p;
  while (q < end && *q != delimiter && *q != '\n') ++q;
  *text = TrimBlanks(std::string_view(p, static_cast<std::size_t>(q - p)));
  return q;
}

// Steps `p` past the end of field `i` of a line of `n` fields: a delimiter, or after the
// last the line's end (or the text's, for a last line without one). False when the field
// does not end there (a field more or less than the header has, or more in the field).
bool EndOfField(const char*& p, const char* end, char delimiter, std::size_t i, std::size_t n) {
  if (p == end) return i + 1 == n;
  return *p++ == (i + 1 < n ? delimiter : '\n');
}

// The numbers the one-pass line readers (PositionLines, MoveLines) take at `p`, before
// `end`; each returns the place past the number, or nullptr for anything else.
//
// CanonicalDecimal's numbers: 1 to 9 digits, no leading zero.
const char* TightEndpoint(const char* p, const char* end, std::uint32_t* out) {
  const char* const start = p;
  std::uint32_t v = 0;
  for (unsigned d; p < end && (d = static_cast<unsigned char>(*p) - '0') <= 9; ++p) v = v * 10 + d;
  const std::size_t digits = static_cast<std::size_t>(p - start);
  if (digits == 0 || digits > 9 || (*start == '0' && digits > 1)) return nullptr;
  *out = v;
  return p;
}

// A number field that starts with a digit, as ParseDouble reads it when it has no blank and
// no sign: ParsePlainDecimal's numbers (at most 15 digits, '.' inside) straight from the
// digits; anything else up to the field's end (`delimiter` or the line's end), such as the
// 17 digits of a shortest round-trip double ("0.9128000000000001") or an exponent, by
// from_chars, which must take the field whole. Past the field, or nullptr.
const char* TightDecimal(const char* p, const char* end, char delimiter, double* out) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char* const start = p;
  if (p == end || static_cast<unsigned>(static_cast<unsigned char>(*p) - '0') > 9) return nullptr;
  std::uint64_t digits = 0;
  for (unsigned d; p < end && (d = static_cast<unsigned char>(*p) - '0') <= 9; ++p) digits = digits * 10 + d;
  const std::size_t whole = static_cast<std::size_t>(p - start);
  std::size_t fraction = 0;
  if (p < end && *p == '.') {
    const char* const point = ++p;
    for (unsigned d; p < end && (d = static_cast<unsigned char>(*p) - '0') <= 9; ++p) digits = digits * 10 + d;
    fraction = static_cast<std::size_t>(p - point);
  }
  if (fraction > 0 && whole + fraction <= 15 && (p == end || *p == delimiter || *p == '\n')) {
    *out = static_cast<double>(digits) / kPow10[fraction];
    return p;
  }
  if (fraction == 0 && p[-1] != '.' && whole <= 15 && (p == end || *p == delimiter || *p == '\n')) {
    *out = static_cast<double>(digits);
    return p;
  }
  const char* field_end = p;
  while (field_end < end && *field_end != delimiter && *field_end != '\n') ++field_end;
  const auto r = std::from_chars(start, field_end, *out);
  return r.ec == std::errc() && r.ptr == field_end ? field_end : nullptr;
}

// The plain table's text up to its records, and its records cut at line ends into runs
// of about `bytes` each.
std::pair<std::string_view, std::vector<std::string_view>> CutRecords(const Table& t, std::size_t bytes) {
  std::string_view text = StripUtf8Bom(t.text);
  // The header is the first line that is not blank (CsvParser skips blank lines; the
  // caller read one, so there is such a line).
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.find(t.delimiter) != std::string_view::npos || !TrimBlanks(line).empty()) break;
  }
  const std::string_view head = t.text.substr(0, t.text.size() - text.size());
  std::vector<std::string_view> cuts;
  while (!text.empty()) {
    std::size_t cut = bytes < text.size() ? text.find('\n', bytes) : std::string_view::npos;
    cut = cut == std::string_view::npos ? text.size() : cut + 1;
    cuts.push_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
  return {head, cuts};
}

// Reads the records in `text` (a part of plain table `t` that starts and ends at line
// ends) a line at a time: `take(p, end)` reads the line at `p` in one pass and returns the
// place past it, or nullptr when it does not take the line; then ForEachPlainRecord reads
// it and gives its fields to `record`. False when `record` returns false.
template <typename Take, typename Record>
bool ForEachLine(const Table& t, std::string_view text, Take&& take, Record&& record) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    if (const char* next = take(p, end)) {
      p = next;
      continue;
    }
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* const line_end = nl ? nl + 1 : end;
    if (!ForEachPlainRecord(t, std::string_view(p, static_cast<std::size_t>(line_end - p)), false, record))
      return false;
    p = line_end;
  }
  return true;
}

// The cells of a positions row that every ladder has, as read (text trimmed).
struct PositionCells {
  std::string_view id, title, org, track;
  int level = 0;
  double pay = 0, ambiguity = 0, leadership = 0;
  bool has_pay = false, has_ambiguity = false, has_leadership = false;
};

// Appends the position `c` gives to `out`, and to `numbers` its id as CanonicalDecimal
// reads it (kNotANumber when it does not); nullptr when its id is empty (missing-value).
v1::Position* AddPosition(const PositionCells& c, PositionList* out, std::vector<std::uint32_t>* numbers) {
  if (c.id.empty()) return nullptr;
  v1::Position& p = out->emplace_back();
  p.set_id(std::string(c.id));
  std::uint32_t number = kNotANumber;
  CanonicalDecimal(c.id, &number);
  numbers->push_back(number);
  p.set_title(c.title.empty() ? p.id() : std::string(c.title));
  p.set_org(std::string(c.org));
  p.set_track(std::string(c.track));
  p.set_level(c.level);
  if (c.has_pay) p.set_annual_pay(c.pay);
  if (c.has_ambiguity) p.set_ambiguity(c.ambiguity);
  if (c.has_leadership) p.set_leadership(c.leadership);
  return &p;
}

// The rows of a plain positions table with only the common columns (id, title, org,
// track, level, pay, ambiguity, leadership, and any the reader ignores), read in one pass
// over each line as MoveLines reads moves. A line it does not take whole is read by the
// general rules.
class PositionLines {
 public:
  static std::optional<PositionLines> Of(const Table& t) {
    const CsvHeader& h = t.header;
    for (CsvColumn c : {kTags, kDescription, kLevelLabel, kPayBasis, kPayError, kPaySource})
      if (h.Has(c)) return std::nullopt;
    // Without a pay, ambiguity or leadership column the general path reports it.
    if (!h.Has(kId) || !h.Has(kPay) || !h.Has(kAmbiguity) || !h.Has(kLeadership)) return std::nullopt;
    PositionLines lines;
    lines.delimiter_ = t.delimiter;
    lines.roles_.assign(t.header_fields, kOther);
    for (CsvColumn c : {kId, kTitle, kOrg, kTrack, kLevel, kPay, kAmbiguity, kLeadership})
      if (const int at = h.column(c); at >= 0 && static_cast<std::size_t>(at) < t.header_fields)
        lines.roles_[static_cast<std::size_t>(at)] = c;
    return lines;
  }

  // Reads the line at `p` (before `end`) into `c`: past its line end, or nullptr when the
  // line is not one it takes.
  const char* Read(const char* p, const char* end, PositionCells* c) const {
    const std::size_t n = roles_.size();
    for (std::size_t i = 0; i < n; ++i) {
      const char stop = i + 1 < n ? delimiter_ : '\n';
      switch (roles_[i]) {
        case kLevel: {
          double level = 0;
          if (!(p = TightDecimal(p, end, delimiter_, &level)) || level > 2147483647.0) return nullptr;
          if (level != std::floor(level)) return nullptr;  // ParseInt's malformed-number
          c->level = static_cast<int>(level);
          break;
        }
        case kPay:
          if (!(p = Attribute(p, end, stop, &c->pay, &c->has_pay))) return nullptr;
          break;
        case kAmbiguity:
          if (!(p = Attribute(p, end, stop, &c->ambiguity, &c->has_ambiguity))) return nullptr;
          break;
        case kLeadership:
          if (!(p = Attribute(p, end, stop, &c->leadership, &c->has_leadership))) return nullptr;
          break;
        default: {
          std::string_view text;
          p = TextField(p, end, delimiter_, &text);
          if (roles_[i] == kId) c->id = text;
          else if (roles_[i] == kTitle) c->title = text;
          else if (roles_[i] == kOrg) c->org = text;
          else if (roles_[i] == kTrack) c->track = text;
          break;
        }
      }
      if (!EndOfField(p, end, delimiter_, i, n)) return nullptr;
    }
    return p;
  }

 private:
  // An attribute cell: empty (unknown) or a tight decimal. Past it, or nullptr.
  static const char* Attribute(const char* p, const char* end, char stop, double* value, bool* known) {
    *value = 0;
    *known = p < end && *p != stop;
    return *known ? TightDecimal(p, end, stop, value) : p;
  }

  static constexpr CsvColumn kOther = CsvColumn::kCount;
  char delimiter_ = ',';
  std::vector<CsvColumn> roles_;  // by field: the column it holds, kOther for one not read
};

// Appends the positions of table `t` to `out`, and to `numbers` each one's id as
// CanonicalDecimal reads it (kNotANumber when it does not), read while the id is at hand.
bool ReadPositions(const Table& t, PositionList* out, std::vector<std::uint32_t>* numbers) {
  // Room for a generous guess of the rows (a row of the peers' nodes.tsv is 56 bytes).
  out->reserve(out->size() + t.text.size() / 40);
  auto record = [&](const Row& row) {
    PositionCells c;
    c.id = row.Text(kId);
    c.title = row.Text(kTitle);
    c.org = row.Text(kOrg);
    c.track = row.Text(kTrack);
    if (!row.Integer(kLevel, &c.level) || !row.Attribute(kPay, &c.pay, &c.has_pay) ||
        !row.Attribute(kAmbiguity, &c.ambiguity, &c.has_ambiguity) ||
        !row.Attribute(kLeadership, &c.leadership, &c.has_leadership))
      return false;  // malformed-number or missing-column
    v1::Position* const p = AddPosition(c, out, numbers);
    if (p == nullptr) return false;  // missing-value
    AddCsvTags(row.Text(kTags), p);
    // Empty strings are proto3's default: setting one would only allocate.
    if (const std::string_view d = row.Text(kDescription); !d.empty()) p->set_description(std::string(d));
    if (const std::string_view l = row.Text(kLevelLabel); !l.empty()) p->set_level_label(std::string(l));
    if (const std::string_view b = TrimBlanks(row.Text(kPayBasis)); !b.empty()) {
      v1::PayBasis basis{};
      if (!ParsePayBasis(b, &basis)) return false;  // bad-pay-basis
      p->set_pay_basis(basis);
    }
    if (const std::string_view e = row.Text(kPayError); !TrimBlanks(e).empty()) {
      double v = 0;
      if (!ParseDouble(e, &v)) return false;  // malformed-number
      p->set_pay_error(v);
    }
    if (const std::string_view s = row.Text(kPaySource); !s.empty()) p->set_pay_source(std::string(s));
    return true;
  };
  const std::optional<PositionLines> lines = t.plain ? PositionLines::Of(t) : std::nullopt;
  if (!lines) return ForEachRecord(t, record);
  // A line with an empty id is left to the general rules, which stop there.
  auto take = [&](const char* p, const char* end) -> const char* {
    PositionCells c;
    const char* const next = lines->Read(p, end, &c);
    return next != nullptr && AddPosition(c, out, numbers) != nullptr ? next : nullptr;
  };
  const auto [head, records] = CutRecords(t, std::string_view::npos);
  for (const std::string_view text : records)
    if (!ForEachLine(t, text, take, [&](Fields fields) { return record(Row(fields, t.header)); })) return false;
  return true;
}

// ---- Endpoints ----

// Ids that are all canonical decimals, not too sparse (the peers' graphs and any ladder
// exported from a database number their positions): an endpoint is then found by its
// number in a flat array instead of hashing and comparing strings. Equality of ids is
// equality of numbers exactly because every id is canonical: an endpoint that is not
// canonical ("007", "7.0") equals no id and is unknown, as the general path finds it.
class DecimalIds {
 public:
  // The positions' ids as ReadPositions read them. Nothing when an id is not canonical,
  // the numbers are sparse, or an id repeats (Build then reports it, through the hash
  // lookups).
  static std::optional<DecimalIds> Make(const std::vector<std::uint32_t>& numbers) {
    DecimalIds ids;
    std::uint32_t max = 0;
    for (std::uint32_t v : numbers) {
      if (v == kNotANumber) return std::nullopt;
      max = std::max(max, v);
    }
    if (max > 4 * numbers.size() + 1024) return std::nullopt;  // a few bytes per id at most
    ids.index_.assign(std::size_t{max} + 1, PositionIndex::kNotFound);
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      if (ids.index_[numbers[i]] != PositionIndex::kNotFound) return std::nullopt;
      ids.index_[numbers[i]] = static_cast<std::uint32_t>(i);
    }
    return ids;
  }

  std::uint32_t Find(std::string_view id) const {
    std::uint32_t v;
    return CanonicalDecimal(id, &v) ? Find(v) : PositionIndex::kNotFound;
  }
  std::uint32_t Find(std::uint32_t number) const {
    return number < index_.size() ? index_[number] : PositionIndex::kNotFound;
  }

 private:
  std::vector<std::uint32_t> index_;  // by number: the position, or kNotFound
};

// Finds the endpoints `ends` (from, to of each row in turn) by number when `numbers` is
// given, else by hashing in `index` (PositionIndex::FindIds, so the random reads of many
// lookups overlap), into `found`, and writes them into rows [base, base + ends.size() / 2)
// of `out`; false when one names no position.
bool FindEndpoints(std::span<const std::string_view> ends, const PositionIndex* index, const DecimalIds* numbers,
                   std::vector<std::uint32_t>& found, std::size_t base, TransitionColumns* out) {
  found.resize(ends.size());
  if (numbers) {
    for (std::size_t k = 0; k < ends.size(); ++k) found[k] = numbers->Find(ends[k]);
  } else {
    index->FindIds(ends, found);
  }
  for (std::size_t i = 0; 2 * i < ends.size(); ++i) {
    const std::uint32_t from = found[2 * i], to = found[2 * i + 1];
    if (from == PositionIndex::kNotFound || to == PositionIndex::kNotFound) return false;  // unknown position
    out->from[base + i] = from;
    out->to[base + i] = to;
  }
  return true;
}

// Endpoints of rows appended to `out`, resolved one row at a time by number, or a batch of
// rows at a time by hashing (PositionIndex::FindIds, so the random reads of many lookups
// overlap); kinds left empty are inferred once both ends are known.
class Endpoints {
 public:
  static constexpr std::size_t kRows = 4096;

  Endpoints(const PositionList& positions, const PositionIndex* index, const DecimalIds* numbers,
            TransitionColumns* out)
      : positions_(positions), index_(index), numbers_(numbers), out_(out) {}

  // Row out->size() - 1 (its other columns already appended) goes from `from` to `to`;
  // `infer` when its kind is to be inferred from them. False when an id is unknown.
  bool Add(std::string_view from, std::string_view to, bool infer) {
    if (numbers_) return AddNumbers(numbers_->Find(from), numbers_->Find(to), infer);
    ends_.push_back({arena_.size(), from.size()});
    arena_.append(from);
    ends_.push_back({arena_.size(), to.size()});
    arena_.append(to);
    infer_.push_back(infer);
    return ends_.size() < 2 * kRows || Flush();
  }

  // As Add, with numbered positions, given the positions `from` and `to` found by number
  // (PositionIndex::kNotFound for an unknown one).
  bool AddNumbers(std::uint32_t from, std::uint32_t to, bool infer) {
    if (from == PositionIndex::kNotFound || to == PositionIndex::kNotFound) return false;  // unknown position
    out_->from.back() = from;
    out_->to.back() = to;
    if (infer) out_->kind.back() = static_cast<std::uint8_t>(InferKind(positions_[from], positions_[to]));
    return true;
  }
  const DecimalIds* numbers() const { return numbers_; }

  // Resolves the pending rows; false when an id is unknown.
  bool Flush() {
    if (numbers_) return true;
    const std::size_t rows = infer_.size(), base = out_->size() - rows;
    views_.clear();
    for (const auto& [offset, size] : ends_) views_.emplace_back(arena_.data() + offset, size);
    if (!FindEndpoints(views_, index_, nullptr, found_, base, out_)) return false;
    for (std::size_t i = 0; i < rows; ++i)
      if (infer_[i])
        out_->kind[base + i] =
            static_cast<std::uint8_t>(InferKind(positions_[out_->from[base + i]], positions_[out_->to[base + i]]));
    arena_.clear();
    ends_.clear();
    infer_.clear();
    return true;
  }

 private:
  const PositionList& positions_;
  const PositionIndex* index_;
  const DecimalIds* numbers_;
  TransitionColumns* out_;
  std::string arena_;                                      // the batch's ids, back to back
  std::vector<std::pair<std::size_t, std::size_t>> ends_;  // (offset, size) of from, to per row
  std::vector<bool> infer_;
  std::vector<std::string_view> views_;
  std::vector<std::uint32_t> found_;
};

// The kinds a file spells, as read: files repeat a few spellings (often in turn, as the
// peers' promotion / lateral / external), so each is parsed once.
class KindSpellings {
 public:
  // False when `text` is not a kind (bad-kind).
  bool Parse(std::string_view text, std::uint8_t* kind) {
    // Spellings of up to 16 bytes are compared as two words, the last one matched first.
    if (text.size() <= 16) {
      const Key key = KeyOf(text);
      if (last_ < seen_.size() && seen_[last_].key == key) return *kind = seen_[last_].kind, true;
      for (std::size_t i = 0; i < seen_.size(); ++i)
        if (seen_[i].key == key) return last_ = i, *kind = seen_[i].kind, true;
    }
    v1::TransitionKind k;
    if (!ParseTransitionKind(text, &k)) return false;
    *kind = static_cast<std::uint8_t>(k);
    if (text.size() <= 16 && seen_.size() < 16) seen_.push_back({KeyOf(text), *kind});
    return true;
  }

 private:
  // A spelling of at most 16 bytes, zero-padded, and its length.
  struct Key {
    std::uint64_t word[2] = {0, 0};
    std::size_t size = 0;
    bool operator==(const Key&) const = default;
  };
  static Key KeyOf(std::string_view text) {
    Key key;
    for (std::size_t i = 0; i < text.size(); ++i)  // a loop, not a call to memcpy
      key.word[i >> 3] |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * (i & 7));
    key.size = text.size();
    return key;
  }
  struct Seen {
    Key key;
    std::uint8_t kind;
  };
  std::vector<Seen> seen_;
  std::size_t last_ = 0;
};

using ProvenanceIds = std::unordered_map<std::string, std::uint32_t>;

// About one transition per 30 bytes (the peers' rows are 33): reserving for that spares
// the columns most of their regrowth.
constexpr std::size_t kBytesPerMove = 30;

// Calls `f(column)` for each per-move column of `out` (every one but the provenance strings).
template <typename F>
void ForEachMoveColumn(TransitionColumns* out, F&& f) {
  f(out->from);
  f(out->to);
  f(out->kind);
  f(out->years);
  f(out->probability);
  f(out->provenance);
}

// Room for `rows` moves in every column of `out` (a column never shrinks).
void ReserveMoves(TransitionColumns* out, std::size_t rows) {
  ForEachMoveColumn(out, [&](auto& column) { column.reserve(rows); });
}

// The values of one move as its row gives them; the provenance as an id into `strings`
// (by `ids`), where a row without one has the file's name.
struct Move {
  double years = 0, probability = 0;
  std::uint8_t kind = 0;
  bool infer = false;  // no kind given: inferred from the endpoints once they are known
  std::uint32_t provenance = 0;
  std::string_view from, to;
};

class MoveParser {
 public:
  MoveParser(const Table& t, ProvenanceIds* ids, std::vector<std::string>* strings)
      : file_name_(fs::path(t.path).filename().string()), ids_(ids), strings_(strings) {}

  // False on anything the general path reports (malformed-number, bad-kind).
  bool Parse(const Row& row, Move* m) {
    if (!row.Number(kYears, &m->years) || !row.Probability(&m->probability) || !Kind(row.Text(kKind), m))
      return false;
    m->provenance = Provenance(row.Text(kProvenance));
    m->from = row.Text(kFrom);
    m->to = row.Text(kTo);
    return true;
  }

  // The kind a row's (trimmed) kind cell gives: none (inferred) when empty. False when it
  // is not a kind (bad-kind).
  bool Kind(std::string_view text, Move* m) {
    m->kind = 0;
    m->infer = text.empty();
    return m->infer || kinds_.Parse(text, &m->kind);
  }

  // The id of a row's (trimmed) provenance cell; the file's name when it is empty.
  std::uint32_t Provenance(std::string_view provenance) {
    if (provenance.empty()) {
      if (!file_name_id_) file_name_id_ = Intern(file_name_);
      return *file_name_id_;
    }
    return Intern(provenance);
  }

 private:
  std::uint32_t Intern(std::string_view provenance) {
    // Most files give one provenance (or none: the file's name); the last is kept to skip
    // hashing it again.
    if (provenance != last_provenance_ || last_provenance_id_ == 0) {
      last_provenance_.assign(provenance);
      auto [it, inserted] = ids_->emplace(last_provenance_, static_cast<std::uint32_t>(strings_->size()));
      if (inserted) strings_->push_back(last_provenance_);
      last_provenance_id_ = it->second;
    }
    return last_provenance_id_;
  }

  std::string file_name_;
  ProvenanceIds* ids_;
  std::vector<std::string>* strings_;
  KindSpellings kinds_;
  std::string last_provenance_;
  std::uint32_t last_provenance_id_ = 0;
  std::optional<std::uint32_t> file_name_id_;  // once a row without a provenance is met
};

// The records of a plain moves table as they nearly always are, read in one pass over each
// line: every field in the header's order, each parsed as its column wants it while it is
// found (endpoints as canonical numbers, years and probability as TightDecimal reads them,
// the kind and provenance as text), with no list of fields in between. A line it does not
// take whole (a blank or a sign around a number, a percent, a missing or extra field, a
// blank line) is read by ForEachPlainRecord instead, so the rows are the same either way: what it
// takes is a subset of what the general rules read, and read to the same values.
class MoveLines {
 public:
  // The layout of table `t`; nothing when it has no years or no probability column (the
  // rows then read zeros, which the general rules give).
  static std::optional<MoveLines> Of(const Table& t) {
    if (!t.header.Has(kFrom) || !t.header.Has(kTo) || !t.header.Has(kYears) || !t.header.Has(kProbability))
      return std::nullopt;
    MoveLines lines;
    lines.delimiter_ = t.delimiter;
    lines.roles_.assign(t.header_fields, Role::kOther);
    for (auto [column, role] : {std::pair{kFrom, Role::kFrom}, {kTo, Role::kTo}, {kYears, Role::kYears},
                                {kProbability, Role::kProbability}, {kKind, Role::kKind},
                                {kProvenance, Role::kProvenance}})
      if (const int at = t.header.column(column); at >= 0 && static_cast<std::size_t>(at) < t.header_fields)
        lines.roles_[static_cast<std::size_t>(at)] = role;
    using enum Role;
    lines.fixed_ = lines.roles_ == std::vector<Role>{kFrom, kTo, kYears, kProbability, kKind};
    return lines;
  }

  // Reads the line at `p` (before `end`) into `m`, its endpoints as numbers into `from` and
  // `to` or, when those are null, as text into m->from and m->to: past its line end, or
  // nullptr when the line is not one it takes.
  const char* Read(const char* p, const char* end, MoveParser* parser, Move* m, std::uint32_t* from,
                   std::uint32_t* to) const {
    if (fixed_) return ReadFixed(p, end, parser, m, from, to);
    std::string_view kind, provenance;
    const std::size_t n = roles_.size();
    for (std::size_t i = 0; i < n; ++i) {
      switch (roles_[i]) {
        case Role::kFrom:
          if (!(p = Endpoint(p, end, from, &m->from))) return nullptr;
          break;
        case Role::kTo:
          if (!(p = Endpoint(p, end, to, &m->to))) return nullptr;
          break;
        case Role::kYears:
          if (!(p = TightDecimal(p, end, delimiter_, &m->years))) return nullptr;
          break;
        case Role::kProbability:
          if (!(p = TightDecimal(p, end, delimiter_, &m->probability))) return nullptr;
          break;
        case Role::kKind:
        case Role::kProvenance:
        case Role::kOther: {
          std::string_view text;
          p = TextField(p, end, delimiter_, &text);
          if (roles_[i] == Role::kKind) kind = text;
          if (roles_[i] == Role::kProvenance) provenance = text;
          break;
        }
      }
      if (!EndOfField(p, end, delimiter_, i, n)) return nullptr;
    }
    if (!parser->Kind(kind, m)) return nullptr;
    m->provenance = parser->Provenance(provenance);
    return p;
  }

 private:
  enum class Role : std::uint8_t { kOther, kFrom, kTo, kYears, kProbability, kKind, kProvenance };

  // Read for the layout most tables have (the peers' among them): from, to, years,
  // probability, kind, in that order, in straight-line code.
  const char* ReadFixed(const char* p, const char* end, MoveParser* parser, Move* m, std::uint32_t* from,
                        std::uint32_t* to) const {
    auto delimiter = [&] { return p != nullptr && p < end && *p++ == delimiter_; };
    p = Endpoint(p, end, from, &m->from);
    if (!delimiter()) return nullptr;
    p = Endpoint(p, end, to, &m->to);
    if (!delimiter()) return nullptr;
    p = TightDecimal(p, end, delimiter_, &m->years);
    if (!delimiter()) return nullptr;
    p = TightDecimal(p, end, delimiter_, &m->probability);
    if (!delimiter()) return nullptr;
    std::string_view kind;
    p = TextField(p, end, delimiter_, &kind);
    if (!EndOfField(p, end, delimiter_, 4, 5) || !parser->Kind(kind, m)) return nullptr;
    m->provenance = parser->Provenance({});
    return p;
  }

  // An endpoint: a canonical number into `number`, or, when that is null, the field's
  // trimmed text into `text`.
  const char* Endpoint(const char* p, const char* end, std::uint32_t* number, std::string_view* text) const {
    return number != nullptr ? TightEndpoint(p, end, number) : TextField(p, end, delimiter_, text);
  }

  char delimiter_ = ',';
  std::vector<Role> roles_;
  bool fixed_ = false;  // roles_ are from, to, years, probability, kind
};

// Appends the moves of table `t` to `out`, their endpoints resolved by `ends`. A plain
// table is read a line at a time by MoveLines.
bool ReadMoves(const Table& t, TransitionColumns* out, ProvenanceIds* provenance_ids, Endpoints* ends) {
  MoveParser parser(t, provenance_ids, &out->provenance_strings);
  ReserveMoves(out, out->size() + t.text.size() / kBytesPerMove);
  auto append = [&](const Move& m) {
    out->from.push_back(PositionIndex::kNotFound);
    out->to.push_back(PositionIndex::kNotFound);
    out->kind.push_back(m.kind);
    out->years.push_back(m.years);
    out->probability.push_back(m.probability);
    out->provenance.push_back(m.provenance);
  };
  // Endpoints found by hashing are resolved a batch of rows at a time; a batch with an
  // unknown one ends the read (the general path then reports it).
  bool unknown = false;
  auto record = [&](const Row& row) {
    Move m;
    if (unknown || !parser.Parse(row, &m)) return false;
    append(m);
    return ends->Add(m.from, m.to, m.infer);
  };
  const std::optional<MoveLines> lines = t.plain ? MoveLines::Of(t) : std::nullopt;
  if (!lines) return ForEachRecord(t, record);
  const DecimalIds* const numbers = ends->numbers();
  // By number, a line with an unknown endpoint is left to the general rules, which stop there.
  auto take = [&](const char* p, const char* end) -> const char* {
    Move m;
    std::uint32_t from = 0, to = 0;
    const char* const next =
        unknown ? nullptr : lines->Read(p, end, &parser, &m, numbers ? &from : nullptr, numbers ? &to : nullptr);
    if (next == nullptr) return nullptr;
    if (numbers == nullptr) {
      append(m);
      unknown = !ends->Add(m.from, m.to, m.infer);
      return next;
    }
    from = numbers->Find(from);
    to = numbers->Find(to);
    if (from == PositionIndex::kNotFound || to == PositionIndex::kNotFound) return nullptr;
    append(m);
    return ends->AddNumbers(from, to, m.infer) ? next : nullptr;
  };
  const auto [head, records] = CutRecords(t, std::string_view::npos);
  for (const std::string_view text : records)
    if (!ForEachLine(t, text, take, [&](Fields fields) { return record(Row(fields, t.header)); })) return false;
  return !unknown;
}

// Every move of the tables with endpoints resolved as they are read (by number or by
// hashing, Endpoints).
bool ReadTransitions(const std::vector<Table>& tables, const PositionList& positions,
                     const PositionIndex* index, const DecimalIds* numbers, TransitionColumns* out) {
  ProvenanceIds provenance_ids = {{"", 0}};
  out->provenance_strings.assign(1, "");
  for (const auto& t : tables) {
    Endpoints endpoints(positions, index, numbers, out);
    if (!ReadMoves(t, out, &provenance_ids, &endpoints) || !endpoints.Flush()) return false;
  }
  return true;
}

// ---- Large moves tables, read in chunks on two threads ----

// Below this many bytes of moves a second thread costs more than it saves. Measured in
// fresh processes (12 rounds each): 21 KB of moves 0.5 ms on one thread, 0.6 on two; 43 KB
// 1.0-1.1 either way; 88 KB 1.2-1.3 against 1.0; the peers' 1k graph (330 KB) 1.9 against
// 1.4-1.5.
constexpr std::size_t kParallelBytes = std::size_t{64} << 10;

// Whether a second core is there. Chunks are taken as threads come to them, so a second
// thread that waits for a core only takes fewer: measured on two cores shared with one and
// with two busy processes, two threads were as fast as one or faster (1.0-1.5x), and 1.6-2x
// faster on idle cores. (When the table was cut into two fixed shares, one thread was
// faster on a busy machine and the load average chose.)
bool SecondCore() { return std::thread::hardware_concurrency() >= 2; }

// A run of whole records of a plain moves table, read on whichever thread takes it into
// the rows [row, row + scan.lines) of the shared columns (a blank line is no record, so
// it may fill fewer).
struct Chunk {
  std::string_view text;
  TextScan scan;
  std::size_t row = 0;   // its first row in the columns
  std::size_t rows = 0;  // the records it read
  // With text ids: each record's from and to as written (views of the table's text), in
  // turn, until Resolve finds them.
  std::vector<std::string_view> ends;
  bool resolved = false;
  // Its provenances, numbered as met in it (renumbered into the table's afterwards).
  ProvenanceIds provenance_ids = {{"", 0}};
  std::vector<std::string> provenance_strings = {""};
  std::vector<std::uint32_t> infer;  // rows of the columns whose kind is inferred
  bool ok = false;

  // Reads the records into `out` with their endpoints as the numbers they spell or, with
  // `text_ids`, into `ends` as text; false when a record has an error or, without
  // `text_ids`, an endpoint is not a canonical number (then the ids are not all numbers,
  // or it is unknown: the hashing path tells which).
  // `lines`: the table's MoveLines, if it has them.
  bool Read(const Table& t, const MoveLines* lines, bool text_ids, TransitionColumns* out) {
    MoveParser parser(t, &provenance_ids, &provenance_strings);
    std::size_t r = row;
    const std::size_t end = row + scan.lines;
    if (text_ids) ends.reserve(2 * scan.lines);
    auto put = [&](const Move& m) {
      if (text_ids) {
        ends.push_back(m.from);
        ends.push_back(m.to);
      }
      out->kind[r] = m.kind;
      out->years[r] = m.years;
      out->probability[r] = m.probability;
      out->provenance[r] = m.provenance;
      if (m.infer) infer.push_back(static_cast<std::uint32_t>(r));
      ++r;
    };
    auto record = [&](Fields fields) {
      Move m;
      if (r == end || !parser.Parse(Row(fields, t.header), &m) ||
          (!text_ids && (!CanonicalDecimal(m.from, &out->from[r]) || !CanonicalDecimal(m.to, &out->to[r]))))
        return false;
      put(m);
      return true;
    };
    if (!lines) {
      ok = ForEachPlainRecord(t, text, false, record);
    } else {
      // A line past the chunk's rows is left to the general rules, which stop there.
      auto take = [&](const char* p, const char* e) -> const char* {
        if (r == end) return nullptr;
        Move m;
        const char* const next = lines->Read(p, e, &parser, &m, text_ids ? nullptr : &out->from[r],
                                             text_ids ? nullptr : &out->to[r]);
        if (next != nullptr) put(m);
        return next;
      };
      ok = ForEachLine(t, text, take, record);
    }
    rows = r - row;
    return ok;
  }

  // With text ids, once Read has kept them: finds the endpoints in `ends` (FindEndpoints)
  // and writes them into the chunk's rows; false when one names no position.
  bool Resolve(const PositionIndex* index, const DecimalIds* numbers, std::vector<std::uint32_t>& found,
               TransitionColumns* out) {
    if (!FindEndpoints(ends, index, numbers, found, row, out)) return false;
    std::vector<std::string_view>().swap(ends);
    resolved = true;
    return true;
  }
};

// Calls `f(i)` for every i < n, each once, on both threads: each takes the next one not
// yet taken (so a thread that started late or met slower chunks does fewer), until Stop.
class Cursor {
 public:
  explicit Cursor(std::size_t n) : n_(n) {}
  template <typename F>
  void Take(F&& f) {
    for (std::size_t i; !stopped_.load(std::memory_order_relaxed) &&
                        (i = next_.fetch_add(1, std::memory_order_relaxed)) < n_;)
      f(i);
  }
  // No more is taken (what is being done is finished).
  void Stop() { stopped_.store(true, std::memory_order_relaxed); }

 private:
  std::size_t n_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stopped_{false};
};

// What reading the moves beside the positions came to.
enum class Beside {
  kRead,         // the moves are in the columns
  kNotPlain,     // the table is not plain (`scan` says so): read it whole on one thread
  kNotNumbered,  // the positions are read; the moves were read as numbers and their ids or
                 // endpoints are not all numbers, or a move has an error: read the moves by
                 // hashing (it declines where the general path reports)
  kFailed,       // the positions have an error, an endpoint names no position, or the table
                 // is not UTF-8: decline
};

// Whether the first record of a moves table (in `records`, its records) names its
// endpoints by canonical numbers: then the chunks read them as numbers, else as text.
bool FirstMoveNumbered(const Table& t, std::string_view records) {
  bool numbered = true;
  ForEachPlainRecord(t, records, false, [&](Fields fields) {
    const Row row(fields, t.header);
    std::uint32_t n;
    numbered = CanonicalDecimal(row.Text(kFrom), &n) && CanonicalDecimal(row.Text(kTo), &n);
    return false;  // the first record only
  });
  return numbered;
}

// One large moves table read on two threads: its records cut into chunks; both threads
// scan the chunks (is it plain, how many lines each has, so each chunk knows its rows in
// the columns ahead); then one thread reads the positions while the other starts on the
// chunks, and both take chunks until none is left, each writing its rows in place; last
// every endpoint is resolved. When the first move names its endpoints by number the chunks
// read them as numbers, found by number once the positions are read, half the rows on each
// thread (the ids must all be numbers, else the moves are read again by hashing). Else they
// keep them as text, and the positions' thread indexes the ids (PositionIndex, hashed as
// the one-thread path hashes them) before it joins the chunks; from then on each chunk's
// endpoints are looked up as soon as it is read, so only the chunks read before the index
// hold their endpoints' text to the end. The columns are the ones one thread reads, row
// for row.
template <typename ReadPositionsFn>
Beside ReadMovesBeside(Table* moves, const PositionList& positions, const std::vector<std::uint32_t>& id_numbers,
                       ReadPositionsFn&& read_positions, std::size_t chunk_bytes, TransitionColumns* out) {
  // Chunks small enough that the last ones even out the threads' shares, large enough
  // that taking one costs nothing.
  if (chunk_bytes == 0) chunk_bytes = std::clamp<std::size_t>(moves->text.size() / 64, 64 << 10, 1 << 20);
  auto [head, cuts] = CutRecords(*moves, chunk_bytes);
  std::vector<Chunk> chunks(cuts.size());
  for (std::size_t i = 0; i < cuts.size(); ++i) chunks[i].text = cuts[i];
  {
    Cursor scan(chunks.size());
    auto scan_chunks = [&] { scan.Take([&](std::size_t i) { chunks[i].scan = ScanText(chunks[i].text); }); };
    RunBoth(true, scan_chunks, scan_chunks);
  }
  TextScan whole = ScanText(head);
  for (const auto& c : chunks) whole = whole + c.scan;
  if (!whole.ascii && CheckUtf8Text(moves->text)) return Beside::kFailed;
  moves->plain = whole.plain;
  if (!whole.plain) return Beside::kNotPlain;
  std::size_t lines = 0;
  for (auto& c : chunks) {
    c.row = lines;
    lines += c.scan.lines;
  }

  const std::optional<MoveLines> one_pass = MoveLines::Of(*moves);
  const bool text_ids = !chunks.empty() && !FirstMoveNumbered(*moves, chunks[0].text);
  bool positions_ok = false, sized_ok = false;
  std::optional<DecimalIds> numbers;
  std::optional<PositionIndex> index;
  std::atomic<bool> sized{false};
  // With text ids: `numbers` or `index` is set (released by the positions' thread), and an
  // endpoint was found to name no position.
  std::atomic<bool> lookups_ready{false}, unknown{false};
  auto resolve = [&](Chunk& c, std::vector<std::uint32_t>& found) {
    if (c.Resolve(index ? &*index : nullptr, numbers ? &*numbers : nullptr, found, out)) return true;
    unknown.store(true, std::memory_order_relaxed);
    return false;
  };
  Cursor read(chunks.size());
  // A chunk that cannot be read (or positions that rule the chunks out, or an unknown
  // endpoint) ends the reading: the moves are then read again by hashing, or not at all.
  auto read_chunks = [&] {
    std::vector<std::uint32_t> found;
    read.Take([&](std::size_t i) {
      Chunk& c = chunks[i];
      if (!c.Read(*moves, one_pass ? &*one_pass : nullptr, text_ids, out) ||
          (text_ids && lookups_ready.load(std::memory_order_acquire) && !resolve(c, found)))
        read.Stop();
    });
  };
  RunBoth(
      true,
      [&] {
        // This thread's share is the positions first (and their index, for text ids), then
        // chunks. Room for every line's move is made on the other thread meanwhile.
        positions_ok = read_positions();
        if (positions_ok) numbers = DecimalIds::Make(id_numbers);
        if (positions_ok && text_ids && !numbers) index.emplace(positions);
        if (numbers || index) lookups_ready.store(true, std::memory_order_release);
        if (!positions_ok || (!numbers && !index)) read.Stop();
        sized.wait(false, std::memory_order_acquire);
        if (sized_ok && positions_ok && (numbers || index)) read_chunks();
      },
      [&] {
        {
          // Released however sizing ends (an allocation that throws too): the other thread
          // waits for it.
          struct Release {
            std::atomic<bool>* flag;
            ~Release() {
              flag->store(true, std::memory_order_release);
              flag->notify_one();
            }
          } release{&sized};
          ForEachMoveColumn(out, [&](auto& column) {
            column.reserve(lines);
            column.resize(lines);
          });
          sized_ok = true;
        }
        read_chunks();
      });
  if (!positions_ok || unknown.load()) return Beside::kFailed;
  if (!numbers && !index) return Beside::kNotNumbered;
  for (const auto& c : chunks)
    if (!c.ok) return Beside::kNotNumbered;
  if (text_ids) {
    // The chunks read before the positions were indexed, shared between the threads; an
    // unknown endpoint declines (the one-thread path would meet it too).
    std::size_t late_rows = 0;
    for (const auto& c : chunks) late_rows += c.resolved ? 0 : c.rows;
    Cursor late(chunks.size());
    auto resolve_late = [&] {
      std::vector<std::uint32_t> found;
      late.Take([&](std::size_t i) {
        if (!chunks[i].resolved && !resolve(chunks[i], found)) late.Stop();
      });
    };
    RunBoth(late_rows >= (std::size_t{1} << 13), resolve_late, resolve_late);
    if (unknown.load()) return Beside::kFailed;
  }

  // Provenances renumbered into the table's, chunk by chunk in order (the order one thread
  // meets them); rows closed up behind chunks that held blank lines.
  ProvenanceIds provenance_ids = {{"", 0}};
  out->provenance_strings.assign(1, "");
  std::vector<std::uint32_t> infer, renumber;
  std::size_t rows = 0;
  for (auto& c : chunks) {
    renumber.resize(c.provenance_strings.size());
    bool same = true;
    for (std::size_t k = 0; k < renumber.size(); ++k) {
      auto [it, inserted] =
          provenance_ids.emplace(c.provenance_strings[k], static_cast<std::uint32_t>(out->provenance_strings.size()));
      if (inserted) out->provenance_strings.push_back(c.provenance_strings[k]);
      renumber[k] = it->second;
      same &= it->second == k;
    }
    if (!same)
      for (std::size_t r = c.row; r < c.row + c.rows; ++r) out->provenance[r] = renumber[out->provenance[r]];
    if (c.row != rows) {
      ForEachMoveColumn(out, [&](auto& column) {
        std::copy(column.begin() + static_cast<std::ptrdiff_t>(c.row),
                  column.begin() + static_cast<std::ptrdiff_t>(c.row + c.rows),
                  column.begin() + static_cast<std::ptrdiff_t>(rows));
      });
      for (auto& r : c.infer) r -= static_cast<std::uint32_t>(c.row - rows);
    }
    infer.insert(infer.end(), c.infer.begin(), c.infer.end());
    rows += c.rows;
  }
  ForEachMoveColumn(out, [&](auto& column) { column.resize(rows); });
  // Every endpoint from its number to its position, half the rows on each thread.
  auto resolve_numbers = [&](std::size_t lo, std::size_t hi) {
    bool found = true;
    for (std::size_t i = lo; i < hi; ++i) {
      out->from[i] = numbers->Find(out->from[i]);
      out->to[i] = numbers->Find(out->to[i]);
      found &= out->from[i] != PositionIndex::kNotFound && out->to[i] != PositionIndex::kNotFound;
    }
    return found;
  };
  bool found_low = true, found_high = true;
  if (!text_ids)
    RunBoth(rows >= (std::size_t{1} << 16), [&] { found_low = resolve_numbers(0, rows / 2); },
            [&] { found_high = resolve_numbers(rows / 2, rows); });
  if (!found_low || !found_high) return Beside::kNotNumbered;
  for (std::uint32_t row : infer)
    out->kind[row] = static_cast<std::uint8_t>(InferKind(positions[out->from[row]], positions[out->to[row]]));
  return Beside::kRead;
}

}  // namespace

std::optional<SnapshotParts> ReadCsvDirectory(const std::string& dir, CsvThreads threads, std::size_t chunk_bytes) {
  // The files the general path reads from the directory, in its order.
  auto files = LadderFilesIn(dir);
  if (!files.ok() || files->empty()) return std::nullopt;
  for (const auto& path : *files) {
    const std::string ext = ToLower(fs::path(path).extension().string());
    if (ext != ".csv" && ext != ".tsv") return std::nullopt;  // another format: the general path merges it
  }

  // One pass over a table tells whether the text is ASCII (then it is UTF-8 and the exact
  // check, which counts lines and columns for its message, is not needed) and whether it
  // is plain. A large moves table is scanned later, in chunks on two threads.
  auto scan = [](Table* t) {
    const TextScan s = ScanText(t->text);
    if (!s.ascii && CheckUtf8Text(t->text)) return false;
    t->plain = s.plain;
    return true;
  };
  std::vector<Table> positions_tables, transitions_tables;
  for (const auto& path : *files) {
    auto file = MappedFile::Open(path);
    if (!file.ok()) return std::nullopt;
    Table t;
    t.path = path;
    t.file.emplace(std::move(*file));
    t.text = t.file->bytes();
    t.delimiter = ToLower(fs::path(path).extension().string()) == ".tsv" ? '\t' : ',';
    CsvParser parser(t.text, t.delimiter);
    CsvRecord head;
    if (!parser.Next(&head)) return std::nullopt;  // empty or unreadable: let the general path say so
    // Tracks, competencies, graph metadata and sources are read by the general path (it
    // recognises them before anything else), and so are profiles.
    if (CsvCatalogueKindOf(head.fields) != CsvCatalogueKind::kNone) return std::nullopt;
    t.header = ReadCsvHeader(head.fields);
    t.header_fields = head.fields.size();
    if (!t.header.profile.empty()) return std::nullopt;
    // In a directory the general path skips, with a warning a query never shows, a list of
    // pairs and a table whose header fits neither role (the peers' queries.tsv, key/value);
    // any other transitions table missing a column is an error.
    if (t.header.pair_list() || (!t.header.transitions && !t.header.positions())) {
      if (!scan(&t)) return std::nullopt;
      continue;
    }
    if (!t.header.missing.empty()) return std::nullopt;
    (t.header.transitions ? transitions_tables : positions_tables).push_back(std::move(t));
  }

  // The general path says what is missing (no positions: no-positions, even when the
  // transitions tables have no rows either).
  if (transitions_tables.empty() || positions_tables.empty()) return std::nullopt;
  // The peers' shape, one large transitions table: its moves are read on two threads,
  // beside the positions, when the table is plain.
  const bool two_threads = transitions_tables.size() == 1 &&
                           (threads == CsvThreads::kTwo ||
                            (threads == CsvThreads::kAuto && transitions_tables[0].text.size() >= kParallelBytes &&
                             SecondCore()));
  for (auto& t : positions_tables)
    if (!scan(&t)) return std::nullopt;
  for (auto& t : transitions_tables)
    if (!two_threads && !scan(&t)) return std::nullopt;

  SnapshotParts parts;
  parts.metadata.set_name(DefaultGraphName(dir));
  std::vector<std::uint32_t> id_numbers;
  auto read_positions = [&] {
    for (const auto& t : positions_tables)
      if (!ReadPositions(t, &parts.positions, &id_numbers)) return false;
    return !parts.positions.empty();
  };
  bool positions_read = false;
  if (two_threads) {
    switch (ReadMovesBeside(&transitions_tables[0], parts.positions, id_numbers, read_positions, chunk_bytes,
                            &parts.columns)) {
      case Beside::kRead:
        return parts;
      case Beside::kFailed:
        return std::nullopt;
      case Beside::kNotNumbered:
        positions_read = true;
        break;
      case Beside::kNotPlain:
        break;
    }
  }
  if (!positions_read && !read_positions()) return std::nullopt;
  // Endpoints by number when every id is one; else by hashing (Build indexes the ids again
  // for the graph's own lookups, by the same rule).
  const std::optional<DecimalIds> numbers = DecimalIds::Make(id_numbers);
  std::optional<PositionIndex> index;
  if (!numbers) index.emplace(parts.positions);
  parts.columns = TransitionColumns{};
  if (!ReadTransitions(transitions_tables, parts.positions, index ? &*index : nullptr, numbers ? &*numbers : nullptr,
                       &parts.columns))
    return std::nullopt;
  return parts;
}

}  // namespace careergraph::io
