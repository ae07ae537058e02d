#include "io/csv_catalogue.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <type_traits>
#include <utility>

#include "engine/position_index.h"
#include "io/csv_writer.h"
#include "io/finding.h"
#include "io/number_parse.h"

namespace careergraph::io {
namespace {

std::string Normalise(std::string_view h) {
  std::string s = ToLower(TrimBlanks(h));
  std::replace(s.begin(), s.end(), '-', '_');
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

// A catalogue table's columns: the canonical name of each header field ("" for unknown).
struct Columns {
  std::vector<std::string> names;  // normalised, per field
  int Find(std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    return -1;
  }
};

Columns ReadColumns(const std::vector<std::string>& header) {
  Columns c;
  for (const auto& f : header) c.names.push_back(Normalise(f));
  return c;
}

// Cell `name` of record `r` ("" when the column or the cell is absent).
std::string Cell(const Columns& c, const CsvRecord& r, std::string_view name) {
  const int i = c.Find(name);
  return i >= 0 && static_cast<std::size_t>(i) < r.fields.size() ? std::string(TrimBlanks(r.fields[static_cast<std::size_t>(i)]))
                                                                  : std::string();
}

// Warnings for header fields outside `known`, as the ladder tables give them.
void WarnUnknownColumns(const Columns& c, const CsvRecord& head, std::initializer_list<std::string_view> known,
                        const char* table, const std::string& file, std::vector<v1::Finding>* out) {
  std::string list;
  for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
  for (std::size_t i = 0; i < c.names.size(); ++i)
    if (!c.names[i].empty() && std::find(known.begin(), known.end(), c.names[i]) == known.end())
      out->push_back(WarningFinding("unknown-column",
                                    "column '" + head.fields[i] + "' is not a column of a " + table +
                                        " table and is ignored (its columns: " + list + ")",
                                    file, head.line, ""));
}

// "LEVEL=LABEL;LEVEL=LABEL": calls add(level, label) for each; false (with `why`) when an item
// is not of that form or `level_ok` refuses its level.
bool ForEachLabel(std::string_view text, const std::function<bool(std::string_view level, std::string_view label)>& add,
                  std::string* why) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = TrimBlanks(text.substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      *why = "'" + std::string(item) + "' is not LEVEL=LABEL; separate labels with ';', e.g. 3=IC3;4=IC4";
      return false;
    }
    if (!add(TrimBlanks(item.substr(0, eq)), TrimBlanks(item.substr(eq + 1)))) {
      *why = "'" + std::string(item.substr(0, eq)) + "' in '" + std::string(item) + "' is not a level number";
      return false;
    }
  }
  return true;
}

// Appends the labels of `text` to `out` (LevelLabel or CompetencyLabel), each level read by
// `parse`.
template <typename Label, typename Parse>
bool ReadLabels(std::string_view text, google::protobuf::RepeatedPtrField<Label>* out, Parse parse, std::string* why) {
  return ForEachLabel(
      text,
      [&](std::string_view level, std::string_view label) {
        std::remove_cvref_t<decltype(std::declval<Label>().level())> v{};
        if (!parse(level, &v)) return false;
        Label* l = out->Add();
        l->set_level(v);
        l->set_label(std::string(label));
        return true;
      },
      why);
}

}  // namespace

CsvCatalogueKind CsvCatalogueKindOf(const std::vector<std::string>& header) {
  const Columns c = ReadColumns(header);
  auto has = [&](std::string_view n) { return c.Find(n) >= 0; };
  const bool ladder_columns = has("id") || has("from") || has("to") || has("src") || has("dst") || has("target") ||
                              has("years") || has("probability");
  if (ladder_columns) return CsvCatalogueKind::kNone;
  if (has("graph")) return CsvCatalogueKind::kGraph;
  if (has("source") && (has("url") || has("licence") || has("license") || has("attribution")))
    return CsvCatalogueKind::kSources;
  if (has("competency") && (has("scale_min") || has("scale_max"))) return CsvCatalogueKind::kCompetencies;
  if (has("track") && (has("name") || has("description") || has("levels"))) return CsvCatalogueKind::kTracks;
  return CsvCatalogueKind::kNone;
}

LadderPart ReadCsvTracks(CsvParser& parser, const CsvRecord& head, const std::string& file) {
  LadderPart part;
  part.where.files = {file};
  const Columns c = ReadColumns(head.fields);
  WarnUnknownColumns(c, head, {"track", "name", "description", "levels"}, "tracks", file, &part.findings);
  std::set<std::string> seen;
  CsvRecord r;
  while (parser.Next(&r)) {
    const std::string id = Cell(c, r, "track");
    if (id.empty()) {
      part.findings.push_back(ErrorFinding("missing-value", "track row has no track id; give one, e.g. pm", file, r.line, "track"));
      continue;
    }
    if (!seen.insert(id).second) {
      part.findings.push_back(ErrorFinding("duplicate-track", "track '" + id + "' is described twice; keep one row", file,
                                           r.line, "track"));
      continue;
    }
    v1::Track t;
    t.set_id(id);
    t.set_name(Cell(c, r, "name"));
    t.set_description(Cell(c, r, "description"));
    std::string why;
    const bool ok = ReadLabels(
        Cell(c, r, "levels"), t.mutable_levels(), [](std::string_view s, int* v) { return ParseInt(s, v); }, &why);
    if (!ok) {
      part.findings.push_back(ErrorFinding("malformed-number", "track '" + id + "': levels: " + why, file, r.line, "levels"));
      continue;
    }
    *part.graph.mutable_metadata()->add_tracks() = std::move(t);
  }
  if (!parser.error().empty())
    part.findings.push_back(ErrorFinding("parse-error", parser.error(), file, parser.error_line(), ""));
  return part;
}

