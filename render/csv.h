// Response messages as CSV tables for spreadsheets and BI tools, by reflection over the message
// descriptor: no hand-kept column lists, so a field added to the .proto appears as a column.
//
// The table's rows are the elements of the answer's main list, named by a field path per
// response type (kept in csv.cc, the one place that says which list is "main"):
//   RouteResponse       routes.steps          one row per step of each route
//   TradeoffsResponse   routes.route.steps    one row per step of each front route
//   PlanResponse        earnings.steps | pay.route.steps | expected.policy   (by goal)
//   ReachResponse       positions             NextResponse  moves
//   CompareResponse     options.series        one row per option and time step
//   MatrixResponse      rows.cells            one row per origin x destination
//   PositionsResponse   positions             GraphInfo     sources
//   Graph               positions             ValidationReport  findings
// Columns, in this order and stable for a type and path (they come from the descriptor, never
// from the data): for each repeated list on the path above the rows, `<list>_index` (1-based)
// and that element's scalar fields and its other sub-messages' scalar fields as
// `<list>.<field>` / `<list>.<message>.<field>`; then the row element's scalar fields by
// their proto names and its sub-messages' scalar fields as `<message>.<field>`. Repeated
// scalars are joined with "; ". Enums print their value names, booleans true/false, numbers
// in the shortest form that reads back exactly; an `optional` field that is absent is an
// empty cell (missing is not zero).
//
// Quoting is RFC 4180, which is also what the CSV ladder reader accepts: a cell holding a comma,
// a double quote, CR or LF is quoted, with quotes doubled; lines end with CRLF.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>

namespace careergraph::render {

// The row paths for `type`, in the order they are tried (the first whose lists are present
// wins); empty when the type has no CSV form.
std::vector<std::string> CsvRowPaths(const google::protobuf::Descriptor* type);

// The header for `type` with the given row path.
std::vector<std::string> CsvHeader(const google::protobuf::Descriptor* type, const std::string& path);

// The whole table (header line included); empty when the type has no CSV form.
std::string ToCsv(const google::protobuf::Message& msg);

// One cell, quoted when it needs to be.
std::string CsvCell(const std::string& value);

}  // namespace careergraph::render
