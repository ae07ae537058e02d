// A directory of two ladder tables, read by the fast reader `--graph DIR` uses
// (io/csv_snapshot.h) on one thread, on two with chunks of the table's own size and on two
// with chunks of 61 bytes (so small inputs are cut into many chunks, most ending mid-table),
// and by the general reader (io/load.h). Whenever the fast reader gives a graph that builds,
// the general reader must read the directory without an error and build the very same graph
// (the fast reader may decline anything; the general one then reports it).
//
// Input: the positions table, a 0x1E byte, the moves table. Without a 0x1E byte the whole
// input is the moves table, beside a fixed positions table of numbered ids (the peers'
// shape, the one the chunked two-thread read takes). The tables are written as .tsv when the
// positions table's first line holds a tab, else as .csv.
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "io/csv_snapshot.h"

namespace careergraph::fuzz {
namespace {

constexpr std::string_view kNumberedPositions =
    "id\tname\tcompany\ttrack\tlevel\tpay\tambiguity\tleadership\n"
    "0\tco0:SWE:L1\tco0\tSWE\t1\t55800\t0.0373\t0.1391\n"
    "1\tco0:SWE:L2\tco0\tSWE\t2\t67700\t0.0849\t0.0694\n"
    "2\tco0:PM:L2\tco0\tPM\t2\t70100\t0.31\t0.2\n"
    "3\tco1:SWE:L3\tco1\tSWE\t3\t90000\t0.2\t0.3\n"
    "5\tco1:PM:L4\tco1\tPM\t4\t\tunknown\t0.5\n";

// One directory for the process, emptied and refilled for each input.
const std::string& Dir() {
  static const std::string dir = [] {
    std::string t = (getenv("TMPDIR") ? std::string(getenv("TMPDIR")) : std::string("/tmp")) + "/careergraph-fuzz-XXXXXX";
    if (!mkdtemp(t.data())) Fail("cannot make a temporary directory");
    return t;
  }();
  return dir;
}

void Write(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) Fail("cannot write " + path);
}

std::string GraphText(const CareerGraph& g) { return g.ToSnapshot().DebugString(); }

}  // namespace
}  // namespace careergraph::fuzz

extern "C" int CAREERGRAPH_FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
  using namespace careergraph;
  const std::string_view bytes = fuzz::Bytes(data, size);
  const std::size_t split = bytes.find('\x1e');
  const std::string_view positions = split == std::string_view::npos ? fuzz::kNumberedPositions : bytes.substr(0, split);
  const std::string_view moves = split == std::string_view::npos ? bytes : bytes.substr(split + 1);
  const std::string ext = positions.substr(0, positions.find('\n')).find('\t') != std::string_view::npos ? ".tsv" : ".csv";
  const std::string& dir = fuzz::Dir();
  for (const char* name : {"/nodes.tsv", "/edges.tsv", "/nodes.csv", "/edges.csv"}) unlink((dir + name).c_str());
  fuzz::Write(dir + "/nodes" + ext, positions);
  fuzz::Write(dir + "/edges" + ext, moves);

  std::string want;  // the general path's graph, read when a fast read needs it
  bool general_read = false;
  const struct {
    io::CsvThreads threads;
    std::size_t chunk_bytes;
  } ways[] = {{io::CsvThreads::kOne, 0}, {io::CsvThreads::kTwo, 0}, {io::CsvThreads::kTwo, 61}};
  for (const auto& way : ways) {
    auto parts = io::ReadCsvDirectory(dir, way.threads, way.chunk_bytes);
    if (!parts) continue;
    auto fast = CareerGraph::Build(std::move(*parts));
    if (!fast.ok()) continue;  // the caller then takes the general path, which reports it
    if (!general_read) {
      general_read = true;
      io::LoadResult general = io::LoadLadders({dir}, io::LoadOptions{.warnings = false});
      if (general.has_errors())
        fuzz::Fail("the fast CSV reader loads a directory the general reader refuses: " +
                   general.FirstError().ToString());
      auto built = CareerGraph::Build(std::move(general.graph));
      if (!built.ok()) fuzz::Fail("the general reader's graph does not build: " + built.status().ToString());
      want = fuzz::GraphText(**built);
    }
    if (fuzz::GraphText(**fast) != want)
      fuzz::Fail("the fast CSV reader (" + std::string(way.threads == io::CsvThreads::kOne ? "one thread" : "two threads") +
                 ", chunks of " + std::to_string(way.chunk_bytes) + ") reads another graph than the general reader");
  }
  return 0;
}
