// Replays the checked-in regression corpus through every harness without libFuzzer, so the
// normal (GCC) build and CTest keep every reproducer fixed: fuzz_replay DIR runs each file in
// DIR/<harness>/ through that harness. A broken property aborts (fuzz_util.h).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define CAREERGRAPH_FUZZ_HARNESS(name) extern "C" int name(const std::uint8_t*, std::size_t);
#include "fuzz/harnesses.inc"
#undef CAREERGRAPH_FUZZ_HARNESS

namespace {

struct Harness {
  const char* dir;
  int (*entry)(const std::uint8_t*, std::size_t);
};

#define CAREERGRAPH_FUZZ_HARNESS(name) {#name, &name},
const Harness kHarnesses[] = {
#include "fuzz/harnesses.inc"
};
#undef CAREERGRAPH_FUZZ_HARNESS

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_replay REGRESSIONS_DIR\n");
    return 2;
  }
  namespace fs = std::filesystem;
  std::size_t replayed = 0;
  for (const Harness& h : kHarnesses) {
    const fs::path dir = fs::path(argv[1]) / h.dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::fprintf(stderr, "%s: %s\n", h.dir, f.filename().c_str());
      h.entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  std::fprintf(stderr, "replayed %zu inputs, no property broken\n", replayed);
  return replayed > 0 ? 0 : 1;
}
