// The batch runner behind `careergraph analyze`: discover ladders, load and validate them,
// analyse each (engine/analysis.h), and assemble one careergraph.v1.AnalysisReport.
//
// Design choices:
//  - Two levels of parallelism. Ladders below `split_threshold` positions are analysed
//    whole, one per thread, many at a time (a corpus of small org ladders). Larger ladders
//    are analysed one at a time with every thread on their units (betweenness sources and
//    mobility searches). Neither choice can change the report: units merge exactly.
//  - The distributed runner (distributed.h) is built from the same pieces (LoadLadder,
//    LadderAnalysis, FinishLadder, CompleteReport), which is what makes its report the same
//    bytes as this one.
//  - A ladder with errors is not analysed; its entry carries the findings and rejected=true.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "careergraph/v1/report.pb.h"
#include "engine/analysis.h"
#include "engine/career_graph.h"
#include "engine/status.h"
#include "tools/batch/discover.h"

namespace careergraph::batch {

inline constexpr std::uint32_t kDefaultSplitThreshold = 1024;

struct BatchOptions {
  std::vector<std::string> ladders;  // files or directories (discover.h)
  v1::AnalyzeOptions analyze;        // resolved by the runner
  int threads = 0;                   // 0 = one per hardware thread
  std::uint32_t split_threshold = kDefaultSplitThreshold;
  bool progress = false;             // draw a progress bar on stderr
};

struct LoadedLadder {
  v1::LadderReport base;  // name, source, validation, rejected, summary.errors/warnings
  GraphPtr graph;         // null when rejected
};

// Reads and validates one ladder; never fails (problems become findings).
LoadedLadder LoadLadder(const LadderInput& input);

// The analysis report with the loaded ladder's name, source and validation.
v1::LadderReport FinishLadder(const LoadedLadder& loaded, v1::LadderReport analysis);

// Whether the ladder became a graph (false when its findings reject it).
bool NeedsAnalysis(const LoadedLadder& loaded);

// Runs everything in this process.
StatusOr<v1::AnalysisReport> RunBatch(const BatchOptions& options);

}  // namespace careergraph::batch
