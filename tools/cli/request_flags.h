// Flags bound to request fields: a subcommand declares "--max-moves sets
// constraints.max_moves" and nothing else. Parsing, ranges of integer types, enum choices
// (from the proto descriptors, via engine/choices.h) and every default belong to the request
// message and the engine's normalization, so the CLI and HTTP cannot disagree.
//
// A flag the user did not give leaves its field unset, so the engine's documented default
// applies. When the command runs, the bindings also tell ReportError how to spell a field
// path as a flag ("constraints.avoid_tracks[1]" -> "--avoid-track").
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <google/protobuf/message.h>

#include "engine/status.h"

namespace careergraph::cli {

class RequestFlags {
 public:
  RequestFlags(CLI::App& sub, const google::protobuf::Descriptor* request);

  // A flag taking a value for `path`; repeated fields take repeats or comma lists. The help
  // of an enum field ends with its choices.
  CLI::Option* Value(const std::string& names, const std::string& path, std::string help);
  // NAME=VALUE pairs, comma-separated, for the scalar fields of the message at `path`
  // ("--weights years=1,risk=2" sets weights.years and weights.risk); a name given twice or
  // unknown is an error.
  CLI::Option* Pairs(const std::string& names, const std::string& path, const std::string& help);
  // KEY=NUMBER pairs, comma-separated, for a top-level map<string, double> field ("--have
  // people=4,strategy=3" sets have["people"] and have["strategy"]); a key given twice is an error.
  CLI::Option* Map(const std::string& names, const std::string& path, const std::string& help);
  // A switch for a bool field.
  CLI::Option* Switch(const std::string& names, const std::string& path, const std::string& help);
  // The hard exclusions of Constraints under `prefix` ("constraints."); `routes` adds the
  // route-only ones (via, max-moves, max-years).
  void Constraints(const std::string& prefix, bool routes);
  // What the exploration requests (plan, reach, next, compare, matrix) exclude on every position
  // moved into: their `constraints` and `min_leadership`.
  void MoveExclusions();

  // Sets every given flag's field in `msg`; errors name the flag.
  Status Fill(google::protobuf::Message* msg) const;

 private:
  struct Binding {
    std::string flag;  // "--max-moves"
    std::string path;  // "constraints.max_moves"
    std::vector<std::string> values;
    bool on = false;
    bool is_switch = false;
    bool is_pairs = false;
    bool is_map = false;
    CLI::Option* option = nullptr;
  };
  Status FillPairs(const Binding& b, google::protobuf::Message* msg) const;
  Status FillMap(const Binding& b, google::protobuf::Message* msg) const;

  CLI::App& sub_;
  const google::protobuf::Descriptor* request_;
  std::vector<std::unique_ptr<Binding>> bindings_;
};

// The running command's field-path -> flag spellings (set by RequestFlags::Fill).
void SetFlagSpellings(std::vector<std::pair<std::string, std::string>> path_to_flag);
// `text` with every known dotted or snake_case field path replaced by its flag.
std::string SpellFieldsAsFlags(const std::string& text);
// A single path ("constraints.avoid_tracks[1]") as its flag, or the path itself.
std::string FlagForField(const std::string& path);

}  // namespace careergraph::cli
