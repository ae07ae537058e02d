// A binary snapshot (.pb), through both readers: the fast one queries use
// (io/binary_snapshot.h + CareerGraph::Build) and the general one `validate` uses
// (io/load.h). They must agree: whatever the fast path loads, validate accepts (issue 13,
// defect 3: a damaged transition_table passed validate and failed route).
#include "fuzz/fuzz_util.h"
#include "io/binary_snapshot.h"

extern "C" int CAREERGRAPH_FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
  using namespace careergraph;
  const std::string_view bytes = fuzz::Bytes(data, size);
  const io::LoadResult general = io::LoadLadderBytes(bytes, "fuzz.pb");
  fuzz::CheckAcceptedLoadsBack(general, "a binary snapshot");
  auto parts = io::DecodeBinarySnapshot(bytes, 1);
  if (!parts.ok()) return 0;
  auto fast = CareerGraph::Build(std::move(*parts));
  if (fast.ok() && general.has_errors()) {
    // The fast path does not infer kinds; the general one refuses a transition without one.
    bool kind_missing = false;
    for (const auto& f : general.findings) kind_missing |= f.code() == "bad-kind";
    if (!kind_missing && general.graph.positions_size() > 0)
      fuzz::Fail("the fast reader loads a snapshot that validate refuses: " + general.FirstError().ToString());
  }
  return 0;
}
