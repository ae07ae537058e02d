#include "tools/batch/runner.h"

#include <memory>
#include <utility>

#include "engine/thread_pool.h"
#include "io/finding.h"
#include "io/load.h"
#include "io/validate.h"
#include "tools/batch/progress.h"

namespace careergraph::batch {

LoadedLadder LoadLadder(const LadderInput& input) {
  LoadedLadder out;
  io::LoadResult loaded = io::LoadLadders(input.paths);
  out.base.set_name(loaded.graph.metadata().name());
  out.base.set_source(input.source);
  *out.base.mutable_validation() = io::MakeReport(loaded.graph, loaded.findings);
  if (!loaded.has_errors()) {
    auto g = CareerGraph::Build(std::move(loaded.graph));  // the snapshot is not needed after this
    if (g.ok()) {
      out.graph = std::move(*g);
    } else {
      const Status& st = g.status();
      *out.base.mutable_validation()->add_findings() = io::ErrorFinding(
          "invalid-data", st.message(), st.file().empty() ? input.source : st.file(), st.line(), st.field());
      out.base.mutable_validation()->set_errors(out.base.validation().errors() + 1);
    }
  }
  out.base.set_rejected(out.graph == nullptr);
  out.base.mutable_summary()->set_errors(out.base.validation().errors());
  out.base.mutable_summary()->set_warnings(out.base.validation().warnings());
  return out;
}

bool NeedsAnalysis(const LoadedLadder& loaded) { return loaded.graph != nullptr; }

v1::LadderReport FinishLadder(const LoadedLadder& loaded, v1::LadderReport analysis) {
  analysis.set_name(loaded.base.name());
  analysis.set_source(loaded.base.source());
  *analysis.mutable_validation() = loaded.base.validation();
  analysis.mutable_summary()->set_errors(loaded.base.validation().errors());
  analysis.mutable_summary()->set_warnings(loaded.base.validation().warnings());
  return analysis;
}

StatusOr<v1::AnalysisReport> RunBatch(const BatchOptions& options) {
  auto resolved = ResolveAnalyzeOptions(options.analyze);
  if (!resolved.ok()) return resolved.status();
  auto inputs = DiscoverLadders(options.ladders);
  if (!inputs.ok()) return inputs.status();
  const int threads = ResolveThreads(options.threads);
  const std::size_t count = inputs->size();

  Progress progress(options.progress);
  std::vector<LoadedLadder> loaded(count);
  progress.Stage("loading ladders", count);
  ParallelFor(count, threads, [&](std::size_t i, int) {
    loaded[i] = LoadLadder((*inputs)[i]);
    progress.counter().fetch_add(1, std::memory_order_relaxed);
  });

  std::vector<v1::LadderReport> reports(count);
  std::vector<std::size_t> small, large;
  for (std::size_t i = 0; i < count; ++i) {
    if (!NeedsAnalysis(loaded[i])) reports[i] = loaded[i].base;
    else if (loaded[i].graph->num_positions() >= options.split_threshold) large.push_back(i);
    else small.push_back(i);
  }

  progress.Stage("analysing ladders", small.size());
  ParallelFor(small.size(), threads, [&](std::size_t k, int) {
    const std::size_t i = small[k];
    LadderAnalysis a(loaded[i].graph, *resolved);
    const auto units = a.AllUnits();
    reports[i] = FinishLadder(loaded[i], a.Finish(a.Compute(units, 1)));
    loaded[i].graph.reset();
    progress.counter().fetch_add(1, std::memory_order_relaxed);
  });
  for (std::size_t i : large) {
    LadderAnalysis a(loaded[i].graph, *resolved);
    const auto units = a.AllUnits();
    progress.Stage((*inputs)[i].source, units.size());
    reports[i] = FinishLadder(loaded[i], a.Finish(a.Compute(units, threads, &progress.counter())));
    loaded[i].graph.reset();
  }
  progress.Done();

  v1::AnalysisReport report;
  *report.mutable_options() = *resolved;
  for (auto& r : reports) *report.add_ladders() = std::move(r);
  CAREERGRAPH_RETURN_IF_ERROR(CompleteReport(&report));
  return report;
}

}  // namespace careergraph::batch
