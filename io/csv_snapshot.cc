#include "io/csv_snapshot.h"

#include <filesystem>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/position_index.h"
#include "io/atomic_file.h"
#include "io/csv_catalogue.h"
#include "io/csv_reader.h"
#include "io/ladder_part.h"
#include "io/load.h"
#include "io/number_parse.h"
#include "io/text_encoding.h"

namespace careergraph::io {
namespace {

namespace fs = std::filesystem;
using enum CsvColumn;

// One table of the directory: its text, header and delimiter.
struct Table {
  std::string path;
  std::string text;
  char delimiter;
  CsvHeader header;
  std::size_t header_fields = 0;
};

// The fields of one record by column, as csv_reader.cc's RowReader reads them.
class Row {
 public:
  Row(const CsvRecord& r, const CsvHeader& h) : r_(r), h_(h) {}
  std::string_view Text(CsvColumn c) const {
    const int i = h_.column(c);
    return i >= 0 && static_cast<std::size_t>(i) < r_.fields.size() ? std::string_view(r_.fields[static_cast<std::size_t>(i)])
                                                                    : std::string_view();
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
  const CsvRecord& r_;
  const CsvHeader& h_;
};

// Reads a table's records after its header; false on anything the general path reports.
template <typename F>
bool ForEachRecord(const Table& t, F&& f) {
  CsvParser parser(t.text, t.delimiter);
  CsvRecord r;
  if (!parser.Next(&r)) return false;  // the header, read before
  while (parser.Next(&r)) {
    if (r.fields.size() > t.header_fields) return false;  // malformed-row
    if (!f(Row(r, t.header))) return false;
  }
  return parser.error().empty();
}

bool ReadPositions(const Table& t, std::vector<v1::Position>* out) {
  return ForEachRecord(t, [&](const Row& row) {
    v1::Position& p = out->emplace_back();
    p.set_id(std::string(row.Text(kId)));
    if (p.id().empty()) return false;  // missing-value
    const std::string_view title = row.Text(kTitle);
    p.set_title(title.empty() ? p.id() : std::string(title));
    p.set_org(std::string(row.Text(kOrg)));
    p.set_track(std::string(row.Text(kTrack)));
    int level = 0;
    double pay = 0, ambiguity = 0, leadership = 0;
    bool has_pay = false, has_ambiguity = false, has_leadership = false;
    if (!row.Integer(kLevel, &level) || !row.Attribute(kPay, &pay, &has_pay) ||
        !row.Attribute(kAmbiguity, &ambiguity, &has_ambiguity) || !row.Attribute(kLeadership, &leadership, &has_leadership))
      return false;  // malformed-number or missing-column
    p.set_level(level);
    if (has_pay) p.set_annual_pay(pay);
    if (has_ambiguity) p.set_ambiguity(ambiguity);
    if (has_leadership) p.set_leadership(leadership);
    AddCsvTags(row.Text(kTags), &p);
    p.set_description(std::string(row.Text(kDescription)));
    p.set_level_label(std::string(row.Text(kLevelLabel)));
    return true;
  });
}

// Endpoint ids are resolved a batch of rows at a time (PositionIndex::FindIds), so the
// random reads of many lookups overlap.
class EndpointBatch {
 public:
  static constexpr std::size_t kRows = 4096;

  EndpointBatch(const std::vector<v1::Position>& positions, const PositionIndex& index, TransitionColumns* out)
      : positions_(positions), index_(index), out_(out) {}

  // Row out->size() - 1 (its other columns already appended) goes from `from` to `to`;
  // `infer` when its kind is to be inferred from them.
  bool Add(std::string_view from, std::string_view to, bool infer) {
    ends_.push_back({arena_.size(), from.size()});
    arena_.append(from);
    ends_.push_back({arena_.size(), to.size()});
    arena_.append(to);
    infer_.push_back(infer);
    return ends_.size() < 2 * kRows || Flush();
  }

  // Resolves the pending rows; false when an id is unknown.
  bool Flush() {
    const std::size_t rows = infer_.size(), base = out_->size() - rows;
    views_.clear();
    for (const auto& [offset, size] : ends_) views_.emplace_back(arena_.data() + offset, size);
    found_.resize(views_.size());
    index_.FindIds(views_, found_);
    for (std::size_t i = 0; i < rows; ++i) {
      const std::uint32_t from = found_[2 * i], to = found_[2 * i + 1];
      if (from == PositionIndex::kNotFound || to == PositionIndex::kNotFound) return false;  // unknown position
      out_->from[base + i] = from;
      out_->to[base + i] = to;
      if (infer_[i]) out_->kind[base + i] = static_cast<std::uint8_t>(InferKind(positions_[from], positions_[to]));
    }
    arena_.clear();
    ends_.clear();
    infer_.clear();
    return true;
  }

