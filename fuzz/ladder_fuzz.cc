// One ladder file, read exactly as `careergraph build` reads one (io/load.h). Built once per
// text format (csv, yaml, json, textproto): CAREERGRAPH_FUZZ_FILE is the file name whose
// extension picks the reader.
#include "fuzz/fuzz_util.h"

extern "C" int CAREERGRAPH_FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
  using namespace careergraph;
  const io::LoadResult r = io::LoadLadderBytes(fuzz::Bytes(data, size), CAREERGRAPH_FUZZ_FILE);
  fuzz::CheckAcceptedLoadsBack(r, CAREERGRAPH_FUZZ_FILE);
  return 0;
}
