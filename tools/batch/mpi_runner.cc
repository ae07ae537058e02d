// The distributed batch run over Boost.MPI (see distributed.h for how work is split).
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include "engine/thread_pool.h"
#include "tools/batch/distributed.h"
#include "tools/batch/progress.h"

namespace careergraph::batch {
namespace {

namespace mpi = boost::mpi;

// FNV-1a over the discovered sources: ranks compare it to prove they see the same ladders.
std::uint64_t Fingerprint(const std::vector<LadderInput>& inputs) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    h = (h ^ 0xff) * 0x100000001b3ULL;
  };
  for (const auto& in : inputs) {
    mix(in.source);
    for (const auto& p : in.paths) mix(p);
  }
  return h == 0 ? 1 : h;
}

}  // namespace

bool DistributedAvailable() { return true; }

StatusOr<DistributedResult> RunDistributed(const BatchOptions& options) {
  mpi::environment env(mpi::threading::funneled, /*abort_on_exception=*/true);
  mpi::communicator world;
  const int rank = world.rank(), ranks = world.size();
  DistributedResult result;
  result.root = rank == 0;
  result.ranks = ranks;

  // Every rank resolves and discovers on its own; they must agree before any real work.
  auto resolved = ResolveAnalyzeOptions(options.analyze);
  auto inputs = DiscoverLadders(options.ladders);
  const std::uint64_t mine = resolved.ok() && inputs.ok() ? Fingerprint(*inputs) : 0;
  std::uint64_t lo = 0, hi = 0;
  mpi::all_reduce(world, mine, lo, mpi::minimum<std::uint64_t>());
  mpi::all_reduce(world, mine, hi, mpi::maximum<std::uint64_t>());
  if (!resolved.ok()) return resolved.status();
  if (!inputs.ok()) return inputs.status();
  if (lo != hi)
    return Status::InvalidArgument(
        "the MPI ranks do not see the same ladder files (discovery failed or listed different files on some "
        "host); put the ladders on a file system every host mounts at the same path");
  const std::size_t count = inputs->size();
  const int threads = ResolveThreads(options.threads);
  Progress progress(options.progress && result.root);

  // 1. Own share of the ladders.
  std::vector<LoadedLadder> loaded(count);
  std::vector<std::size_t> owned;
  for (std::size_t i = static_cast<std::size_t>(rank); i < count; i += static_cast<std::size_t>(ranks))
    owned.push_back(i);
  progress.Stage("loading ladders", owned.size());
  ParallelFor(owned.size(), threads, [&](std::size_t k, int) {
    loaded[owned[k]] = LoadLadder((*inputs)[owned[k]]);
    progress.counter().fetch_add(1, std::memory_order_relaxed);
  });

  // 2. Sizes everywhere (positions + 1; 0 = rejected); each entry has exactly one writer.
  std::vector<std::uint64_t> local(count, 0), sizes(count, 0);
  for (std::size_t i : owned)
    if (NeedsAnalysis(loaded[i])) local[i] = loaded[i].graph->num_positions() + 1ULL;
  if (count > 0) mpi::all_reduce(world, local.data(), static_cast<int>(count), sizes.data(), std::plus<std::uint64_t>());
  std::vector<std::size_t> large, to_load;
  for (std::size_t i = 0; i < count; ++i)
    if (sizes[i] > 0 && sizes[i] - 1 >= options.split_threshold) {
      large.push_back(i);
      if (static_cast<int>(i % static_cast<std::size_t>(ranks)) != rank) to_load.push_back(i);
    }
  progress.Stage("loading large ladders", to_load.size());
  ParallelFor(to_load.size(), threads, [&](std::size_t k, int) {
    loaded[to_load[k]] = LoadLadder((*inputs)[to_load[k]]);
    progress.counter().fetch_add(1, std::memory_order_relaxed);
  });

  // 3. Small ladders whole, serialised for rank 0.
  std::vector<std::size_t> small;
  for (std::size_t i : owned)
    if (!(sizes[i] > 0 && sizes[i] - 1 >= options.split_threshold)) small.push_back(i);
  std::vector<std::pair<std::uint32_t, std::string>> done(small.size());
  progress.Stage("analysing ladders", small.size());
  ParallelFor(small.size(), threads, [&](std::size_t k, int) {
    const std::size_t i = small[k];
    v1::LadderReport r;
    if (NeedsAnalysis(loaded[i])) {
      LadderAnalysis a(loaded[i].graph, *resolved);
      const auto units = a.AllUnits();
      r = FinishLadder(loaded[i], a.Finish(a.Compute(units, 1)));
      loaded[i].graph.reset();
    } else {
      r = loaded[i].base;
    }
    done[k] = {static_cast<std::uint32_t>(i), r.SerializeAsString()};
    progress.counter().fetch_add(1, std::memory_order_relaxed);
  });

  std::vector<v1::LadderReport> reports(result.root ? count : 0);

  // 4. Large ladders: every rank its shard of the units, rank 0 merges and finishes.
  for (std::size_t i : large) {
    LadderAnalysis a(loaded[i].graph, *resolved);
    const auto units = a.ShardUnits(rank, ranks);
    progress.Stage((*inputs)[i].source, units.size());
    const std::vector<std::uint64_t> packed = a.Compute(units, threads, &progress.counter()).Pack();
    if (result.root) {
      std::vector<std::vector<std::uint64_t>> parts;
      mpi::gather(world, packed, parts, 0);
      AnalysisPartial merged = a.EmptyPartial();
      const std::size_t horizons = static_cast<std::size_t>(resolved->mobility_years_size());
      for (const auto& p : parts) {
        auto part = AnalysisPartial::Unpack(p, a.graph().num_positions(), horizons);
        if (!part.ok()) {
          world.abort(3);
          return part.status();
        }
        merged.Merge(*part);
      }
      reports[i] = FinishLadder(loaded[i], a.Finish(merged));
    } else {
      mpi::gather(world, packed, 0);
    }
    loaded[i].graph.reset();
  }
  progress.Done();

  // 5. Small ladders' reports to rank 0.
  if (result.root) {
    std::vector<std::vector<std::pair<std::uint32_t, std::string>>> all;
    mpi::gather(world, done, all, 0);
    for (const auto& from_rank : all)
      for (const auto& [i, bytes] : from_rank)
        if (i >= count || !reports[i].ParseFromString(bytes)) {
          world.abort(3);
          return Status::Internal("a ladder report from another rank did not parse");
        }
    *result.report.mutable_options() = *resolved;
    for (auto& r : reports) *result.report.add_ladders() = std::move(r);
    CAREERGRAPH_RETURN_IF_ERROR(CompleteReport(&result.report));
  } else {
    mpi::gather(world, done, 0);
  }
  return result;
}

}  // namespace careergraph::batch
