#include "io/load.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "engine/career_graph.h"
#include "engine/position_index.h"
#include "io/atomic_file.h"
#include "io/csv_reader.h"
#include "io/finding.h"
#include "io/ladder_part.h"
#include "io/proto_reader.h"
#include "io/text_encoding.h"
#include "io/validate.h"
#include "io/yaml_reader.h"

namespace careergraph::io {
namespace {

namespace fs = std::filesystem;

enum class Format { kCsv, kTsv, kYaml, kBinary, kText, kJson, kUnknown };

constexpr std::string_view kKnownExtensions = ".csv .tsv .yaml .yml .json .pb .binpb .textproto .txtpb .pbtxt";

Format FormatOf(const fs::path& p) {
  const std::string ext = ToLower(p.extension().string());
  if (ext == ".csv") return Format::kCsv;
  if (ext == ".tsv") return Format::kTsv;
  if (ext == ".yaml" || ext == ".yml") return Format::kYaml;
  if (ext == ".pb" || ext == ".binpb") return Format::kBinary;
  if (ext == ".textproto" || ext == ".txtpb" || ext == ".pbtxt") return Format::kText;
  if (ext == ".json") return Format::kJson;
  return Format::kUnknown;
}

LadderPart Failed(const std::string& file, v1::Finding f) {
  LadderPart part;
  part.where.files = {file};
  part.findings.push_back(std::move(f));
  return part;
}

LadderPart ReadBytes(const std::string& path, Format format, std::string_view bytes, bool in_directory) {
  if (format != Format::kBinary) {
    // Text formats: UTF-8 only (text_encoding.h), a byte-order mark allowed, and never empty.
    if (auto bad = CheckUtf8Text(bytes)) return Failed(path, ErrorFinding("not-utf8", bad->message, path, bad->line, ""));
    if (StripUtf8Bom(bytes).find_first_not_of(" \t\r\n") == std::string_view::npos)
      return Failed(path, ErrorFinding("parse-error", "empty file; it holds no ladder", path, 0, ""));
  } else if (bytes.empty()) {
    return Failed(path, ErrorFinding("parse-error", "empty file; rebuild it with 'careergraph build'", path, 0, ""));
  }
  const std::string_view text = format == Format::kBinary ? bytes : StripUtf8Bom(bytes);
  switch (format) {
    case Format::kCsv: return ReadCsvLadder(text, path, ',', in_directory);
    case Format::kTsv: return ReadCsvLadder(text, path, '\t', in_directory);
    case Format::kYaml: return ReadYamlLadder(text, path);
    case Format::kBinary: return ReadProtoLadder(text, path, ProtoFormat::kBinary);
    case Format::kText: return ReadProtoLadder(text, path, ProtoFormat::kText);
    case Format::kJson: return ReadProtoLadder(text, path, ProtoFormat::kJson);
    case Format::kUnknown: break;
  }
  return LadderPart{};
}

LadderPart ReadOne(const std::string& path, bool in_directory) {
  const Format format = FormatOf(path);
  if (format == Format::kUnknown)
    return Failed(path, ErrorFinding("unknown-format",
                                     "cannot tell the format of '" + path + "' from its name; use one of " +
                                         std::string(kKnownExtensions),
                                     path, 0, ""));
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return Failed(path, ErrorFinding("io-error", bytes.status().message(), path, 0, ""));
  return ReadBytes(path, format, *bytes, in_directory);
}

void ReadInput(const std::string& input, std::vector<LadderPart>* parts) {
  std::error_code ec;
  const fs::file_status st = fs::status(input, ec);
  if (ec || !fs::exists(st)) {
    parts->push_back(Failed(input, ErrorFinding("io-error", "no such file: " + input, input, 0, "")));
    return;
  }
  if (!fs::is_directory(st)) {
    parts->push_back(ReadOne(input, false));
    return;
  }
  auto listed = LadderFilesIn(input);
  if (!listed.ok()) {
    parts->push_back(Failed(input, ErrorFinding("io-error", listed.status().message(), input, 0, "")));
    return;
  }
  const std::vector<std::string>& files = *listed;
  if (files.empty()) {
    parts->push_back(Failed(input, ErrorFinding("no-input",
                                                "directory has no ladder files (" + std::string(kKnownExtensions) + ")",
                                                input, 0, "")));
    return;
  }
  const std::size_t first = parts->size();
  bool any_transitions = false;
  for (const auto& f : files) {
    parts->push_back(ReadOne(f, true));
    any_transitions = any_transitions || parts->back().graph.transitions_size() > 0 ||
                      parts->back().graph.transition_table().from_size() > 0;
  }
  // A table skipped as "not a ladder table" is one the directory can do without only when
  // another table gives its moves; otherwise skipping it would build a ladder with no moves.
  if (any_transitions) return;
  for (std::size_t i = first; i < parts->size(); ++i)
    for (auto& finding : (*parts)[i].findings)
      if (finding.code() == "skipped-file") {
        finding.set_severity(v1::ERROR);
        finding.set_code("no-transitions");
        finding.set_message(finding.message().substr(0, finding.message().rfind(", skipped")) +
                            " and no other table in " + input +
                            " gives transitions; add years and probability columns to it, or add a "
                            "transitions table (from, to, years, probability)");
      }
}

// Locations padded so index i of the graph's records has an entry; file indexes shift by
// the files before this part.
void AppendLocs(const std::vector<SourceMap::Loc>& from, std::size_t count, std::uint32_t file_offset,
                std::vector<SourceMap::Loc>* out) {
  for (std::size_t i = 0; i < count; ++i) {
    if (i < from.size()) {
      out->push_back(from[i]);
      out->back().file += file_offset;
    } else {
      AddLoc(out, 0, file_offset);
    }
  }
}

// What the merged metadata holds (track and competency ids, sources), looked up as each
// input's are added: a directory of a thousand org ladders brings thousands of each.
struct MetadataIds {
  std::unordered_set<std::string> tracks, competencies;
  std::unordered_set<std::string> sources;  // name '\0' url

