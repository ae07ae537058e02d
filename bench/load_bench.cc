// Loading a binary snapshot: read the file, parse the protobuf, build the CareerGraph.
//
//   BM_LoadSnapshot/100k         in process, from bytes already in memory: parse + Build
//   BM_Large_LoadSnapshot        1M positions / ~10M transitions: the file mapped, decoded by
//                                io::DecodeBinarySnapshot, CareerGraph::Build (target:
//                                < 1.5 s, < 1.5 GB peak resident)
//   BM_Large_LoadSnapshotProtobuf  the same through protobuf alone: io::ReadFile +
//                                Graph::ParseFromString + Build(v1::Graph), for comparison
//   BM_Large_LoadSnapshotStream  protobuf parsing straight from the file descriptor
//   BM_Large_OpenGraph           io::OpenGraph(path): what `--graph graph.pb` does (the
//                                binary fast path; the general path's errors only on bad data)
//
// Peak resident memory is only meaningful for a process that did nothing else, so each
// BM_Large load runs in a fresh child process (this binary re-executed with an internal
// flag); the child reports its phase times and VmHWM, and the benchmark uses the child's
// own timing (manual time: process start-up is not counted). The 1M snapshot is written
// once, also by a child, with io::WriteFileAtomic from CareerGraph::ToSnapshot(true) (the
// columnar form `careergraph build` writes), to ${TMPDIR:-/tmp}/careergraph-bench/ and
// reused by later runs; the generator is deterministic, so a cached file is the same file.
// This file also holds the binary's main(), which dispatches those internal modes.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <google/protobuf/io/zero_copy_stream_impl.h>

#include "bench/synthetic.h"
#include "engine/career_graph.h"
#include "io/atomic_file.h"
#include "io/binary_snapshot.h"
#include "io/graph_source.h"

namespace careergraph::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kWriteFlag = "--internal-write-snapshot";
constexpr const char* kLoadFlag = "--internal-load";

// Prints a failed status for the parent process to show; true when it failed.
bool Failed(const Status& st) {
  if (st.ok()) return false;
  std::fprintf(stderr, "%s\n", st.ToString().c_str());
  return true;
}

double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU seconds (user + system) this process has used so far. On a shared machine wall time
// includes waiting for a core; CPU time does not.
double CpuSeconds() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

// A field of /proc/self/status in kB (VmHWM = peak resident set, VmRSS = current).
long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t len = std::strlen(field);
  while (std::getline(in, line))
    if (line.compare(0, len, field) == 0 && line.size() > len && line[len] == ':')
      return std::strtol(line.c_str() + len + 1, nullptr, 10);
  return -1;
}

// ---- child modes ----

int WriteSnapshotMain(const std::string& path, std::uint32_t companies, std::uint64_t seed) {
  SyntheticOptions o;
  o.companies = companies;
  o.seed = seed;
  auto g = CareerGraph::Build(SyntheticLadder(o));
  if (Failed(g.status())) return 1;
  const std::string bytes = (*g)->ToSnapshot(true).SerializeAsString();
  fs::create_directories(fs::path(path).parent_path());
  const Status st = io::WriteFileAtomic(path, bytes);
  if (Failed(st)) return 1;
  return 0;
}

