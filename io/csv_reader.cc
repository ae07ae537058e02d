#include "io/csv_reader.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>

#include "engine/career_graph.h"
#include "engine/pay_basis.h"
#include "engine/position_index.h"
#include "io/csv_catalogue.h"
#include "io/finding.h"
#include "io/number_parse.h"

namespace careergraph::io {

CsvParser::CsvParser(std::string_view text, char delimiter) : text_(text), delim_(delimiter) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

bool CsvParser::Fail(std::string message, unsigned line) {
  error_ = std::move(message);
  error_line_ = line;
  pos_ = text_.size();
  return false;
}

bool CsvParser::Next(CsvRecord* rec) {
  const std::size_t n = text_.size();
  auto blank = [&](char c) { return c == ' ' || (c == '\t' && delim_ != '\t'); };
  while (pos_ < n) {
    rec->line = line_;
    std::size_t k = 0;  // fields so far; strings are reused across records
    bool any = false;   // not a blank line
    for (;;) {
      if (k == rec->fields.size()) rec->fields.emplace_back();
      if (k == rec->field_lines.size()) rec->field_lines.push_back(0);
      std::string& field = rec->fields[k];
      rec->field_lines[k] = line_;
      ++k;
      field.clear();
      const std::size_t start = pos_;
      while (pos_ < n && blank(text_[pos_])) ++pos_;
      if (pos_ < n && text_[pos_] == '"') {
        // A quoted field runs to the closing quote; "" is a literal quote.
        const unsigned open_line = line_;
        any = true;
        bool closed = false;
        for (++pos_; pos_ < n; ++pos_) {
          const char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
              field += '"';
              ++pos_;
            } else {
              closed = true;
              ++pos_;
              break;
            }
          } else if (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') {
            continue;  // CRLF inside a quoted field reads as LF
          } else {
            if (c == '\n') ++line_;
            field += c;
          }
        }
        if (!closed)
          return Fail("a quoted field opened here is never closed; add the closing '\"' (a quote inside a quoted "
                      "field is written \"\")",
                      open_line);
        while (pos_ < n && blank(text_[pos_])) ++pos_;
        if (pos_ < n && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r')
          return Fail("unexpected text after a closing quote; quote the whole field and double any '\"' inside it",
                      line_);
      } else {
        pos_ = start;
        while (pos_ < n && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
        const std::string_view raw = TrimBlanks(text_.substr(start, pos_ - start));
        field.assign(raw);
        any |= !raw.empty();
      }
      if (pos_ >= n) break;
      if (text_[pos_] == delim_) {
        ++pos_;
        any = true;
        continue;
      }
      // The end of the line: LF, CRLF or a lone CR.
      if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      break;
    }
    if (any) {
      rec->fields.resize(k);
      rec->field_lines.resize(k);
      return true;
    }
  }
  return false;
}

CsvTable ParseCsv(std::string_view text, char delimiter) {
  CsvTable t;
  CsvParser parser(text, delimiter);
  CsvRecord rec;
  while (parser.Next(&rec)) t.records.push_back(rec);
  t.error = parser.error();
  t.error_line = parser.error_line();
  return t;
}

namespace {

using Col = CsvColumn;
using enum CsvColumn;
constexpr int kNumCols = static_cast<int>(CsvColumn::kCount);

struct ColumnSpec {
  const char* field;  // the canonical name used in findings
  std::vector<std::string_view> aliases;
  bool transition;    // belongs to a transitions file
};

const std::array<ColumnSpec, kNumCols>& Columns() {
  static const std::array<ColumnSpec, kNumCols> cols = {{
      {"id", {"id"}, false},
      {"title", {"title", "name"}, false},
      {"org", {"org", "company", "organization", "organisation"}, false},
      {"track", {"track"}, false},
      {"level", {"level"}, false},
      {"pay", {"pay", "annual_pay", "salary"}, false},
      {"ambiguity", {"ambiguity"}, false},
      {"leadership", {"leadership", "leadership_proximity"}, false},
      {"tags", {"tags"}, false},
      {"description", {"description"}, false},
      {"level_label", {"level_label", "label"}, false},
      {"pay_basis", {"pay_basis"}, false},
      {"pay_error", {"pay_error"}, false},
      {"pay_source", {"pay_source"}, false},
      {"from", {"from", "src", "source"}, true},
      {"to", {"to", "dst", "target"}, true},
      {"kind", {"kind", "type"}, true},
      {"years", {"years"}, true},
      {"probability", {"probability", "p", "prob"}, true},
      {"provenance", {"provenance"}, true},
  }};
  return cols;
}

const ColumnSpec& Spec(Col c) { return Columns()[static_cast<std::size_t>(c)]; }

std::string AliasList(Col c) {
  std::string s;
  for (auto a : Spec(c).aliases) s += (s.empty() ? "'" : " or '") + std::string(a) + "'";
  return s;
}

std::string NormaliseHeader(std::string_view h) {
  std::string s = ToLower(TrimBlanks(h));
  std::replace(s.begin(), s.end(), '-', '_');
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

using Header = CsvHeader;

// The columns a header has, by their canonical names. Unknown header text is counted, never
// quoted: a file that is not a ladder table at all (a symlink to /etc/passwd) must not have
// its first line copied into an error message that may travel to a client.
std::string Found(const Header& h) {
  std::string s;
  std::size_t known = 0;
  for (int c = 0; c < kNumCols; ++c)
    if (h.at[static_cast<std::size_t>(c)] >= 0) {
      s += (s.empty() ? "" : ", ") + std::string(Columns()[static_cast<std::size_t>(c)].field);
      ++known;
    }
  const std::size_t other = h.names.size() > known ? h.names.size() - known : 0;
  if (other > 0) s += (s.empty() ? "" : " and ") + std::to_string(other) + (other == 1 ? " other" : " others");
  return s.empty() ? "none" : s;
}

// Whether `a` is `b` with two neighbouring letters swapped ("pya" for "pay").
bool SwappedNeighbours(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

// For a missing column `c`: the first header column no rule knows whose name is a typo of one
// of `c`'s names, as a hint ("; column 6 of the header may be 'pay' misspelt"); empty when none.
// The column is counted, not quoted (see Found). Names of one or two letters ("p", "to") are
// too short to tell a typo from another word.
std::string MisspeltColumnHint(const Header& h, Col c) {
  std::vector<bool> known(h.names.size(), false);
  for (const int i : h.at)
    if (i >= 0 && static_cast<std::size_t>(i) < known.size()) known[static_cast<std::size_t>(i)] = true;
  for (const auto& [i, id] : h.profile)
    if (i >= 0 && static_cast<std::size_t>(i) < known.size()) known[static_cast<std::size_t>(i)] = true;
  for (std::size_t i = 0; i < h.names.size(); ++i) {
    if (known[i]) continue;
    const std::string name = NormaliseHeader(h.names[i]);
    if (name.empty()) continue;
    for (const std::string_view a : Spec(c).aliases) {
      if (a.size() <= 2) continue;
      const std::size_t tolerance = a.size() <= 5 ? 1 : 2;
      if (SwappedNeighbours(name, a) || BoundedEditDistance(name, a, tolerance) <= tolerance)
        return "; column " + std::to_string(i + 1) + " of the header may be '" + std::string(a) + "' misspelt";
    }
  }
  return "";
}

class RowReader {
 public:
  RowReader(const CsvRecord& r, const Header& h, const std::string& file, LadderPart* part, SourceMap::Loc* loc)
      : r_(r), h_(h), file_(file), part_(part), loc_(loc) {
    for (int c = 0; c < kNumCols; ++c) {
      const int i = h.at[static_cast<std::size_t>(c)];
      if (i >= 0 && static_cast<std::size_t>(i) < r.field_lines.size() && r.field_lines[static_cast<std::size_t>(i)] != r.line)
        loc->field_lines.emplace_back(Spec(static_cast<Col>(c)).field, r.field_lines[static_cast<std::size_t>(i)]);
    }
  }

  bool Has(Col c) const { return h_.Has(c); }
  std::string Text(Col c) const {
    const int i = h_.column(c);
    return i >= 0 && static_cast<std::size_t>(i) < r_.fields.size() ? r_.fields[static_cast<std::size_t>(i)] : "";
  }
  unsigned LineOf(Col c) const { return loc_->LineOf(Spec(c).field); }

  // A number from an optional column: 0 when the column is absent, an error when present but
  // not a number (then `bit` is marked reported so the range checks stay quiet).
  double Number(Col c, std::uint32_t bit, const std::string& position) {
    if (!Has(c)) return 0;
    const std::string s = Text(c);
    double v = 0;
    if (ParseDouble(s, &v)) return v;
    Malformed(c, s, bit, position, "a number");
    return 0;
  }
  // Pay, ambiguity or leadership: an empty cell (or "unknown") is an unknown value, never 0.
  std::optional<double> Attribute(Col c, std::uint32_t bit, const std::string& position) {
    const std::string s = Text(c);
    if (TrimBlanks(s).empty() || IsUnknownWord(s)) return std::nullopt;
    double v = 0;
    if (ParseDouble(s, &v)) return v;
    Malformed(c, s, bit, position, "a number");
    return std::nullopt;
  }
  // A probability: "0.85" or "85%".
  double Probability(std::uint32_t bit, const std::string& position) {
    if (!Has(kProbability)) return 0;
    const std::string s = Text(kProbability);
    double v = 0;
    if (ParseProbability(s, &v)) return v;
    Malformed(kProbability, s, bit, position, "a probability like 0.85 or 85%");
    return 0;
  }
  // The level (the one whole-number column).
  int Level(std::uint32_t bit, const std::string& position) {
    if (!Has(kLevel)) return 0;
    const std::string s = Text(kLevel);
    int v = 0;
    if (ParseInt(s, &v)) return v;
    part_->findings.push_back(ErrorFinding("malformed-number", BadLevelMessage(s, "level_label"), file_, LineOf(kLevel),
                                           Spec(kLevel).field, position));
    loc_->reported |= bit;
    return 0;
  }
  void Malformed(Col c, const std::string& s, std::uint32_t bit, const std::string& position, const char* what) {
    const char* field = Spec(c).field;
    const std::string header = h_.names[static_cast<std::size_t>(h_.column(c))];
    part_->findings.push_back(ErrorFinding(
        "malformed-number",
        s.empty() ? std::string(field) + " is empty; give " + what + " in column '" + header + "'"
                  : std::string(field) + " '" + s + "' is not " + what + "; write it like 2.5 (no units or separators)",
        file_, LineOf(c), field, position));
    loc_->reported |= bit;
  }

 private:
  const CsvRecord& r_;
  const Header& h_;
  const std::string& file_;
  LadderPart* part_;
  SourceMap::Loc* loc_;
};

}  // namespace

const char* CsvFieldName(CsvColumn c) { return Spec(c).field; }

void AddCsvTags(std::string_view tags, v1::Position* p) {
  std::string tag;
  auto end_tag = [&] {
    const std::string_view t = TrimBlanks(tag);
    if (!t.empty()) p->add_tags(std::string(t));
    tag.clear();
  };
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const char c = tags[i];
    if (c == '\\' && i + 1 < tags.size() && (tags[i + 1] == ';' || tags[i + 1] == '\\')) tag += tags[++i];
    else if (c == ';') end_tag();
    else tag += c;
  }
  end_tag();
}

std::string CsvTagsCell(const google::protobuf::RepeatedPtrField<std::string>& tags) {
  std::string cell;
  for (const std::string& t : tags) {
    if (!cell.empty()) cell += ';';
    for (std::size_t i = 0; i < t.size(); ++i) {
      // A backslash is doubled only where the reader would take it as an escape.
      if (t[i] == ';' || (t[i] == '\\' && (i + 1 == t.size() || t[i + 1] == ';' || t[i + 1] == '\\'))) cell += '\\';
      cell += t[i];
    }
  }
  return cell;
}

CsvHeader ReadCsvHeader(const std::vector<std::string>& fields) {
  Header h;
  h.at.fill(-1);
  h.names = fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (auto id = ProfileColumnId(fields[i])) {
      h.profile.emplace_back(static_cast<int>(i), std::move(*id));
      continue;
    }
    const std::string name = NormaliseHeader(fields[i]);
    if (name.empty()) continue;
    bool matched = false;
    for (int c = 0; c < kNumCols && !matched; ++c) {
      const auto& aliases = Columns()[static_cast<std::size_t>(c)].aliases;
      if (std::find(aliases.begin(), aliases.end(), name) == aliases.end()) continue;
      matched = true;
      if (h.at[static_cast<std::size_t>(c)] < 0) h.at[static_cast<std::size_t>(c)] = static_cast<int>(i);
      else
        h.ignored.push_back("column '" + fields[i] + "' is a second " + Columns()[static_cast<std::size_t>(c)].field +
                            " column and is ignored; keep one");
    }
    if (!matched) h.ignored.push_back("column '" + fields[i] + "' is not a known column and is ignored; check its spelling");
  }
  // Which role: a transitions file has from/to/years/probability, a positions file an id.
  h.transitions = (h.Has(kFrom) && h.Has(kTo)) ||
                  (!h.Has(kId) && (h.Has(kFrom) || h.Has(kTo) || h.Has(kYears) || h.Has(kProbability)));
  if (h.transitions) {
    for (Col c : {kFrom, kTo, kYears, kProbability})
      if (!h.Has(c)) h.missing.push_back(c);
  }
  return h;
}

LadderPart ReadCsvLadder(std::string_view text, const std::string& file, char delim, bool in_directory) {
  LadderPart part;
  part.where.files = {file};
  CsvParser parser(text, delim);
  CsvRecord head;
  if (!parser.Next(&head)) {
    if (!parser.error().empty())
      part.findings.push_back(ErrorFinding("parse-error", parser.error(), file, parser.error_line(), ""));
    else
      part.findings.push_back(ErrorFinding("missing-column", "empty file; a ladder table needs a header line", file, 0, ""));
    return part;
  }

  switch (CsvCatalogueKindOf(head.fields)) {
    case CsvCatalogueKind::kTracks: return ReadCsvTracks(parser, head, file);
    case CsvCatalogueKind::kCompetencies: return ReadCsvCompetencies(parser, head, file);
    case CsvCatalogueKind::kGraph: return ReadCsvGraphTable(parser, head, file);
    case CsvCatalogueKind::kSources: return ReadCsvSources(parser, head, file);
    case CsvCatalogueKind::kNone: break;
  }
  const Header h = ReadCsvHeader(head.fields);
  const bool transitions = h.transitions, positions = h.positions();
  const std::vector<Col>& missing = h.missing;
  // In a directory, a table that is not a ladder table (a list of from/to pairs with neither
  // years nor probability, like a peer's queries.tsv, or a header that fits no role) is
  // skipped; a transitions table missing a column is an error like anywhere else.
  if (in_directory && (h.pair_list() || (!transitions && !positions))) {
    const std::string why = h.pair_list() ? "it has from/to columns but neither years nor probability"
                                          : "its header fits neither a positions nor a transitions table";
    part.findings.push_back(WarningFinding("skipped-file",
                                           "not a ladder table (" + why + "; found columns: " + Found(h) + "), skipped",
                                           file, head.line, ""));
    return part;
  }
  if (!transitions && !positions) {
    part.findings.push_back(ErrorFinding(
        "missing-column",
        "header fits neither a positions table (needs an 'id' column) nor a transitions table (needs " +
            AliasList(kFrom) + ", " + AliasList(kTo) + ", 'years' and " + AliasList(kProbability) +
            " columns); found columns: " + Found(h),
        file, head.line, "id"));
    return part;
  }
  for (Col c : missing)
    part.findings.push_back(ErrorFinding("missing-column",
                                         std::string("transitions table has no ") + Spec(c).field + " column" +
                                             MisspeltColumnHint(h, c) + "; add one named " + AliasList(c) +
                                             " (found columns: " + Found(h) + ")",
                                         file, head.line, Spec(c).field));
  // A positions table says what it knows: every attribute column is there, and an empty cell
  // (or "unknown") marks a value as unknown. A missing column would load as no value at all.
  if (positions && !transitions)
    for (Col c : {kPay, kAmbiguity, kLeadership})
      if (!h.Has(c)) {
        part.findings.push_back(ErrorFinding("missing-column",
                                             std::string("positions table has no ") + Spec(c).field + " column" +
                                                 MisspeltColumnHint(h, c) + "; add one named " + AliasList(c) +
                                                 " (leave a cell empty, or write unknown, where the value is not "
                                                 "known; found columns: " + Found(h) + ")",
                                             file, head.line, Spec(c).field));
      }
  if (!missing.empty()) return part;
  for (const auto& u : h.ignored) part.findings.push_back(WarningFinding("unknown-column", u, file, head.line, ""));
  // Columns of the other role are ignored too, but say so.
  for (int c = 0; c < kNumCols; ++c) {
    const auto& spec = Columns()[static_cast<std::size_t>(c)];
    if (h.at[static_cast<std::size_t>(c)] >= 0 && spec.transition != transitions && !(transitions && static_cast<Col>(c) == kId))
      part.findings.push_back(WarningFinding(
          "unknown-column",
          "column '" + h.names[static_cast<std::size_t>(h.at[static_cast<std::size_t>(c)])] + "' belongs in a " +
              (transitions ? "positions" : "transitions") + " table and is ignored here",
          file, head.line, spec.field));
  }

  const std::string provenance = std::filesystem::path(file).filename().string();
  CsvRecord r;
  std::string last_kind_text;
  v1::TransitionKind last_kind = v1::TRANSITION_KIND_UNSPECIFIED;
  while (parser.Next(&r)) {
    if (r.fields.size() > head.fields.size()) {
      part.findings.push_back(ErrorFinding("malformed-row",
                                           "row has " + std::to_string(r.fields.size()) + " fields but the header has " +
                                               std::to_string(head.fields.size()) +
                                               "; quote fields that contain the delimiter",
                                           file, r.line, ""));
    }
    if (transitions) {
      SourceMap::Loc& loc = AddLoc(&part.where.transitions, r.line);
      RowReader row(r, h, file, &part, &loc);
      v1::Transition* t = part.graph.add_transitions();
      t->set_from(row.Text(kFrom));
      t->set_to(row.Text(kTo));
      t->set_years(row.Number(kYears, SourceMap::kYears, t->from()));
      t->set_probability(row.Probability(SourceMap::kProbability, t->from()));
      const std::string kind = row.Text(kKind);
      v1::TransitionKind k = v1::TRANSITION_KIND_UNSPECIFIED;
      if (kind.empty()) {
        part.infer_kind.push_back(static_cast<std::size_t>(part.graph.transitions_size() - 1));
      } else if (kind == last_kind_text || ParseTransitionKind(kind, &k)) {
        if (kind == last_kind_text) k = last_kind;  // most files repeat a few kinds: skip re-parsing
        last_kind_text = kind;
        last_kind = k;
        t->set_kind(k);
      } else {
        part.findings.push_back(ErrorFinding("bad-kind",
                                             "kind '" + kind +
                                                 "' is not a transition kind; use promotion, lateral, track_switch "
                                                 "or org_change (or leave it empty to infer it)",
                                             file, row.LineOf(kKind), "kind", t->from()));
        loc.reported |= SourceMap::kKind;
      }
      const std::string prov = row.Text(kProvenance);
      t->set_provenance(prov.empty() ? provenance : prov);
    } else {
      SourceMap::Loc& loc = AddLoc(&part.where.positions, r.line);
      RowReader row(r, h, file, &part, &loc);
      v1::Position* p = part.graph.add_positions();
      p->set_id(row.Text(kId));
      const std::string title = row.Text(kTitle);
      p->set_title(title.empty() ? p->id() : title);
      p->set_org(row.Text(kOrg));
      p->set_track(row.Text(kTrack));
      p->set_level(row.Level(SourceMap::kLevel, p->id()));
      if (auto v = row.Attribute(kPay, SourceMap::kPay, p->id())) p->set_annual_pay(*v);
      if (auto v = row.Attribute(kAmbiguity, SourceMap::kAmbiguity, p->id())) p->set_ambiguity(*v);
      if (auto v = row.Attribute(kLeadership, SourceMap::kLeadership, p->id())) p->set_leadership(*v);
      AddCsvTags(row.Text(kTags), p);
      p->set_description(row.Text(kDescription));
      p->set_level_label(row.Text(kLevelLabel));
      // How sure the pay is: an empty cell says nothing (the ladder's own figure).
      if (const std::string b(TrimBlanks(row.Text(kPayBasis))); !b.empty()) {
        v1::PayBasis basis{};
        if (ParsePayBasis(b, &basis))
          p->set_pay_basis(basis);
        else
          part.findings.push_back(ErrorFinding("bad-pay-basis",
                                               BadPayBasisMessage(b),
                                               file, row.LineOf(kPayBasis), "pay_basis", p->id()));
      }
      if (const std::string e = row.Text(kPayError); !TrimBlanks(e).empty()) {
        double v = 0;
        if (ParseDouble(e, &v)) p->set_pay_error(v);
        else
          part.findings.push_back(ErrorFinding("malformed-number",
                                               BadPayErrorMessage("'" + e + "'"),
                                               file, row.LineOf(kPayError), "pay_error", p->id()));
      }
      p->set_pay_source(row.Text(kPaySource));
      for (const auto& [column, competency] : h.profile) {
        const std::size_t c = static_cast<std::size_t>(column);
        if (c >= r.fields.size()) continue;
        if (auto bad = AddCsvRequirement(competency, r.fields[c], p); !bad.empty()) {
          part.findings.push_back(ErrorFinding("malformed-number", bad, file, r.field_lines[c],
                                               "competencies." + competency, p->id()));
        }
      }
    }
  }
  if (!parser.error().empty())
    part.findings.push_back(ErrorFinding("parse-error", parser.error(), file, parser.error_line(), ""));
  return part;
}

}  // namespace careergraph::io