  static std::string SourceKey(const v1::Source& s) { return s.name() + '\0' + s.url(); }
  void Reset(const v1::Metadata& md) {
    tracks.clear();
    competencies.clear();
    sources.clear();
    for (const auto& t : md.tracks()) tracks.insert(t.id());
    for (const auto& c : md.competencies()) competencies.insert(c.id());
    for (const auto& s : md.sources()) sources.insert(SourceKey(s));
  }
};

// Adds track `t` to `md` unless a track with its id is there already.
void MergeTrack(const v1::Track& t, v1::Metadata* md, MetadataIds* ids) {
  if (ids->tracks.insert(t.id()).second) *md->add_tracks() = t;
}

// Adds competency `c` to `md` unless one with its id is there already.
void MergeCompetency(const v1::Competency& c, v1::Metadata* md, MetadataIds* ids) {
  if (ids->competencies.insert(c.id()).second) *md->add_competencies() = c;
}

LadderPart Merge(std::vector<LadderPart> parts, const std::vector<std::string>& inputs) {
  LadderPart out;
  if (parts.size() == 1) {
    out = std::move(parts[0]);
  } else {
    std::vector<SourceMap::Loc> table_locs;
    auto* table = out.graph.mutable_transition_table();
    std::unordered_map<std::string, std::uint32_t> prov_ids;
    MetadataIds ids;
    for (auto& part : parts) {
      v1::Graph& g = part.graph;
      const std::size_t offset = static_cast<std::size_t>(out.graph.positions_size());
      const std::size_t row_offset = static_cast<std::size_t>(out.graph.transitions_size());
      const auto file_offset = static_cast<std::uint32_t>(out.where.files.size());
      for (const auto& f : part.where.files) out.where.files.push_back(f);
      // Metadata from the first input with a name; everyone's sources are kept (licences).
      // Tracks likewise, the first description of a track id winning.
      if (out.graph.metadata().name().empty() && !g.metadata().name().empty()) {
        auto sources = out.graph.metadata().sources();
        auto tracks = out.graph.metadata().tracks();
        auto competencies = out.graph.metadata().competencies();
        *out.graph.mutable_metadata() = g.metadata();
        ids.Reset(out.graph.metadata());
        for (const auto& c : competencies) MergeCompetency(c, out.graph.mutable_metadata(), &ids);
        for (const auto& s : sources) {
          *out.graph.mutable_metadata()->add_sources() = s;
          ids.sources.insert(MetadataIds::SourceKey(s));
        }
        for (const auto& t : tracks) MergeTrack(t, out.graph.mutable_metadata(), &ids);
      } else {
        // A part without a name may still say what the named one left empty (a CSV graph
        // table with a currency but no name).
        v1::Metadata* md = out.graph.mutable_metadata();
        if (md->version().empty()) md->set_version(g.metadata().version());
        if (md->currency().empty()) md->set_currency(g.metadata().currency());
        if (md->description().empty()) md->set_description(g.metadata().description());
        for (const auto& t : g.metadata().tracks()) MergeTrack(t, out.graph.mutable_metadata(), &ids);
        for (const auto& c : g.metadata().competencies()) MergeCompetency(c, out.graph.mutable_metadata(), &ids);
        for (const auto& s : g.metadata().sources())
          if (ids.sources.insert(MetadataIds::SourceKey(s)).second) *out.graph.mutable_metadata()->add_sources() = s;
      }
      AppendLocs(part.where.positions, static_cast<std::size_t>(g.positions_size()), file_offset, &out.where.positions);
      for (auto& p : *g.mutable_positions()) *out.graph.add_positions() = std::move(p);
      AppendLocs(part.where.transitions, static_cast<std::size_t>(g.transitions_size()), file_offset,
                 &out.where.transitions);
      for (auto& t : *g.mutable_transitions()) *out.graph.add_transitions() = std::move(t);
      for (std::size_t i : part.infer_kind) out.infer_kind.push_back(row_offset + i);
      // Columnar transitions: indexes shift by the positions before this input.
      const auto& t = g.transition_table();
      const std::size_t n = static_cast<std::size_t>(g.positions_size());
      constexpr std::uint32_t kBad = std::numeric_limits<std::uint32_t>::max();
      for (int j = 0; j < t.from_size(); ++j) {
        auto shift = [&](const auto& col) -> std::uint32_t {
          if (j >= col.size() || col.Get(j) >= n) return kBad;
          return static_cast<std::uint32_t>(col.Get(j) + offset);
        };
        table->add_from(shift(t.from()));
        table->add_to(shift(t.to()));
        table->add_kind(j < t.kind_size() ? t.kind(j) : v1::TRANSITION_KIND_UNSPECIFIED);
        table->add_years(j < t.years_size() ? t.years(j) : std::numeric_limits<double>::quiet_NaN());
        table->add_probability(j < t.probability_size() ? t.probability(j) : std::numeric_limits<double>::quiet_NaN());
        std::string prov;
        if (j < t.provenance_size() && static_cast<int>(t.provenance(j)) < t.provenance_strings_size())
          prov = t.provenance_strings(static_cast<int>(t.provenance(j)));
        if (prov_ids.empty()) {
          prov_ids.emplace("", 0);
          table->add_provenance_strings("");
        }
        auto [it, inserted] = prov_ids.emplace(prov, static_cast<std::uint32_t>(prov_ids.size()));
        if (inserted) table->add_provenance_strings(prov);
        table->add_provenance(it->second);
        AddLoc(&table_locs, 0, file_offset);
      }
      for (auto& f : part.findings) out.findings.push_back(std::move(f));
    }
    if (table->from_size() == 0) out.graph.clear_transition_table();
    for (auto& l : table_locs) out.where.transitions.push_back(std::move(l));
  }
  if (out.graph.metadata().name().empty() && !inputs.empty())
    out.graph.mutable_metadata()->set_name(DefaultGraphName(inputs[0]));
  return out;
}

// See load.h for the rule.
void InferKinds(LadderPart* part) {
  if (part->infer_kind.empty()) return;
  std::unordered_map<std::string_view, const v1::Position*> by_id;
  for (const auto& p : part->graph.positions()) by_id.emplace(p.id(), &p);
  for (std::size_t i : part->infer_kind) {
    v1::Transition* t = part->graph.mutable_transitions(static_cast<int>(i));
    auto f = by_id.find(t->from()), to = by_id.find(t->to());
    if (f == by_id.end() || to == by_id.end()) {
      // The unknown endpoint is reported; no second finding for the kind.
      if (i < part->where.transitions.size()) part->where.transitions[i].reported |= SourceMap::kKind;
      continue;
    }
    t->set_kind(InferKind(*f->second, *to->second));
  }
}

LadderPart Finish(std::vector<LadderPart> parts, const std::vector<std::string>& inputs,
                  const LoadOptions& options = {}) {
  std::unordered_map<std::string, std::size_t> rank;
  for (const auto& p : parts)
    for (const auto& f : p.where.files) rank.emplace(f, rank.size());
  LadderPart all = Merge(std::move(parts), inputs);
  InferKinds(&all);
  for (const auto& f : all.findings)
    if (f.code() == "parse-error" || f.code() == "missing-column" || f.code() == "io-error" ||
        f.code() == "unknown-format" || f.code() == "not-utf8" || f.code() == "bad-table")
      all.where.incomplete = true;
  // A ladder with no positions answers nothing: refuse it rather than write an empty snapshot.
  const bool has_errors = std::any_of(all.findings.begin(), all.findings.end(),
                                      [](const v1::Finding& f) { return f.severity() == v1::ERROR; });
  if (all.graph.positions_size() == 0 && !has_errors && !inputs.empty())
    all.findings.push_back(ErrorFinding("no-positions",
                                        "the ladder has no positions; check that this is the file you meant (a "
                                        "positions table, tracks or positions entries)",
                                        inputs[0], 0, ""));
  ValidateGraph(all.graph, all.where, &all.findings, ValidateOptions{.warnings = options.warnings});
  auto rank_of = [&](const std::string& file) {
    auto it = rank.find(file);
    return it == rank.end() ? rank.size() : it->second;
  };
  std::stable_sort(all.findings.begin(), all.findings.end(), [&](const v1::Finding& a, const v1::Finding& b) {
    const std::size_t ra = rank_of(a.file()), rb = rank_of(b.file());
    if (ra != rb) return ra < rb;
    return a.line() < b.line();
  });
  return all;
}

LoadResult ToResult(LadderPart part) {
  LoadResult r;
  r.graph = std::move(part.graph);
  r.findings = std::move(part.findings);
  return r;
}

}  // namespace

StatusOr<std::vector<std::string>> LadderFilesIn(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (!entry.is_regular_file(ec) || FormatOf(entry.path()) == Format::kUnknown) continue;
    files.push_back(entry.path().string());
  }
  if (ec) return Status::Io("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::string DefaultGraphName(const std::string& first_input) {
  fs::path first(first_input);
  if (!first.has_filename()) first = first.parent_path();  // "dir/"
  return first.stem().string();
}

v1::TransitionKind InferKind(const v1::Position& a, const v1::Position& b) {
  if (a.org() != b.org()) return v1::TRANSITION_KIND_ORG_CHANGE;
  if (a.track() == b.track() && b.level() == a.level() + 1) return v1::TRANSITION_KIND_PROMOTION;
  if (a.track() != b.track()) return v1::TRANSITION_KIND_TRACK_SWITCH;
  return v1::TRANSITION_KIND_LATERAL;
}

std::string BadLevelMessage(const std::string& text, const std::string& label_field, bool scalar) {
  constexpr char kWhole[] = " is not a whole number; levels are whole numbers like 5";
  if (!scalar) return std::string("level (a list or mapping)") + kWhole;
  if (text.empty()) return "level is empty; levels are whole numbers like 5";
  std::string msg = "level '" + text + "'" + kWhole;
  // "L5", "IC4", "E6": a label with the level in it (a number a level can be).
  std::size_t letters = 0;
  while (letters < text.size() && std::isalpha(static_cast<unsigned char>(text[letters]))) ++letters;
  const std::string_view digits = std::string_view(text).substr(letters);
  int level = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), level);
  if (letters > 0 && !digits.empty() && ec == std::errc() && end == digits.data() + digits.size() &&
      std::isdigit(static_cast<unsigned char>(digits.front())))
    msg += " (for '" + text + "' write level " + std::to_string(level) + " and " + label_field + " '" + text + "')";
  return msg;
}

