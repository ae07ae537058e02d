// Reading the O*NET database for the import (onet_import.h): the tables in --onet-dir, the
// optional Work Activities file and the optional legacy Work Context folder, gathered as one
// record per occupation and the Related Occupations lists as edges.
//
// Design choices:
//  - Files are found by name in --onet-dir ("Job Zones.txt" or "Job Zones.tsv"), columns by
//    header name (onet_tables.h), descriptors by Element ID (stable across releases, unlike
//    element names); the legacy context table and the SOC 2010 -> 2019 crosswalk are
//    recognised in --context by their header line alone.
//  - Four tables are required: Occupation Data, Related Occupations, Job Zones and Work
//    Styles (the positions, the moves, the levels, and the one descriptor every release has
//    for leadership). Education, Training, and Experience and Skills are optional: Input says
//    whether they were there, and the import reports what it used instead.
//  - Descriptor tables are read in either O*NET layout (OnetScales in onet_tables.h): the
//    29.x text layout, a row per scale with "Scale ID" and "Data Value", or the 30.x layout,
//    a column per scale ("IM", "LV").
//  - All-or-nothing: the first malformed row stops the import with file:line, and a row
//    given twice (an occupation, a related pair, an index, a job zone, a category, an
//    element) is an error naming the first. A snapshot with quietly dropped rows would be
//    worse than none.
//  - Values are kept as read: a value O*NET does not give, or marks for suppression, is
//    left out (std::nullopt), never 0. Turning them into the graph's numbers, and filling
//    what is missing, is onet_estimates.h's work.
//  - Occupations are sorted by code and edges by source, then index, so everything after
//    reads them in one fixed order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/status.h"
#include "io/onet_import.h"
#include "io/onet_tables.h"

namespace careergraph::io::onet {

// Per-occupation descriptor values used by the model.
enum Descriptor {
  kWsLeadership,       // Work Styles 1.C.2.b Leadership (IM)
  kWsIndependence,     // Work Styles 1.C.6 Independence (IM)
  kWsAdaptability,     // Work Styles 1.C.4.c Adaptability/Flexibility (IM)
  kSkJudgment,         // Skills 2.B.4.e Judgment and Decision Making (IM)
  kWaGuiding,          // Work Activities 4.A.4.b.4 Guiding, Directing, and Motivating Subordinates (IM)
  kWaCoordinating,     // Work Activities 4.A.4.b.1 Coordinating the Work and Activities of Others (IM)
  kLegacyUnstructured, // legacy Work Context 4.C.3.b.8 Structured versus Unstructured Work (CX)
  kLegacyLeadership,   // legacy Work Styles Leadership (IM)
  kLegacyGuiding,      // legacy Work Activities Guiding, Directing, and Motivating Subordinates (IM)
  kLegacyCoordinating, // legacy Work Activities Coordinating the Work and Activities of Others (IM)
  kNumDescriptors
};

struct Occupation {
  std::string code, title, description;
  int zone = 0;
  std::optional<double> experience;  // expected related work experience, years (RW)
  std::optional<double> education;   // expected post-secondary education, years (RL)
  std::array<std::optional<double>, kNumDescriptors> d;
  std::array<unsigned, kNumDescriptors> d_line{};
  unsigned zone_line = 0;
  // RW / RL categories seen (to reject a repeated category) and the sums of their shares.
  std::uint32_t rw_seen = 0, rl_seen = 0;
  double rw_weight = 0, rw_years = 0, rl_weight = 0, rl_years = 0;
  bool node = false;  // takes part in Related Occupations
};

// One entry of an occupation's Related Occupations list.
struct RelatedEdge {
  std::size_t from, to;  // indexes into the occupations
  Tier tier;
  int index;
  unsigned line;
};

struct Input {
  std::vector<Occupation> occ;  // sorted by code
  std::unordered_map<std::string, std::size_t> by_code;
  std::vector<RelatedEdge> edges;  // by source, then index
  std::string related_file;
  std::vector<std::string> context_files;  // file names of the context table and the crosswalk, when read
  std::vector<std::string> tables_read;    // the --onet-dir tables read, in reading order
  bool experience_read = false;            // Education, Training, and Experience was there
  std::optional<TsvTable> skills;          // the Skills table, when there (its profiles are added later)
  // Work Styles: its file name, how many of the model's ratings it gave (0: none of the three
  // elements rated on the importance scale IM) and, in the 29.x layout, the scales it holds.
  std::string work_styles_file, work_styles_scales;
  std::size_t work_styles_values = 0;
};

// Reads the O*NET tables in a fixed order (Occupation Data, Related Occupations, Job Zones,
// Education, Training, and Experience when there, Work Styles, Skills when there, then
// options.activities and options.context_dir when given). The caller has checked that the
// folders and the files named in `options` exist.
StatusOr<Input> ReadInput(const OnetImportOptions& options);

// The required table `name` of the O*NET folder `dir`, as "<name>.txt" or "<name>.tsv";
// NOT_FOUND naming it when the folder has neither.
StatusOr<TsvTable> ReadOnetTable(const std::string& dir, std::string_view name);

// The SOC major group of an O*NET-SOC code: its first two digits ("15-1252.00" -> "15").
std::string MajorOf(const std::string& code);

// `v` with `digits` decimals, as messages and the import summary print numbers.
std::string Fixed(double v, int digits);

}  // namespace careergraph::io::onet
