#include "io/csv_reader.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>

#include "engine/career_graph.h"
#include "engine/position_index.h"
#include "io/finding.h"
#include "io/number_parse.h"

namespace careergraph::io {

CsvTable ParseCsv(std::string_view text, char delim) {
  CsvTable t;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  unsigned line = 1;
  CsvRecord rec;
  std::string field;
  bool quoted = false;           // the current field was quoted
  bool any = false;              // the current record has content (so it is not a blank line)
  unsigned field_line = 1;
  auto end_field = [&] {
    rec.fields.push_back(quoted ? std::move(field) : std::string(TrimBlanks(field)));
    rec.field_lines.push_back(field_line);
    field.clear();
    quoted = false;
    field_line = line;
  };
  auto end_record = [&] {
    end_field();
    if (any) t.records.push_back(std::move(rec));
    rec = CsvRecord{};
    rec.line = line + 1;  // the next record starts on the next line
    any = false;
  };
  rec.line = 1;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (c == '"' && TrimBlanks(field).empty() && !quoted) {
      // A quoted field: runs to the closing quote; "" is a literal quote.
      const unsigned open_line = line;
      field.clear();
      quoted = true;
      any = true;
      bool closed = false;
      for (++i; i < n; ++i) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            closed = true;
            break;
          }
        } else if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') {
          continue;  // CRLF inside a quoted field reads as LF
        } else {
          if (text[i] == '\n') ++line;
          field += text[i];
        }
      }
      if (!closed) {
        t.error = "a quoted field opened here is never closed; add the closing '\"' (a quote inside a quoted field is written \"\")";
        t.error_line = open_line;
        return t;
      }
      // After the closing quote only blanks may come before the delimiter or the line end.
      std::size_t j = i + 1;
      while (j < n && (text[j] == ' ' || (text[j] == '\t' && delim != '\t'))) ++j;
      if (j < n && text[j] != delim && text[j] != '\n' && text[j] != '\r') {
        t.error = "unexpected text after a closing quote; quote the whole field and double any '\"' inside it";
        t.error_line = line;
        return t;
      }
      i = j - 1;
      continue;
    }
    if (c == delim) {
      any = true;
      end_field();
    } else if (c == '\n') {
      end_record();
      ++line;
      field_line = line;
    } else if (c == '\r') {
      if (i + 1 < n && text[i + 1] == '\n') continue;  // CRLF
      end_record();
      ++line;
      field_line = line;
    } else {
      if (c != ' ' && c != '\t') any = true;
      field += c;
    }
  }
  if (any || !field.empty()) end_record();
  return t;
}

namespace {

enum Col { kId, kTitle, kOrg, kTrack, kLevel, kPay, kAmbiguity, kLeadership, kTags, kDescription,
           kFrom, kTo, kKind, kYears, kProbability, kProvenance, kNumCols };

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
      {"from", {"from", "src", "source"}, true},
      {"to", {"to", "dst", "target"}, true},
      {"kind", {"kind", "type"}, true},
      {"years", {"years"}, true},
      {"probability", {"probability", "p", "prob"}, true},
      {"provenance", {"provenance"}, true},
  }};
  return cols;
}

std::string AliasList(Col c) {
  std::string s;
  for (auto a : Columns()[c].aliases) s += (s.empty() ? "'" : " or '") + std::string(a) + "'";
  return s;
}