 private:
  const std::vector<v1::Position>& positions_;
  const PositionIndex& index_;
  TransitionColumns* out_;
  std::string arena_;                                    // the batch's ids, back to back
  std::vector<std::pair<std::size_t, std::size_t>> ends_;  // (offset, size) of from, to per row
  std::vector<bool> infer_;
  std::vector<std::string_view> views_;
  std::vector<std::uint32_t> found_;
};

bool ReadTransitions(const Table& t, const std::vector<v1::Position>& positions, const PositionIndex& index,
                     TransitionColumns* out, std::unordered_map<std::string, std::uint32_t>* provenance_ids) {
  const std::string file_name = fs::path(t.path).filename().string();
  // Most files repeat a few kinds and provenances: the last of each is kept to skip
  // parsing and hashing it again.
  std::string last_kind_text, last_provenance;
  std::uint8_t last_kind = 0;
  std::uint32_t last_provenance_id = 0;
  EndpointBatch endpoints(positions, index, out);
  const bool read = ForEachRecord(t, [&](const Row& row) {
    double years = 0, probability = 0;
    if (!row.Number(kYears, &years) || !row.Probability(&probability)) return false;
    std::uint8_t kind = 0;
    const std::string_view kind_text = row.Text(kKind);
    if (kind_text.empty()) {
      // inferred once the endpoints are resolved
    } else if (!last_kind_text.empty() && kind_text == last_kind_text) {
      kind = last_kind;
    } else {
      v1::TransitionKind k;
      if (!ParseTransitionKind(kind_text, &k)) return false;  // bad-kind
      last_kind_text.assign(kind_text);
      last_kind = kind = static_cast<std::uint8_t>(k);
    }
    std::string_view provenance = row.Text(kProvenance);
    if (provenance.empty()) provenance = file_name;
    if (provenance != last_provenance || last_provenance_id == 0) {
      last_provenance.assign(provenance);
      auto [it, inserted] =
          provenance_ids->emplace(last_provenance, static_cast<std::uint32_t>(out->provenance_strings.size()));
      if (inserted) out->provenance_strings.push_back(last_provenance);
      last_provenance_id = it->second;
    }
    out->from.push_back(PositionIndex::kNotFound);
    out->to.push_back(PositionIndex::kNotFound);
    out->kind.push_back(kind);
    out->years.push_back(years);
    out->probability.push_back(probability);
    out->provenance.push_back(last_provenance_id);
    return endpoints.Add(row.Text(kFrom), row.Text(kTo), kind_text.empty());
  });
  return read && endpoints.Flush();
}

}  // namespace

std::optional<SnapshotParts> ReadCsvDirectory(const std::string& dir) {
  // The files the general path reads from the directory, in its order.
  auto files = LadderFilesIn(dir);
  if (!files.ok() || files->empty()) return std::nullopt;
  for (const auto& path : *files) {
    const std::string ext = ToLower(fs::path(path).extension().string());
    if (ext != ".csv" && ext != ".tsv") return std::nullopt;  // another format: the general path merges it
  }

  std::vector<Table> positions_tables, transitions_tables;
  for (const auto& path : *files) {
    auto text = ReadFile(path);
    if (!text.ok() || CheckUtf8Text(*text)) return std::nullopt;
    Table t;
    t.path = path;
    t.text = std::move(*text);
    t.delimiter = ToLower(fs::path(path).extension().string()) == ".tsv" ? '\t' : ',';
    CsvParser parser(t.text, t.delimiter);
    CsvRecord head;
    if (!parser.Next(&head)) return std::nullopt;  // empty or unreadable: let the general path say so
    t.header = ReadCsvHeader(head.fields);
    t.header_fields = head.fields.size();
    // A list of pairs (the peers' queries.tsv) is skipped there with a warning; any other
    // transitions table missing a column is an error.
    if (t.header.pair_list()) continue;
    if (!t.header.missing.empty()) return std::nullopt;
    // Tracks, competencies and profiles are read by the general path.
    if (CsvCatalogueKindOf(head.fields) != CsvCatalogueKind::kNone || !t.header.profile.empty()) return std::nullopt;
    if (t.header.transitions) transitions_tables.push_back(std::move(t));
    else if (t.header.positions()) positions_tables.push_back(std::move(t));
    else return std::nullopt;  // no ladder table: the general path says what it is
  }

  if (transitions_tables.empty()) return std::nullopt;  // the general path says what is missing
  SnapshotParts parts;
  parts.metadata.set_name(DefaultGraphName(dir));
  for (const auto& t : positions_tables)
    if (!ReadPositions(t, &parts.positions)) return std::nullopt;
  const PositionIndex index(parts.positions);
  TransitionColumns& columns = parts.columns;
  columns.provenance_strings.push_back("");
  std::unordered_map<std::string, std::uint32_t> provenance_ids = {{"", 0}};
  for (const auto& t : transitions_tables)
    if (!ReadTransitions(t, parts.positions, index, &columns, &provenance_ids)) return std::nullopt;
  return parts;
}

}  // namespace careergraph::io