// Prints one line: "read=S parse=S build=S total=S cpu=S parse_cpu=S build_cpu=S peak_kb=K
// positions=N transitions=M bytes=B": phases in wall seconds, then CPU seconds of the whole
// load and of its parse and build phases.
int LoadMain(const std::string& mode, const std::string& path) {
  const double cpu0 = CpuSeconds();
  const auto t0 = Clock::now();
  double read_s = 0, parse_s = 0, build_s = 0, parse_cpu = 0, build_cpu = 0;
  GraphPtr graph;
  if (mode == "open") {
    auto g = io::OpenGraph(path);
    if (Failed(g.status())) return 1;
    graph = *g;
  } else if (mode == "bytes") {
    StatusOr<SnapshotParts> parts = Status::Internal("unread");
    {
      auto file = io::MappedFile::Open(path);
      if (Failed(file.status())) return 1;
      read_s = Since(t0);
      const auto t1 = Clock::now();
      const double cpu1 = CpuSeconds();
      parts = io::DecodeBinarySnapshot(file->bytes());
      if (Failed(parts.status())) return 1;
      parse_s = Since(t1);
      parse_cpu = CpuSeconds() - cpu1;
    }
    const auto t2 = Clock::now();
    const double cpu2 = CpuSeconds();
    auto g = CareerGraph::Build(std::move(*parts));
    if (Failed(g.status())) return 1;
    graph = *g;
    build_s = Since(t2);
    build_cpu = CpuSeconds() - cpu2;
  } else {
    v1::Graph snapshot;
    if (mode == "stream") {
      const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        std::perror(path.c_str());
        return 1;
      }
      google::protobuf::io::FileInputStream in(fd, 1 << 20);
      const bool ok = snapshot.ParseFromZeroCopyStream(&in);
      ::close(fd);
      if (!ok) {
        std::fprintf(stderr, "cannot parse %s\n", path.c_str());
        return 1;
      }
      parse_s = Since(t0);
      parse_cpu = CpuSeconds() - cpu0;
    } else {
      auto bytes = io::ReadFile(path);
      if (Failed(bytes.status())) return 1;
      read_s = Since(t0);
      const auto t1 = Clock::now();
      const double cpu1 = CpuSeconds();
      if (!snapshot.ParseFromString(*bytes)) {
        std::fprintf(stderr, "cannot parse %s\n", path.c_str());
        return 1;
      }
      parse_s = Since(t1);
      parse_cpu = CpuSeconds() - cpu1;
    }
    const auto t2 = Clock::now();
    const double cpu2 = CpuSeconds();
    auto g = CareerGraph::Build(std::move(snapshot));
    if (Failed(g.status())) return 1;
    graph = *g;
    build_s = Since(t2);
    build_cpu = CpuSeconds() - cpu2;
  }
  const double total = Since(t0);
  const double cpu = CpuSeconds() - cpu0;
  std::printf(
      "read=%.6f parse=%.6f build=%.6f total=%.6f cpu=%.6f parse_cpu=%.6f build_cpu=%.6f peak_kb=%ld positions=%u "
      "transitions=%u bytes=%zu\n",
      read_s, parse_s, build_s, total, cpu, parse_cpu, build_cpu, StatusKb("VmHWM"), graph->num_positions(),
      graph->num_transitions(), graph->MemoryBytes());
  return 0;
}

// ---- parent side ----

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string SelfPath() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

// Runs this binary with `args`; returns its stdout, or an error message in *error.
std::string RunSelf(const std::string& args, std::string* error) {
  const std::string cmd = Quote(SelfPath()) + " " + args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) {
    *error = "cannot start " + cmd;
    return "";
  }
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int rc = ::pclose(p);
  if (rc != 0) *error = "'" + cmd + "' failed (status " + std::to_string(rc) + ")";
  return out;
}

// The cached 1M snapshot's path, writing it first if needed; empty with *error on failure.
std::string LargeSnapshot(std::string* error) {
  static std::string path, failure;
  if (path.empty() && failure.empty()) {
    const SyntheticOptions o = SyntheticOptions::Large();
    const char* tmp = std::getenv("TMPDIR");
    const fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / "careergraph-bench";
    const fs::path file = dir / ("synthetic-v1-c" + std::to_string(o.companies) + "-s" + std::to_string(o.seed) + ".pb");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) == 0) {
      std::fprintf(stderr, "writing the 1M-position snapshot to %s (once; reused by later runs)\n",
                   file.string().c_str());
      RunSelf(std::string(kWriteFlag) + " " + Quote(file.string()) + " " + std::to_string(o.companies) + " " +
                  std::to_string(o.seed),
              &failure);
    }
    if (failure.empty()) path = file.string();
  }
  *error = failure;
  return path;
}

