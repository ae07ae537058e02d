// What a CSV ladder says besides positions and transitions: its tracks, its competency
// catalogue and each position's competency profile, so that a ladder kept as CSV tables
// carries everything the other formats do (export -> import is lossless).
//
//   tracks.csv         track (required), name, description, levels
//                      levels: the ladder's level labels, "LEVEL=LABEL" separated by ';'
//                      ("3=IC3;4=IC4;5=IC5")
//   competencies.csv   competency (the id; required), name, description, scale_min and
//                      scale_max (required, scale_min < scale_max), labels ("0=none;3=leads
//                      designs", as levels above), source
//   graph.csv          graph (the graph's name), version, currency, description: one row
//   sources.csv        source (a name), url, licence, attribution: one row per data source
//   positions.csv      one "competency:ID" column per competency of the profile; a cell is the
//                      required level ("3"), or the level and its importance in [0, 1]
//                      ("3@0.5"); an empty cell or "-" asks nothing of that competency
//
// A table is recognised by its header, when it has no id, from/to, years or probability
// column: a "competency" column with a scale_min or scale_max column is a catalogue; a
// "track" column with name, description or levels columns is a tracks table; a "graph"
// column makes the graph table; a "source" column with url, licence or attribution columns
// the sources table. Every problem is a finding at
// its file and line; a bad row is left out, so the checks after loading report nothing twice.
// Whether each profile's competency is in the catalogue, and its level inside the scale, is
// checked once every table is read (validate.h, by the engine's rule).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_reader.h"
#include "io/ladder_part.h"

namespace careergraph::io {

enum class CsvCatalogueKind { kNone, kTracks, kCompetencies, kGraph, kSources };

// Which catalogue table a header line starts, if any.
CsvCatalogueKind CsvCatalogueKindOf(const std::vector<std::string>& header);

// Read the rest of a table whose header `head` CsvCatalogueKindOf recognised.
LadderPart ReadCsvTracks(CsvParser& parser, const CsvRecord& head, const std::string& file);
LadderPart ReadCsvCompetencies(CsvParser& parser, const CsvRecord& head, const std::string& file);
LadderPart ReadCsvGraphTable(CsvParser& parser, const CsvRecord& head, const std::string& file);
LadderPart ReadCsvSources(CsvParser& parser, const CsvRecord& head, const std::string& file);

// The competency id of a profile column header ("competency:system_design" -> system_design).
std::optional<std::string> ProfileColumnId(std::string_view header_field);

// Adds the requirement a profile cell gives for `competency` to `p`; "" when the cell is fine
// (or empty), else what is wrong with it.
std::string AddCsvRequirement(const std::string& competency, std::string_view cell, v1::Position* p);

// The writing side, in the forms above (empty when the graph has no tracks / competencies).
std::string TracksCsv(const v1::Metadata& metadata);
std::string CompetenciesCsv(const v1::Metadata& metadata);
std::string GraphCsv(const v1::Metadata& metadata);
std::string SourcesCsv(const v1::Metadata& metadata);
// The profile columns of positions.csv: their header fields (",competency:ID" each) and one
// position's cells (",3@0.5" each), in catalogue order.
std::string ProfileHeader(const v1::Metadata& metadata);
std::string ProfileCells(const v1::Metadata& metadata, const v1::Position& p);


}  // namespace careergraph::io