bool LoadResult::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const v1::Finding& f) { return f.severity() == v1::ERROR; });
}

Status LoadResult::FirstError() const {
  for (const auto& f : findings)
    if (f.severity() == v1::ERROR) {
      std::size_t errors = 0;
      for (const auto& g : findings) errors += g.severity() == v1::ERROR;
      Status st = FindingToStatus(f);
      if (errors > 1)
        return Status(st.code(), st.message() + " (and " + std::to_string(errors - 1) +
                                     " more; run 'careergraph validate' to list them)")
            .WithField(st.field())
            .WithLocation(st.file(), st.line());
      return st;
    }
  return Status::Ok();
}

LoadResult LoadLadders(const std::vector<std::string>& inputs, const LoadOptions& options) {
  if (inputs.empty()) {
    LoadResult r;
    r.findings.push_back(ErrorFinding("no-input", "no input given; name a ladder file or a directory", "", 0, ""));
    return r;
  }
  std::vector<LadderPart> parts;
  for (const auto& in : inputs) ReadInput(in, &parts);
  return ToResult(Finish(std::move(parts), inputs, options));
}

LoadResult LoadLadderBytes(std::string_view bytes, const std::string& name) {
  std::vector<LadderPart> parts;
  const Format format = FormatOf(name);
  parts.push_back(format == Format::kUnknown
                      ? Failed(name, ErrorFinding("unknown-format", "cannot tell the format of '" + name + "'", name, 0, ""))
                      : ReadBytes(name, format, bytes, false));
  return ToResult(Finish(std::move(parts), {name}));
}

LoadResult LoadYamlLadder(std::string_view yaml_text, const std::string& name) {
  std::vector<LadderPart> parts;
  parts.push_back(ReadYamlLadder(yaml_text, name));
  return ToResult(Finish(std::move(parts), {name}));
}

}  // namespace careergraph::io