std::string NormaliseHeader(std::string_view h) {
  std::string s = ToLower(TrimBlanks(h));
  std::replace(s.begin(), s.end(), '-', '_');
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

// Column index of each field in the file, or -1.
struct Header {
  std::array<int, kNumCols> at;
  std::vector<std::string> names;  // as written
  bool Has(Col c) const { return at[c] >= 0; }
};

std::string Found(const Header& h) {
  std::string s;
  for (const auto& n : h.names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "none" : s;
}

class RowReader {
 public:
  RowReader(const CsvRecord& r, const Header& h, const std::string& file, LadderPart* part, SourceMap::Loc* loc)
      : r_(r), h_(h), file_(file), part_(part), loc_(loc) {
    for (int c = 0; c < kNumCols; ++c) {
      const int i = h.at[static_cast<std::size_t>(c)];
      if (i >= 0 && static_cast<std::size_t>(i) < r.field_lines.size() && r.field_lines[static_cast<std::size_t>(i)] != r.line)
        loc->field_lines.emplace_back(Columns()[static_cast<std::size_t>(c)].field, r.field_lines[static_cast<std::size_t>(i)]);
    }
  }

  bool Has(Col c) const { return h_.Has(c); }
  std::string Text(Col c) const {
    const int i = h_.at[c];
    return i >= 0 && static_cast<std::size_t>(i) < r_.fields.size() ? r_.fields[static_cast<std::size_t>(i)] : "";
  }
  unsigned LineOf(Col c) const { return loc_->LineOf(Columns()[c].field); }

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
  int Integer(Col c, std::uint32_t bit, const std::string& position) {
    if (!Has(c)) return 0;
    const std::string s = Text(c);
    int v = 0;
    if (ParseInt(s, &v)) return v;
    Malformed(c, s, bit, position, "a whole number");
    return 0;
  }
  void Malformed(Col c, const std::string& s, std::uint32_t bit, const std::string& position, const char* what) {
    const char* field = Columns()[c].field;
    const std::string header = h_.names[static_cast<std::size_t>(h_.at[c])];
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

LadderPart ReadCsvLadder(std::string_view text, const std::string& file, char delim, bool in_directory) {
  LadderPart part;
  part.where.file = file;
  CsvTable table = ParseCsv(text, delim);
  if (!table.error.empty()) {
    part.findings.push_back(ErrorFinding("parse-error", table.error, file, table.error_line, ""));
    return part;
  }
  if (table.records.empty()) {
    part.findings.push_back(
        in_directory ? WarningFinding("skipped-file", "empty file, skipped", file, 0, "")
                     : ErrorFinding("missing-column", "empty file; a ladder table needs a header line", file, 0, ""));
    return part;
  }

  const CsvRecord& head = table.records[0];
  Header h;
  h.at.fill(-1);
  h.names = head.fields;
  std::vector<std::string> unknown;  // messages for columns that are ignored
  for (std::size_t i = 0; i < head.fields.size(); ++i) {
    const std::string name = NormaliseHeader(head.fields[i]);
    if (name.empty()) continue;
    bool matched = false;
    for (int c = 0; c < kNumCols && !matched; ++c) {
      const auto& aliases = Columns()[static_cast<std::size_t>(c)].aliases;
      if (std::find(aliases.begin(), aliases.end(), name) == aliases.end()) continue;
      matched = true;
      if (h.at[static_cast<std::size_t>(c)] < 0) h.at[static_cast<std::size_t>(c)] = static_cast<int>(i);
      else
        unknown.push_back("column '" + head.fields[i] + "' is a second " + Columns()[static_cast<std::size_t>(c)].field +
                          " column and is ignored; keep one");
    }
    if (!matched) unknown.push_back("column '" + head.fields[i] + "' is not a known column and is ignored; check its spelling");
  }

  // Which role: a transitions file has from/to/years/probability, a positions file an id.
  const bool transitions = (h.Has(kFrom) && h.Has(kTo)) ||
                           (!h.Has(kId) && (h.Has(kFrom) || h.Has(kTo) || h.Has(kYears) || h.Has(kProbability)));
  std::vector<Col> missing;
  if (transitions) {
    for (Col c : {kFrom, kTo, kYears, kProbability})
      if (!h.Has(c)) missing.push_back(c);
  }
  const bool positions = !transitions && h.Has(kId);
  if (in_directory && (!missing.empty() || (!transitions && !positions))) {
    std::string why = !missing.empty() ? "it has no " + AliasList(missing[0]) + " column"
                                       : "its header fits neither a positions nor a transitions table";
    part.findings.push_back(WarningFinding("skipped-file", "not a ladder table (" + why + "; found columns: " + Found(h) +
                                                               "), skipped",
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
                                         std::string("transitions table has no ") + Columns()[c].field +
                                             " column; add one named " + AliasList(c) + " (found columns: " + Found(h) + ")",
                                         file, head.line, Columns()[c].field));
  if (!missing.empty()) return part;
  for (auto& u : unknown) part.findings.push_back(WarningFinding("unknown-column", std::move(u), file, head.line, ""));
  // Columns of the other role are ignored too, but say so.
  for (int c = 0; c < kNumCols; ++c) {
    const auto& spec = Columns()[static_cast<std::size_t>(c)];
    if (h.at[static_cast<std::size_t>(c)] >= 0 && spec.transition != transitions && !(transitions && c == kId))
      part.findings.push_back(WarningFinding(
          "unknown-column",
          "column '" + h.names[static_cast<std::size_t>(h.at[static_cast<std::size_t>(c)])] + "' belongs in a " +
              (transitions ? "positions" : "transitions") + " table and is ignored here",
          file, head.line, spec.field));
  }

  const std::string provenance = std::filesystem::path(file).filename().string();
  for (std::size_t k = 1; k < table.records.size(); ++k) {
    const CsvRecord& r = table.records[k];
    if (r.fields.size() > head.fields.size()) {
      part.findings.push_back(ErrorFinding("malformed-row",
                                           "row has " + std::to_string(r.fields.size()) + " fields but the header has " +
                                               std::to_string(head.fields.size()) +
                                               "; quote fields that contain the delimiter",
                                           file, r.line, ""));
    }
    if (transitions) {
      SourceMap::Loc& loc = AddLoc(&part.where.transitions, file, r.line);
      RowReader row(r, h, file, &part, &loc);
      v1::Transition* t = part.graph.add_transitions();
      t->set_from(row.Text(kFrom));
      t->set_to(row.Text(kTo));
      t->set_years(row.Number(kYears, SourceMap::kYears, t->from()));
      t->set_probability(row.Number(kProbability, SourceMap::kProbability, t->from()));
      const std::string kind = row.Text(kKind);
      v1::TransitionKind k = v1::TRANSITION_KIND_UNSPECIFIED;
      if (kind.empty()) {
        part.infer_kind.push_back(static_cast<std::size_t>(part.graph.transitions_size() - 1));
      } else if (ParseTransitionKind(kind, &k)) {
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
      SourceMap::Loc& loc = AddLoc(&part.where.positions, file, r.line);
      RowReader row(r, h, file, &part, &loc);
      v1::Position* p = part.graph.add_positions();
      p->set_id(row.Text(kId));
      const std::string title = row.Text(kTitle);
      p->set_title(title.empty() ? p->id() : title);
      p->set_org(row.Text(kOrg));
      p->set_track(row.Text(kTrack));
      p->set_level(row.Integer(kLevel, SourceMap::kLevel, p->id()));
      p->set_annual_pay(row.Number(kPay, SourceMap::kPay, p->id()));
      p->set_ambiguity(row.Number(kAmbiguity, SourceMap::kAmbiguity, p->id()));
      p->set_leadership(row.Number(kLeadership, SourceMap::kLeadership, p->id()));
      const std::string tags = row.Text(kTags);
      std::size_t start = 0;
      while (start <= tags.size()) {
        std::size_t end = tags.find(';', start);
        if (end == std::string::npos) end = tags.size();
        std::string_view tag = TrimBlanks(std::string_view(tags).substr(start, end - start));
        if (!tag.empty()) p->add_tags(std::string(tag));
        start = end + 1;
      }
      p->set_description(row.Text(kDescription));
    }
  }
  return part;
}

}  // namespace careergraph::io