LadderPart ReadCsvCompetencies(CsvParser& parser, const CsvRecord& head, const std::string& file) {
  LadderPart part;
  part.where.files = {file};
  const Columns c = ReadColumns(head.fields);
  WarnUnknownColumns(c, head, {"competency", "name", "description", "scale_min", "scale_max", "labels", "source"},
                     "competencies", file, &part.findings);
  for (const char* required : {"scale_min", "scale_max"})
    if (c.Find(required) < 0)
      part.findings.push_back(ErrorFinding("missing-column",
                                           std::string("competencies table has no ") + required +
                                               " column; give each competency its scale, e.g. scale_min 0, scale_max 5",
                                           file, head.line, required));
  if (std::any_of(part.findings.begin(), part.findings.end(), [](const v1::Finding& f) { return f.severity() == v1::ERROR; }))
    return part;  // no scale column: every row would be refused
  std::set<std::string> seen;
  CsvRecord r;
  while (parser.Next(&r)) {
    const std::string id = Cell(c, r, "competency");
    if (id.empty()) {
      part.findings.push_back(ErrorFinding("missing-value", "competency row has no id; give one, e.g. system_design",
                                           file, r.line, "competency"));
      continue;
    }
    if (!seen.insert(id).second) {
      part.findings.push_back(ErrorFinding("duplicate-competency", "competency '" + id + "' is declared twice; keep one row",
                                           file, r.line, "competency"));
      continue;
    }
    double lo = 0, hi = 0;
    bool numbers = true;
    for (auto [name, out] : {std::pair<const char*, double*>{"scale_min", &lo}, {"scale_max", &hi}}) {
      const std::string text = Cell(c, r, name);
      if (ParseDouble(text, out) && std::isfinite(*out)) continue;
      numbers = false;
      part.findings.push_back(ErrorFinding("malformed-number",
                                           "competency '" + id + "': " + name + " '" + text + "' is not a number",
                                           file, r.line, name));
    }
    if (!numbers) continue;
    if (!(lo < hi)) {
      part.findings.push_back(ErrorFinding("bad-competency-scale",
                                           "competency '" + id + "': its scale needs scale_min < scale_max (got " +
                                               CsvNumber(lo) + ".." + CsvNumber(hi) + ")",
                                           file, r.line, "scale_max"));
      continue;
    }
    v1::Competency x;
    x.set_id(id);
    x.set_name(Cell(c, r, "name"));
    x.set_description(Cell(c, r, "description"));
    x.set_scale_min(lo);
    x.set_scale_max(hi);
    x.set_source(Cell(c, r, "source"));
    std::string why;
    const bool ok = ReadLabels(
        Cell(c, r, "labels"), x.mutable_labels(),
        [](std::string_view s, double* v) { return ParseDouble(s, v) && std::isfinite(*v); }, &why);
    if (!ok) {
      part.findings.push_back(ErrorFinding("malformed-number", "competency '" + id + "': labels: " + why, file, r.line, "labels"));
      continue;
    }
    *part.graph.mutable_metadata()->add_competencies() = std::move(x);
  }
  if (!parser.error().empty())
    part.findings.push_back(ErrorFinding("parse-error", parser.error(), file, parser.error_line(), ""));
  return part;
}

LadderPart ReadCsvGraphTable(CsvParser& parser, const CsvRecord& head, const std::string& file) {
  LadderPart part;
  part.where.files = {file};
  const Columns c = ReadColumns(head.fields);
  WarnUnknownColumns(c, head, {"graph", "version", "currency", "description"}, "graph", file, &part.findings);
  CsvRecord r;
  unsigned rows = 0;
  while (parser.Next(&r)) {
    if (++rows > 1) {
      part.findings.push_back(ErrorFinding("malformed-row",
                                           "the graph table describes one graph: it has one row after its header",
                                           file, r.line, "graph"));
      break;
    }
    v1::Metadata* md = part.graph.mutable_metadata();
    md->set_name(Cell(c, r, "graph"));
    md->set_version(Cell(c, r, "version"));
    md->set_currency(Cell(c, r, "currency"));
    md->set_description(Cell(c, r, "description"));
  }
  if (!parser.error().empty())
    part.findings.push_back(ErrorFinding("parse-error", parser.error(), file, parser.error_line(), ""));
  return part;
}

