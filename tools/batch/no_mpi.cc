// Built instead of mpi_runner.cc when CMake finds no MPI or Boost.MPI.
#include "tools/batch/distributed.h"

namespace careergraph::batch {

bool DistributedAvailable() { return false; }

StatusOr<DistributedResult> RunDistributed(const BatchOptions&) {
  return Status(v1::FAILED_PRECONDITION,
                "this careergraph was built without MPI, so --distributed is not available; install Boost.MPI "
                "and Open MPI (scripts/setup.sh) and rebuild, or drop --distributed to run in one process");
}

}  // namespace careergraph::batch
