// `careergraph analyze --distributed`: the batch run split over the processes of an MPI job
// (Boost.MPI over Open MPI), with one report, written by rank 0, that is byte for byte the
// report of a single-process run.
//
// How the work is split (N ranks):
//  1. every rank discovers the same ladder list; rank r loads ladders i with i % N == r;
//  2. ranks exchange ladder sizes; every rank also loads each large ladder (at least
//     split_threshold positions), so a large ladder's units can be split over all ranks;
//  3. each rank analyses its small ladders whole (threads over ladders) and computes its
//     share of every large ladder's units (unit u on rank u % N, threads over units);
//  4. rank 0 gathers the small ladders' reports and the large ladders' partial sums, merges
//     the partials (exact integer arithmetic, so the split cannot show in the result),
//     finishes the large ladders and the cross-ladder parts.
// Only rank 0 writes output and draws progress.
#pragma once

#include "careergraph/v1/report.pb.h"
#include "engine/status.h"
#include "tools/batch/runner.h"

namespace careergraph::batch {

struct DistributedResult {
  bool root = true;              // this process is rank 0 and owns the report
  int ranks = 1;
  v1::AnalysisReport report;     // complete on rank 0 only
};

// Whether this binary was built with MPI.
bool DistributedAvailable();

// Initialises MPI, runs, finalises. FAILED_PRECONDITION when built without MPI.
StatusOr<DistributedResult> RunDistributed(const BatchOptions& options);

}  // namespace careergraph::batch
