// A graph written as CSV tables that the CSV reader (csv_reader.h, csv_catalogue.h) reads
// back to the same graph: positions.csv (with the competency profile columns),
// transitions.csv, and graph.csv, sources.csv, tracks.csv and competencies.csv when the graph
// has what they hold. Numbers are written in their shortest exact form and unknown values as
// empty cells, so export -> import -> build gives the same snapshot.
#pragma once

#include <string>
#include <string_view>

#include "engine/career_graph.h"

namespace careergraph::io {

struct CsvTables {
  std::string positions, transitions;
  std::string graph, sources, tracks, competencies;  // empty when the graph has none
};

CsvTables WriteCsvTables(const CareerGraph& g);

// A field quoted when it must be (a comma, a quote, a tab or a line break inside).
std::string CsvQuote(std::string_view s);
// The shortest text that reads back as the same double; "" for NaN (unknown).
std::string CsvNumber(double v);

}  // namespace careergraph::io
