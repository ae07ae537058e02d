// Whole-graph checks run after reading (the per-record parse checks happen in the readers).
//
// Errors (reject):  duplicate-id, missing-value (an empty id / from / to), unknown-position,
//                   bad-years, bad-probability, bad-ambiguity, bad-leadership, negative-pay, bad-pay,
//                   bad-kind, no-positions; and from the readers: malformed-number,
//                   missing-column, malformed-row, parse-error, io-error, unknown-format,
//                   no-input, not-utf8 (text_encoding.h), bad-table (CheckTransitionTable)
// Warnings (keep):  unreachable (no way in and not the lowest level of its track in its org),
//                   dead-end (no way out and not the highest level of its track in its org),
//                   pay-inversion (a higher level in the same org and track pays less than a
//                   lower one; a pay of 0 means "unknown" and is not compared; the rule
//                   is engine/pay_inversion.h, shared with `careergraph analyze`), self-loop,
//                   duplicate-transition (same from, to and kind again); and from the
//                   readers: unknown-key, unknown-column, skipped-file
//
// Each problem is reported once: a duplicate at its second occurrence (naming the first),
// a value a reader already reported as malformed is not checked again (SourceMap::Loc::reported).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "careergraph/v1/error.pb.h"
#include "careergraph/v1/graph.pb.h"
#include "engine/career_graph.h"

namespace careergraph::io {

// Where each record came from, for findings: index i of positions / transitions, where the
// transitions are the rows first, then the entries of the columnar transition_table.
struct SourceMap {
  // Fields, as bits of Loc::reported.
  enum Field : std::uint32_t {
    kId = 1u << 0, kLevel = 1u << 1, kPay = 1u << 2, kAmbiguity = 1u << 3, kLeadership = 1u << 4,
    kFrom = 1u << 5, kTo = 1u << 6, kKind = 1u << 7, kYears = 1u << 8, kProbability = 1u << 9,
  };
  struct Loc {
    std::uint32_t file = 0;  // index into `files`
    unsigned line = 0;
    // Lines of single fields where they differ from `line` (YAML block mappings, CSV records
    // spanning lines); field names as in findings ("pay", "years", ...).
    std::vector<std::pair<std::string, unsigned>> field_lines;
    // Fields a reader already reported an error for; the whole-graph checks skip them.
    std::uint32_t reported = 0;

    unsigned LineOf(std::string_view field) const;
  };
  // The input files. Records past the end of the vectors below are in files[0] (a large
  // binary snapshot needs no per-record entries: it has no lines).
  std::vector<std::string> files;
  std::vector<Loc> positions;
  std::vector<Loc> transitions;
  // Some input could not be read (parse error, missing column, unreadable file): the
  // whole-ladder warnings (unreachable, dead-end) would only repeat that, so they are left out.
  bool incomplete = false;
};

struct ValidateOptions {
  // Also the warnings (unreachable, dead-end, pay-inversion, self-loop,
  // duplicate-transition); without them only errors are looked for.
  bool warnings = true;
};

// Appends findings for `g` to `out`. `where` may be shorter than the graph (then no line).
void ValidateGraph(const v1::Graph& g, const SourceMap& where, std::vector<v1::Finding>* out,
                   const ValidateOptions& options = {});

// The bounds of a transition's numbers (CareerGraph::Build applies the same), and how a
// finding states the one for years.
inline bool YearsInBounds(double years) { return years > 0 && years <= kMaxTransitionYears; }
inline bool ProbabilityInBounds(double p) { return p > 0 && p <= 1; }
inline constexpr const char* kYearsRule =
    "must be a number > 0 and at most 100; give the expected time the move takes in years, e.g. 2.5";

// The columnar transition_table of one input file: every column as long as `from` (kind and
// provenance may be left empty) and every provenance index inside provenance_strings. Appends
// errors naming `file` (bad-table); readers of protobuf inputs call it before merging.
void CheckTransitionTable(const v1::Graph& g, const std::string& file, std::vector<v1::Finding>* out);

v1::ValidationReport MakeReport(const v1::Graph& g, const std::vector<v1::Finding>& findings);

}  // namespace careergraph::io
