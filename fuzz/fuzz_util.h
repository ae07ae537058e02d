// What every harness checks besides "no crash, no sanitizer report": an input a reader
// accepts must build, and the snapshot built from it must read back (the silent-acceptance
// defects of issue 13: text accepted and then lost). A broken property aborts with the
// reason, so libFuzzer saves the input as a crash.
//
// Each harness defines CAREERGRAPH_FUZZ_ENTRY, which is LLVMFuzzerTestOneInput in the
// libFuzzer build and a harness-specific name in the replay executable (fuzz/replay_main.cc)
// that CTest runs over fuzz/regressions/ in the normal build.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/career_graph.h"
#include "io/load.h"

#ifndef CAREERGRAPH_FUZZ_ENTRY
#define CAREERGRAPH_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace careergraph::fuzz {

[[noreturn]] inline void Fail(const std::string& why) {
  std::fprintf(stderr, "fuzz property broken: %s\n", why.c_str());
  std::abort();
}

inline std::string_view Bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A load without errors has positions, keeps the documented bounds (README, "Data
// formats"), builds, and its binary snapshot loads back with the same size.
inline void CheckAcceptedLoadsBack(const io::LoadResult& r, const std::string& what) {
  if (r.has_errors()) return;
  if (r.graph.positions_size() == 0) Fail(what + " accepted with no positions");
  for (const auto& p : r.graph.positions())
    if (!(p.annual_pay() >= 0 && p.annual_pay() <= kMaxAnnualPay)) Fail(what + ": pay outside the bounds accepted");
  for (const auto& t : r.graph.transitions())
    if (!(t.years() > 0 && t.years() <= kMaxTransitionYears)) Fail(what + ": years outside the bounds accepted");
  for (double y : r.graph.transition_table().years())
    if (!(y > 0 && y <= kMaxTransitionYears)) Fail(what + ": years outside the bounds accepted");
  auto built = CareerGraph::Build(r.graph);
  if (!built.ok()) Fail(what + " loaded without errors but does not build: " + built.status().ToString());
  const v1::Graph snapshot = (*built)->ToSnapshot(/*columnar=*/true);
  std::string bytes;
  if (!snapshot.SerializeToString(&bytes)) Fail(what + ": the snapshot does not serialise");
  const io::LoadResult back = io::LoadLadderBytes(bytes, "roundtrip.pb");
  if (back.has_errors()) Fail(what + ": the snapshot built from it does not load: " + back.FirstError().ToString());
  if (back.graph.positions_size() != r.graph.positions_size()) Fail(what + ": positions lost in the snapshot");
}

}  // namespace careergraph::fuzz