LadderPart ReadCsvSources(CsvParser& parser, const CsvRecord& head, const std::string& file) {
  LadderPart part;
  part.where.files = {file};
  Columns c = ReadColumns(head.fields);
  for (auto& n : c.names)
    if (n == "license") n = "licence";
  WarnUnknownColumns(c, head, {"source", "url", "licence", "attribution"}, "sources", file, &part.findings);
  CsvRecord r;
  while (parser.Next(&r)) {
    v1::Source x;
    x.set_name(Cell(c, r, "source"));
    x.set_url(Cell(c, r, "url"));
    x.set_licence(Cell(c, r, "licence"));
    x.set_attribution(Cell(c, r, "attribution"));
    if (x.name().empty() && x.url().empty()) {
      part.findings.push_back(ErrorFinding("missing-value", "a source needs a name or a url", file, r.line, "source"));
      continue;
    }
    *part.graph.mutable_metadata()->add_sources() = std::move(x);
  }
  if (!parser.error().empty())
    part.findings.push_back(ErrorFinding("parse-error", parser.error(), file, parser.error_line(), ""));
  return part;
}

std::optional<std::string> ProfileColumnId(std::string_view field) {
  field = TrimBlanks(field);
  constexpr std::string_view kPrefix = "competency:";
  if (field.size() <= kPrefix.size() || ToLower(field.substr(0, kPrefix.size())) != kPrefix) return std::nullopt;
  const std::string_view id = TrimBlanks(field.substr(kPrefix.size()));
  if (id.empty()) return std::nullopt;
  return std::string(id);
}

std::string AddCsvRequirement(const std::string& competency, std::string_view cell, v1::Position* p) {
  cell = TrimBlanks(cell);
  if (cell.empty() || cell == "-") return "";
  const std::size_t at = cell.find('@');
  double level = 0, importance = 0;
  const bool level_ok = ParseDouble(cell.substr(0, at), &level) && std::isfinite(level);
  const bool importance_ok =
      at == std::string_view::npos || (ParseDouble(cell.substr(at + 1), &importance) && std::isfinite(importance));
  if (!level_ok || !importance_ok)
    return "competency '" + competency + "': '" + std::string(cell) +
           "' is not a level; write the level (3), or the level and its importance (3@0.5), or leave it empty";
  auto* r = p->add_competencies();
  r->set_competency(competency);
  r->set_level(level);
  if (at != std::string_view::npos) r->set_importance(importance);
  return "";
}

std::string TracksCsv(const v1::Metadata& md) {
  if (md.tracks_size() == 0) return "";
  std::string out = "track,name,description,levels\n";
  for (const auto& t : md.tracks()) {
    std::string levels;
    for (const auto& l : t.levels()) levels += (levels.empty() ? "" : ";") + std::to_string(l.level()) + "=" + l.label();
    out += CsvQuote(t.id()) + "," + CsvQuote(t.name()) + "," + CsvQuote(t.description()) + "," + CsvQuote(levels) + "\n";
  }
  return out;
}

std::string CompetenciesCsv(const v1::Metadata& md) {
  if (md.competencies_size() == 0) return "";
  std::string out = "competency,name,description,scale_min,scale_max,labels,source\n";
  for (const auto& x : md.competencies()) {
    std::string labels;
    for (const auto& l : x.labels()) labels += (labels.empty() ? "" : ";") + CsvNumber(l.level()) + "=" + l.label();
    out += CsvQuote(x.id()) + "," + CsvQuote(x.name()) + "," + CsvQuote(x.description()) + "," +
           CsvNumber(x.scale_min()) + "," + CsvNumber(x.scale_max()) + "," + CsvQuote(labels) + "," +
           CsvQuote(x.source()) + "\n";
  }
  return out;
}

std::string GraphCsv(const v1::Metadata& md) {
  if (md.name().empty() && md.version().empty() && md.currency().empty() && md.description().empty()) return "";
  return "graph,version,currency,description\n" + CsvQuote(md.name()) + "," + CsvQuote(md.version()) + "," +
         CsvQuote(md.currency()) + "," + CsvQuote(md.description()) + "\n";
}

std::string SourcesCsv(const v1::Metadata& md) {
  if (md.sources_size() == 0) return "";
  std::string out = "source,url,licence,attribution\n";
  for (const auto& x : md.sources())
    out += CsvQuote(x.name()) + "," + CsvQuote(x.url()) + "," + CsvQuote(x.licence()) + "," +
           CsvQuote(x.attribution()) + "\n";
  return out;
}

std::string ProfileHeader(const v1::Metadata& md) {
  std::string out;
  for (const auto& x : md.competencies()) out += "," + CsvQuote("competency:" + x.id());
  return out;
}

std::string ProfileCells(const v1::Metadata& md, const v1::Position& p) {
  std::string out;
  for (const auto& x : md.competencies()) {
    out += ",";
    for (const auto& r : p.competencies())
      if (r.competency() == x.id()) {
        out += CsvNumber(r.level());
        if (r.has_importance()) out += "@" + CsvNumber(r.importance());
        break;
      }
  }
  return out;
}

}  // namespace careergraph::io
