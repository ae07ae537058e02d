// The report as CSV tables for spreadsheets and dashboards, one file per grain:
//
//   ladders.csv          one row per ladder: the comparison table
//   tracks.csv           one row per track of each ladder
//   track_levels.csv     one row per level of each track (promotion velocity)
//   positions.csv        one row per position of each ladder
//   track_switches.csv   one row per (from track, to track) pair of each ladder
//   level_mapping.csv    one row per level of each ladder mapped onto the reference ladder
//   competency_gates.csv one row per competency gating promotions or track switches of a ladder
//   largest_gaps.csv     one row per move among a ladder's largest competency gaps
//   findings.csv         one row per validation finding
//
// Every file has a header row; the first column names the ladder (its source) so the files
// join on it. Numbers are written in the shortest form that reads back to the same double,
// booleans as true/false, lists inside a cell separated by ';'. Text cells are quoted when
// they hold a comma, quote or line break (RFC 4180), and text starting with = + - @ gets a
// leading apostrophe so a spreadsheet never runs a ladder's title as a formula. Each file
// is written atomically.
#pragma once

#include <string>

#include "careergraph/v1/report.pb.h"
#include "engine/status.h"

namespace careergraph::batch {

// Creates `dir` if needed and writes the tables into it.
Status WriteCsvTables(const v1::AnalysisReport& report, const std::string& dir);

// One table as text (exposed for tests): "ladders", "tracks", "track_levels", "positions",
// "track_switches", "level_mapping", "competency_gates", "largest_gaps" or "findings". Empty
// for an unknown name.
std::string CsvTable(const v1::AnalysisReport& report, const std::string& table);

}  // namespace careergraph::batch
