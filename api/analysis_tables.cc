// AnalysisTableCsv (include/careergraph/careergraph.h): the tables of `careergraph analyze --csv`.
#include "careergraph/careergraph.h"
#include "tools/batch/csv_tables.h"

namespace careergraph {

std::string AnalysisTableCsv(const v1::AnalysisReport& report, const std::string& table) {
  return batch::CsvTable(report, table);
}

}  // namespace careergraph