std::map<std::string, double> ParseFields(const std::string& line) {
  std::map<std::string, double> out;
  std::istringstream in(line);
  std::string kv;
  while (in >> kv) {
    const auto eq = kv.find('=');
    if (eq != std::string::npos) out[kv.substr(0, eq)] = std::strtod(kv.c_str() + eq + 1, nullptr);
  }
  return out;
}

void LoadInChild(benchmark::State& state, const char* mode) {
  std::string error;
  const std::string path = LargeSnapshot(&error);
  if (path.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::map<std::string, double> sum;
  double peak_kb = 0;
  for (auto _ : state) {
    const std::string out = RunSelf(std::string(kLoadFlag) + " " + mode + " " + Quote(path), &error);
    if (!error.empty()) {
      state.SkipWithError(error.c_str());
      return;
    }
    const auto f = ParseFields(out);
    if (!f.count("total")) {
      state.SkipWithError(("unexpected child output: " + out).c_str());
      return;
    }
    state.SetIterationTime(f.at("total"));
    for (const char* k : {"read", "parse", "build", "cpu", "parse_cpu", "build_cpu"}) sum[k] += f.at(k);
    peak_kb = std::max(peak_kb, f.at("peak_kb"));
    state.counters["positions"] = f.at("positions");
    state.counters["transitions"] = f.at("transitions");
    state.counters["engine_mb"] = f.at("bytes") / 1048576.0;
  }
  const double iters = static_cast<double>(state.iterations());
  for (const auto& [k, v] : sum) state.counters[k + "_s"] = v / iters;
  state.counters["peak_rss_mb"] = peak_kb / 1024.0;
  std::error_code ec;
  state.counters["file_mb"] = static_cast<double>(fs::file_size(path, ec)) / 1048576.0;
}

void BM_Large_LoadSnapshot(benchmark::State& state) { LoadInChild(state, "bytes"); }
void BM_Large_LoadSnapshotProtobuf(benchmark::State& state) { LoadInChild(state, "protobuf"); }
void BM_Large_LoadSnapshotStream(benchmark::State& state) { LoadInChild(state, "stream"); }
void BM_Large_OpenGraph(benchmark::State& state) { LoadInChild(state, "open"); }
BENCHMARK(BM_Large_LoadSnapshot)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large_LoadSnapshotProtobuf)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large_LoadSnapshotStream)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large_OpenGraph)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// In process, small enough for the CI smoke run: the same parse + Build on 100k positions.
void BM_LoadSnapshot(benchmark::State& state) {
  static const std::string bytes = [] {
    auto g = CareerGraph::Build(SyntheticLadder(SyntheticOptions::Medium()));
    return g.ok() ? (*g)->ToSnapshot(true).SerializeAsString() : std::string();
  }();
  if (bytes.empty()) {
    state.SkipWithError("cannot build the 100k graph");
    return;
  }
  EdgeId m = 0;
  for (auto _ : state) {
    v1::Graph snapshot;
    snapshot.ParseFromString(bytes);
    auto g = CareerGraph::Build(std::move(snapshot));
    m = (*g)->num_transitions();
    benchmark::DoNotOptimize(g);
  }
  state.counters["transitions"] = m;
  state.counters["file_mb"] = static_cast<double>(bytes.size()) / 1048576.0;
}
BENCHMARK(BM_LoadSnapshot)->Name("BM_LoadSnapshot/100k")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace careergraph::bench

int main(int argc, char** argv) {
  using namespace careergraph::bench;
  if (argc == 5 && std::strcmp(argv[1], kWriteFlag) == 0)
    return WriteSnapshotMain(argv[2], static_cast<std::uint32_t>(std::strtoul(argv[3], nullptr, 10)),
                             std::strtoull(argv[4], nullptr, 10));
  if (argc == 4 && std::strcmp(argv[1], kLoadFlag) == 0) return LoadMain(argv[2], argv[3]);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
